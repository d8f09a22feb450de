/*
 * fence.c - a lesson is data, not a program: what it may touch.
 *
 * A lesson file (--lesson, --practice, lesson, source, or the FILE of
 * the command line) may come from anybody. Its lines run inside a fence,
 * carried in struct where (so a job started by a lesson keeps it): files
 * only inside a work folder of its own, opened one component at a time
 * without following a link (the files it runs, with source or lesson, a
 * .lesson file beside it too, and they run fenced wherever they are);
 * the network only on loopback and this shell's own AF_UNIX names, and
 * host names from /etc/hosts alone. What the student types is the
 * student's own. --trust-lesson lifts a part; the bundled lessons, and
 * the folders an administrator lists in
 * SYSCONFDIR/sockshell/trusted-lessons, are trusted.
 */
#include <config.h>

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/files.h"
#include "base/i18n.h"
#include "base/lessons.h"
#include "base/message.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/hooks.h"
#include "core/report.h"
#include "core/shell.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* Whether the folder holding the file REAL is DIR or under it. */
static int
under(const char *real, const char *dir)
{
	char d[PATH_MAX];
	size_t n;

	if (realpath(dir, d) == NULL)
		return 0;
	n = strlen(d);
	return strncmp(real, d, n) == 0 && (real[n] == '/' ||
	    (n == 1 && d[0] == '/'));
}

/* Whether the file REAL is in a folder the administrator trusts: one
 * a line of SYSCONFDIR/sockshell/trusted-lessons (# starts a comment). */
static int
admin_trusted(const char *real)
{
	char line[PATH_MAX];
	FILE *f;
	int yes = 0;
	int odd;

	if ((f = files_open_regular(SYSCONFDIR "/sockshell/trusted-lessons",
	    &odd)) == NULL)
		return 0;
	while (!yes && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "#\n")] = '\0';
		if (line[0] == '/')
			yes = under(real, line);
	}
	fclose(f);
	return yes;
}

/* The work folder's name for the lesson at PATH: its file's name without
 * .lesson, in letters, digits, '.', '-' and '_'. */
static void
lesson_name(const char *path, char *name, size_t n)
{
	const char *base = strrchr(path, '/');
	size_t i, len;

	base = base != NULL ? base + 1 : path;
	len = strlen(base);
	if (lessons_is_file(base))
		len -= 7;
	for (i = 0; i < len && i + 1 < n; i++)
		name[i] = isalnum((unsigned char)base[i]) ||
		    strchr(".-_", base[i]) != NULL ? base[i] : '_';
	name[i] = '\0';
	if (name[0] == '\0' || name[0] == '.')
		snprintf(name, n, "lesson");
}

unsigned
fence_for_file(struct shell *sh, const char *path, char *lesson, size_t n)
{
	char real[PATH_MAX];

	if ((sh->trust & FENCE_ALL) == FENCE_ALL)
		return 0;
	if (realpath(path, real) != NULL && (under(real,
	    lessons_bundled_dir()) || admin_trusted(real)))
		return 0;
	if (lesson[0] == '\0')
		lesson_name(path, lesson, n);
	return FENCE_ALL & ~sh->trust;
}

int
fence_parse_trust(const char *what, unsigned *bits)
{
	if (strcmp(what, "files") == 0)
		*bits |= FENCE_FILES;
	else if (strcmp(what, "network") == 0)
		*bits |= FENCE_NETWORK;
	else if (strcmp(what, "all") == 0)
		*bits |= FENCE_ALL;
	else
		return -1;
	return 0;
}

/* The fenced lesson's work folder into BUF, made when missing; 0, or -1
 * after a message. */
