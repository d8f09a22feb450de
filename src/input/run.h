/* run.h - running one line. */
#ifndef SOCKSHELL_RUN_H
#define SOCKSHELL_RUN_H

#include <stddef.h>

struct shell;

/*
 * Runs one line: a command, its variables expanded, and what it must
 * produce after "=>" checked. Returns 0, or -1 when it failed (reported).
 */
int	run_line(struct shell *, const char *line, size_t len);

#endif
