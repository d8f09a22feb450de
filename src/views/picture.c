/* picture.c - the lecture's step-by-step picture, drawn from the event log
 * and the sockets' state after every command.
 *
 * Every call the shell made is a box line in its socket's column: the
 * server's (sockets that listen, and the connections they accept) on the
 * left, the client's (sockets that connect) on the right, each column in
 * the order of its calls. A call that sends something (connect, send,
 * close) and the call that takes it on the other side (accept, recv) share
 * a row, with an arrow between them; the pairs are found by address (an
 * accepted socket's peer is its client's local address) and by the bytes
 * of the stream. When they cannot share a row (messages crossed), or a
 * stream's sends and recvs do not match one to one (TCP keeps no message
 * boundaries: two sends read at once, one send read in two), their arrows
 * meet a vertical bus line in the gap, so each reaches the Receive that
 * took its bytes; an arrow stops short only where the bytes were lost.
 * Where the other end is another program, its column shows that
 * program's address.
 *
 * Sockets that talk to each other (a listener, its connections and their
 * clients) make one picture; each other conversation makes its own, and
 * the sockets that talk to nobody yet share one.
 *
 * Layout, in the order the calls began (a background job's call where it
 * began): a call with an arrow takes the next row free in both columns,
 * or its partner's row if that is still free on its own side; a call
 * without one takes the next row free in its own column, so the client's
 * first boxes sit beside the server's, as on the slides. Earlier boxes
 * never move when a later one comes, so each command adds its box to the
 * picture before. A few passes over the calls, with the pairs found
 * through hash tables of addresses: no work grows with the square of the
 * sockets.
 */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/width.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/picture.h"

enum { LEFT, RIGHT };		/* the server's column, the client's */

#define NONE		(-1)
#define MIN_WIDTH	40	/* narrower terminals get lines that wrap */
#define TEXT_WIDTH	27	/* a box's text at 80 columns */
#define GAP_WIDTH	14	/* between the boxes, for an arrow's label */
#define MIN_GAP		4	/* the shortest arrow */
#define CELL		160	/* bytes of one box line's text */
#define MAX_BARS	6	/* bus lines through one row */
#define BUS_SLOTS	3	/* bus lines side by side, on each side */

enum arrow {
	A_NONE,
	A_CONNECT,	/* a connection set up: connect -> accept */
	A_CONNECTING,	/* SYN sent, no connection yet */
	A_REFUSED,	/* a connect that failed on its way */
	A_DATA,		/* bytes, or one datagram: send -> recv */
	A_EOF,		/* close -> the peer's recv of 0 */
	A_RESET,	/* close with unread data -> the peer's ECONNRESET */
	A_WAIT		/* a call still waiting: no arrow yet, but its row
			 * stays free for the one that will answer it */
};

enum style { S_PLAIN, S_NEW, S_FAIL, S_WAIT, S_NOTE };

struct glyphs {
	const char	*h, *v, *tl, *tr, *bl, *br, *cross;
	const char	*dash_v, *dash_h;	/* another program's box */
	const char	*head_l, *head_r;	/* arrow heads */
	const char	*stub_l, *stub_r;	/* a loose start */
	const char	*fail, *ellipsis, *to, *waiting, *more;
	const char	*mark_l, *mark_r;	/* the newest step */
};

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

/* One socket, as the picture sees it. */
struct psock {
	const struct handle	*h;
	struct sock_state	 st;
	int			 side;
	int			 dest;		/* gets what this one sends */
	int			 via;		/* connected to this listener, not
						 * accepted yet */
	int			 group;		/* the picture it is drawn in */
	int			 remote;	/* its peer is another program */
	int			 listener;	/* accepted from this one */
	int			 listened;
	int			 bind_k, connect_k, send_k, recv_k;
	int			 listen_k;	/* positions, or NONE */
	int			 conn_k;	/* its connect that got through */
	int			 conn_ok, last_connect_k;
	int			 close_k, eof_k;
	int			 fin_k;		/* its shutdown or close that sent
						 * the end of the stream */
	unsigned long long	 sent, rcvd;	/* bytes, by the calls */
	int			 nsend, nrecv, nin;
	int			 send_at, recv_at, in_at;
	int			 fill_send, fill_recv, fill_in;
	int			 unmatched_in;	/* UDP: datagrams still unread */
	long long		 queued;	/* listener: the shell's connects
						 * in its queue */
};

/* One call, at its position in the order the calls began. */
struct pev {
	const struct event	*ev;
	enum ev_kind		 kind;		/* sendto as send, recvfrom as
						 * recv */
	int			 twin;		/* socketpair: the second socket */
	int			 sock;		/* NONE: its handle is unknown */
	int			 to;		/* data: the socket it goes to */
	int			 other;		/* accept: the new socket */
	enum arrow		 arrow;
	int			 out;		/* the arrow leaves its side */
	int			 partner;	/* position, or NONE */
	int			 bus;		/* the bus it joins, or NONE */
	int			 target;	/* connect: the listener, or NONE */
	int			 row;
	unsigned long long	 off, len;	/* data: the bytes carried */
	int			 newest;
};

/* A row: a box line in each column, maybe an arrow between them. */
struct prow {
	int		 cell[2];	/* positions, or NONE */
	int		 arrow;		/* the position whose arrow it is */
	/* Rows the kernel's state adds after the calls (another program). */
	int		 pseudo_sock;
	enum arrow	 pseudo_arrow;
	long long	 pseudo_n;
	/* The buses whose vertical line runs through this row. */
	int		 bars[MAX_BARS];
	int		 nbar;
};

/*
 * A bus: the calls that carry one run of a stream's bytes when sends and
 * recvs do not match one to one (two sends read at once, one send read in
 * two), or a pair of calls that could not share a row. Their rows' arrows
 * meet a vertical line in the gap, near the receiving side, so every
 * arrow reaches the call that took its bytes.
 */
struct pbus {
	int	 lo, hi;	/* its first and last rows */
	int	 side;		/* the receiving side */
	int	 slot;		/* which of the gap's bus lines */
};

/* An address as a hash key; IPv4-mapped IPv6 addresses as IPv4. */
struct ep {
	uint8_t		 family;
	uint8_t		 pad;
	uint16_t	 port;
	uint8_t		 addr[16];
};

struct key {
	struct ep	 a, b;
};

struct table {
	struct key	*keys;
	int		*vals;		/* NONE: empty */
	size_t		 mask;
};

struct picture {
	const struct picture_opts	*o;
	const struct glyphs		*g;
	struct shell			*sh;
	const struct sock_state		*states;	/* read already, or
							 * NULL */
	struct psock			*s;
	size_t				 ns;
	struct pev			*e;
	size_t				 ne;
	struct prow			*r;
	size_t				 nr;
	struct pbus			*b;
	size_t				 nb;
	int				*send_list, *recv_list, *in_list;
	struct table			 tuples, listeners, udp;
	int				 opw;		/* op names' width */
	/* Sockets that talk to each other are drawn in one picture. */
	int				*group_socks, *group_evs;
	struct pgroup			*groups;
	size_t				 ngroups;
};

struct pgroup {
	int	 sock_at, nsocks, ev_at, nevs;
	int	 first;			/* its first call's position */
	int	 row_at, nrows;		/* its rows in p->r */
	int	 newest, shown;
};

/* --- Text widths ------------------------------------------------------ */

int
picture_text_width(const char *s, int utf8)
{
	return width_text(s, utf8);
}

/* --- Output, with trailing blanks dropped ------------------------------- */

struct out {
	FILE	*f;
	int	 spaces;	/* owed, written before the next text */
	int	 color;
	size_t	 len;		/* bytes in buf, not yet written to f */
	char	 buf[8192];
};

/* Appends N bytes of S; the buffer goes to F when full and at the end of
 * the picture (out_flush): a picture is thousands of little pieces, and
 * stdio's per-call cost was a fifth of drawing it (bench/run). */
