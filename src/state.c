/* state.c - reading each socket's state from the kernel (no drawing). */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/sockios.h>

#include "sockshell.h"
#include "state.h"

/* TCP states as tcpi_state numbers them (include/net/tcp_states.h). */
static const char *const tcp_states[] = {
	"-", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
	"NEW_SYN_RECV"
};

const char *
tcp_state_name(int st)
{
	if (st < 0 || (size_t)st >= sizeof tcp_states / sizeof *tcp_states)
		return "?";
	return tcp_states[st];
}

/* The untranslated name, as lessons write it in expectations. */
const char *
step_name_c(enum step s)
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
step_name(enum step s)
{
	return _(step_name_c(s));
}

static int
port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

/*
 * Fills ST from the kernel's view of H's socket: the addresses from
 * getsockname/getpeername, the TCP state and accept queue from TCP_INFO,
 * the unread bytes from SIOCINQ. The step follows from those, so a peer's
 * close shows (CLOSE_WAIT) without any call on this socket.
 */
void
state_collect(const struct handle *h, struct sock_state *st)
{
	struct tcp_info ti;
	socklen_t len;
	int v;

	memset(st, 0, sizeof *st);
	st->h = h;
	st->inq = st->outq = -1;
	if (h->fd < 0) {
		st->step = STEP_CLOSED;
		st->local = h->local;
		st->local_len = port_of(&h->local) && !h->port_lost ?
		    h->local_len : 0;
		st->peer = h->peer;
		st->peer_len = h->peer_len;
		return;
	}
	st->open = 1;
	len = sizeof st->local;
	/* Port 0: not bound yet, no address worth showing. */
	if (getsockname(h->fd, (struct sockaddr *)&st->local, &len) == 0 &&
	    port_of(&st->local) != 0)
		st->local_len = len;
	len = sizeof st->peer;
	if (getpeername(h->fd, (struct sockaddr *)&st->peer, &len) == 0)
		st->peer_len = len;
	len = sizeof v;
	if (getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0)
		st->listening = v;
	/* A port a failed connect gave back: not bound (op.c). */
	if (h->port_lost && !st->listening && st->peer_len == 0)
		st->local_len = 0;
	if (h->type == SOCK_STREAM) {
		len = sizeof ti;
		memset(&ti, 0, sizeof ti);
		if (getsockopt(h->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0) {
			st->tcp_state = ti.tcpi_state;
			if (st->listening) {
				st->accept_queue = ti.tcpi_unacked;
				st->backlog = ti.tcpi_sacked;
			}
		}
	}
	if (!st->listening) {
		if (ioctl(h->fd, SIOCINQ, &v) == 0)
			st->inq = v;
		if (ioctl(h->fd, SIOCOUTQ, &v) == 0)
			st->outq = v;
	}

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
	/* After a reset the kernel forgets the peer; the shell remembers. */
	if (st->step == STEP_DISCONNECTED) {
		st->peer = h->peer;
		st->peer_len = h->peer_len;
	}
}
