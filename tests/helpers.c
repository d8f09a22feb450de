/* helpers.c - a shell whose output the tests read back. */
#include <config.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <libintl.h>
#include <locale.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "input/input.h"
#include "input/run.h"
#include "state/state.h"

static void
open_streams(struct tshell *t)
{
	t->out = t->err = NULL;
	t->outlen = t->errlen = 0;
	t->fo = open_memstream(&t->out, &t->outlen);
	t->fe = open_memstream(&t->err, &t->errlen);
	cr_assert(t->fo != NULL && t->fe != NULL);
	t->sh.out = t->fo;
	t->sh.err = t->fe;
}

static void
close_streams(struct tshell *t)
{
	fclose(t->fo);
	fclose(t->fe);
	free(t->out);
	free(t->err);
}

void
ts_init(struct tshell *t)
{
	memset(t, 0, sizeof *t);
	shell_init(&t->sh, NULL, NULL);
	input_attach(&t->sh);
	open_streams(t);
	t->sh.timeout = 5;
	t->sh.quiet = 1;
}

void
ts_init_mistakes(struct tshell *t)
{
	ts_init(t);
	ts_ok(t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket c", "socket s6 AF_INET6", "socket u udp",
	    "socket gone", "close gone", NULL });
	ts_clear(t);
}

void
ts_fini(struct tshell *t)
{
	shell_free(&t->sh);
	close_streams(t);
}

int
ts_run(struct tshell *t, const char *line)
{
	t->sh.at.line++;
	return run_line(&t->sh, line, strlen(line));
}

void
ts_ok(struct tshell *t, const char *const *lines)
{
	for (; *lines != NULL; lines++)
		cr_assert_eq(ts_run(t, *lines), 0, "'%s' failed: %s", *lines,
		    ts_err(t));
}

const char *
ts_out(struct tshell *t)
{
	fflush(t->fo);
	return t->out ? t->out : "";
}

const char *
ts_err(struct tshell *t)
{
	fflush(t->fe);
	return t->err ? t->err : "";
}

void
ts_clear(struct tshell *t)
{
	close_streams(t);
	open_streams(t);
}

void
ts_state(struct tshell *t, const char *name, struct sock_state *st)
{
	struct handle *h = handle_find(&t->sh, name);

	cr_assert(h != NULL, "no handle %s", name);
	state_collect(h, st);
}

int
ts_port(struct tshell *t, const char *name)
{
	struct sock_state st;

	ts_state(t, name, &st);
	if (st.local.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&st.local)->sin6_port);
	return ntohs(((struct sockaddr_in *)&st.local)->sin_port);
}

struct handle *
ts_handle(struct tshell *t, const char *name)
{
	struct handle *h = handle_find(&t->sh, name);

	cr_assert(h != NULL, "no handle %s", name);
	return h;
}

char *
ts_big_send(const char *name, size_t n)
{
	size_t o;
	char *line = malloc(n + 64);

	cr_assert(line != NULL);
	o = (size_t)snprintf(line, 64, "send %s \"", name);
	memset(line + o, 'x', n);
	strcpy(line + o + n, "\"");
	return line;
}

int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	cr_assert(d != NULL);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the directory's own descriptor */
}

short
ts_ready(struct tshell *t, const char *name, short events)
{
	struct handle *h = handle_find(&t->sh, name);
	struct pollfd p;

	cr_assert(h != NULL && h->fd >= 0, "no open handle %s", name);
	p.fd = h->fd;
	p.events = events;
	p.revents = 0;
	if (poll(&p, 1, 5000) <= 0)
		return 0;
	return p.revents;
}

int
ts_runf(struct tshell *t, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	return ts_run(t, line);
}

void
ts_okf(struct tshell *t, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	ts_ok(t, (const char *const[]){ line, NULL });
}

struct sock_state
ts_st(struct tshell *t, const char *name)
{
	struct sock_state st;

	ts_state(t, name, &st);
	return st;
}

void
ts_fail(struct tshell *t, const char *line, const char *says, int usage)
{
	size_t nhandles = t->sh.nhandles, open = handle_open_count(&t->sh);
	size_t jobs = jobs_count(&t->sh), nevents = t->sh.log.n;
	int fds = count_fds();
	const char *err, *nl;

	ts_clear(t);
	t->sh.failed = 0;
	cr_assert_eq(ts_run(t, line), -1, "'%s' did not fail; said:\n%s",
	    line, ts_out(t));
	err = ts_err(t);
	assert_has(err, says);
	nl = strchr(err, '\n');
	cr_assert(nl != NULL && nl[1] == '\0', "'%s': not one line:\n%s",
	    line, err);
	cr_assert(t->sh.failed, "'%s' did not set the failed flag", line);
	cr_assert_eq(t->sh.nhandles, nhandles, "'%s' changed the handles",
	    line);
	cr_assert_eq(handle_open_count(&t->sh), open, "'%s' opened or closed "
	    "a socket", line);
	cr_assert_eq(count_fds(), fds, "'%s' leaked or closed a descriptor",
	    line);
	cr_assert_eq(jobs_count(&t->sh), jobs, "'%s' changed the jobs", line);
	if (usage)
		cr_assert_eq(t->sh.log.n, nevents, "'%s' made a call before "
		    "finding the mistake", line);
}

int
ts_wait_state(struct tshell *t, const char *name, int state)
{
	struct sock_state st;
	int i;

	for (i = 0; i < 500; i++) {
		ts_state(t, name, &st);
		if (st.tcp_state == state)
			break;
		poll(NULL, 0, 10);
	}
	return st.tcp_state;
}

void
ts_russian(void)
{
	char mo[4096];

	snprintf(mo, sizeof mo, "%s/po/locale/ru/LC_MESSAGES/%s.mo", BUILDDIR,
	    PACKAGE);
	if (access(mo, R_OK) != 0)
		cr_skip_test("no Russian catalogue in the build tree (%s)", mo);
	if (setlocale(LC_ALL, "ru_RU.UTF-8") == NULL)
		cr_skip_test("the ru_RU.UTF-8 locale is not generated "
		    "(uncomment it in /etc/locale.gen, run locale-gen)");
	setenv("LANGUAGE", "ru", 1);
	bindtextdomain(PACKAGE, BUILDDIR "/po/locale");
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
	cr_assert_str_eq(gettext("Server"), "Сервер", "the catalogue in %s "
	    "does not translate", mo);
}
