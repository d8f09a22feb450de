/* picture-model.c - the picture as plain data (picture-model.h): the calls
 * paired and laid out on rows (picture-layout.c), then each row in words,
 * in full, for any renderer to draw: its boxes, its arrow, its bus lines.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/i18n.h"
#include "core/shell.h"
#include "views/picture-build.h"
#include "views/picture-event.h"
#include "views/picture-model.h"

/* Whether the call waits or failed, and the words that say so. */
static void
call_status(const struct pev *e, struct pic_box *b)
{
	const struct event *ev = e->ev;
	const char *why = NULL;

	if (ev->pending) {
		b->look = PIC_PENDING;
		why = _("waiting");
	} else if (e->role == ROLE_CONNECT && !ev->stopped &&
	    (ev->err == EINPROGRESS || ev->err == EALREADY) &&
	    (e->arrow == A_CONNECTING || e->arrow == A_CONNECT)) {
		/* A non-blocking connect did not fail: the kernel goes on
		 * with the handshake, and its state tells how far it got. */
		if (e->arrow == A_CONNECTING) {
			b->look = PIC_PENDING;
			why = _("connecting");
		}
	} else if (ev->stopped) {
		b->look = PIC_FAILED;
		why = ev->err == EINTR ? _("interrupted") :
		    ev->err == ETIMEDOUT ? _("gave up") :
		    ev->err == ECANCELED ? _("cancelled") :
		    errinfo_name(ev->err);
	} else if (ev->err != 0) {
		b->look = PIC_FAILED;
		why = errinfo_name(ev->err);
	}
	if (why != NULL)
		snprintf(b->status, sizeof b->status, "%s", why);
}

/* "Receive conn 13 B", and apart "ECONNRESET" when it failed. */
static void
call_box(struct picture *p, const struct pev *e, struct pic_box *b)
{
	b->kind = PIC_BOX_CALL;
	b->op = picture_event_op(e->ev);
	b->name = p->s[e->sock].h->name;
	b->newest = e->newest;
	b->id = 2 * e->id + (unsigned long)e->twin;
	picture_event_text(p, e, b);
	call_status(e, b);
}

static void
note(struct pic_box *b, const char *text)
{
	memset(b, 0, sizeof *b);
	b->kind = PIC_BOX_NOTE;
	snprintf(b->text, sizeof b->text, "%s", text);
}

/* Another program at the far end: its address. */
static void
note_peer(struct pic_box *b, const struct psock *s, const struct event *ev)
{
	char a[96];

	if (s->st.peer_len > 0)
		note(b, addr_format(&s->st.peer, s->st.peer_len, a,
		    sizeof a));
	else if (ev != NULL && ev->addrlen > 0)
		note(b, picture_peers_format(ev, a, sizeof a));
	else
		note(b, _("another program"));
}

static void
arrow_label(struct pic_arrow *l, enum arrow a, int err, long long n)
{
	l->count = n;
	switch (a) {
	case A_CONNECT:
		if (n > 1)
			snprintf(l->label, sizeof l->label, P_("%lld connection",
			    "%lld connections", (unsigned long)n), n);
		else
			snprintf(l->label, sizeof l->label, "%s",
			    _("connection"));
		break;
	case A_CONNECTING:
		snprintf(l->label, sizeof l->label, "%s", _("connecting"));
		break;
	case A_REFUSED:
		snprintf(l->label, sizeof l->label, "%s", err == ECONNREFUSED ?
		    _("refused") : err == ETIMEDOUT ? _("no answer") :
		    errinfo_name(err));
		break;
	case A_DATA:
		snprintf(l->label, sizeof l->label, _("%lld B"), n);
		break;
	case A_EOF:
		snprintf(l->label, sizeof l->label, "%s", _("EOF"));
		break;
	case A_RESET:
		snprintf(l->label, sizeof l->label, "%s", _("RST"));
		break;
	case A_NONE:
	case A_WAIT:
		l->label[0] = '\0';
		break;
	}
}
/* A datagram's sender that is not the shell's: the address its recv
 * gave, else the connected peer's. */
