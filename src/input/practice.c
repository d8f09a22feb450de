/* practice.c - a lesson as practice: its narration as usual, and at each
 * step the student types the command. A step passes on the system call
 * made (the event log, the handles), not on the text typed. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "base/lessons.h"
#include "base/message.h"
#include "base/progress.h"
#include "base/pyform.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/hooks.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/where.h"
#include "input/expand.h"
#include "input/expect.h"
#include "input/foresee.h"
#include "input/input.h"
#include "input/lex.h"
#include "input/narration.h"
#include "input/practice.h"
#include "input/practice-judge.h"
#include "input/question.h"
#include "input/run.h"

#define PRACTICE_PROMPT	"practice> "
#define LESSON_PROMPT	"sockshell> "
#define ANSWER_PROMPT	"answer> "

static struct practice *cur;	/* the practice running, or NULL */

/* A step the student types: a command that makes a call, or a wait. */
static int
is_step(const struct practice_step *st)
{
	return st->ce != NULL && (st->ce->event != NULL ||
	    practice_is_wait(st->ce));
}

static void
echo(struct shell *sh, const char *prompt, const char *line)
{
	size_t n = expect_cut(line, strlen(line));

	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	fprintf(sh->out, "%s%.*s\n", prompt, (int)n, line);
}

/* A background step just ran: the shell's number of its job. */
static void
note_job(struct shell *sh, struct practice *p)
{
	if (p->njobs < PRACTICE_JOBS)
		p->jobs[p->njobs++] = sh->max_job;
}

/*
 * Runs the lesson's own LINE (a command that is no step, a skipped step,
 * a step replayed by 'again'): its wait for the lesson's job N waits for
 * the job that stands for it here.
 */
static int
lesson_line(struct shell *sh, struct practice *p, const char *line)
{
	struct practice_step st;
	char *use = NULL;
	int rc, job, bg;

	practice_step_parse(sh, line, &st);
	bg = st.t.background;
	if (practice_is_wait(st.ce) && st.t.n > 1 &&
	    (job = practice_job(p, st.t.v[1].text)) > 0 &&
	    asprintf(&use, "wait %d %s", job, line + expect_cut(line,
	    strlen(line))) < 0)
		use = NULL;
	practice_step_free(&st);
	echo(sh, LESSON_PROMPT, use != NULL ? use : line);
	rc = run_line(sh, use != NULL ? use : line, strlen(use != NULL ? use :
	    line));
	free(use);
	if (bg)
		note_job(sh, p);
	return rc;
}

/* The lesson's lines, read whole from FP, which it closes. */
static void
load(struct practice *p, FILE *fp)
{
	char *line = NULL, **grown;
	size_t cap = 0, n;
	ssize_t len;

	while ((len = getline(&line, &cap, fp)) >= 0) {
		n = (size_t)len;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		grown = realloc(p->lines, (p->n + 1) * sizeof *p->lines);
		if (grown == NULL)
			break;
		p->lines = grown;
		if ((p->lines[p->n] = strdup(line)) == NULL)
			break;
		p->n++;
	}
	free(line);
	fclose(fp);
}

static int
is_pause_or_blank(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '\0' || *line == '#' || strncmp(line, "pause", 5) == 0;
}

/* 'again': every socket closed, and the lesson's lines before the step
 * run once more on fresh ones. */
static void
replay(struct shell *sh, struct practice *p)
{
	size_t i;
	struct where w, outer;

	fprintf(sh->out, "%s\n", _("  Again: every socket is closed, and the "
	    "lesson's steps before this one run\n  again on fresh sockets."));
	run_line(sh, "reset", 5);
	p->njobs = 0;
	for (i = 0; i < p->at; i++) {
		if (narration_line(p->lines[i], strlen(p->lines[i])) ||
		    is_pause_or_blank(p->lines[i]) ||
		    question_line(p->lines[i], strlen(p->lines[i])))
			continue;
		w = sh->at;	/* the lesson's own line: its fence */
		w.line = i + 1;
		outer = where_enter(sh, w);
		lesson_line(sh, p, p->lines[i]);
		where_leave(sh, outer);
	}
	fprintf(sh->out, "%s\n", _("  Now type this step again."));
}

