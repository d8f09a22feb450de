/* cmd-skip.c - skip: makes the step being practised for you. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/hooks.h"
#include "core/shell.h"

static enum cmd_retval
cmd_skip_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	return hooks_practice_ask(sh, PRACTICE_SKIP) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_skip_entry = {
	.name = "skip",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("makes the step being practised for you"),
	.help = N_("In a practice: runs the lesson's own command for the step, so that the practice goes on; the step counts as skipped."),
	.example = "skip",
	.flags = CMD_LATE,
	.exec = cmd_skip_exec,
};
