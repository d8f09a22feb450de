/* job.c - calls running in the background ("accept srv conn &"), and the
 * one place the shell waits: poll on a socket, serving jobs meanwhile. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/sig.h"
#include "core/handle.h"
#include "core/hooks.h"
#include "core/job.h"
#include "core/op.h"
#include "core/shell.h"
#include "core/where.h"

/* Numbers start at 1 and go on from the highest one still running. */
struct job *
job_start(struct shell *sh, struct op *op)
{
	struct job *j, **tail;
	int number = 1;

	for (j = sh->jobs; j != NULL; j = j->next)
		if (j->number >= number)
			number = j->number + 1;
	j = calloc(1, sizeof *j);
	if (j == NULL)
		return NULL;
	j->number = number;
	j->at = sh->at;
	j->at.path = NULL;	/* a job runs no file: nothing beside it */
	if ((j->at.file = strdup(sh->at.file)) == NULL) {
		free(j);
		return NULL;
	}
	if (number > sh->max_job)
		sh->max_job = number;
	j->op = *op;
	for (tail = &sh->jobs; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = j;
	return j;
}

struct job *
job_find(struct shell *sh, int number)
{
	struct job *j;

	for (j = sh->jobs; j != NULL; j = j->next)
		if (j->number == number)
			return j;
	return NULL;
}

/* The job that waits on the same side of the same socket, if any. */
struct job *
job_for_handle(struct shell *sh, int handle_id, enum op_kind kind)
{
	struct job *j;
	int reads = kind == OP_ACCEPT || kind == OP_RECV;

	for (j = sh->jobs; j != NULL; j = j->next) {
		int jreads = j->op.kind == OP_ACCEPT || j->op.kind == OP_RECV;

		if (j->op.handle_id == handle_id &&
		    (jreads == reads || j->op.kind == OP_CONNECT ||
		    kind == OP_CONNECT))
			return j;
	}
	return NULL;
}

size_t
jobs_count(struct shell *sh)
{
	struct job *j;
	size_t n = 0;

	for (j = sh->jobs; j != NULL; j = j->next)
		n++;
	return n;
}

static void
job_remove(struct shell *sh, struct job *job)
{
	struct job **p;

	for (p = &sh->jobs; *p != NULL; p = &(*p)->next) {
		if (*p == job) {
			*p = job->next;
			break;
		}
	}
	op_free(&job->op);
	free((char *)job->at.file);
	free(job);
}

/*
 * Reports on job J between begin and end: above the prompt, and with its
 * errors said at the line that started it, not the one running now.
 */
static void
job_report_begin(struct shell *sh, struct job *j, struct where *outer)
{
	hooks_async_begin(sh);
	*outer = where_enter(sh, j->at);
}

static void
job_report_end(struct shell *sh, struct where outer)
{
	where_leave(sh, outer);
	hooks_async_end(sh);
}

void
jobs_cancel_handle(struct shell *sh, int handle_id, const char *why)
{
	struct job *j, *next;
	struct where outer;

	for (j = sh->jobs; j != NULL; j = next) {
		next = j->next;
		if (j->op.handle_id != handle_id)
			continue;
		job_report_begin(sh, j, &outer);
		fprintf(sh->out, _("[%d] cancelled: %s (%s)\n"), j->number,
		    j->op.desc, why);
		op_cancel(sh, &j->op, 1);
		job_report_end(sh, outer);
		job_remove(sh, j);
	}
}

/*
 * Closes H's socket, cancelling the jobs that wait on it first (each is
 * said). Returns close's result, with errno set; 0 for a closed one.
 */
int
jobs_close_handle(struct shell *sh, struct handle *h)
{
	if (h->fd >= 0)
		jobs_cancel_handle(sh, h->id, _("its socket is being closed"));
	return handle_close(h);
}

/* One pollfd per job, in the jobs' order, at most MAX; returns how many. */
size_t
jobs_pollfds(struct shell *sh, struct pollfd *p, size_t max)
{
	struct job *j;
	size_t n = 0;
	short events;

	for (j = sh->jobs; j != NULL && n < max; j = j->next) {
		struct handle *h = handle_by_id(sh, j->op.handle_id);

		events = j->op.kind == OP_ACCEPT || j->op.kind == OP_RECV ?
		    POLLIN : POLLOUT;
		p[n].fd = h != NULL ? h->fd : -1;
		p[n].events = events;
		p[n].revents = 0;
		n++;
	}
	return n;
}

/*
 * The poll set of a wait: FD for EVENTS first (FD -1: none), then every
 * job's, in *P grown to fit (*CAP; free it after): however many jobs
 * run, each is polled. Returns how many; when memory runs out, FD's and
 * as many jobs' as fit (at least FD's: *P then points to a static one).
 */
size_t
jobs_pollset(struct shell *sh, struct pollfd **p, size_t *cap, int fd,
    short events)
{
	static struct pollfd one;
	size_t want = 1 + jobs_count(sh);
	struct pollfd *grown;

	if (want > *cap && (grown = realloc(*cap > 0 ? *p : NULL,
	    want * sizeof **p)) != NULL) {
		*p = grown;
		*cap = want;
	}
	if (*cap == 0)
		*p = &one;
	(*p)[0].fd = fd;
	(*p)[0].events = events;
	(*p)[0].revents = 0;
	return 1 + (*cap > 0 ? jobs_pollfds(sh, *p + 1, *cap - 1) : 0);
}

/*
 * Steps every job whose socket is ready, and ends the ones whose socket's
 * SO_RCVTIMEO or SO_SNDTIMEO ran out, as the kernel would have ended the
 * blocking call; reports the ones that end.
 */
void
jobs_check(struct shell *sh)
{
	struct job *j, *next;
	struct pollfd p;
	char prefix[32];
	short events;
	int ready, ended;
	struct where outer;

	for (j = sh->jobs; j != NULL; j = next) {
		struct handle *h = handle_by_id(sh, j->op.handle_id);

		next = j->next;
		if (h == NULL || h->fd < 0)
			continue;
		p.fd = h->fd;
		p.events = j->op.kind == OP_ACCEPT || j->op.kind == OP_RECV ?
		    POLLIN : POLLOUT;
		ready = poll(&p, 1, 0) > 0;
		if (!ready && op_sotimeo(sh, &j->op) != 0)
			continue;
		snprintf(prefix, sizeof prefix, _("[%d] done: "), j->number);
		job_report_begin(sh, j, &outer);
		if (!ready)
			op_timed_out(sh, &j->op, prefix);
		ended = !ready || op_step(sh, &j->op, &events, prefix) !=
		    OP_WAIT;
		job_report_end(sh, outer);
		if (ended)
			job_remove(sh, j);
	}
}

int
jobs_timeout(struct shell *sh)
{
	struct job *j;
	double left;
	int ms = -1;

	for (j = sh->jobs; j != NULL; j = j->next) {
		if ((left = op_sotimeo(sh, &j->op)) < 0)
			continue;
		/* Rounded up: a wake-up before the time would find nothing
		 * to do, and poll again at once. */
		ms = jobs_poll_sooner(ms, (int)(left * 1000) + 1);
	}
	return ms;
}

int
jobs_poll_sooner(int a, int b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

static long
ms_until(const struct timespec *deadline)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms;
}

/* The moment TIMEOUT seconds from now. */
static struct timespec
deadline_in(double timeout)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	t.tv_sec += (time_t)timeout;
	t.tv_nsec += (long)((timeout - (double)(time_t)timeout) * 1e9);
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	}
	return t;
}

