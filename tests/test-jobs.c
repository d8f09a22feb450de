/* test-jobs.c - calls waiting in the background ('&'), 'jobs', 'wait',
 * cancelling by close, and the shell's own timeout on a blocking call. */
#include <config.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "base/evlog.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"

TSHELL_SUITE(jobs);

static void
run_ok(const char *line)
{
	cr_assert_eq(ts_run(&t, line), 0, "'%s' failed: %s", line, ts_err(&t));
}

static void
run_fail(const char *line, const char *says)
{
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, line), -1, "'%s' did not fail", line);
	assert_has(ts_err(&t), says);
}

/* Waits for job N unless it ended already (after the last command). */
static void
wait_job(int n)
{
	char line[32];

	snprintf(line, sizeof line, "wait %d", n);
	if (job_find(&t.sh, n) != NULL)
		run_ok(line);
	cr_assert_eq(job_find(&t.sh, n), NULL);
}

static void
listener(void)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", NULL });
}

static void
establish(void)
{
	listener();
	ts_ok(&t, (const char *const[]){ "connect cli srv", "accept srv conn",
	    NULL });
}

Test(jobs, background_accept_in_lecture_order)
{
	char want[96];

	listener();
	ts_clear(&t);
	run_ok("accept srv conn &");
	snprintf(want, sizeof want, "[1] accept srv conn: waiting for a "
	    "connection on 127.0.0.1:%d\n", ts_port(&t, "srv"));
	assert_has(ts_out(&t), want);
	cr_assert_eq(jobs_count(&t.sh), 1);
	cr_assert_eq(handle_find(&t.sh, "conn"), NULL);

	run_ok("connect cli srv");
	/* The job ends after the command, or at the latest in 'wait'. */
	wait_job(1);
	assert_has(ts_out(&t), "[1] done: accept(");
	assert_has(ts_out(&t), ": new socket conn, peer 127.0.0.1:");
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(ts_st(&t, "srv").accept_queue, 0);

	/* The exchange goes on as in the lecture. */
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "send cli \"Hello, world!\"",
	    "recv conn", NULL });
	assert_has(ts_out(&t), "= 13: \"Hello, world!\"");
	cr_assert_str_eq(ts_err(&t), "");
}

Test(jobs, background_recv_done_by_send)
{
	establish();
	ts_clear(&t);
	run_ok("recv conn &");
	assert_has(ts_out(&t), "[1] recv conn: waiting for data on conn\n");
	cr_assert_eq(jobs_count(&t.sh), 1);
	run_ok("send cli \"late data\"");
	wait_job(1);
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_out(&t), "= 9: \"late data\"");
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert_eq(handle_find(&t.sh, "conn")->received, 9);
}

Test(jobs, background_recv_sees_eof)
{
	establish();
	run_ok("recv conn &");
	run_ok("close cli");
	run_ok("wait");
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_out(&t), "= 0: end of stream");
	cr_assert(handle_find(&t.sh, "conn")->eof);
}

Test(jobs, background_recv_and_send_on_one_socket)
{
	/* A recv job reads; a send on the same socket is not refused. */
	establish();
	run_ok("recv cli &");
	run_ok("send cli ping");
	run_ok("recv conn");
	run_ok("send conn pong");
	wait_job(1);
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_out(&t), "= 4: \"pong\"");
}

Test(jobs, jobs_listing)
{
	char want[96];

	establish();
	run_ok("socket idle");
	ts_clear(&t);
	run_ok("jobs");
	assert_has(ts_out(&t), "no background jobs");
	run_ok("accept srv conn2 &");
	run_ok("recv conn 10 &");
	ts_clear(&t);
	run_ok("jobs");
	snprintf(want, sizeof want, "  [1] accept srv conn2: waiting for a "
	    "connection on 127.0.0.1:%d\n", ts_port(&t, "srv"));
	assert_has(ts_out(&t), want);
	assert_has(ts_out(&t), "  [2] recv conn 10: waiting for data on "
	    "conn\n");
	cr_assert_eq(jobs_count(&t.sh), 2);
	/* 'show' lists them under the table. */
	ts_clear(&t);
	run_ok("show");
	assert_has(ts_out(&t), "  [2] recv conn 10: waiting");
}

