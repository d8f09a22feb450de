/* input.c - the one input loop, for the terminal, a pipe and 'source':
 * only where the lines come from differs. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "base/files.h"
#include "base/i18n.h"
#include "base/lessons.h"
#include "base/message.h"
#include "base/progress.h"
#include "base/sig.h"
#include "base/text.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/fence.h"
#include "core/job.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"
#include "core/where.h"
#include "input/capture.h"
#include "input/expand.h"
#include "input/complete.h"
#include "input/expect.h"
#include "input/foresee.h"
#include "input/input.h"
#include "input/narration.h"
#include "input/question.h"
#include "input/record.h"
#include "input/run.h"
#include "input/screen.h"
#include "state/sockopt.h"
#include "state/state.h"
#include "views/view.h"
#include "views/wire-view.h"

#define PROMPT	"sockshell> "

struct source {
	/* The next line (malloc'd, no newline) and its length, or NULL. */
	char	*(*next)(struct source *, struct shell *, size_t *);
	FILE	*fp;
	int	 echo;		/* print the prompt and the line */
	int	 too_long;	/* the line was longer than LINE_MAX_BYTES */
	int	 err;		/* reading failed: its errno */
};

static int
is_blank_or_comment(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'))
		i++;
	return i == len || line[i] == '#';
}

/* A lesson's "pause": never echoed (at a terminal its prompt says it). */
static int
is_pause(const char *line, size_t len)
{
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	return len == 5 && memcmp(line, "pause", 5) == 0;
}

/* Set by the SIGINT handler (main.c) as sig_interrupted is, but
 * cleared only here: a waiting call takes sig_interrupted for itself,
 * and the script it ran in must still stop. */
volatile sig_atomic_t input_ctrl_c;
int input_script_stopped;	/* Ctrl-C stopped a script */

/*
 * Ctrl-C while a script runs: between its lines, or in a call of it made
 * at a terminal (a person pressed it, and expects the script to stop, not
 * to go on with the errors that follow). Every script it was sourced from
 * stops too (sh->stop), back to the prompt. A script piped in only loses
 * the interrupted call, as its sender may go on. Returns 1 when stopped.
 */
static int
script_interrupted(struct shell *sh, int interactive)
{
	if (interactive || !(sig_interrupted || (sh->terminal &&
	    input_ctrl_c)))
		return 0;
	sig_interrupted = 0;
	input_ctrl_c = 0;
	if (sig_terminated)
		report_error(sh, "%s", _("terminated (SIGTERM or SIGHUP): the "
		    "script stops here"));
	else
		report_error(sh, "%s", _("interrupted (Ctrl-C): the script "
		    "stops here"));
	sh->stop = 1;
	input_script_stopped = 1;	/* a lesson did not finish (main.c) */
	return 1;
}

/* The view a lesson's step put off until its pause (run.c), now. */
static void
show_pending_view(struct shell *sh)
{
	if (!sh->view_pending)
		return;
	sh->view_pending = 0;
	view_show(sh);
}

#define ECHO_CUT	200	/* bytes of a too long line echoed */

/*
 * Echoes the first SHOWN of the LEN bytes of LINE after the prompt, as a
 * transcript shows what ran: escaped as errors are (a pasted ESC, a NUL
 * byte), and said to be cut when it is.
 */
static void
echo_line(struct shell *sh, const char *line, size_t shown, size_t len)
{
	int cut;

	/* A script written on Windows: its CR ends the line, shown or not. */
	if (shown >= len && len > 0 && line[len - 1] == '\r')
		len--;
	if (shown > len)
		shown = len;
	cut = shown < len;
	/* What the step expects is shown apart, as it is checked. */
	shown = expect_cut(line, shown);
	while (shown > 0 && (line[shown - 1] == ' ' ||
	    line[shown - 1] == '\t'))
		shown--;
	fputs(PROMPT, sh->out);
	text_put_escaped(sh->out, line, shown);
	if (cut)
		fprintf(sh->out, _("... (cut: the line goes on, longer than %d "
		    "bytes)"), LINE_MAX_BYTES);
	fputc('\n', sh->out);
	/* No flush: the command's output follows in the same write (the
	 * shell flushes after a command, before an error and a wait). */
}

