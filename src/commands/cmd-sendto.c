/* cmd-sendto.c - sendto NAME DESTINATION DATA [&]: sendto(2). */
#include <config.h>

#include <errno.h>
#include <arpa/inet.h>
#include <string.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/advice.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Send box. */
static const struct ev_type sendto_event = {
	.call = "sendto", .op = N_("Send"), .role = ROLE_SEND
};

/* "127.0.0.1:8888", "[::1]:8888", "localhost:8888", Python's ('::1',
 * 8888): the port comes with the address ("::1" alone is an address
 * without one). */
static int
has_own_port(const char *s)
{
	struct in6_addr a6;

	if (s[0] == '(')
		return 1;
	if (s[0] == '[')
		return strstr(s, "]:") != NULL;
	return strchr(s, ':') != NULL && inet_pton(AF_INET6, s, &a6) != 1;
}

static enum cmd_retval
cmd_sendto_exec(struct shell *sh, struct cmd_args *a)
{
	struct sockaddr_storage ss;
	struct handle *h = a->h, *other;
	char msg[MESSAGE_LEN];
	socklen_t len;
	size_t data = 3;	/* the token where the data begins */
	struct op op;

	other = handle_find(sh, a->argv[1]);
	if (other != NULL && other->fd >= 0 && other->family != h->family) {
		/* Not "bind it (and listen)": no bind would do. */
		report_error(sh, _("'%s' is an %s socket and '%s' an %s one: a "
		    "datagram goes to an address of the sender's family; send "
		    "from an %s socket, or create '%s' with %s"), other->name,
		    addr_family_name(other->family), h->name,
		    addr_family_name(h->family),
		    addr_family_name(other->family),
		    other->name, addr_family_name(h->family));
		return CMD_ERROR;
	}
	if (other != NULL && other->fd >= 0 && h->type == SOCK_DGRAM) {
		handle_remember_addrs(other);
		if (!addr_named(&other->local, other->local_len)) {
			/* Nor "(and listen)": a datagram needs no listener. */
			report_error(sh, _("'%s' has no address to send to: "
			    "bind it first ('bind %s %s'), or give the "
			    "address"), other->name, other->name,
			    other->family == AF_UNIX ? _("PATH") :
			    _("ADDRESS PORT"));
			return CMD_ERROR;
		}
	}
	if (other != NULL) {
		if (args_address_of(sh, h, other, &ss, &len) < 0)
			return CMD_ERROR;
	} else if (h->family == AF_UNIX || has_own_port(a->argv[1])) {
		if (addr_parse(a->argv[1], NULL, h->family, &ss, &len,
		    msg) < 0) {
			report_error(sh, "%s", msg);
			return CMD_ERROR;
		}
	} else {
		if (a->tok->n < 5) {
			report_error(sh, _("'%.60s' has no port: write sendto "
			    "%s ADDRESS PORT DATA, ADDRESS:PORT DATA, or the "
			    "name of a socket"), a->argv[1], h->name);
			return CMD_ERROR;
		}
		if (addr_parse(a->argv[1], a->argv[2], h->family, &ss,
		    &len, msg) < 0) {
			report_error(sh, "%s", msg);
			return CMD_ERROR;
		}
		data = 4;
	}
	/* A lesson reaches loopback only, from a socket bound there
	 * (core/fence.c). */
	if ((other == NULL && (fence_unix_name(sh, &ss, &len, "sendto") < 0 ||
	    fence_reach(sh, (struct sockaddr *)&ss, len, "sendto") < 0)) ||
	    (h->type == SOCK_DGRAM &&
	    fence_autobind(sh, h, "sendto") < 0))
		return CMD_ERROR;
	if (args_prepare(sh, &op, OP_SEND, a) < 0)
		return CMD_ERROR;
	op.addr = ss;
	op.addrlen = len;
	if (args_data(sh, &op, a, data) < 0) {
		op_free(&op);
		return CMD_ERROR;
	}
	return op_run(sh, &op, a->background) < 0 ? CMD_ERROR : CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice sendto_advice[] = {
	{ EPROTOTYPE, N_("the socket at that path is of another type: a "
	    "datagram goes to a SOCK_DGRAM socket"), 0 },
	{ EISCONN, N_("this socket is connected: a connected stream socket "
	    "takes send, without an address"), 0 },
	{ EACCES, N_("sending to a broadcast address needs SO_BROADCAST: "
	    "'setsockopt NAME SO_BROADCAST on'"), 0 },
	{ ENOENT, N_("there is no socket file at that path: bind the "
	    "receiving socket first, or check the path"), 0 },
	{ ECONNREFUSED, N_("no socket is bound to that path (its file is left "
	    "from a closed one)"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_sendto_entry = {
	.name = "sendto",
	.min_args = 3, .max_args = 4,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_PEER, .flags = ARG_SPREAD },
	    { .kind = ARG_SEND, .flags = ARG_REPEAT }),
	.usage = N_("NAME ADDRESS PORT DATA | NAME ADDRESS:PORT DATA | "
	    "NAME ('ADDRESS', PORT) DATA | NAME OTHER DATA | NAME PATH DATA "
	    "[&]"),
	.summary = N_("send a datagram to an address"),
	.help = N_("Makes sendto(2): sends DATA to the address given, with no "
	    "connect first: the way of UDP, where each datagram names its "
	    "destination. The destination is ADDRESS PORT, ADDRESS:PORT, "
	    "Python's ('ADDRESS', PORT), this shell's socket OTHER, or a "
	    "path (AF_UNIX). DATA is as for "
	    "send (flags, --size BYTES and --file PATH too). On a connected "
	    "stream socket the address is ignored, or refused with EISCONN "
	    "(AF_UNIX)."),
	.errors = N_("EMSGSIZE (more than 65507 bytes over UDP/IPv4), EACCES "
	    "(a broadcast address without SO_BROADCAST), EISCONN (a "
	    "connected AF_UNIX stream), ENOENT and ECONNREFUSED "
	    "(AF_UNIX: no socket at that path)."),
	.advice = { sendto_advice, advice_sending },
	.event = &sendto_event,
	.example = "sendto cli 127.0.0.1 8888 \"ping\"",
	.flags = CMD_STATE | CMD_BACKGROUND | CMD_DATA,
	.exec = cmd_sendto_exec,
};
