/* cmd-source.c - source FILE: run a script's commands here. */
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
cmd_source_exec(struct shell *sh, struct cmd_args *a)
{
	char *path;
	FILE *fp;
	int rc;

	if (sh->at.depth >= SOURCE_DEPTH_MAX) {
		report_error(sh, _("source: scripts nested more than %d deep "
		    "(does a script source itself?)"), SOURCE_DEPTH_MAX);
		return CMD_ERROR;
	}
	/* From a lesson: beside it, or in its work folder (core/fence.c). */
	if ((fp = fence_open_script(sh, a->argv[0], "source", &path)) == NULL)
		return CMD_ERROR;
	rc = hooks_run_file(sh, fp, path);
	free(path);
	return rc < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_source_entry = {
	.name = "source",
	.alias = ".",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_FILE }),
	.usage = N_("FILE"),
	.summary = N_("run the commands of a script file"),
	.help = N_("Reads FILE and runs each line as if typed here, echoing "
	    "it; errors name the file and line. FILE is commands as you would "
	    "type them, one a line (a lesson file works too). Scripts may "
	    "source others, up to 16 deep. A script can only run sockshell "
	    "commands. From a lesson, FILE is a .lesson file beside it, by "
	    "its name, or a file in its work folder, and it runs fenced as "
	    "the lesson does."),
	.example = "source server.sock",
	.exec = cmd_source_exec,
};
