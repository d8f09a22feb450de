/* test-errors.c - every error the shell reports: the message says what
 * went wrong, the run is marked failed, and nothing else changed. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"

static struct tshell t;

static void
setup(void)
{
	ts_init_mistakes(&t);
}

static void
teardown(void)
{
	ts_fini(&t);
}

TestSuite(errors, .init = setup, .fini = teardown);

#define MAXH	16

/* What must not change when a command fails. */
struct snapshot {
	size_t		nhandles, open, jobs, nevents;
	int		fds;
	int		id[MAXH], fd[MAXH], step[MAXH], tcp[MAXH], port[MAXH];
	int		listening[MAXH], retired[MAXH];
	char		name[MAXH][HANDLE_NAME_MAX + 1];
};

static void
snap(struct snapshot *s)
{
	struct sock_state st;
	size_t i;

	memset(s, 0, sizeof *s);
	s->nhandles = t.sh.nhandles;
	s->open = handle_open_count(&t.sh);
	s->jobs = jobs_count(&t.sh);
	s->fds = count_fds();
	cr_assert(t.sh.nhandles <= MAXH);
	for (i = 0; i < t.sh.nhandles; i++) {
		const struct handle *h = t.sh.handles[i];

		state_collect(h, &st);
		s->id[i] = h->id;
		s->fd[i] = h->fd;
		s->step[i] = (int)st.step;
		s->tcp[i] = st.tcp_state;
		s->listening[i] = st.listening;
		s->retired[i] = h->retired;
		s->port[i] = st.local_len == 0 ? 0 :
		    st.local.ss_family == AF_INET6 ?
		    ntohs(((struct sockaddr_in6 *)&st.local)->sin6_port) :
		    ntohs(((struct sockaddr_in *)&st.local)->sin_port);
		snprintf(s->name[i], sizeof s->name[i], "%s", h->name);
	}
}

static void
same(const struct snapshot *a, const struct snapshot *b, const char *line)
{
	size_t i;

	cr_assert_eq(a->nhandles, b->nhandles, "'%s' changed the handles",
	    line);
	cr_assert_eq(a->open, b->open, "'%s' opened or closed a socket", line);
	cr_assert_eq(a->fds, b->fds, "'%s' leaked or closed a descriptor "
	    "(%d before, %d after)", line, a->fds, b->fds);
	cr_assert_eq(a->jobs, b->jobs, "'%s' changed the jobs", line);
	for (i = 0; i < a->nhandles; i++) {
		cr_assert_str_eq(a->name[i], b->name[i], "'%s'", line);
		cr_assert_eq(a->id[i], b->id[i], "'%s'", line);
		cr_assert_eq(a->fd[i], b->fd[i], "'%s'", line);
		cr_assert_eq(a->step[i], b->step[i], "'%s' changed the step of "
		    "%s", line, a->name[i]);
		cr_assert_eq(a->tcp[i], b->tcp[i], "'%s' changed the TCP "
		    "state of %s", line, a->name[i]);
		cr_assert_eq(a->port[i], b->port[i], "'%s' changed the port "
		    "of %s", line, a->name[i]);
		cr_assert_eq(a->listening[i], b->listening[i], "'%s'", line);
		cr_assert_eq(a->retired[i], b->retired[i], "'%s'", line);
	}
}

/*
 * Runs LINE, which must fail with a one-line message holding SAYS, mark
 * the run failed, and leave the handles, descriptors and jobs as they were.
 */
static void
expect_fail(const char *line, const char *says)
{
	struct snapshot before, after;
	const char *err, *nl;

	snap(&before);
	ts_clear(&t);
	t.sh.failed = 0;
	cr_assert_eq(ts_run(&t, line), -1, "'%s' did not fail; said:\n%s",
	    line, ts_out(&t));
	err = ts_err(&t);
	assert_has(err, says);
	nl = strchr(err, '\n');
	cr_assert(nl != NULL && nl[1] == '\0', "'%s': not one line:\n%s",
	    line, err);
	cr_assert(t.sh.failed, "'%s' did not set the failed flag", line);
	snap(&after);
	same(&before, &after, line);
}