static int
work_dir(struct shell *sh, char *buf, size_t n)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int len;

	if (sh->work_dir != NULL)
		len = snprintf(buf, n, "%s", sh->work_dir);
	else if (state != NULL && state[0] == '/')
		len = snprintf(buf, n, "%s/sockshell/work/%s", state,
		    sh->at.lesson);
	else if (home != NULL && home[0] == '/')
		len = snprintf(buf, n, "%s/.local/state/sockshell/work/%s",
		    home, sh->at.lesson);
	else {
		report_error(sh, "%s", _("a lesson's work folder is under "
		    "$HOME, which is not set: name one with --work-dir=DIR"));
		return -1;
	}
	if (len < 0 || (size_t)len >= n) {
		report_error(sh, "%s", _("the lesson's work folder's path is "
		    "too long: name a shorter one with --work-dir=DIR"));
		return -1;
	}
	if (files_make_dirs(buf, 0700) < 0) {
		report_error(sh, _("cannot make the lesson's work folder "
		    "'%s': %s"), buf, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * At a terminal, asks the student whether the lesson may go beyond the
 * fence BIT for WHAT (a path, an address): yes lifts it for the rest of
 * the lesson's file. 1 when lifted.
 */
static int
lift(struct shell *sh, unsigned bit, const char *what)
{
	char question[MESSAGE_LEN];

	if (bit == FENCE_FILES)
		snprintf(question, sizeof question, _("The lesson %s asks for "
		    "'%.200s', outside its work folder. Let it use any file "
		    "until it ends?"), sh->at.lesson, what);
	else
		snprintf(question, sizeof question, _("The lesson %s asks to "
		    "reach %.200s, neither loopback nor a socket of its own. "
		    "Let it use the network until it ends?"), sh->at.lesson,
		    what);
	if (!hooks_confirm(sh, question))
		return 0;
	sh->at.fence &= ~bit;
	return 1;
}

/*
 * Says why a lesson may not open PATH for CMD (ERR: EXDEV, out of its
 * work folder DIR; ELOOP or ENOTDIR, through a link); SCRIPT: a file of
 * commands to run, which may be a lesson file beside the lesson too.
 */
static void
refuse_path(struct shell *sh, int err, const char *cmd, const char *dir,
    const char *path, int script)
{
	if (err == EXDEV && script)
		report_error(sh, _("%s: a lesson runs only a .lesson file "
		    "beside it, named without '/', or a file in its work "
		    "folder %s, by a path in it with no '..' ('%s' is "
		    "neither); run with --trust-lesson=files to lift this"),
		    cmd, dir, path);
	else if (err == EXDEV)
		report_error(sh, _("%s: a lesson reads and writes files only "
		    "in its work folder %s, by a path in it with no '..' ('%s' "
		    "is not); run with --trust-lesson=files to lift this"),
		    cmd, dir, path);
	else
		report_error(sh, _("%s: '%s' goes through a symbolic link, "
		    "which a lesson does not follow; run with "
		    "--trust-lesson=files to lift this"), cmd, path);
}

/* PATH in the folder DIR ("" or ".": PATH as it is), malloc'd; NULL when
 * out of memory. */
static char *
joined(const char *dir, const char *path)
{
	size_t n = strlen(dir) + strlen(path) + 2;
	int here = dir[0] == '\0' || strcmp(dir, ".") == 0;
	char *s;

	if ((s = malloc(n)) != NULL)
		snprintf(s, n, "%s%s%s", here ? "" : dir, here ||
		    dir[strlen(dir) - 1] == '/' ? "" : "/", path);
	return s;
}

/*
 * Opens with FLAGS the lesson file PATH names beside the file being run,
 * when PATH is a name without '/' (but a leading "./") that ends in
 * .lesson, without following a link: DIR gets its folder, *NAME the name
 * in it. A descriptor, or -1 with errno (ENOENT: no such file there, or
 * PATH names none).
 */
static int
open_beside(struct shell *sh, const char *path, int flags, char *dir,
    size_t n, const char **name)
{
	const char *at = sh->at.path, *slash;

	*name = path;
	while (strncmp(*name, "./", 2) == 0)
		*name += 2;
	errno = ENOENT;
	if (at == NULL || strchr(*name, '/') != NULL || !lessons_is_file(*name))
		return -1;
	if ((slash = strrchr(at, '/')) == NULL)
		snprintf(dir, n, ".");
	else if ((size_t)(slash - at) < n)
		snprintf(dir, n, "%.*s", slash == at ? 1 : (int)(slash - at),
		    at);
	else
		return -1;
	return files_open_beneath(dir, *name, flags, 0);
}

/* fence_open, where SCRIPT: PATH is a file of commands to run, which may
 * be a lesson file beside the file being run too (open_beside). */
static int
open_fenced(struct shell *sh, const char *path, int flags, mode_t mode,
    const char *cmd, char **full, int script)
{
	char dir[PATH_MAX];
	const char *rel = path;
	int fd = -1, err;

	if (full != NULL)
		*full = NULL;
	errno = ENOENT;
	if (!(sh->at.fence & FENCE_FILES)) {
		dir[0] = '\0';
		fd = open(path, flags | O_CLOEXEC, mode);
	} else if (script)
		fd = open_beside(sh, path, flags, dir, sizeof dir, &rel);
	if (fd < 0 && errno == ENOENT && (sh->at.fence & FENCE_FILES)) {
		rel = path;
		if (work_dir(sh, dir, sizeof dir) < 0)
			return -2;
		fd = files_open_beneath(dir, path, flags, mode);
	}
	if (fd < 0 && dir[0] != '\0' && (errno == EXDEV || errno == ELOOP ||
	    errno == ENOTDIR)) {
		err = errno;
		if (lift(sh, FENCE_FILES, path))
			return open_fenced(sh, path, flags, mode, cmd, full,
			    script);
		refuse_path(sh, err, cmd, dir, path, script);
		return -2;
	}
	err = errno;
	/* The path opened, the work folder's own where fenced; only for a
	 * descriptor, so a failed try leaves nothing to free. */
	if (fd >= 0 && full != NULL && (*full = joined(dir, rel)) == NULL) {
		close(fd);
		return -1;
	}
	errno = err;
	return fd;
}

int
fence_open(struct shell *sh, const char *path, int flags, mode_t mode,
    const char *cmd, char **full)
{
	return open_fenced(sh, path, flags, mode, cmd, full, 0);
}

/* A file of commands is read without waiting on a FIFO (files.h). */
#define SCRIPT_FLAGS	(O_RDONLY | O_NOCTTY | O_NONBLOCK)

FILE *
fence_open_script(struct shell *sh, const char *path, const char *cmd,
    char **full)
{
	struct stat sb;
	char dir[PATH_MAX];
	FILE *fp = NULL;
	int fd, odd = 0;

	*full = NULL;
	if (cmd != NULL)
		fd = open_fenced(sh, path, SCRIPT_FLAGS, 0, cmd, full, 1);
	else if ((fd = open(path, SCRIPT_FLAGS | O_CLOEXEC)) >= 0 &&
	    (*full = strdup(path)) == NULL) {
		close(fd);
		fd = -1;
	}
	if (fd == -2)
		return NULL;
	if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		report_error(sh, _("'%s' is a folder: give a file of commands"),
		    path);
	} else if ((fp = files_fdopen_regular(fd, &odd)) == NULL && odd)
		report_error(sh, _("'%s' is not a regular file (a FIFO or a "
		    "device): give a file of commands"), path);
	else if (fp == NULL && errno == ENOENT && cmd != NULL &&
	    (sh->at.fence & FENCE_FILES) && work_dir(sh, dir, sizeof dir) == 0)
		report_error(sh, _("%s: '%s' is neither a .lesson file beside "
		    "the lesson nor a file in its work folder %s"), cmd, path,
		    dir);
	else if (fp == NULL)
		report_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
	if (fp == NULL) {
		free(*full);
		*full = NULL;
	}
	return fp;
}

FILE *
fence_open_lesson(struct shell *sh, const char *name, const char *cmd,
    char **full)
{
	char path[PATH_MAX];

	*full = NULL;
	if (strchr(name, '/') != NULL)
		return fence_open_script(sh, name, cmd, full);
	if (lessons_find(name, path, sizeof path) < 0) {
		report_error(sh, _("no lesson '%.40s' in %s: 'lesson' lists "
		    "them"), name, lessons_dir());
		return NULL;
	}
	/* Found in the lessons' folders by its name: as given. */
	return fence_open_script(sh, path, NULL, full);
}

int
fence_path(struct shell *sh, const char *path, const char *cmd,
    char **full)
{
	char dir[PATH_MAX], *sub;
	const char *slash = strrchr(path, '/'), *last;
	int fd = 0, err = 0;

	*full = NULL;
	if (!(sh->at.fence & FENCE_FILES))
		return (*full = strdup(path)) != NULL ? 0 : -1;
	if (work_dir(sh, dir, sizeof dir) < 0)
		return -1;
	last = slash != NULL ? slash + 1 : path;
	if (path[0] == '/' || strcmp(last, "..") == 0 || *last == '\0')
		err = EXDEV;
	else if (slash != NULL) {
		/* Its folders, walked as fence_open walks them. */
		if ((sub = strndup(path, (size_t)(slash - path))) == NULL)
			return -1;
		fd = files_open_beneath(dir, sub, O_RDONLY | O_DIRECTORY, 0);
		err = fd < 0 ? errno : 0;
		free(sub);
		if (fd >= 0)
			close(fd);
	}
	if (err == EXDEV || err == ELOOP || err == ENOTDIR) {
		if (lift(sh, FENCE_FILES, path))
			return fence_path(sh, path, cmd, full);
		refuse_path(sh, err, cmd, dir, path, 0);
		return -1;
	}
	if (err != 0) {
		report_error(sh, _("%s: cannot open '%s': %s"), cmd, path,
		    strerror(err));
		return -1;
	}
	return (*full = joined(dir, path)) != NULL ? 0 : -1;
}

/* Whether the AF_UNIX address SUN names a socket of this shell. */
static int
own_unix_name(struct shell *sh, const struct sockaddr_un *sun,
    socklen_t len)
{
	size_t i;

	for (i = 0; i < sh->nhandles; i++) {
		const struct handle *h = sh->handles[i];

		if (h->family == AF_UNIX && h->local_len == len &&
		    memcmp(&h->local, sun, len) == 0)
			return 1;
	}
	return 0;
}

/* Whether ADDR is on loopback: 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104. */
static int
loopback(const struct sockaddr *addr)
{
	if (addr->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)addr)->
		    sin_addr.s_addr) >> 24) == 127;
	if (addr->sa_family == AF_INET6) {
		const struct in6_addr *a = &((const struct sockaddr_in6 *)
		    (const void *)addr)->sin6_addr;

		return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) &&
		    a->s6_addr[12] == 127);
	}
	return 0;
}

