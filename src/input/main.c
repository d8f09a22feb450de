/* main.c - sockshell: options, signals, and which input to read. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/lessons.h"
#include "base/message.h"
#include "base/sig.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/report.h"
#include "core/fence.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/input.h"
#include "input/privnet.h"
#include "input/practice.h"
#include "input/record.h"
#include "input/screen.h"
#include "state/state.h"
#include "views/export.h"
#include "state/wire.h"
#include "views/picture-opts.h"
#include "views/view.h"
#include "views/wire-view.h"

static const char no_msgid[] = "";
static char progname[] = PACKAGE;

/* Long options without a short one. */
enum { OPT_VIEW = 256, OPT_NO_COLOR, OPT_COMMANDS_ROFF, OPT_EXPORT,
	OPT_WIRE, OPT_JOIN, OPT_PCAP, OPT_FORCE, OPT_TRUST, OPT_WORK_DIR };

extern volatile sig_atomic_t input_resized, input_ctrl_c;
extern int input_script_stopped;	/* input.c */

static void
on_sigint(int sig)
{
	(void)sig;
	sig_interrupted = 1;
	input_ctrl_c = 1;
}

/* Which of SIGTERM and SIGHUP ended the shell: the exit status says it
 * as a shell reports a death by that signal, 128 + its number. */
static volatile sig_atomic_t term_signal = SIGTERM;

static void
on_sigterm(int sig)
{
	term_signal = sig;
	sig_terminated = 1;
	sig_interrupted = 1;
}

static void
on_sigwinch(int sig)
{
	(void)sig;
	input_resized = 1;
}

/* No SA_RESTART: a blocked poll or syscall returns EINTR on Ctrl-C. */
static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_sigint;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_sigwinch;
	sigaction(SIGWINCH, &sa, NULL);
	/* SIGTERM ends the shell as Ctrl-D does: sockets closed, history
	 * saved. */
	sa.sa_handler = on_sigterm;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A send to a closed peer must fail with EPIPE, never kill us. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * At exit, as GNU's close_stdout: output that was lost (a full disk, a
 * closed pipe) is an error, said once, exit status 1. The reason of an
 * earlier failed write went with its errno; a write of no bytes asks
 * again, and a file that still refuses (/dev/full) says why.
 */
static void
close_stdout(void)
{
	int failed = ferror(stdout), err = 0;

	/* A reader that went away (sockshell ... | head -1) is no error
	 * to tell: it has all it wanted. */
	if (input_output_gone()) {
		fflush(stderr);
		_exit(1);
	}
	if (failed && write(STDOUT_FILENO, "", 0) < 0)
		err = errno;
	if (fclose(stdout) != 0) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return;
	if (err != 0)
		fprintf(stderr, _("%s: write error: %s\n"), PACKAGE,
		    strerror(err));
	else
		fprintf(stderr, _("%s: write error\n"), PACKAGE);
	_exit(1);
}

/* Leaves before the shell ran: what shell_init took is given back (so
 * LeakSanitizer has nothing to say about --help or a bad option). */