/* Whether standard output is a pipe whose reader is gone: poll says
 * POLLERR of its writing end then. */
int
input_output_gone(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLERR) != 0;
}

/*
 * LINE (LEN bytes) is longer than LINE_MAX_BYTES: said, and freed.
 * Returns -1 when the rest of SRC is not read (nothing says where its
 * next line starts: /dev/zero has none), 0 when only LINE is skipped.
 */
static int
too_long(struct shell *sh, struct source *src, char *line, size_t len,
    const char *name)
{
	if (src->echo)
		echo_line(sh, line, ECHO_CUT, len);
	free(line);
	if (src->too_long) {
		report_error(sh, _("the line is longer than %d bytes and holds "
		    "NUL bytes: '%s' is no file of commands, and is not read "
		    "further"), LINE_MAX_BYTES, name);
		return -1;
	}
	report_error(sh, _("the line is longer than %d bytes, so it is "
	    "skipped: split it into several commands"), LINE_MAX_BYTES);
	return 0;
}

/*
 * Runs one line of SRC: a lesson's question shown before its step and
 * settled by the kernel after it; a line typed at the top written down
 * by 'record'. Returns run_line's result.
 */
static int
run_step(struct shell *sh, struct source *src, struct question *q,
    const char *line, size_t len)
{
	int step = !is_blank_or_comment(line, len) && !is_pause(line, len);
	size_t first = sh->log.n;
	int rc;

	if (step && q->n > 0)
		question_ask(sh, q, 0);
	if (src->echo && step)
		echo_line(sh, line, len, len);
	rc = run_line(sh, line, len);
	if (src->fp == NULL)
		sh->runs = 0;	/* a line typed: files run are counted anew */
	if (sh->at.depth == 0)
		record_line(sh, line, len, first);
	if (step && q->n > 0)
		question_answer(sh, q, line, rc, first);
	return rc;
}

/*
 * Runs every line SRC gives, as NAME: where lines come from while it runs,
 * so errors in a sourced file name it, and the outer file's name after.
 * Returns 0, or -1 when a line failed.
 */
static int
process_input(struct shell *sh, struct source *src, const char *name)
{
	struct where w = sh->at, outer;
	int failed = 0, interactive = src->fp == NULL;
	int deferred = sh->view_deferred;
	struct narration narr = { NULL, 0, 0, 0 };
	struct question q[1] = { { NULL, { NULL }, 0, 0 } };
	size_t len;
	char *line;
	int rc;

	w.file = name;
	w.line = 0;
	outer = where_enter(sh, w);
	capture_attach(sh);
	/* A lesson at a terminal: one view a step, at its pause. */
	if (!interactive && sh->terminal && sh->pauses)
		sh->view_deferred = 1;
	while (!sh->quit && !sh->stop && !sig_terminated &&
	    (line = src->next(src, sh, &len)) != NULL) {
		sh->at.line++;
		/* A narration paragraph ends where another line begins. */
		if (src->fp == NULL || src->too_long || len > LINE_MAX_BYTES ||
		    (sig_interrupted && !interactive) ||
		    !narration_line(line, len))
			narration_print(sh, &narr);
		if (src->too_long || len > LINE_MAX_BYTES) {
			failed = 1;
			if (too_long(sh, src, line, len, name) < 0)
				break;
			continue;
		}
		if (script_interrupted(sh, interactive)) {
			free(line);
			failed = 1;
			break;
		}
		if (src->fp != NULL && narration_line(line, len)) {
			narration_add(sh, &narr, line, len);
			free(line);
			continue;
		}
		/* A lesson's question waits for its step. */
		if (src->fp != NULL && question_line(line, len)) {
			failed |= question_add(sh, q, line, len) < 0;
			free(line);
			continue;
		}
		if ((rc = run_step(sh, src, q, line, len)) < 0)
			failed = 1;
		free(line);
		if (rc < 0 && sh->bail && !interactive)
			break;
		if (script_interrupted(sh, interactive)) {
			failed = 1;
			break;
		}
		/* Whoever read the output went away: nobody sees the rest. */
		if (ferror(stdout) && input_output_gone()) {
			failed = 1;
			sh->quit = 1;
			break;
		}
	}
	narration_print(sh, &narr);
	free(narr.text);
	question_free(q);
	sh->view_deferred = deferred;
	if (!deferred)
		show_pending_view(sh);
	capture_detach(sh);
	where_leave(sh, outer);
	/* Not the end of the input, though the lines end here; said where
	 * the file was sourced. */
	if (src->err != 0) {
		report_error(sh, _("cannot read '%s': %s"), name,
		    strerror(src->err));
		failed = 1;
	}
	if (sh->at.depth <= 1)
		sh->stop = 0;	/* a stopped lesson ends here */
	return failed ? -1 : 0;
}

