/* cmd-bind.c - bind NAME ADDRESS PORT: bind(2). */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"

/* Its call, as the picture draws it: the lecture's Bind box. */
static const struct ev_type bind_event = {
	.call = "bind", .op = N_("Bind"), .role = ROLE_BIND
};

static void
set_var_to_port(struct shell *sh, const char *var,
    const struct sockaddr_storage *ss)
{
	char port[8];
	unsigned p;

	if (ss->ss_family == AF_INET6)
		p = ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	else
		p = ntohs(((const struct sockaddr_in *)ss)->sin_port);
	snprintf(port, sizeof port, "%u", p);
	var_set(sh, var, port);
	fprintf(sh->out, _("  $%s is now %s, the port the kernel picked\n"),
	    var, port);
}

static enum cmd_retval
cmd_bind_exec(struct shell *sh, struct cmd_args *a)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct handle *h = a->h;
	char msg[MESSAGE_LEN], addr[64];
	int err;

	if (addr_parse(a->argv[1], a->argc == 3 ? a->argv[2] : NULL,
	    h->family, &ss, &len, msg) < 0) {
		/* "bind srv 8888", as Python's bind(('', 8888)): the address
		 * is missing, not the port. */
		if (a->argc == 2 && h->family != AF_UNIX &&
		    a->argv[1][0] != '\0' &&
		    strspn(a->argv[1], "0123456789") == strlen(a->argv[1]))
			report_error(sh, _("'%.10s' is a port with no address: "
			    "write 'bind %s ADDRESS %.10s', as in 'bind %s "
			    "127.0.0.1 %.10s' (or * for every address)"),
			    a->argv[1], h->name, a->argv[1], h->name,
			    a->argv[1]);
		else
			report_error(sh, "%s", msg);
		return CMD_ERROR;
	}
	/* A lesson binds loopback only, its socket files in its work
	 * folder (core/fence.c). */
	if (fence_unix_name(sh, &ss, &len, "bind") < 0 ||
	    fence_bind(sh, h, &ss, len, "bind") < 0)
		return CMD_ERROR;
	addr_format(&ss, len, addr, sizeof addr);
	if (bind(h->fd, (struct sockaddr *)&ss, len) < 0) {
		err = errno;
		report_call_line(sh, "", "bind", err, "%d, %s", h->fd, addr);
		if (h->family == AF_UNIX && err == EADDRINUSE)
			report_error(sh, _("bind failed with EADDRINUSE: a "
			    "file named %s exists (a socket's file stays after "
			    "close): pick another path, or remove the file"),
			    addr);
		else
			report_syscall_error(sh, h, a->ce->advice, "bind",
			    err);
		evlog_set_addr(handle_log(sh, &bind_event, h->id, 0, -1, err),
		    &ss, len);
		return CMD_ERROR;
	}
	h->port_lost = 0;
	h->port_chosen = ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port != 0 :
	    ss.ss_family == AF_INET ?
	    ((struct sockaddr_in *)&ss)->sin_port != 0 : 1;
	handle_remember_addrs(h);
	fprintf(sh->out, _("bind(%d, %s) = 0: %s is bound to %s\n"), h->fd,
	    addr, h->name, addr_format(&h->local, h->local_len, addr,
	    sizeof addr));
	/* "bind srv 127.0.0.1 $PORT" with PORT 0: the kernel picked a port,
	 * and later steps ("connect cli 127.0.0.1 $PORT") need that one. */
	if (a->argc == 3 && a->vars[2] != NULL && strcmp(a->argv[2], "0") == 0)
		set_var_to_port(sh, a->vars[2], &h->local);
	evlog_set_addr(handle_log(sh, &bind_event, h->id, 0, 0, 0), &ss, len);
	return CMD_OK;
}

/* What its errors mean, where the general advice says less. */
static const struct errinfo_advice bind_advice[] = {
	{ EADDRINUSE, N_("another socket already uses this address and port "
	    "(a listener, or a connection in TIME_WAIT): pick another port, "
	    "close that socket, or bind to port 0; past TIME_WAIT, "
	    "SO_REUSEADDR on before bind, here and on the old listener"), 0 },
	{ EADDRNOTAVAIL, N_("this machine has no such address: bind to "
	    "127.0.0.1, ::1, or * for every address"), 0 },
	{ EINVAL, N_("this socket is already bound, and a socket binds once: "
	    "create a new socket for another address"), 0 },
	{ EACCES, N_("ports below 1024 are reserved for the superuser: use a "
	    "port such as 8888"), 0 },
	{ ENOENT, N_("a folder in that path does not exist: bind to a path in "
	    "an existing folder"), 0 },
	{ 0, NULL, 0 }
};

const struct cmd_entry cmd_bind_entry = {
	.name = "bind",
	.min_args = 2, .max_args = 3,
	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
	    { .kind = ARG_ADDRESS, .flags = ARG_SPREAD }),
	.usage = N_("NAME ADDRESS PORT | NAME ADDRESS:PORT | NAME ('ADDRESS', "
	    "PORT) | NAME PATH"),
	.summary = N_("bind a socket to an IP address and port"),
	.help = N_("Makes bind(2): the socket NAME gets a local address. "
	    "ADDRESS is an IPv4 or IPv6 address ([::1]:8888 with a port), a "
	    "host name, or * for every address (0.0.0.0 or ::). Python's tuple "
	    "('127.0.0.1', 8888) works too, as the lecture writes it ('' is "
	    "every address; AF_INET6 takes ('::1', 8888, 0, 0)). PORT 0 lets "
	    "the kernel pick a free port; the state then shows which. Given "
	    "as a variable ($PORT) whose value is 0, the variable takes the "
	    "picked port, so later steps can use it. An AF_UNIX socket binds "
	    "to a PATH (a file is made there), to @NAME (an abstract name, "
	    "no file), or to @ (the kernel picks an abstract name)."),
	.errors = N_("EADDRINUSE (the port is taken, by a listener or by "
	    "connections in TIME_WAIT; for AF_UNIX, the file exists), "
	    "EADDRNOTAVAIL, EINVAL (already bound), EACCES (a port "
	    "below 1024), ENOENT (AF_UNIX: no such folder)."),
	.advice = { bind_advice },
	.event = &bind_event,
	.example = "bind srv 127.0.0.1 8888",
	.flags = CMD_STATE,
	.exec = cmd_bind_exec,
};
