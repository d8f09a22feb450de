/* cmd-reset.c - reset: every socket closed, and a fresh picture. */
#include <config.h>

#include <errno.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"

/*
 * Closes each open socket as 'close' does (its jobs cancelled first) and
 * says so as 'close' does; then forgets every socket and every call, so
 * that the picture and the table start again from nothing, as a new
 * shell would (the variables, $PORT and $DATA, stay).
 */
static enum cmd_retval
cmd_reset_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h;
	size_t i, closed = 0;
	int fd, err, rc = CMD_OK;

	(void)a;
	for (i = 0; i < sh->nhandles; i++) {
		h = sh->handles[i];
		if (h->fd < 0)
			continue;
		fd = h->fd;
		if (jobs_close_handle(sh, h) < 0) {
			/* The descriptor is gone all the same (close(2)). */
			err = errno;
			report_call_failed(sh, NULL, NULL, "", "close", err,
			    "%d", fd);
			rc = CMD_ERROR;
		} else
			fprintf(sh->out, _("close(%d) = 0: %s is closed\n"), fd,
			    h->name);
		closed++;
	}
	shell_forget(sh, 1, NULL);
	sh->log.mark = sh->log.seq;
	if (closed == 0)
		fprintf(sh->out, "%s\n", _("reset: no socket was open; the "
		    "picture starts afresh"));
	else
		fprintf(sh->out, P_("reset: %zu socket closed; the picture "
		    "starts afresh\n", "reset: %zu sockets closed; the picture "
		    "starts afresh\n", (unsigned long)closed), closed);
	return rc;
}

const struct cmd_entry cmd_reset_entry = {
	.name = "reset",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("close every socket and start a fresh picture"),
	.help = N_("Closes every open socket, as 'close' does for each "
	    "(the background jobs on them are cancelled), and forgets every "
	    "socket and call: the table and the picture start again from "
	    "nothing, as in a new shell, so the next lesson or experiment "
	    "begins on a clean page. The variables ($PORT, $DATA) stay. "
	    "'clear' forgets only what is finished."),
	.example = "reset",
	.flags = CMD_LATE,
	.exec = cmd_reset_exec,
};