/*
 * The line read so far (N bytes at LINE, unlocked SRC) is longer than
 * LINE_MAX_BYTES: only it is refused (process_input says so), and the
 * next begins after its newline. But a line with a NUL byte in it is no
 * line of a script (/dev/zero has no newline at all): then the stream is
 * not read further (src->too_long).
 */
static void
skip_line(struct source *src, const char *line, size_t n)
{
	int c;

	if (memchr(line, '\0', n) != NULL) {
		src->too_long = 1;
		return;
	}
	while ((c = getc_unlocked(src->fp)) != EOF && c != '\n')
		if (c == '\0') {
			src->too_long = 1;
			return;
		}
}

/*
 * The next line of a file or pipe, NUL bytes and all. Reading stops at
 * LINE_MAX_BYTES + 1 bytes (src->too_long): a file with no newline
 * (/dev/zero) has no end to skip to, and is not a file of commands.
 */
static char *
next_stream(struct source *src, struct shell *sh, size_t *len)
{
	char *line = NULL, *grown;
	size_t n = 0, cap = 0;
	int c = EOF;

	(void)sh;
	flockfile(src->fp);
	while ((c = getc_unlocked(src->fp)) != EOF && c != '\n') {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 128;
			if (cap > LINE_MAX_BYTES + 2)
				cap = LINE_MAX_BYTES + 2;
			if ((grown = realloc(line, cap)) == NULL) {
				c = EOF;
				src->err = ENOMEM;
				break;
			}
			line = grown;
		}
		line[n++] = (char)c;
		if (n > LINE_MAX_BYTES) {
			skip_line(src, line, n);
			break;
		}
	}
	if (c == EOF && ferror(src->fp))
		src->err = errno;
	funlockfile(src->fp);
	if ((c == EOF && n == 0) || src->err == ENOMEM) {
		free(line);
		return NULL;
	}
	if (line == NULL && (line = malloc(1)) == NULL)
		return NULL;
	line[n] = '\0';
	*len = n;
	return line;
}

static int
run_stream(struct shell *sh, FILE *fp, const char *name, int echo)
{
	struct source src = { next_stream, fp, echo, 0, 0 };
	size_t outer = roles_begin(sh);
	int rc;

	/* Its sockets' columns in the picture, known before they are
	 * made (a regular file; a pipe cannot be read twice). */
	foresee_stream(sh, fp);
	rc = process_input(sh, &src, name);
	roles_end(sh, outer);
	return rc;
}

int
input_run_stream(struct shell *sh, FILE *fp, const char *name)
{
	return run_stream(sh, fp, name, sh->echo);
}

/* Runs the file FP, opened at PATH, its errors said as NAME:LINE; closes
 * FP. */
static int
run_file_as(struct shell *sh, FILE *fp, const char *path, const char *name)
{
	struct where w, outer;
	int rc;

	/* Depth is capped where source runs; the count too, so that a
	 * file that sources itself four times does not run 4^16 times. */
	if (sh->runs >= SOURCE_RUNS_MAX) {
		report_error(sh, _("'%s' is not run: %d files have run since "
		    "the last line typed (does a script source itself?)"),
		    path, SOURCE_RUNS_MAX);
		fclose(fp);
		return -1;
	}
	sh->runs++;
	w = sh->at;
	w.depth++;
	w.path = path;
	/* A lesson is data: held to its work folder and to loopback,
	 * unless trusted (core/fence.c); a file run from a fenced one
	 * stays fenced, wherever it is. */
	w.fence |= fence_for_file(sh, path, w.lesson, sizeof w.lesson);
	outer = where_enter(sh, w);
	/* Typed at the prompt too ('source', 'lesson'): what runs is seen,
	 * as help source and sockshell-lessons(5) say. */
	rc = run_stream(sh, fp, name, 1);
	where_leave(sh, outer);
	fclose(fp);
	return rc;
}

