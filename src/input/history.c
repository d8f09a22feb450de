/* history.c - the history file, read and written here rather than with
 * readline's read_history and write_history: it is opened without
 * following a symbolic link (O_NOFOLLOW, so no link can lead the shell
 * into somebody else's file), used only when it is a regular file that
 * belongs to us, created with mode 0600, and a file that is not text is
 * ignored with a warning and left as it is. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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
int
history_load(struct shell *sh, const char *path)
{
	char *buf = NULL, *p, *nl, *grown, why[256];
	size_t len = 0, cap = 0;
	ssize_t n;
	int fd;

	fd = open_checked(sh, path, O_RDONLY);
	if (fd == -2)
		return folder_ok(sh, path);
	if (fd < 0)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > HIST_FILE_MAX + 1 ||
			    (grown = realloc(buf, cap)) == NULL) {
				free(buf);
				close(fd);
				warn(sh, path, _("is too big to be a history"));
				return -1;
			}
			buf = grown;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, sizeof why, _("cannot be read (%s)"),
			    strerror(errno));
			free(buf);
			close(fd);
			warn(sh, path, why);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (memchr(buf, '\0', len) != NULL) {
		free(buf);
		warn(sh, path, _("is corrupt: it holds NUL bytes, so it is not "
		    "text"));
		return -1;
	}
	for (p = buf; p < buf + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (nl == NULL)
			nl = buf + len;
		*nl = '\0';
		if (*p != '\0')
			add_history(p);
	}
	free(buf);
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

/* Saves the last HIST_KEEP lines of the history to PATH; 0 or -1. */
int
history_save(struct shell *sh, const char *path)
{
	HIST_ENTRY **list = history_list();
	int fd, i, first, count = 0, rc = 0;

	while (list != NULL && list[count] != NULL)
		count++;
	fd = open_checked(sh, path, O_WRONLY | O_CREAT);
	if (fd == -2) {		/* its folder went away meanwhile */
		if (folder_ok(sh, path) == 0)
			fprintf(sh->err, _("%s: cannot save the history in %s: "
			    "%s\n"), PACKAGE, path, strerror(ENOENT));
		return -1;
	}
	if (fd < 0)
		return -1;
	first = count > HIST_KEEP ? count - HIST_KEEP : 0;
	/* A file made before (or by hand) 0644 is as private as a new one:
	 * what was typed may hold names and addresses. */
	if (fchmod(fd, 0600) < 0 || ftruncate(fd, 0) < 0)
		rc = -1;
	for (i = first; rc == 0 && i < count; i++) {
		if (write_all(fd, list[i]->line, strlen(list[i]->line)) < 0 ||
		    write_all(fd, "\n", 1) < 0)
			rc = -1;
	}
	if (close(fd) < 0)
		rc = -1;
	if (rc < 0)
		fprintf(sh->err, _("%s: cannot save the history in %s: %s\n"),
		    PACKAGE, path, strerror(errno));
	return rc;
}
