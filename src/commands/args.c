/* args.c - what the commands' arguments name, found or said to be wrong:
 * a socket of the shell, another socket's address, a socket option. The
 * command table's framework and the cmd-*.c files share them. */
#include <config.h>

#include <netinet/in.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "commands/args.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/sockopt.h"

/* The open handle NAME, or NULL after a message that says what to do. */
struct handle *
args_open_handle(struct shell *sh, const char *name)
{
	struct handle *h = handle_find(sh, name);
	char list[256] = "";
	size_t i, o = 0;

	if (h != NULL && h->fd >= 0)
		return h;
	if (h != NULL) {
		shell_error(sh, _("'%s' is closed: create a new socket with "
		    "'socket %s'"), name, name);
		return NULL;
	}
	if (*name == '\0') {
		shell_error(sh, "%s", _("the socket's name is empty: give the "
		    "name of a socket ('show' lists them)"));
		return NULL;
	}
	for (i = 0; i < sh->nhandles && o + HANDLE_NAME_MAX + 8 < sizeof list;
	    i++) {
		if (sh->handles[i]->fd < 0)
			continue;
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
		    o ? ", " : "", sh->handles[i]->name);
	}
	if (o == 0)
		shell_error(sh, _("no socket named '%.40s': create one with "
		    "'socket %.40s'"), name, name);
	else
		shell_error(sh, _("no socket named '%.40s' (open: %s): create "
		    "one with 'socket %.40s'"), name, list, name);
	return NULL;
}

/*
 * The address of the shell's own handle OTHER, to connect to it; the
 * wildcard address (bound to *) becomes loopback, where it is reachable.
 */
int
args_address_of(struct shell *sh, struct handle *h, struct handle *other,
    struct sockaddr_storage *ss, socklen_t *len)
{
	socklen_t l = sizeof *ss;

	if (other->fd < 0) {
		shell_error(sh, _("'%s' is closed, so it has no address to "
		    "connect to: give ADDRESS PORT, or the name of an open "
		    "socket"), other->name);
		return -1;
	}
	if (getsockname(other->fd, (struct sockaddr *)ss, &l) < 0 ||
	    ss->ss_family != h->family || !sockaddr_named(ss, l)) {
		shell_error(sh, _("'%s' has no %s address to connect to: bind "
		    "it (and listen) first, or give ADDRESS PORT"),
		    other->name, family_name(h->family));
		return -1;
	}
	*len = l;
	if (ss->ss_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		if (sin->sin_addr.s_addr == htonl(INADDR_ANY))
			sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (ss->ss_family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		if (IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
			sin6->sin6_addr = in6addr_loopback;
	}
	return 0;
}

/* The socket option S (SO_REUSEADDR, reuseaddr), or NULL after a message
 * that lists them. */
const struct sockopt *
args_sockopt(struct shell *sh, const char *s)
{
	const struct sockopt *o = sockopt_find(s);
	char list[512];
	size_t n = 0;

	if (o != NULL)
		return o;
	list[0] = '\0';
	for (o = sockopt_table; o->name != NULL && n < sizeof list; o++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
		    n ? ", " : "", o->name);
	shell_error(sh, _("unknown socket option '%.40s': sockshell knows %s"),
	    s, list);
	return NULL;
}