static int
leave(struct shell *sh, int status)
{
	wire_free(sh);
	shell_free(sh);
	return status;
}

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]... [FILE]\n"), PACKAGE);
	fputs(_("An interactive shell for the Berkeley sockets interface: each "
	    "command makes\nthe real system call on a named socket, and the "
	    "state of every socket is\nshown after each step.\n\n"), f);
	fputs(_("With FILE, or with standard input not a terminal, runs the "
	    "commands of a\nscript, echoing each line after the prompt.\n\n"),
	    f);
	fputs(_("  -f, --file=FILE     run the commands in FILE\n"
	    "  -l, --lesson=NAME   run a lesson (a name or a number), then, at "
	    "a\n"
	    "                        terminal, stay at the prompt\n"
	    "      --list-lessons  list the lessons and exit\n"
	    "      --practice=NAME practise a lesson: type its steps yourself\n"
	    "      --no-pause      run a lesson straight through, without "
	    "waiting\n"
	    "                        for Enter at its pauses\n"
	    "  -D, --define=NAME=VALUE  set a variable, as in -D PORT=0 (the "
	    "kernel\n"
	    "                        picks the lessons' port)\n"
	    "  -b, --bail          stop a script at its first error\n"
	    "  -q, --quiet         do not print the state after each command\n"
	    "                        (the same as --view=none)\n"
	    "      --view=WHAT     what follows each command: picture (the "
	    "lecture's\n"
	    "                        step-by-step picture), table, both or "
	    "none;\n"
	    "                        both at a terminal, table otherwise\n"
	    "      --no-color      no colours in the picture (NO_COLOR=1 "
	    "too)\n"
	    "      --export=DIR    write a slide a step (DIR/step-01.svg...) "
	    "and the\n"
	    "                        page of them all (DIR/index.html); DIR "
	    "new or empty\n"
	    "      --force         with --export, replace the slides DIR "
	    "holds;\n"
	    "                        with --pcap, write over FILE\n"
	    "      --timeout=SECS  how long a call may wait in a script "
	    "(default 10;\n"
	    "                        0 waits for ever; at a terminal, for "
	    "ever)\n"
	    "      --wire          show the segments each call puts on the "
	    "wire; without\n"
	    "                        root, in a private network of its own\n"
	    "      --join=PID      join the private network of the sockshell "
	    "PID\n"
	    "      --pcap=FILE     write the wire's packets to FILE (pcap; "
	    "never over\n"
	    "                        a file, unless --force)\n"
	    "  -h, --help          display this help and exit\n"
	    "  -V, --version       output version information and exit\n\n"),
	    f);
	fputs(_("Exit status: 0 when every command succeeded, 1 when one "
	    "failed,\n2 for a bad command line.\n\n"), f);
	fputs(_("A lesson is a script: commands, narration lines that start "
	    "with '>',\n'pause' where the student reads, and expectations "
	    "after '=>' that the\nstep must meet (ok, error, ECONNREFUSED, "
	    "\"data\", EOF, ESTABLISHED, ...).\nLessons write $PORT (8888 "
	    "unless -D PORT=... says otherwise).\n\n"), f);
	fputs(_("A lesson or a script file is data: it reads and writes files "
	    "only in its\n"
	    "work folder, and reaches loopback only. What you type is yours."
	    "\n"
	    "      --trust-lesson=WHAT  lift that for files, network or all\n"
	    "      --work-dir=DIR  the lessons' work folder (default\n"
	    "                        ~/.local/state/sockshell/work/LESSON)\n\n"),
	    f);
	fputs(_("Type 'help' in the shell for the commands; see sockshell(1)."
	    "\n"), f);
	fputc('\n', f);
	fprintf(f, _("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
	if (PACKAGE_URL[0] != '\0')
		fprintf(f, _("%s home page: <%s>\n"), PACKAGE, PACKAGE_URL);
}

static void
version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	fputs(_("Copyright (C) 2026 the sockshell authors.\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n"),
	    stdout);
}

/* What the command line asked for, beyond what goes into the shell. */
struct options {
	const char	*file, *lesson;
	char		 path[4096];	/* the lesson's file */
	char		 path_err[4200];/* why --export's folder will not do */
	double		 timeout;	/* -1: the default */
	int		 no_pause, view, no_color, from_stdin, practice;
	const char	*export_dir;	/* --export: the slides' folder */
	int		 wire, force;	/* --wire, --force */
	long		 join;		/* --join PID, or 0 */
	const char	*pcap;		/* --pcap FILE */
};

