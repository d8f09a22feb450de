/* test-diag.c - the kernel's full view: a connection's afterlife after
 * close (FIN_WAIT2, TIME_WAIT) found through sock_diag, half-close both
 * ways, a reset leaving nothing, segment counts and queues, 'show NAME'. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>

#include "helpers.h"
#include "base/evlog.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/render.h"

TSHELL_SUITE(diag);

static void
establish(const char *family)
{
	ts_okf(&t, "socket srv %s", family);
	ts_okf(&t, "bind srv %s 0", strcmp(family, "ipv6") == 0 ? "::1" :
	    "127.0.0.1");
	ts_okf(&t, "listen srv");
	ts_okf(&t, "socket cli %s", family);
	ts_ok(&t, (const char *const[]){ "connect cli srv", "accept srv conn",
	    NULL });
	ts_clear(&t);
}

/* The client closes first: FIN_WAIT2 until the server closes, then
 * TIME_WAIT, all after its descriptor is gone. */
static void
afterlife(const char *family)
{
	struct sock_state st;

	establish(family);
	cr_assert_neq(handle_find(&t.sh, "cli")->cookie, 0,
	    "the connection's cookie was kept");
	ts_okf(&t, "close cli");
	st = ts_st(&t, "cli");
	cr_assert_eq(st.step, STEP_CLOSED);
	cr_assert_not(st.open);
	cr_assert(st.afterlife, "the kernel keeps the connection after close");
	cr_assert(st.tcp_state == TCP_FIN_WAIT1 ||
	    st.tcp_state == TCP_FIN_WAIT2, "%s", state_tcp_name(st.tcp_state));
	/* The peer's delayed ACK moves it to FIN_WAIT2. */
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_FIN_WAIT2), TCP_FIN_WAIT2);
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_CLOSE_WAIT);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "FIN_WAIT2");
	assert_has(ts_out(&t), "closed, but the kernel keeps the connection");
	ts_ok(&t, (const char *const[]){ "recv conn => EOF", "close conn",
	    NULL });
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_TIME_WAIT), TCP_TIME_WAIT);
	st = ts_st(&t, "cli");
	cr_assert(st.afterlife);
	cr_assert_gt(st.expires_ms, 0, "TIME_WAIT has a timer");
	cr_assert_leq(st.expires_ms, 60000);
	/* The server's side is gone once its FIN is acknowledged. */
	cr_assert_eq(ts_wait_state(&t, "conn", 0), 0);
	cr_assert_not(ts_st(&t, "conn").afterlife);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "TIME_WAIT");
	/* A lesson can expect it. */
	ts_okf(&t, "show => cli:TIME_WAIT");
	ts_clear(&t);
	ts_okf(&t, "show cli");
	assert_has(ts_out(&t), "cli: ");
	assert_has(ts_out(&t), "closed (no descriptor), TCP state TIME_WAIT\n");
	assert_has(ts_out(&t), "the kernel keeps the connection in TIME_WAIT "
	    "for ");
}

Test(diag, time_wait_after_close_ipv4)
{
	afterlife("inet");
}

Test(diag, time_wait_after_close_ipv6)
{
	afterlife("ipv6");
}

Test(diag, lookup_directly)
{
	struct handle *h;
	struct diag_tcp d;

	establish("inet");
	h = handle_find(&t.sh, "cli");
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, h->cookie, &d), 1);
	cr_assert_eq(d.state, TCP_ESTABLISHED);
	/* Without the cookie, by the addresses alone. */
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, 0, &d), 1);
	cr_assert_eq(d.state, TCP_ESTABLISHED);
	/* Another socket's cookie: not this connection. */
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, h->cookie + 1000000,
	    &d), 0);
	/* The server's side: conn, not the listener on the same port. */
	h = handle_find(&t.sh, "conn");
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, 0, &d), 1);
	cr_assert_eq(d.state, TCP_ESTABLISHED);
	ts_ok(&t, (const char *const[]){ "setsockopt cli SO_LINGER on 0",
	    "close cli", NULL });
	cr_assert(ts_ready(&t, "conn", 0) & (POLLHUP | POLLERR));
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, 0, &d), 0,
	    "after the reset only the listener has the port");
}

