/* progress.c - what each user watched and practised: one line a lesson
 * in $XDG_STATE_HOME/sockshell/progress,
 *   NAME WATCHED STEPS FIRST_TIME HINTS SKIPPED COMPLETE
 * (STEPS 0: never practised), the best practice kept. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/progress.h"

#define PROGRESS_MAX	256	/* lessons kept */

struct entry {
	char			name[256];
	int			watched;
	struct progress_result	r;
};

/* Makes DIR (and its parents) as 0700 where missing. */
static int
make_dirs(char *dir)
{
	char *s;

	for (s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

int
progress_path(char *buf, size_t n, int make)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[4096];

	if (state != NULL && *state == '/')
		snprintf(dir, sizeof dir, "%s/sockshell", state);
	else if (home != NULL && *home != '\0')
		snprintf(dir, sizeof dir, "%s/.local/state/sockshell", home);
	else
		return -1;
	if (make && make_dirs(dir) < 0)
		return -1;
	if ((size_t)snprintf(buf, n, "%s/progress", dir) >= n)
		return -1;
	return 0;
}

/* The entries of the progress file, into V (PROGRESS_MAX); how many. */
static size_t
load(struct entry *v)
{
	char path[4200], line[400];
	size_t n = 0;
	FILE *fp;
	int fd;

	if (progress_path(path, sizeof path, 0) < 0 ||
	    (fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;
	if ((fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return 0;
	}
	while (n < PROGRESS_MAX && fgets(line, sizeof line, fp) != NULL) {
		struct entry *e = &v[n];

		memset(e, 0, sizeof *e);
		if (sscanf(line, "%255s %d %u %u %u %u %d", e->name,
		    &e->watched, &e->r.steps, &e->r.first_time, &e->r.hints,
		    &e->r.skipped, &e->r.complete) == 7)
			n++;
	}
	fclose(fp);
	return n;
}

/* Writes V back: a new file renamed over the old one. */
static void
save(const struct entry *v, size_t n)
{
	char path[4200], tmp[4300];
	size_t i;
	FILE *fp;
	int fd;

	if (progress_path(path, sizeof path, 1) < 0)
		return;
	snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	for (i = 0; i < n; i++)
		fprintf(fp, "%s %d %u %u %u %u %d\n", v[i].name, v[i].watched,
		    v[i].r.steps, v[i].r.first_time, v[i].r.hints,
		    v[i].r.skipped, v[i].r.complete);
	if (fclose(fp) != 0 || rename(tmp, path) < 0)
		unlink(tmp);
}

/* NAME's entry in V (N of them), added where missing; NULL when full or
 * NAME cannot be kept (a blank in it). */
static struct entry *
entry(struct entry *v, size_t *n, const char *name)
{
	size_t i;

	if (strpbrk(name, " \t\n") != NULL || strlen(name) >= sizeof v->name)
		return NULL;
	for (i = 0; i < *n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	if (*n >= PROGRESS_MAX)
		return NULL;
	memset(&v[*n], 0, sizeof v[*n]);
	snprintf(v[*n].name, sizeof v[*n].name, "%s", name);
	return &v[(*n)++];
}

void
progress_watched(const char *name)
{
	struct entry *v = calloc(PROGRESS_MAX, sizeof *v), *e;
	size_t n;

	if (v == NULL)
		return;
	n = load(v);
	if ((e = entry(v, &n, name)) != NULL && !e->watched) {
		e->watched = 1;
		save(v, n);
	}
	free(v);
}

/* Whether A is a better practice than B. */
static int
better(const struct progress_result *a, const struct progress_result *b)
{
	if (b->steps == 0 || a->complete != b->complete)
		return a->complete || b->steps == 0;
	if (a->first_time * b->steps != b->first_time * a->steps)
		return a->first_time * b->steps > b->first_time * a->steps;
	return a->skipped < b->skipped;
}

void
progress_practised(const char *name, const struct progress_result *r)
{
	struct entry *v = calloc(PROGRESS_MAX, sizeof *v), *e;
	size_t n;

	if (v == NULL)
		return;
	n = load(v);
	if ((e = entry(v, &n, name)) != NULL && better(r, &e->r)) {
		e->r = *r;
		save(v, n);
	}
	free(v);
}

void
progress_mark(const char *name, char *buf, size_t n)
{
	struct entry *v = calloc(PROGRESS_MAX, sizeof *v);
	size_t k, i;

	buf[0] = '\0';
	if (v == NULL)
		return;
	k = load(v);
	for (i = 0; i < k; i++) {
		if (strcmp(v[i].name, name) != 0)
			continue;
		if (v[i].r.steps > 0 && v[i].r.complete)
			snprintf(buf, n, _("practised: %u of %u steps right the "
			    "first time"), v[i].r.first_time, v[i].r.steps);
		else if (v[i].r.steps > 0)
			snprintf(buf, n, "%s", _("practised, not to its end"));
		else if (v[i].watched)
			snprintf(buf, n, "%s", _("watched"));
	}
	free(v);
}