static const struct option longopts[] = {
	{ "file",	required_argument,	NULL, 'f' },
	{ "bail",	no_argument,		NULL, 'b' },
	{ "quiet",	no_argument,		NULL, 'q' },
	{ "timeout",	required_argument,	NULL, 't' },
	{ "lesson",	required_argument,	NULL, 'l' },
	{ "list-lessons", no_argument,		NULL, 'L' },
	{ "practice",	required_argument,	NULL, 'p' },
	{ "no-pause",	no_argument,		NULL, 'P' },
	{ "define",	required_argument,	NULL, 'D' },
	{ "view",	required_argument,	NULL, OPT_VIEW },
	{ "no-color",	no_argument,		NULL, OPT_NO_COLOR },
	{ "export",	required_argument,	NULL, OPT_EXPORT },
	{ "wire",	no_argument,		NULL, OPT_WIRE },
	{ "join",	required_argument,	NULL, OPT_JOIN },
	{ "pcap",	required_argument,	NULL, OPT_PCAP },
	{ "force",	no_argument,		NULL, OPT_FORCE },
	{ "trust-lesson", required_argument,	NULL, OPT_TRUST },
	{ "work-dir",	required_argument,	NULL, OPT_WORK_DIR },
	/* For the build: the man page's COMMANDS, from the table. */
	{ "commands-roff", no_argument,		NULL, OPT_COMMANDS_ROFF },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* The locale's categories the shell uses, and its messages' catalogue. */
static void
setup_locale(void)
{
	/* The categories it uses (characters and their width, messages, the
	 * decimal point): LC_ALL would load a dozen locale files at every
	 * start, a sixth of the echo lesson's time (bench/run). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	setlocale(LC_NUMERIC, "");
	/* The build tree's catalogues when it runs from there. */
	bindtextdomain(PACKAGE, lessons_locale_dir());
	textdomain(PACKAGE);
	/* A catalogue has a header, the translation of "" (out of
	 * xgettext's sight: it is no message). */
	i18n_untranslated = *gettext(no_msgid) == '\0';
}

/* --timeout's SECS into O; -1 after saying what it takes. */
static int
option_timeout(const char *arg, struct options *o)
{
	char *end;

	o->timeout = strtod(arg, &end);
	/* strtod takes nan and inf too: no number of seconds. */
	if (*arg == '\0' || *end != '\0' || !isfinite(o->timeout) ||
	    o->timeout < 0 || o->timeout > 86400) {
		fprintf(stderr, _("%s: --timeout takes seconds from 0 to "
		    "86400, as in --timeout=5\n"), PACKAGE);
		return -1;
	}
	return 0;
}

/* -D NAME=VALUE into SH's variables; -1 after saying what it takes. */
static int
option_define(char *arg, struct shell *sh)
{
	char *eq = strchr(arg, '=');

	if (eq != NULL)
		*eq = '\0';
	if (eq == NULL || !var_name_ok(arg)) {
		fprintf(stderr, _("%s: -D takes NAME=VALUE, as in -D "
		    "PORT=9000\n"), PACKAGE);
		return -1;
	}
	var_set(sh, arg, eq + 1);
	return 0;
}

/*
 * One option C (its argument in optarg) into SH and O. Returns -1 to go
 * on, else the exit status to leave with now (--help, a bad option).
 */
static int
option(int c, struct shell *sh, struct options *o)
{
	switch (c) {
	case 'f':	o->file = optarg;		return -1;
	case 'b':	sh->bail = 1;			return -1;
	case 'l':	o->lesson = optarg;		return -1;
	case 'p':	o->lesson = optarg; o->practice = 1; return -1;
	case 'P':	o->no_pause = 1;		return -1;
	case OPT_NO_COLOR: o->no_color = 1;		return -1;
	case OPT_EXPORT: o->export_dir = optarg;	return -1;
	case OPT_FORCE:	o->force = 1;			return -1;
	case OPT_WORK_DIR: sh->work_dir = optarg;	return -1;
	case OPT_TRUST:
		if (fence_parse_trust(optarg, &sh->trust) == 0)
			return -1;
		fprintf(stderr, _("%s: --trust-lesson takes files, network or "
		    "all, as in --trust-lesson=files\n"), PACKAGE);
		return 2;
	case OPT_WIRE:	o->wire = 1;			return -1;
	case OPT_PCAP:	o->pcap = optarg;		return -1;
	case OPT_JOIN:
		if ((o->join = atol(optarg)) > 0)
			return -1;
		fprintf(stderr, _("%s: --join takes the process id of a "
		    "sockshell --wire, as in --join 4242\n"), PACKAGE);
		return 2;
	case 't':	return option_timeout(optarg, o) < 0 ? 2 : -1;
	case 'D':	return option_define(optarg, sh) < 0 ? 2 : -1;
	case 'q':
		sh->quiet = 1;
		o->view = VIEW_NONE;
		return -1;
	case OPT_VIEW:
		sh->quiet = 0;
		if ((o->view = view_parse(optarg)) >= 0)
			return -1;
		fprintf(stderr, _("%s: --view takes picture, table, both or "
		    "none, as in --view=both\n"), PACKAGE);
		return 2;
	case OPT_COMMANDS_ROFF:
		doc_roff(stdout);
		return 0;
	case 'L':
		lessons_list(stdout);
		return 0;
	case 'h':
		usage(stdout);
		return 0;
	case 'V':
		version();
		return 0;
	default:
		fprintf(stderr, _("Try '%s --help' for more information.\n"),
		    PACKAGE);
		return 2;
	}
}

/*
 * The command line into SH and O: the options, then at most one script,
 * and a lesson or a script. Returns -1 to go on, else the exit status to
 * leave with now.
 */
static int
parse_command_line(int argc, char **argv, struct shell *sh,
    struct options *o)
{
	int c, status;

	while ((c = getopt_long(argc, argv, "f:l:D:bqhV", longopts,
	    NULL)) != -1)
		if ((status = option(c, sh, o)) >= 0)
			return status;
	if (optind < argc && o->file == NULL)
		o->file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, _("%s: one script at a time ('%s' is one too "
		    "many)\nTry '%s --help' for more information.\n"), PACKAGE,
		    argv[optind], PACKAGE);
		return 2;
	}
	if (o->lesson != NULL && o->file != NULL) {
		fprintf(stderr, _("%s: give a lesson or a script, not both\n"),
		    PACKAGE);
		return 2;
	}
	if (o->lesson != NULL) {
		if (lessons_find(o->lesson, o->path, sizeof o->path) < 0) {
			fprintf(stderr, _("%s: no lesson '%s' in %s; "
			    "--list-lessons lists them\n"), PACKAGE, o->lesson,
			    lessons_dir());
			return 2;
		}
		o->file = o->path;
	}
	if (o->export_dir != NULL && export_dir_prepare(o->export_dir,
	    o->force, o->path_err, sizeof o->path_err) < 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, o->path_err);
		return 2;
	}
	/* "-" is standard input, read as a script even from a terminal. */
	if (o->file != NULL && strcmp(o->file, "-") == 0) {
		o->file = NULL;
		o->from_stdin = 1;
	}
	return -1;
}

