/* picture.c - the lecture's step-by-step picture, drawn from the event log
 * and the sockets' state after every command: the texts of each row, and
 * the pictures that fit.
 */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/width.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/picture-build.h"
#include "views/picture.h"

static const struct glyphs utf8_glyphs = {
	"\u2500", "\u2502", "\u250c", "\u2510", "\u2514", "\u2518", "\u253c",
	"\u2506", "\u2504",
	"\u25c4", "\u25ba",
	"\u2576", "\u2574",
	"\u2717", "\u2026", "\u2192", "\u22ef", "\u22ee",
	"\u25b6", "\u25c0",
};

static const struct glyphs ascii_glyphs = {
	"-", "|", "+", "+", "+", "+", "+",
	":", ".",
	"<", ">",
	"-", "-",
	"!", "~", "->", "...", ":",
	">", "<",
};

/* --- Text widths ------------------------------------------------------ */

int
picture_text_width(const char *s, int utf8)
{
	return width_text(s, utf8);
}

/* --- Texts -------------------------------------------------------------- */

static const char *
op_name(enum ev_kind k)
{
	switch (k) {
	case EV_SOCKET:		return _("Socket");
	case EV_BIND:		return _("Bind");
	case EV_LISTEN:		return _("Listen");
	case EV_ACCEPT:		return _("Accept");
	case EV_CONNECT:	return _("Connect");
	/* sendto and recvfrom are the slides' Send and Receive: the
	 * address the datagram went to beside it, its sender across. */
	case EV_SEND:
	case EV_SENDTO:		return _("Send");
	case EV_RECV:
	case EV_RECVFROM:	return _("Receive");
	case EV_CLOSE:		return _("Close");
	case EV_SHUTDOWN:	return _("Shutdown");
	case EV_SOCKETPAIR:	return _("Socketpair");
	default:		break;
	}
	return "?";
}

static const char *
format_ev_addr(const struct event *ev, char *buf, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t len;

	picture_peers_ev_addr(ev, &ss, &len);
	return format_sockaddr(&ss, len, buf, n);
}

/* Appends printf-style text to BUF (of size N) holding a string. */
static void
cat(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t n, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, n - len, fmt, ap);
	va_end(ap);
}

/* Appends S to BUF (of size N, holding LEN bytes of string), then PAD
 * blanks; the new length. cat without printf, for the head of every box
 * of every step. */
static size_t
cat_str(char *buf, size_t n, size_t len, const char *s, int pad)
{
	size_t sl = strlen(s);

	if (len + sl >= n)
		sl = len + 1 < n ? n - len - 1 : 0;
	memcpy(buf + len, s, sl);
	len += sl;
	for (; pad > 0 && len + 1 < n; pad--)
		buf[len++] = ' ';
	buf[len] = '\0';
	return len;
}

