/* cmd-wait.c - wait [N]: wait for background jobs to end. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/job.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"

static enum cmd_retval
cmd_wait_exec(struct shell *sh, struct cmd_args *a)
{
	const char *s;
	enum jobs_wait_end end;
	int number = -1;

	if (a->argc == 1) {
		s = a->argv[0];
		if (*s == '%')
			s++;
		if (!isdigit((unsigned char)*s) || (number = atoi(s)) <= 0 ||
		    (job_find(sh, number) == NULL &&
		    number > sh->max_job)) {
			report_error(sh, _("no job %.20s: 'jobs' lists the "
			    "running ones"), a->argv[0]);
			return CMD_ERROR;
		}
		/* It may have ended already, as the last command finished. */
		if (job_find(sh, number) == NULL) {
			fprintf(sh->out, _("job %d has already ended\n"),
			    number);
			return CMD_OK;
		}
	} else if (sh->jobs == NULL) {
		fprintf(sh->out, "%s\n", _("no background jobs to wait for"));
		return CMD_OK;
	}
	/* At a terminal, say what the prompt's absence waits for. */
	if (sh->interactive) {
		struct job *j;

		for (j = sh->jobs; j != NULL; j = j->next)
			if (number < 0 || j->number == number)
				fprintf(sh->err, _("waiting for [%d] %s "
				    "(Ctrl-C stops the waiting, not the job)\n"),
				    j->number, j->op.desc);
	}
	end = jobs_wait(sh, -1, 0, number, sh->timeout);
	if (end == WAIT_INTERRUPTED) {
		if (sh->interactive)
			fputc('\n', sh->err);	/* after the terminal's ^C */
		report_error(sh, "%s", _("stopped waiting (Ctrl-C); the jobs "
		    "go on"));
		return CMD_ERROR;
	}
	if (end == WAIT_TIMEOUT) {
		report_error(sh, _("gave up waiting for jobs after %g s "
		    "(--timeout); they go on"), sh->timeout);
		return CMD_ERROR;
	}
	if (end == WAIT_FAILED) {
		report_error(sh, _("waiting for jobs failed: poll: %s; they go "
		    "on"), strerror(errno));
		return CMD_ERROR;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_wait_entry = {
	.name = "wait",
	.min_args = 0, .max_args = 1,
	.args = ARGS({ .kind = ARG_NUMBER }),
	.usage = N_("[JOB]"),
	.summary = N_("wait for background jobs to end"),
	.help = N_("Waits until job JOB ends, or every job without an "
	    "argument. Ctrl-C stops the waiting, not the jobs."),
	.example = "wait 1",
	.flags = CMD_STATE,
	.exec = cmd_wait_exec,
};
