/* test-sockopt.c - setsockopt and getsockopt on real loopback sockets:
 * each option set, read back and shown; what the kernel changes (the
 * doubled SO_RCVBUF); SO_REUSEADDR against EADDRINUSE; SO_LINGER 0's
 * reset; the options that differ from a new socket's in the table. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "helpers.h"
#include "base/evlog.h"
#include "base/sig.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/sockopt.h"
#include "state/state.h"
#include "views/render.h"

TSHELL_SUITE(sockopt);

static int
getint(const char *name, int level, int opt)
{
	struct handle *h = handle_find(&t.sh, name);
	socklen_t len = sizeof(int);
	int v = -12345;

	cr_assert(h != NULL && h->fd >= 0);
	cr_assert_eq(getsockopt(h->fd, level, opt, &v, &len), 0);
	return v;
}

/* srv listening, cli connected to it, conn accepted. */
static void
establish(const char *family)
{
	ts_okf(&t, "socket srv %s", family);
	ts_okf(&t, "bind srv %s 0", strcmp(family, "AF_INET6") == 0 ?
	    "::1" : "127.0.0.1");
	ts_ok(&t, (const char *const[]){ "listen srv 1", NULL });
	ts_okf(&t, "socket cli %s", family);
	ts_ok(&t, (const char *const[]){ "connect cli srv", "accept srv conn",
	    NULL });
}

/* Each boolean option: set on, read back on, off again. */
struct boolopt { char family[12]; char type[12]; char name[20]; int level;
    int opt; };

ParameterizedTestParameters(sockopt, booleans)
{
	static struct boolopt p[] = {
		{ "AF_INET", "SOCK_STREAM", "SO_REUSEADDR", SOL_SOCKET,
		    SO_REUSEADDR },
		{ "AF_INET", "SOCK_STREAM", "SO_REUSEPORT", SOL_SOCKET,
		    SO_REUSEPORT },
		{ "AF_INET", "SOCK_STREAM", "SO_KEEPALIVE", SOL_SOCKET,
		    SO_KEEPALIVE },
		{ "AF_INET", "SOCK_STREAM", "SO_OOBINLINE", SOL_SOCKET,
		    SO_OOBINLINE },
		{ "AF_INET", "SOCK_STREAM", "TCP_NODELAY", IPPROTO_TCP,
		    TCP_NODELAY },
		{ "AF_INET6", "SOCK_STREAM", "TCP_NODELAY", IPPROTO_TCP,
		    TCP_NODELAY },
		{ "AF_INET6", "SOCK_STREAM", "IPV6_V6ONLY", IPPROTO_IPV6,
		    IPV6_V6ONLY },
		{ "AF_INET6", "SOCK_DGRAM", "IPV6_V6ONLY", IPPROTO_IPV6,
		    IPV6_V6ONLY },
		{ "AF_INET", "SOCK_DGRAM", "SO_BROADCAST", SOL_SOCKET,
		    SO_BROADCAST },
		{ "AF_INET6", "SOCK_DGRAM", "SO_REUSEADDR", SOL_SOCKET,
		    SO_REUSEADDR },
	};
	return cr_make_param_array(struct boolopt, p, sizeof p / sizeof *p);
}

ParameterizedTest(struct boolopt *p, sockopt, booleans)
{
	char line[96], want[96];

	ts_okf(&t, "socket s %s %s", p->family, p->type);
	cr_assert_eq(getint("s", p->level, p->opt), 0);
	snprintf(line, sizeof line, "setsockopt s %s on", p->name);
	ts_clear(&t);
	ts_okf(&t, "%s", line);
	cr_assert_neq(getint("s", p->level, p->opt), 0);
	snprintf(want, sizeof want, ", %s, 1) = 0\n", p->name);
	assert_has(ts_out(&t), want);
	snprintf(want, sizeof want, "  %s is now on\n", p->name);
	assert_has(ts_out(&t), want);
	/* The table's second line names it: it differs from a new socket. */
	ts_clear(&t);
	ts_okf(&t, "show");
	snprintf(want, sizeof want, "%s on", p->name);
	assert_has(ts_out(&t), want);
	ts_okf(&t, "setsockopt s %s off", p->name);
	cr_assert_eq(getint("s", p->level, p->opt), 0);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has_not(ts_out(&t), want);
	/* The prefix may be left out, any case. */
	ts_okf(&t, "setsockopt s %s 1", strchr(p->name, '_') + 1);
	cr_assert_neq(getint("s", p->level, p->opt), 0);
}

