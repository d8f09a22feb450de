/* picture-mermaid.c - the picture as a Mermaid sequence diagram, from the
 * same model as the terminal's: the server's sockets first, then the
 * client's, the calls as notes over their sockets, the arrows as
 * messages. Every text through markup_mermaid. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/markup.h"
#include "views/picture-mermaid.h"
#include "views/picture-model.h"

/* The participants: a name each, in the order they are declared. */
struct parts {
	const char	**names;
	size_t		  n, cap;
};

/* The name of the box B stands for: its socket's, or a note's text. */
static const char *
box_who(const struct pic_box *b)
{
	if (b->kind == PIC_BOX_CALL)
		return b->name;
	if (b->kind == PIC_BOX_NOTE)
		return b->text;
	return NULL;
}

/* NAME's participant number (from 1); added when new. 0: no memory. */
static size_t
part_of(struct parts *ps, const char *name)
{
	const char **grown;
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->names[i], name) == 0)
			return i + 1;
	if (ps->n == ps->cap) {
		grown = realloc(ps->names, (ps->cap ? ps->cap * 2 : 16) *
		    sizeof *grown);
		if (grown == NULL)
			return 0;
		ps->names = grown;
		ps->cap = ps->cap ? ps->cap * 2 : 16;
	}
	ps->names[ps->n++] = name;
	return ps->n;
}

/* Every box's socket, the left column's first. */
static int
collect(const struct pic_model *m, struct parts *ps)
{
	struct pic_row r;
	const char *who;
	size_t g;
	int i, x;

	for (x = PIC_LEFT; x <= PIC_RIGHT; x++)
		for (g = 0; g < m->ngroups; g++)
			for (i = 0; i < m->groups[g].nrows; i++) {
				picture_model_row(m, &m->groups[g], i, &r);
				who = box_who(&r.box[x]);
				if (who != NULL && part_of(ps, who) == 0)
					return -1;
			}
	return 0;
}

/* The socket in column X nearest row I of G: on it, above, below. */
static size_t
nearest(const struct pic_model *m, const struct pic_group *g, int i, int x,
    struct parts *ps)
{
	struct pic_row r;
	const char *who;
	int d, k;

	for (d = 0; d < g->nrows; d++)
		for (k = i - d; k <= i + d; k += 2 * d + (d == 0)) {
			if (k < 0 || k >= g->nrows)
				continue;
			picture_model_row(m, g, k, &r);
			if ((who = box_who(&r.box[x])) != NULL)
				return part_of(ps, who);
		}
	return 0;
}

static void
note(FILE *f, size_t p, const struct pic_box *b)
{
	char text[PIC_TEXT + 128];
	const char *mark = b->status[0] == '\0' ? "" :
	    b->look == PIC_PENDING ? " \u22ef " : " \u2717 ";

	snprintf(text, sizeof text, "%s %s%s%s%s%s%s%s", b->op, b->name,
	    b->text[0] != '\0' ? " " : "", b->text, b->to != NULL ?
	    " \u2192 " : "", b->to != NULL ? b->to : "", mark, b->status);
	fprintf(f, "    Note over p%zu: ", p);
	markup_mermaid(f, text);
	fputc('\n', f);
}

static void
message(FILE *f, const struct pic_model *m, const struct pic_group *g,
    int i, const struct pic_row *r, struct parts *ps)
{
	const struct pic_arrow *a = &r->arrow;
	size_t from = nearest(m, g, i, a->from, ps);
	size_t to = nearest(m, g, i, 1 - a->from, ps);
	const char *how = a->kind == PIC_A_REFUSED || a->kind == PIC_A_RESET
	    || a->look == PIC_FAILED ? "-x" : a->kind == PIC_A_CONNECTING ||
	    a->look == PIC_PENDING ? "--)" : a->kind == PIC_A_EOF ? "-->>" :
	    "->>";

	if (from == 0 || to == 0)
		return;
	fprintf(f, "    p%zu%sp%zu: ", from, how, to);
	markup_mermaid(f, a->label[0] != '\0' ? a->label : " ");
	fputc('\n', f);
}

int
picture_mermaid_render(FILE *f, const struct pic_model *m, const char *title)
{
	struct parts ps = { NULL, 0, 0 };
	struct pic_row r;
	size_t g, i;
	int k, x;

	if (collect(m, &ps) < 0) {
		free(ps.names);
		return -1;
	}
	fputs("sequenceDiagram\n    title ", f);
	markup_mermaid(f, title);
	fputc('\n', f);
	for (i = 0; i < ps.n; i++) {
		fprintf(f, "    participant p%zu as ", i + 1);
		markup_mermaid(f, ps.names[i]);
		fputc('\n', f);
	}
	for (g = 0; g < m->ngroups; g++)
		for (k = 0; k < m->groups[g].nrows; k++) {
			picture_model_row(m, &m->groups[g], k, &r);
			for (x = PIC_LEFT; x <= PIC_RIGHT; x++)
				if (r.box[x].kind == PIC_BOX_CALL)
					note(f, part_of(&ps, r.box[x].name),
					    &r.box[x]);
			if (r.arrow.kind != PIC_A_NONE)
				message(f, m, &m->groups[g], k, &r, &ps);
		}
	free(ps.names);
	return ferror(f) ? -1 : 0;
}
