/* message.c - the one line an error is said in (message.h). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/text.h"

void
message_vprint(FILE *err, const char *file, unsigned long line,
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
	if (fclose(mem) == 0)
		fputs(shown, err);
	free(shown);
	fputc('\n', err);
	fflush(err);
}