Test(sockopt, rcvbuf_doubles)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_clear(&t);
	ts_okf(&t, "setsockopt s SO_RCVBUF 4096");
	cr_assert_eq(getint("s", SOL_SOCKET, SO_RCVBUF), 8192);
	assert_has(ts_out(&t), "setsockopt(");
	assert_has(ts_out(&t), ", SOL_SOCKET, SO_RCVBUF, 4096) = 0");
	assert_has(ts_out(&t), "getsockopt reads 8192 bytes back: the kernel "
	    "doubles what is set");
	ts_clear(&t);
	ts_okf(&t, "setsockopt s sndbuf 32K");
	cr_assert_eq(getint("s", SOL_SOCKET, SO_SNDBUF), 65536);
	assert_has(ts_out(&t), "65536 bytes back: the kernel doubles");
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "SO_RCVBUF 8192 bytes; SO_SNDBUF 65536 bytes");
}

/* A size past net.core.rmem_max / wmem_max is capped, then doubled: the
 * explanation says so (2 * 1G overflowed an int, and said "minimum"). */
Test(sockopt, huge_buffers_are_capped)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_clear(&t);
	ts_okf(&t, "setsockopt s SO_RCVBUF 1G");
	cr_assert_lt(getint("s", SOL_SOCKET, SO_RCVBUF), 1 << 30);
	assert_has(ts_out(&t), "the kernel doubles what is set, but first caps "
	    "it at net.core.rmem_max (sysctl)");
	assert_has_not(ts_out(&t), "minimum");
	ts_clear(&t);
	ts_okf(&t, "setsockopt s SO_SNDBUF 2000M");
	assert_has(ts_out(&t), "caps it at net.core.wmem_max (sysctl)");
	assert_has_not(ts_out(&t), "minimum");
}

/* TCP_MAXSEG's EINVAL says the kernel's range (tried: 88 to 32767). */
Test(sockopt, maxseg_range)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_fail(&t, "setsockopt s TCP_MAXSEG 87", "TCP_MAXSEG from 88 to 32767 "
	    "bytes, or 0 for the default", 0);
	ts_fail(&t, "setsockopt s TCP_MAXSEG 32768", "from 88 to 32767", 0);
	ts_ok(&t, (const char *const[]){ "setsockopt s TCP_MAXSEG 88",
	    "setsockopt s TCP_MAXSEG 32767", NULL });
}

/* A time too small for a microsecond is rounded up to one, not down to
 * 0, which would mean "wait for ever". */
Test(sockopt, tiny_timeout_is_not_for_ever)
{
	struct handle *h;
	struct timeval tv;
	socklen_t len = sizeof tv;

	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_clear(&t);
	ts_okf(&t, "setsockopt s SO_RCVTIMEO 0.0000001");
	assert_has(ts_out(&t), "{tv_sec=0, tv_usec=1}) = 0");
	assert_has_not(ts_out(&t), "for ever");
	h = handle_find(&t.sh, "s");
	cr_assert_eq(getsockopt(h->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &len), 0);
	cr_assert(tv.tv_sec != 0 || tv.tv_usec != 0);
}

/* An option set on a kind of socket that does not list it (the kernel
 * takes SO_BROADCAST on TCP, IP_TTL on IPv6) is listed all the same. */