/* The same, for a line made with printf. */
static void expect_failf(const char *says, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
expect_failf(const char *says, const char *fmt, ...)
{
	char line[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	expect_fail(line, says);
}

/* Arrays, not pointers: Criterion may run each test in a fresh image. */
struct bad { char line[64]; char says[100]; };

#define NPARAMS(v)	(sizeof (v) / sizeof *(v))

ParameterizedTestParameters(errors, commands_and_arguments)
{
	static struct bad bad[] = {
		{ "acept srv", "unknown command 'acept'; did you mean "
		    "'accept'?" },
		{ "recieve c", "unknown command 'recieve'; did you mean" },
		{ "lisen srv", "did you mean 'listen'?" },
		{ "xyzzy", "unknown command 'xyzzy': type 'help'" },
		{ "s srv", "ambiguous command 's', could be: send, " },
		{ "c srv", "ambiguous command 'c', could be: close, connect" },
		{ "so x", "ambiguous command 'so', could be: socket, socketpair, "
		    "source" },
		{ "\"\"", "empty command name" },
		{ "socket", "socket: wrong number of arguments (0); usage: "
		    "socket NAME [AF_INET|AF_INET6|AF_UNIX|HOST]" },
		{ "socket a AF_INET SOCK_STREAM x", "wrong number of arguments "
		    "(4); usage: socket NAME" },
		{ "bind c", "bind: wrong number of arguments (1); usage: bind "
		    "NAME ADDRESS PORT" },
		{ "bind c 127.0.0.1 0 x", "usage: bind NAME ADDRESS PORT" },
		{ "listen", "usage: listen NAME [BACKLOG]" },
		{ "listen c 1 2", "usage: listen NAME [BACKLOG]" },
		{ "accept", "usage: accept NAME [NEWNAME] [&]" },
		{ "accept srv a b", "usage: accept NAME [NEWNAME] [&]" },
		{ "connect c", "usage: connect NAME ADDRESS PORT" },
		{ "send c", "send: wrong number of arguments (1); usage: send "
		    "NAME DATA [&]" },
		{ "send", "usage: send NAME DATA [&]" },
		{ "recv", "usage: recv NAME [MAXBYTES] [&]" },
		{ "recv c 1 2", "usage: recv NAME [MAXBYTES] [&]" },
		{ "close", "usage: close NAME" },
		{ "close c u", "usage: close NAME" },
		{ "show x", "no socket named 'x'" },
		{ "jobs x", "wrong number of arguments (1); usage: jobs" },
		{ "quit now", "wrong number of arguments (1); usage: quit" },
		{ "wait 1 2", "usage: wait [JOB]" },
		{ "help a b", "usage: help [COMMAND]" },
		{ "help xyzzy", "unknown command 'xyzzy'" },
		{ "source", "usage: source FILE" },
		{ "source /nonexistent/x.sock", "cannot open "
		    "'/nonexistent/x.sock'" },
		{ "source /tmp", "'/tmp' is a folder: give a file of "
		    "commands" },
		{ ". /", "'/' is a folder: give a file of commands" },
		{ "send c \"a\" \"b\"", "send takes one quoted string" },
		{ "listen c \"\\0\"", "argument 2 of listen holds a NUL byte" },
		{ "send c \"abc", "unclosed \" quote" },
		{ "listen c x", "'x' is not a backlog" },
		{ "listen c -1", "'-1' is not a backlog" },
		{ "listen c 65536", "'65536' is not a backlog" },
		{ "recv c 0", "'0' is not a size to receive" },
		{ "recv c 1048577", "'1048577' is not a size to receive" },
		{ "recv c ten", "'ten' is not a size to receive" },
		{ "wait x", "no job x" },
		{ "wait 9", "no job 9: 'jobs' lists the running ones" },
		{ "wait 0", "no job 0" },
	};
	return cr_make_param_array(struct bad, bad, NPARAMS(bad));
}

ParameterizedTest(struct bad *b, errors, commands_and_arguments)
{
	expect_fail(b->line, b->says);
}

ParameterizedTestParameters(errors, handles)
{
	static struct bad bad[] = {
		{ "listen nosuch", "no socket named 'nosuch' (open: srv, c, "
		    "s6, u): create one with 'socket nosuch'" },
		{ "send nosuch x", "no socket named 'nosuch'" },
		{ "recv nosuch", "no socket named 'nosuch'" },
		{ "accept nosuch", "no socket named 'nosuch'" },
		{ "close nosuch", "no socket named 'nosuch'" },
		{ "bind nosuch 127.0.0.1 0", "no socket named 'nosuch'" },
		{ "connect nosuch srv", "no socket named 'nosuch'" },
		{ "socket srv", "there is already a socket named 'srv': pick "
		    "another name, or 'close srv' first" },
		{ "socket c udp", "there is already a socket named 'c'" },
		{ "accept srv c", "there is already a socket named 'c': give "
		    "the new connection another name" },
		{ "socket abcdefghijklmnopqrstuvwxyz0123456", "is too long: a "
		    "handle name has at most 32 characters" },
		{ "accept srv abcdefghijklmnopqrstuvwxyz0123456", "is too "
		    "long" },
		{ "socket AF_INET SOCK_STREAM", "'AF_INET' is a family, not a "
		    "name: socket NAME [FAMILY] [TYPE], as in socket srv" },
		{ "socket inet6", "'inet6' is a family, not a name" },
		{ "socket SOCK_STREAM", "'SOCK_STREAM' is a type, not a name" },
		{ "socket udp udp", "'udp' is a type, not a name" },
		{ "socket SO_REUSEADDR", "'SO_REUSEADDR' is a constant, not a "
		    "name" },
		{ "socket msg_peek", "'msg_peek' is a constant, not a name" },
		{ "socket SHUT_WR", "'SHUT_WR' is a constant, not a name" },
		{ "socket show", "'show' is a command, not a name" },
		{ "socket bind", "'bind' is a command, not a name" },
		{ "socket exit", "'exit' is a command, not a name" },
		{ "socket Receive", "'Receive' is a command, not a name" },
		{ "socket 1abc", "'1abc' is not a handle name" },
		{ "socket a/b", "'a/b' is not a handle name" },
		{ "socket -x", "'-x' is not a handle name" },
		{ "socket a:b", "'a:b' is not a handle name" },
		{ "socket \"a b\"", "'a b' is not a handle name" },
		{ "accept srv 9conn", "'9conn' is not a handle name" },
		{ "socket x AF_IPX", "unknown address family 'AF_IPX': use "
		    "AF_INET (IPv4), AF_INET6 (IPv6) or AF_UNIX" },
		{ "socket x bogus", "unknown address family 'bogus'" },
		{ "socket x udp tcp", "unknown address family 'udp'" },
		{ "socket x AF_INET SOCK_RAW", "unknown socket type "
		    "'SOCK_RAW': use SOCK_STREAM (TCP) or SOCK_DGRAM (UDP)" },
		{ "socket x AF_INET6 bogus", "unknown socket type 'bogus'" },
		{ "listen gone", "'gone' is closed: create a new socket with "
		    "'socket gone'" },
		{ "send gone x", "'gone' is closed" },
		{ "recv gone", "'gone' is closed" },
		{ "close gone", "'gone' is closed already: nothing to do" },
		{ "bind \"\" 1 1", "the socket's name is empty: give the name "
		    "of a socket ('show' lists them)" },
		{ "recv \"\"", "the socket's name is empty" },
		{ "accept gone", "'gone' is closed" },
		{ "bind gone 127.0.0.1 0", "'gone' is closed" },
		{ "connect gone srv", "'gone' is closed" },
		{ "connect c gone", "'gone' is closed, so it has no address" },
		{ "connect s6 srv", "'srv' has no AF_INET6 address to connect "
		    "to" },
		{ "listen c &", "listen cannot run in the background: only "
		    "accept, connect, send and recv wait" },
		{ "socket x &", "socket cannot run in the background" },
		{ "close c &", "close cannot run in the background" },
		{ "show &", "show cannot run in the background" },
		{ "wait &", "wait cannot run in the background" },
		{ "&", "a command must come first" },
		{ "  & ", "a command must come first" },
	};
	return cr_make_param_array(struct bad, bad, NPARAMS(bad));
}

ParameterizedTest(struct bad *b, errors, handles)
{
	expect_fail(b->line, b->says);
}

ParameterizedTestParameters(errors, ports_and_addresses)
{
	static struct bad bad[] = {
		{ "bind c 127.0.0.1 -1", "'-1' is not a port: write a decimal "
		    "number from 0 to 65535" },
		{ "bind c 127.0.0.1 65536", "port 65536 is out of range: a "
		    "port is a number from 0 to 65535" },
		{ "bind c 127.0.0.1 99999", "port 99999 is out of range" },
		{ "bind c 127.0.0.1 0x50", "'0x50' is not a port" },
		{ "bind c 127.0.0.1 8888abc", "'8888abc' is not a port" },
		{ "bind c 127.0.0.1 1234567", "'1234567' is not a port" },
		{ "bind c 127.0.0.1 \"\"", "'' is not a port" },
		{ "bind c 127.0.0.1 \" 80\"", "' 80' is not a port" },
		{ "bind c 127.0.0.1:-1", "'-1' is not a port" },
		{ "bind c 127.0.0.1:65536", "port 65536 is out of range" },
		{ "bind c 127.0.0.1:", "'' is not a port" },
		{ "bind c 127.0.0.1", "'127.0.0.1' has no port: write ADDRESS "
		    "PORT or ADDRESS:PORT" },
		{ "bind c :80", "':80' has no usable address before the port" },
		{ "connect c 127.0.0.1 -1", "'-1' is not a port" },
		{ "connect c 127.0.0.1 65536", "port 65536 is out of range" },
		{ "connect c 127.0.0.1:0x50", "'0x50' is not a port" },
		{ "bind c 999.1.1.1 0", "'999.1.1.1' is not an IPv4 address: "
		    "write four numbers from 0 to 255" },
		{ "bind c 1.2.3 0", "'1.2.3' is not an IPv4 address" },
		{ "bind c 999.1.1.1:0", "'999.1.1.1' is not an IPv4 address" },
		{ "connect c 127.0.0.256 80", "'127.0.0.256' is not an IPv4 "
		    "address" },
		{ "bind c ::1 0", "::1 is an IPv6 address, but the socket is "
		    "AF_INET" },
		{ "bind c [::1]:0", "::1 is an IPv6 address, but the socket is "
		    "AF_INET" },
		{ "bind c ::1:0", "write an IPv6 address with its port in "
		    "brackets, as in [::1]:8888" },
		{ "bind s6 ::1:: 0", "'::1::' is not an IPv6 address: write it "
		    "as in ::1" },
		{ "bind s6 [::1::]:0", "'::1::' is not an IPv6 address" },
		{ "bind s6 [::1 0", "'[::1' is not an IPv6 address" },
		{ "bind s6 [::1", "'[::1': write an IPv6 address with its port "
		    "as [::1]:8888" },
		{ "bind s6 [::1]0", "write an IPv6 address with its port as "
		    "[::1]:8888" },
		{ "bind s6 []:0", "has no usable address before the port" },
		{ "bind s6 127.0.0.1 0", "127.0.0.1 is an IPv4 address, but "
		    "the socket is AF_INET6: use an IPv6 address such as ::1" },
		{ "bind s6 127.0.0.1:0", "127.0.0.1 is an IPv4 address, but "
		    "the socket is AF_INET6" },
		{ "connect s6 127.0.0.1 80", "127.0.0.1 is an IPv4 address, "
		    "but the socket is AF_INET6" },
		{ "bind s6 1.2.3 0", "'1.2.3' is not an IPv6 address" },
	};
	return cr_make_param_array(struct bad, bad, NPARAMS(bad));
}

ParameterizedTest(struct bad *b, errors, ports_and_addresses)
{
	expect_fail(b->line, b->says);
}

/* The failures the kernel reports: errno's name and what it means. */

/* A wrong count names the command as typed, and a command that takes
 * nothing shows no blank after its name. */
Test(errors, usage_as_typed)
{
	cr_assert_eq(ts_run(&t, "exit foo"), -1);
	assert_has(ts_err(&t), "exit: wrong number of arguments (1); usage: "
	    "exit\n");
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "jobs x"), -1);
	assert_has(ts_err(&t), "jobs: wrong number of arguments (1); usage: "
	    "jobs\n");
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "listen"), -1);
	assert_has(ts_err(&t), "usage: listen NAME [BACKLOG]\n");
}

