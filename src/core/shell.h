/* shell.h - the shell: its sockets, jobs, events and variables. */
#ifndef SOCKSHELL_SHELL_H
#define SOCKSHELL_SHELL_H

#include <stdio.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "base/steps.h"
#include "core/handle.h"
#include "core/roles.h"
#include "core/vars.h"

struct errinfo_advice;
struct job;
struct wire;

#define SOURCE_DEPTH_MAX	16
#define SOURCE_RUNS_MAX		1000	/* files run from one typed line */
#define SCRIPT_TIMEOUT		10	/* seconds a blocking call waits in a script */
#define LINE_MAX_BYTES		(1024 * 1024)	/* a longer line is refused */

/*
 * The callbacks the top passes down in the context: the only calls from
 * a lower layer up. The input loop (input/) sets them; the commands
 * 'source', 'lesson' and 'pause', and the jobs, call them. A NULL hook
 * does nothing (run_file and pause then fail).
 */
struct shell_hooks {
	/* Runs the script FP, opened at PATH (core/fence.c:
	 * fence_open_script), through the input loop; closes FP. */
	int		(*run_file)(struct shell *, FILE *fp, const char *path);
	/* The same for a lesson: named as a lesson, and summed up. */
	int		(*run_lesson)(struct shell *, FILE *fp,
			    const char *path);
	/* A lesson's pause: waits for Enter at a terminal. */
	int		(*pause)(struct shell *);
	/* A lesson as practice: the student types its steps (FP, opened
	 * at PATH, and closed). */
	int		(*run_practice)(struct shell *, FILE *fp,
			    const char *path);
	/* Practice's own commands (hint, skip, again: enum practice_ask,
	 * core/hooks.h) on the step being practised. */
	int		(*practice_ask)(struct shell *, int what);
	/* 'record': starts writing the typed commands to PATH (NULL:
	 * stops). */
	int		(*record)(struct shell *, const char *path);
	/* A yes-or-no QUESTION to the student at the terminal: 1 for
	 * yes; 0 for no, or where nobody can answer (no terminal). */
	int		(*confirm)(struct shell *, const char *question);
	/* Around output printed while the prompt may be showing. */
	void		(*async_begin)(void);
	void		(*async_end)(void);
};

/*
 * Where the line being run comes from: a script's or a lesson's FILE and
 * its LINE, or "<stdin>"; DEPTH: the sources run around it (source,
 * lesson). A reader of a nested source (input.c) or a job reporting from
 * the line that started it (job.c) makes its own current with
 * where_enter, and gives the outer one back with where_leave (where.c).
 */
struct where {
	const char	*file;
	unsigned long	 line;
	int		 depth;
	unsigned	 fence;		/* FENCE_* the lines are held to: a
					   lesson's (core/fence.h) */
	char		 lesson[64];	/* the fenced lesson's name: its work
					   folder */
	const char	*path;		/* the file being run, as opened, or
					   NULL: its folder holds the lesson
					   files it may source */
};

/*
 * The terminal the shell writes on, where it is one: input/screen.c makes
 * sh->out and sh->err count the lines they put on it, so that a view fits
 * what is left of the screen (views/view.c).
 */
struct screen {
	int		 counted;	/* the counting is on */
	int		 used;		/* lines written since the last line
					   read at the terminal */
	int		 col;		/* the cursor's column on its line */
};

/* A lesson's steps that state what they must produce ("=>"): how many
 * were checked, how many did not do it, and the first lines of those. */
#define TALLY_LINES	8

struct tally {
	unsigned	 checked, missed;
	unsigned long	 lines[TALLY_LINES];
	size_t		 nlines;
};

/* What follows each command that changes a socket. */
enum view { VIEW_TABLE, VIEW_PICTURE, VIEW_BOTH, VIEW_NONE };

struct shell {
	FILE		*out, *err;
	struct handle	**handles;	/* in creation order */
	size_t		 nhandles, handles_cap;
	struct handle	**by_name;	/* handle_find's hash: the newest
					   handle of each name (handle.c) */
	size_t		 by_name_cap;
	int		 next_id;
	struct job	*jobs;
	int		 max_job;	/* the highest job number given yet */
	struct evlog	 log;		/* every call made, in order */
	struct var	*vars;
	size_t		 nvars;
	char		*last_data;	/* what the last recv returned (also
					   $DATA: var_received) */
	size_t		 last_len;

	int		 interactive;	/* a person at a terminal */
	int		 echo;		/* print prompt + line for scripts */
	int		 quiet;		/* no state after each step */
	int		 bail;		/* stop a script at its first error */
	double		 timeout;	/* seconds a call may wait; 0 = forever */

	struct where	 at;		/* where the current line comes from */
	struct screen	 screen;	/* the terminal's lines (screen.c) */
	int		 view_deferred;	/* a lesson at a terminal: the view
					   comes once a step, at its pause */
	int		 view_pending;	/* a view waits for the pause */
	struct tally	 tally;		/* the lesson's steps checked */
	unsigned	 runs;		/* files run (source, lesson) since
					   the last line typed */
	int		 failed;	/* a command failed: exit status 1 */
	int		 quit;
	enum view	 view;		/* after each command (quiet: none) */
	int		 color;		/* ANSI colours in the picture */
	int		 stop;		/* stop the lesson (end of a pause) */
	int		 lesson_stopped; /* input ended in a lesson's pause */
	int		 terminal;	/* readline is set up (input.c) */
	int		 pauses;	/* a lesson's 'pause' waits for Enter */
	int		 python_noted;	/* said once how b'...' is read */

	struct steps	 steps;		/* for the exported page (views/export.c) */
	struct roles	 roles;		/* its scripts' sockets, read ahead
					   (core/roles.h) */
	struct wire	*wire;		/* the segments on the wire
					   (state/wire.c), or NULL: never on */

	unsigned	 trust;		/* FENCE_* lifted (--trust-lesson) */
	const char	*work_dir;	/* --work-dir, or NULL */
	int		 reach_noted;	/* said once: reachable from others */

	struct shell_hooks hooks;	/* the calls up, from the input loop */
};


/* shell.c */
void		 shell_init(struct shell *, FILE *out, FILE *err);
void		 shell_free(struct shell *);
/*
 * Forgets what is finished: the closed sockets (ALL: every socket, which
 * the caller closed first) and their events, as if they had never been;
 * the open ones, their events and jobs stay. Returns how many sockets
 * were forgotten; *EVENTS (or NULL): how many events.
 */
size_t		 shell_forget(struct shell *, int all, size_t *events);


#endif
