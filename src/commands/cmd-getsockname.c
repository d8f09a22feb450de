/* cmd-getsockname.c - getsockname NAME: getsockname(2) (the call itself,
 * shared with getpeername, is in sockname.c). */
#include <config.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "commands/sockname.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type getsockname_event = {
	.call = "getsockname", .op = NULL, .role = ROLE_NONE
};

static enum cmd_retval
cmd_getsockname_exec(struct shell *sh, struct cmd_args *a)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct handle *h = a->h;
	char addr[128];

	if (sockname_get(sh, a, 0, &ss, &len) < 0)
		return CMD_ERROR;
	addr_format(&ss, len, addr, sizeof addr);
	if (addr_named(&ss, len))
		fprintf(sh->out, _("getsockname(%d) = 0: %s\n"), h->fd, addr);
	else
		fprintf(sh->out, _("getsockname(%d) = 0: %s: not bound yet (the "
		    "kernel gives it an address at bind, listen or connect, "
		    "or for AF_UNIX never unless bound)\n"), h->fd, addr);
	handle_log(sh, &getsockname_event, h->id, 0, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_getsockname_entry = {
	.name = "getsockname",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET }),
	.usage = N_("NAME"),
	.summary = N_("the socket's own address"),
	.help = N_("Makes getsockname(2): the local address and port of the "
	    "socket, as bind gave them or as the kernel picked them (at "
	    "connect, or listen without bind). The state table shows the "
	    "same as LOCAL."),
	.event = &getsockname_event,
	.example = "getsockname cli",
	.exec = cmd_getsockname_exec,
};
