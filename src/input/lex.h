/* lex.h - splitting one input line into words. */
#ifndef SOCKSHELL_LEX_H
#define SOCKSHELL_LEX_H

#include <stddef.h>

#include "base/report.h"
#include "base/text.h"

#define LEX_ERRLEN	REPORT_LEN	/* a message in ERR */

struct token {
	char	*text;		/* decoded, NUL-terminated (may hold \0 too) */
	size_t	 len;		/* decoded length */
	size_t	 start, end;	/* where the raw word stands in the line */
	int	 quoted;	/* the word was a "..." or '...' string */
	char	*var;		/* the word was "$NAME": NAME (vars.c) */
};

struct tokens {
	struct token	*v;
	size_t		 n;
	int		 background;	/* the line ended with '&' */
	const char	*line;		/* the raw line, for "rest of line" data */
};

/*
 * Splits LINE (LEN bytes) into words: blanks separate them; a word that
 * starts with " or ' is a string up to the matching quote, with the C
 * escapes \n \r \t \0 \xHH \\ \" \'; an unquoted '#' at the start of a word
 * begins a comment; a lone '&' at the end asks for a background job.
 * Returns 0, or -1 with a one-line message in ERR.
 */
int	lex_line(const char *line, size_t len, struct tokens *out, char *err);
void	tokens_free(struct tokens *);

#endif