/* How the shell runs, from O and what stdin and stdout are. */
static void
setup_shell(struct shell *sh, const struct options *o)
{
	sh->interactive = o->file == NULL && !o->from_stdin &&
	    isatty(STDIN_FILENO);
	/* A script's transcript is written a command at a time: the shell
	 * flushes after each command, before an error (stderr) and before a
	 * call waits, so a pipe sees the same order as a terminal with one
	 * write a command instead of one a line (bench/run). */
	setvbuf(stdout, NULL, sh->interactive ? _IOLBF : _IOFBF, 0);
	sh->echo = !sh->interactive;
	sh->timeout = o->timeout >= 0 ? o->timeout : sh->interactive ? 0 :
	    SCRIPT_TIMEOUT;
	/* A person watching gets the picture too; a transcript, the table. */
	sh->view = o->view >= 0 ? (enum view)o->view :
	    isatty(STDOUT_FILENO) ? VIEW_BOTH : VIEW_TABLE;
	sh->color = !o->no_color && picture_opts_color(STDOUT_FILENO);
	if (isatty(STDIN_FILENO))
		input_terminal_begin(sh);
	/* A person reads the screen: each step's view fits what is left. */
	if (sh->terminal)
		screen_attach(sh);
	sh->pauses = sh->terminal && !o->no_pause;
}

/*
 * --wire: captures on the host's loopback where it can (root), else in a
 * private network of its own, said in one line; --join PID: joins one
 * first. Where neither can be, the counters. Returns -1 to go on, else
 * the exit status.
 */
static int
setup_wire(struct shell *sh, const struct options *o)
{
	char why[MESSAGE_LEN];
	int forbidden;

	if (o->join > 0 && privnet_join((pid_t)o->join, why, sizeof why) < 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, why);
		return 1;
	}
	if (!o->wire && o->pcap == NULL)
		return -1;
	if (o->wire && o->join == 0 && wire_available() &&
	    getenv("SOCKSHELL_WIRE") == NULL && !wire_can_capture()) {
		if (privnet_enter(&forbidden, why, sizeof why) == 0)
			fprintf(stderr, _("%s: a private network of its own (only "
			    "loopback): join it with 'sockshell --join %ld', run "
			    "a program in it with 'nsenter -U -n "
			    "--preserve-credentials -t %ld PROGRAM'\n"), PACKAGE,
			    (long)getpid(), (long)getpid());
		else if (forbidden)
			fprintf(stderr, _("%s: %s: user namespaces are forbidden "
			    "here; the administrator must enable them (sysctl "
			    "user.max_user_namespaces, "
			    "kernel.unprivileged_userns_clone=1, or "
			    "kernel.apparmor_restrict_unprivileged_userns=0); "
			    "the wire counts instead\n"), PACKAGE, why);
		else
			fprintf(stderr, "%s: %s\n", PACKAGE, why);
	}
	if (o->pcap != NULL && wire_dump_to(sh, o->pcap, o->force, why,
	    sizeof why) < 0) {
		fprintf(stderr, "%s: %s\n", PACKAGE, why);
		return 1;
	}
	if (wire_start(sh, why, sizeof why) == WIRE_COUNTERS)
		fprintf(stderr, _("%s: the wire is not captured (%s): each step "
		    "shows the kernel's segment counters, counts, not "
		    "packets\n"), PACKAGE, why);
	return -1;
}

