/* picture-text.c - the picture drawn for a terminal: box drawing (or
 * ASCII), colours, the boxes and the gap fitted to the width. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/width.h"
#include "views/picture-fit.h"
#include "views/picture-model.h"
#include "views/picture-text.h"
#include "views/picture.h"

enum { LEFT = PIC_LEFT, RIGHT = PIC_RIGHT };

#define NONE		(-1)
#define MAX_BARS	PIC_BARS
#define MIN_WIDTH	40	/* narrower terminals get lines that wrap */
#define TEXT_WIDTH	27	/* a box's text at 80 columns */
#define GAP_WIDTH	14	/* between the boxes, for an arrow's label */
#define MIN_GAP		4	/* the shortest arrow */

struct glyphs {
	const char	*h, *v, *tl, *tr, *bl, *br, *cross;
	const char	*dash_v, *dash_h;	/* another program's box */
	const char	*head_l, *head_r;	/* arrow heads */
	const char	*stub_l, *stub_r;	/* a loose start */
	const char	*fail, *ellipsis, *to, *waiting, *more;
	const char	*mark_l, *mark_r;	/* the newest step */
};

struct linev {
	struct cellv	 c[2];
	enum pic_arrow_kind arrow;	/* PIC_A_NONE: no arrow on this row */
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

/* What the drawing goes by: the options, their glyphs, and how the
 * boxes' texts are made and cut. */
struct canvas {
	const struct picture_opts	*o;
	const struct glyphs		*g;
	struct fit			 fit;
};

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

/* TEXT in exactly WIDTH columns: cut with an ellipsis, or padded. */
static void
put_fit(struct out *o, const struct canvas *p, const char *text, int width,
    enum style s, int newest)
{
	int utf8 = p->o->utf8, w = width_text(text, utf8), used;
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

/* --- Drawing ------------------------------------------------------------ */

struct dims {
	int	 text, box, gap;	/* box = text + 5 */
	int	 start[2];		/* first line of each column's box, or
					 * NONE: no box */
	int	 dashed[2];		/* only another program's ends */
};

static void
put_title(struct out *o, const struct canvas *p, const char *t, int width)
{
	int w = width_text(t, p->o->utf8), left;

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
put_border(struct out *o, const struct canvas *p, const struct dims *d,
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
line_glyph(const struct canvas *p, int m)
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

/* The gap of one line, cell by cell, as it is being worked out. */
struct gap {
	const char	*cells[256];	/* a glyph, or NULL: by the mask */
	int		 mask[256];	/* the lines through each cell */
	int		 n;		/* its cells */
	int		 a, b;		/* the arrow's cells: a to b - 1 */
	int		 join;		/* the bus line the arrow meets */
	int		 from, to;	/* where its label may go */
	char		 label[64];	/* the label as it fits, or "" */
	int		 used;		/* its columns */
	int		 start;		/* its cell, or NONE */
};

/* The arrow's line, its head and its loose end. */
static void
gap_arrow(const struct canvas *p, const struct linev *l, struct gap *gp)
{
	const struct glyphs *g = p->g;
	int i, a, b, n = gp->n, join = gp->join;

	a = l->attached[LEFT] ? 0 : 1;
	b = l->attached[RIGHT] ? n : n - 1;
	/* On a bus: from each box it reaches to the bus line. */
	if (join != NONE && !l->attached[LEFT])
		a = join;
	if (join != NONE && !l->attached[RIGHT])
		b = join + 1;
	for (i = a; i < b; i++)
		gp->mask[i] = (i > a || a == 0 ? L_WEST : 0) |
		    (i < b - 1 || b == n ? L_EAST : 0);
	if (join == NONE && l->from == LEFT) {
		if (!l->attached[LEFT])
			gp->cells[a] = g->stub_l;
		if (!l->attached[RIGHT])
			gp->cells[b - 1] = l->arrow == PIC_A_REFUSED ? g->fail :
			    g->head_r;
	} else if (join == NONE) {
		if (!l->attached[RIGHT])
			gp->cells[b - 1] = g->stub_r;
		if (!l->attached[LEFT])
			gp->cells[a] = l->arrow == PIC_A_REFUSED ? g->fail :
			    g->head_l;
	}
	gp->a = a;
	gp->b = b;
}

/* Bus lines; one that only passes by crosses over the arrow. */
static void
gap_bars(const struct linev *l, struct gap *gp)
{
	int j;

	for (j = 0; j < l->nbar; j++) {
		int c = bus_column(gp->n, l->bar[j].side, l->bar[j].slot);
		int m = (l->bar[j].up ? L_UP : 0) |
		    (l->bar[j].down ? L_DOWN : 0);

		if (l->bar[j].joined || c == gp->join)
			gp->mask[c] |= m;
		else {
			gp->mask[c] = m;
			gp->cells[c] = NULL;
		}
	}
}

/* The label in ROOM columns, cut with an ellipsis where it does not fit
 * whole (and left out where too little would be left of it). */
static void
gap_label_text(const struct canvas *p, const struct linev *l, int room,
    struct gap *gp)
{
	const char *ell = p->g->ellipsis;
	int lw = width_text(l->label, p->o->utf8);
	size_t nb = 0;

	gp->used = 0;
	if (l->arrow != PIC_A_NONE && room > 3 && lw > room) {
		nb = width_fit(l->label, room - 1, p->o->utf8, &gp->used);
		if (nb + strlen(ell) < sizeof gp->label) {
			memcpy(gp->label, l->label, nb);
			strcpy(gp->label + nb, ell);
			nb += strlen(ell);
			gp->used++;
		} else
			nb = 0;
	} else if (l->arrow != PIC_A_NONE && room > 0 && lw <= room) {
		nb = width_fit(l->label, room, p->o->utf8, &gp->used);
		if (nb >= sizeof gp->label)
			nb = sizeof gp->label - 1;
		memcpy(gp->label, l->label, nb);
	}
	gp->label[nb] = '\0';
}

/* The label, a blank either side, between two line characters: on a bus,
 * on the sending side of its line, in the longest stretch that no bus
 * line crosses. */
static void
gap_label(const struct canvas *p, const struct linev *l, struct gap *gp)
{
	int i, j, ra, rb, room, used, n = gp->n;

	gp->from = gp->a;
	gp->to = gp->b;
	if (gp->join != NONE && l->from == LEFT)
		gp->to = gp->join;
	else if (gp->join != NONE)
		gp->from = gp->join + 1;
	ra = rb = gp->from;
	for (i = gp->from; i < gp->to; i = j) {
		for (j = i; j < gp->to && (gp->mask[j] & (L_UP | L_DOWN)) == 0;
		    j++)
			;
		if (j - i > rb - ra) {
			ra = i;
			rb = j;
		}
		if (j == i)
			j++;
	}
	room = rb - ra - 4;
	gap_label_text(p, l, room, gp);
	used = gp->used;
	if (gp->label[0] != '\0')
		gp->start = ra + 1 + (room - used) / 2;
	/* Where the label of an arrow without a bus goes, if it fits
	 * there: a row keeps its look when a bus comes by later. */
	i = 1 + (n - 4 - used) / 2;
	if (gp->label[0] != '\0' && (gp->join != NONE ||
	    (l->attached[LEFT] && l->attached[RIGHT])) && i > gp->from &&
	    i + used + 1 < gp->to) {
		for (j = i - 1; j <= i + used + 2 && j < n; j++)
			if (gp->mask[j] & (L_UP | L_DOWN))
				break;
		if (j > i + used + 2 || j == n)
			gp->start = i;
	}
}

/* The gap between the boxes: an arrow, its label in the middle, and the
 * bus lines that run through it. */
static void
put_gap(struct out *o, const struct canvas *p, const struct dims *d,
    const struct linev *l)
{
	const char *line;
	struct gap gp;
	int i, j;

	if (l->arrow == PIC_A_NONE && l->nbar == 0) {
		blank(o, d->gap);
		return;
	}
	line = l->arrow == PIC_A_CONNECTING ? p->g->dash_h : p->g->h;
	gp.n = d->gap < 256 ? d->gap : 256;
	gp.a = gp.b = 0;
	gp.join = gp.start = NONE;
	for (i = 0; i < gp.n; i++) {
		gp.cells[i] = NULL;
		gp.mask[i] = 0;
	}
	for (j = 0; j < l->nbar; j++)
		if (l->bar[j].joined)
			gp.join = bus_column(gp.n, l->bar[j].side,
			    l->bar[j].slot);
	if (l->arrow != PIC_A_NONE)
		gap_arrow(p, l, &gp);
	gap_bars(l, &gp);
	gap_label(p, l, &gp);
	color_on(o, l->style, l->newest);
	for (i = 0; i < gp.n; i++) {
		if (i == gp.start) {
			blank(o, 1);
			put(o, gp.label);
			blank(o, 1);
			i += gp.used + 1;
		} else if (gp.cells[i] != NULL)
			put(o, gp.cells[i]);
		else if (gp.mask[i] == (L_WEST | L_EAST))
			put(o, line);
		else if (gp.mask[i] != 0)
			put(o, line_glyph(p, gp.mask[i]));
		else
			blank(o, 1);
	}
	color_off(o, l->style, l->newest);
}

/* One column's box line: its border, the text, and where an arrow
 * crosses the border, the arrow's end. */
static void
put_box_line(struct out *o, const struct canvas *p, const struct dims *d,
    const struct linev *l, int x)
{
	const struct glyphs *g = p->g;
	const struct cellv *c = &l->c[x];
	const char *v = d->dashed[x] ? g->dash_v : g->v;
	const char *border = v, *port = NULL;
	char text[CELL + 64];

	if (l->arrow != PIC_A_NONE && l->attached[x]) {
		border = d->dashed[x] ? v : g->cross;
		if (l->from == x)
			port = l->arrow == PIC_A_CONNECTING ? g->dash_h : g->h;
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
		picture_fit_cell(&p->fit, c, d->text, text, sizeof text);
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

/* The widths the texts of LINES would take in full, and what of them a
 * box must keep; which columns hold calls (OWN) and which only another
 * program's ends (FAR). */
struct needs {
	int	 natural;	/* the widest box text, TEXT_WIDTH at least */
	int	 essential;	/* the widest call and socket's name */
	int	 label;		/* the widest arrow label */
	int	 gap;		/* the gap the widest arrow needs */
	int	 own[2], far[2];
};

static void
measure(const struct canvas *p, const struct linev *lines, int n,
    struct needs *nd)
{
	int i, x, w, utf8 = p->o->utf8;

	memset(nd, 0, sizeof *nd);
	nd->natural = TEXT_WIDTH;
	for (i = 0; i < n; i++) {
		for (x = LEFT; x <= RIGHT; x++) {
			const struct cellv *c = &lines[i].c[x];

			if (c->main[0] == '\0' && !lines[i].more)
				continue;
			if (c->own)
				nd->own[x] = 1;
			else if (c->main[0] != '\0')
				nd->far[x] = 1;
			w = width_text(c->main, utf8) +
			    width_text(c->suffix, utf8);
			if (w > nd->natural)
				nd->natural = w;
			/* The call and the socket's name, and a failure's
			 * mark: what a box must not lose. */
			w = width_text_n(c->main, (size_t)c->op_len, utf8) +
			    1 + width_text_n(c->main + c->name_at,
			    (size_t)(c->head_len - c->name_at), utf8) +
			    (c->suffix[0] != '\0' ? 2 : 0);
			if (c->own && w > nd->essential)
				nd->essential = w;
		}
		w = width_text(lines[i].label, utf8);
		if (w > nd->label)
			nd->label = w;
		/* An arrow that stops short has a column less for it. */
		if (lines[i].arrow != PIC_A_NONE)
			w += !lines[i].attached[LEFT] +
			    !lines[i].attached[RIGHT];
		w += 4;
		if (w > nd->gap)
			nd->gap = w;
	}
}

/* The boxes' and the gap's widths, and where each column's box starts. */
static void
fit_dims(const struct canvas *p, const struct linev *lines, int n,
    struct dims *d)
{
	int width = p->o->width < MIN_WIDTH ? MIN_WIDTH : p->o->width;
	int avail = width - 2 - 10, w, i, x;
	struct needs nd;

	measure(p, lines, n, &nd);
	/* Boxes first: when their texts would be cut, the gap shrinks to
	 * what the arrows' labels need, and when even a call and its
	 * socket's name would be, to an arrow's shortest (labels cut). */
	d->gap = nd.label + 4 > GAP_WIDTH ? nd.label + 4 : GAP_WIDTH;
	w = avail - 2 * nd.natural;
	if (w < d->gap)
		d->gap = w > nd.gap ? w : nd.gap < d->gap ? nd.gap : d->gap;
	w = avail - 2 * nd.essential;
	if (w < d->gap)
		d->gap = w > MIN_GAP ? w : MIN_GAP;
	d->text = (avail - d->gap) / 2;
	if (d->text > nd.natural)
		d->text = nd.natural;
	d->box = d->text + 5;
	for (x = LEFT; x <= RIGHT; x++) {
		d->start[x] = NONE;
		for (i = 0; i < n && d->start[x] == NONE; i++)
			if (lines[i].c[x].main[0] != '\0' || (lines[i].more &&
			    (nd.own[x] || nd.far[x])))
				d->start[x] = i;
		d->dashed[x] = !nd.own[x] && nd.far[x];
	}
}

/* A line of borders only: the tops of the boxes that start with the first
 * row (TOP), or the bottoms of all. */
static void
put_border_line(struct out *o, const struct canvas *p, const struct dims *d,
    int top)
{
	int x;

	blank(o, 1);
	for (x = LEFT; x <= RIGHT; x++) {
		if (top ? d->start[x] == 0 : d->start[x] != NONE)
			put_border(o, p, d, x, top);
		else
			blank(o, d->box);
		if (x == LEFT)
			blank(o, d->gap);
	}
	end_line(o);
}

/* Line I: the boxes, or the top of one that starts on the next line, the
 * gap between them, and the newest step's marks without colour. */
static void
put_line(struct out *o, const struct canvas *p, const struct dims *d,
    const struct linev *l, int i)
{
	int x;

	if (!o->color && l->c[LEFT].newest)
		put(o, p->g->mark_l);
	else
		blank(o, 1);
	for (x = LEFT; x <= RIGHT; x++) {
		if (d->start[x] != NONE && i == d->start[x] - 1)
			put_border(o, p, d, x, 1);
		else if (d->start[x] != NONE && i >= d->start[x])
			put_box_line(o, p, d, l, x);
		else
			blank(o, d->box);
		if (x == LEFT)
			put_gap(o, p, d, l);
	}
	if (!o->color && l->c[RIGHT].newest)
		put(o, p->g->mark_r);
	end_line(o);
}

static void
draw(const struct canvas *p, FILE *f, struct linev *lines, int n,
    const struct pic_group *gr)
{
	struct out o;
	struct dims d;
	int i;

	o.f = f;
	o.spaces = 0;
	o.color = p->o->color;
	o.len = 0;
	fit_dims(p, lines, n, &d);
	blank(&o, 1);
	put_title(&o, p, picture_model_title(gr, LEFT, d.dashed[LEFT]), d.box);
	blank(&o, d.gap);
	put_title(&o, p, picture_model_title(gr, RIGHT, d.dashed[RIGHT]),
	    d.box);
	end_line(&o);
	/* The top of a box that starts with the first row has a line of
	 * its own; a later one's is drawn beside the other's row before. */
	if (d.start[LEFT] == 0 || d.start[RIGHT] == 0)
		put_border_line(&o, p, &d, 1);
	for (i = 0; i < n; i++)
		put_line(&o, p, &d, &lines[i], i);
	if (d.start[LEFT] != NONE || d.start[RIGHT] != NONE)
		put_border_line(&o, p, &d, 0);
	out_flush(&o);
}

/* --- From the model ----------------------------------------------------- */

/* Row R of the model as it is drawn. */
static void
line_of_row(const struct canvas *p, const struct pic_row *r,
    struct linev *l)
{
	int x, i;

	memset(l, 0, sizeof *l);
	for (x = LEFT; x <= RIGHT; x++)
		if (r->box[x].kind == PIC_BOX_CALL)
			picture_fit_call(&p->fit, &r->box[x], &l->c[x]);
		else if (r->box[x].kind == PIC_BOX_NOTE) {
			snprintf(l->c[x].main, sizeof l->c[x].main, "%.*s",
			    (int)sizeof l->c[x].main - 1, r->box[x].text);
			l->c[x].style = S_NOTE;
		}
	l->arrow = r->arrow.kind;
	l->from = r->arrow.from;
	l->attached[LEFT] = r->arrow.reaches[LEFT];
	l->attached[RIGHT] = r->arrow.reaches[RIGHT];
	snprintf(l->label, sizeof l->label, "%s", r->arrow.label);
	l->style = r->arrow.look == PIC_FAILED ? S_FAIL :
	    r->arrow.look == PIC_PENDING ? S_WAIT : S_PLAIN;
	l->newest = r->arrow.newest;
	for (i = 0; i < r->nbar; i++) {
		l->bar[i].side = r->bar[i].side;
		l->bar[i].slot = r->bar[i].lane;
		l->bar[i].up = r->bar[i].up;
		l->bar[i].down = r->bar[i].down;
		l->bar[i].joined = r->bar[i].joined;
	}
	l->nbar = r->nbar;
}

/*
 * Which pictures fit in MAX_ROWS lines (0: all), into SHOWN: the ones with
 * the newest step first, then the latest others. Returns how many are
 * left out.
 */
static int
choose_groups(const struct pic_model *m, int max_rows, char *shown)
{
	int budget = max_rows, left = 0, g, pass;

	for (pass = 0; pass < 2; pass++)
		for (g = (int)m->ngroups - 1; g >= 0; g--) {
			const struct pic_group *gr = &m->groups[g];
			int cost = gr->nrows + 4;

			if (shown[g] || gr->nrows == 0 ||
			    (pass == 0 && !gr->newest))
				continue;
			if (max_rows > 0 && cost > budget && budget < max_rows)
				continue;
			shown[g] = 1;
			budget -= cost;
		}
	for (g = 0; g < (int)m->ngroups; g++)
		left += !shown[g] && m->groups[g].nrows > 0;
	return left;
}

/* A group's last MAX_ROWS rows (0: all), the first of them saying that
 * earlier ones are left out. */
static int
draw_group(const struct canvas *p, FILE *f, const struct pic_model *m,
    const struct pic_group *gr, int max_rows)
{
	struct linev *lines;
	struct pic_row row;
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
	for (i = first; i < gr->nrows; i++) {
		picture_model_row(m, gr, i, &row);
		line_of_row(p, &row, &lines[i - first + (first > 0)]);
	}
	draw(p, f, lines, n, gr);
	free(lines);
	return 0;
}

int
picture_text_render(FILE *f, const struct pic_model *m,
    const struct picture_opts *opts)
{
	struct canvas cv;
	char *shown;
	size_t g;
	int i, w, left, drawn = 0, rows;

	if (m->nrows == 0) {
		fprintf(f, "  %s\n", _("(nothing to draw yet: the picture "
		    "grows with each call, starting with 'socket NAME')"));
		return 0;
	}
	cv.o = opts;
	cv.g = opts->utf8 ? &utf8_glyphs : &ascii_glyphs;
	cv.fit.utf8 = opts->utf8;
	cv.fit.opw = 0;
	for (i = 0; i < PIC_OPS; i++) {
		w = width_text(m->ops[i], opts->utf8);
		if (w > cv.fit.opw)
			cv.fit.opw = w;
	}
	if (opts->width < 64)
		cv.fit.opw = 0;	/* narrow: no room to line the names up */
	cv.fit.ellipsis = cv.g->ellipsis;
	cv.fit.to = cv.g->to;
	cv.fit.waiting = cv.g->waiting;
	cv.fit.fail = cv.g->fail;
	shown = calloc(m->ngroups + 1, 1);
	if (shown == NULL)
		return -1;
	left = choose_groups(m, opts->max_rows, shown);
	if (left > 0) {
		fprintf(f, "  ");
		fprintf(f, P_("(%d more picture is left out: 'picture' draws "
		    "them all)\n", "(%d more pictures are left out: 'picture' "
		    "draws them all)\n", (unsigned long)left), left);
	}
	for (g = 0; g < m->ngroups; g++) {
		if (!shown[g])
			continue;
		if (drawn++ > 0)
			fputc('\n', f);
		rows = opts->max_rows > 0 ? opts->max_rows - 4 : 0;
		if (opts->max_rows > 0 && rows < 4)
			rows = 4;
		if (draw_group(&cv, f, m, &m->groups[g], rows) < 0) {
			free(shown);
			return -1;
		}
	}
	free(shown);
	return 0;
}
