/* cmd-again.c - again: starts the step being practised over. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/hooks.h"
#include "core/shell.h"

static enum cmd_retval
cmd_again_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	return hooks_practice_ask(sh, PRACTICE_AGAIN) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_again_entry = {
	.name = "again",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("starts the step being practised over"),
	.help = N_("In a practice: when a mistake cannot be undone in place (a socket bound to the wrong port, a connection made to the wrong place), closes every socket and replays the lesson's steps up to this one on fresh sockets; then type the step again."),
	.example = "again",
	.flags = CMD_LATE,
	.exec = cmd_again_exec,
};
