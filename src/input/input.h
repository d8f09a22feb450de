/* input.h - the input loop: the terminal, scripts, lessons, history. */
#ifndef SOCKSHELL_INPUT_H
#define SOCKSHELL_INPUT_H

#include <stdio.h>

struct shell;

/* history.c: the history file (0600, no symbolic links) */
int		 hist_load(struct shell *, const char *path);
int		 hist_save(struct shell *, const char *path);

/* input.c */
int		 shell_run_file(struct shell *, const char *path);
int		 shell_run_stream(struct shell *, FILE *, const char *name);
int		 shell_run_terminal(struct shell *);
void		 shell_terminal_begin(struct shell *);
void		 shell_terminal_end(struct shell *);
int		 shell_pause(struct shell *);
/* Hands the input loop's calls down to SH's hooks (core/shell.h). */
void		 input_attach(struct shell *);

#endif
