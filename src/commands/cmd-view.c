/* cmd-view.c - view [picture|table|both|none]: what follows each command
 * that changes a socket. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/shell.h"
#include "state/state.h"
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
shell_show_view(struct shell *sh)
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
	mem = open_memstream(&buf, &len);
	if (mem != NULL)
		sh->out = mem;
	if (sh->view == VIEW_PICTURE || sh->view == VIEW_BOTH)
		picture_render_with(sh->out, sh, &o, states);
	if (sh->view == VIEW_TABLE || sh->view == VIEW_BOTH)
		render_state_with(sh, states);
	free(states);
	if (mem != NULL) {
		sh->out = out;
		if (fclose(mem) == 0)
			fwrite(buf, 1, len, out);
		free(buf);
	}
}

static enum cmd_retval
cmd_view_exec(struct shell *sh, struct cmd_args *a)
{
	int v;

	if (a->argc == 0) {
		fprintf(sh->out, _("view: %s\n"), sh->quiet ? "none" :
		    view_name(sh->view));
		return CMD_OK;
	}
	if ((v = view_parse(a->argv[0])) < 0) {
		shell_error(sh, _("'%.40s' is not a view: write picture, "
		    "table, both or none, as in 'view both'"), a->argv[0]);
		return CMD_ERROR;
	}
	sh->view = (enum view)v;
	sh->quiet = 0;
	shell_show_view(sh);
	return CMD_OK;
}

const struct cmd_entry cmd_view_entry = {
	.name = "view",
	.min_args = 0, .max_args = 1,
	.usage = N_("[picture|table|both|none]"),
	.summary = N_("choose what follows each command"),
	.help = N_("Chooses what the shell shows after each command that "
	    "changes a socket: the lecture's step-by-step picture, the "
	    "state table, both, or none (as with -q), and shows the new "
	    "choice at once. Without an argument, says which is chosen. At a "
	    "terminal it is both; in a script, the table (--view changes "
	    "it)."),
	.example = "view both",
	.exec = cmd_view_exec,
};