Test(sockopt, set_options_are_listed_on_any_kind)
{
	ts_ok(&t, (const char *const[]){ "socket s", "socket s6 inet6",
	    "setsockopt s SO_BROADCAST on", "setsockopt s6 IP_TTL 5", NULL });
	ts_clear(&t);
	ts_okf(&t, "getsockopt s");
	assert_has(ts_out(&t), "  SO_BROADCAST       SOL_SOCKET    on (a new "
	    "socket: off)\n");
	ts_clear(&t);
	ts_okf(&t, "getsockopt s6");
	assert_has(ts_out(&t), "  IP_TTL             IPPROTO_IP    5 (a new "
	    "socket: 64)\n");
	ts_clear(&t);
	render_state(&t.sh);
	assert_has(ts_out(&t), "SO_BROADCAST on\n");
	assert_has(ts_out(&t), "IP_TTL 5\n");
}

/* SO_LINGER on SECS: close says it waits for the peer's acknowledgement,
 * and a Ctrl-C that ends the wait is explained. */
static void
on_alarm(int sig)
{
	(void)sig;
	sig_interrupted = 1;	/* as main's SIGINT handler */
}

Test(sockopt, linger_is_said, .timeout = 20)
{
	struct sigaction sa;
	struct itimerval it;

	establish("AF_INET");
	ts_okf(&t, "setsockopt cli SO_LINGER on 1");
	ts_clear(&t);
	ts_okf(&t, "close cli");
	assert_has(ts_out(&t), "  SO_LINGER is on 1: close waits up to 1 "
	    "second for the peer to acknowledge what was sent (Ctrl-C stops "
	    "the waiting)\n");
	assert_has(ts_out(&t), ") = 0: cli is closed\n");
	/* A peer that reads nothing, a full buffer: close lingers until
	 * Ctrl-C comes. */
	ts_ok(&t, (const char *const[]){ "socket c2", "connect c2 srv",
	    "accept srv conn2", "setsockopt conn2 SO_RCVBUF 4096",
	    "setsockopt c2 SO_LINGER on 30", NULL });
	ts_runf(&t, "send c2 MSG_DONTWAIT --size 16M");
	cr_assert_gt(handle_find(&t.sh, "c2")->sent, 0);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART, as main's */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 100000;
	ts_clear(&t);
	setitimer(ITIMER_REAL, &it, NULL);
	ts_okf(&t, "close c2");
	assert_has(ts_out(&t), "SO_LINGER is on 30: close waits up to 30 "
	    "seconds");
	assert_has(ts_out(&t), ") = 0: c2 is closed, but its linger was "
	    "interrupted (Ctrl-C): close returned before the peer "
	    "acknowledged everything");
	cr_assert_not(sig_interrupted);
	cr_assert_lt(handle_find(&t.sh, "c2")->fd, 0);
}

Test(sockopt, rcvbuf_udp_and_unix)
{
	ts_ok(&t, (const char *const[]){ "socket u udp", "socket x unix",
	    "setsockopt u SO_RCVBUF 6000", "setsockopt x SO_SNDBUF 6000",
	    NULL });
	cr_assert_eq(getint("u", SOL_SOCKET, SO_RCVBUF), 12000);
	cr_assert_eq(getint("x", SOL_SOCKET, SO_SNDBUF), 12000);
}

Test(sockopt, buffers_unset_are_not_shown)
{
	/* TCP tunes its buffers itself: a connection's differ from a new
	 * socket's, and that is no news until the student sets them. */
	establish("AF_INET");
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has_not(ts_out(&t), "SO_RCVBUF");
	assert_has_not(ts_out(&t), "SO_SNDBUF");
	assert_has_not(ts_out(&t), "TCP_MAXSEG");
}

Test(sockopt, accepted_socket_inherits)
{
	ts_ok(&t, (const char *const[]){ "socket srv",
	    "setsockopt srv TCP_NODELAY on", "setsockopt srv SO_RCVBUF 16K",
	    "bind srv 127.0.0.1 0", "listen srv", "socket cli",
	    "connect cli srv", "accept srv conn", NULL });
	cr_assert_neq(getint("conn", IPPROTO_TCP, TCP_NODELAY), 0);
	cr_assert_eq(getint("conn", SOL_SOCKET, SO_RCVBUF), 32768);
	ts_clear(&t);
	ts_okf(&t, "show");
	/* srv's line and conn's line */
	cr_assert(strstr(strstr(ts_out(&t), "TCP_NODELAY on") + 1,
	    "TCP_NODELAY on") != NULL, "%s", ts_out(&t));
}