Test(errors, eaddrinuse_listening)
{
	expect_failf("bind failed with EADDRINUSE: another socket already uses "
	    "this address and port", "bind c 127.0.0.1 %d", ts_port(&t, "srv"));
	assert_has(ts_out(&t), "= -1 EADDRINUSE (");
}

Test(errors, eaddrinuse_bound_only)
{
	ts_ok(&t, (const char *const[]){ "socket b", "bind b 127.0.0.1:0",
	    NULL });
	expect_failf("bind failed with EADDRINUSE: another socket already uses "
	    "this address and port", "bind c 127.0.0.1:%d", ts_port(&t, "b"));
}

Test(errors, bind_twice)
{
	expect_fail("bind srv 127.0.0.1 0", "bind failed with EINVAL: this "
	    "socket is already bound");
}

Test(errors, econnrefused)
{
	/* A bound socket that does not listen keeps the port from others. */
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    NULL });
	expect_failf("connect failed with ECONNREFUSED: nobody is listening at "
	    "that address and port", "connect c 127.0.0.1 %d",
	    ts_port(&t, "hole"));
	assert_has(ts_out(&t), "= -1 ECONNREFUSED (");
	expect_fail("connect c hole", "ECONNREFUSED");
	cr_assert_not(handle_find(&t.sh, "c")->connecting);
	cr_assert_eq(ts_st(&t, "c").tcp_state, TCP_CLOSE);
	cr_assert(ts_st(&t, "c").open);
}

