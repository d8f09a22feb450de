/* cmd-shutdown.c - shutdown NAME rd|wr|rdwr: shutdown(2). */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Shutdown box. */
static const struct ev_type shutdown_event = {
	.call = "shutdown", .op = N_("Shutdown"), .role = ROLE_SHUTDOWN
};

static const struct {
	const char	*name;
	int		 how;
} hows[] = {
	{ "rd", SHUT_RD }, { "SHUT_RD", SHUT_RD }, { "read", SHUT_RD },
	{ "0", SHUT_RD },
	{ "wr", SHUT_WR }, { "SHUT_WR", SHUT_WR }, { "write", SHUT_WR },
	{ "1", SHUT_WR },
	{ "rdwr", SHUT_RDWR }, { "SHUT_RDWR", SHUT_RDWR },
	{ "both", SHUT_RDWR }, { "2", SHUT_RDWR },
	{ NULL, 0 }
};

static const char *const how_names[] = { "SHUT_RD", "SHUT_WR", "SHUT_RDWR" };

static enum cmd_retval
cmd_shutdown_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h;
	int how = -1, i, err, listening = 0;
	socklen_t len = sizeof listening;

	for (i = 0; hows[i].name != NULL; i++)
		if (strcasecmp(hows[i].name, a->argv[1]) == 0)
			how = hows[i].how;
	if (how < 0) {
		report_error(sh, _("'%.40s' is not a direction to shut down: "
		    "write rd (SHUT_RD), wr (SHUT_WR) or rdwr (SHUT_RDWR)"),
		    a->argv[1]);
		return CMD_ERROR;
	}
	if (getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0)
		listening = 0;
	if (shutdown(h->fd, how) < 0) {
		err = errno;
		/* inet_shutdown: a socket with no connection (state CLOSE)
		 * gets ENOTCONN, and the shutdown applied all the same. */
		if (err == ENOTCONN && h->family != AF_UNIX)
			h->shut |= how == SHUT_RD ? 1 : how == SHUT_WR ? 2 : 3;
		report_call_failed(sh, h, a->ce->advice, "", "shutdown", err,
		    "%d, %s", h->fd, how_names[how]);
		handle_log(sh, &shutdown_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	if (!listening)
		h->shut |= how == SHUT_RD ? 1 : how == SHUT_WR ? 2 : 3;
	else if (how != SHUT_WR && !h->port_chosen)
		h->port_lost = 1;	/* the kernel took its port back */
	handle_remember_addrs(h);
	fprintf(sh->out, "shutdown(%d, %s) = 0: ", h->fd, how_names[how]);
	if (listening && how != SHUT_WR)
		/* Linux: the listener is disconnected (tcp_disconnect). */
		fprintf(sh->out, _("%s stops listening: the connections "
		    "waiting in its queue are reset; 'listen %s' listens anew "
		    "(on another port, if the kernel had picked this one)\n"),
		    h->name, h->name);
	else if (listening)
		fprintf(sh->out, _("a listening socket sends nothing, so "
		    "this changes nothing: %s still listens\n"), h->name);
	else if (how == SHUT_WR)
		fprintf(sh->out, _("%s sends no more: after the data already "
		    "sent the peer reads the end of the stream (its recv "
		    "returns 0); %s can still receive\n"), h->name, h->name);
	else if (how == SHUT_RD)
		fprintf(sh->out, _("%s receives no more: its recv returns 0 "
		    "once what has arrived is read; the peer is not told and "
		    "may still send\n"), h->name);
	else
		fprintf(sh->out, _("%s neither sends nor receives any more; "
		    "the socket stays open until close\n"), h->name);
	handle_log(sh, &shutdown_event, h->id, 0, 0, 0);
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice shutdown_advice[] = {
	{ ENOTCONN, N_("there is no connection, so shutdown fails; yet Linux "
	    "marks the socket shut down all the same: after rd its recv "
	    "returns 0 at once, after wr its send fails with EPIPE (on TCP, "
	    "until it connects)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_shutdown_entry = {
	.name = "shutdown",
	.min_args = 2, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_CONSTANT, .words = WORDS({ .word = "SHUT_RD" },
	    { .word = "SHUT_WR" }, { .word = "SHUT_RDWR" }) }),
	.usage = N_("NAME rd|wr|rdwr"),
	.summary = N_("close one direction of a connection"),
	.help = N_("Makes shutdown(2): a half-close. wr (SHUT_WR) ends the "
	    "sending direction: a FIN goes out, the peer's recv returns 0 "
	    "and its TCP state becomes CLOSE_WAIT, while this side "
	    "(FIN_WAIT2) can still receive what the peer sends. rd (SHUT_RD) "
	    "ends the receiving direction here only; rdwr both. Unlike close, "
	    "the descriptor stays, and shutdown acts on the connection even "
	    "when other descriptors share it."),
	.errors = N_("ENOTCONN."),
	.advice = { shutdown_advice },
	.event = &shutdown_event,
	.example = "shutdown cli wr",
	.flags = CMD_STATE,
	.exec = cmd_shutdown_exec,
};
