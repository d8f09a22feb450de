/* job.h - jobs: calls that wait in the background, and waiting. */
#ifndef SOCKSHELL_JOB_H
#define SOCKSHELL_JOB_H

#include <poll.h>
#include <stddef.h>

#include "core/op.h"
#include "core/shell.h"

struct shell;

struct job {
	int		 number;
	struct op	 op;
	struct where	 at;		/* the line that started it, for its
					   errors: FILE:LINE (file: its own
					   copy) */
	struct job	*next;
};

/* job.c */
struct job	*job_start(struct shell *, struct op *);
struct job	*job_find(struct shell *, int number);
struct job	*job_for_handle(struct shell *, int handle_id,
		     enum op_kind kind);
void		 jobs_cancel_handle(struct shell *, int handle_id,
		     const char *why);
size_t		 jobs_pollfds(struct shell *, struct pollfd *, size_t max);
size_t		 jobs_pollset(struct shell *, struct pollfd **, size_t *cap,
		     int fd, short events);
void		 jobs_check(struct shell *);
/* Milliseconds until the first job's SO_RCVTIMEO or SO_SNDTIMEO runs
 * out (jobs_check then ends it), or -1; and the sooner of two poll(2)
 * timeouts. */
int		 jobs_timeout(struct shell *);
int		 jobs_poll_sooner(int, int);
size_t		 jobs_count(struct shell *);
/* How jobs_wait ended: what it waited for came, Ctrl-C, the timeout, or
 * poll(2) failed (errno says why). */
enum jobs_wait_end { WAIT_READY, WAIT_INTERRUPTED, WAIT_TIMEOUT, WAIT_FAILED };
enum jobs_wait_end jobs_wait(struct shell *, int fd, short events, int job,
		     double timeout);

/* Closes H, cancelling the jobs that wait on it first. */
int		 jobs_close_handle(struct shell *, struct handle *);

#endif
