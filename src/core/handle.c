/* handle.c - the table of named sockets. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/i18n.h"
#include "base/message.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"

/*
 * Names are looked up in a hash (open addressing, at most half full) that
 * holds the newest handle of each name: a script that opens and closes a
 * socket 50,000 times keeps 50,000 retired handles, and a scan of them at
 * every command made it quadratic. Without the hash (out of memory), a
 * scan.
 */
static size_t
name_hash(const char *name)
{
	size_t h = 2166136261u;		/* FNV-1a */

	while (*name != '\0')
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

/* NAME's slot in the hash: its handle, or the empty slot it would take. */
static struct handle **
name_slot(struct shell *sh, const char *name)
{
	size_t mask = sh->by_name_cap - 1, i = name_hash(name) & mask;

	while (sh->by_name[i] != NULL && strcmp(sh->by_name[i]->name, name) != 0)
		i = (i + 1) & mask;
	return &sh->by_name[i];
}

/* Puts H in the hash (after the handles array got it), growing it. */
static void
name_index(struct shell *sh, struct handle *h)
{
	if (sh->by_name != NULL && sh->nhandles * 2 <= sh->by_name_cap) {
		*name_slot(sh, h->name) = h;
		return;
	}
	handle_reindex(sh);
}

/* Builds the hash anew from the handles array: grown, or after handles
 * were taken out of the array (shell_forget). */
void
handle_reindex(struct shell *sh)
{
	size_t cap, i;

	free(sh->by_name);
	for (cap = 64; cap < sh->nhandles * 4; cap *= 2)
		;
	sh->by_name = calloc(cap, sizeof *sh->by_name);
	sh->by_name_cap = sh->by_name != NULL ? cap : 0;
	/* In creation order: the newest of a name comes last and stays. */
	for (i = 0; sh->by_name != NULL && i < sh->nhandles; i++)
		*name_slot(sh, sh->handles[i]->name) = sh->handles[i];
}

struct handle *
handle_find(struct shell *sh, const char *name)
{
	struct handle *h;
	size_t i;

	if (sh->by_name != NULL) {
		h = *name_slot(sh, name);
		return h != NULL && !h->retired ? h : NULL;
	}
	for (i = sh->nhandles; i-- > 0; )
		if (!sh->handles[i]->retired &&
		    strcmp(sh->handles[i]->name, name) == 0)
			return sh->handles[i];
	return NULL;
}

struct handle *
handle_by_id(struct shell *sh, int id)
{
	size_t i;

	if (id <= 0)
		return NULL;	/* none: ids start at 1 */
	/* Handles are numbered in the order they are added. */
	if ((size_t)id <= sh->nhandles &&
	    sh->handles[id - 1]->id == id)
		return sh->handles[id - 1];
	for (i = 0; i < sh->nhandles; i++)
		if (sh->handles[i]->id == id)
			return sh->handles[i];
	return NULL;
}

struct handle *
handle_by_fd(struct shell *sh, int fd)
{
	size_t i;

	for (i = 0; i < sh->nhandles; i++)
		if (sh->handles[i]->fd == fd)
			return sh->handles[i];
	return NULL;
}

/* Letters, digits, '_', '-', '.'; starts with a letter or '_'. */
int
handle_name_ok(const char *name, char *err)
{
	const char *p;

	if (strlen(name) > HANDLE_NAME_MAX) {
		snprintf(err, MESSAGE_LEN, _("the name '%.20s...' is too long: "
		    "a handle name has at most %d characters"), name,
		    HANDLE_NAME_MAX);
		return -1;
	}
	if (!isalpha((unsigned char)name[0]) && name[0] != '_')
		goto bad;
	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.')
			goto bad;
	return 0;
bad:
	snprintf(err, MESSAGE_LEN, _("'%.40s' is not a handle name: use "
	    "letters, digits, '_', '-' and '.', starting with a letter, as in "
	    "srv or conn2"), name);
	return -1;
}

/*
 * Adds a handle for FD. A closed handle of the same name is retired (the
 * name may be used again once its socket is closed). Returns NULL when
 * memory runs out.
 */
struct handle *
handle_add(struct shell *sh, const char *name, int fd, int family, int type)
{
	struct handle *h, **v, *old;

	h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	/* The old one stays for the picture's history, out of sight. */
	old = handle_find(sh, name);
	if (old != NULL)
		old->retired = 1;
	if (sh->nhandles == sh->handles_cap) {
		size_t cap = sh->handles_cap ? sh->handles_cap * 2 : 16;

		v = realloc(sh->handles, cap * sizeof *v);
		if (v == NULL) {
			free(h);
			return NULL;
		}
		sh->handles = v;
		sh->handles_cap = cap;
	}
	h->id = ++sh->next_id;
	snprintf(h->name, sizeof h->name, "%s", name);
	h->fd = fd;
	h->family = family;
	h->type = type;
	h->scripted = sh->at.depth > 0;
	roles_take(sh, h);
	sh->handles[sh->nhandles++] = h;
	name_index(sh, h);
	return h;
}

/*
 * BASE if free, else BASE2, BASE3, ... (closed names count as free). BUF
 * may be BASE; a long BASE is cut so the number fits.
 */
void
handle_default_name(struct shell *sh, const char *base, char *buf)
{
	char b[HANDLE_NAME_MAX + 1], num[16];
	struct handle *h;
	int n, len;

	snprintf(b, sizeof b, "%s", base);
	snprintf(buf, HANDLE_NAME_MAX + 1, "%s", b);
	for (n = 2; (h = handle_find(sh, buf)) != NULL && h->fd >= 0; n++) {
		len = snprintf(num, sizeof num, "%d", n);
		snprintf(buf, HANDLE_NAME_MAX + 1, "%.*s%s",
		    HANDLE_NAME_MAX - len, b, num);
	}
}

/* Keeps the addresses, so a closed handle still says what it was. */
void
handle_remember_addrs(struct handle *h)
{
	socklen_t len;
	int no_port = 0;

	if (h->fd < 0)
		return;
	len = sizeof h->local;
	if (getsockname(h->fd, (struct sockaddr *)&h->local, &len) == 0) {
		h->local_len = len;
		/* An IP socket without a port is not connected (connect
		 * gives it one): getpeername would fail. */
		no_port = (h->local.ss_family == AF_INET &&
		    ((struct sockaddr_in *)&h->local)->sin_port == 0) ||
		    (h->local.ss_family == AF_INET6 &&
		    ((struct sockaddr_in6 *)&h->local)->sin6_port == 0);
	}
	len = sizeof h->peer;
	if (!no_port &&
	    getpeername(h->fd, (struct sockaddr *)&h->peer, &len) == 0)
		h->peer_len = len;
	/* What names this connection after close, too (diag.c). */
	len = sizeof h->cookie;
	if (h->cookie == 0 && h->peer_len > 0 &&
	    getsockopt(h->fd, SOL_SOCKET, SO_COOKIE, &h->cookie, &len) < 0)
		h->cookie = 0;
}

/*
 * Closes H's socket, keeping its addresses (jobs_close_handle cancels
 * its jobs first).
 * The descriptor is gone whatever close(2) says; returns its result, with
 * errno set when it is -1.
 */
int
handle_close(struct handle *h)
{
	int rc, err;

	if (h->fd < 0)
		return 0;
	handle_remember_addrs(h);
	rc = close(h->fd);
	err = errno;
	h->fd = -1;
	errno = err;
	return rc;
}

size_t
handle_open_count(struct shell *sh)
{
	size_t i, n = 0;

	for (i = 0; i < sh->nhandles; i++)
		n += sh->handles[i]->fd >= 0;
	return n;
}

/* Where H stands after a failed call, for the advice (errinfo.c): all 0
 * for no socket, or a closed one. */
void
handle_situation(const struct handle *h, struct errinfo_situation *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, olen = sizeof(int);
	int on = 0;

	memset(s, 0, sizeof *s);
	if (h == NULL || h->fd < 0)
		return;
	s->family = h->family;
	s->shut = h->shut;
	if (getsockopt(h->fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &olen) == 0 &&
	    on)
		s->listening = 1;
	else if (getpeername(h->fd, (struct sockaddr *)&ss, &len) == 0)
		s->connected = 1;
	else if (h->peer_len == 0 && !h->connecting)
		s->never = 1;
	len = sizeof ss;
	if (h->family == AF_UNIX &&
	    getsockname(h->fd, (struct sockaddr *)&ss, &len) == 0 &&
	    !addr_named(&ss, len))
		s->unnamed = 1;
}

/*
 * Appends an event for the picture (and the expectations): a call made on
 * handle HANDLE_ID and what it returned. Returns it, for the caller to add
 * what it knows, or NULL when memory ran out.
 */
struct event *
handle_log(struct shell *sh, const struct ev_type *type, int handle_id,
    int other_id, long long result, int err)
{
	struct event *v = evlog_add(&sh->log, type, handle_id, other_id,
	    result, err);
	struct handle *h;

	if (v == NULL)
		return NULL;
	/* A call on a socket: what the picture kept of it may change. */
	if ((h = handle_by_id(sh, handle_id)) != NULL)
		h->calls++;
	if (other_id != 0 && (h = handle_by_id(sh, other_id)) != NULL)
		h->calls++;
	return v;
}