/* The fallback: /proc/net/tcp and tcp6 say the same as sock_diag. */
static void
proc_agrees(const char *family)
{
	struct diag_tcp d, p;
	struct handle *h;

	establish(family);
	h = handle_find(&t.sh, "cli");
	cr_assert_eq(diag_tcp_find_proc(&h->local, &h->peer, &p), 1);
	cr_assert_eq(p.state, TCP_ESTABLISHED);
	ts_ok(&t, (const char *const[]){ "close cli", "close conn", NULL });
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_TIME_WAIT), TCP_TIME_WAIT);
	cr_assert_eq(diag_tcp_find(&h->local, &h->peer, h->cookie, &d), 1);
	cr_assert_eq(diag_tcp_find_proc(&h->local, &h->peer, &p), 1);
	cr_assert_eq(p.state, d.state);
	cr_assert_eq(p.state, TCP_TIME_WAIT);
	cr_assert_gt(p.expires_ms, 0);
	/* The listener on conn's port is not conn's connection. */
	h = handle_find(&t.sh, "conn");
	cr_assert_eq(diag_tcp_find_proc(&h->local, &h->peer, &p), 0);
}

Test(diag, proc_net_tcp_fallback)
{
	proc_agrees("inet");
}

Test(diag, proc_net_tcp6_fallback)
{
	proc_agrees("ipv6");
}

Test(diag, reset_leaves_nothing)
{
	struct sock_state st;

	establish("inet");
	ts_ok(&t, (const char *const[]){ "send cli unread", NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	/* Unread data: close sends a reset, and nothing lives on. */
	ts_okf(&t, "close conn");
	cr_assert(ts_ready(&t, "cli", 0) & (POLLHUP | POLLERR));
	st = ts_st(&t, "conn");
	cr_assert_not(st.afterlife);
	cr_assert_eq(st.tcp_state, 0);
	st = ts_st(&t, "cli");
	cr_assert_eq(st.tcp_state, TCP_CLOSE);
	cr_assert_not(st.afterlife);
	cr_assert_eq(st.step, STEP_DISCONNECTED);
}

Test(diag, half_close_client_side)
{
	struct sock_state st;

	establish("inet");
	ts_clear(&t);
	ts_okf(&t, "shutdown cli wr");
	assert_has(ts_out(&t), ", SHUT_WR) = 0: cli sends no more");
	cr_assert_str_eq(t.sh.log.v[t.sh.log.n - 1].type->call,
	    "shutdown");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	/* The peer sees the end of the stream, and can still send. */
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_CLOSE_WAIT);
	ts_ok(&t, (const char *const[]){ "recv conn => EOF",
	    "send conn \"still open\" => 10", NULL });
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_FIN_WAIT2), TCP_FIN_WAIT2);
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recv cli => \"still open\"", NULL });
	st = ts_st(&t, "cli");
	cr_assert_eq(st.shut, 2);
	cr_assert_eq(st.step, STEP_CONNECTED);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "shut down for writing (SHUT_WR)");
	/* Sending is over for cli. */
	ts_fail(&t, "send cli more", "send failed with EPIPE", 0);
	/* Then the server closes: cli's socket goes to CLOSE, and its
	 * connection lives on in TIME_WAIT while the fd is still open. */
	ts_okf(&t, "close conn");
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_okf(&t, "recv cli => EOF");
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_TIME_WAIT), TCP_TIME_WAIT);
	st = ts_st(&t, "cli");
	cr_assert(st.open);
	cr_assert(st.afterlife);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "the kernel keeps the connection apart from the "
	    "socket (CLOSE)");
	ts_okf(&t, "close cli => cli:TIME_WAIT");
}

