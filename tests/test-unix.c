/* test-unix.c - AF_UNIX stream and datagram sockets on paths in a fresh
 * temporary folder, in the abstract namespace, and socketpair. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "helpers.h"
#include "base/evlog.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"

static struct tshell t;
static char dir[] = "/tmp/sockshell-unix-XXXXXX";

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	ts_init(&t);
}

/* Everything the test left in the folder, then the folder. */
static void
teardown(void)
{
	struct dirent *e;
	char path[sizeof dir + 300];
	DIR *d;

	ts_fini(&t);
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

TestSuite(afunix, .init = setup, .fini = teardown);

Test(afunix, stream_on_a_path)
{
	struct sock_state st;
	struct stat sb;
	char path[sizeof dir + 16], want[128];

	snprintf(path, sizeof path, "%s/srv.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket srv AF_UNIX", NULL });
	assert_has(ts_out(&t), "socket(AF_UNIX, SOCK_STREAM, 0) = ");
	assert_has(ts_out(&t), "srv is a new stream/UNIX socket");
	ts_okf(&t, "bind srv %s", path);
	cr_assert_eq(stat(path, &sb), 0, "bind made no file");
	cr_assert(S_ISSOCK(sb.st_mode));
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_BOUND);
	ts_ok(&t, (const char *const[]){ "listen srv 2", "socket cli unix",
	    NULL });
	ts_clear(&t);
	ts_okf(&t, "connect cli %s", path);
	assert_has(ts_out(&t), "= 0: connected from (unnamed)");
	/* The listener's queue, from sock_diag. */
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_LISTENING);
	cr_assert_eq(st.accept_queue, 1);
	cr_assert_eq(st.backlog, 2);
	cr_assert_eq(st.tcp_state, 0, "no TCP state on AF_UNIX");
	ts_ok(&t, (const char *const[]){ "accept srv conn", NULL });
	cr_assert_eq(ts_st(&t, "srv").accept_queue, 0);
	st = ts_st(&t, "conn");
	cr_assert_eq(st.step, STEP_CONNECTED);
	ts_clear(&t);
	/* Wide enough for the path whole (at 80 columns it loses its
	 * middle: test-table.c); the C locale's arrow. */
	setenv("COLUMNS", "100", 1);
	ts_ok(&t, (const char *const[]){ "show", NULL });
	snprintf(want, sizeof want, "stream/UNIX  connected  %s <-> "
	    "(unnamed)", path);
	assert_has(ts_out(&t), want);
	assert_has(ts_out(&t), "0 of 2 to accept");
	ts_ok(&t, (const char *const[]){ "send cli \"over a path\" => 11",
	    NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	cr_assert_eq(ts_st(&t, "conn").inq, 11);
	ts_ok(&t, (const char *const[]){ "recv conn => \"over a path\"",
	    "getpeername cli", "getpeername conn", "getsockname conn",
	    "close cli", NULL });
	assert_has(ts_out(&t), ") = 0: (unnamed)\n");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv conn => EOF", "close conn",
	    "close srv", NULL });
	/* The file stays after close: a new bind there fails. */
	cr_assert_eq(stat(path, &sb), 0);
	ts_ok(&t, (const char *const[]){ "socket anew unix", NULL });
	snprintf(want, sizeof want, "bind anew %s", path);
	ts_fail(&t, want, "bind failed with EADDRINUSE: a file named", 0);
	assert_has(ts_err(&t), "exists (a socket's file stays after close)");
}

Test(afunix, datagram_on_paths)
{
	char a[sizeof dir + 16], b[sizeof dir + 16], want[128];

	snprintf(a, sizeof a, "%s/a.sock", dir);
	snprintf(b, sizeof b, "%s/b.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket x unix dgram",
	    "socket y local SOCK_DGRAM", NULL });
	cr_assert_eq(handle_find(&t.sh, "y")->type, SOCK_DGRAM);
	ts_okf(&t, "bind x %s", a);
	ts_okf(&t, "bind y %s", b);
	ts_okf(&t, "sendto y %s \"to a path\"", a);
	cr_assert(ts_ready(&t, "x", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom x => \"to a path\"");
	snprintf(want, sizeof want, ") = 9 from %s: \"to a path\"", b);
	assert_has(ts_out(&t), want);
	/* To a handle, and back to the address recvfrom showed. */
	ts_okf(&t, "sendto x y back");
	cr_assert(ts_ready(&t, "y", POLLIN) & POLLIN);
	ts_okf(&t, "recv y => \"back\"");
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "dgram/UNIX");
}

/* A path is the peer's choice and may hold what a terminal acts on (a
 * C1 CSI, a bidi override, ESC): shown escaped, as data is. */