int
input_run_file(struct shell *sh, FILE *fp, const char *path)
{
	return run_file_as(sh, fp, path, path);
}

/* The script named on the command line may be a pipe (<(...)); one
 * sourced or a lesson is a file, and never holds open() up
 * (core/fence.c). */
int
input_run_script(struct shell *sh, const char *path)
{
	struct stat sb;
	FILE *fp;

	if ((fp = fopen(path, "re")) == NULL) {
		report_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
		return -1;
	}
	/* fopen takes a folder, and reading it fails with EISDIR. */
	if (fstat(fileno(fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		report_error(sh, _("'%s' is a folder: give a file of commands"),
		    path);
		fclose(fp);
		return -1;
	}
	return run_file_as(sh, fp, path, path);
}

/*
 * Runs the lesson at PATH: its errors said by its name where it is one
 * of the bundled lessons (echo:13:), by PATH otherwise; at a terminal, a
 * summary of its steps at the end.
 */
int
input_run_lesson(struct shell *sh, FILE *fp, const char *path)
{
	char name[256];
	int rc;

	lessons_shown_name(path, name, sizeof name);
	memset(&sh->tally, 0, sizeof sh->tally);
	rc = run_file_as(sh, fp, path, name);
	expect_say_tally(sh, name);
	/* Watched: at a terminal, to its end. */
	if (sh->terminal && !sh->lesson_stopped && !input_script_stopped &&
	    !sh->quit)
		progress_watched(name);
	return rc;
}

/* The terminal: readline's callback interface in a poll loop, so jobs
 * finish (and say so) while the prompt waits for a line. */

static char	*tty_line;
static int	 tty_done;
static int	 prompt_showing;
/* The prompt readline shows: the shell's, or a lesson's pause's. */
static const char *tty_prompt = PROMPT;
volatile sig_atomic_t input_resized;

static void
on_line(char *line)
{
	tty_line = line;
	tty_done = 1;
	rl_callback_handler_remove();
	prompt_showing = 0;
}

static void
tty_async_begin(void)
{
	if (!prompt_showing)
		return;
#ifdef HAVE_RL_CLEAR_VISIBLE_LINE
	rl_clear_visible_line();
#else
	fputs("\r\033[K", rl_outstream);
#endif
}

static void
tty_async_end(void)
{
	if (prompt_showing)
		rl_forced_update_display();
}

/*
 * Ctrl-Z and fg at the prompt. With rl_catch_signals 0 readline handles
 * neither: the shell stopped in raw mode and came back in cooked mode,
 * with no prompt. While the prompt shows, the handlers only note the
 * signal; the loop then gives the terminal back as it found it, stops as
 * SIGTSTP's default action would, and on going on sets readline's mode
 * again and redraws the prompt and the line typed so far. (A SIGSTOP,
 * which nobody can catch, is met by SIGCONT alone.) Elsewhere SIGTSTP
 * keeps its default: the terminal is in cooked mode then.
 */
static volatile sig_atomic_t tty_stop, tty_cont;

static void
on_stop_or_cont(int sig)
{
	if (sig == SIGTSTP)
		tty_stop = 1;
	else
		tty_cont = 1;
}

static void
job_control_signals(int at_prompt)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = at_prompt ? on_stop_or_cont : SIG_DFL;
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);
	tty_stop = tty_cont = 0;
}

static void
tty_job_control(void)
{
	struct sigaction dfl, old;

	if (tty_stop) {
		tty_stop = 0;
		rl_callback_sigcleanup();
		rl_cleanup_after_signal();	/* the terminal as it was */
		fputc('\n', rl_outstream);
		fflush(rl_outstream);
		memset(&dfl, 0, sizeof dfl);
		sigemptyset(&dfl.sa_mask);
		dfl.sa_handler = SIG_DFL;
		sigaction(SIGTSTP, &dfl, &old);
		raise(SIGTSTP);			/* stopped here until fg */
		sigaction(SIGTSTP, &old, NULL);
		tty_cont = 1;
	}
	if (tty_cont) {
		tty_cont = 0;
		/* Whoever ran meanwhile may have changed the modes. */
		rl_cleanup_after_signal();
		rl_reset_after_signal();
		rl_forced_update_display();
	}
}

