/* render-table.c - the state table laid out in the columns there are:
 * render.c fills the rows, this file decides where each text goes.
 *
 * A row is the socket's name and descriptor, its protocols, its step,
 * its addresses (local ⇄ peer) and its TCP state. Where that is too wide
 * the table gives way, one layout after another, and takes the one that
 * fits in the fewest lines:
 *
 *   1. every column on the row's line, the queue after the TCP state;
 *   2. the queue on a line under the row, with the rest of the details;
 *   3. and 4. the same, the addresses on lines of their own under the
 *      row (a table of 60 columns, IPv6).
 *
 * In the address column (1. and 2.) as on the lines under the row, the
 * peer goes under the local address when the two do not fit side by
 * side; of two layouts as long, the one that does so less, or cuts fewer
 * paths, is taken (local ⇄ peer reads better on one line than the queue
 * beside the state), and a name is cut only when nothing else fits. No port or address is ever cut: an AF_UNIX path loses its middle
 * (…), the only text that may, with a name when the row's line would not
 * fit otherwise ('show NAME' says everything in full).
 */
#include <config.h>

#include <string.h>

#include "base/i18n.h"
#include "base/width.h"
#include "views/render-table.h"

#define INDENT		2	/* before every line of the table */
#define GAP		2	/* between two columns */
#define ELIDE_MIN	12	/* the columns a path keeps, at least */
#define NAME_MIN	6	/* the columns a name cut to fit keeps */
#define LINE		4096	/* bytes in one line of the table */

/* What every layout shares: the header, the widest text of each column
 * (the header's included), the arrow and the ellipsis. */
struct table {
	struct render_row	*rows;
	size_t			 n;
	int			 width, utf8;
	const char		*h_name, *h_fd, *h_proto, *h_step, *h_tcp;
	const char		*h_queue;
	char			 h_addr[128];	/* LOCAL ⇄ PEER */
	const char		*sep;		/* between local and peer */
	const char		*arrow;		/* before a peer under its
						   local address */
	const char		*ellipsis;
	int			 w_haddr, w_sep, w_arrow, w_ellipsis;
	int			 c_name, c_fd, c_proto, c_step, c_tcp, c_queue;
	int			 any_queue;
};

/* One way to lay the table out. */
struct layout {
	int	addr_column;	/* the addresses on the row's line; else on
				   lines of their own under it */
	int	queue_column;	/* the queue after the TCP state; else on
				   the line of details */
	int	c_name;		/* less than the widest name: cut to fit */
	int	x_fd, x_proto, x_step, x_addr, x_tcp, x_queue;
	int	c_addr;		/* addr_column: the column's width */
	int	room;		/* the columns the addresses may take */
	int	fits;		/* no line wider than the table */
	size_t	lines;
	size_t	split;		/* rows whose peer is under the local
				   address */
	size_t	cut;		/* rows whose path loses its middle */
};

/* How one row's addresses take ROOM columns. */
struct addr_plan {
	int	two;		/* the peer on a line of its own */
	int	local_cols, peer_cols;	/* a path may be shown in fewer */
	int	used;
	int	fits;
};

/* A line being made: its bytes and its columns. */
struct line {
	char	buf[LINE];
	size_t	len;
	int	col;
};

static int
max(int a, int b)
{
	return a > b ? a : b;
}

/* Whether R has an address to show: not a socket just created. */
static int
has_addr(const struct render_row *r)
{
	return strcmp(r->local, "-") != 0 || r->peer[0] != '\0';
}

/* What a text of W columns that may lose its middle (MAY) keeps. */
static int
keep_min(int w, int may)
{
	return may && w > ELIDE_MIN ? ELIDE_MIN : w;
}

/* Whether a text of W columns shown in COLS (KEEP at least) is whole, or
 * keeps enough of its path to be read on one line beside another. */
static int
kept_enough(int cols, int w, int keep)
{
	return cols >= w || (cols >= keep && cols >= 2 * ELIDE_MIN);
}

/*
 * R's addresses in ROOM columns: local ⇄ peer on one line; else the peer
 * under the local address; else, a path losing its middle, on one line
 * again when that is enough, or on two.
 */
static void
plan_addr(const struct table *t, const struct render_row *r, int room,
    struct addr_plan *p)
{
	int keep_l = keep_min(r->w_local, r->paths);
	int keep_p = keep_min(r->w_peer, r->paths), avail;