/* Ctrl-C came: taken, so the next wait waits again. */
static int
interrupted(void)
{
	if (!sig_interrupted)
		return 0;
	sig_interrupted = 0;
	return 1;
}

/*
 * Waits until FD is ready for EVENTS (FD -1: no socket), or until job
 * number JOB has ended (-1: every job), for TIMEOUT seconds at most (0:
 * for ever), serving the jobs meanwhile. Says how the wait ended; after
 * WAIT_FAILED, errno says why poll(2) failed.
 */
enum jobs_wait_end
jobs_wait(struct shell *sh, int fd, short events, int job, double timeout)
{
	struct pollfd *p = NULL;
	struct timespec deadline = deadline_in(timeout);
	enum jobs_wait_end end;
	size_t n, cap = 0;
	long ms;
	int rc, err = 0;

	fflush(sh->out);	/* what led here is seen while it waits */
	for (;;) {
		if ((job > 0 && job_find(sh, job) == NULL) ||
		    (job < 0 && sh->jobs == NULL)) {
			end = WAIT_READY;
			break;
		}
		n = jobs_pollset(sh, &p, &cap, fd, events);
		ms = timeout > 0 ? ms_until(&deadline) : -1;
		if (interrupted()) {
			end = WAIT_INTERRUPTED;
			break;
		}
		rc = poll(p, n, jobs_poll_sooner(ms > INT32_MAX ? -1 : (int)ms,
		    jobs_timeout(sh)));
		if (rc < 0 && errno == EINTR) {
			if (interrupted()) {
				end = WAIT_INTERRUPTED;
				break;
			}
			continue;
		}
		if (rc < 0) {
			err = errno;
			end = WAIT_FAILED;
			break;
		}
		if (rc == 0 && timeout > 0 && ms_until(&deadline) == 0) {
			end = WAIT_TIMEOUT;
			break;
		}
		if (fd >= 0 && p[0].revents != 0) {
			end = WAIT_READY;
			break;
		}
		jobs_check(sh);
	}
	if (cap > 0)
		free(p);
	errno = err;
	return end;
}
