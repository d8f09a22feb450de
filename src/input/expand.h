/* expand.h - variables' values in a line's words and in narration. */
#ifndef SOCKSHELL_EXPAND_H
#define SOCKSHELL_EXPAND_H

#include <stdio.h>

struct shell;
struct tokens;

/*
 * Replaces $NAME and ${NAME} in the unquoted words of T (not the command
 * name). A word that was just "$NAME" remembers NAME in its 'var'.
 * Returns 0, or -1 with ERR set for an unknown variable.
 */
int	expand_words(struct shell *, struct tokens *, char *err);
/* Writes TEXT to F with each $NAME of a variable that is set replaced by
 * its value, any other '$' as it is, MAX bytes at most; 1 when cut. */
int	expand_print(struct shell *, FILE *f, const char *text, size_t max);

#endif