/* Whether ADDR is the wildcard address, 0.0.0.0 or ::. */
static int
wildcard(const struct sockaddr *addr)
{
	if (addr->sa_family == AF_INET)
		return ((const struct sockaddr_in *)(const void *)addr)->
		    sin_addr.s_addr == htonl(INADDR_ANY);
	if (addr->sa_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)
		    (const void *)addr)->sin6_addr);
	return 0;
}

/* Whether PATH has a ".." component. */
static int
dotdot(const char *path)
{
	const char *p;

	for (p = strstr(path, ".."); p != NULL; p = strstr(p + 1, ".."))
		if ((p == path || p[-1] == '/') && (p[2] == '\0' ||
		    p[2] == '/'))
			return 1;
	return 0;
}

int
fence_unix_name(struct shell *sh, struct sockaddr_storage *ss,
    socklen_t *len, const char *cmd)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)(void *)ss;
	size_t off = offsetof(struct sockaddr_un, sun_path);
	char dir[PATH_MAX], path[sizeof sun->sun_path + 1];
	int n;

	if (!(sh->at.fence & FENCE_FILES) || ss->ss_family != AF_UNIX ||
	    *len <= off || sun->sun_path[0] == '\0' ||
	    own_unix_name(sh, sun, *len))
		return 0;	/* unnamed, abstract, or its own */
	memcpy(path, sun->sun_path, *len - off);
	path[*len - off] = '\0';
	if (path[0] == '/' || dotdot(path)) {
		if (lift(sh, FENCE_FILES, path))
			return 0;
		if (work_dir(sh, dir, sizeof dir) == 0)
			refuse_path(sh, EXDEV, cmd, dir, path, 0);
		return -1;
	}
	if (work_dir(sh, dir, sizeof dir) < 0)
		return -1;
	n = snprintf(sun->sun_path, sizeof sun->sun_path, "%s/%s", dir, path);
	if (n < 0 || (size_t)n >= sizeof sun->sun_path) {
		report_error(sh, _("%s: '%s' in the lesson's work folder is "
		    "longer than an AF_UNIX name may be (%zu bytes): name a "
		    "shorter folder with --work-dir=DIR"), cmd, path,
		    sizeof sun->sun_path - 1);
		return -1;
	}
	*len = (socklen_t)(off + (size_t)n + 1);
	return 0;
}

