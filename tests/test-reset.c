/* test-reset.c - starting afresh: 'reset' closes every socket and
 * forgets every call; 'clear' forgets only the closed sockets and their
 * calls, the open ones, their events and their jobs going on. */
#include <config.h>

#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"
#include "base/evlog.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"

TSHELL_SUITE(reset);

/* srv listening, cli connected to it, conn accepted. */
static void
establish(void)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "socket cli", "connect cli srv", "accept srv conn",
	    NULL });
}

/* Every event of the log is a call on a socket the shell still has, and
 * each job's and result's index points at a pending call of its socket. */
static void
log_consistent(void)
{
	const struct evlog *log = &t.sh.log;
	struct job *j;
	size_t i;

	for (i = 0; i < log->n; i++) {
		cr_assert(log->v[i].handle_id == 0 ||
		    handle_by_id(&t.sh, log->v[i].handle_id) != NULL);
		if (log->v[i].began > 0)
			cr_assert_eq(log->v[log->v[i].began - 1].handle_id,
			    log->v[i].handle_id);
	}
	for (j = t.sh.jobs; j != NULL; j = j->next) {
		cr_assert(j->op.event > 0 && j->op.event <= log->n);
		cr_assert(log->v[j->op.event - 1].pending);
		cr_assert_eq(log->v[j->op.event - 1].handle_id,
		    j->op.handle_id);
	}
}

Test(reset, closes_every_socket_and_forgets_every_call)
{
	int fds;
	char want[64];

	establish();
	ts_ok(&t, (const char *const[]){ "recv conn &", "close cli", NULL });
	/* the recv job ended with the EOF; another waits */
	ts_ok(&t, (const char *const[]){ "socket c2", "connect c2 srv",
	    "recv c2 &", NULL });
	cr_assert_eq(jobs_count(&t.sh), 1);
	fds = count_fds();
	snprintf(want, sizeof want, "close(%d) = 0: srv is closed\n",
	    ts_handle(&t, "srv")->fd);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "reset", NULL });
	assert_has(ts_out(&t), want);
	assert_has(ts_out(&t), ": conn is closed\n");
	assert_has(ts_out(&t), "reset: 3 sockets closed; the picture starts "
	    "afresh\n");
	cr_assert_eq(count_fds(), fds - 3);
	cr_assert_eq(t.sh.nhandles, 0);
	cr_assert_eq(t.sh.log.n, 0);
	cr_assert_eq(jobs_count(&t.sh), 0);
	/* A fresh start: the names again, the picture from the first call. */
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "socket srv", "show", NULL });
	cr_assert_eq(t.sh.nhandles, 1);
	cr_assert_eq(t.sh.log.n, 1);
	assert_has_not(ts_out(&t), "conn");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "close srv", "reset", NULL });
	assert_has(ts_out(&t), "reset: no socket was open; the picture starts "
	    "afresh\n");
}

Test(reset, clear_forgets_only_what_is_finished)
{
	size_t events;

	establish();
	ts_ok(&t, (const char *const[]){ "socket u udp", "close u",
	    "recv conn &", NULL });
	events = t.sh.log.n;
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "clear", NULL });
	assert_has(ts_out(&t), "clear: 1 closed socket forgotten, and its "
	    "calls; the open ones stay\n");
	/* In a script, no control codes. */
	cr_assert_null(strchr(ts_out(&t), '\033'));
	cr_assert_null(handle_find(&t.sh, "u"));
	cr_assert_eq(t.sh.nhandles, 3);
	cr_assert_eq(t.sh.log.n, events - 2);	/* u's socket and close */
	log_consistent();
	/* The job goes on, and ends where it began. */
	ts_ok(&t, (const char *const[]){ "send cli \"after clear\"", "wait 1",
	    NULL });
	assert_has(ts_out(&t), "= 11: \"after clear\"");
	cr_assert_eq(jobs_count(&t.sh), 0);
	log_consistent();
	/* A connection closed on one side: that side goes, the other
	 * stays with its calls. */
	ts_ok(&t, (const char *const[]){ "close cli", "clear", NULL });
	cr_assert_null(handle_find(&t.sh, "cli"));
	cr_assert_not_null(handle_find(&t.sh, "conn"));
	log_consistent();
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "clear", NULL });
	assert_has(ts_out(&t), "clear: no closed socket to forget\n");
}

Test(reset, clear_forgets_a_listener_its_connection_outlives)
{
	establish();
	ts_ok(&t, (const char *const[]){ "close srv", "clear", "picture",
	    "show", NULL });
	cr_assert_null(handle_find(&t.sh, "srv"));
	cr_assert_eq(ts_handle(&t, "conn")->listener_id, 0);
	log_consistent();
	ts_ok(&t, (const char *const[]){ "send cli \"x\"", "recv conn => \"x\"",
	    NULL });
}
