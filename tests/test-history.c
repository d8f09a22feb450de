/* test-history.c - the history file: created 0600 and read back,
 * trimmed to its last 1000 lines; never opened through a symbolic link;
 * one that is missing, not a regular file of ours, unreadable or not
 * text is said in one line, ignored and left as it is. */
#include <config.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "helpers.h"
#include "core/shell.h"
#include "input/input.h"

static struct tshell t;
static char hdir[64];		/* the test's folder, removed after it */

static void
history_setup(void)
{
	ts_init(&t);
	snprintf(hdir, sizeof hdir, "/tmp/sockshell-hist-XXXXXX");
	cr_assert(mkdtemp(hdir) != NULL);
	using_history();
	clear_history();
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
history_teardown(void)
{
	ts_fini(&t);
	nftw(hdir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

TestSuite(history, .init = history_setup, .fini = history_teardown);

/* The path of NAME in the test's folder (two may be in use at once). */
static char *
hpath(const char *name)
{
	static char path[2][128];
	static int i;

	i = !i;
	snprintf(path[i], sizeof path[i], "%s/%s", hdir, name);
	return path[i];
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	cr_assert(f != NULL);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* The file's content, as a string (NUL bytes and all, up to 255). */
static const char *
read_file(const char *path, size_t *len)
{
	static char buf[256];
	FILE *f = fopen(path, "r");

	cr_assert(f != NULL, "%s: %s", path, strerror(errno));
	*len = fread(buf, 1, sizeof buf - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

Test(history, created_0600_and_read_back)
{
	struct stat st;
	size_t len;
	int i;

	add_history("socket srv");
	add_history("bind srv 127.0.0.1 0");
	cr_assert_eq(history_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	cr_assert_eq(stat(hpath("h"), &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
	cr_assert_str_eq(read_file(hpath("h"), &len), "socket srv\nbind srv "
	    "127.0.0.1 0\n");
	clear_history();
	cr_assert_eq(history_load(&t.sh, hpath("h")), 0);
	cr_assert_eq(history_length, 2);
	cr_assert_str_eq(history_get(history_base + 1)->line,
	    "bind srv 127.0.0.1 0");
	/* Trimmed to the last 1000 lines. */
	for (i = 0; i < 1500; i++)
		add_history("show");
	cr_assert_eq(history_save(&t.sh, hpath("h")), 0);
	clear_history();
	cr_assert_eq(history_load(&t.sh, hpath("h")), 0);
	cr_assert_eq(history_length, 1000);
	cr_assert_str_eq(ts_err(&t), "");
}

/* A file made 0644 before (or by hand) is saved 0600 all the same. */
Test(history, existing_0644_made_0600)
{
	struct stat st;

	write_file(hpath("h"), "show\n", 5);
	cr_assert_eq(chmod(hpath("h"), 0644), 0);
	cr_assert_eq(history_load(&t.sh, hpath("h")), 0);
	add_history("jobs");
	cr_assert_eq(history_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	cr_assert_eq(stat(hpath("h"), &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
}

/* SOCKSHELL_HISTORY in a folder that does not exist: said at the start,
 * once, not silently never saved. */
Test(history, folder_missing_warns_once)
{
	char path[160];

	snprintf(path, sizeof path, "%s/no/such/h", hdir);
	cr_assert_eq(history_load(&t.sh, path), -1);
	assert_has(ts_err(&t), "history file ");
	assert_has(ts_err(&t), "/no/such/h cannot be created (");
	assert_has(ts_err(&t), "No such file or directory); history is not "
	    "kept");
	cr_assert_eq(strchr(ts_err(&t), '\n') + 1 - ts_err(&t),
	    (long)strlen(ts_err(&t)), "one line: %s", ts_err(&t));
}

Test(history, no_file_yet)
{
	cr_assert_eq(history_load(&t.sh, hpath("none")), 0);
	cr_assert_eq(history_length, 0);
	cr_assert_str_eq(ts_err(&t), "");
}

Test(history, symbolic_link_refused)
{
	size_t len;

	write_file(hpath("victim"), "precious\n", 9);
	cr_assert_eq(symlink(hpath("victim"), hpath("link")), 0);
	cr_assert_eq(history_load(&t.sh, hpath("link")), -1);
	assert_has(ts_err(&t), "is a symbolic link; history is not kept");
	cr_assert_eq(history_length, 0);
	add_history("close srv");
	cr_assert_eq(history_save(&t.sh, hpath("link")), -1);
	cr_assert_str_eq(read_file(hpath("victim"), &len), "precious\n");
	/* A link to nowhere creates nothing there either. */
	cr_assert_eq(symlink(hpath("target"), hpath("dangling")), 0);
	cr_assert_eq(history_save(&t.sh, hpath("dangling")), -1);
	cr_assert_eq(access(hpath("target"), F_OK), -1);
}

Test(history, corrupt_ignored_and_kept)
{
	size_t len;

	write_file(hpath("h"), "show\n\0\0\xff binary\n", 15);
	cr_assert_eq(history_load(&t.sh, hpath("h")), -1);
	assert_has(ts_err(&t), "is corrupt: it holds NUL bytes, so it is not "
	    "text; history is not kept (remove or rename the file");
	cr_assert_eq(history_length, 0);
	read_file(hpath("h"), &len);
	cr_assert_eq(len, 15, "the file was changed");
}

Test(history, not_a_regular_file)
{
	cr_assert_eq(mkdir(hpath("dir"), 0700), 0);
	cr_assert_eq(history_load(&t.sh, hpath("dir")), -1);
	assert_has(ts_err(&t), "is not a regular file");
	cr_assert_eq(mkfifo(hpath("fifo"), 0600), 0);
	ts_clear(&t);
	cr_assert_eq(history_load(&t.sh, hpath("fifo")), -1);
	assert_has(ts_err(&t), "is not a regular file");
	cr_assert_eq(history_save(&t.sh, hpath("fifo")), -1);
}

Test(history, unreadable_or_not_ours)
{
	write_file(hpath("h"), "show\n", 5);
	if (geteuid() != 0) {
		cr_assert_eq(chmod(hpath("h"), 0), 0);
		cr_assert_eq(history_load(&t.sh, hpath("h")), -1);
		assert_has(ts_err(&t), "cannot be opened (Permission denied)");
		return;
	}
	/* root reads every file: make it somebody else's instead. */
	cr_assert_eq(chown(hpath("h"), 65534, 65534), 0);
	cr_assert_eq(history_load(&t.sh, hpath("h")), -1);
	assert_has(ts_err(&t), "belongs to another user");
	cr_assert_eq(history_save(&t.sh, hpath("h")), -1);
}

/* Two shells at once (the two-terminal lesson): what the other saved
 * after this one loaded stays, and this one's line comes after it. */
Test(history, another_shells_lines_kept)
{
	FILE *f;
	size_t len;

	add_history("socket srv");
	cr_assert_eq(history_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	clear_history();
	cr_assert_eq(history_load(&t.sh, hpath("h")), 0);
	add_history("listen srv");
	/* The other shell saves meanwhile. */
	cr_assert_not_null(f = fopen(hpath("h"), "a"));
	fputs("connect cli 127.0.0.1 8888\n", f);
	fclose(f);
	cr_assert_eq(history_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	cr_assert_str_eq(read_file(hpath("h"), &len), "socket srv\nconnect "
	    "cli 127.0.0.1 8888\nlisten srv\n");
	cr_assert_str_eq(ts_err(&t), "");
}

/* The history is never written through: /dev/null stays a device. */
Test(history, dev_null_stays_a_device)
{
	struct stat st;

	cr_assert_eq(history_load(&t.sh, "/dev/null"), -1);
	cr_assert_eq(stat("/dev/null", &st), 0);
	cr_assert(S_ISCHR(st.st_mode));
}
