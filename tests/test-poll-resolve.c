/* test-poll-resolve.c - non-blocking mode and poll (a non-blocking
 * connect completing through poll), and names and addresses:
 * getsockname and getpeername, getaddrinfo with resolve and host names,
 * AF_UNIX addresses; with the command lookup, help, usage and errno
 * explanations of those commands, and the parsing of sizes and message
 * flags, on real loopback sockets. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/un.h>
#include <unistd.h>

#include "helpers.h"
#include "base/addr.h"
#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/message.h"
#include "base/text.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"

TSHELL_SUITE(api);

static int
fd_flags(const char *name)
{
	return fcntl(handle_find(&t.sh, name)->fd, F_GETFL);
}

Test(api, nonblocking_connect_completes_through_poll)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "socket cli", NULL });
	ts_clear(&t);
	ts_okf(&t, "nonblock cli on");
	assert_has(ts_out(&t), ", F_SETFL, O_RDWR|O_NONBLOCK) = 0: calls on cli "
	    "no longer wait");
	cr_assert(fd_flags("cli") & O_NONBLOCK);
	cr_assert(handle_find(&t.sh, "cli")->nonblock);
	/* connect returns at once; the handshake goes on. */
	ts_fail(&t, "connect cli srv", "connect failed with EINPROGRESS: the "
	    "connection is being set up in the background (non-blocking "
	    "socket): 'poll NAME' until it is writable, then 'getsockopt NAME "
	    "SO_ERROR'", 0);
	cr_assert(handle_find(&t.sh, "cli")->connecting);
	/* poll waits until it is writable: the handshake has ended. */
	ts_clear(&t);
	ts_okf(&t, "poll cli 5000 => 1");
	assert_has(ts_out(&t), "poll([cli], 1, 5000) = 1\n");
	assert_has(ts_out(&t), "POLLOUT");
	assert_has(ts_out(&t), "writable: the connection attempt has ended");
	ts_clear(&t);
	ts_okf(&t, "getsockopt cli SO_ERROR");
	assert_has(ts_out(&t), "SO_ERROR) = 0: 0 (no error)");
	st = ts_st(&t, "cli");
	cr_assert_eq(st.tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(st.step, STEP_CONNECTED);
	/* A second connect confirms it, as a program's would. */
	ts_okf(&t, "connect cli srv => 0");
	cr_assert_not(handle_find(&t.sh, "cli")->connecting);
	ts_fail(&t, "connect cli srv", "connect failed with EISCONN", 0);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "non-blocking (O_NONBLOCK)");
}

Test(api, ealready_while_the_queue_is_full)
{
	struct sock_state st;

	/* listen 0 holds one connection: the next client stays SYN_SENT. */
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 0", "socket c1", "connect c1 srv", "socket c2",
	    "nonblock c2 on", "connect c2 srv => EINPROGRESS", NULL });
	st = ts_st(&t, "c2");
	cr_assert_eq(st.tcp_state, TCP_SYN_SENT);
	cr_assert_eq(st.step, STEP_CONNECTING);
	ts_fail(&t, "connect c2 srv", "connect failed with EALREADY: this "
	    "socket is still connecting", 0);
	ts_clear(&t);
	ts_okf(&t, "poll c2 => 0");
	assert_has(ts_out(&t), "poll([c2], 1, 0) = 0: nothing is ready\n");
	/* A slot frees: the kernel completes the handshake on its own. */
	ts_ok(&t, (const char *const[]){ "accept srv a", NULL });
	cr_assert(ts_ready(&t, "c2", POLLOUT) & POLLOUT);
	ts_okf(&t, "connect c2 srv => 0");
	cr_assert_eq(ts_st(&t, "c2").tcp_state, TCP_ESTABLISHED);
}

Test(api, nonblocking_accept_and_recv)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "nonblock srv on", NULL });
	ts_fail(&t, "accept srv", "accept failed with EAGAIN: the call would "
	    "have to wait, and it may not", 0);
	ts_ok(&t, (const char *const[]){ "socket cli", "connect cli srv",
	    NULL });
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "accept srv conn", "nonblock conn on",
	    NULL });
	ts_fail(&t, "recv conn", "recv failed with EAGAIN", 0);
	ts_okf(&t, "recv conn => EAGAIN");
	ts_ok(&t, (const char *const[]){ "send cli x", NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv conn => \"x\"",
	    "nonblock conn off", NULL });
	cr_assert_not(fd_flags("conn") & O_NONBLOCK);
	ts_clear(&t);
	ts_okf(&t, "nonblock conn");
	assert_has(ts_out(&t), ", F_GETFL) = O_RDWR: blocking\n");
	ts_okf(&t, "fcntl srv");
	assert_has(ts_out(&t), "= O_RDWR|O_NONBLOCK: non-blocking\n");
}