Test(afunix, control_characters_in_a_path)
{
	char b[sizeof dir + 16], want[160];
	static const char *const raw[] = { "\xc2\x9b", "\xe2\x80\xae",
	    "\x1b", NULL };
	struct stat sb;
	int i;

	snprintf(b, sizeof b, "%s/b.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket x unix dgram",
	    "socket y unix dgram", NULL });
	ts_okf(&t, "bind x \"%s/e\\xc2\\x9b31m\\xe2\\x80\\xae\\x1b\"",
	    dir);
	snprintf(want, sizeof want, "%s/e\xc2\x9b" "31m\xe2\x80\xae\x1b", dir);
	cr_assert_eq(stat(want, &sb), 0, "no socket file at the raw path");
	ts_okf(&t, "bind y %s", b);
	ts_clear(&t);
	ts_okf(&t, "sendto x y hi");
	cr_assert(ts_ready(&t, "y", POLLIN) & POLLIN);
	ts_okf(&t, "recvfrom y => \"hi\"");
	ts_okf(&t, "getsockname x");
	ts_okf(&t, "show x");
	snprintf(want, sizeof want, ") = 2 from %s/e\\xc2\\x9b31m"
	    "\\xe2\\x80\\xae\\x1b: \"hi\"", dir);
	assert_has(ts_out(&t), want);
	snprintf(want, sizeof want, ") = 0: %s/e\\xc2\\x9b31m\\xe2\\x80"
	    "\\xae\\x1b\n", dir);
	assert_has(ts_out(&t), want);
	for (i = 0; raw[i] != NULL; i++)
		assert_has_not(ts_out(&t), raw[i]);
}

/* SIOCOUTQ on AF_UNIX is send-buffer memory, with no acknowledgement. */
Test(afunix, outq_is_not_unacknowledged)
{
	ts_ok(&t, (const char *const[]){ "socketpair a b", "send a abc",
	    NULL });
	ts_clear(&t);
	ts_okf(&t, "show a");
	assert_has(ts_out(&t), "bytes of send buffer hold data the peer has "
	    "not read (SIOCOUTQ, the kernel's overhead included)");
	assert_has_not(ts_out(&t), "acknowledged");
}

/* A non-blocking AF_UNIX connect to a full queue fails with EAGAIN at
 * once (TCP would go on with EINPROGRESS): the queue is full, it says. */
Test(afunix, nonblocking_connect_full_queue)
{
	ts_ok(&t, (const char *const[]){ "socket l unix", "bind l @",
	    "listen l 0", "socket a unix", "connect a l", "socket b unix",
	    "nonblock b on", NULL });
	ts_fail(&t, "connect b l", "connect failed with EAGAIN: the listener's "
	    "accept queue is full, and a non-blocking AF_UNIX connect does "
	    "not wait for room", 0);
}

Test(afunix, unnamed_sender)
{
	ts_ok(&t, (const char *const[]){ "socket x unix dgram", "bind x @",
	    "socket y unix dgram", "sendto y x anonymous", NULL });
	cr_assert(ts_ready(&t, "x", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom x");
	assert_has(ts_out(&t), " from (unnamed): \"anonymous\"");
}

Test(afunix, abstract_names)
{
	char name[64], want[96];
	struct sock_state st;

	/* Unique per test run: pid and the folder's name. */
	snprintf(name, sizeof name, "@sockshell-test-%d-%s", (int)getpid(),
	    strrchr(dir, '-') + 1);
	ts_ok(&t, (const char *const[]){ "socket srv unix", NULL });
	ts_okf(&t, "bind srv %s", name);
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_BOUND);
	snprintf(want, sizeof want, "srv is bound to %s\n", name);
	assert_has(ts_out(&t), want);
	ts_ok(&t, (const char *const[]){ "listen srv", "socket cli unix",
	    NULL });
	ts_okf(&t, "connect cli %s", name);
	ts_ok(&t, (const char *const[]){ "accept srv conn", "send conn hi",
	    "recv cli => \"hi\"", NULL });
}

Test(afunix, autobind)
{
	struct sock_state st;
	const struct sockaddr_un *sun;

	ts_ok(&t, (const char *const[]){ "socket srv unix", "bind srv @",
	    "listen srv", "socket cli unix", "connect cli srv => connected",
	    "accept srv conn", NULL });
	st = ts_st(&t, "srv");
	sun = (const struct sockaddr_un *)&st.local;
	cr_assert_eq(sun->sun_path[0], '\0', "an abstract name");
	cr_assert_eq(st.local_len, offsetof(struct sockaddr_un, sun_path) + 6,
	    "five hex digits");
	assert_has(ts_out(&t), "srv is bound to @");
}

Test(afunix, socketpair_stream)
{
	struct sock_state st;
	int fds = count_fds();

	ts_ok(&t, (const char *const[]){ "socketpair a b", NULL });
	assert_has(ts_out(&t), "socketpair(AF_UNIX, SOCK_STREAM, 0, [");
	assert_has(ts_out(&t), "a and b are connected to each other");
	cr_assert_eq(count_fds(), fds + 2);
	st = ts_st(&t, "a");
	cr_assert_eq(st.step, STEP_CONNECTED);
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "socketpair");
	cr_assert_eq(t.sh.log.v[t.sh.log.n - 1].other_id,
	    handle_find(&t.sh, "b")->id);
	ts_ok(&t, (const char *const[]){ "send a \"one way\"",
	    "recv b => \"one way\"", "send b \"and back\"",
	    "recv a => \"and back\"", "shutdown a wr", "recv b => EOF",
	    "send b still", "recv a => \"still\"", "close a", "close b",
	    NULL });
	cr_assert_eq(count_fds(), fds);
}