static void
out_write(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof o->buf) {
		fwrite(o->buf, 1, o->len, o->f);
		o->len = 0;
		if (n > sizeof o->buf) {
			fwrite(s, 1, n, o->f);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
out_str(struct out *o, const char *s)
{
	out_write(o, s, strlen(s));
}

static void
out_flush(struct out *o)
{
	fwrite(o->buf, 1, o->len, o->f);
	o->len = 0;
}

/* The blanks owed. Not with fprintf: a picture is thousands of these. */
static void
put_spaces(struct out *o)
{
	static const char sp[] = "                                ";
	int n;

	for (; o->spaces > 0; o->spaces -= n) {
		n = o->spaces < (int)sizeof sp - 1 ? o->spaces :
		    (int)sizeof sp - 1;
		out_write(o, sp, (size_t)n);
	}
	o->spaces = 0;
}

static void
put(struct out *o, const char *s)
{
	if (*s == '\0')
		return;
	put_spaces(o);
	out_str(o, s);
}

static void
put_n(struct out *o, const char *s, int n)
{
	char buf[256];
	size_t len = strlen(s), used = 0;

	if (n <= 0 || len == 0)
		return;
	if (len > sizeof buf) {
		while (n-- > 0)
			put(o, s);
		return;
	}
	put_spaces(o);
	while (n-- > 0) {	/* a border is a hundred glyphs: one write */
		if (used + len > sizeof buf) {
			out_write(o, buf, used);
			used = 0;
		}
		memcpy(buf + used, s, len);
		used += len;
	}
	out_write(o, buf, used);
}

static void
blank(struct out *o, int n)
{
	if (n > 0)
		o->spaces += n;
}

static void
end_line(struct out *o)
{
	out_write(o, "\n", 1);
	o->spaces = 0;
}

static const char *
esc(enum style s)
{
	switch (s) {
	case S_NEW:	return "\033[1;36m";
	case S_FAIL:	return "\033[31m";
	case S_WAIT:	return "\033[33m";
	case S_NOTE:	return "\033[2m";
	case S_PLAIN:	break;
	}
	return "";
}

static void
color_on(struct out *o, enum style s, int newest)
{
	if (!o->color || (s == S_PLAIN && !newest))
		return;
	put_spaces(o);	/* blanks stay plain */
	if (newest && s == S_FAIL)
		out_str(o, "\033[1;31m");
	else if (newest && s == S_WAIT)
		out_str(o, "\033[1;33m");
	else
		out_str(o, esc(newest ? S_NEW : s));
}

static void
color_off(struct out *o, enum style s, int newest)
{
	if (o->color && (s != S_PLAIN || newest))
		out_str(o, "\033[0m");
}

/* The ":PORT" that ends TEXT (an address), or NULL. */
static const char *
port_tail(const char *text)
{
	const char *colon = strrchr(text, ':');

	if (colon == NULL || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return NULL;
	return colon;
}

/* TEXT in exactly WIDTH columns: cut with an ellipsis, or padded. */
static void
put_fit(struct out *o, const struct picture *p, const char *text, int width,
    enum style s, int newest)
{
	int utf8 = p->o->utf8, w = picture_text_width(text, utf8), used;
	char buf[CELL * 2];
	size_t n;

	if (width <= 0)
		return;
	color_on(o, s, newest);
	if (w <= width) {
		put(o, text);
		color_off(o, s, newest);
		blank(o, width - w);
		return;
	}
	n = width_fit(text, width - 1, utf8, &used);
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	put(o, buf);
	put(o, p->g->ellipsis);
	color_off(o, s, newest);
	blank(o, width - 1 - used);
}

/* --- Addresses as keys -------------------------------------------------- */

static int
ep_of(const struct sockaddr_storage *ss, socklen_t len, struct ep *e)
{
	memset(e, 0, sizeof *e);
	if (len == 0)
		return -1;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)ss;

		e->family = 4;
		e->port = sin->sin_port;
		memcpy(e->addr, &sin->sin_addr, 4);
		return 0;
	}
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)ss;

		e->port = sin6->sin6_port;
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			e->family = 4;
			memcpy(e->addr, sin6->sin6_addr.s6_addr + 12, 4);
		} else {
			e->family = 6;
			memcpy(e->addr, &sin6->sin6_addr, 16);
		}
		return 0;
	}
	return -1;
}

/* The same port on the wildcard address (0.0.0.0 or ::). */
static struct ep
ep_any(const struct ep *e)
{
	struct ep a = *e;

	memset(a.addr, 0, sizeof a.addr);
	return a;
}

static size_t
key_hash(const struct key *k)
{
	const unsigned char *b = (const unsigned char *)k;
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < sizeof *k; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return (size_t)(h ^ h >> 29);
}

static int
table_init(struct table *t, size_t n)
{
	size_t cap = 16, i;

	while (cap < 2 * n + 2)
		cap *= 2;
	t->keys = calloc(cap, sizeof *t->keys);
	t->vals = malloc(cap * sizeof *t->vals);
	if (t->keys == NULL || t->vals == NULL)
		return -1;
	for (i = 0; i < cap; i++)
		t->vals[i] = NONE;
	t->mask = cap - 1;
	return 0;
}

static void
table_free(struct table *t)
{
	free(t->keys);
	free(t->vals);
}

/* The slot of the key (A, B) in T: where it is, or the empty slot where
 * it would go. */
static size_t
table_slot(const struct table *t, const struct ep *a, const struct ep *b,
    struct key *k)
{
	size_t i;

	memset(k, 0, sizeof *k);
	k->a = *a;
	if (b != NULL)
		k->b = *b;
	for (i = key_hash(k) & t->mask; t->vals[i] != NONE;
	    i = (i + 1) & t->mask)
		if (memcmp(&t->keys[i], k, sizeof *k) == 0)
			break;
	return i;
}

/* Later sockets replace earlier ones with the same key. */
static void
table_put(struct table *t, const struct ep *a, const struct ep *b, int val)
{
	struct key k;
	size_t i = table_slot(t, a, b, &k);

	t->keys[i] = k;
	t->vals[i] = val;
}

static int
table_get(const struct table *t, const struct ep *a, const struct ep *b)
{
	struct key k;

	return t->vals[table_slot(t, a, b, &k)];
}

/* A socket bound to A exactly, else to A's port on every address. */
static int
table_get_bound(const struct table *t, const struct ep *a)
{
	struct ep any;
	int v = table_get(t, a, NULL);

	if (v != NONE)
		return v;
	any = ep_any(a);
	return table_get(t, &any, NULL);
}

/* --- What the calls did ------------------------------------------------- */

static int
is_tcp(const struct psock *s)
{
	return s->h->type == SOCK_STREAM;
}

/* A send that carried something: bytes, or a datagram (an empty one
 * too, which its receiver gets as a recv of 0). */
static int
sent_data(const struct psock *s, const struct event *ev)
{
	return ev->result > 0 || (ev->result == 0 && !is_tcp(s));
}

static void
ev_addr(const struct event *ev, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	*len = ev->addrlen;
	if (ev->addrlen > 0)
		memcpy(ss, &ev->addr, ev->addrlen);
}

/* The listener a connect went to, if it is one of the shell's. */
static int
connect_target(struct picture *p, const struct pev *e)
{
	const struct psock *s = &p->s[e->sock];
	struct sockaddr_storage ss;
	socklen_t len;
	struct ep ep;

	ev_addr(e->ev, &ss, &len);
	if (len == 0) {
		ss = s->st.peer;
		len = s->st.peer_len;
	}
	if (ep_of(&ss, len, &ep) < 0)
		return NONE;
	return table_get_bound(&p->listeners, &ep);
}

/* The lecture's operations (and the ones that change what travels);
 * calls that only read a setting or an address are left out. */
static int
drawn(enum ev_kind k)
{
	switch (k) {
	case EV_SOCKET: case EV_BIND: case EV_LISTEN: case EV_ACCEPT:
	case EV_CONNECT: case EV_SEND: case EV_RECV: case EV_CLOSE:
	case EV_SENDTO: case EV_RECVFROM: case EV_SHUTDOWN:
	case EV_SOCKETPAIR:
		return 1;
	default:
		return 0;
	}
}

