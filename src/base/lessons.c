/* lessons.c - finding the lesson files: installed, or in the source tree
 * when the program runs from its build tree. */
#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/lessons.h"
#include "base/progress.h"

#define LESSON_EXT	".lesson"

/*
 * Whether this is the program in its build tree, not installed. Both
 * paths go through realpath(): /proc/self/exe is always resolved, while
 * BUILDDIR is the path as configure saw it, which may go through a
 * symbolic link (a home directory that is a link, say). One check for
 * the lessons and the translations alike.
 */
static int
in_build_tree(void)
{
	char exe[PATH_MAX], built[PATH_MAX];
	struct stat st;

	/* The built program itself, not a link to the installed one that
	 * anybody could put at that path (a build folder in /tmp, gone):
	 * the installed program would take that folder's lessons and
	 * catalogues. And ours, as the build was. */
	if (lstat(BUILDDIR "/src/sockshell", &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_uid != geteuid())
		return 0;
	if (realpath("/proc/self/exe", exe) == NULL ||
	    realpath(BUILDDIR "/src/sockshell", built) == NULL)
		return 0;
	return strcmp(exe, built) == 0;
}

/* The bundled lessons: the source tree's lessons/ when this is the
 * program in its build tree, else the installed ones. */
const char *
lessons_bundled_dir(void)
{
	return in_build_tree() ? SRCDIR "/lessons" : PKGDATADIR "/lessons";
}

/* The folders lessons are looked for in, in order: those of
 * $SOCKSHELL_LESSONS (a teacher's, separated by ':'), then the bundled
 * ones. Up to MAX into DIRS, their text in BUF; returns how many. */
#define LESSON_DIRS_MAX	8

static size_t
lesson_dirs(char *buf, size_t n, const char **dirs, size_t max)
{
	const char *env = getenv("SOCKSHELL_LESSONS");
	size_t count = 0;
	char *p, *save;

	snprintf(buf, n, "%s", env != NULL ? env : "");
	for (p = strtok_r(buf, ":", &save); p != NULL && count + 1 < max;
	    p = strtok_r(NULL, ":", &save))
		dirs[count++] = p;
	dirs[count++] = lessons_bundled_dir();
	return count;
}

const char *
lessons_dir(void)
{
	static char where[PATH_MAX + 8];
	const char *env = getenv("SOCKSHELL_LESSONS");

	if (env == NULL || *env == '\0')
		return lessons_bundled_dir();
	snprintf(where, sizeof where, "%s:%s", env, lessons_bundled_dir());
	return where;
}

/*
 * Where the translations are: the build tree's po/locale (the catalogues
 * 'make' puts there, LANG/LC_MESSAGES/sockshell.mo) when this is the
 * program in its build tree, else the installed ones.
 */
const char *
lessons_locale_dir(void)
{
	if (in_build_tree())
		return BUILDDIR "/po/locale";
	return LOCALEDIR;
}

int
lessons_is_file(const char *name)
{
	size_t n = strlen(name), e = strlen(LESSON_EXT);

	return n > e && strcmp(name + n - e, LESSON_EXT) == 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
lesson_filter(const struct dirent *d)
{
	return lessons_is_file(d->d_name);
}

/*
 * The short name of the lesson file F: "echo" for 03-echo.lesson (the
 * number and its dash dropped), "mine" for mine.lesson. Returns the
 * lesson's number, or -1 when the file name has none.
 */
static int
lesson_name(const char *f, char *name, size_t n)
{
	size_t digits = strspn(f, "0123456789");
	const char *stem = f;

	if (digits > 0 && f[digits] == '-')
		stem = f + digits + 1;
	snprintf(name, n, "%.*s", (int)(strlen(stem) - strlen(LESSON_EXT)),
	    stem);
	return digits > 0 ? atoi(f) : -1;
}

/* Whether NAME is file F without its extension: 03-echo for
 * 03-echo.lesson. */
static int
is_stem(const char *f, const char *name)
{
	size_t n = strlen(f) - strlen(LESSON_EXT);

	return strlen(name) == n && strncmp(f, name, n) == 0;
}

void
lessons_shown_name(const char *path, char *name, size_t n)
{
	const char *dirs[LESSON_DIRS_MAX], *base = strrchr(path, '/');
	char buf[PATH_MAX];
	size_t i, len, count = lesson_dirs(buf, sizeof buf, dirs,
	    LESSON_DIRS_MAX);

	snprintf(name, n, "%s", path);
	for (i = 0; i < count && base != NULL; i++) {
		len = strlen(dirs[i]);
		if ((size_t)(base - path) == len &&
		    strncmp(path, dirs[i], len) == 0 &&
		    lessons_is_file(base + 1)) {
			lesson_name(base + 1, name, n);
			return;
		}
	}
}

/*
 * Finds lesson NAME: a number (3 or 03), a name (echo), a file name with
 * or without its extension (03-echo.lesson, 03-echo), or a path. Writes
 * its path to PATH; returns 0, or -1 when there is no such lesson.
 */
/* Finds lesson NAME (NUM: its number, or -1) in the folder DIR, as
 * lessons_find; 0, or -1. */
static int
find_in(const char *dir, const char *name, int num, char *path, size_t n)
{
	const char *f;
	struct dirent **list;
	char shortname[NAME_MAX + 1];
	int count, i, found = -1;

	count = scandir(dir, &list, lesson_filter, by_name);
	if (count < 0)
		return -1;
	for (i = 0; i < count && found < 0; i++) {
		f = list[i]->d_name;
		if (strcmp(f, name) == 0 || is_stem(f, name) ||
		    (lesson_name(f, shortname, sizeof shortname) == num &&
		    num >= 0) || strcmp(shortname, name) == 0)
			found = i;
	}
	if (found >= 0)
		snprintf(path, n, "%s/%s", dir, list[found]->d_name);
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
	return found >= 0 ? 0 : -1;
}

int
lessons_find(const char *name, char *path, size_t n)
{
	const char *dirs[LESSON_DIRS_MAX];
	char buf[PATH_MAX];
	size_t i, count = lesson_dirs(buf, sizeof buf, dirs, LESSON_DIRS_MAX);
	int num = -1;

	if (strchr(name, '/') != NULL) {
		snprintf(path, n, "%s", name);
		return access(path, R_OK) == 0 ? 0 : -1;
	}
	if (isdigit((unsigned char)name[0]) && strspn(name, "0123456789") ==
	    strlen(name))
		num = atoi(name);
	for (i = 0; i < count; i++)
		if (find_in(dirs[i], name, num, path, n) == 0)
			return 0;
	return -1;
}

/* The title: the lesson's first comment line, after "# ". */
static void
lesson_title(const char *path, char *title, size_t n)
{
	FILE *fp = fopen(path, "re");
	char line[256];

	title[0] = '\0';
	if (fp == NULL)
		return;
	while (fgets(line, sizeof line, fp) != NULL) {
		if (line[0] != '#')
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(title, n, "%s", line + 1 + (line[1] == ' '));
		break;
	}
	fclose(fp);
}

/* Whether the lesson file F is in one of the first N folders of DIRS
 * (then it shadows F in a later one). */
static int
shadowed(const char *f, const char **dirs, size_t n)
{
	char path[PATH_MAX + 256];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dirs[i], f);
		if (access(path, F_OK) == 0)
			return 1;
	}
	return 0;
}