/* "Receive conn 13 B", and apart " ✗ ECONNRESET" when it failed. */
static void
event_text(struct picture *p, const struct pev *e, struct cellv *c)
{
	const struct event *ev = e->ev;
	const struct psock *s = &p->s[e->sock];
	const char *op = op_name(ev->kind);
	char a[96];
	int w;

	c->main[0] = c->suffix[0] = c->brief[0] = '\0';
	c->style = S_PLAIN;
	c->newest = e->newest;
	c->own = 1;
	w = picture_text_width(op, p->o->utf8);
	c->op_len = (int)strlen(op);
	c->name_at = (int)cat_str(c->main, sizeof c->main, 0, op,
	    (w < p->opw ? p->opw - w : 0) + 1);
	c->head_len = (int)cat_str(c->main, sizeof c->main,
	    (size_t)c->name_at, s->h->name, 0);
	switch (e->kind) {
	case EV_SOCKET:
	case EV_SOCKETPAIR:
		if (s->h->family != AF_INET || s->h->type != SOCK_STREAM) {
			const char *pl = proto_label(s->h->family,
			    s->h->type);

			cat(c->main, sizeof c->main, " %s", pl);
			/* UDP/IPv6: its transport says most. */
			snprintf(c->brief, sizeof c->brief, " %.*s",
			    (int)strcspn(pl, "/"), pl);
		}
		break;
	case EV_BIND:
		if (ev->result == 0 && s->st.local_len > 0)
			format_sockaddr(&s->st.local, s->st.local_len, a,
			    sizeof a);
		else
			format_ev_addr(ev, a, sizeof a);
		cat(c->main, sizeof c->main, " %s", a);
		break;
	case EV_LISTEN:
		if (ev->result >= 0) {
			cat(c->main, sizeof c->main, " ");
			cat(c->main, sizeof c->main, _("backlog %lld"),
			    ev->result);
			/* listen(srv, 1): the number says it where the
			 * word does not fit. */
			snprintf(c->brief, sizeof c->brief, " %lld",
			    ev->result);
		}
		break;
	case EV_ACCEPT:
		if (ev->result >= 0 && e->other != NONE)
			cat(c->main, sizeof c->main, " %s %s", p->g->to,
			    p->s[e->other].h->name);
		break;
	case EV_CONNECT:
		if (!is_tcp(s))
			cat(c->main, sizeof c->main, " %s",
			    format_ev_addr(ev, a, sizeof a));
		break;
	case EV_RECV:
		if (ev->result >= 0 && !ev->pending) {
			cat(c->main, sizeof c->main, " ");
			cat(c->main, sizeof c->main, _("%lld B"), ev->result);
		}
		break;
	case EV_SEND:
		if (!is_tcp(s) && ev->addrlen > 0)
			cat(c->main, sizeof c->main, " %s",
			    format_ev_addr(ev, a, sizeof a));
		break;
	default:
		break;
	}
	if (ev->pending) {
		snprintf(c->suffix, sizeof c->suffix, " %s %s", p->g->waiting,
		    _("waiting"));
		c->style = S_WAIT;
	} else if (e->kind == EV_CONNECT && !ev->stopped &&
	    (ev->err == EINPROGRESS || ev->err == EALREADY) &&
	    (e->arrow == A_CONNECTING || e->arrow == A_CONNECT)) {
		/* A non-blocking connect did not fail: the kernel goes on
		 * with the handshake, and its state tells how far it got. */
		if (e->arrow == A_CONNECTING) {
			snprintf(c->suffix, sizeof c->suffix, " %s %s",
			    p->g->waiting, _("connecting"));
			c->style = S_WAIT;
		}
	} else if (ev->stopped) {
		snprintf(c->suffix, sizeof c->suffix, " %s %s", p->g->fail,
		    ev->err == EINTR ? _("interrupted") : ev->err == ETIMEDOUT ?
		    _("gave up") : ev->err == ECANCELED ? _("cancelled") :
		    errno_name(ev->err));
		c->style = S_FAIL;
	} else if (ev->err != 0) {
		snprintf(c->suffix, sizeof c->suffix, " %s %s", p->g->fail,
		    errno_name(ev->err));
		c->style = S_FAIL;
	}
}

static void
note(struct cellv *c, const char *text)
{
	snprintf(c->main, sizeof c->main, "%s", text);
	c->suffix[0] = c->brief[0] = '\0';
	c->op_len = c->head_len = c->name_at = 0;
	c->style = S_NOTE;
	c->newest = 0;
	c->own = 0;
}

/* Another program at the far end: its address. */
static void
note_peer(struct cellv *c, const struct psock *s, const struct event *ev)
{
	char a[96];

	if (s->st.peer_len > 0)
		note(c, format_sockaddr(&s->st.peer, s->st.peer_len, a,
		    sizeof a));
	else if (ev != NULL && ev->addrlen > 0)
		note(c, format_ev_addr(ev, a, sizeof a));
	else
		note(c, _("another program"));
}

static void
arrow_label(struct linev *l, enum arrow a, int err, long long n)
{
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
		    errno_name(err));
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

/*
 * The far end of an arrow no call answers on this row: what waits there
 * (a connection in the listener's queue, bytes unread, an end of stream
 * not read yet), another program's address, or nothing: the arrow stops
 * short.
 */
