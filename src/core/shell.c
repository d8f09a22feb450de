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
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expect.h"
#include "input/lex.h"
#include "state/state.h"
#include "views/render.h"
#include "views/view.h"

volatile sig_atomic_t shell_interrupted;
volatile sig_atomic_t shell_terminated;
int i18n_untranslated;		/* i18n.h */

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

static void
async_begin(struct shell *sh)
{
	if (sh->async_begin != NULL)
		sh->async_begin();
}

static void
async_end(struct shell *sh)
{
	fflush(sh->out);
	if (sh->async_end != NULL)
		sh->async_end();
}

/*
 * Writes MSG with what could break the line or the terminal escaped: control
 * characters (a pasted ESC or CR, a C1 CSI, a bidi override) and bytes that
 * are not UTF-8 become \xHH, byte by byte, as escape_bytes shows data.
 * Errors and the echo of a script's lines (input.c) go through it.
 */
void
put_sanitized(FILE *f, const char *msg, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		n = msg[i] == '\t' ? 1 : utf8_print_len(msg + i, len - i);
		if (n == 0) {
			fprintf(f, "\\x%02x", (unsigned char)msg[i]);
			i++;
			continue;
		}
		fwrite(msg + i, 1, n, f);
		i += n;
	}
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
    const struct errinfo_advice *const *advice, const char *prefix,
    const char *call, int err, const char *argsfmt, ...)
{
	va_list ap;

	va_start(ap, argsfmt);
	call_line(sh, prefix, call, err, argsfmt, ap);
	va_end(ap);
	shell_syscall_error(sh, h, advice, call, err);
}