	memset(p, 0, sizeof *p);
	p->local_cols = r->w_local;
	p->peer_cols = r->w_peer;
	if (r->peer[0] == '\0') {
		if (p->local_cols > room)
			p->local_cols = max(room, keep_l);
		p->used = p->local_cols;
		p->fits = p->used <= room;
		return;
	}
	p->used = r->w_local + t->w_sep + r->w_peer;
	if (p->used <= room) {
		p->fits = 1;
		return;
	}
	p->two = 1;
	p->used = max(r->w_local, t->w_arrow + r->w_peer);
	if (p->used <= room) {
		p->fits = 1;
		return;
	}
	/* Cut, each path gets half the line, or what the other leaves:
	 * on one line when a cut path keeps enough to be read. */
	avail = room - t->w_sep;
	p->local_cols = r->w_local <= avail / 2 ? r->w_local :
	    max(avail / 2, avail - r->w_peer);
	p->peer_cols = r->w_peer <= avail / 2 ? r->w_peer :
	    max(avail / 2, avail - r->w_local);
	if (kept_enough(p->local_cols, r->w_local, keep_l) &&
	    kept_enough(p->peer_cols, r->w_peer, keep_p) &&
	    p->local_cols + p->peer_cols <= avail) {
		p->two = 0;
		p->used = p->local_cols + t->w_sep + p->peer_cols;
		p->fits = 1;
		return;
	}
	p->local_cols = r->w_local > room ? max(room, keep_l) : r->w_local;
	p->peer_cols = t->w_arrow + r->w_peer > room ?
	    max(room - t->w_arrow, keep_p) : r->w_peer;
	p->used = max(p->local_cols, t->w_arrow + p->peer_cols);
	p->fits = p->used <= room;
}

/* The line of details under R: its queue first, when the layout has no
 * column for it. */
static const char *
details_text(const struct layout *l, const struct render_row *r,
    char *buf, size_t n)
{
	if (l->queue_column || r->queue[0] == '\0')
		return r->details;
	snprintf(buf, n, "%s%s%s", r->queue, r->details[0] != '\0' ? "; " :
	    "", r->details);
	return buf;
}

/*
 * Writes TEXT from column X on, in lines no wider than WIDTH, broken
 * between words (a word wider than that alone on its line); to F, or
 * only counted when F is NULL. Returns how many lines.
 */
static size_t
wrap(FILE *f, const char *text, int x, int width, int utf8)
{
	const char *p = text, *start, *end, *q, *ws;
	size_t lines = 0, len;
	int used, add;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return lines;
		start = end = q = p;
		used = 0;
		for (;;) {
			for (ws = q; *ws == ' '; ws++)
				;
			if ((len = strcspn(ws, " ")) == 0)
				break;
			add = (int)(ws - q) + width_text_n(ws, len, utf8);
			if (end != start && x + used + add > width)
				break;
			used += add;
			end = q = ws + len;
		}
		if (f != NULL)
			fprintf(f, "%*s%.*s\n", x, "", (int)(end - start),
			    start);
		lines++;
		p = end;
	}
}

/* LAYOUT's widths and positions, whether it fits, and its lines. */
static void
layout_make(const struct table *t, int addr_column, int queue_column,
    struct layout *l)
{
	char buf[RENDER_DETAILS + RENDER_CELL + 4];
	struct addr_plan p;
	int tail, over, any_addr = 0;
	size_t i;

	memset(l, 0, sizeof *l);
	l->addr_column = addr_column;
	l->queue_column = queue_column;
	l->c_name = t->c_name;
	/* The row's line from the TCP state on. */
	tail = t->c_tcp + (queue_column ? GAP + t->c_queue : 0);
	over = INDENT + t->c_name + 1 + t->c_fd + GAP + t->c_proto + GAP +
	    t->c_step + GAP + tail - t->width;
	if (!addr_column && over > 0)
		l->c_name = max(t->c_name - over, NAME_MIN < t->c_name ?
		    NAME_MIN : t->c_name);
	l->x_fd = INDENT + l->c_name + 1;
	l->x_proto = l->x_fd + t->c_fd + GAP;
	l->x_step = l->x_proto + t->c_proto + GAP;
	l->x_addr = l->x_step + t->c_step + GAP;
	l->room = addr_column ? t->width - l->x_addr - GAP - tail :
	    t->width - l->x_proto;
	l->c_addr = t->w_haddr;
	l->fits = !addr_column || t->w_haddr <= l->room;
	l->lines = 1 + t->n;
	for (i = 0; i < t->n; i++) {
		const struct render_row *r = &t->rows[i];

		if (addr_column || has_addr(r)) {
			plan_addr(t, r, l->room, &p);
			l->fits &= p.fits;
			l->c_addr = max(l->c_addr, p.used);
			l->lines += (size_t)p.two + !addr_column;
			l->split += (size_t)p.two;
			l->cut += p.local_cols < r->w_local ||
			    p.peer_cols < r->w_peer;
			any_addr |= !addr_column;
		}
		l->lines += wrap(NULL, details_text(l, r, buf, sizeof buf),
		    l->x_proto, t->width, t->utf8);
	}
	l->lines += (size_t)any_addr;	/* the header's line of addresses */
	l->x_tcp = addr_column ? l->x_addr + l->c_addr + GAP : l->x_addr;
	l->x_queue = l->x_tcp + t->c_tcp + GAP;
	l->fits &= l->x_tcp + tail <= t->width;
}

