/* cmd-export.c - export FILE [--force]: the picture as it stands, in
 * full, into a file in the format its extension names: the lecture's
 * slide (.svg), the session step by step (.html), a Mermaid diagram
 * (.mmd), the text picture (.txt). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/report.h"
#include "core/shell.h"
#include "views/export.h"

static enum cmd_retval
cmd_export_exec(struct shell *sh, struct cmd_args *a)
{
	const char *path = NULL;
	char *full;
	int i, force = 0, rc;

	for (i = 0; i < a->argc; i++)
		if (strcmp(a->argv[i], "--force") == 0)
			force = 1;
		else if (path == NULL)
			path = a->argv[i];
		else {
			report_error(sh, _("export takes one file, and maybe "
			    "--force: '%.40s' is one word too many"),
			    a->argv[i]);
			return CMD_ERROR;
		}
	if (path == NULL || path[0] == '\0') {
		report_error(sh, "%s", _("export: name the file to write, as "
		    "in 'export slide.svg'"));
		return CMD_ERROR;
	}
	/* A lesson writes only in its work folder (core/fence.c). */
	if (fence_path(sh, path, "export", &full) < 0)
		return CMD_ERROR;
	rc = export_file(sh, full, force);
	free(full);
	return rc < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_FILE }, { .kind = ARG_OPTIONS,
	    .flags = ARG_REPEAT, .words = WORDS({ .word = "--force" }) }),
	.usage = N_("FILE [--force]"),
	.summary = N_("write the picture to a file: .svg, .html, .mmd, .txt"),
	.help = N_("Writes the picture as it stands, in full (never the "
	    "terminal's shortened view), into FILE, in the format its "
	    "extension names: .svg, the lecture's slide as vector graphics "
	    "(the Server and Client columns, the boxes in order, the arrows "
	    "with their labels, the newest step marked); .html, one web page "
	    "of the whole session or lesson, step by step: each step's "
	    "command, what it printed, the lesson's narration and the picture "
	    "after it, the arrow keys moving between the steps, working "
	    "offline; .mmd, a Mermaid sequence diagram (a participant a "
	    "socket, a message an arrow); .txt, the text picture without "
	    "colour. What came from the network is escaped, never markup. An "
	    "existing FILE is written over only with --force, and a symbolic "
	    "link is never followed. 'sockshell --export DIR' writes a slide "
	    "a step and the page."),
	.errors = N_("an unknown extension, a missing folder, an existing "
	    "file without --force, a symbolic link."),
	.example = "export slides.html",
	.flags = CMD_LATE,
	.exec = cmd_export_exec,
};
