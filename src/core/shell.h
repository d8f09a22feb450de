/* shell.h - the shell: its sockets, jobs, events and variables, and how it reports. */
#ifndef SOCKSHELL_SHELL_H
#define SOCKSHELL_SHELL_H

#include <signal.h>
#include <stdio.h>

#include "base/evlog.h"
#include "base/i18n.h"
#include "core/handle.h"
#include "core/vars.h"

struct errinfo_advice;
struct job;

#define SOURCE_DEPTH_MAX	16
#define SCRIPT_TIMEOUT		10	/* seconds a blocking call waits in a script */
#define LINE_MAX_BYTES		(1024 * 1024)	/* a longer line is refused */

/* Set by the SIGINT handler (installed by main); a waiting call stops. */
extern volatile sig_atomic_t shell_interrupted;
/* Set on SIGTERM or SIGHUP: the input loop ends, the sockets are closed. */
extern volatile sig_atomic_t shell_terminated;

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
	struct event	*events;
	size_t		 nevents, events_cap;
	struct var	*vars;
	size_t		 nvars;
	char		*last_data;	/* what the last recv returned */
	size_t		 last_len;

	int		 interactive;	/* a person at a terminal */
	int		 echo;		/* print prompt + line for scripts */
	int		 quiet;		/* no state after each step */
	int		 bail;		/* stop a script at its first error */
	double		 timeout;	/* seconds a call may wait; 0 = forever */

	const char	*file;		/* where the current line comes from */
	unsigned long	 line;
	int		 depth;		/* source nesting */
	int		 failed;	/* a command failed: exit status 1 */
	int		 quit;
	enum view	 view;		/* after each command (quiet: none) */
	int		 color;		/* ANSI colours in the picture */
	unsigned long	 event_seq;	/* the last event's seq */
	unsigned long	 event_mark;	/* events after it are the newest step */
	int		 stop;		/* stop the lesson (end of a pause) */
	int		 lesson_stopped; /* input ended in a lesson's pause */
	int		 terminal;	/* readline is set up (input.c) */
	int		 pauses;	/* a lesson's 'pause' waits for Enter */

	/* Around output printed while the prompt is showing. */
	void		(*async_begin)(void);
	void		(*async_end)(void);
};


/* shell.c */
void		 shell_init(struct shell *, FILE *out, FILE *err);
void		 shell_free(struct shell *);
int		 shell_run_line(struct shell *, const char *line, size_t len);
void		 shell_error(struct shell *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* A failed call on the socket H (or NULL): what ERR means there, and
 * what to try, from ADVICE (the command's lists: cmd.h) or the general
 * advice; shell_call_failed prints the call's line first. */
void		 shell_syscall_error(struct shell *, const struct handle *,
		     const struct errinfo_advice *const *advice,
		     const char *call, int err);
void		 shell_call_line(struct shell *, const char *prefix,
		     const char *call, int err, const char *argsfmt, ...)
		     __attribute__((format(printf, 5, 6)));
void		 shell_call_failed(struct shell *, const struct handle *,
		     const struct errinfo_advice *const *advice,
		     const char *prefix, const char *call, int err,
		     const char *argsfmt, ...)
		     __attribute__((format(printf, 7, 8)));
void		 shell_show_state(struct shell *);
void		 put_sanitized(FILE *, const char *, size_t);	/* escaped */
void		 shell_async_begin(struct shell *);
void		 shell_async_end(struct shell *);
struct event	*shell_log(struct shell *, enum ev_kind, int handle_id,
		     int other_id, long long result, int err);

#endif
