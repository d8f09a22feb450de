/* sockname.c - getsockname(2) and getpeername(2): the same call but for
 * the side it asks of, shared by the two commands. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "commands/cmd.h"
#include "commands/sockname.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

int
sockname_get(struct shell *sh, const struct cmd_args *a, int peer,
    struct sockaddr_storage *ss, socklen_t *len)
{
	const char *call = peer ? "getpeername" : "getsockname";
	struct handle *h = a->h;
	int r, err;

	memset(ss, 0, sizeof *ss);
	*len = sizeof *ss;
	r = peer ? getpeername(h->fd, (struct sockaddr *)ss, len) :
	    getsockname(h->fd, (struct sockaddr *)ss, len);
	if (r < 0) {
		err = errno;
		report_call_failed(sh, h, a->ce->advice, "", call, err, "%d",
		    h->fd);
		handle_log(sh, a->ce->event, h->id, 0,
		    -1, err);
		return -1;
	}
	return 0;
}
