/* width.h - the columns a text takes on the screen: one answer for the
 * state table and the picture, from libc's tables (mbrtowc, wcwidth). */
#ifndef SOCKSHELL_WIDTH_H
#define SOCKSHELL_WIDTH_H

#include <stddef.h>
#include <stdio.h>

/* Whether the locale's charset is UTF-8 (the terminal then shows UTF-8
 * text as characters; else as bytes). */
int	width_locale_utf8(void);

/* The character at S (of LEN bytes at most): its bytes, and in *COLS its
 * columns. When UTF8, S is read as UTF-8 whatever the locale (a byte that
 * is not, or a character that cannot be shown, is one column); else a
 * byte is a column. 0 at the end of S. */
size_t	width_char(const char *s, size_t len, int utf8, int *cols);

/* The columns of S's first LEN bytes (or up to its end). */
int	width_text_n(const char *s, size_t len, int utf8);
/* The columns of S. */
int	width_text(const char *s, int utf8);

/* The bytes of S that fit in COLS columns; their columns in *USED. */
size_t	width_fit(const char *s, int cols, int utf8, int *used);

/* Writes TEXT (one line) to F within WIDTH columns: its words carried to
 * the next line where the line would pass WIDTH, each line after the
 * first indented by INDENT blanks (a word longer than a line stays
 * whole); the blanks between words on one line as they were. */
void	width_put_wrapped(FILE *f, const char *text, int width, int indent);

#endif