/* Runs the script, the lesson or the terminal; after a lesson at a
 * terminal, the student stays at the prompt. */
static void
run(struct shell *sh, const struct options *o)
{
	char *path = NULL;
	FILE *fp;

	/* --lesson and --practice: the student's own choice, opened as
	 * given (core/fence.c). */
	if (o->lesson != NULL) {
		fp = fence_open_script(sh, o->file, NULL, &path);
		if (fp != NULL && o->practice)
			practice_run(sh, fp, path);
		else if (fp != NULL)
			input_run_lesson(sh, fp, path);
		free(path);
	} else if (o->file != NULL)
		input_run_script(sh, o->file);
	else if (sh->interactive)
		input_run_terminal(sh);
	else
		input_run_stream(sh, stdin, "<stdin>");
	/* Ctrl-C stopped the lesson: as Ctrl-D at a pause does, that is
	 * said at the prompt after it, and when leaving. */
	if (o->lesson != NULL && input_script_stopped)
		sh->lesson_stopped = 1;
	if (o->lesson == NULL || !sh->terminal || sh->quit || sig_terminated)
		return;
	fprintf(stdout, "%s\n", sh->lesson_stopped ? _("The lesson stopped "
	    "before its end; its sockets are as it left them. Go on here, "
	    "or press Ctrl-D to leave.") : _("The lesson is over; its "
	    "sockets are as it left them. Go on here, or press Ctrl-D to "
	    "leave."));
	sh->interactive = 1;
	sh->echo = 0;
	sh->timeout = o->timeout >= 0 ? o->timeout : 0;
	input_run_terminal(sh);
}

/* What the end leaves undone: calls still waiting in a script, a lesson
 * stopped half-way. */
static void
say_unfinished(struct shell *sh)
{
	/* A script that ends while calls still wait did not get their
	 * results: they are cancelled (shell_free says so) and it failed. */
	if (!sh->terminal && !sh->quit && !sig_terminated && sh->jobs != NULL)
		report_error(sh, P_("the input ended while %zu call still "
		    "waited: it is cancelled and every socket is closed",
		    "the input ended while %zu calls still waited: they are "
		    "cancelled and every socket is closed",
		    (unsigned long)jobs_count(sh)), jobs_count(sh));
	if (sh->lesson_stopped && handle_open_count(sh) > 0 && !sh->quit)
		fprintf(stderr, P_("%s: the lesson did not finish: its %zu "
		    "open socket is closed, and the exit status is 1\n",
		    "%s: the lesson did not finish: its %zu open sockets are "
		    "closed, and the exit status is 1\n",
		    (unsigned long)handle_open_count(sh)), PACKAGE,
		    handle_open_count(sh));
}

int
main(int argc, char **argv)
{
	struct options o = { .timeout = -1, .view = -1 };
	struct shell sh;
	int status;

	/* The picture of 1,000 sockets takes and frees ~2 MiB a step: keep
	 * it for the next step rather than give it back to the kernel and
	 * fault it in again (bench/run: a third of the step's time). */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	setup_locale();
	atexit(close_stdout);
	shell_init(&sh, stdout, stderr);
	input_attach(&sh);
	practice_attach(&sh);
	record_attach(&sh);
	/* getopt's messages name argv[0] ("./src/sockshell: unrecognized
	 * option"); the shell's own say "sockshell:". One name for both. */
	argv[0] = progname;
	if ((status = parse_command_line(argc, argv, &sh, &o)) >= 0)
		return leave(&sh, status);
	if ((status = setup_wire(&sh, &o)) >= 0)
		return leave(&sh, status);
	install_signals();
	setup_shell(&sh, &o);
	run(&sh, &o);
	if (o.export_dir != NULL && export_dir_write(&sh, o.export_dir) < 0)
		sh.failed = 1;
	wire_view_late(&sh, sh.out);
	say_unfinished(&sh);
	input_terminal_end(&sh);
	wire_free(&sh);
	shell_free(&sh);
	screen_detach(&sh);
	if (sig_terminated)
		return 128 + term_signal;
	return sh.failed ? 1 : 0;
}
