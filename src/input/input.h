/* input.h - the input loop: the terminal, scripts, lessons, history. */
#ifndef SOCKSHELL_INPUT_H
#define SOCKSHELL_INPUT_H

#include <stddef.h>
#include <stdio.h>

struct shell;

/* history.c: the history file (0600, no symbolic links) */
int		 history_load(struct shell *, const char *path);
int		 history_save(struct shell *, const char *path);

/* input.c */
/* Runs the file FP, opened at PATH (core/fence.c: fence_open_script),
 * and closes it. */
int		 input_run_file(struct shell *, FILE *fp, const char *path);
/* The script named on the command line, opened here: a pipe too. */
int		 input_run_script(struct shell *, const char *path);
/* A lesson: as a file, its errors by its short name, a summary after. */
int		 input_run_lesson(struct shell *, FILE *fp, const char *path);
int		 input_run_stream(struct shell *, FILE *, const char *name);
int		 input_run_terminal(struct shell *);
void		 input_terminal_begin(struct shell *);
void		 input_terminal_end(struct shell *);
int		 input_pause(struct shell *);
int		 input_confirm(struct shell *, const char *question);
/* The next line the student types (PROMPT at a terminal); NULL at the
 * end of the input. */
char		*input_read_line(struct shell *, const char *prompt,
		     size_t *len);
/* Hands the input loop's calls down to SH's hooks (core/shell.h). */
void		 input_attach(struct shell *);

/* Whether standard output is a pipe whose reader is gone. */
int		 input_output_gone(void);

#endif