Test(sockopt, linger)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_clear(&t);
	ts_okf(&t, "setsockopt s SO_LINGER on 5");
	assert_has(ts_out(&t), "SO_LINGER, {l_onoff=1, l_linger=5}) = 0");
	assert_has(ts_out(&t), "SO_LINGER is now on 5 s");
	ts_okf(&t, "setsockopt s SO_LINGER 0");
	ts_clear(&t);
	ts_okf(&t, "getsockopt s SO_LINGER");
	assert_has(ts_out(&t), "= 0: on 0 s (close resets)");
	ts_okf(&t, "setsockopt s linger off");
	ts_clear(&t);
	ts_okf(&t, "getsockopt s SO_LINGER");
	assert_has(ts_out(&t), "SO_LINGER) = 0: off\n");
}

Test(sockopt, timeouts)
{
	struct timeval tv;
	socklen_t len = sizeof tv;

	ts_ok(&t, (const char *const[]){ "socket s",
	    "setsockopt s SO_RCVTIMEO 1.5", "setsockopt s SO_SNDTIMEO 2",
	    NULL });
	cr_assert_eq(getsockopt(handle_find(&t.sh, "s")->fd, SOL_SOCKET,
	    SO_RCVTIMEO, &tv, &len), 0);
	cr_assert_eq(tv.tv_sec, 1);
	cr_assert_eq(tv.tv_usec, 500000);
	ts_clear(&t);
	ts_okf(&t, "getsockopt s SO_SNDTIMEO");
	assert_has(ts_out(&t), ") = 0: 2 s\n");
	ts_okf(&t, "setsockopt s SO_RCVTIMEO 0");
	ts_clear(&t);
	ts_okf(&t, "getsockopt s SO_RCVTIMEO");
	assert_has(ts_out(&t), "0 (waits for ever)");
}

Test(sockopt, rcvtimeo_makes_recv_fail_with_eagain)
{
	establish("AF_INET");
	ts_okf(&t, "setsockopt conn SO_RCVTIMEO 0.05");
	t.sh.timeout = 5;
	ts_fail(&t, "recv conn", "recv failed with EAGAIN: the socket's "
	    "SO_RCVTIMEO ran out", 0);
	assert_has(ts_out(&t), "= -1 EAGAIN (");
	/* The socket is as it was: data still arrives. */
	ts_ok(&t, (const char *const[]){ "send cli late", "recv conn", NULL });
	assert_has(ts_out(&t), "= 4: \"late\"");
}

Test(sockopt, ttl_and_hops)
{
	ts_ok(&t, (const char *const[]){ "socket u udp", "socket v ipv6 udp",
	    "setsockopt u IP_TTL 7", "setsockopt v IPV6_UNICAST_HOPS 9",
	    NULL });
	cr_assert_eq(getint("u", IPPROTO_IP, IP_TTL), 7);
	cr_assert_eq(getint("v", IPPROTO_IPV6, IPV6_UNICAST_HOPS), 9);
	ts_clear(&t);
	ts_okf(&t, "setsockopt u IP_TTL -1");
	assert_has(ts_out(&t), "-1 gives back the system's default");
	cr_assert_neq(getint("u", IPPROTO_IP, IP_TTL), 7);
}

Test(sockopt, maxseg_before_connect)
{
	ts_ok(&t, (const char *const[]){ "socket s",
	    "setsockopt s TCP_MAXSEG 1000", NULL });
	cr_assert_eq(getint("s", IPPROTO_TCP, TCP_MAXSEG), 1000);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "TCP_MAXSEG 1000 bytes");
}

