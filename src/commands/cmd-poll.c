/* cmd-poll.c - poll NAME... [TIMEOUT]: poll(2) on sockets, serving the
 * background jobs while it waits. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"

#define POLL_MAX	32
#define POLL_EVENTS	(POLLIN | POLLOUT | POLLPRI | POLLRDHUP)

static char *
revents_text(short r, char *buf, size_t n)
{
	static const struct { short bit; const char *name; } bits[] = {
		{ POLLIN, "POLLIN" }, { POLLPRI, "POLLPRI" },
		{ POLLOUT, "POLLOUT" }, { POLLRDHUP, "POLLRDHUP" },
		{ POLLERR, "POLLERR" }, { POLLHUP, "POLLHUP" },
		{ POLLNVAL, "POLLNVAL" }
	};
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof bits / sizeof *bits && o < n; i++)
		if (r & bits[i].bit)
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
			    o ? "|" : "", bits[i].name);
	if (o == 0)
		snprintf(buf, n, "-");
	return buf;
}

/* What R means for H, in words. */
static void
explain(struct shell *sh, struct handle *h, short r)
{
	socklen_t len = sizeof(int), sslen = sizeof(struct sockaddr_storage);
	struct sockaddr_storage ss;
	int listening = 0, n = 0, first = 1;
	int tcp = h->type == SOCK_STREAM && h->family != AF_UNIX, unconnected;

	getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len);
	unconnected = tcp && !listening && !h->connecting &&
	    getpeername(h->fd, (struct sockaddr *)&ss, &sslen) < 0;
#define SAY(s) do {							\
	fputs(first ? "" : "; ", sh->out);				\
	fputs((s), sh->out);						\
	first = 0;							\
} while (0)
	if (r & POLLIN) {
		if (listening)
			SAY(_("a connection waits: accept would not wait"));
		else if ((r & POLLRDHUP) && ioctl(h->fd, FIONREAD, &n) == 0 &&
		    n == 0)
			SAY(_("readable: the end of the stream (recv returns "
			    "0)"));
		else if (h->type == SOCK_DGRAM)
			SAY(_("readable: a datagram waits"));
		else
			SAY(_("readable: data waits, recv would not wait"));
	}
	if (r & POLLPRI)
		SAY(_("urgent data (MSG_OOB) waits"));
	if (r & POLLOUT) {
		/* POLLOUT says a send would not wait, not that it would
		 * succeed: TCP gives it unconnected and after shutdown wr. */
		if (h->connecting)
			SAY(_("writable: the connection attempt has ended "
			    "('getsockopt NAME SO_ERROR' says how)"));
		else if (tcp && (h->shut & 2))
			SAY(_("writable, yet send would fail at once with "
			    "EPIPE: this side shut its sending direction "
			    "(shutdown wr)"));
		else if (unconnected)
			SAY(_("writable, yet send would fail at once with "
			    "EPIPE: the socket is not connected"));
		else
			SAY(_("writable: send would not wait"));
	}
	if (r & POLLERR)
		SAY(_("an error is pending (SO_ERROR tells it)"));
	if ((r & POLLHUP) && unconnected && h->peer_len == 0)
		SAY(_("hung up: there is no connection (TCP state CLOSE)"));
	else if (r & POLLHUP)
		SAY(_("hung up: both directions are closed"));
	else if ((r & POLLRDHUP) && !(r & POLLIN))
		SAY(_("the peer closed its side"));
	if (r == 0)
		SAY(listening ? _("nothing: no connection waits to be "
		    "accepted") : _("nothing ready: recv would wait"));
#undef SAY
	fputc('\n', sh->out);
}