static void
note_sender(struct pic_box *b, const struct psock *s, const struct event *ev)
{
	char a[96];

	if (ev->addrlen > sizeof(sa_family_t))
		note(b, picture_peers_format(ev, a, sizeof a));
	else
		note_peer(b, s, NULL);
}

/* Into BUF: where the bytes of E (a send to D) wait, or why no call of
 * D's took them: still queued, discarded by D's close, dropped. */
static void
data_left(struct picture *p, const struct pev *e, const struct psock *d,
    char *buf, size_t n)
{
	const struct pev *c = d->close_k != NONE ? &p->e[d->close_k] : NULL;
	unsigned long long end = e->off + e->len, left = e->len;

	if (is_tcp(d))
		left = end <= d->rcvd ? 0 : end - d->rcvd > e->len ? e->len :
		    end - d->rcvd;
	if (is_tcp(d) && left == 0)
		return;		/* read: the bus line takes it there */
	if (c != NULL && c->ev->seq > e->ev->seq && (c->ev->unread > 0 ||
	    c->ev->resets))
		snprintf(buf, n, _("(%s: %llu B discarded)"), d->h->name,
		    left);
	else if (c == NULL && d->st.open && (is_tcp(d) || d->st.inq != 0 ||
	    e->len == 0))
		snprintf(buf, n, _("(%s: %llu B unread)"), d->h->name, left);
	else
		snprintf(buf, n, _("(%s: dropped)"), d->h->name);
}

/*
 * The far end of an arrow no call answers on this row: what waits there
 * (a connection in the listener's queue, bytes unread, an end of stream
 * not read yet), another program's address, or nothing: the arrow stops
 * short.
 */
static void
far_end(struct picture *p, const struct pev *e, struct pic_row *l, int far)
{
	const struct psock *s = &p->s[e->sock], *d;
	struct pic_box *c = &l->box[far];
	char buf[PIC_TEXT];

	d = e->arrow == A_DATA && e->out ? (e->to != NONE ? &p->s[e->to] :
	    NULL) : s->dest != NONE ? &p->s[s->dest] : NULL;
	buf[0] = '\0';
	/* Answered on another row (or in this column): the bus line
	 * takes the arrow there. */
	if (e->partner != NONE && e->arrow != A_WAIT)
		return;
	switch (e->arrow) {
	case A_CONNECT:
		if (e->role == ROLE_ACCEPT) {
			if (e->other != NONE && p->s[e->other].remote)
				note_peer(c, &p->s[e->other], NULL);
			break;
		}
		if (e->target != NONE && p->s[e->target].st.listening)
			snprintf(buf, sizeof buf, _("(in %s's accept queue)"),
			    p->s[e->target].h->name);
		else if (e->target == NONE && s->remote)
			note_peer(c, s, e->ev);
		break;
	case A_CONNECTING:
		if (e->target != NONE) {
			const struct psock *t = &p->s[e->target];

			if (t->st.listening && t->st.accept_queue > t->st.backlog)
				snprintf(buf, sizeof buf,
				    _("(%s's queue is full)"), t->h->name);
			else	/* its SYN was dropped; the kernel retries */
				snprintf(buf, sizeof buf, _("(SYN to %s)"),
				    t->h->name);
		} else
			note_peer(c, s, e->ev);
		break;
	case A_DATA:
		if (e->partner != NONE)
			break;	/* on a bus line to the call that took it */
		if (!e->out) {
			if (d == NULL || !is_tcp(s))
				note_sender(c, s, e->ev); /* another program */
		} else if (d != NULL)
			data_left(p, e, d, buf, sizeof buf);
		else if (s->remote || e->ev->addrlen > 0)
			note_peer(c, s, e->ev);
		break;
	case A_EOF:
	case A_RESET:
		if (e->partner != NONE)
			break;
		if (e->out && d != NULL && e->arrow == A_RESET)
			snprintf(buf, sizeof buf, _("(%s: reset, unread)"),
			    d->h->name);
		else if (e->out && d != NULL && d->st.open)
			snprintf(buf, sizeof buf, _("(%s: EOF unread)"),
			    d->h->name);
		else if (e->out && d != NULL)
			snprintf(buf, sizeof buf, _("(%s: closed, EOF "
			    "unread)"), d->h->name);
		else if (d == NULL && s->remote)
			note_peer(c, s, NULL);
		break;
	case A_REFUSED:		/* it ends where it was refused: ✗ */
	case A_WAIT:
	case A_NONE:
		break;
	}
	if (buf[0] != '\0')
		note(c, buf);
	l->arrow.reaches[far] = c->kind != PIC_BOX_NONE;
}

