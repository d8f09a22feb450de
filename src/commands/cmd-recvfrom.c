/* cmd-recvfrom.c - recvfrom NAME [MAXBYTES] [FLAG]... [&]: recvfrom(2). */
#include <config.h>

#include <errno.h>
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Receive box. */
static const struct ev_type recvfrom_event = {
	.call = "recvfrom", .op = N_("Receive"), .role = ROLE_RECV
};

static enum cmd_retval
cmd_recvfrom_exec(struct shell *sh, struct cmd_args *a)
{
	struct op op;

	if (args_prepare(sh, &op, OP_RECV, a) < 0)
		return CMD_ERROR;
	op.from = 1;
	if (args_recv(sh, &op, a, 1, 0) < 0) {
		op_free(&op);
		return CMD_ERROR;
	}
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_recvfrom_entry = {
	.name = "recvfrom",
	.min_args = 1, .max_args = 6,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_RECV, .flags = ARG_REPEAT }),
	.usage = N_("NAME [MAXBYTES] [MSG_PEEK|MSG_DONTWAIT|MSG_WAITALL|"
	    "MSG_OOB]... [&]"),
	.summary = N_("receive a datagram and learn who sent it"),
	.help = N_("Makes recvfrom(2): as recv, and shows the sender's "
	    "address, the one a UDP server answers with sendto. On a "
	    "connected TCP socket the kernel gives no address (the peer is "
	    "known). A datagram longer than MAXBYTES is cut: the rest is "
	    "lost. The flags are as for recv."),
	.advice = { advice_receiving },
	.event = &recvfrom_event,
	.example = "recvfrom srv",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_recvfrom_exec,
};
