/* cmd-close.c - close NAME: close(2). */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/sig.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/sockopt.h"

/* Its call, as the picture draws it: the lecture's Close box. */
static const struct ev_type close_event = {
	.call = "close", .op = N_("Close"), .role = ROLE_CLOSE
};

/*
 * SO_LINGER on SECS (not 0, the reset) on a TCP connection: its close
 * waits up to SECS for the peer to acknowledge what was sent. Says so
 * before the call, which gives no sign while it waits; SECS, or 0.
 */
static int
lingering(struct shell *sh, const struct handle *h)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(struct linger), slen = sizeof ss;
	struct linger l;
	static int bit = -1;

	/* Off unless setsockopt set it here (or on the listener a
	 * connection was accepted from): no call for every close. */
	if (bit < 0)
		bit = sockopt_index(sockopt_find("SO_LINGER"));
	if (h->type != SOCK_STREAM || h->family == AF_UNIX ||
	    !(h->opts_set & (1UL << bit)) ||
	    getsockopt(h->fd, SOL_SOCKET, SO_LINGER, &l, &len) < 0 ||
	    !l.l_onoff || l.l_linger <= 0 ||
	    getpeername(h->fd, (struct sockaddr *)&ss, &slen) < 0)
		return 0;
	fprintf(sh->out, P_("  SO_LINGER is on %d: close waits up to %d "
	    "second for the peer to acknowledge what was sent (Ctrl-C stops "
	    "the waiting)\n", "  SO_LINGER is on %d: close waits up to %d "
	    "seconds for the peer to acknowledge what was sent (Ctrl-C stops "
	    "the waiting)\n", (unsigned long)l.l_linger), l.l_linger,
	    l.l_linger);
	fflush(sh->out);
	return l.l_linger;
}

/* Whether closing H resets its TCP connection rather than ending it:
 * bytes are left unread (UNREAD), or SO_LINGER is on with 0 seconds. */
static int
resets(const struct handle *h, int unread)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(struct linger), slen = sizeof ss;
	struct linger l;

	if (h->type != SOCK_STREAM || h->family == AF_UNIX ||
	    getpeername(h->fd, (struct sockaddr *)&ss, &slen) < 0)
		return 0;
	if (unread > 0)
		return 1;
	return getsockopt(h->fd, SOL_SOCKET, SO_LINGER, &l, &len) == 0 &&
	    l.l_onoff && l.l_linger == 0;
}

/* Logs the close of H (RESULT, ERR) with what its receive queue held
 * (UNREAD) and whether it reset the connection (RESETS): a datagram
 * socket's close discards its datagrams, and the picture draws either. */
static void
log_close(struct shell *sh, const struct handle *h, int unread, int reset,
    int result, int err)
{
	struct event *ev = handle_log(sh, &close_event, h->id, 0, result, err);

	if (ev != NULL && result == 0) {
		ev->unread = unread > 0 ? unread : 0;
		ev->resets = reset;
	}
}

static enum cmd_retval
cmd_close_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h;
	int fd, rc, err, linger, unread, reset;

	/* A closed socket (ARG_CLOSED): what was asked is done, and it is not
	 * one to make anew (as args_open_handle would advise). */
	if (h->fd < 0) {
		report_error(sh, _("'%s' is closed already: nothing to do"),
		    h->name);
		return CMD_ERROR;
	}
	fd = h->fd;
	if (ioctl(fd, FIONREAD, &unread) < 0)
		unread = 0;	/* a listener has no data */
	reset = resets(h, unread);
	linger = lingering(sh, h);
	rc = jobs_close_handle(sh, h);
	err = errno;
	if (linger > 0 && sig_interrupted) {
		/* The signal ends the linger, not the close: the kernel keeps
		 * the connection and goes on sending, as without SO_LINGER. */
		sig_interrupted = 0;
		if (sh->interactive)
			fputc('\n', sh->err);	/* after the terminal's ^C */
		fprintf(sh->out, _("close(%d) = 0: %s is closed, but its "
		    "linger was interrupted (Ctrl-C): close returned before "
		    "the peer acknowledged everything; the kernel goes on "
		    "sending what is left, as after a close without "
		    "SO_LINGER\n"), fd, h->name);
		log_close(sh, h, unread, reset, 0, 0);
		return CMD_OK;
	}
	if (rc < 0) {
		report_call_failed(sh, NULL, a->ce->advice, "", "close", err,
		    "%d", fd);
		log_close(sh, h, 0, 0, -1, err);
		return CMD_ERROR;
	}
	fprintf(sh->out, _("close(%d) = 0: %s is closed\n"), fd, h->name);
	log_close(sh, h, unread, reset, 0, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_close_entry = {
	.name = "close",
	.min_args = 1, .max_args = 1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET | ARG_CLOSED }),
	.usage = N_("NAME"),
	.summary = N_("close the connection and the socket"),
	.help = N_("Makes close(2). On a connection the peer sees the end of "
	    "the stream (its recv returns 0) and its side moves to "
	    "CLOSE_WAIT; unread data here turns the close into a reset. "
	    "With SO_LINGER on SECS it waits up to SECS seconds for the peer "
	    "to acknowledge what was sent (Ctrl-C stops the waiting, not the "
	    "close). Background jobs on the socket are cancelled. The handle "
	    "stays in the table as closed, and its name may be used again."),
	.event = &close_event,
	.example = "close conn",
	.flags = CMD_STATE,
	.exec = cmd_close_exec,
};
