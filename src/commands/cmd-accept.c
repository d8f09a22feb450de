/* cmd-accept.c - accept NAME [NEWNAME] [&]: accept(2). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Accept box. */
static const struct ev_type accept_event = {
	.call = "accept", .op = N_("Accept"), .role = ROLE_ACCEPT
};

static enum cmd_retval
cmd_accept_exec(struct shell *sh, struct cmd_args *a)
{
	char msg[MESSAGE_LEN];
	struct handle *h = a->h, *other;
	struct op op;

	if (a->argc == 2) {
		if (handle_name_ok(a->argv[1], msg) < 0) {
			report_error(sh, "%s", msg);
			return CMD_ERROR;
		}
		other = handle_find(sh, a->argv[1]);
		if (other != NULL && other->fd >= 0) {
			report_error(sh, _("there is already a socket named "
			    "'%s': give the new connection another name, as in "
			    "'accept %s conn2'"), other->name, h->name);
			return CMD_ERROR;
		}
	}
	if (args_prepare(sh, &op, OP_ACCEPT, a) < 0)
		return CMD_ERROR;
	if (a->argc == 2)
		snprintf(op.newname, sizeof op.newname, "%s", a->argv[1]);
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice accept_advice[] = {
	{ EINVAL, N_("this socket is connected (a client's end, or one that "
	    "accept gave): accept works on the listening socket, as in "
	    "'accept srv conn'"), ERRINFO_CONNECTED },
	{ EOPNOTSUPP, N_("accept is for SOCK_STREAM (TCP) sockets: a "
	    "SOCK_DGRAM (UDP) socket has no connections to accept"), 0 },
	{ EINVAL, N_("accept works only on a listening socket: call 'listen "
	    "NAME' first (after bind)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_accept_entry = {
	.name = "accept",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_NEWNAME }),
	.usage = N_("NAME [NEWNAME] [&]"),
	.summary = N_("accept a request to set up a connection"),
	.help = N_("Makes accept(2) on the listening socket NAME: takes the "
	    "next connection from its queue, or waits for one. The "
	    "connection is a new socket, named NEWNAME (conn, conn2, ... by "
	    "default); the listener goes on listening. With '&' the call "
	    "waits in the background while you go on, say to connect a "
	    "client, as in the lecture's order."),
	.errors = N_("EINVAL when the socket is not listening, EOPNOTSUPP on "
	    "UDP."),
	.advice = { accept_advice },
	.event = &accept_event,
	.example = "accept srv conn &",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_accept_exec,
};
