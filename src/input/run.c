/* run.c - running one line: split it, expand its variables, find the
 * command, check its arguments before any syscall, run it, check what it
 * expects, then show the view. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/steps.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expand.h"
#include "input/expect.h"
#include "input/lex.h"
#include "input/run.h"
#include "views/export.h"
#include "state/wire.h"
#include "views/view.h"
#include "views/wire-view.h"

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
			report_error(sh, _("%s takes one quoted string: put "
			    "the whole message inside the quotes"), ce->name);
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
			report_error(sh, _("argument %d of %s holds a NUL byte "
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
	char err[MESSAGE_LEN];
	enum cmd_retval rv;
	unsigned long seq;
	size_t n;
	int argc;

	ce = cmd_find(t->v[0].text, err);
	if (ce == NULL) {
		report_error(sh, "%s", err);
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
		report_error(sh, "%s", err);
		return -1;
	}
	if (t->background && !(ce->flags & CMD_BACKGROUND)) {
		report_error(sh, _("%s cannot run in the background: only "
		    "accept, connect, send and recv wait (and sendto and "
		    "recvfrom), so only they take '&'"), ce->name);
		return -1;
	}
	if (build_args(sh, ce, t, &a) < 0) {
		free_args(&a);
		return -1;
	}
	a.background = t->background;
	seq = sh->log.seq;
	fflush(sh->out);
	steps_buf_clear(&sh->steps.out);
	/* The wire's later segments of the last step come first; a step's
	 * own come after its calls returned (no libpcap call when off). */
	wire_view_late(sh, sh->out);
	if (ce->flags & CMD_STATE) {
		sh->log.mark = sh->log.seq;	/* what follows is new */
		wire_step_begin(sh, ce->name);
	}
	rv = cmd_run(sh, ce, &a);
	free_args(&a);
	jobs_check(sh);
	if (ce->flags & CMD_STATE) {
		wire_step_end(sh);
		wire_view_step(sh, sh->out);
	}
	if (rv == CMD_QUIT)
		sh->quit = 1;
	/* A step that changed nothing (a mistake caught before any call,
	 * a wait for a job that had ended) has nothing new to show. In a
	 * lesson at a terminal the view comes once a step, at its pause. */
	if ((ce->flags & CMD_STATE) && sh->log.seq != seq) {
		fflush(sh->out);
		export_step(sh, t->line + t->v[0].start,
		    t->v[t->n - 1].end - t->v[0].start);
	}
	if ((ce->flags & CMD_STATE) && !sh->quiet && sh->log.seq != seq) {
		if (sh->view_deferred)
			sh->view_pending = 1;
		else
			view_show(sh);
	}
	fflush(sh->out);
	return rv == CMD_ERROR ? -1 : 0;
}

/*
 * A script's bind to the port in a variable ($PORT) found it taken, and
 * the step (T, expecting EX; its calls logged from FIRST) did not expect
 * that: the port is another program's, or this lesson's in a second
 * terminal, and the lesson must not talk to a stranger. Returns the
 * variable's name, or NULL.
 */
static const char *
port_taken(struct shell *sh, const struct tokens *t, const struct tokens *ex,
    size_t first)
{
	const struct event *ev = first < sh->log.n ? &sh->log.v[first] : NULL;
	const char *value;
	size_t i;

	if (sh->at.depth == 0 || ev == NULL || ev->type == NULL ||
	    strcmp(ev->type->call, "bind") != 0 || ev->result != -1 ||
	    ev->err != EADDRINUSE || t->n != 4 || t->v[3].var == NULL)
		return NULL;
	value = var_get(sh, t->v[3].var);
	if (value == NULL || strcmp(value, "0") == 0)
		return NULL;
	for (i = 0; i < ex->n; i++)
		if (expect_names_failure(&ex->v[i]))
			return NULL;
	return t->v[3].var;
}

/*
 * Runs one line: a command, its variables expanded, and what it must
 * produce after "=>" checked. Returns 0, or -1 when it failed (reported).
 */
int
run_line(struct shell *sh, const char *line, size_t len)
{
	struct tokens t, ex;
	char err[MESSAGE_LEN], *handle;
	const char *var;
	int rc, failed_before = sh->failed, expecting;
	size_t first = sh->log.n;

	if (lex_line(line, len, &t, err) < 0) {
		report_error(sh, "%s", err);
		return -1;
	}
	expecting = expect_split(&t, &ex);
	if (expecting < 0 || expand_words(sh, &t, err) < 0) {
		report_error(sh, "%s", expecting < 0 ? _("out of memory") :
		    err);
		rc = -1;
	} else if (t.n == 0) {
		rc = 0;
		if (t.background || expecting) {
			report_error(sh, "%s", _("a command must come first, "
			    "as in 'accept srv conn &' or 'connect cli srv => "
			    "ok'"));
			rc = -1;
		}
	} else if ((rc = run_command(sh, &t)) < 0 &&
	    (var = port_taken(sh, &t, &ex, first)) != NULL) {
		/* Once more on a port of the kernel's choosing; the
		 * variable takes it (cmd-bind.c), so later steps follow. */
		fprintf(sh->out, _("  port %s is taken (by another program, or "
		    "this lesson in a second\n  terminal): the lesson goes on "
		    "with a free port the kernel picks, as $%s\n"),
		    t.v[3].text, var);
		var_set(sh, var, "0");
		sh->failed = failed_before;
		words_free(&ex);
		words_free(&t);
		return run_line(sh, line, len);
	}
	if (expecting > 0) {
		handle = t.n > 1 ? t.v[1].text : NULL;
		rc = expect_check(sh, &ex, handle, rc, first, failed_before);
		words_free(&ex);
	}
	words_free(&t);
	if (rc < 0)
		sh->failed = 1;
	return rc;
}
