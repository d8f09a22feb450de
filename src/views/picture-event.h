/* picture-event.h - what each kind of call is in the picture: its role
 * (what the pairing and the layout go by), the name on its box, and what
 * its box says it did. The one place that knows the event log's kinds
 * (enum ev_kind): a command that declares its own picture event replaces
 * its line here, and the rest goes by the role. */
#ifndef SOCKSHELL_PICTURE_EVENT_H
#define SOCKSHELL_PICTURE_EVENT_H

#include "base/evlog.h"
#include "views/picture-model.h"

/* What a call does in the lecture's exchange. sendto is a send and
 * recvfrom a recv, as on the slides: the address beside them. */
enum pic_role {
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
	ROLE_SHUTDOWN
};

struct picture;
struct pev;

enum pic_role	 picture_event_role(enum ev_kind k);
/* The name on its box ("Receive"), translated. */
const char	*picture_event_op(enum ev_kind k);
/* The names the boxes line up on: the lecture's calls. */
void		 picture_event_lecture_ops(const char *ops[PIC_OPS]);
/* What the call E did, into B's text and brief (its socket's address,
 * "backlog 1", "13 B"), and for an accept the connection's socket. */
void		 picture_event_text(struct picture *p, const struct pev *e,
		     struct pic_box *b);

#endif