/* The student's LINE at step ST: run, and judged. Returns 1 when the
 * step is done. */
static int
try_line(struct shell *sh, struct practice *p, struct practice_step *st,
    const char *line)
{
	struct practice_step mine;
	struct where outer;
	size_t first = sh->log.n;
	int rc, verdict, failed_before = sh->failed;

	if (practice_step_parse(sh, line, &mine) == 0 && mine.ce == st->ce &&
	    st->t.background && !mine.t.background) {
		fprintf(sh->out, _("  Not yet: %s would wait here, and what it "
		    "waits for comes in the next steps.\n  The lesson runs it in "
		    "the background: type it again with '&' at the end.\n"),
		    st->ce->name);
		practice_step_free(&mine);
		p->tries++;
		return 0;
	}
	/* The student's own line: no fence. */
	outer = where_enter(sh, (struct where){ "<stdin>", p->typed, 0, 0,
	    "", NULL });
	rc = run_line(sh, line, strlen(line));
	where_leave(sh, outer);
	if (p->want != PRACTICE_NONE || sh->quit) {
		practice_step_free(&mine);
		return 0;
	}
	verdict = practice_judge(sh, p, st, &mine, rc, first, failed_before);
	p->done_first = first;
	p->done_rc = rc;
	if (verdict > 0 && mine.t.background)
		note_job(sh, p);
	practice_step_free(&mine);
	if (verdict < 0)
		return 0;	/* show, help...: no try */
	if (verdict == 0)
		p->tries++;
	return verdict;
}

/* The student's prediction, read until it is a choice's number; -1 at
 * the end of the input. */
static int
read_answer(struct shell *sh, struct practice *p)
{
	char *line;
	size_t len;
	int rc;

	do {
		fflush(sh->out);
		line = input_read_line(sh, ANSWER_PROMPT, &len);
		if (line == NULL)
			return -1;
		p->typed++;
		if (!sh->terminal)
			fprintf(sh->out, "%s%s\n", ANSWER_PROMPT, line);
		rc = question_choose(sh, &p->q, line);
		free(line);
	} while (rc < 0);
	return 0;
}

/* One step: the student types until it passes, is skipped, or the input
 * ends (-1). */
static int
step(struct shell *sh, struct practice *p)
{
	struct practice_step st;
	char *line;
	size_t len;
	int done = 0;

	p->tries = p->hint_level = 0;
	p->steps++;
	if (p->q.n > 0) {
		p->asked++;
		question_ask(sh, &p->q, 1);
		if (read_answer(sh, p) < 0)
			return -1;
	}
	while (!done && !sh->quit) {
		p->want = PRACTICE_NONE;
		practice_step_free(&p->st);
		practice_step_parse(sh, p->lines[p->at], &p->st);
		st = p->st;
		fflush(sh->out);
		line = input_read_line(sh, PRACTICE_PROMPT, &len);
		if (line == NULL)
			return -1;
		p->typed++;
		if (!sh->terminal)
			echo(sh, PRACTICE_PROMPT, line);
		if (!is_pause_or_blank(line) || strncmp(line, "pause", 5) == 0)
			done = try_line(sh, p, &st, line) > 0;
		free(line);
		if (p->want == PRACTICE_SKIP) {
			p->done_first = sh->log.n;
			p->done_rc = lesson_line(sh, p, p->lines[p->at]);
			p->skipped++;
			done = 1;
		} else if (p->want == PRACTICE_AGAIN)
			replay(sh, p);
	}
	if (done && p->q.n > 0)
		p->predicted += question_answer(sh, &p->q, p->lines[p->at],
		    p->done_rc, p->done_first);
	if (done && p->want != PRACTICE_SKIP) {
		p->passed++;
		if (p->tries == 0 && p->hint_level == 0)
			p->first_time++;
	}
	return 0;
}

