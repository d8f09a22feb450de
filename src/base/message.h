/* message.h - the one line an error is said in. */
#ifndef SOCKSHELL_MESSAGE_H
#define SOCKSHELL_MESSAGE_H

#include <stdarg.h>
#include <stdio.h>

/* Room for a one-line message, translated: Cyrillic takes two bytes a
 * letter. */
#define MESSAGE_LEN	512

/*
 * Writes an error to ERR on one line: "FILE:LINE: message" where a
 * script's line made it (FILE not NULL), else "sockshell: message"; the
 * message from FMT and AP, with what could break the line or the terminal
 * escaped (text_put_escaped). (At a terminal, input/screen.c breaks a
 * line longer than the screen between words.)
 */
void	message_vprint(FILE *err, const char *file, unsigned long line,
	    const char *fmt, va_list ap);

#endif
