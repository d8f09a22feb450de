/* cmd-record.c - record FILE|stop: the commands typed, as a lesson. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/hooks.h"
#include "core/shell.h"

static enum cmd_retval
cmd_record_exec(struct shell *sh, struct cmd_args *a)
{
	char *full = NULL;
	int rc;

	/* A lesson writes only in its work folder (core/fence.c). */
	if (strcmp(a->argv[0], "stop") != 0 &&
	    fence_path(sh, a->argv[0], "record", &full) < 0)
		return CMD_ERROR;
	rc = hooks_record(sh, full);
	free(full);
	return rc < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_record_entry = {
	.name = "record",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_FILE, .words = WORDS({ .word = "stop" }) }),
	.usage = N_("FILE|stop"),
	.summary = N_("write the commands you type as a lesson"),
	.help = N_("From 'record FILE' to 'record stop', each command you type "
	    "that makes a call is written to FILE as a lesson's step, with "
	    "what the kernel made of it as the step's expectation (the state, "
	    "the bytes sent, the data received, the errno) and a pause after "
	    "it; the port of the first bind becomes $PORT. Only what does not "
	    "depend on timing is written, so the file, run as a lesson, "
	    "passes. FILE must not exist yet: a recording never overwrites a "
	    "file, nor follows a symbolic link."),
	.example = "record mine.lesson",
	.flags = CMD_LATE,
	.exec = cmd_record_exec,
};
