/* cmd-resolve.c - resolve HOST [SERVICE]: getaddrinfo(3). */
#include <config.h>

#include <netdb.h>
#include <netinet/in.h>
#include <string.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/* Its call, for the event log: not drawn (it changes no step of the
 * lecture's exchange). */
static const struct ev_type getaddrinfo_event = {
	.call = "getaddrinfo", .op = NULL, .role = ROLE_NONE
};

static const char *
eai_name(int rc)
{
	switch (rc) {
	case EAI_NONAME:	return "EAI_NONAME";
	case EAI_AGAIN:		return "EAI_AGAIN";
	case EAI_FAIL:		return "EAI_FAIL";
	case EAI_FAMILY:	return "EAI_FAMILY";
	case EAI_SERVICE:	return "EAI_SERVICE";
	case EAI_SOCKTYPE:	return "EAI_SOCKTYPE";
	case EAI_MEMORY:	return "EAI_MEMORY";
	case EAI_SYSTEM:	return "EAI_SYSTEM";
#ifdef EAI_NODATA
	case EAI_NODATA:	return "EAI_NODATA";
#endif
#ifdef EAI_ADDRFAMILY
	case EAI_ADDRFAMILY:	return "EAI_ADDRFAMILY";
#endif
	default:		return "EAI_?";
	}
}

static const char *
proto_name(int p)
{
	switch (p) {
	case IPPROTO_TCP:	return "IPPROTO_TCP";
	case IPPROTO_UDP:	return "IPPROTO_UDP";
	case 0:			return "0";
	default:		return "?";
	}
}

static enum cmd_retval
cmd_resolve_exec(struct shell *sh, struct cmd_args *a)
{
	const char *host = a->argv[0], *service = a->argc == 2 ?
	    a->argv[1] : NULL;
	struct addrinfo hints, *res, *ai;
	struct sockaddr_storage ss;
	char addr[128], svc[4 * 50 + 16], esc[4 * 50 + 8], node[72];
	char msg[MESSAGE_LEN];
	uint16_t port;
	int rc, n = 0, loopback;

	/* A number is a port, as bind and sendto take it: getaddrinfo
	 * would wrap 99999 round to 34463. */
	if (service != NULL && service[strspn(service, "0123456789")] ==
	    '\0' && addr_parse_port(service, &port, msg) < 0) {
		report_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	/* The socket commands' own lookup, so the answers agree. */
	rc = addr_lookup(host, service, &hints, &res, &loopback, msg);
	if (rc == 1) {
		report_error(sh, "%s", msg);
		handle_log(sh, &getaddrinfo_event, 0, 0, -1, 0);
		return CMD_ERROR;
	}
	/* The service as typed may hold controls (from a lesson). */
	text_escape(service != NULL ? service : "", service != NULL ?
	    strlen(service) : 0, 50, esc, sizeof esc);
	if (loopback) {
		fprintf(sh->out, _("  %.60s is the loopback address of each "
		    "family (RFC 6761), with no name server asked: "
		    "getaddrinfo with no host gives it\n"), host);
		snprintf(node, sizeof node, "NULL");
		snprintf(svc, sizeof svc, "\"%s\"", service ? esc : "0");
	} else {
		snprintf(node, sizeof node, "\"%.60s\"", host);
		snprintf(svc, sizeof svc, service ? "\"%s\"" : "NULL", esc);
	}
	if (rc != 0) {
		fprintf(sh->out, "getaddrinfo(%s, %s) = %s (%s)\n", node, svc,
		    eai_name(rc), gai_strerror(rc));
		report_error(sh, _("cannot resolve '%.60s'%s%s: %s"), host,
		    service ? _(" with service ") : "", service ? service : "",
		    rc == EAI_SERVICE ? _("no such service: give a port "
		    "number") : rc == EAI_NONAME ? _("no such host (try "
		    "localhost, or an address)") : gai_strerror(rc));
		handle_log(sh, &getaddrinfo_event, 0, 0, -1, 0);
		return CMD_ERROR;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
		n++;
	fprintf(sh->out, P_("getaddrinfo(%s, %s) = 0: %d address, in "
	    "the order a client tries them:\n", "getaddrinfo(%s, %s) "
	    "= 0: %d addresses, in the order a client tries them:\n",
	    (unsigned long)n), node, svc, n);
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		memset(&ss, 0, sizeof ss);
		memcpy(&ss, ai->ai_addr, ai->ai_addrlen < sizeof ss ?
		    ai->ai_addrlen : sizeof ss);
		fprintf(sh->out, "  %-9s %-12s %-12s %s\n",
		    addr_family_name(ai->ai_family),
		    addr_type_name(ai->ai_socktype),
		    proto_name(ai->ai_protocol), addr_format(&ss,
		    ai->ai_addrlen, addr, sizeof addr));
	}
	fprintf(sh->out, "%s\n", _("  bind, connect and sendto take the first "
	    "address of their socket's family; 'socket NAME HOST' takes the "
	    "family of the first"));
	freeaddrinfo(res);
	handle_log(sh, &getaddrinfo_event, 0, 0, n, 0);
	return CMD_OK;
}

const struct cmd_entry cmd_resolve_entry = {
	.name = "resolve",
	.min_args = 1, .max_args = 2,
	.args = ARGS({ .kind = ARG_HOST }, { .kind = ARG_PORT }),
	.usage = N_("HOST [SERVICE]"),
	.summary = N_("look a host name up, as a client does"),
	.help = N_("Calls getaddrinfo(3) for HOST (a name or an address) and "
	    "SERVICE (a port number, or a name from /etc/services such as "
	    "http), any family and type, and lists each result: family, "
	    "type, protocol, address. A client tries them in this order. "
	    "socket, bind, connect and sendto take host names too, looked up "
	    "the same way: localhost is the loopback address of each family "
	    "(getaddrinfo with no host), and names under .invalid are "
	    "refused unasked."),
	.errors = N_("EAI_NONAME (no such host), EAI_SERVICE."),
	.event = &getaddrinfo_event,
	.example = "resolve localhost 8888",
	.exec = cmd_resolve_exec,
};
