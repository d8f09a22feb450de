/* cmd-getpeername.c - getpeername NAME: getpeername(2). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "sockshell.h"

static enum cmd_retval
cmd_getpeername_exec(struct shell *sh, struct cmd_args *a)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	struct handle *h;
	char addr[128];
	int err;

	if ((h = cmd_open_handle(sh, a->argv[0])) == NULL)
		return CMD_ERROR;
	memset(&ss, 0, sizeof ss);
	if (getpeername(h->fd, (struct sockaddr *)&ss, &len) < 0) {
		err = errno;
		shell_call_failed(sh, "", "getpeername", err, "%d", h->fd);
		shell_log(sh, EV_GETPEERNAME, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	fprintf(sh->out, _("getpeername(%d) = 0: %s\n"), h->fd,
	    format_sockaddr(&ss, len, addr, sizeof addr));
	shell_log(sh, EV_GETPEERNAME, h->id, 0, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_getpeername_entry = {
	.name = "getpeername",
	.min_args = 1, .max_args = 1,
	.usage = N_("NAME"),
	.summary = N_("the address of the other end"),
	.help = N_("Makes getpeername(2): the address and port of the peer of "
	    "a connected socket (a connected UDP socket's default "
	    "destination). Fails with ENOTCONN when there is none. An "
	    "AF_UNIX client that did not bind shows as (unnamed)."),
	.errors = N_("ENOTCONN."),
	.example = "getpeername conn",
	.exec = cmd_getpeername_exec,
};