/* Orders the calls as they began: a job's result where the job started. */
static int
collect_events(struct picture *p)
{
	struct shell *sh = p->sh;
	size_t i, n = 0, nid = (size_t)sh->next_id + 1;
	int *done, *idmap;

	for (i = 0; i < sh->nevents; i++)
		n += sh->events[i].kind == EV_SOCKETPAIR;
	done = malloc((sh->nevents + 1) * sizeof *done);
	idmap = malloc(nid * sizeof *idmap);
	p->e = calloc(sh->nevents + n + 1, sizeof *p->e);
	n = 0;
	if (done == NULL || idmap == NULL || p->e == NULL) {
		free(done);
		free(idmap);
		return -1;
	}
	for (i = 0; i < nid; i++)
		idmap[i] = NONE;
	for (i = 0; i < p->ns; i++)
		if (p->s[i].h->id >= 0 && (size_t)p->s[i].h->id < nid)
			idmap[p->s[i].h->id] = (int)i;
	for (i = 0; i < sh->nevents; i++)
		done[i] = NONE;
	for (i = 0; i < sh->nevents; i++)
		if (sh->events[i].began > 0 && sh->events[i].began - 1 < i)
			done[sh->events[i].began - 1] = (int)i;
	for (i = 0; i < sh->nevents; i++) {
		const struct event *ev = &sh->events[i];
		struct pev *e;

		if (ev->began > 0 && ev->began - 1 < i)
			continue;	/* drawn where its job began */
		if (done[i] != NONE)
			ev = &sh->events[done[i]];
		if (!drawn(ev->kind))
			continue;
		e = &p->e[n++];
		e->ev = ev;
		e->kind = ev->kind == EV_SENDTO ? EV_SEND :
		    ev->kind == EV_RECVFROM ? EV_RECV : ev->kind;
		e->sock = ev->handle_id > 0 && (size_t)ev->handle_id < nid ?
		    idmap[ev->handle_id] : NONE;
		e->partner = e->target = e->row = e->other = e->to = NONE;
		e->bus = NONE;
		if ((ev->kind == EV_ACCEPT || ev->kind == EV_SOCKETPAIR) &&
		    ev->other_id > 0 && (size_t)ev->other_id < nid)
			e->other = idmap[ev->other_id];
		e->newest = ev->seq > sh->event_mark;
		if (ev->kind == EV_SOCKETPAIR && e->other != NONE) {
			/* Two sockets at once: a box in each column. */
			p->e[n] = *e;
			p->e[n].twin = 1;
			p->e[n].sock = e->other;
			p->e[n].other = e->sock;
			n++;
		}
	}
	p->ne = n;
	/* The connection an accept made is a socket of the server's. */
	for (i = 0; i < n; i++)
		if (p->e[i].kind == EV_ACCEPT && p->e[i].other != NONE &&
		    p->e[i].sock != NONE && p->e[i].ev->result >= 0)
			p->s[p->e[i].other].listener = p->e[i].sock;
	free(done);
	free(idmap);
	return 0;
}

/* What each socket did, in order; the bytes each data call carried. */
static void
scan_calls(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		const struct event *ev = e->ev;
		struct psock *s;
		int ok = ev->result >= 0 && !ev->pending;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		switch (e->kind) {
		case EV_BIND:
			if (ok && s->bind_k == NONE)
				s->bind_k = (int)k;
			break;
		case EV_LISTEN:
			if (ok) {
				s->listened = 1;
				s->listen_k = (int)k;
			}
			break;
		case EV_CONNECT:
			if (s->connect_k == NONE)
				s->connect_k = (int)k;
			s->last_connect_k = (int)k;
			if (ev->result == 0 && !ev->pending)
				s->conn_ok = (int)k;
			break;
		case EV_SEND:
			if (sent_data(s, ev)) {
				if (s->send_k == NONE)
					s->send_k = (int)k;
				e->off = s->sent;
				e->len = (unsigned long long)ev->result;
				s->sent += e->len;
				s->nsend++;
			}
			break;
		case EV_RECV:
			if (ok) {
				if (s->recv_k == NONE)
					s->recv_k = (int)k;
				e->off = s->rcvd;
				e->len = (unsigned long long)ev->result;
				s->rcvd += e->len;
				s->nrecv++;
			}
			if (s->eof_k == NONE && ((ok && ev->result == 0 &&
			    is_tcp(s)) || (ev->result < 0 &&
			    ev->err == ECONNRESET)))
				s->eof_k = (int)k;
			break;
		case EV_CLOSE:
			if (ok && s->close_k == NONE)
				s->close_k = (int)k;
			if (ok && s->fin_k == NONE)
				s->fin_k = (int)k;
			break;
		case EV_SHUTDOWN:
			/* Which direction is not logged: the socket's
			 * shutdown bits tell whether its sending ended. */
			if (ok && s->fin_k == NONE && (s->h->shut & 2))
				s->fin_k = (int)k;
			break;
		default:
			break;
		}
	}
}

/* The side a socket's name says, as the lecture's and the lessons' names
 * do (srv, server; cli, client, c1): a guess, below what it did. */
static int
name_side(const char *name)
{
	size_t n;

	if (strncasecmp(name, "srv", 3) == 0 ||
	    strncasecmp(name, "serv", 4) == 0)
		return LEFT;
	if (strncasecmp(name, "cli", 3) == 0)
		return RIGHT;
	n = strspn(name + 1, "0123456789");
	if ((name[0] == 'c' || name[0] == 'C') && n > 0 && name[1 + n] == '\0')
		return RIGHT;
	return NONE;
}

/*
 * Server or client, chosen so that a socket's boxes move as rarely as
 * possible: first what settles it (a TCP socket that listens, or that an
 * accept made, is the server's; one that connects, the client's); then
 * its name (srv, cli); then what only hints (a bind, a UDP socket's
 * first send or recv). NONE: nothing yet; decide_sides places it.
 */
static int
side_of(const struct psock *s)
{
	int named = name_side(s->h->name);

	if (is_tcp(s)) {
		if (s->listened || s->st.listening || s->listener != NONE)
			return LEFT;
		if (s->connect_k != NONE)
			return RIGHT;
		if (named != NONE)
			return named;
		if (s->bind_k != NONE)
			return LEFT;
		return NONE;
	}
	if (named != NONE)
		return named;
	/* UDP: a server binds its well-known port; a client connects (or
	 * sends) first. */
	if (s->bind_k != NONE && (s->connect_k == NONE ||
	    s->bind_k < s->connect_k))
		return LEFT;
	if (s->connect_k != NONE || s->send_k != NONE)
		return RIGHT;
	if (s->recv_k != NONE)
		return LEFT;
	return NONE;
}

/* The two ends of each conversation that are both the shell's. */
static int
find_peers(struct picture *p)
{
	size_t i;
	struct ep l, r;

	if (table_init(&p->tuples, p->ns) < 0 ||
	    table_init(&p->listeners, p->ns) < 0 ||
	    table_init(&p->udp, p->ns) < 0)
		return -1;
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		if (ep_of(&s->st.local, s->st.local_len, &l) < 0)
			continue;
		if (is_tcp(s) && (s->listened || s->st.listening))
			table_put(&p->listeners, &l, NULL, (int)i);
		else if (is_tcp(s) && ep_of(&s->st.peer, s->st.peer_len,
		    &r) == 0)
			table_put(&p->tuples, &l, &r, (int)i);
		else if (!is_tcp(s) && l.port != 0)
			table_put(&p->udp, &l, NULL, (int)i);
	}
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];
		int j;

		if (ep_of(&s->st.peer, s->st.peer_len, &r) < 0 ||
		    s->st.listening)
			continue;
		if (is_tcp(s)) {
			if (ep_of(&s->st.local, s->st.local_len, &l) < 0)
				continue;
			j = table_get(&p->tuples, &r, &l);
		} else
			j = table_get_bound(&p->udp, &r);
		if (j != NONE && j != (int)i)
			s->dest = j;
		else if (is_tcp(s) && (j = table_get_bound(&p->listeners,
		    &r)) != NONE)
			s->via = j;	/* in the listener's queue */
		else
			s->remote = 1;
	}
	return 0;
}

static void
decide_sides(struct picture *p)
{
	size_t i, g;
	int *has;

	for (i = 0; i < p->ns; i++)
		p->s[i].side = side_of(&p->s[i]);
	/* Two of the shell's sockets talking are never in one column: the
	 * one that began (connected or sent first) is the client. */
	for (i = 0; i < p->ns; i++) {
		struct psock *a = &p->s[i], *b;
		int a_first;

		if (a->dest == NONE || a->side == NONE)
			continue;
		b = &p->s[a->dest];
		if (b->side != a->side)
			continue;
		if (is_tcp(a) && (a->listened || a->listener != NONE)) {
			b->side = !a->side;
			continue;
		}
		a_first = a->send_k != NONE && (b->send_k == NONE ||
		    a->send_k < b->send_k);
		a->side = a_first ? RIGHT : LEFT;
		b->side = !a->side;
	}
	/* The same for datagrams sent with sendto to one of the shell's
	 * sockets: the first to send is the client. */
	for (i = 0; i < p->ne; i++) {
		const struct pev *e = &p->e[i];
		struct psock *a, *b;

		if (e->sock == NONE || e->arrow != A_DATA || !e->out ||
		    e->to == NONE || e->to == e->sock)
			continue;
		a = &p->s[e->sock];
		b = &p->s[e->to];
		if (is_tcp(a) || a->side != b->side || a->side == NONE)
			continue;
		a->side = RIGHT;
		b->side = LEFT;
	}
	/* A socket that did nothing telling yet goes where it will stay in
	 * the lecture's exchange: the client when a socket made before it
	 * (in its picture) is the server's, else the server. Later sockets
	 * leave it where it is. */
	for (g = 0; g < p->ngroups; g++) {
		const struct pgroup *gr = &p->groups[g];
		int k, left = 0;

		has = p->group_socks + gr->sock_at;
		for (k = 0; k < gr->nsocks; k++) {
			struct psock *s = &p->s[has[k]];

			if (s->side == NONE)
				s->side = left ? RIGHT : LEFT;
			left |= s->side == LEFT;
		}
	}
}

