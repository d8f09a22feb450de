/* test-udp.c - datagrams on real loopback sockets: sendto in each form,
 * recvfrom showing the sender, connected UDP, datagram boundaries, and
 * the errors that teach (EDESTADDRREQ, EMSGSIZE, ECONNREFUSED). */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>

#include "helpers.h"
#include "base/evlog.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/render.h"

static struct tshell t;

/* srv: UDP/IPv4 bound to 127.0.0.1; cli: UDP/IPv4, not bound. */
static void
setup(void)
{
	ts_init(&t);
	ts_ok(&t, (const char *const[]){ "socket srv udp",
	    "bind srv 127.0.0.1 0", "socket cli udp", NULL });
	ts_clear(&t);
}

static void
teardown(void)
{
	ts_fini(&t);
}

TestSuite(udp, .init = setup, .fini = teardown);

static void
recv_from_cli(const char *data)
{
	char want[128];
	int port;

	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom srv");
	port = ts_port(&t, "cli");
	snprintf(want, sizeof want, ") = %zu from 127.0.0.1:%d: \"%s\"\n",
	    strlen(data), port, data);
	assert_has(ts_out(&t), want);
}

Test(udp, sendto_address_and_port)
{
	ts_okf(&t, "sendto cli 127.0.0.1 %d \"ping\"", ts_port(&t, "srv"));
	assert_has(ts_out(&t), "sendto(");
	assert_has(ts_out(&t), ", \"ping\", 4, 127.0.0.1:");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "sendto");
	cr_assert_eq(t.sh.log.v[t.sh.log.n - 1].result, 4);
	/* sendto bound cli to a port the kernel picked */
	cr_assert_gt(ts_port(&t, "cli"), 0);
	recv_from_cli("ping");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "recvfrom");
	cr_assert_eq(handle_find(&t.sh, "srv")->received, 4);
}

Test(udp, sendto_address_colon_port)
{
	ts_okf(&t, "sendto cli 127.0.0.1:%d two words", ts_port(&t, "srv"));
	recv_from_cli("two words");
}

Test(udp, sendto_handle)
{
	ts_okf(&t, "sendto cli srv \"to a handle\"");
	recv_from_cli("to a handle");
}

Test(udp, sendto_host_name)
{
	ts_okf(&t, "sendto cli localhost %d by name", ts_port(&t, "srv"));
	recv_from_cli("by name");
}

Test(udp, answer_to_the_sender)
{
	/* A UDP server answers with sendto to the address recvfrom gave. */
	ts_okf(&t, "sendto cli srv question");
	recv_from_cli("question");
	ts_okf(&t, "sendto srv 127.0.0.1 %d answer", ts_port(&t, "cli"));
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom cli => \"answer\"");
}

Test(udp, ipv6)
{
	char want[64];

	ts_ok(&t, (const char *const[]){ "socket a ipv6 udp", "bind a ::1 0",
	    "socket b ipv6 udp", "bind b ::1 0", NULL });
	ts_okf(&t, "sendto b [::1]:%d six", ts_port(&t, "a"));
	ts_okf(&t, "sendto b ::1 %d seven", ts_port(&t, "a"));
	cr_assert(ts_ready(&t, "a", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom a => \"six\"");
	snprintf(want, sizeof want, " from [::1]:%d: \"six\"",
	    ts_port(&t, "b"));
	assert_has(ts_out(&t), want);
	ts_okf(&t, "recvfrom a => \"seven\"");
}

Test(udp, datagrams_keep_their_boundaries)
{
	ts_ok(&t, (const char *const[]){ "sendto cli srv one",
	    "sendto cli srv two", NULL });
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv srv => \"one\"",
	    "recv srv => \"two\"", NULL });
}

/* SIOCINQ on a datagram socket is the next datagram's size only: the
 * table and 'show' say so, not "N bytes unread" for the whole queue. */
Test(udp, queue_is_the_next_datagram)
{
	ts_ok(&t, (const char *const[]){ "sendto cli srv 12345",
	    "sendto cli srv 1234567890", NULL });
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_clear(&t);
	render_state(&t.sh);
	assert_has(ts_out(&t), "next datagram 5 B\n");
	assert_has_not(ts_out(&t), "bytes unread");
	ts_clear(&t);
	ts_okf(&t, "show srv");
	assert_has(ts_out(&t), "the next datagram to read has 5 bytes "
	    "(SIOCINQ; those behind it are not counted)");
	assert_has_not(ts_out(&t), "acknowledged (SIOCOUTQ)");
	ts_okf(&t, "recv srv => \"12345\"");
	ts_clear(&t);
	render_state(&t.sh);
	assert_has(ts_out(&t), "next datagram 10 B\n");
}

