/* evlog.h - the event log: every call made, in order, as plain data. */
#ifndef SOCKSHELL_EVLOG_H
#define SOCKSHELL_EVLOG_H

#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

/* What a call does in the lecture's exchange: what the picture's pairing
 * and layout go by, and the expectations. sendto is a send and recvfrom
 * a recv, as on the slides: the address beside them. */
enum ev_role {
	ROLE_NONE,	/* not drawn: it only reads a setting or an address */
	ROLE_SOCKET,
	ROLE_SOCKETPAIR,	/* two sockets at once, a box in each column */
	ROLE_BIND,
	ROLE_LISTEN,
	ROLE_ACCEPT,	/* makes a socket: the event's other_id */
	ROLE_CONNECT,
	ROLE_SEND,	/* the event's result: the bytes sent */
	ROLE_RECV,	/* the event's result: the bytes read, 0 at the end */
	ROLE_CLOSE,
	ROLE_SHUTDOWN,
	ROLE_CALL	/* a box of its own on its socket: its name, and what
			   the call returned (.text) */
};

/*
 * A kind of call, as its command declares it (cmd-NAME.c: its entry's
 * .event, and what the command logs): the system call, the name on its
 * box in the picture, its role there, and for a ROLE_CALL what its box
 * says of the result. The picture knows no command: it draws the type.
 */
struct ev_type {
	const char	*call;		/* "recvfrom" */
	const char	*op;		/* N_(): "Receive"; NULL: not drawn */
	enum ev_role	 role;
	const char *const *texts;	/* ROLE_CALL: what its box says for
					   the result 0, 1, ... (N_(), NULL
					   ended); a result past them, or
					   no list: the number */
};

/* What the picture needs: every call made, in order. */
struct event {
	const struct ev_type *type;
	int		 handle_id;
	int		 other_id;	/* accept: the new handle */
	long long	 result;	/* the call's return value */
	long long	 arg;		/* what its box shows it was given:
					   listen's backlog */
	int		 err;		/* errno when result is -1 */
	int		 flags;		/* recv: the MSG_* flags it was given
					 * (MSG_PEEK takes nothing) */
	long long	 whole;		/* a datagram recv: the datagram's size
					 * as the kernel told it, more than
					 * result when it was cut; 0 unknown */
	long long	 unread;	/* close: the bytes its receive queue
					 * held, which the close discarded */
	int		 resets;	/* close: it reset the connection
					 * (bytes unread, or SO_LINGER 0) */
	int		 pending;	/* a job still waits for it */
	int		 stopped;	/* given up waiting: err is EINTR (Ctrl-C),
					 * ETIMEDOUT (--timeout) or ECANCELED
					 * (the job's socket was closed) */
	size_t		 began;		/* a job's result: its pending entry's
					 * index plus 1, where the call began */
	unsigned long	 seq;		/* when it was logged or last changed */
	unsigned long	 id;		/* the seq it was logged with: which
					 * call it is, for as long as it lives */
	union {				/* bind, connect: the address given;
					 * a datagram recv: its sender's */
		struct sockaddr		sa;
		struct sockaddr_in	in;
		struct sockaddr_in6	in6;
		struct sockaddr_un	un;
	}		 addr;
	socklen_t	 addrlen;
};

/* The log: the events in order, and the step's mark. */
struct evlog {
	struct event	*v;
	size_t		 n, cap;
	unsigned long	 seq;		/* the last event's seq */
	unsigned long	 mark;		/* events after it are the newest step */
};

/*
 * Appends an event: a call of TYPE made on handle HANDLE_ID (and
 * OTHER_ID: accept's new socket) and what it returned. Returns it, for
 * the caller to add what it knows, or NULL when memory ran out.
 */
struct event	*evlog_add(struct evlog *, const struct ev_type *type,
		     int handle_id, int other_id, long long result, int err);
void		 evlog_free(struct evlog *);
/* The address a bind or connect was given, kept with its event. */
void		 evlog_set_addr(struct event *, const struct sockaddr_storage *,
		     socklen_t);

#endif
