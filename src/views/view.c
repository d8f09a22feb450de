/* view.c - what follows each command that changes a socket: the
 * picture, the table, both, or nothing ('view', --view). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

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

/*
 * After a command: the picture, the table, both (picture first) or
 * nothing. Drawn into memory and written at once: stdout is line-buffered,
 * and a write(2) a line made the picture of 1,000 sockets cost more than
 * drawing it.
 */
void
view_show(struct shell *sh)
{
	struct picture_opts o;
	struct sock_state *states = NULL;
	FILE *out = sh->out, *mem;
	char *buf = NULL;
	size_t len = 0, i;

	if (sh->quiet)
		return;
	if (sh->view == VIEW_PICTURE || sh->view == VIEW_BOTH)
		picture_opts_detect(sh, &o);	/* for the real output */
	/* Both: each socket read once, for the two. */
	if (sh->view == VIEW_BOTH && sh->nhandles > 0 &&
	    (states = malloc(sh->nhandles * sizeof *states)) != NULL)
		for (i = 0; i < sh->nhandles; i++)
			state_collect_brief(sh->handles[i], &states[i]);
	if ((mem = open_memstream(&buf, &len)) == NULL)
		mem = out;
	if (sh->view == VIEW_PICTURE || sh->view == VIEW_BOTH)
		picture_render_with(mem, sh, &o, states);
	if (sh->view == VIEW_TABLE || sh->view == VIEW_BOTH)
		render_state_with(mem, sh, states);
	free(states);
	if (mem != out) {
		if (fclose(mem) == 0)
			fwrite(buf, 1, len, out);
		free(buf);
	}
}
