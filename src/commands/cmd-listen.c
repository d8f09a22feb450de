/* cmd-listen.c - listen NAME [BACKLOG]: listen(2). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Listen box. */
static const struct ev_type listen_event = {
	.call = "listen", .op = N_("Listen"), .role = ROLE_LISTEN
};

/* H's IPv4 or IPv6 socket has a port (bound, or connected), or is of
 * another family: listen would bind it to none. */
static int
bound(const struct handle *h)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (h->family != AF_INET && h->family != AF_INET6)
		return 1;
	if (getsockname(h->fd, (struct sockaddr *)&ss, &len) < 0)
		return 1;
	return ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port != 0 :
	    ((struct sockaddr_in *)&ss)->sin_port != 0;
}

static enum cmd_retval
cmd_listen_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h;
	struct event *ev;
	long backlog = 1;
	char *end, addr[64];
	int err, unbound;

	if (a->argc == 2) {
		errno = 0;
		backlog = strtol(a->argv[1], &end, 10);
		if (!isdigit((unsigned char)a->argv[1][0]) || *end != '\0' ||
		    errno != 0 || backlog > 65535) {
			report_error(sh, _("'%.40s' is not a backlog: write "
			    "how many connections may wait to be accepted, a "
			    "number from 0 to 65535, as in 'listen %s 1'"),
			    a->argv[1], h->name);
			return CMD_ERROR;
		}
	}
	/* A lesson's socket stays on loopback (core/fence.c). */
	if (fence_autobind(sh, h, "listen") < 0)
		return CMD_ERROR;
	unbound = !bound(h);
	if (listen(h->fd, (int)backlog) < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", "listen", err,
		    "%d, %ld", h->fd, backlog);
		handle_log(sh, &listen_event, h->id, 0, -1, err);
		return CMD_ERROR;
	}
	h->port_lost = 0;	/* listen binds a port when there is none */
	handle_remember_addrs(h);
	fprintf(sh->out, _("listen(%d, %ld) = 0: %s waits for connections; "
	    "'accept %s' takes them\n"), h->fd, backlog, h->name, h->name);
	if (unbound)
		fprintf(sh->out, _("  %s was not bound: the kernel bound it to "
		    "%s, every address and a port it picked (bind before "
		    "listen to choose them)\n"),
		    h->name, addr_format(&h->local, h->local_len, addr,
		    sizeof addr));
	if ((ev = handle_log(sh, &listen_event, h->id, 0, 0, 0)) != NULL)
		ev->arg = backlog;
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice listen_advice[] = {
	{ EINVAL, N_("an AF_UNIX socket listens once it is bound to a path: "
	    "'bind NAME /tmp/NAME.sock' first"), ERRINFO_UNBOUND_UNIX },
	{ EINVAL, N_("this socket is connected, so it cannot listen: create a "
	    "new socket, bind it, and listen on that"), ERRINFO_CONNECTED },
	{ EOPNOTSUPP, N_("listen is for SOCK_STREAM (TCP) sockets: a "
	    "SOCK_DGRAM (UDP) socket has no connections to wait for; it just "
	    "receives datagrams after bind"), 0 },
	{ EINVAL, N_("this socket has been used to connect, so it cannot "
	    "listen: create a new socket, bind it, and listen on that"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_listen_entry = {
	.name = "listen",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_NUMBER }),
	.usage = N_("NAME [BACKLOG]"),
	.summary = N_("announce willingness to accept connections"),
	.help = N_("Makes listen(2): the socket becomes a server socket that "
	    "passively waits for connection requests. The kernel completes "
	    "up to BACKLOG + 1 connections on its own (default 1, as in the "
	    "lecture) and queues them until 'accept' takes them. A socket "
	    "that was not bound gets a random port."),
	.errors = N_("EOPNOTSUPP on a SOCK_DGRAM socket, EINVAL on a connected "
	    "one."),
	.advice = { listen_advice },
	.event = &listen_event,
	.example = "listen srv 1",
	.flags = CMD_STATE,
	.exec = cmd_listen_exec,
};