Test(errors, connect_again_after_refused)
{
	/* Refused, then the server starts: the same socket connects. */
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    NULL });
	expect_fail("connect c hole", "ECONNREFUSED");
	ts_ok(&t, (const char *const[]){ "listen hole", "connect c hole",
	    "accept hole conn", "send c again", "recv conn", NULL });
	cr_assert_eq(ts_st(&t, "c").tcp_state, TCP_ESTABLISHED);
	assert_has(ts_out(&t), "= 5: \"again\"");
}

/*
 * After a refused connect getsockname still gives the port the kernel
 * picked for the attempt, though the kernel gave it back (another socket
 * may bind it): the socket is not bound, and the table must not say so.
 */
Test(errors, econnrefused_leaves_socket_unbound)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    "connect c hole => ECONNREFUSED", NULL });
	st = ts_st(&t, "c");
	cr_assert_eq(st.step, STEP_CREATED);
	cr_assert_eq(st.local_len, 0);
	ts_ok(&t, (const char *const[]){ "bind c 127.0.0.1 0", NULL });
	cr_assert_eq(ts_st(&t, "c").step, STEP_BOUND);
	cr_assert_neq(ts_port(&t, "c"), 0);
	ts_ok(&t, (const char *const[]){ "close c", NULL });
	cr_assert_neq(ts_st(&t, "c").local_len, 0, "closed, it shows its port");
}

