/* helpers.c - a shell whose output the tests read back. */
#include <config.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

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
	open_streams(t);
	t->sh.timeout = 5;
	t->sh.quiet = 1;
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
	t->sh.line++;
	return shell_run_line(&t->sh, line, strlen(line));
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
