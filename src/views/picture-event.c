/* picture-event.c - what each kind of call is in the picture (see
 * picture-event.h): the one place where the event log's kinds are told
 * apart. */
#include <config.h>

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "views/picture-build.h"
#include "views/picture-event.h"

static const struct {
	enum pic_role	 role;
	const char	*op;
} kinds[] = {
	[EV_SOCKET] =		{ ROLE_SOCKET,		N_("Socket") },
	[EV_BIND] =		{ ROLE_BIND,		N_("Bind") },
	[EV_LISTEN] =		{ ROLE_LISTEN,		N_("Listen") },
	[EV_ACCEPT] =		{ ROLE_ACCEPT,		N_("Accept") },
	[EV_CONNECT] =		{ ROLE_CONNECT,		N_("Connect") },
	[EV_SEND] =		{ ROLE_SEND,		N_("Send") },
	[EV_RECV] =		{ ROLE_RECV,		N_("Receive") },
	[EV_CLOSE] =		{ ROLE_CLOSE,		N_("Close") },
	/* sendto and recvfrom are the slides' Send and Receive: the
	 * address the datagram went to beside it, its sender across. */
	[EV_SENDTO] =		{ ROLE_SEND,		N_("Send") },
	[EV_RECVFROM] =		{ ROLE_RECV,		N_("Receive") },
	[EV_SHUTDOWN] =		{ ROLE_SHUTDOWN,	N_("Shutdown") },
	[EV_SOCKETPAIR] =	{ ROLE_SOCKETPAIR,	N_("Socketpair") },
	/* The calls that only read a setting or an address are left out
	 * (ROLE_NONE): setsockopt, getsockopt, getsockname, getpeername,
	 * fcntl, poll, getaddrinfo. */
};

enum pic_role
picture_event_role(enum ev_kind k)
{
	if ((size_t)k >= sizeof kinds / sizeof *kinds)
		return ROLE_NONE;
	return kinds[k].role;
}

const char *
picture_event_op(enum ev_kind k)
{
	if ((size_t)k >= sizeof kinds / sizeof *kinds || kinds[k].op == NULL)
		return "?";
	return _(kinds[k].op);
}

void
picture_event_lecture_ops(const char *ops[PIC_OPS])
{
	static const enum ev_kind lecture[PIC_OPS] = { EV_SOCKET, EV_BIND,
	    EV_LISTEN, EV_ACCEPT, EV_CONNECT, EV_SEND, EV_RECV, EV_CLOSE };
	int i;

	for (i = 0; i < PIC_OPS; i++)
		ops[i] = picture_event_op(lecture[i]);
}

void
picture_event_text(struct picture *p, const struct pev *e, struct pic_box *b)
{
	const struct event *ev = e->ev;
	const struct psock *s = &p->s[e->sock];
	char a[96];

	switch (ev->kind) {
	case EV_SOCKET:
	case EV_SOCKETPAIR:
		if (s->h->family != AF_INET || s->h->type != SOCK_STREAM) {
			const char *pl = proto_label(s->h->family,
			    s->h->type);

			snprintf(b->text, sizeof b->text, "%s", pl);
			/* UDP/IPv6: its transport says most. */
			snprintf(b->brief, sizeof b->brief, "%.*s",
			    (int)strcspn(pl, "/"), pl);
		}
		break;
	case EV_BIND:
		if (ev->result == 0 && s->st.local_len > 0)
			format_sockaddr(&s->st.local, s->st.local_len, a,
			    sizeof a);
		else
			picture_peers_format(ev, a, sizeof a);
		snprintf(b->text, sizeof b->text, "%s", a);
		break;
	case EV_LISTEN:
		if (ev->result >= 0) {
			snprintf(b->text, sizeof b->text, _("backlog %lld"),
			    ev->result);
			/* listen(srv, 1): the number says it where the
			 * word does not fit. */
			snprintf(b->brief, sizeof b->brief, "%lld",
			    ev->result);
		}
		break;
	case EV_ACCEPT:
		if (ev->result >= 0 && e->other != NONE)
			b->to = p->s[e->other].h->name;
		break;
	case EV_CONNECT:
		if (!is_tcp(s))
			snprintf(b->text, sizeof b->text, "%s",
			    picture_peers_format(ev, a, sizeof a));
		break;
	case EV_RECV:
	case EV_RECVFROM:
		if (ev->result >= 0 && !ev->pending)
			snprintf(b->text, sizeof b->text, _("%lld B"),
			    ev->result);
		break;
	case EV_SEND:
	case EV_SENDTO:
		if (!is_tcp(s) && ev->addrlen > 0)
			snprintf(b->text, sizeof b->text, "%s",
			    picture_peers_format(ev, a, sizeof a));
		break;
	default:
		break;
	}
}