/* The bus lines through row R; the one its arrow meets. */
static void
row_bars(struct picture *p, const struct prow *r, struct pic_row *l)
{
	int row = (int)(r - p->r), i, own = NONE;

	if (r->arrow != NONE)
		own = p->e[r->arrow].bus;
	for (i = 0; i < r->nbar; i++) {
		const struct pbus *b = &p->b[r->bars[i]];

		l->bar[i].side = b->side;
		l->bar[i].lane = b->slot;
		l->bar[i].up = row > b->lo;
		l->bar[i].down = row < b->hi;
		l->bar[i].joined = l->arrow.kind != PIC_A_NONE &&
		    r->bars[i] == own;
	}
	l->nbar = r->nbar;
}

/* A datagram a recv on row R took cut (its buffer was shorter): the
 * arrow says how much it took of how much, and what was lost. */
static void
datagram_cut(struct picture *p, const struct prow *r, struct pic_arrow *l)
{
	const struct pev *rv = NULL;
	long long whole;
	int x;

	for (x = LEFT; x <= RIGHT; x++) {
		const struct pev *e = r->cell[x] != NONE ? &p->e[r->cell[x]] :
		    NULL;

		if (e != NULL && e->role == ROLE_RECV && e->arrow == A_DATA)
			rv = e;
		else if (rv == NULL && e != NULL && e->role == ROLE_SEND &&
		    e->partner != NONE)	/* its recv is on a later row */
			rv = &p->e[e->partner];
	}
	if (rv == NULL || is_tcp(&p->s[rv->sock]))
		return;
	whole = rv->partner != NONE ? (long long)p->e[rv->partner].len :
	    rv->ev->whole;
	if (whole <= rv->ev->result)
		return;
	snprintf(l->label, sizeof l->label, _("%lld of %lld B, %lld B lost"),
	    rv->ev->result, whole, whole - rv->ev->result);
	l->count = rv->ev->result;
}

