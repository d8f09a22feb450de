/* shell.c - running one line: split it, find the command, check its
 * arguments before any syscall, run it, then show the state. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/text.h"
#include "core/handle.h"
#include "core/shell.h"
#include "core/vars.h"

volatile sig_atomic_t shell_interrupted;
volatile sig_atomic_t shell_terminated;

void
shell_init(struct shell *sh, FILE *out, FILE *err)
{
	memset(sh, 0, sizeof *sh);
	sh->out = out;
	sh->err = err;
	sh->file = "<stdin>";
	/* Lessons say $PORT; a test run sets it to 0 (see cmd-bind.c). */
	var_set(sh, "PORT", "8888");
}

/* Closes every socket (cancelling the jobs) and frees the tables. */
void
shell_free(struct shell *sh)
{
	size_t i;

	for (i = 0; i < sh->nhandles; i++)
		handle_close(sh, sh->handles[i]);
	for (i = 0; i < sh->nhandles; i++)
		free(sh->handles[i]);
	free(sh->handles);
	free(sh->by_name);
	sh->by_name = NULL;
	sh->by_name_cap = 0;
	free(sh->events);
	free(sh->last_data);
	sh->last_data = NULL;
	vars_free(sh);
	sh->handles = NULL;
	sh->events = NULL;
	sh->nhandles = sh->nevents = 0;
}

/*
 * The one way errors are reported: "FILE:LINE: message" while a script
 * runs, "sockshell: message" at the prompt, always on one line. Marks the
 * run as failed.
 */
void
shell_error(struct shell *sh, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int n;

	fflush(sh->out);
	if ((sh->interactive && sh->depth == 0) || sh->line == 0)
		fprintf(sh->err, "%s: ", PACKAGE);
	else
		fprintf(sh->err, "%s:%lu: ", sh->file, sh->line);
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n >= 0) {
		put_sanitized(sh->err, msg, strlen(msg));
		free(msg);
	} else
		fputs(_("out of memory"), sh->err);
	fputc('\n', sh->err);
	fflush(sh->err);
	sh->failed = 1;
}

/* The line of a failed call: "PREFIXcall(ARGS) = -1 ENAME (message)". */
static void
call_line(struct shell *sh, const char *prefix, const char *call, int err,
    const char *argsfmt, va_list ap)
{
	fprintf(sh->out, "%s%s(", prefix, call);
	vfprintf(sh->out, argsfmt, ap);
	fprintf(sh->out, ") = -1 %s (%s)\n", errno_name(err), strerror(err));
}

void
shell_call_line(struct shell *sh, const char *prefix, const char *call,
    int err, const char *argsfmt, ...)
{
	va_list ap;

	va_start(ap, argsfmt);
	call_line(sh, prefix, call, err, argsfmt, ap);
	va_end(ap);
}

/* A failed call: its line, then what ERR means and what to try. */
void
shell_call_failed(struct shell *sh, const struct handle *h,
    const char *prefix, const char *call, int err, const char *argsfmt, ...)
{
	va_list ap;

	va_start(ap, argsfmt);
	call_line(sh, prefix, call, err, argsfmt, ap);
	va_end(ap);
	shell_syscall_error(sh, h, call, err);
}

/* After a failed CALL: what ERR means, and what to try. */
void
shell_syscall_error(struct shell *sh, const struct handle *h,
    const char *call, int err)
{
	const char *why = errno_explain(call, err, h);

	if (why != NULL)
		shell_error(sh, _("%s failed with %s: %s"), call,
		    errno_name(err), why);
	else
		shell_error(sh, _("%s failed with %s: %s"), call,
		    errno_name(err), strerror(err));
}

/*
 * Appends an event for the picture (and the expectations): a call made on
 * handle HANDLE_ID and what it returned. Returns it, for the caller to add
 * what it knows, or NULL when memory ran out.
 */
struct event *
shell_log(struct shell *sh, enum ev_kind kind, int handle_id, int other_id,
    long long result, int err)
{
	struct handle *h;
	struct event *v;

	if (sh->nevents == sh->events_cap) {
		size_t cap = sh->events_cap ? sh->events_cap * 2 : 64;

		v = realloc(sh->events, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		sh->events = v;
		sh->events_cap = cap;
	}
	v = &sh->events[sh->nevents++];
	memset(v, 0, sizeof *v);
	v->kind = kind;
	v->handle_id = handle_id;
	v->other_id = other_id;
	v->result = result;
	v->err = err;
	v->seq = ++sh->event_seq;
	/* A call on a socket: what the picture kept of it may change. */
	if ((h = handle_by_id(sh, handle_id)) != NULL)
		h->calls++;
	if (other_id != 0 && (h = handle_by_id(sh, other_id)) != NULL)
		h->calls++;
	return v;
}

/* The address a bind or connect was given, kept with its event. */
void
event_set_addr(struct event *ev, const struct sockaddr_storage *ss,
    socklen_t len)
{
	if (ev == NULL || len > sizeof ev->addr)
		return;
	memcpy(&ev->addr, ss, len);
	ev->addrlen = len;
}

/* Around what jobs print while the prompt may be showing (job.c). */
void
shell_async_begin(struct shell *sh)
{
	if (sh->hooks.async_begin != NULL)
		sh->hooks.async_begin();
}

void
shell_async_end(struct shell *sh)
{
	fflush(sh->out);
	if (sh->hooks.async_end != NULL)
		sh->hooks.async_end();
}

/* 'source' and 'lesson' run a file through the input loop. */
int
shell_run_file_hook(struct shell *sh, const char *path)
{
	return sh->hooks.run_file != NULL ? sh->hooks.run_file(sh, path) : -1;
}

/* 'pause' waits as the input loop does. */
int
shell_pause_hook(struct shell *sh)
{
	return sh->hooks.pause != NULL ? sh->hooks.pause(sh) : -1;
}
