/* cmd-connect.c - connect NAME ADDRESS PORT | NAME OTHER [&]: connect(2). */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Connect box. */
static const struct ev_type connect_event = {
	.call = "connect", .op = N_("Connect"), .role = ROLE_CONNECT
};

static enum cmd_retval
cmd_connect_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h, *other;
	char msg[MESSAGE_LEN], why[MESSAGE_LEN];
	const char *w;
	struct op op;
	struct sockaddr_storage ss;
	socklen_t len;

	other = a->argc == 2 ? handle_find(sh, a->argv[1]) : NULL;
	if (other != NULL) {
		if (args_address_of(sh, h, other, &ss, &len) < 0)
			return CMD_ERROR;
	} else if (addr_parse(a->argv[1], a->argc == 3 ?
	    a->argv[2] : NULL, h->family, &ss, &len, msg) < 0) {
		w = a->argv[1];
		/* "connect cli srvv": most likely a socket's name, mistyped. */
		if (w[0] == '(')
			report_error(sh, "%s", msg);
		else if (a->argc == 2 && strpbrk(w, ":[]") == NULL &&
		    handle_name_ok(w, why) == 0)
			report_error(sh, _("no socket named '%s' to connect "
			    "to: give the name of an open socket, or ADDRESS "
			    "PORT as in 'connect %s 127.0.0.1 8888'"), w, h->name);
		/* "connect cli 127.0.0.1" (or ::1): the port is missing. */
		else if (a->argc == 2 && h->family != AF_UNIX &&
		    strpbrk(w, "[]") == NULL && (strchr(w, ':') == NULL ||
		    strchr(w, ':') != strrchr(w, ':')))
			report_error(sh, _("'%.60s' needs a port: write "
			    "'connect %s %.60s PORT', the port the server "
			    "listens on, as in 'connect %s %.60s 8888'"), w,
			    h->name, w, h->name, w);
		else
			report_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	/* A lesson reaches loopback only (core/fence.c). */
	if (other == NULL && (fence_unix_name(sh, &ss, &len, "connect") < 0 ||
	    fence_reach(sh, (struct sockaddr *)&ss, len, "connect") < 0))
		return CMD_ERROR;
	if (args_prepare(sh, &op, OP_CONNECT, a) < 0)
		return CMD_ERROR;
	op.addr = ss;
	op.addrlen = len;
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice connect_advice[] = {
	{ ECONNREFUSED, N_("nobody listens at that path: the file is left "
	    "from a closed socket, or its socket has not called "
	    "listen"), ERRINFO_UNIX },
	{ EAGAIN, N_("the listener's accept queue is full, and a non-blocking "
	    "AF_UNIX connect does not wait for room: accept one of its "
	    "connections, then connect again"), ERRINFO_UNIX },
	{ EISCONN, N_("this is a listening (server) socket: it only accepts "
	    "connections. Connect from a new socket: 'socket c', then "
	    "'connect c ADDRESS PORT'"), ERRINFO_LISTENING },
	{ ECONNREFUSED, N_("nobody is listening at that address and port: "
	    "start the server first (socket, bind, listen), or check the "
	    "port"), 0 },
	{ EISCONN, N_("this socket is already connected: create a new socket "
	    "for another connection"), 0 },
	{ EALREADY, N_("this socket is still connecting: wait for it, or "
	    "close it and start again"), 0 },
	{ EINPROGRESS, N_("the connection is being set up in the background "
	    "(non-blocking socket): 'poll NAME' until it is writable, then "
	    "'getsockopt NAME SO_ERROR' says whether it worked"), 0 },
	{ EADDRNOTAVAIL, N_("no local port is free for this destination, or "
	    "the address cannot be reached from here: try 127.0.0.1 or "
	    "::1"), 0 },
	{ ENOENT, N_("there is no socket file at that path: start the server "
	    "first (socket, bind, listen), or check the path"), 0 },
	{ EPROTOTYPE, N_("the socket at that address is of another type "
	    "(SOCK_STREAM and SOCK_DGRAM do not connect)"), 0 },
	{ EINVAL, N_("a listening socket cannot connect: create a new socket "
	    "for the client side"), 0 },
	{ ETIMEDOUT, N_("the server did not answer in time: is the address "
	    "right, and is its accept queue full?"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_connect_entry = {
	.name = "connect",
	.min_args = 2, .max_args = 3,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_PEER, .flags = ARG_SPREAD }),
	.usage = N_("NAME ADDRESS PORT | NAME ADDRESS:PORT | NAME ('ADDRESS', "
	    "PORT) | NAME OTHER | NAME PATH [&]"),
	.summary = N_("set up a connection"),
	.help = N_("Makes connect(2): the client socket NAME actively sets up "
	    "a connection to the server at ADDRESS and PORT (or Python's "
	    "('127.0.0.1', 8888)), or to the local "
	    "address of this shell's socket OTHER. The kernel picks the "
	    "client's own port. The call waits until the server's kernel "
	    "answers; Ctrl-C stops waiting (the handshake goes on). On a "
	    "SOCK_DGRAM socket it only sets the default destination (and "
	    "only datagrams from there arrive). An AF_UNIX socket connects "
	    "to a PATH or @NAME. On a non-blocking socket (nonblock) it fails "
	    "with EINPROGRESS while the handshake goes on: poll, then "
	    "'getsockopt NAME SO_ERROR'."),
	.errors = N_("ECONNREFUSED (nobody listens there), EISCONN, ETIMEDOUT, "
	    "EADDRNOTAVAIL, ENOENT and EPROTOTYPE (AF_UNIX), and on a "
	    "non-blocking socket EINPROGRESS (the handshake goes on: "
	    "poll until the socket is writable, then read SO_ERROR) and "
	    "EALREADY."),
	.advice = { connect_advice },
	.event = &connect_event,
	.example = "connect cli 127.0.0.1 8888",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_connect_exec,
};
