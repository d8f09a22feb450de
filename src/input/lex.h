/* lex.h - splitting one input line into words. */
#ifndef SOCKSHELL_LEX_H
#define SOCKSHELL_LEX_H

#include <stddef.h>

#include "base/words.h"

/*
 * Splits LINE (LEN bytes) into words: blanks separate them; a word that
 * starts with " or ' is a string up to the matching quote, with the C
 * escapes \n \r \t \0 \xHH \\ \" \'; Python's b'...' and (...) are one
 * word each, kept as typed, blanks and all (base/pyform.h: the commands
 * read them); an unquoted '#' at the start of a word begins a comment; a
 * lone '&' at the end asks for a background job.
 * Returns 0, or -1 with a one-line message in ERR.
 */
int	lex_line(const char *line, size_t len, struct tokens *out, char *err);

#endif
