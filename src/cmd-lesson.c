/* cmd-lesson.c - lesson [NAME]: list the lessons, or run one. */
#include <config.h>

#include <limits.h>

#include "sockshell.h"

static enum cmd_retval
cmd_lesson_exec(struct shell *sh, struct cmd_args *a)
{
	char path[PATH_MAX];

	if (a->argc == 0) {
		fprintf(sh->out, "%s\n", _("Lessons ('lesson NAME' or 'lesson "
		    "NUMBER' runs one):"));
		lessons_list(sh->out);
		return CMD_OK;
	}
	if (lesson_find(a->argv[0], path, sizeof path) < 0) {
		shell_error(sh, _("no lesson '%.40s' in %s: 'lesson' lists "
		    "them"), a->argv[0], lessons_dir());
		return CMD_ERROR;
	}
	if (sh->depth >= SOURCE_DEPTH_MAX) {
		shell_error(sh, _("lesson: scripts nested more than %d deep"),
		    SOURCE_DEPTH_MAX);
		return CMD_ERROR;
	}
	return shell_run_file(sh, path) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_lesson_entry = {
	.name = "lesson",
	.min_args = 0, .max_args = 1,
	.usage = N_("[NAME|NUMBER]"),
	.summary = N_("list the lessons, or run one"),
	.help = N_("Without an argument, lists the lessons that follow the "
	    "lecture; with one, runs that lesson here: its narration is "
	    "printed, its commands are run and checked, and at each pause "
	    "you may type commands of your own before going on with Enter."),
	.example = "lesson echo",
	.exec = cmd_lesson_exec,
};
