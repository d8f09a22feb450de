/* cmd-connect.c - connect NAME ADDRESS PORT | NAME OTHER [&]: connect(2). */
#include <config.h>

#include <netinet/in.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/shell.h"
#include "input/lex.h"

static enum cmd_retval
cmd_connect_exec(struct shell *sh, struct cmd_args *a)
{
	struct handle *h = a->h, *other;
	char msg[LEX_ERRLEN], why[LEX_ERRLEN];
	const char *w;
	struct op op;
	struct sockaddr_storage ss;
	socklen_t len;

	other = a->argc == 2 ? handle_find(sh, a->argv[1]) : NULL;
	if (other != NULL) {
		if (args_address_of(sh, h, other, &ss, &len) < 0)
			return CMD_ERROR;
	} else if (parse_endpoint(sh, a->argv[1], a->argc == 3 ?
	    a->argv[2] : NULL, h->family, &ss, &len, msg) < 0) {
		w = a->argv[1];
		/* "connect cli srvv": most likely a socket's name, mistyped. */
		if (a->argc == 2 && strpbrk(w, ":[]") == NULL &&
		    handle_name_ok(w, why) == 0)
			shell_error(sh, _("no socket named '%s' to connect to: "
			    "give the name of an open socket, or ADDRESS PORT "
			    "as in 'connect %s 127.0.0.1 8888'"), w, h->name);
		/* "connect cli 127.0.0.1" (or ::1): the port is missing. */
		else if (a->argc == 2 && h->family != AF_UNIX &&
		    strpbrk(w, "[]") == NULL && (strchr(w, ':') == NULL ||
		    strchr(w, ':') != strrchr(w, ':')))
			shell_error(sh, _("'%.60s' needs a port: write "
			    "'connect %s %.60s PORT', the port the server "
			    "listens on, as in 'connect %s %.60s 8888'"), w,
			    h->name, w, h->name, w);
		else
			shell_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	if (op_prepare(sh, &op, OP_CONNECT, h, "connect", a) < 0)
		return CMD_ERROR;
	op.addr = ss;
	op.addrlen = len;
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

const struct cmd_entry cmd_connect_entry = {
	.name = "connect",
	.min_args = 2, .max_args = 3,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_PEER, .flags = ARG_SPREAD }),
	.usage = N_("NAME ADDRESS PORT | NAME ADDRESS:PORT | NAME OTHER | "
	    "NAME PATH [&]"),
	.summary = N_("set up a connection"),
	.help = N_("Makes connect(2): the client socket NAME actively sets up "
	    "a connection to the server at ADDRESS and PORT, or to the local "
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
	.example = "connect cli 127.0.0.1 8888",
	.flags = CMD_STATE | CMD_BACKGROUND,
	.exec = cmd_connect_exec,
};