static char *
next_tty(struct source *src, struct shell *sh, size_t *len)
{
	static struct pollfd *p;	/* grown to fit the jobs, kept */
	static size_t cap;
	size_t n;
	int rc;

	(void)src;
	tty_line = NULL;
	tty_done = 0;
	wire_view_late(sh, sh->out);	/* the wire's later segments */
	rl_callback_handler_install(tty_prompt, on_line);
	prompt_showing = 1;
	job_control_signals(1);
	while (!tty_done) {
		n = jobs_pollset(sh, &p, &cap, STDIN_FILENO, POLLIN);
		rc = poll(p, n, jobs_timeout(sh));
		if (rc < 0 && errno != EINTR)
			break;
		if (sig_terminated)
			break;
		if (sig_interrupted) {
			/* Ctrl-C at the prompt: drop the line, start anew. */
			sig_interrupted = 0;
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_replace_line("", 0);
			rl_crlf();
			rl_on_new_line();
			rl_redisplay();
		}
		if (input_resized) {
			input_resized = 0;
			rl_resize_terminal();
		}
		if (tty_stop || tty_cont)
			tty_job_control();
		if (rc < 0)
			continue;
		if (p[0].revents != 0)
			rl_callback_read_char();
		if (n > 1)
			jobs_check(sh);
	}
	if (!tty_done) {
		rl_callback_handler_remove();
		prompt_showing = 0;
	}
	input_ctrl_c = 0;	/* it dropped a line here, no script's */
	job_control_signals(0);
	if (tty_line == NULL) {
		fputc('\n', sh->out);
		return NULL;
	}
	if (*tty_line != '\0') {
		HIST_ENTRY *last = history_get(history_base + history_length -
		    1);

		if (last == NULL || strcmp(last->line, tty_line) != 0)
			add_history(tty_line);
	}
	*len = strlen(tty_line);
	screen_line_read(sh);
	return tty_line;
}

/* The next line the student types: at the terminal after PROMPT, else
 * from standard input; NULL at the end (practice.c). */
char *
input_read_line(struct shell *sh, const char *prompt, size_t *len)
{
	struct source src = { next_stream, stdin, 0, 0, 0 };
	char *line;

	if (!sh->terminal)
		return next_stream(&src, sh, len);
	tty_prompt = prompt;
	line = next_tty(NULL, sh, len);
	tty_prompt = PROMPT;
	return line;
}

/*
 * QUESTION at the terminal, answered yes or no in the student's language
 * (rpmatch: y, or д in Russian); anything else, or no terminal, is no.
 */
int
input_confirm(struct shell *sh, const char *question)
{
	char *line;
	size_t len;
	int yes;

	if (!sh->terminal || !isatty(STDIN_FILENO))
		return 0;
	/* The question on lines of its own (broken between words at the
	 * terminal: screen.c), the prompt short. */
	fprintf(sh->out, "%s\n", question);
	fflush(sh->out);
	if ((line = input_read_line(sh, _("[y/N] "), &len)) == NULL)
		return 0;
	yes = rpmatch(line) == 1;
	free(line);
	return yes;
}

static char *
history_path(void)
{
	const char *env = getenv("SOCKSHELL_HISTORY"), *home;
	char *path;

	if (env != NULL)
		return *env != '\0' ? strdup(env) : NULL;
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return NULL;
	if (asprintf(&path, "%s/.sockshell_history", home) < 0)
		return NULL;
	return path;
}

static char	*hist_path;
static int	 hist_ok;

/* Readline, completion and history, for a person at the terminal. */
void
input_terminal_begin(struct shell *sh)
{
	complete_attach(sh);
	rl_readline_name = PACKAGE;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	using_history();
	hist_path = history_path();
	/* A file that cannot be used is said so and left alone. */
	hist_ok = hist_path != NULL && history_load(sh, hist_path) == 0;
	sh->hooks.async_begin = tty_async_begin;
	sh->hooks.async_end = tty_async_end;
	sh->terminal = 1;
}