Test(errors, econnrefused_keeps_chosen_port)
{
	int port;

	/* A port bind named stays the socket's after a refused connect. */
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    "socket probe", "bind probe 127.0.0.1 0", NULL });
	port = ts_port(&t, "probe");
	ts_ok(&t, (const char *const[]){ "close probe", NULL });
	/* probe never listened or connected: its port is free at once. */
	ts_okf(&t, "bind c 127.0.0.1 %d", port);
	expect_fail("connect c hole", "ECONNREFUSED");
	cr_assert_eq(ts_st(&t, "c").step, STEP_BOUND);
	cr_assert_eq(ts_port(&t, "c"), port);
	ts_ok(&t, (const char *const[]){ "socket d", NULL });
	expect_failf("EADDRINUSE", "bind d 127.0.0.1 %d", port);
}

Test(errors, econnrefused_loses_picked_port)
{
	int port;

	/* Bound to port 0, the kernel's pick goes with a refused connect. */
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    "bind c 127.0.0.1 0", NULL });
	port = ts_port(&t, "c");
	ts_ok(&t, (const char *const[]){ "connect c hole => ECONNREFUSED",
	    NULL });
	cr_assert_eq(ts_st(&t, "c").step, STEP_CREATED);
	ts_ok(&t, (const char *const[]){ "socket d", NULL });
	ts_okf(&t, "bind d 127.0.0.1 %d", port);
}

Test(errors, econnrefused_ipv6)
{
	ts_ok(&t, (const char *const[]){ "socket hole ipv6", "bind hole ::1 0",
	    NULL });
	expect_failf("connect failed with ECONNREFUSED", "connect s6 [::1]:%d",
	    ts_port(&t, "hole"));
	cr_assert_eq(ts_st(&t, "s6").tcp_state, TCP_CLOSE);
}

Test(errors, connect_twice)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", NULL });
	expect_fail("connect c srv", "connect failed with EISCONN: this socket "
	    "is already connected");
}

