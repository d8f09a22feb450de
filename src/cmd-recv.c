/* cmd-recv.c - recv NAME [MAXBYTES] [&]: recv(2). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "sockshell.h"

static enum cmd_retval
cmd_recv_exec(struct shell *sh, struct cmd_args *a)
{
	unsigned long max = RECV_DEFAULT;
	struct handle *h;
	struct op op;
	char *end;

	if ((h = cmd_open_handle(sh, a->argv[0])) == NULL)
		return CMD_ERROR;
	if (a->argc == 2) {
		errno = 0;
		max = strtoul(a->argv[1], &end, 10);
		if (!isdigit((unsigned char)a->argv[1][0]) || *end != '\0' ||
		    errno != 0 || max == 0 || max > RECV_MAX) {
			shell_error(sh, _("'%.40s' is not a size to receive: "
			    "write a number of bytes from 1 to %d, as in "
			    "'recv %s 1024'"), a->argv[1], RECV_MAX, h->name);
			return CMD_ERROR;
		}
	}
	if (op_prepare(sh, &op, OP_RECV, h, "recv", a) < 0)
		return CMD_ERROR;
	op.maxbytes = max;
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_recv_entry = {
	.name = "recv",
	.alias = "receive",
	.min_args = 1, .max_args = 2,
	.usage = N_("NAME [MAXBYTES] [&]"),
	.summary = N_("receive data from the network"),
	.help = N_("Makes recv(2): takes up to MAXBYTES bytes (1024 by "
	    "default, as in the lecture) of what has arrived, or waits for "
	    "data. Shows them as text with unprintable bytes escaped, and as "
	    "a hex dump when they are not text. 0 bytes means the peer closed "
	    "its side: the end of the stream (EOF)."),
	.example = "recv conn 1024",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_recv_exec,
};