static void
far_end(struct picture *p, const struct pev *e, struct linev *l, int far)
{
	const struct psock *s = &p->s[e->sock], *d;
	struct cellv *c = &l->c[far];
	char buf[CELL];

	d = e->arrow == A_DATA && e->out ? (e->to != NONE ? &p->s[e->to] :
	    NULL) : s->dest != NONE ? &p->s[s->dest] : NULL;
	buf[0] = '\0';
	switch (e->arrow) {
	case A_CONNECT:
		if (e->ev->kind == EV_ACCEPT) {
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
		} else
			note_peer(c, s, e->ev);
		break;
	case A_DATA:
		if (!e->out) {
			if (d == NULL && (s->remote || !is_tcp(s)))
				note_peer(c, s, e->ev);	/* recvfrom's sender */
		} else if (d != NULL && d->st.open) {
			unsigned long long end = e->off + e->len, unread;

			if (is_tcp(s))
				unread = end <= d->rcvd ? 0 : end - d->rcvd >
				    e->len ? e->len : end - d->rcvd;
			else
				unread = e->len;
			if (unread > 0)
				snprintf(buf, sizeof buf, _("(%s: %llu B "
				    "unread)"), d->h->name, unread);
		} else if (d == NULL && (s->remote || e->ev->addrlen > 0))
			note_peer(c, s, e->ev);
		break;
	case A_EOF:
	case A_RESET:
		if (e->out && d != NULL && d->st.open && d->eof_k == NONE)
			snprintf(buf, sizeof buf, _("(%s: EOF unread)"),
			    d->h->name);
		else if (d == NULL && s->remote)
			note_peer(c, s, NULL);
		break;
	case A_REFUSED:
	case A_WAIT:
	case A_NONE:
		break;
	}
	if (buf[0] != '\0')
		note(c, buf);
	l->attached[far] = c->main[0] != '\0';
}

/* The bus lines through row R; the one its arrow meets. */
static void
view_bars(struct picture *p, const struct prow *r, struct linev *l)
{
	int row = (int)(r - p->r), i, own = NONE;

	if (r->arrow != NONE)
		own = p->e[r->arrow].bus;
	for (i = 0; i < r->nbar; i++) {
		const struct pbus *b = &p->b[r->bars[i]];

		l->bar[i].side = b->side;
		l->bar[i].slot = b->slot;
		l->bar[i].up = row > b->lo;
		l->bar[i].down = row < b->hi;
		l->bar[i].joined = l->arrow != A_NONE && r->bars[i] == own;
	}
	l->nbar = r->nbar;
}

/* Row R's boxes and its arrow. */
static void
view_row_calls(struct picture *p, const struct prow *r, struct linev *l)
{
	const struct pev *owner;
	int x, far;

	l->arrow = A_NONE;
	if (r->pseudo_sock != NONE) {
		const struct psock *s = &p->s[r->pseudo_sock];
		char buf[CELL];

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
		note(&l->c[x], buf);
		if (r->pseudo_arrow == A_CONNECT || !is_tcp(s) ||
		    s->st.peer_len == 0)
			note(&l->c[!x], _("another program"));
		else
			note_peer(&l->c[!x], s, NULL);
		l->arrow = r->pseudo_arrow;
		l->from = !x;
		l->attached[LEFT] = l->attached[RIGHT] = 1;
		arrow_label(l, r->pseudo_arrow, 0, r->pseudo_n);
		return;
	}
	for (x = LEFT; x <= RIGHT; x++)
		if (r->cell[x] != NONE)
			event_text(p, &p->e[r->cell[x]], &l->c[x]);
	if (r->arrow == NONE || p->e[r->arrow].arrow == A_WAIT)
		return;
	owner = &p->e[r->arrow];
	x = p->s[owner->sock].side;
	far = !x;
	l->arrow = owner->arrow;
	l->from = owner->out ? x : far;
	l->attached[x] = 1;
	if (r->cell[far] != NONE)
		l->attached[far] = 1;
	else
		far_end(p, owner, l, far);
	l->newest = owner->newest || (r->cell[far] != NONE &&
	    p->e[r->cell[far]].newest);
	/* On a bus, the label is the bytes the send on this row carried. */
	if (owner->bus != NONE && !owner->out && l->attached[far] &&
	    r->cell[far] != NONE && p->e[r->cell[far]].bus == owner->bus)
		owner = &p->e[r->cell[far]];
	arrow_label(l, owner->arrow, owner->ev->err, owner->arrow == A_DATA ?
	    (long long)owner->len : 0);
	l->style = owner->arrow == A_REFUSED ? S_FAIL :
	    owner->arrow == A_CONNECTING ? S_WAIT : S_PLAIN;
}