/* Pads L with spaces to column X, then appends S (BYTES, COLS). */
static void
line_put(struct line *l, int x, const char *s, size_t bytes, int cols)
{
	for (; l->col < x && l->len < LINE - 1; l->col++)
		l->buf[l->len++] = ' ';
	if (bytes > LINE - 1 - l->len)
		bytes = LINE - 1 - l->len;
	memcpy(l->buf + l->len, s, bytes);
	l->len += bytes;
	l->col += cols;
}

static void
line_text(struct line *l, int x, const char *s, int utf8)
{
	line_put(l, x, s, strlen(s), width_text(s, utf8));
}

/* Writes L without its trailing spaces, and starts it anew. */
static void
line_end(FILE *f, struct line *l)
{
	while (l->len > 0 && l->buf[l->len - 1] == ' ')
		l->len--;
	fwrite(l->buf, 1, l->len, f);
	fputc('\n', f);
	l->len = 0;
	l->col = 0;
}

/* S (W columns) at column X of L, in COLS: its middle gives way to the
 * ellipsis when it is wider. */
static void
line_elided(struct line *l, const struct table *t, int x, const char *s,
    int w, int cols)
{
	size_t len = strlen(s), i, head;
	int head_cols, tail_cols, used, seen, cw;

	if (w <= cols) {
		line_put(l, x, s, len, w);
		return;
	}
	head_cols = max(cols - t->w_ellipsis, 0) / 2;
	tail_cols = max(cols - t->w_ellipsis - head_cols, 0);
	head = width_fit(s, head_cols, t->utf8, &used);
	line_put(l, x, s, head, used);
	line_put(l, l->col, t->ellipsis, strlen(t->ellipsis), t->w_ellipsis);
	for (i = head, seen = used; i < len && w - seen > tail_cols;
	    seen += cw)
		i += width_char(s + i, len - i, t->utf8, &cw);
	line_put(l, l->col, s + i, len - i, w - seen);
}

/* R's addresses from column X of L as P has them, ending L when the peer
 * goes on a line of its own. */
static void
line_addr(FILE *f, struct line *l, const struct table *t, int x,
    const struct render_row *r, const struct addr_plan *p)
{
	line_elided(l, t, x, r->local, r->w_local, p->local_cols);
	if (r->peer[0] == '\0')
		return;
	if (p->two) {
		line_end(f, l);
		line_text(l, x, t->arrow, t->utf8);
	} else
		line_text(l, l->col, t->sep, t->utf8);
	line_elided(l, t, l->col, r->peer, r->w_peer, p->peer_cols);
}

static void
print_header(FILE *f, const struct table *t, const struct layout *l)
{
	struct line ln = { .len = 0 };
	size_t i;

	line_elided(&ln, t, INDENT, t->h_name, width_text(t->h_name,
	    t->utf8), l->c_name);
	line_text(&ln, l->x_fd, t->h_fd, t->utf8);
	line_text(&ln, l->x_proto, t->h_proto, t->utf8);
	line_text(&ln, l->x_step, t->h_step, t->utf8);
	if (l->addr_column)
		line_text(&ln, l->x_addr, t->h_addr, t->utf8);
	line_text(&ln, l->x_tcp, t->h_tcp, t->utf8);
	if (l->queue_column)
		line_text(&ln, l->x_queue, t->h_queue, t->utf8);
	line_end(f, &ln);
	for (i = 0; i < t->n && !l->addr_column; i++)
		if (has_addr(&t->rows[i])) {
			line_text(&ln, l->x_proto, t->h_addr, t->utf8);
			line_end(f, &ln);
			break;
		}
}

static void
print_row(FILE *f, const struct table *t, const struct layout *l,
    const struct render_row *r)
{
	char buf[RENDER_DETAILS + RENDER_CELL + 4];
	struct line ln = { .len = 0 };
	struct addr_plan p;

	line_elided(&ln, t, INDENT, r->name, r->w_name, l->c_name);
	line_put(&ln, l->x_fd, r->fd, strlen(r->fd), r->w_fd);
	line_put(&ln, l->x_proto, r->proto, strlen(r->proto), r->w_proto);
	line_put(&ln, l->x_step, r->step, strlen(r->step), r->w_step);
	plan_addr(t, r, l->room, &p);
	if (l->addr_column && !p.two)
		line_addr(f, &ln, t, l->x_addr, r, &p);
	else if (l->addr_column)	/* the local address only */
		line_elided(&ln, t, l->x_addr, r->local, r->w_local,
		    p.local_cols);
	line_put(&ln, l->x_tcp, r->tcp, strlen(r->tcp), r->w_tcp);
	if (l->queue_column)
		line_put(&ln, l->x_queue, r->queue, strlen(r->queue),
		    r->w_queue);
	line_end(f, &ln);
	if (l->addr_column && p.two) {
		line_text(&ln, l->x_addr, t->arrow, t->utf8);
		line_elided(&ln, t, ln.col, r->peer, r->w_peer, p.peer_cols);
		line_end(f, &ln);
	} else if (!l->addr_column && has_addr(r)) {
		line_addr(f, &ln, t, l->x_proto, r, &p);
		line_end(f, &ln);
	}
	wrap(f, details_text(l, r, buf, sizeof buf), l->x_proto, t->width,
	    t->utf8);
}