/* The lessons of DIRS[K], those not shadowed; how many were listed. */
static int
list_dir(FILE *out, const char **dirs, size_t k)
{
	const char *dir = dirs[k];
	struct dirent **list;
	char path[PATH_MAX + 256], title[200], name[NAME_MAX + 1], mark[128];
	int count, i, num, listed = 0;

	if ((count = scandir(dir, &list, lesson_filter, by_name)) < 0)
		return 0;
	for (i = 0; i < count; i++) {
		if (shadowed(list[i]->d_name, dirs, k)) {
			free(list[i]);
			continue;
		}
		listed++;
		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		lesson_title(path, title, sizeof title);
		num = lesson_name(list[i]->d_name, name, sizeof name);
		if (num >= 0)
			fprintf(out, "  %2d  ", num);
		else
			fputs("   -  ", out);
		/* The title in the student's language (po/lessons.pot). */
		fprintf(out, "%-18s %s", name,
		    title[0] != '\0' ? _(title) : title);
		/* What the user did of it, last: the columns stay. */
		progress_mark(name, mark, sizeof mark);
		fprintf(out, mark[0] != '\0' ? "  [%s]\n" : "\n", mark);
		free(list[i]);
	}
	free(list);
	return listed;
}

void
lessons_list(FILE *out)
{
	const char *dirs[LESSON_DIRS_MAX];
	char buf[PATH_MAX];
	size_t i, count = lesson_dirs(buf, sizeof buf, dirs, LESSON_DIRS_MAX);
	int listed = 0;

	for (i = 0; i < count; i++)
		listed += list_dir(out, dirs, i);
	if (listed == 0)
		fprintf(out, _("no lessons found in %s\n"), lessons_dir());
}
