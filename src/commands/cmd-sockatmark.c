/* cmd-sockatmark.c - sockatmark NAME: sockatmark(3), whether the next
 * byte to read is where urgent data (MSG_OOB) was sent. */
#include <config.h>

#include <errno.h>
#include <sys/socket.h>

#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* What its box says: where the socket's reading stands. */
static const char *const sockatmark_texts[] = { N_("not at mark"),
	N_("at mark"), NULL };

/* Its call, as the picture draws it: a box of its own on its socket. */
static const struct ev_type sockatmark_event = {
	.call = "sockatmark", .op = N_("Sockatmark"), .role = ROLE_CALL,
	.texts = sockatmark_texts
};

static enum cmd_retval
cmd_sockatmark_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h;
	int r, err;

	if ((r = sockatmark(h->fd)) < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "sockatmark", err,
		    "%d", h->fd);
		handle_log(sh, &sockatmark_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	if (r == 1)
		fprintf(sh->out, _("sockatmark(%d) = 1: %s is at the urgent "
		    "mark: the next byte to read is the urgent one ('recv %s "
		    "MSG_OOB' takes it)\n"), h->fd, h->name, h->name);
	else
		fprintf(sh->out, _("sockatmark(%d) = 0: %s is not at the "
		    "urgent mark: a recv reads up to it, then stops\n"), h->fd,
		    h->name);
	handle_log(sh, &sockatmark_event, h->id, 0, r, 0);
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice sockatmark_advice[] = {
	{ ENOTTY, N_("urgent data, and so its mark, exists only in TCP: ask "
	    "a TCP socket (a UDP socket has no mark to be at)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_sockatmark_entry = {
	.name = "sockatmark",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET }),
	.usage = N_("NAME"),
	.summary = N_("whether the next byte to read is the urgent one"),
	.help = N_("Makes sockatmark(3) (the SIOCATMARK ioctl): 1 when the "
	    "next byte to read on the TCP socket NAME is where the peer's "
	    "urgent data was sent ('send NAME MSG_OOB DATA' makes its last "
	    "byte urgent), 0 otherwise. A recv stops at the mark, so a "
	    "program reads the normal data up to it, asks sockatmark, and "
	    "takes the urgent byte with 'recv NAME MSG_OOB'."),
	.errors = N_("ENOTTY (not a TCP socket)."),
	.advice = { sockatmark_advice },
	.event = &sockatmark_event,
	.example = "sockatmark conn",
	.flags = CMD_STATE | CMD_LATE,
	.exec = cmd_sockatmark_exec,
};