/* An empty datagram waits as any other: SIOCINQ says 0 for it as for
 * none, ss a queue (its memory); the table says it waits, and no more
 * once taken, nor after shutdown rd (recv returns 0 then, with none). */
Test(udp, empty_datagram_waits_in_the_table)
{
	const char *first;

	ts_ok(&t, (const char *const[]){ "sendto cli srv \"\"",
	    "socket u unix dgram", "bind u @", "socket v unix dgram",
	    "connect v u", "send v \"\"", NULL });
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
	ts_clear(&t);
	render_state(&t.sh);
	first = strstr(ts_out(&t), "next datagram 0 B\n");
	cr_assert(first != NULL && strstr(first + 1, "next datagram 0 B\n"),
	    "not both: %s", ts_out(&t));
	ts_ok(&t, (const char *const[]){ "recv srv => \"\"", "recv u",
	    NULL });
	ts_run(&t, "shutdown srv rd");	/* ENOTCONN, applied all the same */
	ts_clear(&t);
	render_state(&t.sh);
	assert_has_not(ts_out(&t), "next datagram");
}

Test(udp, truncated_datagram)
{
	ts_okf(&t, "sendto cli srv \"0123456789\"");
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom srv 4 => \"0123\"");
	assert_has(ts_out(&t), "the datagram had 10 bytes: the rest is lost");
	/* The rest is gone: nothing waits. */
	ts_fail(&t, "recv srv MSG_DONTWAIT", "recv failed with EAGAIN", 0);
}

Test(udp, empty_datagram)
{
	ts_okf(&t, "sendto cli srv \"\"");
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recv srv");
	assert_has(ts_out(&t), "= 0: an empty datagram (a datagram socket has "
	    "no end of stream)");
	cr_assert_not(handle_find(&t.sh, "srv")->eof);
}

Test(udp, connected_udp)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "connect cli srv => connected",
	    "send cli \"connected\" => 9", NULL });
	ts_state(&t, "cli", &st);
	cr_assert_eq(st.step, STEP_CONNECTED);
	cr_assert_eq(st.tcp_state, 0);
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv srv => \"connected\"", NULL });
	/* The server connects back; then recv takes only from there. */
	ts_ok(&t, (const char *const[]){ "connect srv cli", "send srv back",
	    NULL });
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv cli => \"back\"",
	    "getpeername cli", NULL });
	assert_has(ts_out(&t), "getpeername(");
}

Test(udp, connected_udp_ignores_others)
{
	ts_ok(&t, (const char *const[]){ "socket other udp",
	    "bind other 127.0.0.1 0", "bind cli 127.0.0.1 0",
	    "connect srv cli", "sendto other srv \"from a stranger\"",
	    "sendto cli srv \"from the peer\"", NULL });
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv srv => \"from the peer\"",
	    NULL });
	ts_fail(&t, "recv srv MSG_DONTWAIT", "EAGAIN", 0);
}

Test(udp, send_unconnected_edestaddrreq)
{
	ts_fail(&t, "send cli nowhere", "send failed with EDESTADDRREQ: this "
	    "datagram socket has no destination: use sendto", 0);
	assert_has(ts_out(&t), "= -1 EDESTADDRREQ (");
}

Test(udp, emsgsize)
{
	ts_fail(&t, "sendto cli srv --size 70000", "sendto failed with "
	    "EMSGSIZE: the datagram is larger than the protocol allows", 0);
	assert_has(ts_out(&t), "= -1 EMSGSIZE (");
	/* 65507 is the most an IPv4 UDP datagram holds. */
	ts_okf(&t, "sendto cli srv --size 65507 => 65507");
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_okf(&t, "recv srv 100000 => 65507");
}

/* EMSGSIZE says the limit of the socket's own family: 65527 over IPv6,
 * the send buffer for AF_UNIX; so does a datagram too big to try. */
