/* errinfo.c - errno names, and what the common errors mean for a student. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/i18n.h"
#include "core/handle.h"

const char *
errno_name(int err)
{
#ifdef HAVE_STRERRORNAME_NP
	const char *s = strerrorname_np(err);

	if (s != NULL)
		return s;
#endif
	switch (err) {
	case EAGAIN:		return "EAGAIN";
	case EINTR:		return "EINTR";
	case ETIMEDOUT:		return "ETIMEDOUT";
	default:		return "E?";
	}
}

/* Where the socket stands, as the kernel says after the failed call:
 * an explanation for one situation comes before the general one. */
enum {
	W_LISTENING = 1,	/* listen succeeded on it */
	W_CONNECTED = 2,	/* it has a peer */
	W_NEVER = 4,		/* neither, and it never had a peer */
	W_UNBOUND_UNIX = 8,	/* an AF_UNIX socket with no path */
	W_UNIX = 16,		/* an AF_UNIX socket */
	W_SHUT_WR = 32,		/* shutdown wr on it (the handle's bits) */
	W_INET6 = 64		/* an AF_INET6 socket */
};

struct explanation {
	const char	*call;	/* "send|sendto": those calls; NULL: any */
	int		 err;
	const char	*text;	/* N_() */
	int		 when;	/* W_ bits, one of which must hold; 0: any */
};

