/* message.c - the one line an error is said in (message.h). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/text.h"
#include "base/width.h"

/*
 * Writes TEXT to F, its words carried to the next line where the line
 * would pass WIDTH columns, each line after the first indented by two
 * blanks: a message read at a terminal, not cut by its edge.
 */
static void
put_wrapped(FILE *f, const char *text, int width)
{
	int utf8 = width_locale_utf8(), col = 0, w;
	const char *p = text, *end;
	size_t n;

	while (*p != '\0') {
		end = strchr(p, ' ');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		w = width_text_n(p, n, utf8);
		if (col > 2 && col + 1 + w > width) {
			fputs("\n  ", f);
			col = 2;
		} else if (col > 0) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += w;
		p += n;
		while (*p == ' ')
			p++;
	}
}

void
message_vprint(FILE *err, const char *file, unsigned long line, int width,
    const char *fmt, va_list ap)
{
	char *msg, *shown = NULL;
	size_t len = 0;
	FILE *mem;

	if ((mem = open_memstream(&shown, &len)) == NULL) {
		fputs(_("out of memory"), err);
		fputc('\n', err);
		return;
	}
	if (file != NULL)
		fprintf(mem, "%s:%lu: ", file, line);
	else
		fprintf(mem, "%s: ", PACKAGE);
	if (vasprintf(&msg, fmt, ap) >= 0) {
		text_put_escaped(mem, msg, strlen(msg));
		free(msg);
	} else
		fputs(_("out of memory"), mem);
	if (fclose(mem) == 0) {
		if (width > 0 && width_text(shown, width_locale_utf8()) > width)
			put_wrapped(err, shown, width);
		else
			fputs(shown, err);
	}
	free(shown);
	fputc('\n', err);
	fflush(err);
}
