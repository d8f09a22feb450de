/* cmd-socketpair.c - socketpair NAME1 NAME2 [TYPE]: socketpair(2). */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Socketpair box. */
static const struct ev_type socketpair_event = {
	.call = "socketpair", .op = N_("Socketpair"), .role = ROLE_SOCKETPAIR
};

static int
name_free(struct shell *sh, const char *name)
{
	char msg[MESSAGE_LEN];
	struct handle *h;

	if (handle_name_ok(name, msg) < 0) {
		report_error(sh, "%s", msg);
		return 0;
	}
	h = handle_find(sh, name);
	if (h != NULL && h->fd >= 0) {
		report_error(sh, _("there is already a socket named '%s': pick "
		    "another name, or 'close %s' first"), h->name, h->name);
		return 0;
	}
	return 1;
}

static enum cmd_retval
cmd_socketpair_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h1, *h2;
	int type = SOCK_STREAM, sv[2], err;

	if (!name_free(sh, a->argv[0]) || !name_free(sh, a->argv[1]))
		return CMD_ERROR;
	if (strcmp(a->argv[0], a->argv[1]) == 0) {
		report_error(sh, "%s", _("the two ends need two names, as in "
		    "'socketpair a b'"));
		return CMD_ERROR;
	}
	if (a->argc == 3 && addr_parse_type(a->argv[2], &type) < 0) {
		report_error(sh, _("unknown socket type '%.40s': use "
		    "SOCK_STREAM or SOCK_DGRAM"), a->argv[2]);
		return CMD_ERROR;
	}
	if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) < 0) {
		err = errno;
		report_call_failed(sh, NULL, a->ce->advice, "", "socketpair",
		    err, "AF_UNIX, %s, 0", addr_type_name(type));
		return CMD_ERROR;
	}
	h1 = handle_add(sh, a->argv[0], sv[0], AF_UNIX, type);
	h2 = h1 != NULL ? handle_add(sh, a->argv[1], sv[1], AF_UNIX, type) :
	    NULL;
	if (h2 == NULL) {
		if (h1 != NULL)
			handle_close(h1);
		else
			close(sv[0]);
		close(sv[1]);
		report_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	handle_remember_addrs(h1);
	handle_remember_addrs(h2);
	fprintf(sh->out, _("socketpair(AF_UNIX, %s, 0, [%d, %d]) = 0: %s and "
	    "%s are connected to each other, with no address and no "
	    "listen\n"), addr_type_name(type), sv[0], sv[1], h1->name,
	    h2->name);
	handle_log(sh, &socketpair_event, h1->id, h2->id, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_socketpair_entry = {
	.name = "socketpair",
	.min_args = 2, .max_args = 3,
	.args = ARGS({ .kind = ARG_NEWNAME }, { .kind = ARG_NEWNAME },
	    { .kind = ARG_TYPE }),
	.usage = N_("NAME1 NAME2 [SOCK_STREAM|SOCK_DGRAM]"),
	.summary = N_("create two connected AF_UNIX sockets"),
	.help = N_("Makes socketpair(2): two AF_UNIX sockets connected to each "
	    "other at once, with no bind, listen, accept or connect, as a "
	    "program makes them before fork to talk to its child. What one "
	    "sends the other receives."),
	.event = &socketpair_event,
	.example = "socketpair a b",
	.flags = CMD_STATE,
	.exec = cmd_socketpair_exec,
};
