/* cmd-send.c - send NAME DATA [&]: send(2), repeated until all is sent. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "sockshell.h"

static enum cmd_retval
cmd_send_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h;
	struct op op;

	if ((h = cmd_open_handle(sh, a->argv[0])) == NULL)
		return CMD_ERROR;
	if (op_prepare(sh, &op, OP_SEND, h, "send", a) < 0)
		return CMD_ERROR;
	op.len = a->lens[1];
	op.data = malloc(op.len + 1);
	if (op.data == NULL) {
		op_free(&op);
		shell_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	memcpy(op.data, a->argv[1], op.len);
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_send_entry = {
	.name = "send",
	.min_args = 2, .max_args = 2,
	.usage = N_("NAME DATA [&]"),
	.summary = N_("send data over the network"),
	.help = N_("Makes send(2) until every byte is sent, like Python's "
	    "sendall. DATA is a quoted string with the escapes \\n \\r \\t "
	    "\\0 \\xHH \\\\ \\\" \\', or the rest of the line as typed. "
	    "SIGPIPE never stops the shell: a send on a closed connection "
	    "fails with EPIPE instead."),
	.example = "send cli \"Hello, world!\"",
	.flags = CMD_STATE | CMD_BACKGROUND | CMD_DATA,
	.exec = cmd_send_exec,
};
