/* cmd-send.c - send NAME DATA [&]: send(2), repeated until all is sent. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Send box. */
static const struct ev_type send_event = {
	.call = "send", .op = N_("Send"), .role = ROLE_SEND
};

static enum cmd_retval
cmd_send_exec(struct shell *sh, struct cmd_args *a)
{
	struct op op;

	if (args_prepare(sh, &op, OP_SEND, a) < 0)
		return CMD_ERROR;
	/* DATA, MSG_* flags before it, --size BYTES or --file PATH. */
	if (args_data(sh, &op, a, 2) < 0) {
		op_free(&op);
		return CMD_ERROR;
	}
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice send_advice[] = {
	{ ECONNREFUSED, N_("an earlier datagram found nobody at its port: the "
	    "kernel got an ICMP \"port unreachable\" and reports it on the "
	    "next call"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_send_entry = {
	.name = "send",
	.min_args = 2, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_SEND, .flags = ARG_REPEAT }),
	.usage = N_("NAME DATA [&] | NAME [MSG_OOB|MSG_DONTWAIT]... DATA | "
	    "NAME --size BYTES | NAME --file PATH"),
	.summary = N_("send data over the network"),
	.help = N_("Makes send(2) until every byte is sent, like Python's "
	    "sendall. DATA is a quoted string with the escapes \\n \\r \\t "
	    "\\0 \\xHH \\\\ \\\" \\', Python's b'Hello, world!' (with "
	    "Python's escapes), $DATA (what the last recv returned, NUL "
	    "bytes too: the lecture's conn.sendall(data)), or the rest of "
	    "the line as typed, up to a word that starts with # (a comment: "
	    "quote DATA to send one). "
	    "SIGPIPE never stops the shell: a send on a closed connection "
	    "fails with EPIPE instead. Flags before DATA: MSG_OOB sends the "
	    "last byte as urgent data, MSG_DONTWAIT fails with EAGAIN "
	    "instead of waiting. For experiments with flow control, --size "
	    "BYTES (as in 64M) sends generated data and --file PATH a file's "
	    "bytes, chunk by chunk, reporting the bytes, the time and the "
	    "rate; when the peer does not read, the send buffer fills and "
	    "the call waits, showing how far it got (Ctrl-C stops it). On a "
	    "datagram socket they make one datagram."),
	.errors = N_("EPIPE, ECONNRESET, ENOTCONN, EAGAIN (non-blocking), "
	    "EMSGSIZE (a datagram too big), EDESTADDRREQ (an "
	    "unconnected datagram socket)."),
	.advice = { send_advice, advice_sending },
	.event = &send_event,
	.example = "send cli \"Hello, world!\"",
	.flags = CMD_STATE | CMD_BACKGROUND | CMD_DATA,
	.exec = cmd_send_exec,
};
