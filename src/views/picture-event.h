/* picture-event.h - what each kind of call is in the picture: its role
 * (what the pairing and the layout go by), the name on its box, and what
 * its box says it did, from the type its command declared (struct
 * ev_type): the rest of the picture goes by the role. */
#ifndef SOCKSHELL_PICTURE_EVENT_H
#define SOCKSHELL_PICTURE_EVENT_H

#include "base/evlog.h"
#include "views/picture-model.h"

struct picture;
struct pev;

enum ev_role	 picture_event_role(const struct event *);
/* The name on its box ("Receive"), translated. */
const char	*picture_event_op(const struct event *);
/* The names the boxes line up on: the lecture's calls. */
void		 picture_event_lecture_ops(const char *ops[PIC_OPS]);
/* What the call E did, into B's text and brief (its socket's address,
 * "backlog 1", "13 B"), and for an accept the connection's socket. */
void		 picture_event_text(struct picture *p, const struct pev *e,
		     struct pic_box *b);

#endif