Test(jobs, wait_without_jobs)
{
	ts_clear(&t);
	run_ok("wait");
	assert_has(ts_out(&t), "no background jobs to wait for");
	cr_assert_str_eq(ts_err(&t), "");
	cr_assert_not(t.sh.failed);
}

Test(jobs, wait_for_unknown_job)
{
	establish();
	run_ok("recv conn &");
	run_fail("wait 9", "no job 9: 'jobs' lists the running ones");
	run_fail("wait %9", "no job %9");
	cr_assert(t.sh.failed);
	cr_assert_eq(jobs_count(&t.sh), 1, "the job goes on");
	/* %1 names job 1 too. */
	t.sh.timeout = 0.2;
	run_fail("wait %1", "gave up waiting");
}

Test(jobs, wait_gives_up)
{
	establish();
	run_ok("recv conn &");
	t.sh.timeout = 0.2;
	run_fail("wait", "gave up waiting for jobs after 0.2 s");
	cr_assert_eq(jobs_count(&t.sh), 1, "the jobs go on");
	run_fail("wait 1", "gave up waiting");
	cr_assert_eq(jobs_count(&t.sh), 1);
}

Test(jobs, cancelled_by_close)
{
	int fds;

	establish();
	run_ok("recv conn &");
	fds = count_fds();
	ts_clear(&t);
	run_ok("close conn");
	assert_has(ts_out(&t), "[1] cancelled: recv conn (its socket is being "
	    "closed)\n");
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert_eq(count_fds(), fds - 1);
	cr_assert_not(ts_st(&t, "conn").open);
}

Test(jobs, accept_cancelled_by_close)
{
	listener();
	run_ok("accept srv &");
	ts_clear(&t);
	run_ok("close srv");
	assert_has(ts_out(&t), "[1] cancelled: accept srv (");
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert_eq(t.sh.nhandles, 2, "no connection was made");
}

Test(jobs, numbering_restarts)
{
	establish();
	ts_clear(&t);
	run_ok("recv conn &");
	assert_has(ts_out(&t), "[1] recv conn:");
	run_ok("recv cli &");
	assert_has(ts_out(&t), "[2] recv cli:");
	run_ok("send cli a");
	wait_job(1);
	/* Job 2 still runs: the next one is 3. */
	ts_clear(&t);
	run_ok("recv conn &");
	assert_has(ts_out(&t), "[3] recv conn:");
	run_ok("send cli b");
	run_ok("send conn c");
	run_ok("wait");
	cr_assert_eq(jobs_count(&t.sh), 0);
	/* None left: back to 1. */
	ts_clear(&t);
	run_ok("recv conn &");
	assert_has(ts_out(&t), "[1] recv conn:");
	run_ok("close conn");
	ts_clear(&t);
	run_ok("accept srv &");
	assert_has(ts_out(&t), "[1] accept srv:");
}

Test(jobs, foreground_recv_times_out)
{
	struct sock_state before, after;
	int fds;

	establish();
	t.sh.timeout = 0.2;
	before = ts_st(&t, "conn");
	fds = count_fds();
	run_fail("recv conn", "recv conn: gave up after waiting 0.2 s for "
	    "data on conn");
	cr_assert(t.sh.failed);
	after = ts_st(&t, "conn");
	cr_assert(after.open);
	cr_assert_eq(after.tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(after.step, before.step);
	cr_assert_eq(count_fds(), fds);
	cr_assert_eq(jobs_count(&t.sh), 0, "no job is left behind");
	/* The socket still works. */
	t.sh.timeout = 5;
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "send cli still", "recv conn", NULL });
	assert_has(ts_out(&t), "= 5: \"still\"");
}

