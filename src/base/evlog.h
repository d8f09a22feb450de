/* evlog.h - the event log: every call made, in order, as plain data. */
#ifndef SOCKSHELL_EVLOG_H
#define SOCKSHELL_EVLOG_H

#include <netinet/in.h>
#include <sys/socket.h>

/* What the picture needs: every call made, in order. */
enum ev_kind {
	EV_SOCKET, EV_BIND, EV_LISTEN, EV_ACCEPT, EV_CONNECT, EV_SEND,
	EV_RECV, EV_CLOSE,
	EV_SENDTO, EV_RECVFROM, EV_SHUTDOWN, EV_SETSOCKOPT, EV_GETSOCKOPT,
	EV_GETSOCKNAME, EV_GETPEERNAME, EV_SOCKETPAIR, EV_FCNTL, EV_POLL,
	EV_GETADDRINFO
};

struct event {
	enum ev_kind	 kind;
	int		 handle_id;
	int		 other_id;	/* accept: the new handle */
	long long	 result;	/* the call's return value */
	int		 err;		/* errno when result is -1 */
	int		 pending;	/* a job still waits for it */
	int		 stopped;	/* given up waiting: err is EINTR (Ctrl-C),
					 * ETIMEDOUT (--timeout) or ECANCELED
					 * (the job's socket was closed) */
	size_t		 began;		/* a job's result: its pending entry's
					 * index plus 1, where the call began */
	unsigned long	 seq;		/* when it was logged or last changed */
	union {				/* bind, connect: the address given */
		struct sockaddr		sa;
		struct sockaddr_in	in;
		struct sockaddr_in6	in6;
	}		 addr;
	socklen_t	 addrlen;
};

void		 event_set_addr(struct event *, const struct sockaddr_storage *,
		     socklen_t);

#endif