Test(udp, emsgsize_per_family)
{
	ts_ok(&t, (const char *const[]){ "socket u6 inet6 udp",
	    "bind u6 ::1 0", "socketpair a b dgram", NULL });
	ts_fail(&t, "sendto u6 u6 --size 70000", "larger than the protocol "
	    "allows (65527 bytes for UDP over IPv6)", 0);
	ts_okf(&t, "sendto u6 u6 --size 65527 => 65527");
	ts_fail(&t, "send a --size 300000", "an AF_UNIX datagram must fit "
	    "SO_SNDBUF whole", 0);
	assert_has_not(ts_err(&t), "65507");
	ts_fail(&t, "send a --size 2M", "is more than this shell tries "
	    "(1048576): an AF_UNIX datagram must fit the send buffer", 1);
	ts_fail(&t, "sendto u6 u6 --size 2M", "UDP over IPv6 takes at most "
	    "65527", 1);
	ts_fail(&t, "sendto cli srv --size 2M", "UDP over IPv4 takes at most "
	    "65507", 1);
}

/* sendto a handle of another family, or one not bound: no bind, let
 * alone a listen, would help the first; the second needs a bind. */
Test(udp, sendto_handle_of_another_family_or_unbound)
{
	ts_ok(&t, (const char *const[]){ "socket s6 inet6 udp",
	    "socket x unix dgram", NULL });
	ts_fail(&t, "sendto s6 srv x", "'srv' is an AF_INET socket and 's6' "
	    "an AF_INET6 one: a datagram goes to an address of the sender's "
	    "family", 1);
	assert_has_not(ts_err(&t), "listen");
	ts_fail(&t, "sendto srv cli x", "'cli' has no address to send to: bind "
	    "it first ('bind cli ADDRESS PORT'), or give the address", 1);
	ts_fail(&t, "sendto x x x", "('bind x PATH')", 1);
}

Test(udp, connected_econnrefused)
{
	/* A port nobody has: the ICMP answer comes back as ECONNREFUSED. */
	ts_ok(&t, (const char *const[]){ "socket gone udp",
	    "bind gone 127.0.0.1 0", NULL });
	ts_okf(&t, "connect cli 127.0.0.1 %d", ts_port(&t, "gone"));
	ts_ok(&t, (const char *const[]){ "close gone", "send cli hello",
	    NULL });
	cr_assert(ts_ready(&t, "cli", 0) & POLLERR);
	ts_fail(&t, "recv cli", "recv failed with ECONNREFUSED: a datagram "
	    "sent earlier found nobody at its port", 0);
}

Test(udp, peek_and_dontwait)
{
	ts_okf(&t, "sendto cli srv peek");
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom srv MSG_PEEK => \"peek\"");
	assert_has(ts_out(&t), "recvfrom(");
	assert_has(ts_out(&t), ", 1024, MSG_PEEK) = 4 from 127.0.0.1:");
	assert_has(ts_out(&t), "MSG_PEEK: the bytes stay queued");
	cr_assert_eq(handle_find(&t.sh, "srv")->received, 0);
	ts_okf(&t, "recvfrom srv => \"peek\"");
	ts_fail(&t, "recvfrom srv MSG_DONTWAIT", "recvfrom failed with EAGAIN: "
	    "the call would have to wait, and it may not", 0);
}

Test(udp, background_recvfrom)
{
	ts_ok(&t, (const char *const[]){ "recvfrom srv &", NULL });
	cr_assert_eq(jobs_count(&t.sh), 1);
	assert_has(ts_out(&t), "[1] recvfrom srv: waiting for data on srv");
	ts_ok(&t, (const char *const[]){ "sendto cli srv later", "wait",
	    NULL });
	assert_has(ts_out(&t), "[1] done: recvfrom(");
	assert_has(ts_out(&t), "from 127.0.0.1:");
	cr_assert_eq(jobs_count(&t.sh), 0);
}