void
input_terminal_end(struct shell *sh)
{
	if (!sh->terminal)
		return;
	sh->hooks.async_begin = sh->hooks.async_end = NULL;
	/* A history that could not be saved is a failure of the run. */
	if (hist_ok && history_save(sh, hist_path) < 0)
		sh->failed = 1;
	free(hist_path);
	hist_path = NULL;
	sh->terminal = 0;
}

int
input_run_terminal(struct shell *sh)
{
	struct source src = { next_tty, NULL, 0, 0, 0 };

	fprintf(sh->out, _("%s %s: the Berkeley sockets, one call at a time.\n"
	    "Type 'help' for the commands, Ctrl-D to leave.\n"), PACKAGE,
	    VERSION);
	fprintf(sh->out, "%s\n", _("To follow the lecture step by step, type "
	    "'lesson' for the lessons,\nor start 'sockshell --lesson echo'."));
	return process_input(sh, &src, "<stdin>");
}

/*
 * The student's own command at a pause made calls (logged from FIRST) on
 * a socket of the lesson's: said once, so that a step that then finds it
 * changed is no surprise. Returns whether it said so.
 */
static int
touched_lessons(struct shell *sh, size_t first)
{
	struct handle *h;
	size_t i;

	for (i = first; i < sh->log.n; i++) {
		h = handle_by_id(sh, sh->log.v[i].handle_id);
		if (h == NULL || !h->scripted)
			continue;
		fprintf(sh->out, _("  (%s is the lesson's socket: its next steps "
		    "find it as you left it; sockets\n  of your own, with "
		    "names of your own, leave the lesson as it is)\n"),
		    h->name);
		return 1;
	}
	return 0;
}

/*
 * A lesson's pause, at a terminal: the student reads, may type commands
 * of their own, and goes on with an empty line. End of input (Ctrl-D)
 * stops the lesson. Returns -1 then, else 0.
 */
int
input_pause(struct shell *sh)
{
	int saved_interactive = sh->interactive, warned = 0;
	int deferred = sh->view_deferred;
	size_t first;
	struct where outer;
	char *line;
	size_t len;

	if (!sh->terminal || !sh->pauses)
		return 0;
	/* The step's explanation stays on the screen beside what it did. */
	narration_recall(sh, sh->view_pending ? view_table_lines(sh) + 1 : 0);
	show_pending_view(sh);
	/* The student's own lines: at the terminal, as at the prompt. */
	outer = where_enter(sh, (struct where){ "<stdin>", sh->at.line, 0, 0,
	    "", NULL });
	sh->interactive = 1;
	sh->view_deferred = 0;
	for (;;) {
		fflush(sh->out);
		/* One line: the prompt says what Enter does. */
		tty_prompt = _("[Enter: next step, or type a command] ");
		line = next_tty(NULL, sh, &len);
		tty_prompt = PROMPT;
		if (line == NULL || is_blank_or_comment(line, len))
			break;
		first = sh->log.n;
		run_line(sh, line, len);
		free(line);
		if (!warned)
			warned = touched_lessons(sh, first);
		/* A call of the student's own interrupted: the lesson goes
		 * on. */
		input_ctrl_c = 0;
		if (sh->quit)
			break;
	}
	where_leave(sh, outer);
	sh->interactive = saved_interactive;
	sh->view_deferred = deferred;
	if (line == NULL) {
		/* The lesson did not finish: the exit status will say so. */
		sh->stop = 1;
		sh->lesson_stopped = 1;
		report_error(sh, "%s", _("end of input (Ctrl-D) at a pause: "
		    "the lesson stops here, before its end"));
		return -1;
	}
	free(line);
	return 0;
}

/*
 * Hands the input loop's own calls down to the shell SH (its hooks):
 * 'source' and 'lesson' run a file through it, and 'pause' waits in it.
 * Whoever makes a shell that runs lines calls this once, after shell_init.
 */
void
input_attach(struct shell *sh)
{
	sh->hooks.run_file = input_run_file;
	sh->hooks.run_lesson = input_run_lesson;
	sh->hooks.pause = input_pause;
	sh->hooks.confirm = input_confirm;
}