static int
uf_find(int *u, int i)
{
	while (u[i] != i) {
		u[i] = u[u[i]];
		i = u[i];
	}
	return i;
}

static void
uf_unite(int *u, int a, int b)
{
	a = uf_find(u, a);
	b = uf_find(u, b);
	if (a != b)
		u[a > b ? a : b] = a < b ? a : b;
}

static int
by_first(const void *a, const void *b)
{
	const struct pgroup *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/*
 * One picture for each set of sockets that talk to each other (a listener,
 * its connections and their clients), and one for the sockets that talk to
 * nobody yet, in the order of their first calls.
 */
static int
make_groups(struct picture *p)
{
	int *u, *size, *gid, lonely = NONE, k;
	size_t i, g, n = 0;

	u = malloc((p->ns + 1) * sizeof *u);
	size = calloc(p->ns + 1, sizeof *size);
	gid = malloc((p->ns + 1) * sizeof *gid);
	p->groups = calloc(p->ns + 1, sizeof *p->groups);
	p->group_socks = malloc((p->ns + 1) * sizeof *p->group_socks);
	p->group_evs = malloc((p->ne + 1) * sizeof *p->group_evs);
	if (u == NULL || size == NULL || gid == NULL || p->groups == NULL ||
	    p->group_socks == NULL || p->group_evs == NULL) {
		free(u);
		free(size);
		free(gid);
		return -1;
	}
	for (i = 0; i < p->ns; i++)
		u[i] = (int)i;
	for (i = 0; i < p->ns; i++) {
		const struct psock *s = &p->s[i];

		if (s->listener != NONE)
			uf_unite(u, (int)i, s->listener);
		if (s->dest != NONE)
			uf_unite(u, (int)i, s->dest);
		if (s->via != NONE)
			uf_unite(u, (int)i, s->via);
	}
	for (i = 0; i < p->ne; i++) {
		if (p->e[i].sock == NONE)
			continue;
		if (p->e[i].target != NONE)
			uf_unite(u, p->e[i].sock, p->e[i].target);
		if (p->e[i].to != NONE)
			uf_unite(u, p->e[i].sock, p->e[i].to);
	}
	for (i = 0; i < p->ns; i++)
		size[uf_find(u, (int)i)]++;
	/* The sockets that talk to nobody (yet) share a picture. */
	for (i = 0; i < p->ns; i++) {
		if (size[uf_find(u, (int)i)] != 1 || p->s[i].remote)
			continue;
		if (lonely == NONE)
			lonely = (int)i;
		else
			uf_unite(u, lonely, (int)i);
	}
	for (i = 0; i < p->ns; i++)
		gid[i] = NONE;
	for (i = 0; i < p->ns; i++) {
		int r = uf_find(u, (int)i);

		if (gid[r] == NONE) {
			gid[r] = (int)n;
			p->groups[n].first = INT32_MAX;
			n++;
		}
		p->s[i].group = gid[r];
		p->groups[gid[r]].nsocks++;
	}
	for (i = 0; i < p->ne; i++)
		if (p->e[i].sock != NONE) {
			struct pgroup *gr = &p->groups[p->s[p->e[i].sock].group];

			gr->nevs++;
			if ((int)i < gr->first)
				gr->first = (int)i;
		}
	/* In the order of their first calls; the sockets' group numbers
	 * follow. */
	for (g = 0; g < n; g++)
		p->groups[g].sock_at = (int)g;	/* the old number, for now */
	qsort(p->groups, n, sizeof *p->groups, by_first);
	for (g = 0; g < n; g++)
		gid[p->groups[g].sock_at] = (int)g;
	for (i = 0; i < p->ns; i++)
		p->s[i].group = gid[p->s[i].group];
	for (g = 0, k = 0; g < n; g++) {
		p->groups[g].sock_at = k;
		k += p->groups[g].nsocks;
		p->groups[g].nsocks = 0;
	}
	for (g = 0, k = 0; g < n; g++) {
		p->groups[g].ev_at = k;
		k += p->groups[g].nevs;
		p->groups[g].nevs = 0;
	}
	for (i = 0; i < p->ns; i++) {
		struct pgroup *gr = &p->groups[p->s[i].group];

		p->group_socks[gr->sock_at + gr->nsocks++] = (int)i;
	}
	for (i = 0; i < p->ne; i++)
		if (p->e[i].sock != NONE) {
			struct pgroup *gr = &p->groups[p->s[p->e[i].sock].group];

			p->group_evs[gr->ev_at + gr->nevs++] = (int)i;
			gr->newest |= p->e[i].newest;
		}
	p->ngroups = n;
	free(u);
	free(size);
	free(gid);
	return 0;
}

/* The socket of the shell's a datagram sent with sendto goes to. */
static int
datagram_to(struct picture *p, const struct event *ev)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct ep ep;

	ev_addr(ev, &ss, &len);
	if (ep_of(&ss, len, &ep) < 0)
		return NONE;
	return table_get_bound(&p->udp, &ep);
}

/* The arrow each call draws, and which way it points. */
static void
decide_arrows(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		const struct event *ev = e->ev;
		struct psock *s;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		e->arrow = A_NONE;
		if (ev->pending && ev->kind != EV_CONNECT) {
			e->arrow = A_WAIT;
			continue;
		}
		switch (e->kind) {
		case EV_CONNECT:
			if (!is_tcp(s))
				break;
			e->out = 1;
			if (ev->pending)
				e->arrow = A_CONNECTING;
			else if (ev->result == 0)
				e->arrow = A_CONNECT;
			else if (ev->stopped || ev->err == EINPROGRESS ||
			    ev->err == EALREADY) {
				/* The kernel goes on with the handshake: the
				 * socket's state tells how far it got. */
				if ((int)k != s->last_connect_k)
					break;
				if (s->st.step == STEP_CONNECTING)
					e->arrow = A_CONNECTING;
				else if (s->st.peer_len > 0 &&
				    s->conn_ok == NONE)
					e->arrow = A_CONNECT;
			} else if (ev->err == ECONNREFUSED ||
			    ev->err == ETIMEDOUT || ev->err == EHOSTUNREACH ||
			    ev->err == ENETUNREACH || ev->err == ECONNRESET)
				e->arrow = A_REFUSED;
			if (e->arrow == A_CONNECT)
				s->conn_k = (int)k;
			if (e->arrow != A_NONE && e->arrow != A_REFUSED)
				e->target = connect_target(p, e);
			break;
		case EV_ACCEPT:
			if (ev->result >= 0)
				e->arrow = A_CONNECT;
			break;
		case EV_SEND:
			if (sent_data(s, ev)) {
				e->arrow = A_DATA;
				e->out = 1;
				e->to = s->dest;
				if (!is_tcp(s) && ev->addrlen > 0)
					e->to = datagram_to(p, ev);
			}
			break;
		case EV_RECV:
			/* A datagram socket's 0: an empty datagram, or, with
			 * no sender and the reading side shut, no datagram at
			 * all (shutdown rd makes recv return 0 at once). */
			if (ev->result == 0 && !is_tcp(s) && ev->addrlen == 0 &&
			    (s->h->shut & 1))
				break;
			if (ev->result > 0 || (ev->result == 0 && !is_tcp(s)))
				e->arrow = A_DATA;
			else if (ev->result == 0 && !ev->stopped)
				e->arrow = A_EOF;
			else if (ev->err == ECONNRESET)
				e->arrow = A_RESET;
			break;
		case EV_SOCKETPAIR:
			e->arrow = A_CONNECT;
			e->out = !e->twin;
			break;
		case EV_CLOSE:
		case EV_SHUTDOWN:
			/* The end of the stream reaches the peer, unless the
			 * peer was closed before. */
			if ((int)k != s->fin_k || !is_tcp(s) ||
			    s->st.peer_len == 0 || s->listened)
				break;
			if (s->dest != NONE && p->s[s->dest].close_k != NONE &&
			    p->s[s->dest].close_k < (int)k)
				break;
			if (s->dest == NONE && !s->remote)
				break;
			e->arrow = A_EOF;
			e->out = 1;
			break;
		default:
			break;
		}
	}
}

static void
link_pair(struct picture *p, int a, int b)
{
	if (a == NONE || b == NONE || p->e[a].partner != NONE ||
	    p->e[b].partner != NONE ||
	    p->s[p->e[a].sock].side == p->s[p->e[b].sock].side)
		return;
	p->e[a].partner = b;
	p->e[b].partner = a;
}

/* Each socket's sends and recvs (and the datagrams sent to it), in
 * order, as slices of three arrays. */