/* The header's texts, and the widest text of each column. */
static void
table_init(struct table *t, struct render_row *rows, size_t n, int width,
    int utf8)
{
	struct render_row *r;
	size_t i;

	memset(t, 0, sizeof *t);
	t->rows = rows;
	t->n = n;
	t->width = width;
	t->utf8 = utf8;
	t->h_name = _("NAME");
	t->h_fd = _("FD");
	t->h_proto = _("PROTO");
	t->h_step = _("STEP");
	t->h_tcp = _("TCP STATE");
	t->h_queue = _("QUEUE");
	/* U+21C4 RIGHTWARDS ARROW OVER LEFTWARDS ARROW; U+2026 … */
	t->sep = utf8 ? " \xe2\x87\x84 " : " <-> ";
	t->arrow = t->sep + 1;
	t->ellipsis = utf8 ? "\xe2\x80\xa6" : "...";
	snprintf(t->h_addr, sizeof t->h_addr, "%s%s%s", _("LOCAL"), t->sep,
	    _("PEER"));
	t->w_haddr = width_text(t->h_addr, utf8);
	t->w_sep = width_text(t->sep, utf8);
	t->w_arrow = width_text(t->arrow, utf8);
	t->w_ellipsis = width_text(t->ellipsis, utf8);
	t->c_name = width_text(t->h_name, utf8);
	t->c_fd = width_text(t->h_fd, utf8);
	t->c_proto = width_text(t->h_proto, utf8);
	t->c_step = width_text(t->h_step, utf8);
	t->c_tcp = width_text(t->h_tcp, utf8);
	t->c_queue = width_text(t->h_queue, utf8);
	for (i = 0; i < n; i++) {
		r = &rows[i];
		t->c_name = max(t->c_name, r->w_name = width_text(r->name,
		    utf8));
		t->c_fd = max(t->c_fd, r->w_fd = width_text(r->fd, utf8));
		t->c_proto = max(t->c_proto, r->w_proto =
		    width_text(r->proto, utf8));
		t->c_step = max(t->c_step, r->w_step = width_text(r->step,
		    utf8));
		t->c_tcp = max(t->c_tcp, r->w_tcp = width_text(r->tcp, utf8));
		t->c_queue = max(t->c_queue, r->w_queue =
		    width_text(r->queue, utf8));
		r->w_local = width_text(r->local, utf8);
		r->w_peer = width_text(r->peer, utf8);
		t->any_queue |= r->queue[0] != '\0';
	}
}

/*
 * Whether layout A is better than B (none yet: NULL): it fits; it keeps
 * the names whole, unless B cuts them too (a name is cut only when the
 * table would not fit otherwise); it has fewer lines, counting a peer
 * under its local address or a path cut as half a line more. Of two
 * that are as good, B, the first tried.
 */
static int
layout_better(const struct table *t, const struct layout *a,
    const struct layout *b)
{
	int cut_a = a->c_name < t->c_name, cut_b;

	if (!a->fits)
		return 0;
	if (b == NULL)
		return 1;
	cut_b = b->c_name < t->c_name;
	if (cut_a != cut_b)
		return cut_b;
	return 2 * a->lines + a->split + a->cut <
	    2 * b->lines + b->split + b->cut;
}

void
render_table_print(FILE *f, struct render_row *rows, size_t n, int width,
    int utf8)
{
	struct table t;
	struct layout l[4], *best = NULL;
	int k;
	size_t i;

	table_init(&t, rows, n, width, utf8);
	/* In order of preference, when as good. */
	for (k = 0; k < 4; k++) {
		layout_make(&t, k < 2, k % 2 == 0 && t.any_queue, &l[k]);
		if (layout_better(&t, &l[k], best))
			best = &l[k];
	}
	if (best == NULL)		/* narrower than any layout */
		best = &l[3];
	print_header(f, &t, best);
	for (i = 0; i < n; i++)
		print_row(f, &t, best, &rows[i]);
}