Test(udp, sendto_on_connected_tcp_ignores_the_address)
{
	ts_ok(&t, (const char *const[]){ "socket l", "bind l 127.0.0.1 0",
	    "listen l", "socket c", "connect c l", "accept l a", NULL });
	ts_okf(&t, "sendto c 127.0.0.1:9 \"over TCP\" => 8");
	cr_assert(ts_ready(&t, "a", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom a => \"over TCP\"");
	/* TCP gives no sender: the connection's peer is known. */
	assert_has(ts_out(&t), ") = 8: \"over TCP\"");
}

struct bad { char line[64]; char says[100]; };

ParameterizedTestParameters(udp, usage)
{
	static struct bad bad[] = {
		{ "sendto", "usage: sendto NAME ADDRESS PORT DATA" },
		{ "sendto cli srv", "usage: sendto NAME ADDRESS PORT DATA" },
		{ "sendto nosuch srv x", "no socket named 'nosuch'" },
		{ "sendto cli 127.0.0.1 hi", "'127.0.0.1' has no port: write "
		    "sendto cli ADDRESS PORT DATA" },
		{ "sendto cli 127.0.0.1 x y", "'x' is not a port" },
		{ "sendto cli 127.0.0.1:99999 x", "port 99999 is out of range" },
		{ "sendto cli ::1 1 x", "::1 is an IPv6 address, but the socket "
		    "is AF_INET" },
		{ "sendto cli srv --size", "sendto --size takes one word: a "
		    "size" },
		{ "sendto cli srv --size 10 x", "sendto --size takes one word" },
		{ "sendto cli srv --size ten", "'ten' is not a size" },
		{ "sendto cli srv --size 2M", "a datagram of 2097152 bytes is "
		    "more than this shell tries" },
		{ "sendto cli srv --file /nonexistent/f", "cannot open "
		    "'/nonexistent/f'" },
		{ "sendto cli srv --file /tmp", "'/tmp' is not a regular file" },
		{ "sendto cli srv MSG_PEEK x", "sendto takes the flags MSG_OOB "
		    "and MSG_DONTWAIT (MSG_PEEK is for receiving)" },
		{ "sendto cli srv \"a\" b", "sendto takes one quoted string" },
		{ "sendto cli srv MSG_OOB", "sendto: no DATA after MSG_OOB: "
		    "write DATA after the flags, as in 'sendto cli srv MSG_OOB "
		    "\"!\"'" },
		{ "sendto cli 127.0.0.1 9 MSG_DONTWAIT", "sendto: no DATA "
		    "after MSG_DONTWAIT: write DATA after the flags, as in "
		    "'sendto cli 127.0.0.1 9" },
		{ "sendto cli 127.0.0.1 9 MSG_DONTWAIT", "as in 'sendto cli "
		    "127.0.0.1 9 MSG_DONTWAIT \"!\"'" },
		{ "sendto cli srv MSG_OOB \"\"", "sendto: MSG_OOB sends the "
		    "last byte as urgent data, and \"\" has none" },
		{ "recvfrom", "usage: recvfrom NAME [MAXBYTES]" },
		{ "recvfrom srv 0", "'0' is not a size to receive" },
		{ "recvfrom srv 1 2", "usage: recvfrom NAME [MAXBYTES]" },
		{ "recvfrom srv MSG_NOPE", "usage: recvfrom" },
		{ "recvfrom srv --all", "usage: recvfrom" },
		{ "recvfrom srv lots", "'lots' is not a size to receive" },
		{ "recv srv --all", "recv --all reads until the end of the "
		    "stream, and a SOCK_DGRAM socket has none" },
		{ "send cli MSG_WAITALL x", "send takes the flags MSG_OOB and "
		    "MSG_DONTWAIT" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, udp, usage)
{
	ts_fail(&t, b->line, b->says, 1);
}

/* After shutdown SHUT_RD a datagram socket's blocking recv returns 0 at
 * once; its non-blocking one fails with EAGAIN though poll says POLLIN,
 * which must not make the shell wait (or spin) for ever. */
Test(udp, recv_after_shut_rd_returns_zero, .timeout = 10)
{
	t.sh.timeout = 3;
	ts_ok(&t, (const char *const[]){ "socket u udp",
	    "connect u 127.0.0.1 9", "shutdown u rd", "socketpair a b dgram",
	    "shutdown a rd", NULL });
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "recv u => 0", "recvfrom u",
	    "recv a => 0", NULL });
	assert_has(ts_out(&t), "recv(");
	assert_has(ts_out(&t), ") = 0: u's reading side is shut down");
	assert_has(ts_out(&t), "a's reading side is shut down");
	cr_assert_null(strstr(ts_err(&t), "gave up"), "%s", ts_err(&t));
	/* An empty datagram is still told apart. */
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "socketpair c d dgram", "send c \"\"",
	    "recv d => 0", NULL });
	assert_has(ts_out(&t), "an empty datagram");
}