static int
list_data(struct picture *p)
{
	size_t i, k;
	int ns = 0, nr = 0, ni = 0;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];

		if (e->sock == NONE || e->arrow != A_DATA || !e->out ||
		    is_tcp(&p->s[e->sock]) || e->to == NONE)
			continue;
		p->s[e->to].nin++;
	}
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		s->send_at = ns;
		s->recv_at = nr;
		s->in_at = ni;
		ns += s->nsend;
		nr += s->nrecv;
		ni += s->nin;
	}
	p->send_list = malloc(((size_t)ns + 1) * sizeof *p->send_list);
	p->recv_list = malloc(((size_t)nr + 1) * sizeof *p->recv_list);
	p->in_list = malloc(((size_t)ni + 1) * sizeof *p->in_list);
	if (p->send_list == NULL || p->recv_list == NULL || p->in_list == NULL)
		return -1;
	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		struct psock *s;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		if (e->kind == EV_SEND && sent_data(s, e->ev) &&
		    s->fill_send < s->nsend)
			p->send_list[s->send_at + s->fill_send++] = (int)k;
		else if (e->kind == EV_RECV && e->ev->result >= 0 &&
		    !e->ev->pending && s->fill_recv < s->nrecv)
			p->recv_list[s->recv_at + s->fill_recv++] = (int)k;
		if (e->arrow == A_DATA && e->out && !is_tcp(s) &&
		    e->to != NONE) {
			struct psock *d = &p->s[e->to];

			if (d->fill_in < d->nin)
				p->in_list[d->in_at + d->fill_in++] = (int)k;
		}
	}
	return 0;
}

/* Which call answers which: accept a connect, recv a send (the same
 * bytes of the stream, or the next datagram), a recv of 0 a close. */
static void
pair_calls(struct picture *p)
{
	size_t i, k;

	/* accept <- connect: the accepted socket's peer is the client;
	 * socketpair: its two boxes */
	for (k = 0; k < p->ne; k++) {
		if (p->e[k].kind == EV_SOCKETPAIR && !p->e[k].twin &&
		    k + 1 < p->ne && p->e[k + 1].twin)
			link_pair(p, (int)k, (int)k + 1);
	}
	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];
		const struct psock *c;

		if (e->arrow != A_CONNECT || e->ev->kind != EV_ACCEPT ||
		    e->other == NONE)
			continue;
		c = &p->s[e->other];
		if (c->dest != NONE && p->s[c->dest].conn_k != NONE)
			link_pair(p, (int)k, p->s[c->dest].conn_k);
	}
	for (i = 0; i < p->ns; i++) {
		struct psock *a = &p->s[i], *b;
		int x, y, xe, ye, bus;

		if (a->dest == NONE || !is_tcp(a) || p->s[a->dest].dest !=
		    (int)i)
			continue;
		b = &p->s[a->dest];
		x = a->send_at;
		xe = a->send_at + a->fill_send;
		y = b->recv_at;
		ye = b->recv_at + b->fill_recv;
		/* A stream has no messages: the sends and the recvs that
		 * share bytes make one run, up to where a send and a recv
		 * end at the same byte. Each recv goes beside the last send
		 * it took bytes from. */
		bus = NONE;
		while (x < xe && y < ye) {
			int sk = p->send_list[x], rk = p->recv_list[y];
			unsigned long long s_end = p->e[sk].off + p->e[sk].len;
			unsigned long long r_end = p->e[rk].off + p->e[rk].len;

			if (p->e[rk].len == 0) {
				y++;
				continue;
			}
			if (bus == NONE)
				bus = (int)p->nb++;
			p->e[sk].bus = p->e[rk].bus = bus;
			if (r_end <= s_end) {
				link_pair(p, sk, rk);
				y++;
			}
			if (s_end <= r_end) {
				x++;
				if (s_end == r_end)
					bus = NONE;
			}
		}
		if (a->fin_k != NONE && b->eof_k != NONE &&
		    p->e[a->fin_k].arrow == A_EOF) {
			link_pair(p, a->fin_k, b->eof_k);
			if (p->e[b->eof_k].arrow == A_RESET)
				p->e[a->fin_k].arrow = A_RESET;
		}
	}
	/* Datagrams: a recv takes the next one sent to its socket; one of
	 * another size came from elsewhere. */
	for (i = 0; i < p->ns; i++) {
		struct psock *b = &p->s[i];
		int x = b->in_at, xe = b->in_at + b->fill_in;
		int y = b->recv_at, ye = b->recv_at + b->fill_recv;

		if (is_tcp(b))
			continue;
		for (; x < xe && y < ye; y++)
			if (p->e[p->in_list[x]].len ==
			    p->e[p->recv_list[y]].len)
				link_pair(p, p->in_list[x++], p->recv_list[y]);
		b->unmatched_in = xe - x;
	}
}

/* --- Rows --------------------------------------------------------------- */

static struct prow *
new_row(struct picture *p)
{
	struct prow *r = &p->r[p->nr++];

	r->cell[LEFT] = r->cell[RIGHT] = r->arrow = r->pseudo_sock = NONE;
	r->pseudo_arrow = A_NONE;
	r->pseudo_n = 0;
	r->nbar = 0;
	return r;
}

/* Places each call on a row; see the top of the file. */
static void
layout(struct picture *p, const int *evs, int n)
{
	int cur[2], x, min, row, pr, i, k;

	cur[LEFT] = cur[RIGHT] = (int)p->nr;
	for (i = 0; i < n; i++) {
		struct pev *e = &p->e[k = evs[i]];

		if (e->sock == NONE)
			continue;
		x = p->s[e->sock].side;
		min = cur[x];
		/* A connect comes after the listen it reaches. */
		if (e->ev->kind == EV_CONNECT && e->target != NONE) {
			const struct psock *l = &p->s[e->target];

			if (l->side != x && l->listen_k != NONE &&
			    l->listen_k < k &&
			    p->e[l->listen_k].row >= min)
				min = p->e[l->listen_k].row + 1;
		}
		pr = e->partner != NONE && e->partner < k ?
		    p->e[e->partner].row : NONE;
		if (pr != NONE && pr >= min && p->r[pr].cell[x] == NONE)
			row = pr;
		else if (e->arrow != A_NONE)
			row = min > cur[!x] ? min : cur[!x];
		else
			for (row = min; row < (int)p->nr &&
			    p->r[row].arrow != NONE; row++)
				;
		while ((int)p->nr <= row)
			new_row(p);
		p->r[row].cell[x] = k;
		if (e->arrow != A_NONE && p->r[row].arrow == NONE)
			p->r[row].arrow = k;
		e->row = row;
		cur[x] = row + 1;
	}
}

static int
by_lo(const void *a, const void *b, void *arg)
{
	const struct pbus *x = &((const struct pbus *)arg)[*(const int *)a];
	const struct pbus *y = &((const struct pbus *)arg)[*(const int *)b];

	return (x->lo > y->lo) - (x->lo < y->lo);
}

/*
 * Once every call has its row: a bus for each pair of calls that could
 * not share one, each bus's rows, its receiving side, and a line of the
 * gap that no other bus on that side uses on those rows.
 */
static int
place_buses(struct picture *p)
{
	int last[2][BUS_SLOTS], *order, x, j;
	size_t k, i;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];

		if (e->sock != NONE && e->partner > (int)k &&
		    e->bus == NONE && p->e[e->partner].bus == NONE &&
		    e->row != p->e[e->partner].row)
			e->bus = p->e[e->partner].bus = (int)p->nb++;
	}
	for (i = 0; i < p->nb; i++) {
		p->b[i].lo = INT32_MAX;
		p->b[i].hi = NONE;
		p->b[i].side = LEFT;
	}
	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];
		struct pbus *b;

		if (e->bus == NONE || e->row == NONE)
			continue;
		b = &p->b[e->bus];
		if (e->row < b->lo)
			b->lo = e->row;
		if (e->row > b->hi)
			b->hi = e->row;
		if (!e->out)
			b->side = p->s[e->sock].side;
	}
	order = malloc((p->nb + 1) * sizeof *order);
	if (order == NULL)
		return -1;
	for (i = 0; i < p->nb; i++)
		order[i] = (int)i;
	qsort_r(order, p->nb, sizeof *order, by_lo, p->b);
	for (x = 0; x < 2; x++)
		for (j = 0; j < BUS_SLOTS; j++)
			last[x][j] = NONE;
	for (i = 0; i < p->nb; i++) {
		struct pbus *b = &p->b[order[i]];
		int r;

		if (b->hi <= b->lo)
			continue;	/* on one row: a plain arrow */
		/* The first line free from b's first row on; with none
		 * free, the one that frees first (lines then overlap). */
		b->slot = 0;
		for (j = 0; j < BUS_SLOTS; j++)
			if (last[b->side][j] < b->lo) {
				b->slot = j;
				break;
			} else if (last[b->side][j] < last[b->side][b->slot])
				b->slot = j;
		last[b->side][b->slot] = b->hi;
		for (r = b->lo; r <= b->hi; r++)
			if (p->r[r].nbar < MAX_BARS)
				p->r[r].bars[p->r[r].nbar++] = order[i];
	}
	free(order);
	return 0;
}

