/* cmd-close.c - close NAME: close(2). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "sockshell.h"

static enum cmd_retval
cmd_close_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h;
	int fd, rc, err;

	if ((h = cmd_open_handle(sh, a->argv[0])) == NULL)
		return CMD_ERROR;
	fd = h->fd;
	rc = handle_close(sh, h);
	err = errno;
	if (rc < 0) {
		shell_call_failed(sh, NULL, "", "close", err, "%d", fd);
		shell_log(sh, EV_CLOSE, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	fprintf(sh->out, _("close(%d) = 0: %s is closed\n"), fd, h->name);
	shell_log(sh, EV_CLOSE, h->id, 0, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_close_entry = {
	.name = "close",
	.min_args = 1, .max_args = 1,
	.usage = N_("NAME"),
	.summary = N_("close the connection and the socket"),
	.help = N_("Makes close(2). On a connection the peer sees the end of "
	    "the stream (its recv returns 0) and its side moves to "
	    "CLOSE_WAIT; unread data here turns the close into a reset. "
	    "Background jobs on the socket are cancelled. The handle stays "
	    "in the table as closed, and its name may be used again."),
	.example = "close conn",
	.flags = CMD_STATE,
	.exec = cmd_close_exec,
};
