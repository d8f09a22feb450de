/* export.c - the picture into files: the format an extension names, each
 * made in memory first and written at once into a file opened without
 * following a symbolic link (O_NOFOLLOW), new (O_EXCL) unless --force. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/steps.h"
#include "core/report.h"
#include "core/shell.h"
#include "views/export.h"
#include "views/picture.h"

/* The picture's title in every format. */
static const char *
title(void)
{
	return _("How sockets work: the calls, step by step");
}

static int
write_txt(FILE *f, struct shell *sh)
{
	struct picture_opts o;

	memset(&o, 0, sizeof o);
	o.width = 1000;		/* as wide as its texts: none is cut */
	o.utf8 = 1;
	picture_render(f, sh, &o);
	return 0;
}

static int
write_svg(FILE *f, struct shell *sh)
{
	return picture_render_svg(f, sh, title(), "");
}

static int
write_mmd(FILE *f, struct shell *sh)
{
	return picture_render_mermaid(f, sh, title());
}

static const struct format {
	const char	*ext;
	int		(*write)(FILE *, struct shell *);
} formats[] = {
	{ ".svg", write_svg }, { ".html", export_html }, { ".htm", export_html },
	{ ".mmd", write_mmd }, { ".txt", write_txt }
};

static const struct format *
format_of(const char *path)
{
	size_t i, n = strlen(path), e;

	for (i = 0; i < sizeof formats / sizeof *formats; i++) {
		e = strlen(formats[i].ext);
		if (n > e && strcasecmp(path + n - e, formats[i].ext) == 0)
			return &formats[i];
	}
	return NULL;
}

/* Opens PATH to write: new, or with FORCE an existing regular file; never
 * through a symbolic link. -1 with errno. */
static int
open_safely(const char *path, int force)
{
	struct stat st;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd >= 0 || errno != EEXIST || !force)
		return fd;
	if ((fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK)) < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	if (ftruncate(fd, 0) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Why PATH could not be written (errno ERR), on one line into MSG. */
static void
why(const char *path, int err, int force, char *msg, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (err == ENOENT && slash != NULL)
		snprintf(msg, n, _("cannot write '%s': there is no folder "
		    "'%.*s'"), path, (int)(slash - path), path);
	else if (err == EEXIST && !force)
		snprintf(msg, n, _("'%s' exists already: add --force to write "
		    "over it"), path);
	else if (err == ELOOP || err == EMLINK)
		snprintf(msg, n, _("'%s' is a symbolic link: it is not "
		    "followed, write to a file of its own"), path);
	else if (err == EISDIR)
		snprintf(msg, n, _("'%s' is not a regular file: give the path "
		    "of a file"), path);
	else
		snprintf(msg, n, _("cannot write '%s': %s"), path,
		    strerror(err));
}

/* BUF (LEN bytes) into PATH. -1 with the reason in MSG. */
static int
put_file(const char *path, const char *buf, size_t len, int force,
    char *msg, size_t n)
{
	ssize_t w;
	size_t done = 0;
	int fd = open_safely(path, force), err;

	if (fd < 0) {
		why(path, errno, force, msg, n);
		return -1;
	}
	while (done < len) {
		if ((w = write(fd, buf + done, len - done)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)w;
	}
	err = errno;
	if (close(fd) < 0 && done == len)
		err = errno, done = 0;
	if (done < len) {
		snprintf(msg, n, _("cannot write '%s': %s"), path,
		    strerror(err));
		return -1;
	}
	return 0;
}

/* What F's format makes of SH, in memory (*BUF, *LEN). */
static int
made(const struct format *fm, struct shell *sh, char **buf, size_t *len)
{
	FILE *mem = open_memstream(buf, len);
	int rc;

	if (mem == NULL)
		return -1;
	rc = fm->write(mem, sh);
	if (fclose(mem) != 0)
		rc = -1;
	return rc;
}

int
export_file(struct shell *sh, const char *path, int force)
{
	const struct format *fm = format_of(path);
	char msg[1024], *buf = NULL;
	size_t len = 0;
	int rc;

	if (fm == NULL) {
		report_error(sh, _("'%s': the file's extension says what to "
		    "write: .svg, .html, .mmd (Mermaid) or .txt"), path);
		return -1;
	}
	if (made(fm, sh, &buf, &len) < 0) {
		free(buf);
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if ((rc = put_file(path, buf, len, force, msg, sizeof msg)) < 0)
		report_error(sh, "%s", msg);
	else
		fprintf(sh->out, _("export: the picture is in '%s' (%zu "
		    "bytes)\n"), path, len);
	free(buf);
	return rc;
}

void
export_step(struct shell *sh, const char *line, size_t len)
{
	char ids[32], *buf = NULL;
	size_t n = 0;
	FILE *mem;

	if (sh->steps.n >= STEPS_MAX) {
		steps_add(&sh->steps, line, len, NULL);
		return;
	}
	snprintf(ids, sizeof ids, "s%zu-", sh->steps.n + 1);
	if ((mem = open_memstream(&buf, &n)) == NULL)
		return;
	if (picture_render_svg(mem, sh, title(), ids) < 0) {
		fclose(mem);
		free(buf);
		return;
	}
	if (fclose(mem) != 0) {
		free(buf);
		return;
	}
	steps_add(&sh->steps, line, len, buf);
}

/* A file a run of --export writes. */
static int
is_slide(const char *name)
{
	return fnmatch("step-*.svg", name, 0) == 0 ||
	    strcmp(name, "index.html") == 0;
}

int
export_dir_prepare(const char *dir, int force, char *err, size_t n)
{
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd, rc = 0;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno != EEXIST || lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		if (errno == EEXIST)
			errno = S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR;
		snprintf(err, n, _("--export: cannot use the folder '%s': %s"),
		    dir, strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0 || (d = fdopendir(fd)) == NULL) {
		snprintf(err, n, _("--export: cannot use the folder '%s': %s"),
		    dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!force) {
			snprintf(err, n, _("--export: the folder '%s' is not "
			    "empty: give a new or empty one, or add --force to "
			    "replace the slides in it"), dir);
			rc = -1;
		} else if (is_slide(e->d_name) &&
		    unlinkat(fd, e->d_name, 0) < 0) {
			snprintf(err, n, _("--export: cannot remove '%s/%s': "
			    "%s"), dir, e->d_name, strerror(errno));
			rc = -1;
		}
	}
	closedir(d);
	return rc;
}

int
export_dir_write(struct shell *sh, const char *dir)
{
	char path[4096], msg[1024 + 4096], *buf = NULL;
	size_t i, len = 0;
	int rc = 0;

	for (i = 0; i < sh->steps.n && rc == 0; i++) {
		snprintf(path, sizeof path, "%s/step-%02zu.svg", dir, i + 1);
		rc = put_file(path, sh->steps.v[i].svg,
		    strlen(sh->steps.v[i].svg), 0, msg, sizeof msg);
	}
	snprintf(path, sizeof path, "%s/index.html", dir);
	if (rc == 0 && made(&formats[1], sh, &buf, &len) < 0) {
		snprintf(msg, sizeof msg, "%s", _("out of memory"));
		rc = -1;
	}
	if (rc == 0)
		rc = put_file(path, buf, len, 0, msg, sizeof msg);
	free(buf);
	if (rc < 0)
		report_error(sh, "%s", msg);
	return rc;
}
