/* state.c - reading each socket's state from the kernel (no drawing). */
#include <config.h>

#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/sockopt.h"
#include "state/state.h"

/* TCP states as tcpi_state numbers them (include/net/tcp_states.h). */
static const char *const tcp_states[] = {
	"-", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
	"NEW_SYN_RECV"
};

const char *
state_tcp_name(int st)
{
	if (st < 0 || (size_t)st >= sizeof tcp_states / sizeof *tcp_states)
		return "?";
	return tcp_states[st];
}

/* The untranslated name, as lessons write it in expectations. */
const char *
state_step_name_c(enum step s)
{
	switch (s) {
	case STEP_CREATED:	return N_("created");
	case STEP_BOUND:	return N_("bound");
	case STEP_LISTENING:	return N_("listening");
	case STEP_CONNECTING:	return N_("connecting");
	case STEP_CONNECTED:	return N_("connected");
	case STEP_DISCONNECTED:	return N_("disconnected");
	case STEP_CLOSED:	return N_("closed");
	}
	return "?";
}

const char *
state_step_name(enum step s)
{
	return _(state_step_name_c(s));
}

/* TCP_INFO as Linux fills it: glibc's struct stops before the segment
 * counts, and <linux/tcp.h> clashes with <netinet/tcp.h>. */
struct tcp_info_more {
	struct tcp_info	 base;
	uint64_t	 pacing_rate, max_pacing_rate;
	uint64_t	 bytes_acked, bytes_received;
	uint32_t	 segs_out, segs_in;
};

/*
 * A TCP connection that outlives its socket: after close (FIN_WAIT2,
 * TIME_WAIT, LAST_ACK), or after its socket went to CLOSE while the fd is
 * still open (TIME_WAIT is a separate kernel object). Found by the
 * addresses the handle remembers.
 */
static void
collect_afterlife(const struct handle *h, struct sock_state *st)
{
	struct diag_tcp d;

	if (h->type != SOCK_STREAM || (h->family != AF_INET &&
	    h->family != AF_INET6) || h->peer_len == 0 ||
	    !addr_named(&h->local, h->local_len))
		return;
	if (diag_tcp_find(&h->local, &h->peer, h->cookie, &d) != 1)
		return;
	st->tcp_state = d.state;
	st->expires_ms = d.expires_ms;
	st->afterlife = 1;
}

/* The options whose values differ from a new socket's of the same kind:
 * those the kernel tunes by itself (buffers) only once they were set. */
static void
collect_options(const struct handle *h, struct sock_state *st)
{
	const struct sockopt *o;
	union optval v, d;
	int i;

	for (o = sockopt_table; o->name != NULL; o++) {
		i = sockopt_index(o);
		/* One set on a kind that does not list it (SO_BROADCAST on
		 * TCP, IP_TTL on IPv6) is shown all the same. */
		if (i >= SOCKOPT_MAX || (o->flags & OPT_RO) ||
		    (!sockopt_listed(o, h->family, h->type) &&
		    !(h->opts_set & (1UL << i))))
			continue;
		if ((o->flags & OPT_SETONLY) && !(h->opts_set & (1UL << i)))
			continue;
		if (sockopt_get(h->fd, o, &v) < 0 ||
		    sockopt_default(h->family, h->type, o, &d) < 0)
			continue;
		if (!sockopt_equal(o, &v, &d)) {
			st->opts_differ |= 1UL << i;
			st->opts[i] = v;
		}
	}
}

/*
 * TCP_INFO's byte counters count sequence numbers, so tcpi_bytes_acked
 * holds this side's SYN (an active open: an accepted socket's SYN-ACK is
 * acknowledged from the start) and its FIN once acknowledged, and
 * tcpi_bytes_received the peer's FIN: ST keeps the data bytes alone. The
 * state tells which were counted; OUTQ (SIOCOUTQ) is 0 only once the FIN
 * sent (shutdown wr) is acknowledged too.
 */
static void
data_bytes(const struct handle *h, struct sock_state *st)
{
	int s = st->tcp_state;
	unsigned long long syn, fin_out, fin_in;

	syn = h->listener_id == 0 && h->peer_len > 0 && s != TCP_SYN_SENT;
	fin_out = (h->shut & 2) && st->outq == 0;
	fin_in = s == TCP_CLOSE_WAIT || s == TCP_LAST_ACK ||
	    s == TCP_CLOSING || s == TCP_TIME_WAIT || (s == TCP_CLOSE &&
	    h->eof);
	st->bytes_acked -= syn + fin_out < st->bytes_acked ? syn + fin_out :
	    st->bytes_acked;
	st->bytes_received -= fin_in < st->bytes_received ? fin_in :
	    st->bytes_received;
}

/* What TCP_INFO told collect, for the calls it may skip then. */
struct ti_seen {
	int	have_ti;	/* TCP_INFO answered */
	int	no_peer;	/* LISTEN, SYN_SENT, CLOSE: no getpeername */
	int	nothing_came;	/* no byte received */
	int	never_sent;	/* in CLOSE, no segment ever sent */
};

