/* cmd-lesson.c - lesson [NAME]: list the lessons, or run one. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/lessons.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/hooks.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"

/* The leftovers' close, as the picture draws it: a Close box. */
static const struct ev_type close_event = {
	.call = "close", .op = N_("Close"), .role = ROLE_CLOSE
};

/*
 * A lesson starts with no sockets open. One stopped half-way (Ctrl-D at
 * a pause) leaves srv listening and maybe an accept waiting; run again,
 * its 'socket srv' would be refused, and every step after it would fail
 * on the old socket. So the sockets still open, the lesson's or the
 * student's own, are closed first, each said as 'close' says it (their
 * background jobs are cancelled with them).
 */
static void
close_leftovers(struct shell *sh)
{
	struct handle *h;
	size_t i;
	int fd, rc, err;

	if (handle_open_count(sh) == 0)
		return;
	fprintf(sh->out, "%s\n", _("A lesson starts with no sockets open: "
	    "closing the ones still open."));
	for (i = 0; i < sh->nhandles; i++) {
		h = sh->handles[i];
		if (h->fd < 0)
			continue;
		fd = h->fd;
		rc = jobs_close_handle(sh, h);
		err = errno;
		if (rc < 0)
			report_call_failed(sh, NULL, NULL, "", "close", err,
			    "%d", fd);
		else
			fprintf(sh->out, _("close(%d) = 0: %s is closed\n"), fd,
			    h->name);
		handle_log(sh, &close_event, h->id, 0, rc, rc < 0 ? err : 0);
	}
}

static enum cmd_retval
cmd_lesson_exec(struct shell *sh, struct cmd_args *a)
{
	char *path;
	FILE *fp;
	int rc;

	if (a->argc == 0) {
		fprintf(sh->out, "%s\n", _("Lessons ('lesson NAME' or 'lesson "
		    "NUMBER' runs one):"));
		lessons_list(sh->out);
		return CMD_OK;
	}
	if (sh->at.depth >= SOURCE_DEPTH_MAX) {
		report_error(sh, _("lesson: scripts nested more than %d deep"),
		    SOURCE_DEPTH_MAX);
		return CMD_ERROR;
	}
	/* Opened before anything is closed: a lesson refused leaves the
	 * sockets as they are. */
	if ((fp = fence_open_lesson(sh, a->argv[0], "lesson", &path)) == NULL)
		return CMD_ERROR;
	close_leftovers(sh);
	rc = hooks_run_lesson(sh, fp, path);
	free(path);
	return rc < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_lesson_entry = {
	.name = "lesson",
	.min_args = 0, .max_args = 1,
	.args = ARGS({ .kind = ARG_NAME }),
	.usage = N_("[NAME|NUMBER]"),
	.summary = N_("list the lessons, or run one"),
	.help = N_("Without an argument, lists the lessons that follow the "
	    "lecture; with one, runs that lesson here: its narration is "
	    "printed, its commands are run and checked, and at each pause "
	    "you may type commands of your own before going on with Enter. "
	    "A lesson starts with no sockets open: those still open (a "
	    "lesson stopped half-way, or your own) are closed first, so a "
	    "lesson may be run again. NAME may be a path to a lesson file; "
	    "from a lesson, that is a .lesson file beside it or a file in "
	    "its work folder, as for source."),
	.example = "lesson echo",
	.exec = cmd_lesson_exec,
};
