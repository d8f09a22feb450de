/* practice.h - a lesson as practice: the student types its steps. */
#ifndef SOCKSHELL_PRACTICE_H
#define SOCKSHELL_PRACTICE_H

struct shell;

/* Runs the lesson at PATH as practice; 0 when every step passed or was
 * skipped, else -1. */
int	practice_run(struct shell *, const char *path);
/* hint, skip, again (enum practice_ask) on the step being practised. */
int	practice_ask(struct shell *, int what);
/* Sets SH's practice hooks (main.c, after input_attach). */
void	practice_attach(struct shell *);

#endif