static void
add_pseudo(struct picture *p, int sock, enum arrow a, long long n)
{
	struct prow *r = new_row(p);

	r->pseudo_sock = sock;
	r->pseudo_arrow = a;
	r->pseudo_n = n;
}

/* What the kernel holds that no call of the shell's explains: another
 * program's connections in a listener's queue, its data and its close. */
static void
count_queued(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];

		if (e->ev->kind == EV_CONNECT && e->arrow == A_CONNECT &&
		    e->partner == NONE && e->target != NONE)
			p->s[e->target].queued++;
	}
}

static void
state_rows(struct picture *p, const int *socks, int n)
{
	int j, i;

	for (j = 0; j < n; j++) {
		const struct psock *s = &p->s[i = socks[j]];

		if (!s->st.open)
			continue;
		if (s->st.listening) {
			if ((long long)s->st.accept_queue > s->queued)
				add_pseudo(p, i, A_CONNECT,
				    (long long)s->st.accept_queue - s->queued);
		} else if (is_tcp(s) && s->remote) {
			if (s->st.inq > 0)
				add_pseudo(p, i, A_DATA, s->st.inq);
			if (s->st.tcp_state == TCP_CLOSE_WAIT &&
			    s->eof_k == NONE)
				add_pseudo(p, i, A_EOF, 0);
			else if (s->st.tcp_state == TCP_CLOSE &&
			    s->st.step == STEP_DISCONNECTED && s->eof_k == NONE)
				add_pseudo(p, i, A_RESET, 0);
		} else if (!is_tcp(s) && s->st.inq > 0 && s->unmatched_in == 0)
			add_pseudo(p, i, A_DATA, s->st.inq);
	}
}

/* --- Texts -------------------------------------------------------------- */

struct cellv {
	char		 main[CELL];	/* the call, padding, the socket's name,
					 * and what the call did */
	char		 suffix[64];	/* a failure or a wait */
	char		 brief[32];	/* what the call did, shorter */
	int		 op_len;	/* bytes of the call's name in main */
	int		 head_len;	/* ...up to the end of the socket's */
	int		 name_at;	/* where the socket's name begins */
	enum style	 style;
	int		 newest;
	int		 own;		/* a call of this column's */
};

struct linev {
	struct cellv	 c[2];
	enum arrow	 arrow;		/* A_NONE: no arrow on this row */
	int		 from;		/* the side it leaves */
	int		 attached[2];	/* it reaches the box on that side */
	char		 label[48];
	enum style	 style;
	int		 newest;
	int		 more;		/* the row that says rows were left out */
	struct {
		int	 side, slot;
		int	 up, down;	/* its line goes on above, below */
		int	 joined;	/* this row's arrow meets it */
	}		 bar[MAX_BARS];
	int		 nbar;
};

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

	ev_addr(ev, &ss, &len);
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

/* --- Drawing ------------------------------------------------------------ */

struct dims {
	int	 text, box, gap;	/* box = text + 5 */
	int	 start[2];		/* first line of each column's box, or
					 * NONE: no box */
	int	 dashed[2];		/* only another program's ends */
};

static void
put_title(struct out *o, const struct picture *p, const char *t, int width)
{
	int w = picture_text_width(t, p->o->utf8), left;

	if (w >= width) {
		put_fit(o, p, t, width, S_PLAIN, 0);
		return;
	}
	left = (width - w) / 2;
	blank(o, left);
	put(o, t);
	blank(o, width - w - left);
}

static void
put_border(struct out *o, const struct picture *p, const struct dims *d,
    int x, int top)
{
	const struct glyphs *g = p->g;

	/* Another program's box is dashed all round: there are no dashed
	 * corners, so its dashes run to the ends. */
	put(o, d->dashed[x] ? g->dash_h : top ? g->tl : g->bl);
	put_n(o, d->dashed[x] ? g->dash_h : g->h, d->text + 3);
	put(o, d->dashed[x] ? g->dash_h : top ? g->tr : g->br);
}

/* A gap cell's lines: the sides of the cell they leave by. */
enum { L_UP = 1, L_DOWN = 2, L_WEST = 4, L_EAST = 8 };

static const char *const utf8_lines[16] = {
	[L_UP] = "\u2502", [L_DOWN] = "\u2502", [L_UP | L_DOWN] = "\u2502",
	[L_WEST] = "\u2500", [L_EAST] = "\u2500", [L_WEST | L_EAST] = "\u2500",
	[L_DOWN | L_EAST] = "\u250c", [L_DOWN | L_WEST] = "\u2510",
	[L_UP | L_EAST] = "\u2514", [L_UP | L_WEST] = "\u2518",
	[L_UP | L_DOWN | L_EAST] = "\u251c",
	[L_UP | L_DOWN | L_WEST] = "\u2524",
	[L_DOWN | L_WEST | L_EAST] = "\u252c",
	[L_UP | L_WEST | L_EAST] = "\u2534",
	[L_UP | L_DOWN | L_WEST | L_EAST] = "\u253c",
};

static const char *
line_glyph(const struct picture *p, int m)
{
	if (p->o->utf8)
		return utf8_lines[m];
	if (m == 0)
		return NULL;
	return (m & (L_WEST | L_EAST)) == 0 ? "|" :
	    (m & (L_UP | L_DOWN)) == 0 ? "-" : "+";
}

/* The gap column of a bus line: two from the receiving side, the next
 * ones nearer it, clear of a label in the middle (which then stays where
 * it was when a bus comes by). */
static int
bus_column(int n, int side, int slot)
{
	int c = side == LEFT ? 2 - slot : n - 3 + slot;

	return c < 1 ? 1 : c > n - 2 ? n - 2 : c;
}

/* The gap between the boxes: an arrow, its label in the middle, and the
 * bus lines that run through it. */
static void
put_gap(struct out *o, const struct picture *p, const struct dims *d,
    const struct linev *l)
{
	const struct glyphs *g = p->g;
	const char *cells[256], *line;
	int mask[256];
	int a = 0, b = 0, i, j, lw, room, used, join = NONE, ra, rb, from, to;
	int n = d->gap < 256 ? d->gap : 256, start = NONE;
	char label[64];
	size_t nb = 0;

	if (l->arrow == A_NONE && l->nbar == 0) {
		blank(o, d->gap);
		return;
	}
	line = l->arrow == A_CONNECTING ? g->dash_h : g->h;
	for (i = 0; i < n; i++) {
		cells[i] = NULL;
		mask[i] = 0;
	}
	for (j = 0; j < l->nbar; j++)
		if (l->bar[j].joined)
			join = bus_column(n, l->bar[j].side, l->bar[j].slot);
	if (l->arrow != A_NONE) {
		a = l->attached[LEFT] ? 0 : 1;
		b = l->attached[RIGHT] ? n : n - 1;
		/* On a bus: from each box it reaches to the bus line. */
		if (join != NONE && !l->attached[LEFT])
			a = join;
		if (join != NONE && !l->attached[RIGHT])
			b = join + 1;
		for (i = a; i < b; i++)
			mask[i] = (i > a || a == 0 ? L_WEST : 0) |
			    (i < b - 1 || b == n ? L_EAST : 0);
		if (join == NONE && l->from == LEFT) {
			if (!l->attached[LEFT])
				cells[a] = g->stub_l;
			if (!l->attached[RIGHT])
				cells[b - 1] = l->arrow == A_REFUSED ? g->fail :
				    g->head_r;
		} else if (join == NONE) {
			if (!l->attached[RIGHT])
				cells[b - 1] = g->stub_r;
			if (!l->attached[LEFT])
				cells[a] = l->arrow == A_REFUSED ? g->fail :
				    g->head_l;
		}
	}
	/* Bus lines; one that only passes by crosses over the arrow. */
	for (j = 0; j < l->nbar; j++) {
		int c = bus_column(n, l->bar[j].side, l->bar[j].slot);
		int m = (l->bar[j].up ? L_UP : 0) |
		    (l->bar[j].down ? L_DOWN : 0);

		if (l->bar[j].joined || c == join)
			mask[c] |= m;
		else {
			mask[c] = m;
			cells[c] = NULL;
		}
	}
	/* The label, a blank either side, between two line characters: on
	 * a bus, on the sending side of its line, in the longest stretch
	 * that no bus line crosses. */
	from = a;
	to = b;
	if (join != NONE && l->from == LEFT)
		to = join;
	else if (join != NONE)
		from = join + 1;
	ra = rb = from;
	for (i = from; i < to; i = j) {
		for (j = i; j < to && (mask[j] & (L_UP | L_DOWN)) == 0; j++)
			;
		if (j - i > rb - ra) {
			ra = i;
			rb = j;
		}
		if (j == i)
			j++;
	}
	room = rb - ra - 4;
	lw = picture_text_width(l->label, p->o->utf8);
	used = 0;
	if (l->arrow != A_NONE && room > 3 && lw > room) {
		nb = width_fit(l->label, room - 1, p->o->utf8, &used);
		if (nb + strlen(g->ellipsis) < sizeof label) {
			memcpy(label, l->label, nb);
			strcpy(label + nb, g->ellipsis);
			nb += strlen(g->ellipsis);
			used++;
		} else
			nb = 0;
	} else if (l->arrow != A_NONE && room > 0 && lw <= room) {
		nb = width_fit(l->label, room, p->o->utf8, &used);
		if (nb >= sizeof label)
			nb = sizeof label - 1;
		memcpy(label, l->label, nb);
	}
	label[nb] = '\0';
	if (nb > 0)
		start = ra + 1 + (room - used) / 2;
	/* Where the label of an arrow without a bus goes, if it fits
	 * there: a row keeps its look when a bus comes by later. */
	i = 1 + (n - 4 - used) / 2;
	if (nb > 0 && (join != NONE || (l->attached[LEFT] &&
	    l->attached[RIGHT])) && i > from && i + used + 1 < to) {
		for (j = i - 1; j <= i + used + 2 && j < n; j++)
			if (mask[j] & (L_UP | L_DOWN))
				break;
		if (j > i + used + 2 || j == n)
			start = i;
	}
	color_on(o, l->style, l->newest);
	for (i = 0; i < n; i++) {
		if (i == start) {
			blank(o, 1);
			put(o, label);
			blank(o, 1);
			i += used + 1;
		} else if (cells[i] != NULL)
			put(o, cells[i]);
		else if (mask[i] == (L_WEST | L_EAST))
			put(o, line);
		else if (mask[i] != 0)
			put(o, line_glyph(p, mask[i]));
		else
			blank(o, 1);
	}
	color_off(o, l->style, l->newest);
}

