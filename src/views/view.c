/* view.c - what follows each command that changes a socket: the
 * picture, the table, both, or nothing ('view', --view). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/picture-opts.h"
#include "views/picture.h"
#include "views/render.h"
#include "views/view.h"

static const char *const view_names[] = {
	[VIEW_TABLE] = "table", [VIEW_PICTURE] = "picture",
	[VIEW_BOTH] = "both", [VIEW_NONE] = "none"
};

int
view_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof view_names / sizeof *view_names; i++)
		if (strcmp(s, view_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
view_name(enum view v)
{
	return (size_t)v < sizeof view_names / sizeof *view_names ?
	    view_names[v] : "?";
}

/* The lines of the BUF's LEN bytes. */
static int
lines_of(const char *buf, size_t len)
{
	int n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n;
}

/*
 * The rows the picture may take at a terminal (O->rows), below what the
 * step wrote already (sh->screen.used) and above TABLE lines of the table
 * and the prompt's line, so that the step's narration stays on the
 * screen: its last rows, "... earlier steps" before them. 0: no room
 * (fewer than PICTURE_MIN rows); -1: no terminal, no limit but O's.
 */
#define PICTURE_MIN	6

static int
picture_room(const struct shell *sh, const struct picture_opts *o,
    int table)
{
	int room;

	if (!sh->screen.counted || o->rows == 0)
		return -1;
	room = o->rows - 1 - sh->screen.used - table;
	return room >= PICTURE_MIN ? room : 0;
}

/*
 * The picture into memory (*BUF, *LEN), in ROOM lines at most where ROOM
 * > 0: the renderer keeps a few rows of a conversation however small
 * its room, so what it drew is measured, and drawn again smaller.
 */
static void
picture_fitted(struct shell *sh, struct picture_opts *o,
    const struct sock_state *states, int room, char **buf, size_t *len)
{
	int tries, over;
	FILE *mem;

	if (room > 0)
		o->max_rows = room;
	for (tries = 0; tries < 4; tries++) {
		free(*buf);
		*buf = NULL;
		*len = 0;
		if ((mem = open_memstream(buf, len)) == NULL)
			return;
		picture_render_with(mem, sh, o, states);
		if (fclose(mem) != 0) {
			*len = 0;
			return;
		}
		over = lines_of(*buf, *len) - room;
		if (room <= 0 || over <= 0 || o->max_rows - over < 1)
			return;
		o->max_rows -= over;
	}
}

/* The table into memory (*BUF, *LEN); its lines. */
static int
table_into(struct shell *sh, const struct sock_state *states, char **buf,
    size_t *len)
{
	FILE *mem = open_memstream(buf, len);

	if (mem == NULL)
		return -1;
	render_state_with(mem, sh, states, sh->screen.counted);
	if (fclose(mem) != 0)
		return -1;
	return lines_of(*buf, *len);
}

int
view_table_lines(struct shell *sh)
{
	char *buf = NULL;
	size_t len = 0;
	int n;

	if (sh->quiet || (sh->view != VIEW_TABLE && sh->view != VIEW_BOTH))
		return 0;
	n = table_into(sh, NULL, &buf, &len);
	free(buf);
	return n > 0 ? n : 0;
}

/*
 * After a command: the picture, the table, both (picture first) or
 * nothing. At a terminal they fit what is left of the screen: the table
 * in full, the picture's last rows in the room above it. Drawn into
 * memory and written at once: stdout is line-buffered, and a write(2) a
 * line made the picture of 1,000 sockets cost more than drawing it.
 */
void
view_show(struct shell *sh)
{
	struct picture_opts o;
	struct sock_state *states = NULL;
	char *pbuf = NULL, *tbuf = NULL;
	size_t plen = 0, tlen = 0, i;
	int table = 0, room;

	if (sh->quiet)
		return;
	/* Both: each socket read once, for the two. */
	if (sh->view == VIEW_BOTH && sh->nhandles > 0 &&
	    (states = malloc(sh->nhandles * sizeof *states)) != NULL)
		for (i = 0; i < sh->nhandles; i++)
			state_collect_brief(sh->handles[i], &states[i]);
	if (sh->view == VIEW_TABLE || sh->view == VIEW_BOTH)
		table = table_into(sh, states, &tbuf, &tlen);
	if (sh->view == VIEW_PICTURE || sh->view == VIEW_BOTH) {
		picture_opts_detect(sh, &o);	/* for the real output */
		room = picture_room(sh, &o, table > 0 ? table : 0);
		if (room != 0)
			picture_fitted(sh, &o, states, room, &pbuf, &plen);
		if (room == 0 || (room > 0 && lines_of(pbuf, plen) > room)) {
			plen = 0;
			fprintf(sh->out, "  %s\n", _("(no room here for the "
			    "picture: 'picture' draws it)"));
		}
	}
	free(states);
	if (plen > 0)
		fwrite(pbuf, 1, plen, sh->out);
	if (tlen > 0)
		fwrite(tbuf, 1, tlen, sh->out);
	free(pbuf);
	free(tbuf);
}
