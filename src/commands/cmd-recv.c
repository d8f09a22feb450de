/* cmd-recv.c - recv NAME [MAXBYTES] [&]: recv(2). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Receive box. */
static const struct ev_type recv_event = {
	.call = "recv", .op = N_("Receive"), .role = ROLE_RECV
};

static enum cmd_retval
cmd_recv_exec(struct shell *sh, struct cmd_args *a)
{
	struct op op;

	if (args_prepare(sh, &op, OP_RECV, a) < 0)
		return CMD_ERROR;
	/* MAXBYTES, MSG_* flags, --all or --to PATH. */
	if (args_recv(sh, &op, a, 1, 1) < 0) {
		op_free(&op);
		return CMD_ERROR;
	}
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice recv_advice[] = {
	{ ENOTCONN, N_("this is a listening socket: data goes over the "
	    "connections it accepts. 'accept NAME conn', then receive on "
	    "conn"), ERRINFO_LISTENING },
	{ EINVAL, N_("no urgent byte (MSG_OOB) is waiting, or it was read "
	    "already (or SO_OOBINLINE keeps it in the stream)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_recv_entry = {
	.name = "recv",
	.alias = "receive",
	.min_args = 1, .max_args = 8,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_RECV, .flags = ARG_REPEAT }),
	.usage = N_("NAME [MAXBYTES] [&] | NAME [MAXBYTES] "
	    "[MSG_PEEK|MSG_DONTWAIT|MSG_WAITALL|MSG_OOB]... | NAME --all | "
	    "NAME --to PATH [--replace]"),
	.summary = N_("receive data from the network"),
	.help = N_("Makes recv(2): takes up to MAXBYTES bytes (1024 by "
	    "default, as in the lecture) of what has arrived, or waits for "
	    "data. Shows them as text with unprintable bytes escaped, and as "
	    "a hex dump when they are not text. 0 bytes means the peer closed "
	    "its side: the end of the stream (EOF). The bytes become the "
	    "variable DATA, as the lecture's data = conn.recv(1024): 'send "
	    "conn $DATA' sends them back as they came, NUL bytes too ('set "
	    "DATA' shows them escaped). "
	    "Flags: MSG_PEEK looks without taking (the next recv gets the same "
	    "bytes), MSG_DONTWAIT fails with EAGAIN instead of waiting, "
	    "MSG_WAITALL waits for all MAXBYTES (or the end), MSG_OOB takes "
	    "the urgent byte. With '&' the shell goes on while the call "
	    "waits. For experiments with bulk data: --all receives until the "
	    "end of the stream and reports the bytes, the time and the rate, "
	    "keeping none of the data (DATA is then empty), as in 'recv b "
	    "--all &' then 'send a --size 64M'; --to PATH writes it to a new "
	    "file instead (never through a symbolic link; --replace after "
	    "PATH, typed at the terminal, replaces an existing file), which "
	    "goes again if the call fails before any byte arrives."),
	.errors = N_("ENOTCONN, ECONNRESET, EAGAIN (non-blocking, or SO_RCVTIMEO "
	    "ran out), EINVAL (MSG_OOB with no urgent byte), "
	    "ECONNREFUSED (connected UDP, after a datagram found "
	    "nobody)."),
	.advice = { recv_advice, advice_receiving },
	.event = &recv_event,
	.example = "recv conn 1024",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_recv_exec,
};