/* Row R as it is drawn. */
static void
view_row(struct picture *p, const struct prow *r, struct linev *l)
{
	memset(l, 0, sizeof *l);
	view_row_calls(p, r, l);
	view_bars(p, r, l);
}

/*
 * Which pictures fit in MAX_ROWS lines (0: all): the ones with the newest
 * step first, then the latest others. Returns how many are left out.
 */
static int
choose_groups(struct picture *p, int max_rows)
{
	int budget = max_rows, left = 0, g, pass;

	for (pass = 0; pass < 2; pass++)
		for (g = (int)p->ngroups - 1; g >= 0; g--) {
			struct pgroup *gr = &p->groups[g];
			int cost = gr->nrows + 4;

			if (gr->shown || gr->nrows == 0 ||
			    (pass == 0 && !gr->newest))
				continue;
			if (max_rows > 0 && cost > budget && budget < max_rows)
				continue;
			gr->shown = 1;
			budget -= cost;
		}
	for (g = 0; g < (int)p->ngroups; g++)
		left += !p->groups[g].shown && p->groups[g].nrows > 0;
	return left;
}

static int
draw_group(struct picture *p, FILE *f, const struct pgroup *gr,
    int max_rows)
{
	struct linev *lines;
	int first = 0, n = gr->nrows, i;

	if (max_rows > 0 && n > max_rows) {
		first = n - (max_rows > 1 ? max_rows - 1 : 1);
		n = n - first + 1;
	}
	lines = calloc((size_t)n, sizeof *lines);
	if (lines == NULL)
		return -1;
	if (first > 0)
		lines[0].more = 1;
	for (i = first; i < gr->nrows; i++)
		view_row(p, &p->r[gr->row_at + i], &lines[i - first +
		    (first > 0)]);
	picture_text_draw(p, f, lines, n);
	free(lines);
	return 0;
}

void
picture_render(FILE *f, struct shell *sh, const struct picture_opts *opts)
{
	picture_render_with(f, sh, opts, NULL);
}

void
picture_render_with(FILE *f, struct shell *sh,
    const struct picture_opts *opts, const struct sock_state *states)
{
	static const enum ev_kind ops[] = { EV_SOCKET, EV_BIND, EV_LISTEN,
	    EV_ACCEPT, EV_CONNECT, EV_SEND, EV_RECV, EV_CLOSE };
	struct picture p;
	size_t i, g;
	int w, left, drawn = 0, rows;

	memset(&p, 0, sizeof p);
	p.o = opts;
	p.g = opts->utf8 ? &utf8_glyphs : &ascii_glyphs;
	p.sh = sh;
	p.states = states;
	p.ns = sh->nhandles;
	if (picture_layout_prepare(&p) < 0)
		goto fail;
	if (p.nr == 0) {
		fprintf(f, "  %s\n", _("(nothing to draw yet: the picture "
		    "grows with each call, starting with 'socket NAME')"));
		picture_layout_free(&p);
		return;
	}
	for (i = 0; i < sizeof ops / sizeof *ops; i++) {
		w = picture_text_width(op_name(ops[i]), opts->utf8);
		if (w > p.opw)
			p.opw = w;
	}
	if (opts->width < 64)
		p.opw = 0;	/* narrow: no room to line the names up */
	left = choose_groups(&p, opts->max_rows);
	if (left > 0) {
		fprintf(f, "  ");
		fprintf(f, P_("(%d more picture is left out: 'picture' draws "
		    "them all)\n", "(%d more pictures are left out: 'picture' "
		    "draws them all)\n", (unsigned long)left), left);
	}
	for (g = 0; g < p.ngroups; g++) {
		const struct pgroup *gr = &p.groups[g];

		if (!gr->shown)
			continue;
		if (drawn++ > 0)
			fputc('\n', f);
		rows = opts->max_rows > 0 ? opts->max_rows - 4 : 0;
		if (opts->max_rows > 0 && rows < 4)
			rows = 4;
		if (draw_group(&p, f, gr, rows) < 0)
			goto fail;
	}
	picture_layout_free(&p);
	return;
fail:
	fprintf(f, "  %s\n", _("(no picture: out of memory)"));
	picture_layout_free(&p);
}
