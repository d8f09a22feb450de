/* cmd-practice.c - practice NAME: a lesson whose steps the student types. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/hooks.h"
#include "core/report.h"
#include "core/shell.h"

static enum cmd_retval
cmd_practice_exec(struct shell *sh, struct cmd_args *a)
{
	char *path;
	FILE *fp;
	int rc;

	if (sh->at.depth >= SOURCE_DEPTH_MAX) {
		report_error(sh, _("practice: scripts nested more than %d "
		    "deep"), SOURCE_DEPTH_MAX);
		return CMD_ERROR;
	}
	if ((fp = fence_open_lesson(sh, a->argv[0], "practice", &path)) ==
	    NULL)
		return CMD_ERROR;
	rc = hooks_run_practice(sh, fp, path);
	free(path);
	return rc < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_practice_entry = {
	.name = "practice",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_NAME }),
	.usage = N_("LESSON"),
	.summary = N_("practise a lesson: you type its steps"),
	.help = N_("Runs a lesson as practice: its narration is printed as "
	    "usual, and at each of its steps you type the command. A step "
	    "passes on the system call made, not on the text typed: the same "
	    "call on the lesson's socket, with the same family and type, "
	    "address, flags and data, and what the lesson expects of it "
	    "holds. A wrong command runs all the same, and is explained. "
	    "'hint' helps (three times, more each time), 'skip' makes the "
	    "step for you, 'again' starts the step over on fresh sockets. "
	    "A summary ends the practice. A lesson's sockets that are still "
	    "open are closed first."),
	.example = "practice echo",
	.flags = CMD_LATE,
	.exec = cmd_practice_exec,
};
