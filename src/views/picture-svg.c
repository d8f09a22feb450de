/* picture-svg.c - the picture as SVG, drawn from the same model as the
 * terminal's (picture-model.h): the server's boxes in a column on the
 * left, the client's on the right, in the order of the calls, arrows
 * across with their labels, the newest step marked. Real text in a
 * monospace font, so that a box's width follows from its characters
 * without the font's metrics; whole numbers only (no locale's decimal
 * comma), and nothing that changes from one run to the next. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/markup.h"
#include "base/width.h"
#include "views/picture-fit.h"
#include "views/picture-model.h"
#include "views/picture-svg.h"

#define FONT	"DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, " \
		"Courier New, monospace"
#define CHAR10	86	/* tenths of a pixel a character takes at 14px */
#define MARGIN	32
#define ROWH	44	/* a row */
#define BOXH	32	/* a box in it */
#define HEAD	34	/* the columns' titles */
#define GROUPGAP 28	/* between two conversations */

/* The sizes of the drawing, measured on every row first. */
struct svgdims {
	int	box;		/* a column's width */
	int	gap;		/* between the columns */
	int	width, height;
	struct fit fit;
	const char *ids;
};

static int
px(int chars)
{
	return (chars * CHAR10 + 9) / 10;
}

/* The text of a row's box on side X into OUT; its look. */
static enum style
box_text(const struct svgdims *d, const struct pic_box *b, char *out,
    size_t n)
{
	struct cellv c;
	size_t len;

	out[0] = '\0';
	if (b->kind == PIC_BOX_NOTE) {
		snprintf(out, n, "%s", b->text);
		return S_NOTE;
	}
	if (b->kind != PIC_BOX_CALL)
		return S_PLAIN;
	memset(&c, 0, sizeof c);
	picture_fit_call(&d->fit, b, &c);
	len = strlen(c.main);
	while (len > 0 && c.main[len - 1] == ' ')
		c.main[--len] = '\0';
	snprintf(out, n, "%s%s", c.main, c.suffix);
	return c.style;
}

static void
measure(const struct pic_model *m, struct svgdims *d)
{
	char text[CELL + 64];
	struct pic_row r;
	size_t g;
	int i, x, w, groups = 0;

	d->box = 180;
	d->gap = 170;
	d->height = MARGIN;
	w = width_text(_("Server (another program)"), 1);
	if (px(w) + 24 > d->box)
		d->box = px(w) + 24;
	for (g = 0; g < m->ngroups; g++) {
		if (m->groups[g].nrows == 0)
			continue;
		d->height += (groups++ ? GROUPGAP : 0) + HEAD +
		    m->groups[g].nrows * ROWH;
		for (i = 0; i < m->groups[g].nrows; i++) {
			picture_model_row(m, &m->groups[g], i, &r);
			for (x = PIC_LEFT; x <= PIC_RIGHT; x++) {
				box_text(d, &r.box[x], text, sizeof text);
				w = px(width_text(text, 1)) + 28;
				if (w > d->box)
					d->box = w;
			}
			w = px(width_text(r.arrow.label, 1) + 2) + 90;
			if (r.arrow.kind != PIC_A_NONE && w > d->gap)
				d->gap = w;
		}
	}
	d->height += MARGIN;
	d->width = 2 * MARGIN + 2 * d->box + d->gap;
}

static void
text_at(FILE *f, int x, int y, const char *cls, const char *anchor,
    const char *s)
{
	fprintf(f, "<text x=\"%d\" y=\"%d\" class=\"%s\"%s%s%s "
	    "xml:space=\"preserve\">", x, y, cls, anchor ? " text-anchor=\"" :
	    "", anchor ? anchor : "", anchor ? "\"" : "");
	markup_xml_str(f, s);
	fputs("</text>\n", f);
}