Test(afunix, socketpair_dgram)
{
	ts_ok(&t, (const char *const[]){ "socketpair a b SOCK_DGRAM",
	    "send a one", "send a two", "recv b 100 => \"one\"",
	    "recv b => \"two\"", NULL });
	cr_assert_eq(handle_find(&t.sh, "a")->type, SOCK_DGRAM);
}

Test(afunix, protocols_hidden)
{
	/* The same exchange as over TCP, with only the family changed. */
	char path[sizeof dir + 16];

	snprintf(path, sizeof path, "%s/echo.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket srv AF_UNIX SOCK_STREAM",
	    NULL });
	ts_okf(&t, "bind srv %s", path);
	ts_ok(&t, (const char *const[]){ "listen srv 1", "accept srv conn &",
	    "socket cli AF_UNIX SOCK_STREAM", "connect cli srv", "wait",
	    "send cli \"Hello, world!\"", "recv conn 1024 => \"Hello, world!\"",
	    "send conn \"Hello, world!\"", "recv cli => \"Hello, world!\"",
	    "close cli", "recv conn => EOF", "close conn", "close srv", NULL });
}

Test(afunix, connect_errors)
{
	char path[sizeof dir + 16], line[128];

	ts_ok(&t, (const char *const[]){ "socket cli unix", NULL });
	snprintf(line, sizeof line, "connect cli %s/nothing.sock", dir);
	ts_fail(&t, line, "connect failed with ENOENT: there is no socket file "
	    "at that path", 0);
	/* A file left by a closed socket: nobody listens there. */
	snprintf(path, sizeof path, "%s/left.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket old unix", NULL });
	ts_okf(&t, "bind old %s", path);
	ts_ok(&t, (const char *const[]){ "close old", NULL });
	snprintf(line, sizeof line, "connect cli %s", path);
	ts_fail(&t, line, "connect failed with ECONNREFUSED", 0);
	/* A stream socket cannot connect to a datagram one. */
	snprintf(path, sizeof path, "%s/dgram.sock", dir);
	ts_ok(&t, (const char *const[]){ "socket d unix dgram", NULL });
	ts_okf(&t, "bind d %s", path);
	ts_fail(&t, "connect cli d", "connect failed with EPROTOTYPE: the "
	    "socket at that address is of another type", 0);
	/* A client that is not bound has no name to connect to. */
	ts_ok(&t, (const char *const[]){ "socket e unix", NULL });
	ts_fail(&t, "connect cli e", "'e' has no AF_UNIX address to connect "
	    "to", 1);
}

Test(afunix, bind_errors)
{
	char line[128];

	ts_ok(&t, (const char *const[]){ "socket s unix", NULL });
	snprintf(line, sizeof line, "bind s %s/no/such/folder.sock", dir);
	ts_fail(&t, line, "bind failed with ENOENT: a folder in that path does "
	    "not exist", 0);
}

struct bad { char line[200]; char says[100]; };

ParameterizedTestParameters(afunix, usage)
{
	static struct bad bad[] = {
		{ "bind s /tmp/x.sock 80", "an AF_UNIX address is a path with "
		    "no port" },
		{ "bind s \"\"", "an AF_UNIX address is a path" },
		{ "bind s /tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		    "is too long: an AF_UNIX address holds at most 107 bytes" },
		{ "connect s /tmp/x.sock 80", "an AF_UNIX address is a path "
		    "with no port" },
		{ "socketpair", "usage: socketpair NAME1 NAME2" },
		{ "socketpair a", "usage: socketpair NAME1 NAME2" },
		{ "socketpair a b c d", "usage: socketpair NAME1 NAME2" },
		{ "socketpair a a", "the two ends need two names" },
		{ "socketpair s b", "there is already a socket named 's'" },
		{ "socketpair a s", "there is already a socket named 's'" },
		{ "socketpair 1a b", "'1a' is not a handle name" },
		{ "socketpair a b SOCK_RAW", "unknown socket type 'SOCK_RAW'" },
		{ "socketpair a b &", "socketpair cannot run in the background" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, afunix, usage)
{
	ts_ok(&t, (const char *const[]){ "socket s unix", NULL });
	ts_fail(&t, b->line, b->says, 1);
}
