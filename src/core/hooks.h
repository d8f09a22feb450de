/* hooks.h - the calls up that the input loop hands down (struct
 * shell_hooks in core/shell.h), called from below. */
#ifndef SOCKSHELL_HOOKS_H
#define SOCKSHELL_HOOKS_H

#include <stdio.h>

struct shell;

void	hooks_async_begin(struct shell *);
void	hooks_async_end(struct shell *);
/* Each takes the stream FP, opened at PATH (core/fence.c), and closes
 * it. */
int	hooks_run_file(struct shell *, FILE *fp, const char *path);
int	hooks_run_lesson(struct shell *, FILE *fp, const char *path);
int	hooks_pause(struct shell *);
int	hooks_run_practice(struct shell *, FILE *fp, const char *path);
int	hooks_record(struct shell *, const char *path);
int	hooks_confirm(struct shell *, const char *question);

/* What hint, skip and again ask of the step being practised. */
enum practice_ask { PRACTICE_NONE, PRACTICE_HINT, PRACTICE_SKIP, PRACTICE_AGAIN };
int	hooks_practice_ask(struct shell *, enum practice_ask);

#endif
