/* history.c - the history file, read and written here rather than with
 * readline's read_history and write_history: it is opened without
 * following a symbolic link (O_NOFOLLOW, so no link can lead the shell
 * into somebody else's file), used only when it is a regular file that
 * belongs to us, created with mode 0600, and a file that is not text is
 * ignored with a warning and left as it is. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "base/i18n.h"
#include "core/shell.h"
#include "input/input.h"

#define HIST_KEEP	1000			/* lines saved */
#define HIST_FILE_MAX	(8 * 1024 * 1024)	/* a bigger file is not ours */

static void
warn(struct shell *sh, const char *path, const char *why)
{
	fprintf(sh->err, _("%s: history file %s %s; history is not kept "
	    "(remove or rename the file to start a new one)\n"), PACKAGE,
	    path, why);
	fflush(sh->err);
}

/*
 * Opens PATH with FLAGS, never through a symbolic link, and checks it is a
 * regular file of ours. Returns the descriptor; -1 after a warning; or -2
 * when there is no such file.
 */
static int
open_checked(struct shell *sh, const char *path, int flags)
{
	struct stat st;
	char why[256];
	int fd;

	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == ENOENT)
			return -2;
		if (errno == ELOOP)
			warn(sh, path, _("is a symbolic link"));
		else {
			snprintf(why, sizeof why, _("cannot be opened (%s)"),
			    strerror(errno));
			warn(sh, path, why);
		}
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		warn(sh, path, _("is not a regular file"));
		close(fd);
		return -1;
	}
	if (st.st_uid != geteuid()) {
		warn(sh, path, _("belongs to another user"));
		close(fd);
		return -1;
	}
	if (st.st_size > HIST_FILE_MAX) {
		warn(sh, path, _("is too big to be a history"));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * PATH does not exist yet: whether history_save will be able to create it.
 * Said now, once, rather than never (SOCKSHELL_HISTORY=/no/such/dir/h
 * used to keep nothing without a word). Returns 0, or -1 after a
 * warning.
 */
static int
folder_ok(struct shell *sh, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ok;

	if (slash == NULL)
		dir = strdup(".");
	else
		dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
	if (dir == NULL)
		return -1;
	ok = access(dir, W_OK | X_OK) == 0;
	if (!ok)
		fprintf(sh->err, _("%s: history file %s cannot be created (%s: "
		    "%s); history is not kept (set SOCKSHELL_HISTORY to a file "
		    "in a folder of yours)\n"), PACKAGE, path, dir,
		    strerror(errno));
	free(dir);
	fflush(sh->err);
	return ok ? 0 : -1;
}

/*
 * Loads the history from PATH. Returns 0 when the file was read or does
 * not exist yet (history_save may write it), -1 when it is not to be used
 * (said why on the shell's error stream).
 */
/*
 * Reads the file FD (PATH) whole into *BUF (*LEN bytes), text checked.
 * Returns 0, or -1 after a warning (and FD is closed either way).
 */
static int
read_whole(struct shell *sh, int fd, const char *path, char **buf,
    size_t *len)
{
	char *grown, why[256];
	size_t cap = 0;
	ssize_t n;

	*buf = NULL;
	*len = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > HIST_FILE_MAX + 1 ||
			    (grown = realloc(*buf, cap)) == NULL) {
				warn(sh, path, _("is too big to be a history"));
				goto fail;
			}
			*buf = grown;
		}
		n = read(fd, *buf + *len, cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, sizeof why, _("cannot be read (%s)"),
			    strerror(errno));
			warn(sh, path, why);
			goto fail;
		}
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	if (memchr(*buf, '\0', *len) != NULL) {
		warn(sh, path, _("is corrupt: it holds NUL bytes, so it is not "
		    "text"));
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
fail:
	free(*buf);
	*buf = NULL;
	close(fd);
	return -1;
}

/* The history's lines that this session added (history_save appends
 * them to what the file holds then, as other shells may have too). */
static int loaded;

/*
 * Loads the history from PATH. Returns 0 when the file was read or does
 * not exist yet (history_save may write it), -1 when it is not to be used
 * (said why on the shell's error stream).
 */
int
history_load(struct shell *sh, const char *path)
{
	char *buf, *p, *nl;
	size_t len;
	int fd;

	loaded = history_length;
	fd = open_checked(sh, path, O_RDONLY);
	if (fd == -2)
		return folder_ok(sh, path);
	if (fd < 0 || read_whole(sh, fd, path, &buf, &len) < 0)
		return -1;
	for (p = buf; p < buf + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (nl == NULL)
			nl = buf + len;
		*nl = '\0';
		if (*p != '\0')
			add_history(p);
	}
	free(buf);
	loaded = history_length;
	return 0;
}

/* Writes everything of BUF (LEN bytes) to FD; returns 0 or -1. */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * The lines to save: the file's as they are now (FILE, LEN bytes; other
 * shells may have added theirs since this one loaded it), then the lines
 * this session typed; the last HIST_KEEP of them, written to FD.
 */
static int
write_merged(int fd, char *file, size_t len)
{
	HIST_ENTRY **list = history_list();
	char **lines;
	size_t n = 0, cap = HIST_KEEP + 1, i;
	char *p, *nl;
	int count = 0, rc = 0, j;

	while (list != NULL && list[count] != NULL)
		count++;
	if ((lines = calloc(cap + (size_t)count, sizeof *lines)) == NULL)
		return -1;
	for (p = file; p != NULL && p < file + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(file + len - p));
		if (nl == NULL)
			nl = file + len;
		*nl = '\0';
		if (*p == '\0')
			continue;
		if (n == cap)		/* the oldest go */
			memmove(lines, lines + 1, --n * sizeof *lines);
		lines[n++] = p;
	}
	for (j = loaded; j < count; j++)
		lines[n++] = list[j]->line;
	for (i = n > HIST_KEEP ? n - HIST_KEEP : 0; rc == 0 && i < n; i++)
		if (write_all(fd, lines[i], strlen(lines[i])) < 0 ||
		    write_all(fd, "\n", 1) < 0)
			rc = -1;
	free(lines);
	return rc;
}

/*
 * Saves the history to PATH, merged with what other shells saved there
 * meanwhile (two terminals of one lesson), under a lock (PATH.lock), and
 * atomically: a new file beside it, renamed over it once whole, so a
 * full disk loses nothing that was there. Returns 0, or -1 after saying
 * why.
 */
int
history_save(struct shell *sh, const char *path)
{
	char *tmp = NULL, *lock = NULL, *file = NULL;
	size_t len = 0;
	int fd = -1, lockfd = -1, rc = -1;

	if (asprintf(&lock, "%s.lock", path) < 0 ||
	    asprintf(&tmp, "%s.XXXXXX", path) < 0)
		goto out;
	lockfd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lockfd < 0 || flock(lockfd, LOCK_EX) < 0)
		goto out;
	fd = open_checked(sh, path, O_RDONLY);
	if (fd >= 0 && read_whole(sh, fd, path, &file, &len) < 0)
		goto out;
	if (fd == -1)
		goto out;
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	if (fchmod(fd, 0600) < 0 || write_merged(fd, file, len) < 0 ||
	    fsync(fd) < 0) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		fprintf(sh->err, _("%s: cannot save the history in %s: %s\n"),
		    PACKAGE, path, strerror(errno));
	if (lockfd >= 0)
		close(lockfd);	/* and the lock with it */
	free(file);
	free(lock);
	free(tmp);
	return rc;
}
