/* cmd-jobs.c - jobs: the calls waiting in the background. */
#include <config.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/job.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/render.h"

static enum cmd_retval
cmd_jobs_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	if (sh->jobs == NULL)
		fprintf(sh->out, "%s\n", _("no background jobs: end accept, "
		    "connect, send or recv with '&' to start one"));
	else
		render_jobs(sh, sh->out);
	return CMD_OK;
}

const struct cmd_entry cmd_jobs_entry = {
	.name = "jobs",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("list the calls waiting in the background"),
	.help = N_("Lists the jobs started with '&', with their numbers and "
	    "what each waits for. A job ends when its call completes (the "
	    "shell says so before the next prompt), or when its socket is "
	    "closed."),
	.example = "jobs",
	.exec = cmd_jobs_exec,
};