/* The columns of the first LEN bytes of S. */
static int
part_width(const char *s, int len, int utf8)
{
	return width_text_n(s, (size_t)len, utf8);
}

/* S in WIDTH columns (1 at least): its start and an ellipsis. */
static void
cut_right(const struct picture *p, const char *s, int width, char *out,
    size_t n)
{
	int used;
	size_t nb = width_fit(s, width - 1, p->o->utf8, &used);

	snprintf(out, n, "%.*s%s", (int)nb, s, p->g->ellipsis);
}

/* S in WIDTH columns (1 at least): an ellipsis and its end. */
static void
cut_left(const struct picture *p, const char *s, int width, char *out,
    size_t n)
{
	int cols;

	while (*s != '\0' && picture_text_width(s, p->o->utf8) > width - 1)
		s += width_char(s, SIZE_MAX, p->o->utf8, &cols);
	snprintf(out, n, "%s%s", p->g->ellipsis, s);
}

/* An address, as " 127.0.0.1:PORT": cut from its left, it keeps its
 * port. */
static int
is_address(const char *s)
{
	return port_tail(s) != NULL && strchr(s + 1, ' ') == NULL;
}

/*
 * What a call did (" 127.0.0.1:5000", " backlog 1", " → conn") in ROOM
 * columns, into OUT: whole, in brief, an address from its left (its port
 * whole), other text from its right. 0 when it does not fit.
 */
static int
fit_extra(const struct picture *p, const struct cellv *c, int room,
    char *out, size_t n)
{
	const char *x = c->main + c->head_len;
	int utf8 = p->o->utf8;

	out[0] = '\0';
	if (picture_text_width(x, utf8) <= room) {
		snprintf(out, n, "%s", x);
		return 1;
	}
	if (c->brief[0] != '\0' && picture_text_width(c->brief, utf8) <= room) {
		snprintf(out, n, "%s", c->brief);
		return 1;
	}
	if (is_address(x) && room >= 2 + (int)strlen(port_tail(x))) {
		out[0] = ' ';
		cut_left(p, x + 1, room - 1, out + 1, n - 1);
		return 1;
	}
	if (!is_address(x) && room >= 4) {
		out[0] = ' ';
		cut_right(p, x + 1, room - 1, out + 1, n - 1);
		return 1;
	}
	return 0;
}

/*
 * A box's text in WIDTH columns, cutting what matters least first: what
 * the call did (an address from its left), the padding that lines the
 * calls up, the words of a failure or a wait (its mark stays), the
 * socket's name; never the call's name.
 */
static void
fit_cell(const struct picture *p, const struct cellv *c, int width,
    char *out, size_t n)
{
	int utf8 = p->o->utf8, sw = picture_text_width(c->suffix, utf8);
	int mw = picture_text_width(c->main, utf8), hw, pass, room;
	const char *name = c->main + c->name_at, *sp;
	char head[CELL], ex[CELL], mark[32], sf[64];

	if (mw + sw <= width || c->head_len == 0) {
		/* A note is cut as it is; an address from its left. */
		if (c->head_len == 0 && is_address(c->main) && mw > width)
			cut_left(p, c->main, width, out, n);
		else {
			/* Most cells: the text as it is (no snprintf: this
			 * runs for every box of every step). */
			size_t ml = strlen(c->main), sl = strlen(c->suffix);

			if (ml >= n)
				ml = n - 1;
			if (sl >= n - ml)
				sl = n - ml - 1;
			memcpy(out, c->main, ml);
			memcpy(out + ml, c->suffix, sl);
			out[ml + sl] = '\0';
		}
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		/* With the calls lined up, then without. */
		if (pass == 0)
			snprintf(head, sizeof head, "%.*s", c->head_len,
			    c->main);
		else
			snprintf(head, sizeof head, "%.*s %.*s", c->op_len,
			    c->main, c->head_len - c->name_at, name);
		hw = picture_text_width(head, utf8);
		if (fit_extra(p, c, width - hw - sw, ex, sizeof ex)) {
			snprintf(out, n, "%s%s%s", head, ex, c->suffix);
			return;
		}
	}
	/* " ✗ EADDRINUSE": its mark, " ✗". */
	sp = c->suffix[0] == ' ' ? strchr(c->suffix + 1, ' ') : NULL;
	snprintf(mark, sizeof mark, "%.*s", sp != NULL ? (int)(sp -
	    c->suffix) : (int)strlen(c->suffix), c->suffix);
	if (hw + sw <= width) {
		/* What the call did is left out; an ellipsis says so. */
		int more = c->main[c->head_len] != '\0' && hw + sw + 2 <= width;

		snprintf(out, n, "%s%s%s%s", head, more ? " " : "",
		    more ? p->g->ellipsis : "", c->suffix);
		return;
	}
	room = width - hw;
	if (c->suffix[0] != '\0' && room >= picture_text_width(mark, utf8)) {
		room -= picture_text_width(mark, utf8);
		if (sp != NULL && room >= 3) {
			sf[0] = ' ';
			cut_right(p, sp + 1, room - 1, sf + 1, sizeof sf - 1);
		} else
			sf[0] = '\0';
		snprintf(out, n, "%s%s%s", head, mark, sf);
		return;
	}
	/* The socket's name, cut; the call's, never. */
	room = width - part_width(c->main, c->op_len, utf8) - 1 -
	    picture_text_width(mark, utf8);
	if (room >= 2) {
		cut_right(p, name, room, ex, sizeof ex);
		snprintf(out, n, "%.*s %s%s", c->op_len, c->main, ex, mark);
	} else
		snprintf(out, n, "%.*s%s", c->op_len, c->main, mark);
}

/* One column's box line: its border, the text, and where an arrow
 * crosses the border, the arrow's end. */
