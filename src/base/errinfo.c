/* errinfo.c - errno names, and what the common errors mean for a student. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "base/errinfo.h"
#include "base/i18n.h"

const char *
errinfo_name(int err)
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

/*
 * What the errors mean wherever they come from; a command's own advice
 * (its entry's) comes first, as it knows its call's reasons better.
 */
static const struct errinfo_advice general[] = {
	{ EPIPE, N_("this is a listening socket: data goes over the "
	    "connections it accepts. 'accept NAME conn', then send on "
	    "conn"), ERRINFO_LISTENING },
	{ EPIPE, N_("this socket was never connected: connect it first "
	    "('connect NAME ADDRESS PORT'), or send on a handle that accept "
	    "gave"), ERRINFO_NEVER },
	{ EMSGSIZE, N_("the datagram is larger than the protocol allows "
	    "(65527 bytes for UDP over IPv6): send less at "
	    "once"), ERRINFO_INET6 },
	{ EMSGSIZE, N_("the datagram is larger than the socket's send buffer: "
	    "an AF_UNIX datagram must fit SO_SNDBUF whole: send less at once, "
	    "or set SO_SNDBUF larger"), ERRINFO_UNIX },
	{ EMSGSIZE, N_("the datagram is larger than the protocol allows "
	    "(65507 bytes for UDP over IPv4, the send buffer for AF_UNIX): "
	    "send less at once"), 0 },
	{ EDESTADDRREQ, N_("this datagram socket has no destination: use "
	    "sendto with an address, or connect it first"), 0 },
	{ ENOENT, N_("no such file or folder"), 0 },
	{ ENOTCONN, N_("this socket is not connected: connect it first, or "
	    "accept a connection on a listener and use the new handle"), 0 },
	{ EPIPE, N_("the connection is closed for sending (the peer closed "
	    "it, or it was never connected): nothing more can be sent on it; "
	    "close it"), 0 },
	{ ECONNRESET, N_("the peer reset the connection (it closed with data "
	    "still unread, or aborted): close this socket"), 0 },
	{ EOPNOTSUPP, N_("this kind of socket does not support the call"), 0 },
	{ EMFILE, N_("too many open files: close some handles first"), 0 },
	{ ENFILE, N_("the system has too many open files: close some handles "
	    "first"), 0 },
	{ EAFNOSUPPORT, N_("the address family does not match the socket's "
	    "family"), 0 },
	{ EAGAIN, N_("the call would have to wait, and it may not (a "
	    "non-blocking socket, or MSG_DONTWAIT): try again when poll says "
	    "the socket is ready"), 0 },
	{ EALREADY, N_("this socket is still connecting: poll until it is "
	    "writable"), 0 },
	{ EISCONN, N_("this socket is already connected"), 0 },
	{ EACCES, N_("permission denied: ports below 1024 and broadcast "
	    "addresses need more rights"), 0 },
	{ EADDRNOTAVAIL, N_("that address is not one of this machine's, or no "
	    "port is free for it: use 127.0.0.1 or ::1"), 0 },
	{ ENETUNREACH, N_("no route to that network from here"), 0 },
	{ EHOSTUNREACH, N_("that host cannot be reached from here"), 0 },
	{ 0, NULL, 0 }
};

/* The ERRINFO_ bits that hold for the situation S (NULL: none known). */
static int
bits(const struct errinfo_situation *s)
{
	int w = 0;

	if (s == NULL)
		return 0;
	if (s->shut & 2)
		w |= ERRINFO_SHUT_WR;
	if (s->family == AF_INET6)
		w |= ERRINFO_INET6;
	if (s->listening)
		w |= ERRINFO_LISTENING;
	else if (s->connected)
		w |= ERRINFO_CONNECTED;
	else if (s->never)
		w |= ERRINFO_NEVER;
	if (s->family == AF_UNIX)
		w |= ERRINFO_UNIX;
	if (s->family == AF_UNIX && s->unnamed)
		w |= ERRINFO_UNBOUND_UNIX;
	return w;
}

/* The text of the first advice in LIST for ERR whose situation holds. */
static const char *
first_in(const struct errinfo_advice *list, int err, int w)
{
	for (; list->text != NULL; list++)
		if (list->err == err && (list->when == 0 ||
		    (list->when & w) != 0))
			return _(list->text);
	return NULL;
}

const char *
errinfo_explain(const struct errinfo_advice *const *lists, int err,
    const struct errinfo_situation *s)
{
	const char *why;
	int w = bits(s);

	for (; lists != NULL && *lists != NULL; lists++)
		if ((why = first_in(*lists, err, w)) != NULL)
			return why;
	return first_in(general, err, w);
}