Test(errors, listen_on_udp)
{
	expect_fail("listen u", "listen failed with EOPNOTSUPP: listen is for "
	    "SOCK_STREAM (TCP) sockets");
	assert_has(ts_out(&t), "= -1 EOPNOTSUPP (");
}

Test(errors, listen_on_connected)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", NULL });
	expect_fail("listen c", "listen failed with EINVAL: this socket is "
	    "connected");
}

Test(errors, accept_not_listening)
{
	expect_fail("accept c", "accept failed with EINVAL: accept works only "
	    "on a listening socket: call 'listen NAME' first");
	assert_has(ts_out(&t), "= -1 EINVAL (");
	expect_fail("accept c conn &", "accept failed with EINVAL");
	cr_assert_eq(handle_find(&t.sh, "conn"), NULL);
}

Test(errors, accept_on_udp)
{
	expect_fail("accept u", "accept failed with EOPNOTSUPP: accept is for "
	    "SOCK_STREAM (TCP) sockets");
}

Test(errors, recv_before_connect)
{
	expect_fail("recv c", "recv failed with ENOTCONN: this socket is not "
	    "connected: connect it first");
	assert_has(ts_out(&t), "= -1 ENOTCONN (");
	expect_fail("recv c 10 &", "ENOTCONN");
}

Test(errors, recv_on_listener)
{
	expect_fail("recv srv", "recv failed with ENOTCONN: this is a "
	    "listening socket: data goes over the connections it accepts. "
	    "'accept NAME conn', then receive on conn");
}

Test(errors, send_on_listener)
{
	expect_fail("send srv x", "send failed with EPIPE: this is a "
	    "listening socket: data goes over the connections it accepts");
}

Test(errors, connect_on_listener)
{
	/* Linux says EISCONN; the student never connected srv. */
	expect_fail("connect srv 127.0.0.1 1", "connect failed with EISCONN: "
	    "this is a listening (server) socket: it only accepts "
	    "connections. Connect from a new socket");
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
}

Test(errors, accept_on_connected)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", NULL });
	expect_fail("accept c", "accept failed with EINVAL: this socket is "
	    "connected (a client's end, or one that accept gave): accept "
	    "works on the listening socket");
}

Test(errors, listen_on_unbound_unix)
{
	ts_ok(&t, (const char *const[]){ "socket b AF_UNIX", NULL });
	expect_fail("listen b", "listen failed with EINVAL: an AF_UNIX socket "
	    "listens once it is bound to a path");
}

Test(errors, send_never_connected)
{
	expect_fail("send c \"hello\"", "send failed with EPIPE: this socket "
	    "was never connected: connect it first");
	assert_has(ts_out(&t), "= -1 EPIPE (");
	cr_assert_eq(handle_find(&t.sh, "c")->sent, 0);
}

Test(errors, connect_without_port)
{
	expect_fail("connect c 127.0.0.1", "'127.0.0.1' needs a port: write "
	    "'connect c 127.0.0.1 PORT'");
	expect_fail("connect s6 ::1", "'::1' needs a port: write 'connect s6 "
	    "::1 PORT'");
}

Test(errors, bind_without_address)
{
	expect_fail("bind c 8888", "'8888' is a port with no address: write "
	    "'bind c ADDRESS 8888', as in 'bind c 127.0.0.1 8888'");
}

Test(errors, send_after_peer_closed)
{
	int i, rc = 0;

	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "close conn", NULL });
	cr_assert(ts_ready(&t, "c", POLLIN) & POLLIN, "no FIN");
	/*
	 * The first send may succeed: the peer answers it with a reset.
	 * Then the next fails with EPIPE, and the process gets no SIGPIPE
	 * (this test would crash).
	 */
	for (i = 0; i < 5; i++) {
		ts_clear(&t);
		rc = ts_run(&t, "send c \"anyone there?\"");
		if (rc < 0)
			break;
		cr_assert(ts_ready(&t, "c", 0) & (POLLHUP | POLLERR),
		    "no reset after a send to a closed socket");
	}
	cr_assert_eq(rc, -1, "send never failed");
	cr_assert_leq(i, 1, "send failed only after %d sends", i + 1);
	assert_has(ts_err(&t), "send failed with EPIPE: the connection is "
	    "closed for sending");
	cr_assert(t.sh.failed);
	cr_assert(handle_find(&t.sh, "c")->fd >= 0, "c stays open");
	/* And again: the shell lives on. */
	expect_fail("send c again", "EPIPE");
}

