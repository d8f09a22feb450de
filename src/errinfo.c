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
	    "background (non-blocking socket): wait until it is writable") },
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
	{ NULL, EAGAIN, N_("the call would have to wait, and the socket is "
	    "non-blocking: try again when poll says it is ready") },
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