Test(diag, half_close_server_side_and_both)
{
	establish("ipv6");
	ts_okf(&t, "shutdown conn SHUT_WR");
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_CLOSE_WAIT);
	ts_ok(&t, (const char *const[]){ "recv cli => EOF",
	    "send cli request => 7", "recv conn => \"request\"", NULL });
	/* The other way too: both FINs sent, the one who sent first waits in
	 * TIME_WAIT (its socket is CLOSE), the other is gone. */
	ts_okf(&t, "shutdown cli wr");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_okf(&t, "recv conn => EOF");
	cr_assert_eq(ts_wait_state(&t, "conn", TCP_TIME_WAIT), TCP_TIME_WAIT);
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_CLOSE), TCP_CLOSE);
	cr_assert_not(ts_st(&t, "cli").afterlife);
}

Test(diag, shutdown_read)
{
	establish("inet");
	ts_clear(&t);
	ts_okf(&t, "shutdown conn rd");
	assert_has(ts_out(&t), ", SHUT_RD) = 0: conn receives no more");
	/* recv returns at once: the end of the stream, here only. */
	ts_okf(&t, "recv conn => EOF");
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_ESTABLISHED);
	ts_okf(&t, "shutdown conn rdwr");
	cr_assert_eq(ts_st(&t, "conn").shut, 3);
	ts_clear(&t);
	ts_okf(&t, "show");
	assert_has(ts_out(&t), "shut down both ways (SHUT_RDWR)");
}

Test(diag, shutdown_errors)
{
	ts_ok(&t, (const char *const[]){ "socket s", "socket u udp", NULL });
	ts_fail(&t, "shutdown s wr", "shutdown failed with ENOTCONN: there is "
	    "no connection, so shutdown fails; yet Linux marks the socket "
	    "shut down all the same", 0);
	assert_has(ts_out(&t), ", SHUT_WR) = -1 ENOTCONN (");
	ts_okf(&t, "shutdown s 2 => ENOTCONN");
	ts_fail(&t, "shutdown s sideways", "'sideways' is not a direction to "
	    "shut down: write rd (SHUT_RD), wr (SHUT_WR) or rdwr", 1);
	ts_fail(&t, "shutdown s", "usage: shutdown NAME rd|wr|rdwr", 1);
	ts_fail(&t, "shutdown nosuch wr", "no socket named 'nosuch'", 1);
	ts_fail(&t, "shutdown s wr &", "shutdown cannot run in the "
	    "background", 1);
}

/* On a socket with no connection shutdown fails with ENOTCONN, but Linux
 * applies it (inet_shutdown): a UDP socket's recv returns 0 at once, and
 * the state shows it; TCP's connect undoes it. */
Test(diag, shutdown_enotconn_still_applies, .timeout = 10)
{
	ts_ok(&t, (const char *const[]){ "socket u udp", "socket s",
	    "bind s 127.0.0.1 0", "listen s", "socket c", NULL });
	ts_fail(&t, "shutdown u rd", "yet Linux marks the socket shut down all "
	    "the same: after rd its recv returns 0 at once", 0);
	cr_assert_eq(handle_find(&t.sh, "u")->shut, 1);
	ts_clear(&t);
	render_state(&t.sh);
	assert_has(ts_out(&t), "shut down for reading (SHUT_RD)");
	ts_okf(&t, "recv u => 0");
	ts_okf(&t, "shutdown c rd => ENOTCONN");
	cr_assert_eq(handle_find(&t.sh, "c")->shut, 1);
	ts_ok(&t, (const char *const[]){ "connect c s", "accept s a",
	    "send a hi", NULL });
	cr_assert_eq(handle_find(&t.sh, "c")->shut, 0);
	cr_assert(ts_ready(&t, "c", POLLIN) & POLLIN);
	ts_okf(&t, "recv c => \"hi\"");
}

/* send after this side's own shutdown wr: EPIPE is said to be that. */
Test(diag, epipe_after_own_shutdown)
{
	establish("inet");
	ts_okf(&t, "shutdown cli wr");
	ts_fail(&t, "send cli x", "send failed with EPIPE: this socket's own "
	    "sending side is shut down (shutdown wr), not the peer's", 0);
}

/* TCP_INFO counts the SYN and the FINs in its byte counters; the shell
 * shows the data bytes: none after a bare connect, none after a FIN. */
