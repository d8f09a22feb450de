/* cmd-getsockopt.c - getsockopt NAME [OPTION]: getsockopt(2), one option
 * or every option of the socket's kind. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/sockopt.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type getsockopt_event = {
	.call = "getsockopt", .op = NULL, .role = ROLE_NONE
};

static enum cmd_retval
get_one(struct shell *sh, struct cmd_args *a, const struct sockopt *o)
{
	struct handle *h = a->h;
	union optval v;
	char shown[96];
	int err;

	if (sockopt_get(h->fd, o, &v) < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "getsockopt", err,
		    "%d, %s, %s", h->fd, sockopt_level_name(o->level), o->name);
		handle_log(sh, &getsockopt_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	fprintf(sh->out, "getsockopt(%d, %s, %s) = 0: %s\n", h->fd,
	    sockopt_level_name(o->level), o->name,
	    sockopt_format(o, &v, shown, sizeof shown));
	fprintf(sh->out, "  %s: %s\n", o->name, _(o->help));
	handle_log(sh, &getsockopt_event, h->id, 0, 0, 0);
	return CMD_OK;
}

static enum cmd_retval
cmd_getsockopt_exec(struct shell *sh, struct cmd_args *a)
{
	const struct sockopt *o;
	union optval v, d;
	struct handle *h = a->h;
	char shown[96], def[96];

	if (a->argc == 2) {
		if ((o = args_sockopt(sh, a->argv[1])) == NULL)
			return CMD_ERROR;
		return get_one(sh, a, o);
	}
	fprintf(sh->out, _("getsockopt(%d, ...) for each option of a %s "
	    "socket:\n"), h->fd, addr_proto_label(h->family, h->type));
	for (o = sockopt_table; o->name != NULL; o++) {
		/* and any the student set, though not of this kind */
		if (!sockopt_listed(o, h->family, h->type) &&
		    !(h->opts_set & (1UL << sockopt_index(o))))
			continue;
		if (sockopt_get(h->fd, o, &v) < 0) {
			fprintf(sh->out, "  %-18s %-13s -1 %s\n", o->name,
			    sockopt_level_name(o->level), errinfo_name(errno));
			continue;
		}
		sockopt_format(o, &v, shown, sizeof shown);
		if (!(o->flags & OPT_RO) &&
		    sockopt_default(h->family, h->type, o, &d) == 0 &&
		    !sockopt_equal(o, &v, &d))
			fprintf(sh->out, _("  %-18s %-13s %s (a new socket: "
			    "%s)\n"), o->name, sockopt_level_name(o->level),
			    shown, sockopt_format(o, &d, def, sizeof def));
		else
			fprintf(sh->out, "  %-18s %-13s %s\n", o->name,
			    sockopt_level_name(o->level), shown);
	}
	fprintf(sh->out, _("  (SO_ERROR is read only when asked: reading it "
	    "clears the pending error; 'getsockopt %s SO_ERROR')\n"), h->name);
	handle_log(sh, &getsockopt_event, h->id, 0, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_getsockopt_entry = {
	.name = "getsockopt",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_SOCKOPT }),
	.usage = N_("NAME [OPTION]"),
	.summary = N_("read socket options"),
	.help = N_("Makes getsockopt(2): the value of OPTION and what it is "
	    "for, or without OPTION every option that applies to the socket, "
	    "marking those that differ from a new socket's. SO_ERROR gives "
	    "the pending error, as after a non-blocking connect, and clears "
	    "it; SO_TYPE the socket's type. The buffer sizes TCP tunes by "
	    "itself (SO_RCVBUF, SO_SNDBUF) grow as a connection is set up."),
	.advice = { advice_sockopt },
	.event = &getsockopt_event,
	.example = "getsockopt cli SO_RCVBUF",
	.exec = cmd_getsockopt_exec,
};
