/* test-faults.c - what the peer and the kernel do in the middle of a
 * call never crashes the shell or loses a socket: a peer that closes or
 * resets, a full backlog, nobody listening, Ctrl-C in every waiting
 * call, running out of descriptors, more jobs than a fixed poll set
 * held. Each failure is one line, and the sockets and descriptors stay
 * as they were. */
#include <config.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "base/sig.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"

TSHELL_MISTAKES_SUITE(faults);

static void
set_int_opt(const char *name, int level, int opt, int value)
{
	cr_assert_eq(setsockopt(ts_handle(&t, name)->fd, level, opt, &value,
	    sizeof value), 0, "setsockopt on %s: %s", name, strerror(errno));
}

/* Ctrl-C as the terminal sends it: SIGINT's handler sets the flag. */
static void
on_alarm(int sig)
{
	(void)sig;
	sig_interrupted = 1;
}

/* Sends "Ctrl-C" after MS milliseconds. */
static void
ctrl_c_after(int ms)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART, as main's */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* LINE waits until Ctrl-C: interrupted, and NAME is as it was (SAME),
 * or at least still open. */
static void
interrupted(const char *line, const char *name, int same)
{
	struct sock_state before, after;
	int fds = count_fds();

	ts_state(&t, name, &before);
	ts_clear(&t);
	t.sh.timeout = 0;	/* as at a terminal: waits for ever */
	ctrl_c_after(100);
	cr_assert_eq(ts_run(&t, line), -1, "'%s' did not wait", line);
	assert_has(ts_err(&t), "interrupted (Ctrl-C) while waiting");
	/* "as it was" only where nothing moved: a send's bytes are queued,
	 * a connect's handshake goes on (op.c says so). */
	assert_has(ts_err(&t), strncmp(line, "send", 4) == 0 ? "the bytes "
	    "already sent are the kernel's now" : strncmp(line, "connect",
	    7) == 0 ? "to be set up\n" : "the socket is as it was");
	ts_state(&t, name, &after);
	cr_assert_eq(after.open, 1);
	cr_assert(!same || after.step == before.step, "'%s' changed the step",
	    line);
	cr_assert(!same || after.tcp_state == before.tcp_state);
	cr_assert_eq(count_fds(), fds, "'%s' leaked a descriptor", line);
	cr_assert_eq(jobs_count(&t.sh), 0);
	t.sh.timeout = 5;
}

/* More jobs than the old fixed poll set held (64): the last one is still
 * polled, so a wait for it ends when its datagram comes, not at the
 * timeout. */
Test(faults, the_70th_job_is_polled, .timeout = 20)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct timespec t0, t1;
	int i, fd;

	for (i = 1; i <= 70; i++) {
		ts_okf(&t, "socket j%d udp", i);
		ts_okf(&t, "bind j%d 127.0.0.1 0", i);
		ts_okf(&t, "recv j%d &", i);
	}
	cr_assert_eq(jobs_count(&t.sh), 70);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	cr_assert(fd >= 0);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons((uint16_t)ts_port(&t, "j70"));
	cr_assert_eq(sendto(fd, "hi", 2, 0, (struct sockaddr *)&to,
	    sizeof to), 2);
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_eq(ts_run(&t, "wait 70"), 0, "%s", ts_err(&t));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_has(ts_out(&t), "[70] done: recv(");
	cr_assert(t1.tv_sec - t0.tv_sec < 3, "the wait ran to the timeout");
	cr_assert_eq(jobs_count(&t.sh), 69);
}

Test(faults, ctrl_c_in_accept)
{
	interrupted("accept srv conn", "srv", 1);
	cr_assert_null(handle_find(&t.sh, "conn"));
	/* The listener still works. */
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
}

Test(faults, ctrl_c_in_recv)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	interrupted("recv conn", "conn", 1);
	ts_ok(&t, (const char *const[]){ "send c later", "recv conn => "
	    "\"later\"", NULL });
}

