/* picture-event.c - what each kind of call is in the picture (see
 * picture-event.h), from the type its command declared. */
#include <config.h>

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "views/picture-build.h"
#include "views/picture-event.h"

enum ev_role
picture_event_role(const struct event *ev)
{
	return ev->type != NULL ? ev->type->role : ROLE_NONE;
}

const char *
picture_event_op(const struct event *ev)
{
	if (ev->type == NULL || ev->type->op == NULL)
		return "?";
	return _(ev->type->op);
}

/* The slide's table of operations: the names the boxes line up on, as
 * the lecture writes them (each command's type names its box the same). */
void
picture_event_lecture_ops(const char *ops[PIC_OPS])
{
	static const char *const lecture[PIC_OPS] = { N_("Socket"),
	    N_("Bind"), N_("Listen"), N_("Accept"), N_("Connect"),
	    N_("Send"), N_("Receive"), N_("Close") };
	int i;

	for (i = 0; i < PIC_OPS; i++)
		ops[i] = _(lecture[i]);
}

/* A call its command declared a box for (ROLE_CALL): what it returned,
 * in the command's words where it has them. */
static void
call_text(const struct event *ev, struct pic_box *b)
{
	const char *const *t = ev->type->texts;
	long long i;

	for (i = 0; t != NULL && t[i] != NULL && i < ev->result; i++)
		;
	if (t != NULL && t[i] != NULL && i == ev->result)
		snprintf(b->text, sizeof b->text, "%s", _(t[i]));
	else
		snprintf(b->text, sizeof b->text, "%lld", ev->result);
}

void
picture_event_text(struct picture *p, const struct pev *e, struct pic_box *b)
{
	const struct event *ev = e->ev;
	const struct psock *s = &p->s[e->sock];
	char a[96];

	switch (picture_event_role(ev)) {
	case ROLE_SOCKET:
	case ROLE_SOCKETPAIR:
		if (s->h->family != AF_INET || s->h->type != SOCK_STREAM) {
			const char *pl = addr_proto_label(s->h->family,
			    s->h->type);

			snprintf(b->text, sizeof b->text, "%s", pl);
			/* UDP/IPv6: its transport says most. */
			snprintf(b->brief, sizeof b->brief, "%.*s",
			    (int)strcspn(pl, "/"), pl);
		}
		break;
	case ROLE_BIND:
		if (ev->result == 0 && s->st.local_len > 0)
			addr_format(&s->st.local, s->st.local_len, a,
			    sizeof a);
		else
			picture_peers_format(ev, a, sizeof a);
		snprintf(b->text, sizeof b->text, "%s", a);
		break;
	case ROLE_LISTEN:
		if (ev->result >= 0) {
			snprintf(b->text, sizeof b->text, _("backlog %lld"),
			    ev->arg);
			/* listen(srv, 1): the number says it where the
			 * word does not fit. */
			snprintf(b->brief, sizeof b->brief, "%lld", ev->arg);
		}
		break;
	case ROLE_ACCEPT:
		if (ev->result >= 0 && e->other != NONE)
			b->to = p->s[e->other].h->name;
		break;
	case ROLE_CONNECT:
		if (!is_tcp(s))
			snprintf(b->text, sizeof b->text, "%s",
			    picture_peers_format(ev, a, sizeof a));
		break;
	case ROLE_RECV:
		if (ev->result >= 0 && !ev->pending && !takes(ev))
			snprintf(b->text, sizeof b->text, _("%lld B peeked"),
			    ev->result);	/* MSG_PEEK: still queued */
		else if (ev->result >= 0 && !ev->pending)
			snprintf(b->text, sizeof b->text, _("%lld B"),
			    ev->result);
		break;
	case ROLE_SEND:
		if (!is_tcp(s) && ev->addrlen > 0)
			snprintf(b->text, sizeof b->text, "%s",
			    picture_peers_format(ev, a, sizeof a));
		break;
	case ROLE_CALL:
		if (ev->result >= 0)
			call_text(ev, b);
		break;
	default:
		break;
	}
}

