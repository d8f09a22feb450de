/* progress.h - what each user watched and practised, kept under
 * $XDG_STATE_HOME/sockshell/ (~/.local/state/sockshell/, 0700). */
#ifndef SOCKSHELL_PROGRESS_H
#define SOCKSHELL_PROGRESS_H

#include <stddef.h>

/* A practice's result. */
struct progress_result {
	unsigned	steps, first_time, hints, skipped;
	int		complete;	/* every step passed or was skipped */
};

/* progress.c */
/* The lesson NAME was watched to its end at a terminal. */
void	progress_watched(const char *name);
/* The lesson NAME was practised: R is kept where it is its best. */
void	progress_practised(const char *name, const struct progress_result *r);
/* What --list-lessons says of NAME ("watched", "practised 12/14 right
 * first time"), into BUF; "" for nothing yet. */
void	progress_mark(const char *name, char *buf, size_t n);
/* The progress file's path, into BUF (and its folder made, 0700, with
 * MAKE); -1 where there is no home. */
int	progress_path(char *buf, size_t n, int make);

#endif