Test(jobs, foreground_accept_times_out)
{
	listener();
	t.sh.timeout = 0.2;
	run_fail("accept srv conn", "accept srv conn: gave up after waiting "
	    "0.2 s for a connection on 127.0.0.1:");
	cr_assert_eq(handle_find(&t.sh, "conn"), NULL);
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
}

Test(jobs, second_recv_is_busy)
{
	establish();
	run_ok("recv conn &");
	run_fail("recv conn &", "conn is busy: job [1] (recv conn) waits on "
	    "it; 'wait 1' for it, or close conn to cancel it");
	cr_assert_eq(jobs_count(&t.sh), 1);
	run_fail("recv conn", "conn is busy");
	run_fail("receive conn 5", "conn is busy");
	cr_assert_eq(jobs_count(&t.sh), 1);
	cr_assert_eq(job_find(&t.sh, 2), NULL);
	/* The first job still gets the data. */
	run_ok("send cli z");
	run_ok("wait");
	assert_has(ts_out(&t), "[1] done: recv(");
}

Test(jobs, second_accept_is_busy)
{
	listener();
	run_ok("accept srv &");
	run_fail("accept srv other", "srv is busy: job [1]");
	cr_assert_eq(jobs_count(&t.sh), 1);
}

Test(jobs, background_connect)
{
	listener();
	ts_clear(&t);
	run_ok("connect cli srv &");
	/* Loopback may finish it at once; either way it ends connected. */
	wait_job(1);
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_ESTABLISHED);
	assert_has(ts_out(&t), "connected from 127.0.0.1:");
}

Test(jobs, background_accept_name_taken_meanwhile)
{
	/* The job's name was taken while it waited: it picks another. */
	listener();
	run_ok("accept srv conn &");
	run_ok("socket conn");
	run_ok("connect cli srv");
	wait_job(1);
	assert_has(ts_out(&t), "new socket conn2,");
	cr_assert_eq(ts_st(&t, "conn2").tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_CLOSE);
}

Test(jobs, background_accept_long_name_taken_meanwhile, .timeout = 10)
{
	/* 32 characters: the number must replace the last one. */
	listener();
	run_ok("accept srv abcdefghijklmnopqrstuvwxyz012345 &");
	run_ok("socket abcdefghijklmnopqrstuvwxyz012345");
	run_ok("connect cli srv");
	wait_job(1);
	assert_has(ts_out(&t), "new socket abcdefghijklmnopqrstuvwxyz01234"
	    "2,");
	cr_assert_eq(ts_st(&t, "abcdefghijklmnopqrstuvwxyz012342").tcp_state,
	    TCP_ESTABLISHED);
}

Test(jobs, wait_for_a_job_that_has_ended)
{
	cr_assert_eq(ts_run(&t, "socket srv"), 0);
	cr_assert_eq(ts_run(&t, "bind srv 127.0.0.1 0"), 0);
	cr_assert_eq(ts_run(&t, "listen srv"), 0);
	cr_assert_eq(ts_run(&t, "accept srv conn &"), 0);
	cr_assert_eq(ts_run(&t, "socket cli"), 0);
	cr_assert_eq(ts_run(&t, "connect cli srv"), 0);
	cr_assert_eq(ts_run(&t, "wait"), 0);
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "wait 1"), 0, "%s", ts_err(&t));
	assert_has(ts_out(&t), "job 1 has already ended");
	cr_assert_eq(ts_run(&t, "wait 2"), -1);
}

/* The last event of KIND in the log. */
static const struct event *
last_event(const char *call)
{
	size_t i;

	for (i = t.sh.log.n; i > 0; i--)
		if (strcmp(t.sh.log.v[i - 1].type->call, call) == 0)
			return &t.sh.log.v[i - 1];
	cr_assert_fail("no event of the call %s", call);
	return NULL;
}

