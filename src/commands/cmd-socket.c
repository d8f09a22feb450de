/* cmd-socket.c - socket NAME [FAMILY] [TYPE]: socket(2). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, as the picture draws it: the lecture's Socket box. */
static const struct ev_type socket_event = {
	.call = "socket", .op = N_("Socket"), .role = ROLE_SOCKET
};

/*
 * "socket cli localhost": the family of the first address HOST resolves
 * to, as a client that takes getaddrinfo's first result. Constants
 * (AF_..., SOCK_...) and type names are never looked up.
 */
static int
family_of_host(struct shell *sh, const char *host, int *family)
{
	struct addrinfo hints, *res;
	char addr[128], msg[MESSAGE_LEN];
	int type, loopback;

	if (strncasecmp(host, "AF_", 3) == 0 ||
	    strncasecmp(host, "PF_", 3) == 0 ||
	    strncasecmp(host, "SOCK_", 5) == 0 ||
	    addr_parse_type(host, &type) == 0)
		return -1;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (addr_lookup(host, NULL, &hints, &res, &loopback, msg) != 0)
		return -1;
	*family = res->ai_family;
	if (getnameinfo(res->ai_addr, res->ai_addrlen, addr, sizeof addr,
	    NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(addr, sizeof addr, "?");
	fprintf(sh->out, _("  %s resolves first to %s: %s\n"), host, addr,
	    addr_family_name(*family));
	freeaddrinfo(res);
	return 0;
}

/*
 * "socket AF_INET SOCK_STREAM" (the name forgotten, as Python's
 * socket.socket(AF_INET, SOCK_STREAM) is written) would make a socket
 * named AF_INET, and every later "bind AF_INET ..." would read as
 * nonsense: a name that is a constant or a command is refused, saying what
 * the word is. Returns 0, or -1 after the message.
 */
static int
name_not_a_word(struct shell *sh, const struct cmd_entry *const *table,
    const char *name)
{
	static const char *const prefixes[] = {
		"AF_", "PF_", "SOCK_", "SO_", "MSG_", "SHUT_", "IP_", "IPV6_",
		"TCP_", "SOL_", "IPPROTO_", NULL
	};
	const struct cmd_entry *const *c;
	char low[32];
	size_t i;
	int v;

	if (addr_parse_family(name, &v) == 0) {
		report_error(sh, _("'%s' is a family, not a name: socket NAME "
		    "[FAMILY] [TYPE], as in socket srv AF_INET SOCK_STREAM"),
		    name);
		return -1;
	}
	if (addr_parse_type(name, &v) == 0) {
		report_error(sh, _("'%s' is a type, not a name: socket NAME "
		    "[FAMILY] [TYPE], as in socket srv AF_INET SOCK_STREAM"),
		    name);
		return -1;
	}
	for (i = 0; strchr(name, '_') != NULL && prefixes[i] != NULL; i++) {
		if (strncasecmp(name, prefixes[i], strlen(prefixes[i])) == 0) {
			report_error(sh, _("'%s' is a constant, not a name: "
			    "socket NAME [FAMILY] [TYPE], as in socket srv "
			    "AF_INET SOCK_STREAM"), name);
			return -1;
		}
	}
	/* Lower case once, then plain compares: this runs at every socket
	 * (bench/run's 100,000 commands). No command is 32 letters long. */
	for (i = 0; name[i] != '\0' && i < sizeof low - 1; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[i] = '\0';
	for (c = table; name[i] == '\0' && *c != NULL; c++) {
		if (strcmp((*c)->name, low) == 0 || ((*c)->alias != NULL &&
		    strcmp((*c)->alias, low) == 0)) {
			report_error(sh, _("'%s' is a command, not a name: "
			    "socket NAME [FAMILY] [TYPE], as in socket srv "
			    "AF_INET SOCK_STREAM"), name);
			return -1;
		}
	}
	return 0;
}

static enum cmd_retval
cmd_socket_exec(struct shell *sh, struct cmd_args *a)
{
	int family = AF_INET, type = SOCK_STREAM, fd, err;
	char msg[MESSAGE_LEN];
	struct handle *h;

	if (handle_name_ok(a->argv[0], msg) < 0) {
		report_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	if (name_not_a_word(sh, a->table, a->argv[0]) < 0)
		return CMD_ERROR;
	h = handle_find(sh, a->argv[0]);
	if (h != NULL && h->fd >= 0) {
		report_error(sh, _("there is already a socket named '%s': pick "
		    "another name, or 'close %s' first"), h->name, h->name);
		return CMD_ERROR;
	}
	if (a->argc == 2 && addr_parse_family(a->argv[1], &family) < 0 &&
	    addr_parse_type(a->argv[1], &type) == 0) {
		/* "socket s udp": the type alone is clear enough. */
	} else if (a->argc >= 2 && addr_parse_family(a->argv[1], &family) < 0 &&
	    family_of_host(sh, a->argv[1], &family) < 0) {
		if (strchr(a->argv[1], '.') != NULL)
			/* A host name, by its look, that does not resolve. */
			report_error(sh, _("'%.40s' is neither a FAMILY nor a "
			    "host name that resolves: write AF_INET (IPv4), "
			    "AF_INET6 (IPv6) or AF_UNIX (local), as in 'socket "
			    "%s AF_INET6'"), a->argv[1], a->argv[0]);
		else
			report_error(sh, _("unknown address family '%.40s': "
			    "use AF_INET (IPv4), AF_INET6 (IPv6) or AF_UNIX "
			    "(local), or a host name to take its family"),
			    a->argv[1]);
		return CMD_ERROR;
	}
	if (a->argc == 3 && addr_parse_type(a->argv[2], &type) < 0) {
		report_error(sh, _("unknown socket type '%.40s': use "
		    "SOCK_STREAM (TCP) or SOCK_DGRAM (UDP)"), a->argv[2]);
		return CMD_ERROR;
	}
	fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		err = errno;
		report_call_failed(sh, NULL, a->ce->advice, "", "socket", err,
		    "%s, %s, 0", addr_family_name(family),
		    addr_type_name(type));
		return CMD_ERROR;
	}
	h = handle_add(sh, a->argv[0], fd, family, type);
	if (h == NULL) {
		close(fd);
		report_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	fprintf(sh->out, _("socket(%s, %s, 0) = %d: %s is a new %s socket\n"),
	    addr_family_name(family), addr_type_name(type), fd, h->name,
	    addr_proto_label(family, type));
	handle_log(sh, &socket_event, h->id, 0, fd, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_socket_entry = {
	.name = "socket",
	.min_args = 1, .max_args = 3,
	.args = ARGS({ .kind = ARG_NEWNAME }, { .kind = ARG_FAMILY },
	    { .kind = ARG_TYPE }),
	.usage = N_("NAME [AF_INET|AF_INET6|AF_UNIX|HOST] "
	    "[SOCK_STREAM|SOCK_DGRAM]"),
	.summary = N_("create a new socket and name it"),
	.help = N_("Makes socket(2) and keeps the new file descriptor under "
	    "NAME. The family is the network layer (AF_INET: IPv4, "
	    "AF_INET6: IPv6; also inet, ipv4, inet6, ipv6), the type the "
	    "transport (SOCK_STREAM: TCP, SOCK_DGRAM: UDP; also stream, tcp, "
	    "dgram, udp). The defaults are AF_INET and SOCK_STREAM, as in the "
	    "lecture. AF_UNIX (also unix, local) makes a socket for this "
	    "machine only, addressed by a path. A host name instead of the "
	    "family takes the family of its first address."),
	.errors = N_("EAFNOSUPPORT, EMFILE (too many open files: close some "
	    "handles)."),
	.event = &socket_event,
	.example = "socket srv AF_INET SOCK_STREAM",
	.flags = CMD_STATE,
	.exec = cmd_socket_exec,
};