int
fence_reach(struct shell *sh, const struct sockaddr *addr, socklen_t len,
    const char *cmd)
{
	struct sockaddr_storage ss;
	char where[128];

	if (!(sh->at.fence & FENCE_NETWORK) || loopback(addr))
		return 0;
	memset(&ss, 0, sizeof ss);
	memcpy(&ss, addr, len < sizeof ss ? len : sizeof ss);
	if ((addr->sa_family == AF_INET || addr->sa_family == AF_INET6 ||
	    (addr->sa_family == AF_UNIX && !own_unix_name(sh,
	    (const struct sockaddr_un *)(const void *)addr, len))) &&
	    lift(sh, FENCE_NETWORK, addr_format(&ss, len, where,
	    sizeof where)))
		return 0;
	if (addr->sa_family == AF_UNIX) {
		if (own_unix_name(sh, (const struct sockaddr_un *)
		    (const void *)addr, len))
			return 0;
		report_error(sh, _("%s: a lesson reaches only the AF_UNIX "
		    "names its own sockets are bound to; run with "
		    "--trust-lesson=network to lift this"), cmd);
		return -1;
	}
	if (addr->sa_family != AF_INET && addr->sa_family != AF_INET6)
		return 0;
	report_error(sh, _("%s: a lesson reaches only loopback (127.0.0.1, "
	    "::1), not other machines; run with --trust-lesson=network to "
	    "lift this"), cmd);
	return -1;
}

