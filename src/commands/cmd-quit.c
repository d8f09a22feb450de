/* cmd-quit.c - quit: leave the shell (closing every socket). */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/shell.h"

static enum cmd_retval
cmd_quit_exec(struct shell *sh, struct cmd_args *a)
{
	(void)sh;
	(void)a;
	return CMD_QUIT;
}

const struct cmd_entry cmd_quit_entry = {
	.name = "quit",
	.alias = "exit",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("leave the shell"),
	.help = N_("Closes every socket, cancels the background jobs and "
	    "leaves. End of input (Ctrl-D) does the same."),
	.example = "quit",
	.exec = cmd_quit_exec,
};