/* POLLOUT says a send would not wait, not that it would succeed: on a
 * fresh TCP socket and after shutdown wr the send fails, and poll says
 * so. A negative timeout other than -1 is a bad timeout, not a name. */
Test(api, poll_writable_but_send_fails)
{
	ts_ok(&t, (const char *const[]){ "socket s", "socket srv",
	    "bind srv 127.0.0.1 0", "listen srv", "socket cli",
	    "connect cli srv", NULL });
	ts_clear(&t);
	ts_okf(&t, "poll s");
	assert_has(ts_out(&t), "writable, yet send would fail at once with "
	    "EPIPE: the socket is not connected");
	assert_has(ts_out(&t), "hung up: there is no connection (TCP state "
	    "CLOSE)");
	ts_clear(&t);
	ts_okf(&t, "shutdown cli wr");
	ts_okf(&t, "poll cli");
	assert_has(ts_out(&t), "writable, yet send would fail at once with "
	    "EPIPE: this side shut its sending direction (shutdown wr)");
	ts_fail(&t, "poll cli -5", "'-5' is not a timeout: write milliseconds, "
	    "as in 1000, 0 (do not wait) or -1 (wait for ever)", 1);
}

Test(api, poll_many)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "socket cli", "connect cli srv", "accept srv conn",
	    "socket u udp", "bind u 127.0.0.1 0", NULL });
	ts_clear(&t);
	ts_okf(&t, "poll srv conn u");
	assert_has(ts_out(&t), "poll([srv, conn, u], 3, 0) = 2\n");
	assert_has(ts_out(&t), "nothing: no connection waits to be accepted");
	assert_has(ts_out(&t), "writable: send would not wait");
	ts_ok(&t, (const char *const[]){ "socket c2", "connect c2 srv",
	    "send cli hi", "socket v udp", "sendto v u x", NULL });
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "select srv conn u 10 => 3");
	assert_has(ts_out(&t), "a connection waits: accept would not wait");
	assert_has(ts_out(&t), "readable: data waits");
	assert_has(ts_out(&t), "readable: a datagram waits");
	/* The end of the stream. */
	ts_ok(&t, (const char *const[]){ "close cli", NULL });
	cr_assert(ts_ready(&t, "conn", POLLRDHUP) & POLLRDHUP);
	ts_ok(&t, (const char *const[]){ "recv conn", NULL });
	ts_clear(&t);
	ts_okf(&t, "poll conn");
	assert_has(ts_out(&t), "POLLIN|POLLOUT|POLLRDHUP");
	assert_has(ts_out(&t), "readable: the end of the stream (recv returns "
	    "0)");
}

Test(api, poll_waits_and_serves_jobs)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "socket a", "connect a srv", "accept srv b",
	    "socket u udp", "bind u 127.0.0.1 0", NULL });
	/* a's buffer fills and the send waits as a job; b drains as one. */
	ts_ok(&t, (const char *const[]){ "send a --size 16M &",
	    "recv b --all &", NULL });
	ts_clear(&t);
	/* No client comes to srv: poll waits its 300 ms, the jobs go on. */
	ts_okf(&t, "poll srv 300 => 0");
	assert_has(ts_out(&t), "poll([srv], 1, 300) = 0: nothing is ready\n");
	assert_has(ts_out(&t), "nothing: no connection waits to be accepted");
	assert_has(ts_out(&t), "[1] done: send(");
	cr_assert_eq(jobs_count(&t.sh), 1, "the recv waits for the end");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 16ULL << 20);
	/* In a script --timeout caps a wait for ever. */
	t.sh.timeout = 0.2;
	ts_clear(&t);
	ts_okf(&t, "poll srv -1 => 0");
	assert_has(ts_out(&t), "poll([srv], 1, 200) = 0: nothing is ready\n");
	assert_has(ts_out(&t), "the shell's --timeout, 0.2 s, capped the "
	    "wait");
}