int
fence_bind(struct shell *sh, struct handle *h, struct sockaddr_storage *ss,
    socklen_t len, const char *cmd)
{
	struct sockaddr *addr = (struct sockaddr *)ss;
	char where[128];

	if (addr->sa_family != AF_INET && addr->sa_family != AF_INET6)
		return 0;
	if (!(sh->at.fence & FENCE_NETWORK)) {
		if (!loopback(addr) && !sh->reach_noted && sh->at.depth == 0) {
			sh->reach_noted = 1;
			fprintf(sh->out, _("  note: %s can be reached from "
			    "other machines on this address (127.0.0.1 keeps "
			    "it on this one)\n"), h->name);
		}
		return 0;
	}
	if (loopback(addr))
		return 0;
	if (!wildcard(addr)) {
		if (lift(sh, FENCE_NETWORK, addr_format(ss, len, where,
		    sizeof where)))
			return 0;
		report_error(sh, _("%s: a lesson binds only loopback "
		    "(127.0.0.1, ::1), not an address other machines reach; "
		    "run with --trust-lesson=network to lift this"), cmd);
		return -1;
	}
	if (addr->sa_family == AF_INET)
		((struct sockaddr_in *)(void *)ss)->sin_addr.s_addr =
		    htonl(INADDR_LOOPBACK);
	else
		((struct sockaddr_in6 *)(void *)ss)->sin6_addr =
		    in6addr_loopback;
	fprintf(sh->out, _("  note: a lesson binds loopback, not every "
	    "address: %s stays on this machine (--trust-lesson=network "
	    "lifts this)\n"), h->name);
	return 0;
}

int
fence_autobind(struct shell *sh, struct handle *h, const char *cmd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int port;

	if (!(sh->at.fence & FENCE_NETWORK) ||
	    (h->family != AF_INET && h->family != AF_INET6))
		return 0;
	if (getsockname(h->fd, (struct sockaddr *)&ss, &len) < 0)
		return 0;
	port = ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port;
	if (port != 0)
		return 0;
	if (ss.ss_family == AF_INET)
		((struct sockaddr_in *)&ss)->sin_addr.s_addr =
		    htonl(INADDR_LOOPBACK);
	else
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
	if (bind(h->fd, (struct sockaddr *)&ss, len) < 0) {
		report_error(sh, _("%s: cannot bind %s to loopback first, as "
		    "a lesson's socket is: %s"), cmd, h->name,
		    strerror(errno));
		return -1;
	}
	handle_remember_addrs(h);
	fprintf(sh->out, _("  note: %s is bound to loopback first, as a "
	    "lesson's socket is: %s would have bound it to every address "
	    "(--trust-lesson=network lifts this)\n"), h->name, cmd);
	return 0;
}

int
fence_hosts_only(const struct shell *sh)
{
	return (sh->at.fence & FENCE_NETWORK) != 0;
}