/* A closed handle: what the shell remembers of it, and the connection it
 * may have left behind. */
static void
collect_closed(const struct handle *h, struct sock_state *st)
{
	st->step = STEP_CLOSED;
	st->local = h->local;
	st->local_len = addr_named(&h->local, h->local_len) &&
	    !h->port_lost ? h->local_len : 0;
	st->peer = h->peer;
	st->peer_len = h->peer_len;
	st->ino = h->unix_ino;
	st->peer_ino = h->unix_peer_ino;
	collect_afterlife(h, st);
}

/* A TCP socket with no call on it since remember_unchanged: it is as it
 * was then, read with no call (but for the options, when set). */
static void
collect_unchanged(const struct handle *h, struct sock_state *st)
{
	st->local = h->brief_local;
	st->local_len = h->brief_local_len;
	st->nonblock = h->brief_nonblock;
	st->tcp_state = TCP_CLOSE;
	st->inq = 0;
	if (h->opts_set != 0)
		collect_options(h, st);
}

/*
 * A TCP socket in CLOSE that never connected (nor began to) changes only
 * by a call on it: bind, connect, listen (or nonblock, for O_NONBLOCK),
 * each logged (handle_log counts them in h->calls). Until then a step
 * needs no call (collect_unchanged; the options, when set, are read).
 */
static void
remember_unchanged(struct handle *h, const struct sock_state *st,
    int brief, const struct ti_seen *seen)
{
	if (brief && seen->have_ti && st->tcp_state == TCP_CLOSE &&
	    seen->nothing_came && st->peer_len == 0 && h->peer_len == 0 &&
	    !h->connecting) {
		h->brief_local = st->local;
		h->brief_local_len = st->local_len;
		h->brief_nonblock = st->nonblock;
		h->brief_calls = h->calls + 1;
	}
}

/* TCP_INFO: the state, a listener's queue, the segment and byte counts;
 * 0 when the kernel does not answer. */
static int
read_tcp_info(const struct handle *h, struct sock_state *st,
    struct ti_seen *seen)
{
	struct tcp_info_more ti;
	socklen_t ti_len = sizeof ti;

	memset(&ti, 0, sizeof ti);
	if (getsockopt(h->fd, IPPROTO_TCP, TCP_INFO, &ti, &ti_len) != 0)
		return 0;
	st->tcp_state = ti.base.tcpi_state;
	st->listening = st->tcp_state == TCP_LISTEN;
	seen->no_peer = st->listening || st->tcp_state == TCP_SYN_SENT ||
	    st->tcp_state == TCP_CLOSE;
	if (st->listening) {
		st->accept_queue = ti.base.tcpi_unacked;
		st->backlog = ti.base.tcpi_sacked;
	}
	if (ti_len >= offsetof(struct tcp_info_more, segs_in) +
	    sizeof ti.segs_in) {
		st->have_info = 1;
		st->segs_in = ti.segs_in;
		st->segs_out = ti.segs_out;
		st->bytes_acked = ti.bytes_acked;
		st->bytes_received = ti.bytes_received;
		seen->nothing_came = ti.bytes_received == 0;
		seen->never_sent = ti.segs_out == 0 &&
		    st->tcp_state == TCP_CLOSE;
	}
	return 1;
}

/*
 * Whether a datagram waits on H: SIOCINQ is the next datagram's size,
 * 0 for an empty datagram as when none waits; poll tells them apart
 * (udp_poll, unix_dgram_poll: POLLIN for a datagram queued, or after
 * the socket's own shutdown rd, which it would then mean alone).
 */
static void
read_dgram_waiting(const struct handle *h, struct sock_state *st)
{
	struct pollfd p = { .fd = h->fd, .events = POLLIN };

	if (st->inq > 0)
		st->dgram_waiting = 1;
	else if (st->inq == 0 && !(h->shut & 1) && poll(&p, 1, 0) == 1)
		st->dgram_waiting = (p.revents & POLLIN) != 0;
}

/* The bytes unread (SIOCINQ) and, but for BRIEF, unsent or unacknowledged
 * (SIOCOUTQ), where TCP_INFO does not already tell them. */
static void
read_queues(const struct handle *h, struct sock_state *st, int brief,
    const struct ti_seen *seen)
{
	int v;

	if (st->listening)
		;
	else if (seen->never_sent) {
		st->inq = 0;	/* what SIOCINQ and SIOCOUTQ say then */
		if (!brief)
			st->outq = 0;
	} else if (brief && seen->nothing_came)
		st->inq = 0;
	else {
		if (ioctl(h->fd, SIOCINQ, &v) == 0)
			st->inq = v;
		if (!brief && ioctl(h->fd, SIOCOUTQ, &v) == 0)
			st->outq = v;
		if (h->type == SOCK_DGRAM)
			read_dgram_waiting(h, st);
	}
}

/* An open socket, from the kernel, with the calls that collect's comment
 * (below) weighs. */