Test(api, getsockname_and_getpeername)
{
	char want[96];

	ts_ok(&t, (const char *const[]){ "socket srv", NULL });
	ts_clear(&t);
	ts_okf(&t, "getsockname srv");
	assert_has(ts_out(&t), "= 0: 0.0.0.0:0: not bound yet");
	ts_ok(&t, (const char *const[]){ "bind srv 127.0.0.1 0", "listen srv",
	    "socket cli", "connect cli srv", NULL });
	ts_clear(&t);
	ts_okf(&t, "getsockname srv");
	snprintf(want, sizeof want, "= 0: 127.0.0.1:%d\n", ts_port(&t, "srv"));
	assert_has(ts_out(&t), want);
	ts_clear(&t);
	ts_okf(&t, "getpeername cli");
	assert_has(ts_out(&t), want);
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "getpeername");
	ts_fail(&t, "getpeername srv", "getpeername failed with ENOTCONN: this "
	    "socket has no peer", 0);
	assert_has(ts_out(&t), "= -1 ENOTCONN (");
	ts_fail(&t, "getsockname", "usage: getsockname NAME", 1);
	ts_fail(&t, "getpeername a b", "usage: getpeername NAME", 1);
	ts_fail(&t, "getsockname nosuch", "no socket named 'nosuch'", 1);
}

Test(api, resolve)
{
	ts_clear(&t);
	ts_okf(&t, "resolve localhost 8888");
	/* What the socket commands take, per family: no name server. */
	assert_has(ts_out(&t), "  localhost is the loopback address of each "
	    "family (RFC 6761), with no name server asked");
	assert_has(ts_out(&t), "getaddrinfo(NULL, \"8888\") = 0: ");
	assert_has(ts_out(&t), "= 0: 6 addresses, in the order a client tries "
	    "them:\n  AF_INET   SOCK_STREAM  IPPROTO_TCP  127.0.0.1:8888\n");
	assert_has(ts_out(&t), "  AF_INET   SOCK_DGRAM   IPPROTO_UDP  "
	    "127.0.0.1:8888\n");
	assert_has(ts_out(&t), "  AF_INET6  SOCK_STREAM  IPPROTO_TCP  "
	    "[::1]:8888\n");
	assert_has(ts_out(&t), "bind, connect and sendto take the first "
	    "address of their socket's family");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "getaddrinfo");
	cr_assert_gt(t.sh.log.v[t.sh.log.n - 1].result, 0);
	ts_clear(&t);
	ts_okf(&t, "resolve ::1");
	assert_has(ts_out(&t), "getaddrinfo(\"::1\", NULL) = 0: ");
	assert_has(ts_out(&t), "AF_INET6  SOCK_STREAM  IPPROTO_TCP  [::1]:0\n");
	/* As the socket commands refuse it: at once, unasked. */
	ts_fail(&t, "resolve nosuchhost.invalid", "cannot resolve host "
	    "'nosuchhost.invalid': names under .invalid never resolve", 0);
	assert_has_not(ts_out(&t), "getaddrinfo(");
	/* A port out of range is one, as bind and sendto say: getaddrinfo
	 * would wrap it round (99999 to 34463). */
	ts_fail(&t, "resolve localhost 99999", "port 99999 is out of range: a "
	    "port is a number from 0 to 65535", 1);
	ts_fail(&t, "resolve 127.0.0.1 65536", "port 65536 is out of range", 1);
	ts_okf(&t, "resolve 127.0.0.1 65535");
	ts_fail(&t, "resolve 127.0.0.1 nosuchservice", "no such service: give "
	    "a port number", 0);
	ts_fail(&t, "resolve", "usage: resolve HOST [SERVICE]", 1);
	ts_okf(&t, "resolve localhost => ok");
}

Test(api, host_names_for_socket_bind_connect)
{
	struct sock_state st6;

	ts_clear(&t);
	ts_okf(&t, "socket srv localhost");
	assert_has(ts_out(&t), "  localhost resolves first to 127.0.0.1: "
	    "AF_INET\n");
	cr_assert_eq(handle_find(&t.sh, "srv")->family, AF_INET);
	ts_ok(&t, (const char *const[]){ "bind srv localhost 0", "listen srv",
	    "socket cli 127.0.0.1 SOCK_STREAM", NULL });
	ts_okf(&t, "connect cli localhost %d", ts_port(&t, "srv"));
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_ESTABLISHED);
	/* localhost on an AF_INET6 socket: the loopback address resolve
	 * lists for AF_INET6. */
	ts_ok(&t, (const char *const[]){ "socket s6 inet6",
	    "bind s6 localhost 0", NULL });
	st6 = ts_st(&t, "s6");
	cr_assert_eq(st6.local.ss_family, AF_INET6);
	cr_assert(IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)
	    &st6.local)->sin6_addr));
	ts_fail(&t, "socket y nosuch.invalid", "'nosuch.invalid' is neither a "
	    "FAMILY nor a host name that resolves: write AF_INET (IPv4), "
	    "AF_INET6 (IPv6) or AF_UNIX (local), as in 'socket y AF_INET6'",
	    1);
	ts_okf(&t, "socket six ::1 udp");
	cr_assert_eq(handle_find(&t.sh, "six")->family, AF_INET6);
	cr_assert_eq(handle_find(&t.sh, "six")->type, SOCK_DGRAM);
}

