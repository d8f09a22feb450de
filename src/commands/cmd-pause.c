/* cmd-pause.c - pause: a lesson waits here for the student. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/hooks.h"
#include "core/shell.h"
#include "state/state.h"

static enum cmd_retval
cmd_pause_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	hooks_pause(sh);
	return CMD_OK;
}

const struct cmd_entry cmd_pause_entry = {
	.name = "pause",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("in a lesson, wait for Enter before the next step"),
	.help = N_("At a terminal, waits until you press Enter; meanwhile you "
	    "may type commands of your own. Ctrl-D stops the lesson. In a "
	    "script read from a pipe, or with --no-pause, it does nothing."),
	.example = "pause",
	.exec = cmd_pause_exec,
};