Test(jobs, background_accept_ends_at_so_rcvtimeo, .timeout = 10)
{
	const struct event *ev;

	listener();
	ts_ok(&t, (const char *const[]){ "setsockopt srv SO_RCVTIMEO 0.05",
	    "accept srv conn &", NULL });
	cr_assert_eq(jobs_count(&t.sh), 1);
	ts_clear(&t);
	/* The shell's own timeout is far off: the socket's ends the job. */
	t.sh.timeout = 5;
	wait_job(1);
	assert_has(ts_out(&t), "[1] done: accept(");
	assert_has(ts_out(&t), ") = -1 EAGAIN (");
	assert_has(ts_err(&t), "accept failed with EAGAIN: the socket's "
	    "SO_RCVTIMEO ran out");
	cr_assert_eq(handle_find(&t.sh, "conn"), NULL);
	/* The picture's entry where the call began now says how it ended. */
	ev = last_event("accept");
	cr_assert_eq(ev->pending, 0);
	cr_assert_eq(ev->stopped, 0);
	cr_assert_eq(ev->result, -1);
	cr_assert_eq(ev->err, EAGAIN);
	/* srv listens as before: the next client is accepted. */
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
	ts_ok(&t, (const char *const[]){ "connect cli srv", "accept srv conn",
	    NULL });
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_ESTABLISHED);
}

Test(jobs, background_recv_ends_at_so_rcvtimeo_during_poll, .timeout = 10)
{
	const char *out, *done, *polled;

	establish();
	ts_ok(&t, (const char *const[]){ "setsockopt cli SO_RCVTIMEO 0.05",
	    "recv cli &", NULL });
	ts_clear(&t);
	/* Nothing comes to srv: poll waits its 300 ms, and the job ends
	 * while it waits, not after it. */
	run_ok("poll srv 300");
	out = ts_out(&t);
	done = strstr(out, "[1] done: recv(");
	polled = strstr(out, "poll([srv], 1, 300) = 0");
	cr_assert_not_null(done, "%s", out);
	cr_assert_not_null(polled, "%s", out);
	cr_assert_lt(done, polled, "%s", out);
	assert_has(out, ") = -1 EAGAIN (");
	cr_assert_eq(jobs_count(&t.sh), 0);
	/* The connection is intact: data still arrives. */
	ts_ok(&t, (const char *const[]){ "send conn late", "recv cli", NULL });
	assert_has(ts_out(&t), "= 4: \"late\"");
}

Test(jobs, background_connect_without_so_sndtimeo_keeps_waiting,
    .timeout = 10)
{
	/* The backlog is full: c2's handshake waits; no timeout set, so
	 * the job stays until a slot frees. */
	listener();
	ts_ok(&t, (const char *const[]){ "connect cli srv", "socket c2",
	    "connect c2 srv", "socket c3", "connect c3 srv &", NULL });
	cr_assert_eq(jobs_count(&t.sh), 1);
	/* The table: c3 tries srv's address, srv holds its backlog + 1. */
	cr_assert_eq(ts_st(&t, "c3").step, STEP_CONNECTING);
	cr_assert_eq(ts_st(&t, "c3").peer_len, ts_st(&t, "srv").local_len);
	ts_clear(&t);
	t.sh.quiet = 0;
	run_ok("show");
	t.sh.quiet = 1;
	assert_has(ts_out(&t), "2 of 1+1 to accept");
	run_ok("poll srv 100");
	cr_assert_eq(jobs_count(&t.sh), 1);
	ts_clear(&t);
	run_ok("accept srv a");
	wait_job(1);
	assert_has(ts_out(&t), "[1] done: connect(");
}

Test(jobs, closing_a_connecting_socket_cancels_quietly, .timeout = 10)
{
	listener();
	ts_ok(&t, (const char *const[]){ "connect cli srv", "socket c2",
	    "connect c2 srv", "socket c3", "connect c3 srv &", NULL });
	ts_clear(&t);
	run_ok("close c3");
	assert_has(ts_out(&t), "[1] cancelled: connect c3 srv (its socket is "
	    "being closed)");
	/* Nothing goes on connecting: the socket is gone. */
	cr_assert_null(strstr(ts_out(&t), "stays connecting"), "%s",
	    ts_out(&t));
	cr_assert_eq(jobs_count(&t.sh), 0);
}