Test(api, prefixes_with_longer_commands)
{
	char err[MESSAGE_LEN];

	/* The shortest match wins when the others go on from it. */
	assert_finds("sen", "send");
	assert_finds("rec", "recv");
	assert_finds("sock", "socket");
	assert_finds("socketp", "socketpair");
	assert_finds("sendt", "sendto");
	assert_finds("recvf", "recvfrom");
	assert_finds("shu", "shutdown");
	assert_finds("nonb", "nonblock");
	assert_finds("fcntl", "nonblock");
	assert_finds("select", "poll");
	assert_finds("res", "resolve");
	assert_finds("setso", "setsockopt");
	cr_assert_null(cmd_find("getso", err));
	cr_assert(strstr(err, "could be: getsockname, getsockopt") != NULL,
	    "%s", err);
	cr_assert_null(cmd_find("sh", err));
	cr_assert(strstr(err, "could be: show, shutdown") != NULL, "%s", err);
	cr_assert_null(cmd_find("re", err));
	cr_assert(strstr(err, "recv, recvfrom, resolve") != NULL, "%s", err);
}

Test(api, help_for_each_new_command)
{
	static const char *const names[] = { "sendto", "recvfrom", "shutdown",
	    "setsockopt", "getsockopt", "getsockname", "getpeername",
	    "nonblock", "poll", "resolve", "socketpair", NULL };
	const char *const *n;
	char line[64], want[64];

	for (n = names; *n != NULL; n++) {
		ts_clear(&t);
		snprintf(line, sizeof line, "help %s", *n);
		ts_okf(&t, "%s", line);
		snprintf(want, sizeof want, "usage: %s ", *n);
		assert_has(ts_out(&t), want);
		assert_has(ts_out(&t), "example: ");
	}
}

Test(api, errno_explanations)
{
	static const struct { const char *call; int err; const char *says; }
	    e[] = {
		{ "recv", EAGAIN, "non-blocking socket, or MSG_DONTWAIT" },
		{ "accept", EAGAIN, "poll says" },
		{ "connect", EINPROGRESS, "'poll NAME' until it is writable" },
		{ "connect", EALREADY, "still connecting" },
		{ "connect", EISCONN, "already connected" },
		{ "sendto", EISCONN, "a connected stream socket takes send" },
		{ "sendto", EMSGSIZE, "65507 bytes for UDP over IPv4" },
		{ "send", EMSGSIZE, "larger than the protocol allows" },
		{ "bind", EACCES, "ports below 1024" },
		{ "sendto", EACCES, "SO_BROADCAST" },
		{ "bind", EADDRNOTAVAIL, "this machine has no such address" },
		{ "connect", EADDRNOTAVAIL, "no local port is free" },
		{ "send", EDESTADDRREQ, "use sendto with an address" },
		{ "setsockopt", ENOPROTOOPT, "not for this kind of socket" },
		{ "shutdown", ENOTCONN, "Linux marks the socket shut down all "
		    "the same" },
		{ "getpeername", ENOTCONN, "has no peer" },
		{ "connect", ENOENT, "no socket file at that path" },
		{ "recv", EINVAL, "no urgent byte" },
		{ "recv", ECONNREFUSED, "ICMP" },
	};
	size_t i;

	for (i = 0; i < sizeof e / sizeof *e; i++) {
		const char *s = cmd_explain(e[i].call, e[i].err);

		cr_assert(s != NULL && strstr(s, e[i].says) != NULL,
		    "%s %s: %s", e[i].call, errinfo_name(e[i].err),
		    s ? s : "(none)");
	}
}

Test(api, eacces_below_1024)
{
	/* Only where the rule applies: root, or a lowered
	 * net.ipv4.ip_unprivileged_port_start, may bind such ports. */
	if (geteuid() == 0)
		cr_skip_test("running as root: ports below 1024 are allowed");
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	if (ts_run(&t, "bind s 127.0.0.1 1") == 0)
		cr_skip_test("ports below 1024 are open to everyone here");
	assert_has(ts_err(&t), "bind failed with EACCES: ports below 1024 are "
	    "reserved for the superuser");
}

