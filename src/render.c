/* render.c - the state table printed after each command. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "sockshell.h"
#include "state.h"

enum { COL_NAME, COL_FD, COL_PROTO, COL_STEP, COL_LOCAL, COL_PEER,
	COL_TCP, COL_QUEUE, NCOLS };

#define CELL	64

/* Columns on the screen, not bytes: Cyrillic takes two bytes a letter. */
static int
text_width(const char *s)
{
	wchar_t w[CELL * 2];
	size_t n = mbstowcs(w, s, sizeof w / sizeof *w - 1);
	int width;

	if (n == (size_t)-1)
		return (int)strlen(s);
	w[n] = L'\0';
	width = wcswidth(w, n);
	return width < 0 ? (int)n : width;
}

static void
fill_row(const struct sock_state *st, char row[NCOLS][CELL])
{
	const struct handle *h = st->h;

	snprintf(row[COL_NAME], CELL, "%s", h->name);
	if (st->open)
		snprintf(row[COL_FD], CELL, "%d", h->fd);
	else
		snprintf(row[COL_FD], CELL, "-");
	snprintf(row[COL_PROTO], CELL, "%s", proto_label(h->family, h->type));
	snprintf(row[COL_STEP], CELL, "%s", step_name(st->step));
	format_sockaddr(&st->local, st->local_len, row[COL_LOCAL], CELL);
	format_sockaddr(&st->peer, st->peer_len, row[COL_PEER], CELL);
	if (st->step == STEP_CREATED || st->step == STEP_BOUND)
		snprintf(row[COL_PEER], CELL, "-");
	snprintf(row[COL_TCP], CELL, "%s", st->open && st->tcp_state ?
	    tcp_state_name(st->tcp_state) : "-");
	row[COL_QUEUE][0] = '\0';
	if (st->listening)
		snprintf(row[COL_QUEUE], CELL, _("%u of %u to accept"),
		    st->accept_queue, st->backlog);
	else if (st->inq > 0)
		snprintf(row[COL_QUEUE], CELL, P_("%d byte unread",
		    "%d bytes unread", (unsigned long)st->inq), st->inq);
}

void
render_jobs(struct shell *sh, FILE *f)
{
	struct job *j;
	char buf[256];

	for (j = sh->jobs; j != NULL; j = j->next)
		fprintf(f, _("  [%d] %s: waiting %s\n"), j->number,
		    j->op.desc, op_waiting_for(sh, &j->op, buf, sizeof buf));
}

/* Every socket the shell holds, one row each, then the waiting jobs. */
void
render_state(struct shell *sh)
{
	const char *head[NCOLS] = { _("NAME"), _("FD"), _("PROTO"),
	    _("STEP"), _("LOCAL"), _("PEER"), _("TCP STATE"), _("QUEUE") };
	int width[NCOLS], c, any_queue = 0;
	char (*rows)[NCOLS][CELL];
	struct sock_state st;
	size_t i, n = 0;

	if (sh->nhandles == 0) {
		fprintf(sh->out, "%s\n", _("  (no sockets yet: create one "
		    "with 'socket NAME')"));
		return;
	}
	rows = malloc(sh->nhandles * sizeof *rows);
	if (rows == NULL)
		return;
	for (c = 0; c < NCOLS; c++)
		width[c] = text_width(head[c]);
	for (i = 0; i < sh->nhandles; i++) {
		if (sh->handles[i]->retired)
			continue;
		state_collect(sh->handles[i], &st);
		fill_row(&st, rows[n]);
		for (c = 0; c < NCOLS; c++) {
			int w = text_width(rows[n][c]);

			if (w > width[c])
				width[c] = w;
		}
		any_queue |= rows[n][COL_QUEUE][0] != '\0';
		n++;
	}
	for (i = 0; i <= n; i++) {
		char line[NCOLS * (CELL + 2) + 8];
		size_t o = 0, len;

		for (c = 0; c < NCOLS; c++) {
			const char *s = i == 0 ? head[c] : rows[i - 1][c];
			int w;

			if (c == COL_QUEUE && !any_queue)
				break;
			w = text_width(s);
			len = strlen(s);
			memcpy(line + o, s, len);
			o += len;
			for (; w < width[c] + 2 && c < NCOLS - 1; w++)
				line[o++] = ' ';
		}
		while (o > 0 && line[o - 1] == ' ')
			o--;
		fprintf(sh->out, "  %.*s\n", (int)o, line);
	}
	free(rows);
	render_jobs(sh, sh->out);
}
