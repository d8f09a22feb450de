/* record.h - 'record FILE': the commands typed, written as a lesson. */
#ifndef SOCKSHELL_RECORD_H
#define SOCKSHELL_RECORD_H

#include <stddef.h>

struct shell;

/* Starts recording to PATH (NULL: stops); 0, or -1 after a message. */
int	record_start(struct shell *, const char *path);
/* The line LINE (LEN bytes) typed at the top was run, its calls logged
 * from FIRST: written to the recording, with what the kernel made. */
void	record_line(struct shell *, const char *line, size_t len,
	    size_t first);
/* Sets SH's record hook (main.c, after input_attach). */
void	record_attach(struct shell *);

#endif