/* Row R's boxes and its arrow. */
static void
row_calls(struct picture *p, const struct prow *r, struct pic_row *l)
{
	const struct pev *owner;
	int x, far;

	l->arrow.kind = PIC_A_NONE;
	if (r->pseudo_sock != NONE) {
		const struct psock *s = &p->s[r->pseudo_sock];
		char buf[PIC_TEXT];

		x = s->side;
		if (r->pseudo_arrow == A_CONNECT)
			snprintf(buf, sizeof buf, _("(%s: %lld to accept)"),
			    s->h->name, r->pseudo_n);
		else if (r->pseudo_arrow == A_DATA)
			snprintf(buf, sizeof buf, _("(%s: %lld B unread)"),
			    s->h->name, r->pseudo_n);
		else if (r->pseudo_arrow == A_RESET)
			snprintf(buf, sizeof buf, _("(%s: reset, unread)"),
			    s->h->name);
		else
			snprintf(buf, sizeof buf, _("(%s: EOF unread)"),
			    s->h->name);
		note(&l->box[x], buf);
		if (r->pseudo_arrow == A_CONNECT || !is_tcp(s) ||
		    s->st.peer_len == 0)
			note(&l->box[!x], _("another program"));
		else
			note_peer(&l->box[!x], s, NULL);
		l->arrow.kind = (enum pic_arrow_kind)r->pseudo_arrow;
		l->arrow.from = !x;
		l->arrow.reaches[LEFT] = l->arrow.reaches[RIGHT] = 1;
		arrow_label(&l->arrow, r->pseudo_arrow, 0, r->pseudo_n);
		return;
	}
	for (x = LEFT; x <= RIGHT; x++)
		if (r->cell[x] != NONE)
			call_box(p, &p->e[r->cell[x]], &l->box[x]);
	if (r->arrow == NONE || p->e[r->arrow].arrow == A_WAIT)
		return;
	owner = &p->e[r->arrow];
	x = p->s[owner->sock].side;
	far = !x;
	l->arrow.kind = (enum pic_arrow_kind)owner->arrow;
	l->arrow.from = owner->out ? x : far;
	l->arrow.reaches[x] = 1;
	if (r->cell[far] != NONE)
		l->arrow.reaches[far] = 1;
	else
		far_end(p, owner, l, far);
	l->arrow.newest = owner->newest || (r->cell[far] != NONE &&
	    p->e[r->cell[far]].newest);
	/* On a bus, the label is the bytes the send on this row carried. */
	if (owner->bus != NONE && !owner->out && l->arrow.reaches[far] &&
	    r->cell[far] != NONE && p->e[r->cell[far]].bus == owner->bus)
		owner = &p->e[r->cell[far]];
	arrow_label(&l->arrow, owner->arrow, owner->ev->err,
	    owner->arrow == A_DATA ? (long long)owner->len : 0);
	if (owner->arrow == A_DATA)
		datagram_cut(p, r, &l->arrow);
	l->arrow.look = owner->arrow == A_REFUSED ? PIC_FAILED :
	    owner->arrow == A_CONNECTING ? PIC_PENDING : PIC_PLAIN;
}

/* Row R in words. */
static void
model_row(struct picture *p, const struct prow *r, struct pic_row *l)
{
	memset(l, 0, sizeof *l);
	row_calls(p, r, l);
	row_bars(p, r, l);
}

void
picture_model_row(const struct pic_model *m, const struct pic_group *g,
    int i, struct pic_row *row)
{
	model_row(m->p, &m->p->r[g->row_at + i], row);
}

const char *
picture_model_title(const struct pic_group *g, int x, int other)
{
	if (x == g->server_side)
		return other ? _("Server (another program)") : _("Server");
	return other ? _("Client (another program)") : _("Client");
}

struct pic_model *
picture_model_build(struct shell *sh, const struct sock_state *states)
{
	struct pic_model *m = calloc(1, sizeof *m);
	struct picture *p = calloc(1, sizeof *p);
	size_t g;

	if (m == NULL || p == NULL) {
		free(m);
		free(p);
		return NULL;
	}
	m->p = p;
	p->sh = sh;
	p->states = states;
	p->ns = sh->nhandles;
	if (picture_layout_prepare(p) < 0 ||
	    (m->groups = calloc(p->ngroups + 1, sizeof *m->groups)) == NULL) {
		picture_model_free(m);
		return NULL;
	}
	p->states = NULL;	/* the caller's: read, not kept */
	for (g = 0; g < p->ngroups; g++) {
		m->groups[g].nrows = p->groups[g].nrows;
		m->groups[g].newest = p->groups[g].newest;
		m->groups[g].row_at = p->groups[g].row_at;
		m->groups[g].server_side = p->server_side;
	}
	m->ngroups = p->ngroups;
	m->nrows = p->nr;
	picture_event_lecture_ops(m->ops);
	return m;
}

void
picture_model_free(struct pic_model *m)
{
	if (m == NULL)
		return;
	picture_layout_free(m->p);
	free(m->p);
	free(m->groups);
	free(m);
}
