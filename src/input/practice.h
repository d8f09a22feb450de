/* practice.h - a lesson as practice: the student types its steps. */
#ifndef SOCKSHELL_PRACTICE_H
#define SOCKSHELL_PRACTICE_H

#include <stdio.h>

struct shell;

/* Runs the lesson FP, opened at PATH (core/fence.c), as practice, and
 * closes it; 0 when every step passed or was skipped, else -1. */
int	practice_run(struct shell *, FILE *fp, const char *path);
/* hint, skip, again (enum practice_ask) on the step being practised. */
int	practice_ask(struct shell *, int what);
/* Sets SH's practice hooks (main.c, after input_attach). */
void	practice_attach(struct shell *);

#endif
