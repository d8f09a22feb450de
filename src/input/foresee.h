/* foresee.h - a script's lines read ahead: which of its sockets will
 * serve and which will connect, for the picture's columns (core/roles.h),
 * so that a socket's first box is drawn where it will stay. */
#ifndef SOCKSHELL_FORESEE_H
#define SOCKSHELL_FORESEE_H

#include <stddef.h>
#include <stdio.h>

struct shell;

/* Reads LINES (N of them) ahead into the shell's roles. */
void	foresee_lines(struct shell *, const char *const *lines, size_t n);
/* The same for the rest of the regular file FP, which is read and put
 * back where it was; a pipe is not read ahead. */
void	foresee_stream(struct shell *, FILE *fp);

#endif