/* The box B at X, on the row at Y. */
static void
draw_box(FILE *f, const struct svgdims *d, const struct pic_box *b, int x,
    int side, int y)
{
	char text[CELL + 64];
	enum style st = box_text(d, b, text, sizeof text);
	const char *cls = st == S_NOTE ? "note" : st == S_FAIL ? "fail" :
	    st == S_WAIT ? "wait" : "call";

	if (b->kind == PIC_BOX_NONE)
		return;
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
	    "rx=\"5\" class=\"box %s%s\"/>\n", x, y + (ROWH - BOXH) / 2,
	    d->box, BOXH, cls, b->newest ? " newest" : "");
	text_at(f, x + 12, y + ROWH / 2 + 5, cls, NULL, text);
	if (b->newest)
		text_at(f, side == PIC_LEFT ? x - 6 : x + d->box + 6,
		    y + ROWH / 2 + 5, "mark", side == PIC_LEFT ? "end" : NULL,
		    side == PIC_LEFT ? "\u25b6" : "\u25c0");
}

/* Where the arrow of R ends on SIDE: the box's edge, a bus line it meets,
 * or short of the box. */
static int
arrow_end(const struct svgdims *d, const struct pic_row *r, int side)
{
	int gl = MARGIN + d->box, gr = gl + d->gap, i;

	if (r->arrow.reaches[side])
		return side == PIC_LEFT ? gl : gr;
	for (i = 0; i < r->nbar; i++)
		if (r->bar[i].side == side && r->bar[i].joined)
			return side == PIC_LEFT ? gl + 40 - 8 * r->bar[i].lane :
			    gr - 40 + 8 * r->bar[i].lane;
	return side == PIC_LEFT ? gl + d->gap / 4 : gr - d->gap / 4;
}

static void
draw_bars(FILE *f, const struct svgdims *d, const struct pic_row *r, int y)
{
	int gl = MARGIN + d->box, gr = gl + d->gap, i, x;

	for (i = 0; i < r->nbar; i++) {
		x = r->bar[i].side == PIC_LEFT ? gl + 40 - 8 * r->bar[i].lane :
		    gr - 40 + 8 * r->bar[i].lane;
		fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "class=\"bus\"/>\n", x, r->bar[i].up ? y : y + ROWH / 2,
		    x, r->bar[i].down ? y + ROWH : y + ROWH / 2);
	}
}

static void
draw_arrow(FILE *f, const struct svgdims *d, const struct pic_row *r, int y)
{
	const struct pic_arrow *a = &r->arrow;
	int from = a->from, to = 1 - from, x1, x2, cy = y + ROWH / 2;
	const char *cls, *head;

	if (a->kind == PIC_A_NONE)
		return;
	x1 = arrow_end(d, r, from);
	x2 = arrow_end(d, r, to);
	cls = a->look == PIC_FAILED || a->kind == PIC_A_REFUSED ||
	    a->kind == PIC_A_RESET ? "fail" : a->look == PIC_PENDING ||
	    a->kind == PIC_A_CONNECTING ? "wait" : a->kind == PIC_A_EOF ?
	    "eof" : a->kind == PIC_A_CONNECT ? "conn" : "data";
	head = a->newest ? "new" : cls;
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"arrow %s%s\" marker-end=\"url(#%shead-%s)\"/>\n", x1, cy,
	    x2, cy, cls, a->newest ? " newest" : "", d->ids, head);
	if (a->kind == PIC_A_REFUSED)
		text_at(f, x2 + (to == PIC_RIGHT ? 6 : -6), cy + 5, "fail",
		    to == PIC_RIGHT ? NULL : "end", "\u2717");
	text_at(f, (x1 + x2) / 2, cy - 7, a->newest ? "label newest" :
	    "label", "middle", a->label);
}

/* Group G from Y down; where it ends. */
static int
draw_group(FILE *f, const struct svgdims *d, const struct pic_model *m,
    const struct pic_group *g, int y)
{
	struct pic_row r;
	int i, lx = MARGIN, rx = MARGIN + d->box + d->gap;

	text_at(f, lx + d->box / 2, y + 20, "head", "middle",
	    picture_model_title(g, PIC_LEFT, 0));
	text_at(f, rx + d->box / 2, y + 20, "head", "middle",
	    picture_model_title(g, PIC_RIGHT, 0));
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "class=\"rule\"/>\n", lx, y + HEAD - 6, rx + d->box, y + HEAD - 6);
	y += HEAD;
	for (i = 0; i < g->nrows; i++, y += ROWH) {
		picture_model_row(m, g, i, &r);
		draw_bars(f, d, &r, y);
		draw_box(f, d, &r.box[PIC_LEFT], lx, PIC_LEFT, y);
		draw_box(f, d, &r.box[PIC_RIGHT], rx, PIC_RIGHT, y);
		draw_arrow(f, d, &r, y);
	}
	return y;
}

