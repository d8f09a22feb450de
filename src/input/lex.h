/* lex.h - splitting one input line into words. */
#ifndef SOCKSHELL_LEX_H
#define SOCKSHELL_LEX_H

#include <stddef.h>

#define LEX_ERRLEN	512	/* room for a translation: Cyrillic takes two
				 * bytes a letter */

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

/*
 * Writes DATA (LEN bytes) to BUF as a C-style escaped string without the
 * quotes, cut at MAX input bytes with "..." when longer; returns BUF.
 * UTF-8 stays as it is, but for controls (utf8_print_len), whose every
 * byte becomes \xHH, as the lexer reads them back.
 */
char	*escape_bytes(const char *data, size_t len, size_t max, char *buf,
	    size_t bufsize);
/* The length of the valid UTF-8 character at S (1 for ASCII), or 0. */
size_t	utf8_char_len(const char *s, size_t len);
/*
 * The length of the character at S when a terminal may be given it as it
 * is: valid UTF-8 and no control (C0, DEL, C1) or bidirectional control
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069); else 0, and its
 * bytes are to be shown escaped.
 */
size_t	utf8_print_len(const char *s, size_t len);
/* Whether DATA reads as text (printable UTF-8, tabs and newlines). */
int	bytes_are_text(const char *data, size_t len);

#endif