/* After a failed CALL: what ERR means, and what to try. */
void
shell_syscall_error(struct shell *sh, const struct handle *h,
    const struct errinfo_advice *const *advice, const char *call, int err)
{
	struct errinfo_situation s;
	const char *why;

	handle_situation(h, &s);
	why = errinfo_explain(advice, err, &s);

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

void
shell_show_state(struct shell *sh)
{
	render_state(sh);
}

/*
 * Builds the argument vector. A data command (send) takes the rest of the
 * line as its last argument when that is not one quoted string.
 */
static int
build_args(struct shell *sh, const struct cmd_entry *ce, struct tokens *t,
    struct cmd_args *a)
{
	int i, argc = (int)t->n - 1, last = argc;

	memset(a, 0, sizeof *a);
	if ((ce->flags & CMD_DATA) && ce->max_args > 0 && argc > ce->max_args) {
		const struct token *first = &t->v[ce->max_args];

		if (first->quoted) {
			shell_error(sh, _("%s takes one quoted string: put the "
			    "whole message inside the quotes"), ce->name);
			return -1;
		}
		last = ce->max_args;
	}
	a->argv = calloc((size_t)last + 1, sizeof *a->argv);
	a->lens = calloc((size_t)last + 1, sizeof *a->lens);
	a->vars = calloc((size_t)last + 1, sizeof *a->vars);
	if (a->argv == NULL || a->lens == NULL || a->vars == NULL)
		return -1;
	for (i = 0; i < last; i++) {
		a->argv[i] = t->v[i + 1].text;
		a->lens[i] = t->v[i + 1].len;
		a->vars[i] = t->v[i + 1].var;
	}
	if (last < argc) {
		/* The raw words, as typed, from the first to the last. */
		size_t s = t->v[last].start, e = t->v[t->n - 1].end;

		a->argv[last - 1] = strndup(t->line + s, e - s);
		a->lens[last - 1] = e - s;
		if (a->argv[last - 1] == NULL)
			return -1;
		a->own_last = 1;
	}
	a->argc = last;
	a->tok = t;
	for (i = 0; i < a->argc; i++) {
		int is_data = (ce->flags & CMD_DATA) && i == a->argc - 1;

		if (!is_data && strlen(a->argv[i]) != a->lens[i]) {
			shell_error(sh, _("argument %d of %s holds a NUL byte "
			    "(\\0): only data may"), i + 1, ce->name);
			return -1;
		}
	}
	return 0;
}

static void
free_args(struct cmd_args *a)
{
	if (a->own_last)
		free(a->argv[a->argc - 1]);
	free(a->argv);
	free(a->lens);
	free(a->vars);
}

/* Runs the command in T. Returns 0, or -1 when it failed (reported). */
static int
run_command(struct shell *sh, struct tokens *t)
{
	const struct cmd_entry *ce;
	const char *name;
	struct cmd_args a;
	char err[LEX_ERRLEN];
	enum cmd_retval rv;
	size_t calls, n;
	int argc;

	ce = cmd_find(t->v[0].text, err);
	if (ce == NULL) {
		shell_error(sh, "%s", err);
		return -1;
	}
	argc = (int)t->n - 1;
	if (argc < ce->min_args || (ce->max_args >= 0 &&
	    argc > ce->max_args && !(ce->flags & CMD_DATA))) {
		/* Named as typed when that was the alias ('exit foo': exit,
		 * not quit); a command that takes nothing has no usage to
		 * follow its name, nor a blank. */
		name = ce->alias != NULL && strcasecmp(t->v[0].text,
		    ce->alias) == 0 ? ce->alias : ce->name;
		snprintf(err, sizeof err, _("%s: wrong number of arguments "
		    "(%d); usage: %s %s"), name, argc, name,
		    args_usage(ce));
		if (ce->usage[0] == '\0' && (n = strlen(err)) > 0 &&
		    err[n - 1] == ' ')
			err[n - 1] = '\0';
		shell_error(sh, "%s", err);
		return -1;
	}
	if (t->background && !(ce->flags & CMD_BACKGROUND)) {
		shell_error(sh, _("%s cannot run in the background: only "
		    "accept, connect, send and recv wait (and sendto and "
		    "recvfrom), so only they take '&'"), ce->name);
		return -1;
	}
	if (build_args(sh, ce, t, &a) < 0) {
		free_args(&a);
		return -1;
	}
	a.background = t->background;
	calls = sh->nevents;
	if (ce->flags & CMD_STATE)
		sh->event_mark = sh->event_seq;	/* what follows is new */
	rv = cmd_run(sh, ce, &a);
	free_args(&a);
	jobs_check(sh);
	if (rv == CMD_QUIT)
		sh->quit = 1;
	/* A mistake caught before any syscall changed nothing to show. */
	if ((ce->flags & CMD_STATE) && !sh->quiet &&
	    (rv != CMD_ERROR || sh->nevents != calls))
		view_show(sh);
	fflush(sh->out);
	return rv == CMD_ERROR ? -1 : 0;
}

/*
 * Runs one line: a command, its variables expanded, and what it must
 * produce after "=>" checked. Returns 0, or -1 when it failed (reported).
 */
int
shell_run_line(struct shell *sh, const char *line, size_t len)
{
	struct tokens t, ex;
	char err[LEX_ERRLEN], *handle;
	int rc, failed_before = sh->failed, expecting;
	size_t first = sh->nevents;

	if (lex_line(line, len, &t, err) < 0) {
		shell_error(sh, "%s", err);
		return -1;
	}
	expecting = expect_split(&t, &ex);
	if (expecting < 0 || vars_expand(sh, &t, err) < 0) {
		shell_error(sh, "%s", expecting < 0 ? _("out of memory") : err);
		rc = -1;
	} else if (t.n == 0) {
		rc = 0;
		if (t.background || expecting) {
			shell_error(sh, "%s", _("a command must come first, as "
			    "in 'accept srv conn &' or 'connect cli srv => "
			    "ok'"));
			rc = -1;
		}
	} else
		rc = run_command(sh, &t);
	if (expecting > 0) {
		handle = t.n > 1 ? t.v[1].text : NULL;
		rc = expect_check(sh, &ex, handle, rc, first, failed_before);
		tokens_free(&ex);
	}
	tokens_free(&t);
	if (rc < 0)
		sh->failed = 1;
	return rc;
}

/* Around what jobs print while the prompt may be showing (job.c). */
void
shell_async_begin(struct shell *sh)
{
	async_begin(sh);
}

void
shell_async_end(struct shell *sh)
{
	async_end(sh);
}