Test(errors, recv_after_reset)
{
	/* Closing with unread data sends a reset, not a FIN. */
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "send c unread", NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "close conn", NULL });
	cr_assert(ts_ready(&t, "c", 0) & (POLLHUP | POLLERR));
	expect_fail("recv c", "recv failed with ECONNRESET: the peer reset "
	    "the connection");
}

Test(errors, failed_flag)
{
	cr_assert_not(t.sh.failed, "setup failed: %s", ts_err(&t));
	cr_assert_eq(ts_run(&t, "listen nosuch"), -1);
	cr_assert(t.sh.failed);
	/* A later success does not clear it: the exit status stays 1. */
	cr_assert_eq(ts_run(&t, "show"), 0);
	cr_assert(t.sh.failed);
}

Test(errors, message_names_line)
{
	t.sh.at.file = "echo.sock";
	t.sh.at.line = 6;
	cr_assert_eq(ts_run(&t, "listen nosuch"), -1);
	assert_has(ts_err(&t), "echo.sock:7: no socket named 'nosuch'");
}

Test(errors, job_error_names_its_line)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "setsockopt conn SO_LINGER on 0", NULL });
	t.sh.at.file = "reset.sock";
	t.sh.at.line = 10;
	cr_assert_eq(ts_run(&t, "recv c &"), 0);
	ts_clear(&t);
	/* The reset ends the job during line 12; its error is line 11's. */
	cr_assert_eq(ts_run(&t, "close conn"), 0);
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_err(&t), "reset.sock:11: recv failed with ECONNRESET");
}

Test(errors, connect_to_mistyped_handle)
{
	cr_assert_eq(ts_run(&t, "socket cli"), 0);
	cr_assert_eq(ts_run(&t, "connect cli srvv"), -1);
	assert_has(ts_err(&t), "no socket named 'srvv' to connect to");
}

Test(errors, unix_nobody_listening)
{
	char line[96];

	snprintf(line, sizeof line, "bind b @sockshell-refused-%d",
	    (int)getpid());
	ts_ok(&t, (const char *const[]){ "socket b AF_UNIX", line,
	    "socket x AF_UNIX", NULL });
	snprintf(line, sizeof line, "connect x @sockshell-refused-%d",
	    (int)getpid());
	expect_fail(line, "connect failed with ECONNREFUSED: nobody listens "
	    "at that path");
}

Test(errors, oob_on_udp_and_tcp_option_on_unix)
{
	/* (The kernel binds u to a port before it refuses: not checked.) */
	cr_assert_eq(ts_run(&t, "send u MSG_OOB x"), -1);
	assert_has(ts_err(&t), "send failed with EOPNOTSUPP: urgent data "
	    "(MSG_OOB) exists only in TCP");
	ts_ok(&t, (const char *const[]){ "socket x AF_UNIX", NULL });
	expect_fail("setsockopt x TCP_NODELAY on", "setsockopt failed with "
	    "EOPNOTSUPP: this option is not for this kind of socket: TCP_ "
	    "and IP_ options are for TCP/IP sockets");
}

Test(errors, eaddrinuse_tells_of_so_reuseaddr)
{
	char line[64];

	snprintf(line, sizeof line, "bind c 127.0.0.1 %d", ts_port(&t, "srv"));
	expect_fail(line, "past TIME_WAIT, SO_REUSEADDR on before bind, here "
	    "and on the old listener");
}

Test(errors, shutdown_of_a_listener)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", NULL });
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "shutdown srv wr", NULL });
	assert_has(ts_out(&t), "a listening socket sends nothing, so this "
	    "changes nothing: srv still listens");
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "shutdown srv rdwr", NULL });
	assert_has(ts_out(&t), "srv stops listening: the connections waiting "
	    "in its queue are reset");
	cr_assert_eq(ts_st(&t, "srv").listening, 0);
	/* The client queued there was reset. */
	cr_assert_eq(ts_wait_state(&t, "c", TCP_CLOSE), TCP_CLOSE);
	ts_ok(&t, (const char *const[]){ "listen srv 1", NULL });
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
}

Test(errors, recv_after_own_shut_rd)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "shutdown conn rd", NULL });
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "recv conn => EOF", NULL });
	assert_has(ts_out(&t), "conn shut down its own reading side "
	    "(shutdown rd), so its recv returns 0");
}
