/* cmd-hint.c - hint: gives a hint for the step being practised. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/hooks.h"
#include "core/shell.h"

static enum cmd_retval
cmd_hint_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	return hooks_practice_ask(sh, PRACTICE_HINT) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_hint_entry = {
	.name = "hint",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("gives a hint for the step being practised"),
	.help = N_("In a practice (practice NAME, or sockshell --practice NAME): a hint for the step: first which call it is and why, then the form of the command, then the exact command."),
	.example = "hint",
	.flags = CMD_LATE,
	.exec = cmd_hint_exec,
};
