/* cmd-poll.c - poll NAME... [TIMEOUT]: poll(2) on sockets, serving the
 * background jobs while it waits. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/sig.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type poll_event = {
	.call = "poll", .op = NULL, .role = ROLE_NONE
};

#define POLL_MAX	32
#define POLL_EVENTS	(POLLIN | POLLOUT | POLLPRI | POLLRDHUP)

static char *
revents_text(short r, char *buf, size_t n)
{
	static const struct { short bit; const char *name; } bits[] = {
		{ POLLIN, "POLLIN" }, { POLLPRI, "POLLPRI" },
		{ POLLOUT, "POLLOUT" }, { POLLRDHUP, "POLLRDHUP" },
		{ POLLERR, "POLLERR" }, { POLLHUP, "POLLHUP" },
		{ POLLNVAL, "POLLNVAL" }
	};
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof bits / sizeof *bits && o < n; i++)
		if (r & bits[i].bit)
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
			    o ? "|" : "", bits[i].name);
	if (o == 0)
		snprintf(buf, n, "-");
	return buf;
}

/* What R means for H, in words. */
static void
explain(struct shell *sh, struct handle *h, short r)
{
	socklen_t len = sizeof(int), sslen = sizeof(struct sockaddr_storage);
	struct sockaddr_storage ss;
	int listening = 0, n = 0, first = 1;
	int tcp = h->type == SOCK_STREAM && h->family != AF_UNIX, unconnected;

	getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
	unconnected = tcp && !listening && !h->connecting &&
	    getpeername(h->fd, (struct sockaddr *)&ss, &sslen) < 0;
#define SAY(s) do {							\
	fputs(first ? "" : "; ", sh->out);				\
	fputs((s), sh->out);						\
	first = 0;							\
} while (0)
	if (r & POLLIN) {
		if (listening)
			SAY(_("a connection waits: accept would not wait"));
		else if ((r & POLLRDHUP) && ioctl(h->fd, FIONREAD, &n) == 0 &&
		    n == 0)
			SAY(_("readable: the end of the stream (recv returns "
			    "0)"));
		else if (h->type == SOCK_DGRAM)
			SAY(_("readable: a datagram waits"));
		else
			SAY(_("readable: data waits, recv would not wait"));
	}
	if (r & POLLPRI)
		SAY(_("urgent data (MSG_OOB) waits"));
	if (r & POLLOUT) {
		/* POLLOUT says a send would not wait, not that it would
		 * succeed: TCP gives it unconnected and after shutdown wr. */
		if (h->connecting)
			SAY(_("writable: the connection attempt has ended "
			    "('getsockopt NAME SO_ERROR' says how)"));
		else if (tcp && (h->shut & 2))
			SAY(_("writable, yet send would fail at once with "
			    "EPIPE: this side shut its sending direction "
			    "(shutdown wr)"));
		else if (unconnected)
			SAY(_("writable, yet send would fail at once with "
			    "EPIPE: the socket is not connected"));
		else
			SAY(_("writable: send would not wait"));
	}
	if (r & POLLERR)
		SAY(_("an error is pending (SO_ERROR tells it)"));
	if ((r & POLLHUP) && unconnected && h->peer_len == 0)
		SAY(_("hung up: there is no connection (TCP state CLOSE)"));
	else if (r & POLLHUP)
		SAY(_("hung up: both directions are closed"));
	else if ((r & POLLRDHUP) && !(r & POLLIN))
		SAY(_("the peer closed its side"));
	if (r == 0)
		SAY(listening ? _("nothing: no connection waits to be "
		    "accepted") : _("nothing ready: recv would wait"));
#undef SAY
	fputc('\n', sh->out);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The set polled: the sockets named, their names for the call line, and
 * how long to wait. */
struct pollset {
	struct handle	*h[POLL_MAX];
	size_t		 n;
	char		 list[POLL_MAX * (HANDLE_NAME_MAX + 2) + 8];
	long		 timeout;	/* ms; -1: for ever */
};

/* The words: NAME... [TIMEOUT]. 0, or -1 after a message. */
static int
poll_words(struct shell *sh, struct cmd_args *a, struct pollset *ps)
{
	const char *last = a->argv[a->argc - 1];
	size_t i, o = 0;
	char *end;

	ps->timeout = 0;
	ps->n = 0;
	if (a->argc > 1 && (isdigit((unsigned char)last[0]) ||
	    (last[0] == '-' && isdigit((unsigned char)last[1])))) {
		errno = 0;
		ps->timeout = strtol(last, &end, 10);
		if (*end != '\0' || errno != 0 || ps->timeout > 86400000L ||
		    ps->timeout < -1) {
			report_error(sh, _("'%.40s' is not a timeout: write "
			    "milliseconds, as in 1000, 0 (do not wait) or -1 "
			    "(wait for ever)"), last);
			return -1;
		}
		a->argc--;
	}
	if (a->argc > POLL_MAX) {
		report_error(sh, _("poll takes at most %d sockets"), POLL_MAX);
		return -1;
	}
	for (i = 0; i < (size_t)a->argc; i++) {
		if ((ps->h[ps->n] = args_open_handle(sh, a->argv[i])) == NULL)
			return -1;
		o += (size_t)snprintf(ps->list + o, sizeof ps->list - o,
		    "%s%s", o ? ", " : "", ps->h[ps->n]->name);
		ps->n++;
	}
	return 0;
}

