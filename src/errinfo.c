/* errinfo.c - errno names, and what the common errors mean for a student. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sockshell.h"

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

struct explanation {
	const char	*call;	/* NULL: any call */
	int		 err;
	const char	*text;	/* N_() */
};

static const struct explanation explanations[] = {
	{ "bind", EADDRINUSE, N_("another socket already uses this address "
	    "and port (a listener, or a connection in TIME_WAIT): pick "
	    "another port, close that socket, or bind to port 0 and let the "
	    "kernel choose") },
	{ "bind", EADDRNOTAVAIL, N_("this machine has no such address: bind "
	    "to 127.0.0.1, ::1, or * for every address") },
	{ "bind", EINVAL, N_("this socket is already bound, and a socket "
	    "binds once: create a new socket for another address") },
	{ "bind", EACCES, N_("ports below 1024 are reserved for the "
	    "superuser: use a port such as 8888") },
	{ "listen", EOPNOTSUPP, N_("listen is for SOCK_STREAM (TCP) sockets: "
	    "a SOCK_DGRAM (UDP) socket has no connections to wait for; it "
	    "just receives datagrams after bind") },
	{ "listen", EINVAL, N_("this socket is connected, so it cannot "
	    "listen: create a new socket, bind it, and listen on that") },
	{ "accept", EOPNOTSUPP, N_("accept is for SOCK_STREAM (TCP) sockets: "
	    "a SOCK_DGRAM (UDP) socket has no connections to accept") },
	{ "accept", EINVAL, N_("accept works only on a listening socket: "
	    "call 'listen NAME' first (after bind)") },
	{ "connect", ECONNREFUSED, N_("nobody is listening at that address "
	    "and port: start the server first (socket, bind, listen), or "
	    "check the port") },
	{ "connect", EISCONN, N_("this socket is already connected: create "
	    "a new socket for another connection") },
	{ "connect", EALREADY, N_("this socket is still connecting: wait for "
	    "it, or close it and start again") },
	{ "connect", EINPROGRESS, N_("the connection is being set up in the "
	    "background (non-blocking socket): 'poll NAME' until it is "
	    "writable, then 'getsockopt NAME SO_ERROR' says whether it "
	    "worked") },
	{ "connect", EADDRNOTAVAIL, N_("no local port is free for this "
	    "destination, or the address cannot be reached from here: try "
	    "127.0.0.1 or ::1") },
	{ "connect", ENOENT, N_("there is no socket file at that path: start "
	    "the server first (socket, bind, listen), or check the path") },
	{ "connect", EPROTOTYPE, N_("the socket at that address is of another "
	    "type (SOCK_STREAM and SOCK_DGRAM do not connect)") },
	{ "bind", ENOENT, N_("a folder in that path does not exist: bind to a "
	    "path in an existing folder") },
	{ "sendto", EISCONN, N_("this socket is connected: a connected stream "
	    "socket takes send, without an address") },
	{ "sendto", EACCES, N_("sending to a broadcast address needs "
	    "SO_BROADCAST: 'setsockopt NAME SO_BROADCAST on'") },
	{ "sendto", ENOENT, N_("there is no socket file at that path: bind "
	    "the receiving socket first, or check the path") },
	{ "sendto", ECONNREFUSED, N_("no socket is bound to that path (its "
	    "file is left from a closed one)") },
	{ "send", ECONNREFUSED, N_("an earlier datagram found nobody at its "
	    "port: the kernel got an ICMP \"port unreachable\" and reports "
	    "it on the next call") },
	{ "recv", ECONNREFUSED, N_("a datagram sent earlier found nobody at "
	    "its port: the kernel got an ICMP \"port unreachable\" and "
	    "reports it here") },
	{ "recvfrom", ECONNREFUSED, N_("a datagram sent earlier found nobody "
	    "at its port: the kernel got an ICMP \"port unreachable\" and "
	    "reports it here") },
	{ "recv", EINVAL, N_("no urgent byte (MSG_OOB) is waiting, or it was "
	    "read already (or SO_OOBINLINE keeps it in the stream)") },
	{ "shutdown", ENOTCONN, N_("shutdown is for a connected socket: there "
	    "is no connection to close a direction of") },
	{ "getpeername", ENOTCONN, N_("this socket has no peer: it is not "
	    "connected") },
	{ "setsockopt", EINVAL, N_("the kernel does not take this value for "
	    "this option, or not in this state (IPV6_V6ONLY only before "
	    "bind, TCP_MAXSEG from 88 bytes up)") },
	{ "setsockopt", ENOPROTOOPT, N_("this option is not for this kind of "
	    "socket (a TCP_ option on UDP, an IPv6 option on IPv4, ...)") },
	{ "getsockopt", ENOPROTOOPT, N_("this option is not for this kind of "
	    "socket (a TCP_ option on UDP, an IPv6 option on IPv4, ...)") },
	{ NULL, EMSGSIZE, N_("the datagram is larger than the protocol "
	    "allows (65507 bytes for UDP over IPv4, the send buffer for "
	    "AF_UNIX): send less at once") },
	{ NULL, EDESTADDRREQ, N_("this datagram socket has no destination: "
	    "use sendto with an address, or connect it first") },
	{ NULL, ENOENT, N_("no such file or folder") },
	{ "connect", EINVAL, N_("a listening socket cannot connect: create a "
	    "new socket for the client side") },
	{ "connect", ETIMEDOUT, N_("the server did not answer in time: is "
	    "the address right, and is its accept queue full?") },
	{ NULL, ENOTCONN, N_("this socket is not connected: connect it "
	    "first, or accept a connection on a listener and use the new "
	    "handle") },
	{ NULL, EPIPE, N_("the connection is closed for sending (the peer "
	    "closed it, or it was never connected): nothing more can be sent "
	    "on it; close it") },
	{ NULL, ECONNRESET, N_("the peer reset the connection (it closed "
	    "with data still unread, or aborted): close this socket") },
	{ NULL, EOPNOTSUPP, N_("this kind of socket does not support the "
	    "call") },
	{ NULL, EMFILE, N_("too many open files: close some handles first") },
	{ NULL, ENFILE, N_("the system has too many open files: close some "
	    "handles first") },
	{ NULL, EAFNOSUPPORT, N_("the address family does not match the "
	    "socket's family") },
	{ NULL, EAGAIN, N_("the call would have to wait, and it may not (a "
	    "non-blocking socket, or MSG_DONTWAIT): try again when poll says "
	    "the socket is ready") },
	{ NULL, EALREADY, N_("this socket is still connecting: poll until it "
	    "is writable") },
	{ NULL, EISCONN, N_("this socket is already connected") },
	{ NULL, EACCES, N_("permission denied: ports below 1024 and "
	    "broadcast addresses need more rights") },
	{ NULL, EADDRNOTAVAIL, N_("that address is not one of this machine's, "
	    "or no port is free for it: use 127.0.0.1 or ::1") },
	{ NULL, ENETUNREACH, N_("no route to that network from here") },
	{ NULL, EHOSTUNREACH, N_("that host cannot be reached from here") },
	{ NULL, 0, NULL }
};

/* What ERR from CALL means and what to try, or NULL when it is rare. */
const char *
errno_explain(const char *call, int err)
{
	const struct explanation *e;

	for (e = explanations; e->text != NULL; e++) {
		if (e->err != err)
			continue;
		if (e->call == NULL || strcmp(e->call, call) == 0)
			return _(e->text);
	}
	return NULL;
}