static long
ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static enum cmd_retval
cmd_poll_exec(struct shell *sh, struct cmd_args *a)
{
	struct pollfd *p = NULL;
	struct handle *h[POLL_MAX];
	struct timespec t0;
	char list[POLL_MAX * (HANDLE_NAME_MAX + 2) + 8], ev[96], *end;
	const char *last = a->argv[a->argc - 1];
	long timeout = 0, wait;
	size_t n = 0, nj, i, o = 0, cap;
	int rc, err, capped = 0;
	enum cmd_retval rv = CMD_ERROR;

	if (a->argc > 1 && (isdigit((unsigned char)last[0]) ||
	    (last[0] == '-' && isdigit((unsigned char)last[1])))) {
		errno = 0;
		timeout = strtol(last, &end, 10);
		if (*end != '\0' || errno != 0 || timeout > 86400000L ||
		    timeout < -1) {
			shell_error(sh, _("'%.40s' is not a timeout: write "
			    "milliseconds, as in 1000, 0 (do not wait) or -1 "
			    "(wait for ever)"), last);
			return CMD_ERROR;
		}
		a->argc--;
	}
	if (a->argc > POLL_MAX) {
		shell_error(sh, _("poll takes at most %d sockets"), POLL_MAX);
		return CMD_ERROR;
	}
	for (i = 0; i < (size_t)a->argc; i++) {
		if ((h[n] = args_open_handle(sh, a->argv[i])) == NULL)
			return CMD_ERROR;
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
		    o ? ", " : "", h[n]->name);
		n++;
	}
	if (sh->timeout > 0 && (timeout < 0 || timeout > sh->timeout * 1000)) {
		timeout = (long)(sh->timeout * 1000);
		capped = 1;
	}
	/* The sockets, then every job's (no command runs meanwhile, so no
	 * job starts: their count only falls). */
	cap = n + jobs_count(sh);
	if ((p = calloc(cap, sizeof *p)) == NULL) {
		shell_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		for (i = 0; i < n; i++) {
			p[i].fd = h[i]->fd;
			p[i].events = POLL_EVENTS;
			p[i].revents = 0;
		}
		/* The jobs go on meanwhile, as at the prompt. */
		nj = jobs_pollfds(sh, p + n, cap - n);
		wait = timeout < 0 ? -1 : timeout - ms_since(&t0);
		if (wait < -1 || (timeout >= 0 && wait < 0))
			wait = 0;
		rc = poll(p, n + nj, poll_sooner((int)wait, jobs_timeout(sh)));
		err = errno;
		if (rc < 0 && err == EINTR && shell_interrupted) {
			shell_interrupted = 0;
			if (sh->interactive)
				fputc('\n', sh->err);
			shell_error(sh, "%s", _("poll: interrupted (Ctrl-C)"));
			goto out;
		}
		if (rc < 0 && err == EINTR)
			continue;
		if (rc < 0) {
			shell_call_failed(sh, NULL, "", "poll", err,
			    "[%s], %zu, %ld", list, n, timeout);
			shell_log(sh, EV_POLL, h[0]->id, 0, -1, err);
			goto out;
		}
		for (rc = 0, i = 0; i < n; i++)
			rc += p[i].revents != 0;
		if (rc > 0 || wait == 0)
			break;
		jobs_check(sh);
		for (i = 0; i < n; i++)
			if (h[i]->fd < 0) {
				shell_error(sh, _("poll: %s was closed while "
				    "waiting"), h[i]->name);
				goto out;
			}
	}
	fprintf(sh->out, "poll([%s], %zu, %ld) = %d%s\n", list, n, timeout, rc,
	    rc == 0 ? _(": nothing is ready") : "");
	if (capped && rc == 0)
		fprintf(sh->out, _("  (the shell's --timeout, %g s, capped the "
		    "wait)\n"), sh->timeout);
	for (i = 0; i < n; i++) {
		fprintf(sh->out, "  %-*s %-24s ", HANDLE_NAME_MAX < 8 ?
		    HANDLE_NAME_MAX : 8, h[i]->name, revents_text(p[i].revents,
		    ev, sizeof ev));
		explain(sh, h[i], p[i].revents);
		/* A non-blocking connect that has ended: keep its addresses. */
		if (h[i]->connecting && (p[i].revents & POLLOUT))
			handle_remember_addrs(h[i]);
	}
	shell_log(sh, EV_POLL, h[0]->id, 0, rc, 0);
	rv = CMD_OK;
out:
	free(p);
	return rv;
}

const struct cmd_entry cmd_poll_entry = {
	.name = "poll",
	.alias = "select",
	.min_args = 1, .max_args = -1,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_REPEAT }),
	.usage = N_("NAME... [TIMEOUT]"),
	.summary = N_("wait until sockets are readable or writable"),
	.help = N_("Makes poll(2) on the sockets named, waiting up to TIMEOUT "
	    "milliseconds (0 by default: just look; -1: for ever), and shows "
	    "for each what is ready: readable (data, the end of the stream, "
	    "or on a listener a connection to accept), writable (room to "
	    "send; after a non-blocking connect, its end), urgent data, an "
	    "error, a hang-up. This is how a program with non-blocking "
	    "sockets knows when to call again. Ctrl-C stops the wait."),
	.example = "poll cli srv 1000",
	.exec = cmd_poll_exec,
};