Test(sockopt, read_only_options)
{
	establish("AF_INET");
	ts_clear(&t);
	ts_okf(&t, "getsockopt cli SO_TYPE");
	assert_has(ts_out(&t), "SO_TYPE) = 0: SOCK_STREAM\n");
	ts_clear(&t);
	ts_okf(&t, "getsockopt cli SO_ERROR");
	assert_has(ts_out(&t), "SO_ERROR) = 0: 0 (no error)\n");
	ts_clear(&t);
	ts_okf(&t, "getsockopt srv SO_ACCEPTCONN");
	assert_has(ts_out(&t), "SO_ACCEPTCONN) = 0: on\n");
	ts_fail(&t, "setsockopt cli SO_TYPE 1", "SO_TYPE can only be read", 1);
	ts_fail(&t, "setsockopt cli SO_ERROR 0", "SO_ERROR can only be read",
	    1);
}

Test(sockopt, so_error_after_refused_nonblocking_connect)
{
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    "socket c", "nonblock c on", "connect c hole => EINPROGRESS",
	    NULL });
	cr_assert(ts_ready(&t, "c", POLLOUT) & (POLLOUT | POLLERR));
	ts_clear(&t);
	ts_okf(&t, "getsockopt c SO_ERROR");
	assert_has(ts_out(&t), "SO_ERROR) = 0: ECONNREFUSED (");
	/* Reading it cleared it. */
	ts_clear(&t);
	ts_okf(&t, "getsockopt c SO_ERROR");
	assert_has(ts_out(&t), "0 (no error)");
}

Test(sockopt, listing)
{
	establish("AF_INET");
	ts_okf(&t, "setsockopt cli TCP_NODELAY on");
	ts_clear(&t);
	ts_okf(&t, "getsockopt cli");
	assert_has(ts_out(&t), "for each option of a TCP/IPv4 socket:\n");
	assert_has(ts_out(&t), "  SO_REUSEADDR       SOL_SOCKET    off\n");
	assert_has(ts_out(&t), "  TCP_NODELAY        IPPROTO_TCP   on (a new "
	    "socket: off)\n");
	assert_has(ts_out(&t), "  SO_TYPE            SOL_SOCKET    "
	    "SOCK_STREAM\n");
	assert_has(ts_out(&t), "  IP_TTL ");
	assert_has_not(ts_out(&t), "IPV6_V6ONLY");
	assert_has_not(ts_out(&t), "SO_BROADCAST");
	assert_has(ts_out(&t), "(SO_ERROR is read only when asked");
	/* Each kind lists what applies to it. */
	ts_ok(&t, (const char *const[]){ "socket u6 ipv6 udp", "socket x unix",
	    NULL });
	ts_clear(&t);
	ts_okf(&t, "getsockopt u6");
	assert_has(ts_out(&t), "IPV6_V6ONLY");
	assert_has(ts_out(&t), "SO_BROADCAST");
	assert_has_not(ts_out(&t), "TCP_NODELAY");
	assert_has_not(ts_out(&t), "IP_TTL ");
	ts_clear(&t);
	ts_okf(&t, "getsockopt x");
	assert_has(ts_out(&t), "SO_RCVBUF");
	assert_has_not(ts_out(&t), "SO_REUSEADDR");
}

Test(sockopt, getsockopt_one_explains)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_clear(&t);
	ts_okf(&t, "getsockopt s SO_REUSEADDR");
	assert_has(ts_out(&t), "SO_REUSEADDR) = 0: off\n");
	assert_has(ts_out(&t), "  SO_REUSEADDR: bind may take a port that "
	    "connections in TIME_WAIT still hold");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "getsockopt");
}

/* The kernel's refusals: errno and what it means. */

