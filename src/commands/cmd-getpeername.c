/* cmd-getpeername.c - getpeername NAME: getpeername(2). */
#include <config.h>

#include <errno.h>
#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "commands/sockname.h"
#include "core/handle.h"
#include "core/shell.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type getpeername_event = {
	.call = "getpeername", .op = NULL, .role = ROLE_NONE
};

static enum cmd_retval
cmd_getpeername_exec(struct shell *sh, struct cmd_args *a)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct handle *h = a->h;
	char addr[128];

	if (sockname_get(sh, a, 1, &ss, &len) < 0)
		return CMD_ERROR;
	fprintf(sh->out, _("getpeername(%d) = 0: %s\n"), h->fd,
	    addr_format(&ss, len, addr, sizeof addr));
	handle_log(sh, &getpeername_event, h->id, 0, 0, 0);
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice getpeername_advice[] = {
	{ ENOTCONN, N_("this socket has no peer: it is not connected"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_getpeername_entry = {
	.name = "getpeername",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET }),
	.usage = N_("NAME"),
	.summary = N_("the address of the other end"),
	.help = N_("Makes getpeername(2): the address and port of the peer of "
	    "a connected socket (a connected UDP socket's default "
	    "destination). Fails with ENOTCONN when there is none. An "
	    "AF_UNIX client that did not bind shows as (unnamed)."),
	.errors = N_("ENOTCONN."),
	.advice = { getpeername_advice },
	.event = &getpeername_event,
	.example = "getpeername conn",
	.exec = cmd_getpeername_exec,
};