Test(diag, byte_counters_are_data_only)
{
	struct sock_state st;

	establish("inet");
	cr_assert_eq(ts_st(&t, "cli").bytes_acked, 0, "the SYN is no data");
	ts_ok(&t, (const char *const[]){ "send cli 12345", "shutdown cli wr",
	    NULL });
	cr_assert(ts_ready(&t, "conn", POLLRDHUP) & POLLRDHUP);
	ts_ok(&t, (const char *const[]){ "recv conn => \"12345\"",
	    "recv conn => 0", "shutdown conn wr", NULL });
	cr_assert(ts_ready(&t, "cli", POLLRDHUP) & POLLRDHUP);
	st = ts_st(&t, "conn");
	cr_assert_eq(st.bytes_received, 5, "the FIN is no data");
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_TIME_WAIT), TCP_TIME_WAIT);
	st = ts_st(&t, "cli");
	cr_assert_eq(st.bytes_acked, 5, "SYN and FIN are no data");
	cr_assert_eq(st.bytes_received, 0, "only a FIN came");
	st = ts_st(&t, "conn");
	cr_assert_eq(st.bytes_acked, 0, "its FIN is no data");
}

Test(diag, segments_and_queues)
{
	struct sock_state st;

	establish("inet");
	ts_ok(&t, (const char *const[]){ "send cli \"twelve bytes\"", NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	st = ts_st(&t, "conn");
	cr_assert(st.have_info);
	cr_assert_geq(st.segs_in, 3, "SYN, ACK, data");
	cr_assert_geq(st.segs_out, 1, "SYN-ACK");
	cr_assert_eq(st.bytes_received, 12);
	cr_assert_eq(st.inq, 12);
	st = ts_st(&t, "cli");
	cr_assert_geq(st.segs_out, 3);
	cr_assert_geq(st.outq, 0);
	ts_clear(&t);
	ts_okf(&t, "show conn cli srv");
	assert_has(ts_out(&t), "conn: TCP/IPv4, fd ");
	assert_has(ts_out(&t), ", connected, TCP state ESTABLISHED\n");
	assert_has(ts_out(&t), "  segments: ");
	assert_has(ts_out(&t), "bytes: 12 received, ");
	assert_has(ts_out(&t), " acknowledged by the peer (TCP_INFO, less the "
	    "SYN and FIN it counts)\n");
	assert_has(ts_out(&t), "  queued: 12 bytes to read (SIOCINQ), 0 bytes "
	    "sent and not yet acknowledged (SIOCOUTQ)\n");
	assert_has(ts_out(&t), "srv: TCP/IPv4, fd ");
	assert_has(ts_out(&t), "  accept queue: 0 waiting, of a backlog of 1\n");
}

Test(diag, unacked_bytes_while_the_peer_cannot_take_them)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv", "socket cli", "setsockopt cli SO_SNDBUF 64K",
	    "connect cli srv", "accept srv conn",
	    "setsockopt conn SO_RCVBUF 4K", "nonblock cli on", NULL });
	ts_runf(&t, "send cli --size 1M => EAGAIN");
	st = ts_st(&t, "cli");
	cr_assert_gt(st.outq, 0, "what the peer has not acknowledged");
	ts_clear(&t);
	ts_okf(&t, "show cli");
	assert_has(ts_out(&t), "sent and not yet acknowledged (SIOCOUTQ)");
	assert_has(ts_out(&t), "non-blocking (O_NONBLOCK); SO_SNDBUF ");
}

Test(diag, closed_handle_without_connection)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket s", "bind s 127.0.0.1 0",
	    "close s", NULL });
	st = ts_st(&t, "s");
	cr_assert_not(st.afterlife);
	cr_assert_eq(st.tcp_state, 0);
	ts_clear(&t);
	ts_okf(&t, "show s");
	assert_has(ts_out(&t), "s: TCP/IPv4, closed (no descriptor)\n");
	assert_has_not(ts_out(&t), "keeps");
	ts_fail(&t, "show nosuch", "no socket named 'nosuch'", 1);
}