Test(sockopt, enoprotoopt)
{
	ts_ok(&t, (const char *const[]){ "socket u udp", NULL });
	ts_fail(&t, "setsockopt u TCP_NODELAY on", "setsockopt failed with "
	    "ENOPROTOOPT: this option is not for this kind of socket", 0);
	assert_has(ts_out(&t), "= -1 ENOPROTOOPT (");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "setsockopt");
	cr_assert_eq(t.sh.log.v[t.sh.log.n - 1].err, ENOPROTOOPT);
	ts_fail(&t, "getsockopt u TCP_MAXSEG", "getsockopt failed with "
	    "EOPNOTSUPP", 0);
	/* A lesson may expect it. */
	ts_okf(&t, "setsockopt u TCP_NODELAY on => ENOPROTOOPT");
}

Test(sockopt, v6only_after_bind)
{
	ts_ok(&t, (const char *const[]){ "socket s ipv6", "bind s ::1 0",
	    NULL });
	ts_fail(&t, "setsockopt s IPV6_V6ONLY on", "setsockopt failed with "
	    "EINVAL: the kernel does not take this value", 0);
}

Test(sockopt, v6only_on_ipv4_socket)
{
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	ts_fail(&t, "setsockopt s IPV6_V6ONLY on", "setsockopt failed with "
	    "ENOPROTOOPT", 0);
}

/* Mistakes caught before any call. */
struct bad { char line[64]; char says[100]; };

