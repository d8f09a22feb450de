/* cmd-show.c - show: the state of every socket, now. */
#include <config.h>

#include "sockshell.h"
#include "state.h"

static enum cmd_retval
cmd_show_exec(struct shell *sh, struct cmd_args *a)
{
	(void)a;
	render_state(sh);
	return CMD_OK;
}

const struct cmd_entry cmd_show_entry = {
	.name = "show",
	.min_args = 0, .max_args = 0,
	.usage = "",
	.summary = N_("show the state of every socket"),
	.help = N_("Reads every socket's state from the kernel and prints "
	    "it: name, file descriptor, protocols, its step in the lecture's "
	    "lifecycle (created, bound, listening, connecting, connected, "
	    "closed), local and peer address, the TCP state from TCP_INFO, "
	    "and what waits in its queue: connections to accept on a "
	    "listener, unread bytes on a connection. Then the waiting jobs. "
	    "Useful after the peer did something, or with -q."),
	.example = "show",
	.exec = cmd_show_exec,
};
