/* doc.c - the command table written out as the man page's COMMANDS
 * section, so the text of each command lives once: in its table entry,
 * read by 'help' at run time and by the build for sockshell(1). */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "sockshell.h"

/* Text for roff: backslashes and hyphens escaped, no control word. */
static void
roff_text(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\')
			fputs("\\e", f);
		else if (s[i] == '-')
			fputs("\\-", f);
		else if ((s[i] == '.' || s[i] == '\'') && (i == 0 ||
		    s[i - 1] == '\n'))
			fprintf(f, "\\&%c", s[i]);
		else
			fputc(s[i], f);
	}
}

/*
 * A usage line in roff: placeholders (NAME, PORT) in italics; constants
 * (AF_INET, SO_LINGER) and literal words (on, rd) in bold; the brackets,
 * bars and the rest plain.
 */
static void
roff_usage(FILE *f, const char *u)
{
	size_t n;
	int upper, under, lower;

	while (*u != '\0') {
		/* Bytes past ASCII: a translated placeholder (ИМЯ). */
		if (!isalnum((unsigned char)*u) && *u != '_' && *u != '-' &&
		    (unsigned char)*u < 0x80) {
			if (*u == '&')
				fputs("\\fB&\\fR", f);
			else
				roff_text(f, u, 1);
			u++;
			continue;
		}
		upper = under = lower = 0;
		for (n = 0; isalnum((unsigned char)u[n]) || u[n] == '_' ||
		    u[n] == '-' || (unsigned char)u[n] >= 0x80; n++) {
			upper |= isupper((unsigned char)u[n]) != 0 ||
			    (unsigned char)u[n] >= 0x80;
			lower |= islower((unsigned char)u[n]) != 0;
			under |= u[n] == '_';
		}
		fputs(upper && !lower && !under ? "\\fI" : "\\fB", f);
		roff_text(f, u, n);
		fputs("\\fR", f);
		u += n;
	}
}

void
cmd_doc_roff(FILE *f)
{
	const struct cmd_entry *const *c;

	for (c = cmd_table; *c != NULL; c++) {
		fprintf(f, ".TP\n\\fB%s\\fR", (*c)->name);
		if ((*c)->usage[0] != '\0') {
			fputc(' ', f);
			roff_usage(f, cmd_usage_text(*c));
		}
		fputc('\n', f);
		roff_text(f, _((*c)->help), strlen(_((*c)->help)));
		fputc('\n', f);
		if ((*c)->errors != NULL) {
			fprintf(f, ".br\n%s ", _("Errors:"));
			roff_text(f, _((*c)->errors), strlen(_((*c)->errors)));
			fputc('\n', f);
		}
		if ((*c)->alias != NULL)
			fprintf(f, "%s\n.BR %s .\n", _("Also"), (*c)->alias);
		if ((*c)->example != NULL) {
			fprintf(f, ".br\n%s \\fB", _("Example:"));
			roff_text(f, (*c)->example, strlen((*c)->example));
			fputs("\\fR\n", f);
		}
	}
}