/* The arrowheads, one a colour. */
static void
draw_defs(FILE *f, const char *ids)
{
	static const char *const heads[][2] = { { "data", "#1f2937" },
		{ "conn", "#1d4ed8" }, { "eof", "#6b7280" },
		{ "fail", "#b91c1c" }, { "wait", "#92400e" },
		{ "new", "#c2410c" } };
	size_t i;

	fputs("<defs>\n", f);
	for (i = 0; i < sizeof heads / sizeof *heads; i++)
		fprintf(f, "<marker id=\"%shead-%s\" viewBox=\"0 0 10 10\" "
		    "refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
		    "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" "
		    "fill=\"%s\"/></marker>\n", ids, heads[i][0],
		    heads[i][1]);
	fputs("</defs>\n", f);
}

static void
draw_style(FILE *f)
{
	fputs("<style>\n"
	    "text{font-family:" FONT ";font-size:14px;fill:#111827;"
	    "white-space:pre}\n"
	    ".head{font-weight:bold;font-size:15px}\n"
	    ".label{font-size:13px;fill:#374151}\n"
	    ".label.newest,.mark{fill:#c2410c;font-weight:bold}\n"
	    ".fail{fill:#991b1b}.wait{fill:#92400e}\n"
	    ".note{fill:#4b5563;font-style:italic}\n"
	    ".box{fill:#f3f6fb;stroke:#334155;stroke-width:1.5}\n"
	    ".box.fail{fill:#fdecec;stroke:#b91c1c}\n"
	    ".box.wait{fill:#fff7e6;stroke:#92400e;stroke-dasharray:6 3}\n"
	    ".box.note{fill:#ffffff;stroke:#9ca3af;stroke-dasharray:4 3}\n"
	    ".box.newest{fill:#fff1c1;stroke:#c2410c;stroke-width:2.5}\n"
	    ".arrow{stroke-width:1.8;fill:none}\n"
	    ".arrow.data{stroke:#1f2937}.arrow.conn{stroke:#1d4ed8}\n"
	    ".arrow.eof{stroke:#6b7280}.arrow.fail{stroke:#b91c1c}\n"
	    ".arrow.wait{stroke:#92400e;stroke-dasharray:6 4}\n"
	    ".arrow.newest{stroke:#c2410c;stroke-width:2.6}\n"
	    ".bus{stroke:#6b7280;stroke-width:1.5}\n"
	    ".rule{stroke:#cbd5e1;stroke-width:1}\n"
	    "</style>\n", f);
}

int
picture_svg_render(FILE *f, const struct pic_model *m, const char *title,
    const char *ids)
{
	struct svgdims d;
	size_t g;
	int i, w, y = MARGIN, groups = 0;

	memset(&d, 0, sizeof d);
	d.ids = ids;
	d.fit.utf8 = 1;
	d.fit.ellipsis = "\u2026";
	d.fit.to = "\u2192";
	d.fit.waiting = "\u22ef";
	d.fit.fail = "\u2717";
	for (i = 0; i < PIC_OPS; i++)
		if (m->ops[i] != NULL &&
		    (w = width_text(m->ops[i], 1)) > d.fit.opw)
			d.fit.opw = w;
	measure(m, &d);
	if (m->nrows == 0)
		d.height = 2 * MARGIN + HEAD;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n", d.width,
	    d.height, d.width, d.height);
	fputs("<title>", f);
	markup_xml_str(f, title);
	fputs("</title>\n", f);
	draw_style(f);
	draw_defs(f, ids);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	    d.width, d.height);
	if (m->nrows == 0)
		text_at(f, MARGIN, MARGIN + 20, "note", NULL, _("(nothing to "
		    "draw yet: the picture grows with each call, starting with "
		    "'socket NAME')"));
	for (g = 0; g < m->ngroups; g++) {
		if (m->groups[g].nrows == 0)
			continue;
		if (groups++ > 0)
			y += GROUPGAP;
		y = draw_group(f, &d, m, &m->groups[g], y);
	}
	fputs("</svg>\n", f);
	return ferror(f) ? -1 : 0;
}