static void
collect_open(struct handle *h, struct sock_state *st, int brief, int tcp)
{
	struct ti_seen seen = { 0, 0, 0, 0 };
	socklen_t len;
	unsigned q, b;
	int v;

	len = sizeof st->local;
	/* Port 0: not bound yet, no address worth showing. */
	if (getsockname(h->fd, (struct sockaddr *)&st->local, &len) == 0 &&
	    addr_named(&st->local, len))
		st->local_len = len;
	if (tcp)
		seen.have_ti = read_tcp_info(h, st, &seen);
	if (!seen.have_ti) {
		len = sizeof v;
		if (getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0)
			st->listening = v;
	}
	len = sizeof st->peer;
	if (!seen.no_peer &&
	    getpeername(h->fd, (struct sockaddr *)&st->peer, &len) == 0)
		st->peer_len = len;
	if (h->family == AF_UNIX && st->listening &&
	    diag_unix_queue(h->fd, &q, &b) == 0) {
		st->accept_queue = q;
		st->backlog = b;
	} else if (h->family == AF_UNIX &&
	    diag_unix_peer(h->fd, &st->ino, &st->peer_ino) == 0) {
		h->unix_ino = st->ino;
		if (st->peer_ino != 0)
			h->unix_peer_ino = st->peer_ino;
		else
			st->peer_ino = h->unix_peer_ino;
	}
	v = fcntl(h->fd, F_GETFL);
	st->nonblock = v >= 0 && (v & O_NONBLOCK);
	/* Only setsockopt changes those listed (the buffers are listed once
	 * set): none set here or on its listener, none differs. */
	if (h->opts_set != 0)
		collect_options(h, st);
	read_queues(h, st, brief, &seen);
	remember_unchanged(h, st, brief, &seen);
}

/* The step, from what was read, and the addresses the kernel forgot. */
static void
settle_step(const struct handle *h, struct sock_state *st, int brief)
{
	/* A port a failed connect gave back: not bound (op.c). */
	if (h->port_lost && !st->listening && st->peer_len == 0)
		st->local_len = 0;
	if (st->listening)
		st->step = STEP_LISTENING;
	else if (st->tcp_state == TCP_SYN_SENT)
		st->step = STEP_CONNECTING;
	else if (st->peer_len > 0)
		st->step = STEP_CONNECTED;
	else if (h->peer_len > 0)
		st->step = STEP_DISCONNECTED;
	else if (st->local_len > 0)
		st->step = STEP_BOUND;
	else
		st->step = STEP_CREATED;
	/* After a reset the kernel forgets the peer; the shell remembers.
	 * In SYN_SENT it has none yet: the address connect is trying. */
	if (st->step == STEP_DISCONNECTED) {
		st->peer = h->peer;
		st->peer_len = h->peer_len;
	} else if (st->step == STEP_CONNECTING && st->peer_len == 0) {
		st->peer = h->target;
		st->peer_len = h->target_len;
	}
	if (st->tcp_state == TCP_CLOSE)
		collect_afterlife(h, st);
	if (!brief && st->have_info)
		data_bytes(h, st);	/* after the afterlife's state */
}

/*
 * Fills ST from the kernel's view of H's socket: the addresses from
 * getsockname/getpeername, the TCP state and accept queue from TCP_INFO,
 * the unread bytes from SIOCINQ. The step follows from those, so a peer's
 * close shows (CLOSE_WAIT) without any call on this socket.
 *
 * No call whose answer TCP_INFO already gives: SO_ACCEPTCONN is the state
 * LISTEN; in LISTEN, SYN_SENT and CLOSE getpeername fails (ENOTCONN); a
 * socket in CLOSE that never sent a segment has nothing queued either
 * way. BRIEF is for the picture and the table, drawn after each step from
 * every socket: only what they show (no SIOCOUTQ, no TCP_INFO counters),
 * nothing to read when no byte came (tcpi_bytes_received), and no call at
 * all for a socket that cannot have changed since the last step
 * (remember_unchanged). Three calls for an idle TCP socket, then none,
 * instead of sixteen.
 */
static void
collect(struct handle *h, struct sock_state *st, int brief)
{
	int tcp = h->type == SOCK_STREAM && h->family != AF_UNIX;

	memset(st, 0, sizeof *st);
	st->h = h;
	st->inq = st->outq = -1;
	st->shut = h->shut;
	if (h->fd < 0) {
		collect_closed(h, st);
		return;
	}
	st->open = 1;
	if (brief && tcp && h->brief_calls == h->calls + 1)
		collect_unchanged(h, st);	/* no call on it since */
	else
		collect_open(h, st, brief, tcp);
	settle_step(h, st, brief);
}

void
state_collect(const struct handle *h, struct sock_state *st)
{
	collect((struct handle *)h, st, 0);	/* changes nothing in it */
}

void
state_collect_brief(struct handle *h, struct sock_state *st)
{
	collect(h, st, 1);
}