ParameterizedTestParameters(sockopt, usage)
{
	static struct bad bad[] = {
		{ "setsockopt", "usage: setsockopt NAME OPTION VALUE" },
		{ "setsockopt s SO_REUSEADDR", "usage: setsockopt NAME OPTION "
		    "VALUE" },
		{ "setsockopt s SO_LINGER on 1 2", "wrong number of arguments" },
		{ "setsockopt nosuch SO_REUSEADDR on", "no socket named "
		    "'nosuch'" },
		{ "setsockopt gone SO_REUSEADDR on", "'gone' is closed" },
		{ "setsockopt s SO_BOGUS on", "unknown socket option "
		    "'SO_BOGUS': sockshell knows SO_REUSEADDR, " },
		{ "setsockopt s SO_REUSEADDR maybe", "'maybe' is not a value for "
		    "SO_REUSEADDR: write on or off" },
		{ "setsockopt s SO_REUSEADDR on off", "SO_REUSEADDR takes one "
		    "value" },
		{ "setsockopt s SO_RCVBUF lots", "'lots' is not a size" },
		{ "setsockopt s SO_RCVBUF -1", "'-1' is not a size" },
		{ "setsockopt s SO_RCVBUF 4G", "SO_RCVBUF takes at most" },
		{ "setsockopt s SO_LINGER on", "SO_LINGER takes 'off', or 'on "
		    "SECS'" },
		{ "setsockopt s SO_LINGER on x", "SO_LINGER takes 'off'" },
		{ "setsockopt s SO_LINGER on 1.5", "SO_LINGER takes 'off'" },
		{ "setsockopt s SO_LINGER maybe 3", "SO_LINGER takes 'off'" },
		{ "setsockopt s SO_RCVTIMEO soon", "'soon' is not a time for "
		    "SO_RCVTIMEO" },
		{ "setsockopt s SO_SNDTIMEO -1", "'-1' is not a time" },
		{ "setsockopt s IP_TTL 256", "'256' is not a value for IP_TTL" },
		{ "setsockopt s IP_TTL x", "'x' is not a value for IP_TTL" },
		{ "setsockopt s SO_TYPE 1", "SO_TYPE can only be read" },
		{ "getsockopt", "usage: getsockopt NAME [OPTION]" },
		{ "getsockopt s a b", "usage: getsockopt NAME [OPTION]" },
		{ "getsockopt s SO_NOPE", "unknown socket option 'SO_NOPE'" },
		{ "getsockopt gone", "'gone' is closed" },
		{ "getsockopt s &", "getsockopt cannot run in the background" },
		{ "setsockopt s SO_KEEPALIVE on &", "setsockopt cannot run in "
		    "the background" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, sockopt, usage)
{
	ts_ok(&t, (const char *const[]){ "socket s", "socket gone",
	    "close gone", NULL });
	ts_fail(&t, b->line, b->says, 1);
}

/*
 * EADDRINUSE after a restart, fixed by SO_REUSEADDR: the server closes
 * its connection first, which then waits in TIME_WAIT on the server's
 * port. Linux lets bind take the port only when the old socket and the
 * new one both have SO_REUSEADDR.
 */
static int
restart(int reuse_old)
{
	int port;

	ts_ok(&t, (const char *const[]){ "socket old", NULL });
	if (reuse_old)
		ts_okf(&t, "setsockopt old SO_REUSEADDR on");
	ts_ok(&t, (const char *const[]){ "bind old 127.0.0.1 0",
	    "listen old", "socket c", "connect c old", "accept old conn",
	    "close conn", "close c", "close old", NULL });
	port = ts_port(&t, "old");
	cr_assert_eq(ts_wait_state(&t, "conn", TCP_TIME_WAIT), TCP_TIME_WAIT,
	    "the server's side of the connection waits in TIME_WAIT");
	ts_ok(&t, (const char *const[]){ "socket new", NULL });
	return port;
}

Test(sockopt, eaddrinuse_fixed_by_reuseaddr)
{
	char line[64];
	int port = restart(1);

	snprintf(line, sizeof line, "bind new 127.0.0.1 %d", port);
	ts_fail(&t, line, "bind failed with EADDRINUSE: another socket already "
	    "uses this address and port (a listener, or a connection in "
	    "TIME_WAIT)", 0);
	ts_okf(&t, "setsockopt new SO_REUSEADDR on");
	ts_okf(&t, "bind new 127.0.0.1 %d", port);
	ts_okf(&t, "listen new => LISTEN");
	cr_assert_eq(ts_port(&t, "new"), port);
	/* The old connection is still there, in TIME_WAIT. */
	cr_assert_eq(ts_wait_state(&t, "conn", TCP_TIME_WAIT), TCP_TIME_WAIT);
}

Test(sockopt, reuseaddr_needs_both_sockets)
{
	char line[64];
	int port = restart(0);

	ts_okf(&t, "setsockopt new SO_REUSEADDR on");
	snprintf(line, sizeof line, "bind new 127.0.0.1 %d", port);
	ts_fail(&t, line, "bind failed with EADDRINUSE", 0);
}

Test(sockopt, reuseaddr_not_over_a_listener)
{
	ts_ok(&t, (const char *const[]){ "socket a", "socket b",
	    "setsockopt a SO_REUSEADDR on", "setsockopt b SO_REUSEADDR on",
	    "bind a 127.0.0.1 0", "listen a", NULL });
	ts_runf(&t, "bind b 127.0.0.1 %d => EADDRINUSE", ts_port(&t, "a"));
	cr_assert_not(t.sh.failed, "%s", ts_err(&t));
}

Test(sockopt, linger_zero_resets)
{
	struct sock_state st;

	establish("AF_INET");
	ts_okf(&t, "setsockopt cli SO_LINGER on 0");
	ts_clear(&t);
	ts_okf(&t, "close cli");
	cr_assert(ts_ready(&t, "conn", 0) & (POLLHUP | POLLERR),
	    "no reset arrived");
	ts_fail(&t, "recv conn", "recv failed with ECONNRESET: the peer reset "
	    "the connection", 0);
	/* No FIN, so no TIME_WAIT: nothing of cli's connection is left. */
	ts_state(&t, "cli", &st);
	cr_assert_eq(st.step, STEP_CLOSED);
	cr_assert_not(st.afterlife);
	cr_assert_eq(st.tcp_state, 0);
	ts_state(&t, "conn", &st);
	cr_assert_eq(st.tcp_state, TCP_CLOSE);
	cr_assert_not(st.afterlife);
}

Test(sockopt, linger_zero_on_ipv6)
{
	establish("AF_INET6");
	ts_ok(&t, (const char *const[]){ "setsockopt conn SO_LINGER on 0",
	    "close conn", NULL });
	cr_assert(ts_ready(&t, "cli", 0) & (POLLHUP | POLLERR));
	ts_okf(&t, "recv cli => ECONNRESET");
}