Test(faults, ctrl_c_in_send_on_a_full_buffer)
{
	char *line;

	/* Small buffers on both sides, and a peer that never reads. */
	ts_ok(&t, (const char *const[]){ "socket small", NULL });
	set_int_opt("small", SOL_SOCKET, SO_RCVBUF, 4096);
	ts_ok(&t, (const char *const[]){ "bind small 127.0.0.1 0",
	    "listen small", NULL });
	set_int_opt("c", SOL_SOCKET, SO_SNDBUF, 4096);
	ts_ok(&t, (const char *const[]){ "connect c small", "accept small "
	    "conn", NULL });
	line = ts_big_send("c", 512 * 1024);
	interrupted(line, "c", 1);
	free(line);
	assert_has(ts_out(&t), "bytes were sent");
	cr_assert_gt(ts_handle(&t, "c")->sent, 0);
	cr_assert_lt(ts_handle(&t, "c")->sent, 512 * 1024);
	/* Both ends still connected: the reader gets what was sent. */
	ts_ok(&t, (const char *const[]){ "recv conn 100 => 100",
	    "show => c:ESTABLISHED conn:ESTABLISHED", NULL });
}

/*
 * A full backlog: listen 0 holds one connection; a second client stays
 * in SYN_SENT. Ctrl-C stops the waiting, the handshake goes on, and once
 * accept makes room the kernel's next try gets in.
 */
/* c left connecting: its connect to full, whose queue c1 fills, is
 * interrupted. */
static void
connecting_to_a_full_backlog(void)
{
	ts_ok(&t, (const char *const[]){ "socket full", "bind full 127.0.0.1 0",
	    "listen full 0", "socket c1", "connect c1 full => ESTABLISHED",
	    NULL });
	interrupted("connect c full", "c", 0);
}

Test(faults, connect_to_a_full_backlog, .timeout = 20)
{
	struct sock_state st;

	connecting_to_a_full_backlog();
	assert_has(ts_out(&t), "c stays connecting");
	ts_state(&t, "c", &st);
	cr_assert_eq(st.tcp_state, TCP_SYN_SENT);
	cr_assert(ts_handle(&t, "c")->connecting);
	ts_ok(&t, (const char *const[]){ "accept full a1", NULL });
	t.sh.timeout = 10;
	ts_ok(&t, (const char *const[]){ "connect c full => ESTABLISHED",
	    "accept full a2", "send c hi", "recv a2 => \"hi\"", NULL });
}

/* send and recv on a socket still connecting wait for the handshake,
 * and say so, not "for data" or "for room in the send buffer". */
Test(faults, send_and_recv_while_connecting, .timeout = 20)
{
	connecting_to_a_full_backlog();
	cr_assert(ts_handle(&t, "c")->connecting);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "recv c &", "send c hi &", NULL });
	assert_has(ts_out(&t), "recv c: waiting for the connection to "
	    "127.0.0.1:");
	assert_has(ts_out(&t), "send c hi: waiting for the connection to "
	    "127.0.0.1:");
	assert_has_not(ts_out(&t), "waiting for data");
	assert_has_not(ts_out(&t), "send buffer");
}

Test(faults, connect_with_no_listener)
{
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    NULL });
	ts_fail(&t, "connect c hole", "connect failed with ECONNREFUSED", 0);
	/* In the background, the job says so. */
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "connect c hole &"), 0);
	if (jobs_count(&t.sh) > 0)
		cr_assert_eq(ts_run(&t, "wait"), 0);
	assert_has(ts_out(&t), "= -1 ECONNREFUSED (");
	assert_has(ts_err(&t), "connect failed with ECONNREFUSED");
	cr_assert_eq(jobs_count(&t.sh), 0);
	ts_ok(&t, (const char *const[]){ "listen hole", "connect c hole",
	    NULL });
}

Test(faults, peer_closes_during_recv)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "recv c &", "close conn", "wait", NULL });
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_out(&t), "= 0: end of stream, the peer closed its side");
	cr_assert(ts_handle(&t, "c")->eof);
	cr_assert(ts_handle(&t, "c")->fd >= 0);
}

/* The peer goes away while a send waits for room: EPIPE or ECONNRESET,
 * and never SIGPIPE (which would crash this test). */
