/* cmd-nonblock.c - nonblock NAME [on|off]: fcntl(2) with O_NONBLOCK. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type fcntl_event = {
	.call = "fcntl", .op = NULL, .role = ROLE_NONE
};

static char *
flags_text(int flags, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", (flags & O_ACCMODE) == O_RDWR ? "O_RDWR" :
	    "O_RDONLY", flags & O_NONBLOCK ? "|O_NONBLOCK" : "");
	return buf;
}

static enum cmd_retval
cmd_nonblock_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h;
	char text[64];
	int flags, on = 0, err;

	if (a->argc == 2) {
		if (strcasecmp(a->argv[1], "on") == 0 ||
		    strcmp(a->argv[1], "1") == 0)
			on = 1;
		else if (strcasecmp(a->argv[1], "off") == 0 ||
		    strcmp(a->argv[1], "0") == 0)
			on = 0;
		else {
			report_error(sh, _("'%.40s' is not on or off: "
			    "'nonblock %s on' makes the calls on it "
			    "non-blocking"),
			    a->argv[1], h->name);
			return CMD_ERROR;
		}
	}
	flags = fcntl(h->fd, F_GETFL);
	if (flags < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "fcntl", err,
		    "%d, F_GETFL", h->fd);
		handle_log(sh, &fcntl_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	if (a->argc == 1) {
		fprintf(sh->out, _("fcntl(%d, F_GETFL) = %s: %s\n"), h->fd,
		    flags_text(flags, text, sizeof text), flags & O_NONBLOCK ?
		    _("non-blocking") : _("blocking"));
		handle_log(sh, &fcntl_event, h->id, 0, flags, 0);
		return CMD_OK;
	}
	flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
	flags_text(flags, text, sizeof text);
	if (fcntl(h->fd, F_SETFL, flags) < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "fcntl", err,
		    "%d, F_SETFL, %s", h->fd, text);
		handle_log(sh, &fcntl_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	h->nonblock = on;
	if (on)
		fprintf(sh->out, _("fcntl(%d, F_SETFL, %s) = 0: calls on %s no "
		    "longer wait: when they would, accept, recv and send fail "
		    "with EAGAIN, and connect with EINPROGRESS (poll tells "
		    "when to try again)\n"), h->fd, text, h->name);
	else
		fprintf(sh->out, _("fcntl(%d, F_SETFL, %s) = 0: calls on %s "
		    "wait again\n"), h->fd, text, h->name);
	handle_log(sh, &fcntl_event, h->id, 0, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_nonblock_entry = {
	.name = "nonblock",
	.alias = "fcntl",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_ONOFF }),
	.usage = N_("NAME [on|off]"),
	.summary = N_("make the calls on a socket non-blocking"),
	.help = N_("Sets or clears O_NONBLOCK with fcntl(2) (F_GETFL, "
	    "F_SETFL); without on or off, shows it. On a non-blocking socket "
	    "a call that would wait fails at once: accept, recv and send "
	    "with EAGAIN, connect with EINPROGRESS (the handshake goes on: "
	    "poll until the socket is writable, then 'getsockopt NAME "
	    "SO_ERROR' says how it ended). Such a socket is what an event "
	    "loop around poll or select works with."),
	.event = &fcntl_event,
	.example = "nonblock cli on",
	.flags = CMD_STATE,
	.exec = cmd_nonblock_exec,
};