/*
 * Polls the set in P (room for CAP: the sockets, then every job's, whose
 * calls go on meanwhile, as at the prompt) until a socket is ready or the
 * timeout ends: how many are ready, or -1 after a message.
 */
static int
poll_wait(struct shell *sh, const struct pollset *ps, struct pollfd *p,
    size_t cap)
{
	struct timespec t0;
	long wait;
	size_t nj, i;
	int rc, err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		for (i = 0; i < ps->n; i++) {
			p[i].fd = ps->h[i]->fd;
			p[i].events = POLL_EVENTS;
			p[i].revents = 0;
		}
		nj = jobs_pollfds(sh, p + ps->n, cap - ps->n);
		wait = ps->timeout < 0 ? -1 : ps->timeout - ms_since(&t0);
		if (wait < -1 || (ps->timeout >= 0 && wait < 0))
			wait = 0;
		rc = poll(p, ps->n + nj, jobs_poll_sooner((int)wait,
		    jobs_timeout(sh)));
		err = errno;
		if (rc < 0 && err == EINTR && sig_interrupted) {
			sig_interrupted = 0;
			if (sh->interactive)
				fputc('\n', sh->err);
			report_error(sh, "%s", _("poll: interrupted (Ctrl-C)"));
			return -1;
		}
		if (rc < 0 && err == EINTR)
			continue;
		if (rc < 0) {
			report_call_failed(sh, NULL, NULL, "", "poll", err,
			    "[%s], %zu, %ld", ps->list, ps->n, ps->timeout);
			handle_log(sh, &poll_event, ps->h[0]->id, 0, -1, err);
			return -1;
		}
		for (rc = 0, i = 0; i < ps->n; i++)
			rc += p[i].revents != 0;
		if (rc > 0 || wait == 0)
			return rc;
		jobs_check(sh);
		for (i = 0; i < ps->n; i++)
			if (ps->h[i]->fd < 0) {
				report_error(sh, _("poll: %s was closed while "
				    "waiting"), ps->h[i]->name);
				return -1;
			}
	}
}

static enum cmd_retval
cmd_poll_exec(struct shell *sh, struct cmd_args *a)
{
	struct pollset ps;
	struct pollfd *p;
	char ev[96];
	size_t i, cap;
	int rc, capped = 0;

	if (poll_words(sh, a, &ps) < 0)
		return CMD_ERROR;
	if (sh->timeout > 0 && (ps.timeout < 0 ||
	    ps.timeout > sh->timeout * 1000)) {
		ps.timeout = (long)(sh->timeout * 1000);
		capped = 1;
	}
	/* The sockets, then every job's (no command runs meanwhile, so no
	 * job starts: their count only falls). */
	cap = ps.n + jobs_count(sh);
	if ((p = calloc(cap, sizeof *p)) == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	if ((rc = poll_wait(sh, &ps, p, cap)) < 0) {
		free(p);
		return CMD_ERROR;
	}
	fprintf(sh->out, "poll([%s], %zu, %ld) = %d%s\n", ps.list, ps.n,
	    ps.timeout, rc, rc == 0 ? _(": nothing is ready") : "");
	if (capped && rc == 0)
		fprintf(sh->out, _("  (the shell's --timeout, %g s, capped the "
		    "wait)\n"), sh->timeout);
	for (i = 0; i < ps.n; i++) {
		fprintf(sh->out, "  %-*s %-24s ", HANDLE_NAME_MAX < 8 ?
		    HANDLE_NAME_MAX : 8, ps.h[i]->name,
		    revents_text(p[i].revents, ev, sizeof ev));
		explain(sh, ps.h[i], p[i].revents);
		/* A non-blocking connect that has ended: keep its addresses. */
		if (ps.h[i]->connecting && (p[i].revents & POLLOUT))
			handle_remember_addrs(ps.h[i]);
	}
	handle_log(sh, &poll_event, ps.h[0]->id, 0, rc, 0);
	free(p);
	return CMD_OK;
}

const struct cmd_entry cmd_poll_entry = {
	.name = "poll",
	.alias = "select",
	.min_args = 1, .max_args = -1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_REPEAT }),
	.usage = N_("NAME... [TIMEOUT]"),
	.summary = N_("wait until sockets are readable or writable"),
	.help = N_("Makes poll(2) on the sockets named, waiting up to TIMEOUT "
	    "milliseconds (0 by default: just look; -1: for ever), and shows "
	    "for each what is ready: readable (data, the end of the stream, "
	    "or on a listener a connection to accept), writable (room to "
	    "send; after a non-blocking connect, its end), urgent data, an "
	    "error, a hang-up. This is how a program with non-blocking "
	    "sockets knows when to call again. Ctrl-C stops the wait."),
	.event = &poll_event,
	.example = "poll cli srv 1000",
	.exec = cmd_poll_exec,
};
