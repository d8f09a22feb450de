/* cmd-show.c - show: the state of every socket, now. */
#include <config.h>

#include "base/i18n.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/render.h"

static enum cmd_retval
cmd_show_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h;
	int i;

	if (a->argc == 0) {
		render_state(sh);
		return CMD_OK;
	}
	/* Named: every field of those sockets, closed ones too. */
	for (i = 0; i < a->argc; i++)
		if (handle_find(sh, a->argv[i]) == NULL)
			return args_open_handle(sh, a->argv[i]) ? CMD_OK :
			    CMD_ERROR;
	for (i = 0; i < a->argc; i++) {
		h = handle_find(sh, a->argv[i]);
		render_details(sh, h);
	}
	return CMD_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.min_args = 0, .max_args = -1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_REPEAT }),
	.usage = N_("[NAME]..."),
	.summary = N_("show the state of every socket"),
	.help = N_("Reads every socket's state from the kernel and prints "
	    "it: name, file descriptor, protocols, its step in the lecture's "
	    "lifecycle (created, bound, listening, connecting, connected, "
	    "closed), local and peer address, the TCP state from TCP_INFO, "
	    "and what waits in its queue: connections to accept on a "
	    "listener, unread bytes on a connection. Then the waiting jobs. "
	    "Useful after the peer did something, or with -q. With names, "
	    "everything the kernel tells about those sockets: segments in "
	    "and out, bytes queued to read (SIOCINQ) and not yet "
	    "acknowledged (SIOCOUTQ), the options that differ from a new "
	    "socket's, and, after close, the connection the kernel still "
	    "keeps (TIME_WAIT)."),
	.example = "show",
	.exec = cmd_show_exec,
};
