/* words.h - a line's words, as the lexer (input/lex.c) splits them: plain
 * data that the commands read. */
#ifndef SOCKSHELL_WORDS_H
#define SOCKSHELL_WORDS_H

#include <stddef.h>

struct token {
	char	*text;		/* decoded, NUL-terminated (may hold \0 too) */
	size_t	 len;		/* decoded length */
	size_t	 start, end;	/* where the raw word stands in the line */
	int	 quoted;	/* the word was a "..." or '...' string */
	char	*var;		/* the word was "$NAME": NAME (vars.c) */
	int	 python;	/* the word is in Python's form, as typed:
				   b'...' or (...) (enum pyform_kind) */
};

struct tokens {
	struct token	*v;
	size_t		 n;
	int		 background;	/* the line ended with '&' */
	const char	*line;		/* the raw line, for "rest of line" data */
};

/* Frees the words of T (not T itself). */
void	words_free(struct tokens *);

#endif