static void
summary(struct shell *sh, const struct practice *p, int finished)
{
	if (!finished)
		report_error(sh, _("the input ended at step %u: the practice "
		    "stops here, before its end"), p->steps);
	fprintf(sh->out, _("Lesson %s practised: %u steps, %u right the first "
	    "time, %u hints, %u skipped.\n"), p->name, p->steps,
	    p->first_time, p->hints, p->skipped);
	if (p->asked > 0)
		fprintf(sh->out, _("Predictions: %u of %u right.\n"),
		    p->predicted, p->asked);
}

/* Goes through the lesson's lines: narration, its own commands, and the
 * steps the student types. Returns 1 at the end, 0 when input ended. */
static int
walk(struct shell *sh, struct practice *p)
{
	struct narration narr = { NULL, 0, 0, 0 };
	struct practice_step st;
	const char *line;
	int finished = 1, stepping;

	for (p->at = 0; p->at < p->n && !sh->quit; p->at++) {
		line = p->lines[p->at];
		sh->at.line = p->at + 1;
		if (narration_line(line, strlen(line))) {
			narration_add(sh, &narr, line, strlen(line));
			continue;
		}
		narration_print(sh, &narr);
		if (is_pause_or_blank(line))
			continue;
		if (question_line(line, strlen(line))) {
			question_add(sh, &p->q, line, strlen(line));
			continue;
		}
		stepping = practice_step_parse(sh, line, &st) == 0 &&
		    is_step(&st);
		practice_step_free(&st);
		if (!stepping)
			lesson_line(sh, p, line);
		else if (step(sh, p) < 0) {
			finished = 0;
			break;
		}
	}
	narration_print(sh, &narr);
	free(narr.text);
	return finished;
}

int
practice_run(struct shell *sh, FILE *fp, const char *path)
{
	struct practice p;
	struct progress_result r;
	struct where w, outer;
	size_t i, roles_outer;
	int finished;

	if (cur != NULL) {
		report_error(sh, "%s", _("a practice is running already: finish "
		    "it first"));
		fclose(fp);
		return -1;
	}
	memset(&p, 0, sizeof p);
	lessons_shown_name(path, p.name, sizeof p.name);
	load(&p, fp);
	if (handle_open_count(sh) > 0)
		run_line(sh, "reset", 5);
	fprintf(sh->out, _("Lesson %s, practice: at each step, type the "
	    "command yourself ('hint' helps,\n'skip' makes the step for you, "
	    "'again' starts it over).\n"), p.name);
	cur = &p;
	w = sh->at;
	w.file = p.name;
	w.line = 0;
	w.depth++;
	w.path = path;
	w.fence |= fence_for_file(sh, path, w.lesson, sizeof w.lesson);
	outer = where_enter(sh, w);
	roles_outer = roles_begin(sh);
	foresee_lines(sh, (const char *const *)p.lines, p.n);
	finished = walk(sh, &p);
	roles_end(sh, roles_outer);
	where_leave(sh, outer);
	cur = NULL;
	practice_step_free(&p.st);
	question_free(&p.q);
	summary(sh, &p, finished);
	r = (struct progress_result){ p.steps, p.first_time, p.hints,
	    p.skipped, finished && p.passed + p.skipped == p.steps };
	if (p.steps > 0 && !sh->quit)
		progress_practised(p.name, &r);
	for (i = 0; i < p.n; i++)
		free(p.lines[i]);
	free(p.lines);
	sh->failed = !finished || p.passed + p.skipped < p.steps;
	return sh->failed ? -1 : 0;
}

/* Hands practice's calls down to SH's hooks, after input_attach. */
void
practice_attach(struct shell *sh)
{
	sh->hooks.run_practice = practice_run;
	sh->hooks.practice_ask = practice_ask;
}

int
practice_ask(struct shell *sh, int what)
{
	if (cur == NULL) {
		report_error(sh, "%s", _("no practice is running: 'practice "
		    "NAME' starts one"));
		return -1;
	}
	if (what == PRACTICE_HINT) {
		practice_hint(sh, cur, &cur->st);
		return 0;
	}
	cur->want = what == PRACTICE_SKIP ? PRACTICE_SKIP : PRACTICE_AGAIN;
	return 0;
}
