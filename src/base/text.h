/* text.h - text as a terminal may be given it: escaping and UTF-8. */
#ifndef SOCKSHELL_TEXT_H
#define SOCKSHELL_TEXT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes DATA (LEN bytes) to BUF as a C-style escaped string without the
 * quotes, cut at MAX input bytes with "..." when longer; returns BUF.
 * UTF-8 stays as it is, but for controls (text_print_len), whose every
 * byte becomes \xHH, as the lexer reads them back.
 */
char	*text_escape(const char *data, size_t len, size_t max, char *buf,
	    size_t bufsize);
/* The length of the valid UTF-8 character at S (1 for ASCII), or 0. */
size_t	text_char_len(const char *s, size_t len);
/*
 * The length of the character at S when a terminal may be given it as it
 * is: valid UTF-8 and no control (C0, DEL, C1) or bidirectional control
 * (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069); else 0, and its
 * bytes are to be shown escaped.
 */
size_t	text_print_len(const char *s, size_t len);
/* Whether DATA reads as text (printable UTF-8, tabs and newlines). */
int	text_is_printable(const char *data, size_t len);
/* Writes MSG with what could break the line or the terminal escaped. */
void	text_put_escaped(FILE *, const char *, size_t);

/* A hex dump, 16 bytes a line, for data that is not text. */
void	text_hexdump(FILE *, const unsigned char *, size_t);
/* A number of bytes as typed: 1000, 64K, 64KiB, 64M, 1G (K = 1024), up
 * to 1T; 0, or -1 with a message in ERR (MESSAGE_LEN). */
int	text_parse_size(const char *s, unsigned long long *v, char *err);

#endif