Test(faults, peer_closes_during_send)
{
	char *line;

	ts_ok(&t, (const char *const[]){ "socket small", NULL });
	set_int_opt("small", SOL_SOCKET, SO_RCVBUF, 4096);
	ts_ok(&t, (const char *const[]){ "bind small 127.0.0.1 0",
	    "listen small", NULL });
	set_int_opt("c", SOL_SOCKET, SO_SNDBUF, 4096);
	ts_ok(&t, (const char *const[]){ "connect c small", "accept small "
	    "conn", NULL });
	line = ts_big_send("c", 512 * 1024);
	strcat(line, " &");
	ts_ok(&t, (const char *const[]){ line, NULL });
	free(line);
	cr_assert_eq(jobs_count(&t.sh), 1, "the send did not wait");
	ts_clear(&t);
	/* Unread data: the close is a reset. */
	cr_assert_eq(ts_run(&t, "close conn"), 0);
	cr_assert_eq(ts_run(&t, "wait"), 0);
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert(strstr(ts_err(&t), "send failed with EPIPE") != NULL ||
	    strstr(ts_err(&t), "send failed with ECONNRESET") != NULL,
	    "%s", ts_err(&t));
	assert_has(ts_out(&t), "bytes had been sent before the error");
	cr_assert(ts_handle(&t, "c")->fd >= 0, "c stays open");
	ts_fail(&t, "send c again", "EPIPE", 0);
}

/* SO_LINGER 0: close sends a reset; the peer's recv gets ECONNRESET, in
 * the foreground and in a job. */
Test(faults, peer_resets)
{
	struct linger lg = { 1, 0 };

	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "recv c &", NULL });
	cr_assert_eq(setsockopt(ts_handle(&t, "conn")->fd, SOL_SOCKET, SO_LINGER, &lg,
	    sizeof lg), 0);
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "close conn"), 0);
	cr_assert_eq(ts_run(&t, "wait"), 0);
	cr_assert_eq(jobs_count(&t.sh), 0);
	assert_has(ts_err(&t), "recv failed with ECONNRESET: the peer reset "
	    "the connection");
	cr_assert(ts_handle(&t, "c")->fd >= 0);

	ts_ok(&t, (const char *const[]){ "socket d", "connect d srv",
	    "accept srv conn", NULL });
	cr_assert_eq(setsockopt(ts_handle(&t, "conn")->fd, SOL_SOCKET, SO_LINGER, &lg,
	    sizeof lg), 0);
	ts_ok(&t, (const char *const[]){ "close conn", NULL });
	cr_assert(ts_ready(&t, "d", 0) & (POLLHUP | POLLERR));
	ts_fail(&t, "recv d", "recv failed with ECONNRESET", 0);
	ts_fail(&t, "send d x", "send failed with EPIPE", 0);
}

/* The highest descriptor open in this process. */
static int
highest_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int max = 0;

	cr_assert(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && atoi(e->d_name) > max)
			max = atoi(e->d_name);
	closedir(d);
	return max;
}

/*
 * Out of descriptors: EMFILE, said in one line, nothing lost; close some
 * and go on. (No count_fds here: it needs a descriptor too.)
 */
Test(faults, emfile_then_recovery)
{
	struct sock_state st;
	struct rlimit rl;
	char line[64];
	int i, rc = 0;

	cr_assert_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	rl.rlim_cur = (rlim_t)highest_fd() + 1 + 4;
	cr_assert_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof line, "socket s%d", i);
		ts_clear(&t);
		if ((rc = ts_run(&t, line)) < 0)
			break;
	}
	cr_assert_eq(rc, -1, "never ran out of descriptors");
	cr_assert_geq(i, 4);
	assert_has(ts_err(&t), "socket failed with EMFILE: too many open "
	    "files");
	cr_assert_null(handle_find(&t.sh, line + 7));
	/* A connection waits in the queue while accept cannot take it. */
	ts_ok(&t, (const char *const[]){ "connect s1 srv", NULL });
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "accept srv conn"), -1);
	assert_has(ts_err(&t), "accept failed with EMFILE");
	cr_assert_null(handle_find(&t.sh, "conn"));
	ts_state(&t, "srv", &st);
	cr_assert_eq(st.accept_queue, 1);
	ts_ok(&t, (const char *const[]){ "close s0", "accept srv conn", NULL });
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "socket anew"), -1);
	assert_has(ts_err(&t), "EMFILE");
	ts_ok(&t, (const char *const[]){ "close s2", "socket anew",
	    "send s1 hi", "recv conn => \"hi\"", NULL });
}
