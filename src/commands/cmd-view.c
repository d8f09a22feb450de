/* cmd-view.c - view [picture|table|both|none]: what follows each command
 * that changes a socket. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/report.h"
#include "core/shell.h"
#include "views/view.h"

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
		report_error(sh, _("'%.40s' is not a view: write picture, "
		    "table, both or none, as in 'view both'"), a->argv[0]);
		return CMD_ERROR;
	}
	sh->view = (enum view)v;
	sh->quiet = 0;
	view_show(sh);
	return CMD_OK;
}

const struct cmd_entry cmd_view_entry = {
	.name = "view",
	.min_args = 0, .max_args = 1,
	.args = ARGS({ .kind = ARG_VIEW }),
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