static const struct explanation explanations[] = {
	{ "connect", ECONNREFUSED, N_("nobody listens at that path: the file "
	    "is left from a closed socket, or its socket has not called "
	    "listen"), W_UNIX },
	{ "send|sendto", EOPNOTSUPP, N_("urgent data (MSG_OOB) exists only "
	    "in TCP: leave the flag out, or send it on a TCP connection"),
	    0 },
	{ "setsockopt|getsockopt", EOPNOTSUPP, N_("this option is not for "
	    "this kind of socket: TCP_ and IP_ options are for TCP/IP "
	    "sockets, and an AF_UNIX socket has neither"), 0 },
	{ "send|sendto", EPIPE, N_("this socket's own sending side is shut "
	    "down (shutdown wr), not the peer's: nothing more can be sent on "
	    "it"), W_SHUT_WR },
	{ "connect", EAGAIN, N_("the listener's accept queue is full, and a "
	    "non-blocking AF_UNIX connect does not wait for room: accept "
	    "one of its connections, then connect again"), W_UNIX },
	{ "sendto", EPROTOTYPE, N_("the socket at that path is of another "
	    "type: a datagram goes to a SOCK_DGRAM socket"), 0 },
	{ "connect", EISCONN, N_("this is a listening (server) socket: it "
	    "only accepts connections. Connect from a new socket: 'socket "
	    "c', then 'connect c ADDRESS PORT'"), W_LISTENING },
	{ "accept", EINVAL, N_("this socket is connected (a client's end, or "
	    "one that accept gave): accept works on the listening socket, "
	    "as in 'accept srv conn'"), W_CONNECTED },
	{ "listen", EINVAL, N_("an AF_UNIX socket listens once it is bound "
	    "to a path: 'bind NAME /tmp/NAME.sock' first"), W_UNBOUND_UNIX },
	{ "listen", EINVAL, N_("this socket is connected, so it cannot "
	    "listen: create a new socket, bind it, and listen on that"),
	    W_CONNECTED },
	{ NULL, EPIPE, N_("this is a listening socket: data goes over the "
	    "connections it accepts. 'accept NAME conn', then send on conn"),
	    W_LISTENING },
	{ "recv", ENOTCONN, N_("this is a listening socket: data goes over "
	    "the connections it accepts. 'accept NAME conn', then receive "
	    "on conn"), W_LISTENING },
	{ NULL, EPIPE, N_("this socket was never connected: connect it first "
	    "('connect NAME ADDRESS PORT'), or send on a handle that accept "
	    "gave"), W_NEVER },
	{ "bind", EADDRINUSE, N_("another socket already uses this address "
	    "and port (a listener, or a connection in TIME_WAIT): pick "
	    "another port, close that socket, or bind to port 0; past "
	    "TIME_WAIT, SO_REUSEADDR on before bind, here and on the old "
	    "listener"), 0 },
	{ "bind", EADDRNOTAVAIL, N_("this machine has no such address: bind "
	    "to 127.0.0.1, ::1, or * for every address"), 0 },
	{ "bind", EINVAL, N_("this socket is already bound, and a socket "
	    "binds once: create a new socket for another address"), 0 },
	{ "bind", EACCES, N_("ports below 1024 are reserved for the "
	    "superuser: use a port such as 8888"), 0 },
	{ "listen", EOPNOTSUPP, N_("listen is for SOCK_STREAM (TCP) sockets: "
	    "a SOCK_DGRAM (UDP) socket has no connections to wait for; it "
	    "just receives datagrams after bind"), 0 },
	{ "listen", EINVAL, N_("this socket has been used to connect, so it "
	    "cannot listen: create a new socket, bind it, and listen on "
	    "that"), 0 },
	{ "accept", EOPNOTSUPP, N_("accept is for SOCK_STREAM (TCP) sockets: "
	    "a SOCK_DGRAM (UDP) socket has no connections to accept"), 0 },
	{ "accept", EINVAL, N_("accept works only on a listening socket: "
	    "call 'listen NAME' first (after bind)"), 0 },
	{ "connect", ECONNREFUSED, N_("nobody is listening at that address "
	    "and port: start the server first (socket, bind, listen), or "
	    "check the port"), 0 },
	{ "connect", EISCONN, N_("this socket is already connected: create "
	    "a new socket for another connection"), 0 },
	{ "connect", EALREADY, N_("this socket is still connecting: wait for "
	    "it, or close it and start again"), 0 },
	{ "connect", EINPROGRESS, N_("the connection is being set up in the "
	    "background (non-blocking socket): 'poll NAME' until it is "
	    "writable, then 'getsockopt NAME SO_ERROR' says whether it "
	    "worked"), 0 },
	{ "connect", EADDRNOTAVAIL, N_("no local port is free for this "
	    "destination, or the address cannot be reached from here: try "
	    "127.0.0.1 or ::1"), 0 },
	{ "connect", ENOENT, N_("there is no socket file at that path: start "
	    "the server first (socket, bind, listen), or check the path"), 0 },
	{ "connect", EPROTOTYPE, N_("the socket at that address is of another "
	    "type (SOCK_STREAM and SOCK_DGRAM do not connect)"), 0 },
	{ "bind", ENOENT, N_("a folder in that path does not exist: bind to a "
	    "path in an existing folder"), 0 },
	{ "sendto", EISCONN, N_("this socket is connected: a connected stream "
	    "socket takes send, without an address"), 0 },
	{ "sendto", EACCES, N_("sending to a broadcast address needs "
	    "SO_BROADCAST: 'setsockopt NAME SO_BROADCAST on'"), 0 },
	{ "sendto", ENOENT, N_("there is no socket file at that path: bind "
	    "the receiving socket first, or check the path"), 0 },
	{ "sendto", ECONNREFUSED, N_("no socket is bound to that path (its "
	    "file is left from a closed one)"), 0 },
	{ "send", ECONNREFUSED, N_("an earlier datagram found nobody at its "
	    "port: the kernel got an ICMP \"port unreachable\" and reports "
	    "it on the next call"), 0 },
	{ "recv|recvfrom", ECONNREFUSED, N_("a datagram sent earlier found "
	    "nobody at its port: the kernel got an ICMP \"port unreachable\" "
	    "and reports it here"), 0 },
	{ "recv", EINVAL, N_("no urgent byte (MSG_OOB) is waiting, or it was "
	    "read already (or SO_OOBINLINE keeps it in the stream)"), 0 },
	{ "shutdown", ENOTCONN, N_("there is no connection, so shutdown "
	    "fails; yet Linux marks the socket shut down all the same: after "
	    "rd its recv returns 0 at once, after wr its send fails with "
	    "EPIPE (on TCP, until it connects)"), 0 },
	{ "getpeername", ENOTCONN, N_("this socket has no peer: it is not "
	    "connected"), 0 },
	{ "setsockopt", EINVAL, N_("the kernel does not take this value for "
	    "this option, or not in this state (IPV6_V6ONLY only before "
	    "bind, TCP_MAXSEG from 88 to 32767 bytes, or 0 for the "
	    "default)"), 0 },
	{ "setsockopt|getsockopt", ENOPROTOOPT, N_("this option is not for "
	    "this kind of socket (a TCP_ option on UDP, an IPv6 option on "
	    "IPv4, ...)"), 0 },
	{ NULL, EMSGSIZE, N_("the datagram is larger than the protocol "
	    "allows (65527 bytes for UDP over IPv6): send less at once"),
	    W_INET6 },
	{ NULL, EMSGSIZE, N_("the datagram is larger than the socket's send "
	    "buffer: an AF_UNIX datagram must fit SO_SNDBUF whole: send less "
	    "at once, or set SO_SNDBUF larger"), W_UNIX },
	{ NULL, EMSGSIZE, N_("the datagram is larger than the protocol "
	    "allows (65507 bytes for UDP over IPv4, the send buffer for "
	    "AF_UNIX): send less at once"), 0 },
	{ NULL, EDESTADDRREQ, N_("this datagram socket has no destination: "
	    "use sendto with an address, or connect it first"), 0 },
	{ NULL, ENOENT, N_("no such file or folder"), 0 },
	{ "connect", EINVAL, N_("a listening socket cannot connect: create a "
	    "new socket for the client side"), 0 },
	{ "connect", ETIMEDOUT, N_("the server did not answer in time: is "
	    "the address right, and is its accept queue full?"), 0 },
	{ NULL, ENOTCONN, N_("this socket is not connected: connect it "
	    "first, or accept a connection on a listener and use the new "
	    "handle"), 0 },
	{ NULL, EPIPE, N_("the connection is closed for sending (the peer "
	    "closed it, or it was never connected): nothing more can be sent "
	    "on it; close it"), 0 },
	{ NULL, ECONNRESET, N_("the peer reset the connection (it closed "
	    "with data still unread, or aborted): close this socket"), 0 },
	{ NULL, EOPNOTSUPP, N_("this kind of socket does not support the "
	    "call"), 0 },
	{ NULL, EMFILE, N_("too many open files: close some handles "
	    "first"), 0 },
	{ NULL, ENFILE, N_("the system has too many open files: close some "
	    "handles first"), 0 },
	{ NULL, EAFNOSUPPORT, N_("the address family does not match the "
	    "socket's family"), 0 },
	{ NULL, EAGAIN, N_("the call would have to wait, and it may not (a "
	    "non-blocking socket, or MSG_DONTWAIT): try again when poll says "
	    "the socket is ready"), 0 },
	{ NULL, EALREADY, N_("this socket is still connecting: poll until it "
	    "is writable"), 0 },
	{ NULL, EISCONN, N_("this socket is already connected"), 0 },
	{ NULL, EACCES, N_("permission denied: ports below 1024 and "
	    "broadcast addresses need more rights"), 0 },
	{ NULL, EADDRNOTAVAIL, N_("that address is not one of this machine's, "
	    "or no port is free for it: use 127.0.0.1 or ::1"), 0 },
	{ NULL, ENETUNREACH, N_("no route to that network from here"), 0 },
	{ NULL, EHOSTUNREACH, N_("that host cannot be reached from here"), 0 },
	{ NULL, 0, NULL, 0 }
};

