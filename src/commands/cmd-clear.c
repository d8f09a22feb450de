/* cmd-clear.c - clear: the screen cleared, and what is finished forgotten. */
#include <config.h>

#include <stdio.h>
#include <unistd.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"

/*
 * As a shell's clear, at a terminal: the screen is cleared (no control
 * codes go to a script's or a pipe's output). And the closed sockets are
 * forgotten, with their calls: their rows leave the table and the
 * picture, while the open sockets keep theirs.
 */
static enum cmd_retval
cmd_clear_exec(struct shell *sh, struct cmd_args *a)
{
	size_t sockets, events;

	(void)a;
	if (sh->terminal && isatty(fileno(sh->out)))
		fputs("\033[H\033[2J", sh->out);
	sockets = shell_forget(sh, 0, &events);
	sh->log.mark = sh->log.seq;
	if (sockets == 0)
		fprintf(sh->out, "%s\n", _("clear: no closed socket to "
		    "forget"));
	else
		fprintf(sh->out, P_("clear: %zu closed socket forgotten, and "
		    "its calls; the open ones stay\n", "clear: %zu closed "
		    "sockets forgotten, and their calls; the open ones stay\n",
		    (unsigned long)sockets), sockets);
	return CMD_OK;
}

const struct cmd_entry cmd_clear_entry = {
	.name = "clear",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("clear the screen and forget the closed sockets"),
	.help = N_("Clears the screen, as a shell's clear does (at a "
	    "terminal only: in a script it writes no control codes, just its "
	    "line), and forgets what is finished: the closed sockets leave "
	    "the table and the picture, with their calls, while the open "
	    "ones and their jobs stay as they are. 'reset' closes "
	    "everything and starts afresh."),
	.example = "clear",
	.flags = CMD_STATE | CMD_LATE,
	.exec = cmd_clear_exec,
};
