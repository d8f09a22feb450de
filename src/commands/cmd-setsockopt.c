/* cmd-setsockopt.c - setsockopt NAME OPTION VALUE: setsockopt(2), then
 * getsockopt(2) to show what the kernel applied. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/sockopt.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type setsockopt_event = {
	.call = "setsockopt", .op = NULL, .role = ROLE_NONE
};

static enum cmd_retval
cmd_setsockopt_exec(struct shell *sh, struct cmd_args *a)
{
	const struct sockopt *o;
	union optval v, got;
	struct handle *h = a->h;
	char msg[MESSAGE_LEN], c[64], shown[64];
	const char *note;
	int err, i;

	if ((o = args_sockopt(sh, a->argv[1])) == NULL)
		return CMD_ERROR;
	if (sockopt_parse(o, a->argc - 2, a->argv + 2, &v, msg) < 0) {
		report_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	sockopt_format_c(o, &v, c, sizeof c);
	if (setsockopt(h->fd, o->level, o->optname, &v, sockopt_len(o)) < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "setsockopt", err,
		    "%d, %s, %s, %s", h->fd, sockopt_level_name(o->level),
		    o->name, c);
		handle_log(sh, &setsockopt_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	i = sockopt_index(o);
	if (i < SOCKOPT_MAX)
		h->opts_set |= 1UL << i;
	fprintf(sh->out, "setsockopt(%d, %s, %s, %s) = 0\n", h->fd,
	    sockopt_level_name(o->level), o->name, c);
	handle_log(sh, &setsockopt_event, h->id, 0, 0, 0);
	/* What the kernel made of it. */
	if (sockopt_get(h->fd, o, &got) < 0)
		return CMD_OK;
	sockopt_format(o, &got, shown, sizeof shown);
	note = sockopt_note(o, &v, &got);
	if (note != NULL)
		fprintf(sh->out, _("  getsockopt reads %s back: %s\n"), shown,
		    note);
	else
		fprintf(sh->out, _("  %s is now %s\n"), o->name, shown);
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice setsockopt_advice[] = {
	{ EINVAL, N_("the kernel does not take this value for this option, or "
	    "not in this state (IPV6_V6ONLY only before bind, TCP_MAXSEG from "
	    "88 to 32767 bytes, or 0 for the default)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_setsockopt_entry = {
	.name = "setsockopt",
	.min_args = 3, .max_args = 4,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_SOCKOPT, .flags = ARG_SETTABLE },
	    { .kind = ARG_VALUE, .flags = ARG_REPEAT }),
	.usage = N_("NAME OPTION VALUE"),
	.summary = N_("set a socket option"),
	.help = N_("Makes setsockopt(2), then reads the option back with "
	    "getsockopt(2) and shows what the kernel applied (it doubles "
	    "SO_RCVBUF and SO_SNDBUF). Options: SO_REUSEADDR, SO_REUSEPORT, "
	    "SO_KEEPALIVE, SO_BROADCAST, SO_OOBINLINE, TCP_NODELAY, "
	    "IPV6_V6ONLY (on or off); SO_LINGER (off, or on SECS: on 0 makes "
	    "close reset the connection); SO_RCVBUF, SO_SNDBUF, TCP_MAXSEG "
	    "(bytes, as in 4096 or 64K); SO_RCVTIMEO, SO_SNDTIMEO (seconds, "
	    "0 for none); IP_TTL, IPV6_UNICAST_HOPS (a number). The prefix "
	    "may be left out (reuseaddr). 'getsockopt NAME' lists the "
	    "values."),
	.errors = N_("ENOPROTOOPT (not for this kind of socket), EINVAL."),
	.advice = { setsockopt_advice, advice_sockopt },
	.event = &setsockopt_event,
	.example = "setsockopt srv SO_REUSEADDR on",
	.flags = CMD_STATE,
	.exec = cmd_setsockopt_exec,
};