/* CALL is one of the names in LIST ("send|sendto"). */
static int
call_in(const char *list, const char *call)
{
	size_t n = strlen(call);

	for (;;) {
		if (strncmp(list, call, n) == 0 &&
		    (list[n] == '|' || list[n] == '\0'))
			return 1;
		if ((list = strchr(list, '|')) == NULL)
			return 0;
		list++;
	}
}

/* The W_ bits that hold for the socket H (NULL: none known). */
static int
situation(const struct handle *h)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int on = 0, w = 0;
	socklen_t olen = sizeof on;

	if (h == NULL || h->fd < 0)
		return 0;
	if (h->shut & 2)
		w |= W_SHUT_WR;
	if (h->family == AF_INET6)
		w |= W_INET6;
	if (getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) == 0 &&
	    on)
		w |= W_LISTENING;
	else if (getpeername(h->fd, (struct sockaddr *)&ss, &len) == 0)
		w |= W_CONNECTED;
	else if (h->peer_len == 0 && !h->connecting)
		w |= W_NEVER;
	if (h->family == AF_UNIX)
		w |= W_UNIX;
	len = sizeof ss;
	if (h->family == AF_UNIX &&
	    getsockname(h->fd, (struct sockaddr *)&ss, &len) == 0 &&
	    !sockaddr_named(&ss, len))
		w |= W_UNBOUND_UNIX;
	return w;
}

/* What ERR from CALL on the socket H (or NULL) means and what to try, or
 * NULL when it is rare. */
const char *
errno_explain(const char *call, int err, const struct handle *h)
{
	const struct explanation *e;
	int w = -1;

	for (e = explanations; e->text != NULL; e++) {
		if (e->err != err)
			continue;
		if (e->call != NULL && !call_in(e->call, call))
			continue;
		if (e->when != 0) {
			if (w < 0)
				w = situation(h);
			if ((e->when & w) == 0)
				continue;
		}
		return _(e->text);
	}
	return NULL;
}