Test(api, unix_addresses_format)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
	char buf[128], err[MESSAGE_LEN];
	socklen_t len;

	cr_assert_eq(addr_parse("/tmp/x.sock", NULL, AF_UNIX, &ss,
	    &len, err), 0);
	cr_assert_str_eq(sun->sun_path, "/tmp/x.sock");
	cr_assert_str_eq(addr_format(&ss, len, buf, sizeof buf),
	    "/tmp/x.sock");
	cr_assert(addr_named(&ss, len));
	cr_assert_eq(addr_parse("@name", NULL, AF_UNIX, &ss, &len,
	    err), 0);
	cr_assert_eq(sun->sun_path[0], '\0');
	cr_assert_str_eq(addr_format(&ss, len, buf, sizeof buf), "@name");
	cr_assert_eq(addr_parse("@", NULL, AF_UNIX, &ss, &len,
	    err), 0);
	cr_assert_eq(len, sizeof(sa_family_t));
	cr_assert_not(addr_named(&ss, len));
	cr_assert_str_eq(addr_format(&ss, len, buf, sizeof buf),
	    "(unnamed)");
	cr_assert_str_eq(addr_proto_label(AF_UNIX, SOCK_STREAM), "stream/UNIX");
	cr_assert_str_eq(addr_proto_label(AF_UNIX, SOCK_DGRAM), "dgram/UNIX");
}

Test(api, sizes_and_flags)
{
	unsigned long long v;
	char err[MESSAGE_LEN], buf[64];
	int f;

	cr_assert_eq(text_parse_size("64M", &v, err), 0);
	cr_assert_eq(v, 64ULL << 20);
	cr_assert_eq(text_parse_size("1k", &v, err), 0);
	cr_assert_eq(v, 1024);
	cr_assert_eq(text_parse_size("3GiB", &v, err), 0);
	cr_assert_eq(v, 3ULL << 30);
	cr_assert_eq(text_parse_size("12", &v, err), 0);
	cr_assert_eq(v, 12);
	cr_assert_eq(text_parse_size("1.5M", &v, err), -1);
	cr_assert_eq(text_parse_size("M", &v, err), -1);
	/* "up to 1T", as its message says: 1T is a size, 2T too much. */
	cr_assert_eq(text_parse_size("1T", &v, err), 0);
	cr_assert_eq(v, 1ULL << 40);
	cr_assert_eq(text_parse_size("1024G", &v, err), 0);
	cr_assert_eq(text_parse_size("2T", &v, err), -1);
	cr_assert(strstr(err, "up to 1T") != NULL, "%s", err);
	cr_assert_eq(addr_parse_msg_flag("MSG_PEEK", &f), 0);
	cr_assert_eq(f, MSG_PEEK);
	cr_assert_eq(addr_parse_msg_flag("msg_peek", &f), -1,
	    "as C writes them");
	cr_assert_eq(addr_parse_msg_flag("MSG_TRUNC", &f), -1);
	cr_assert_str_eq(addr_format_msg_flags(MSG_PEEK | MSG_DONTWAIT, buf,
	    sizeof buf), "MSG_PEEK|MSG_DONTWAIT");
	cr_assert_str_eq(addr_format_msg_flags(0, buf, sizeof buf), "0");
}

struct bad { char line[64]; char says[100]; };

ParameterizedTestParameters(api, usage)
{
	static struct bad bad[] = {
		{ "nonblock", "usage: nonblock NAME [on|off]" },
		{ "nonblock s maybe", "'maybe' is not on or off" },
		{ "nonblock s on off", "usage: nonblock NAME [on|off]" },
		{ "nonblock gone on", "'gone' is closed" },
		{ "poll", "usage: poll NAME... [TIMEOUT]" },
		{ "poll 100", "no socket named '100'" },
		{ "poll s nosuch", "no socket named 'nosuch'" },
		{ "poll s gone", "'gone' is closed" },
		{ "poll s 1x", "'1x' is not a timeout: write milliseconds" },
		{ "poll s 99999999999", "'99999999999' is not a timeout" },
		{ "poll s &", "poll cannot run in the background" },
		{ "resolve a b c", "usage: resolve HOST [SERVICE]" },
		{ "socket x AF_BOGUS", "unknown address family 'AF_BOGUS'" },
		{ "socket x SOCK_DGRAM tcp", "unknown address family "
		    "'SOCK_DGRAM'" },
		{ "show s nosuch", "no socket named 'nosuch'" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, api, usage)
{
	ts_ok(&t, (const char *const[]){ "socket s", "socket gone",
	    "close gone", NULL });
	ts_fail(&t, b->line, b->says, 1);
}