static void
put_box_line(struct out *o, const struct picture *p, const struct dims *d,
    const struct linev *l, int x)
{
	const struct glyphs *g = p->g;
	const struct cellv *c = &l->c[x];
	const char *v = d->dashed[x] ? g->dash_v : g->v;
	const char *border = v, *port = NULL;
	char text[CELL + 64];

	if (l->arrow != A_NONE && l->attached[x]) {
		border = d->dashed[x] ? v : g->cross;
		if (l->from == x)
			port = l->arrow == A_CONNECTING ? g->dash_h : g->h;
		else
			port = x == LEFT ? g->head_l : g->head_r;
	}
	if (x == RIGHT) {
		put(o, border);
		if (port != NULL) {
			color_on(o, l->style, l->newest);
			put(o, port);
			color_off(o, l->style, l->newest);
		} else
			blank(o, 1);
		blank(o, 1);
	} else {
		put(o, v);
		blank(o, 1);
	}
	if (l->more)
		put_fit(o, p, g->more, d->text, S_PLAIN, 0);
	else {
		fit_cell(p, c, d->text, text, sizeof text);
		put_fit(o, p, text, d->text, c->style, c->newest);
	}
	if (x == LEFT) {
		blank(o, 1);
		if (port != NULL) {
			color_on(o, l->style, l->newest);
			put(o, port);
			color_off(o, l->style, l->newest);
		} else
			blank(o, 1);
		put(o, border);
	} else {
		blank(o, 1);
		put(o, v);
	}
}

static void
draw(struct picture *p, FILE *f, struct linev *lines, int n)
{
	struct out o;
	const struct glyphs *g = p->g;
	struct dims d;
	int own[2] = { 0, 0 }, far[2] = { 0, 0 }, i, x, w, lw = 0;
	int width = p->o->width < MIN_WIDTH ? MIN_WIDTH : p->o->width;
	int natural = TEXT_WIDTH, essential = 0, need = 0, avail, top;
	char title[2][128];

	o.f = f;
	o.spaces = 0;
	o.color = p->o->color;
	o.len = 0;

	for (i = 0; i < n; i++) {
		for (x = LEFT; x <= RIGHT; x++) {
			const struct cellv *c = &lines[i].c[x];

			if (c->main[0] == '\0' && !lines[i].more)
				continue;
			if (c->own)
				own[x] = 1;
			else if (c->main[0] != '\0')
				far[x] = 1;
			w = picture_text_width(c->main, p->o->utf8) +
			    picture_text_width(c->suffix, p->o->utf8);
			if (w > natural)
				natural = w;
			/* The call and the socket's name, and a failure's
			 * mark: what a box must not lose. */
			w = part_width(c->main, c->op_len, p->o->utf8) + 1 +
			    part_width(c->main + c->name_at, c->head_len -
			    c->name_at, p->o->utf8) + (c->suffix[0] != '\0' ?
			    2 : 0);
			if (c->own && w > essential)
				essential = w;
		}
		w = picture_text_width(lines[i].label, p->o->utf8);
		if (w > lw)
			lw = w;
		/* An arrow that stops short has a column less for it. */
		if (lines[i].arrow != A_NONE)
			w += !lines[i].attached[LEFT] +
			    !lines[i].attached[RIGHT];
		w += 4;
		if (w > need)
			need = w;
	}
	/* Boxes first: when their texts would be cut, the gap shrinks to
	 * what the arrows' labels need, and when even a call and its
	 * socket's name would be, to an arrow's shortest (labels cut). */
	avail = width - 2 - 10;
	d.gap = lw + 4 > GAP_WIDTH ? lw + 4 : GAP_WIDTH;
	w = avail - 2 * natural;
	if (w < d.gap)
		d.gap = w > need ? w : need < d.gap ? need : d.gap;
	w = avail - 2 * essential;
	if (w < d.gap)
		d.gap = w > MIN_GAP ? w : MIN_GAP;
	d.text = (avail - d.gap) / 2;
	if (d.text > natural)
		d.text = natural;
	d.box = d.text + 5;
	for (x = LEFT; x <= RIGHT; x++) {
		d.start[x] = NONE;
		for (i = 0; i < n && d.start[x] == NONE; i++)
			if (lines[i].c[x].main[0] != '\0' || (lines[i].more &&
			    (own[x] || far[x])))
				d.start[x] = i;
		d.dashed[x] = !own[x] && far[x];
	}
	snprintf(title[LEFT], sizeof title[LEFT], "%s", d.dashed[LEFT] ?
	    _("Server (another program)") : _("Server"));
	snprintf(title[RIGHT], sizeof title[RIGHT], "%s", d.dashed[RIGHT] ?
	    _("Client (another program)") : _("Client"));

	blank(&o, 1);
	put_title(&o, p, title[LEFT], d.box);
	blank(&o, d.gap);
	put_title(&o, p, title[RIGHT], d.box);
	end_line(&o);
	/* The top of a box that starts with the first row has a line of
	 * its own; a later one's is drawn beside the other's row before. */
	top = d.start[LEFT] == 0 || d.start[RIGHT] == 0;
	if (top) {
		blank(&o, 1);
		for (x = LEFT; x <= RIGHT; x++) {
			if (d.start[x] == 0)
				put_border(&o, p, &d, x, 1);
			else
				blank(&o, d.box);
			if (x == LEFT)
				blank(&o, d.gap);
		}
		end_line(&o);
	}
	for (i = 0; i < n; i++) {
		const struct linev *l = &lines[i];

		if (!o.color && l->c[LEFT].newest)
			put(&o, g->mark_l);
		else
			blank(&o, 1);
		for (x = LEFT; x <= RIGHT; x++) {
			if (d.start[x] != NONE && i == d.start[x] - 1)
				put_border(&o, p, &d, x, 1);
			else if (d.start[x] != NONE && i >= d.start[x])
				put_box_line(&o, p, &d, l, x);
			else
				blank(&o, d.box);
			if (x == LEFT)
				put_gap(&o, p, &d, l);
		}
		if (!o.color && l->c[RIGHT].newest)
			put(&o, g->mark_r);
		end_line(&o);
	}
	if (d.start[LEFT] != NONE || d.start[RIGHT] != NONE) {
		blank(&o, 1);
		for (x = LEFT; x <= RIGHT; x++) {
			if (d.start[x] != NONE)
				put_border(&o, p, &d, x, 0);
			else
				blank(&o, d.box);
			if (x == LEFT)
				blank(&o, d.gap);
		}
		end_line(&o);
	}
	out_flush(&o);
}

static void
picture_free(struct picture *p)
{
	free(p->s);
	free(p->e);
	free(p->r);
	free(p->b);
	free(p->send_list);
	free(p->recv_list);
	free(p->in_list);
	free(p->groups);
	free(p->group_socks);
	free(p->group_evs);
	table_free(&p->tuples);
	table_free(&p->listeners);
	table_free(&p->udp);
}

/* Reads the sockets and the calls, and decides every row. */
static int
prepare(struct picture *p)
{
	size_t i, g;

	p->s = calloc(p->ns + 1, sizeof *p->s);
	if (p->s == NULL)
		return -1;
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		s->h = p->sh->handles[i];
		if (p->states != NULL)
			s->st = p->states[i];
		else
			state_collect_brief(p->sh->handles[i], &s->st);
		s->dest = s->via = s->listener = s->side = NONE;
		s->bind_k = s->connect_k = s->send_k = s->recv_k = NONE;
		s->listen_k = s->conn_k = s->conn_ok = NONE;
		s->last_connect_k = s->close_k = s->eof_k = s->fin_k = NONE;
	}
	if (collect_events(p) < 0)
		return -1;
	scan_calls(p);
	if (find_peers(p) < 0)
		return -1;
	for (i = 0; i < p->ne; i++)
		if (p->e[i].kind == EV_SOCKETPAIR && !p->e[i].twin &&
		    p->e[i].other != NONE && p->e[i].sock != NONE) {
			p->s[p->e[i].sock].dest = p->e[i].other;
			p->s[p->e[i].other].dest = p->e[i].sock;
		}
	decide_arrows(p);
	if (make_groups(p) < 0)
		return -1;
	decide_sides(p);
	if (list_data(p) < 0)
		return -1;
	p->b = calloc(p->ne + 1, sizeof *p->b);
	if (p->b == NULL)
		return -1;
	pair_calls(p);
	count_queued(p);
	p->r = malloc((p->ne + 2 * p->ns + 1) * sizeof *p->r);
	if (p->r == NULL)
		return -1;
	for (g = 0; g < p->ngroups; g++) {
		struct pgroup *gr = &p->groups[g];

		gr->row_at = (int)p->nr;
		layout(p, p->group_evs + gr->ev_at, gr->nevs);
		state_rows(p, p->group_socks + gr->sock_at, gr->nsocks);
		gr->nrows = (int)p->nr - gr->row_at;
	}
	return place_buses(p);
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
	draw(p, f, lines, n);
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
	if (prepare(&p) < 0)
		goto fail;
	if (p.nr == 0) {
		fprintf(f, "  %s\n", _("(nothing to draw yet: the picture "
		    "grows with each call, starting with 'socket NAME')"));
		picture_free(&p);
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
	picture_free(&p);
	return;
fail:
	fprintf(f, "  %s\n", _("(no picture: out of memory)"));
	picture_free(&p);
}
