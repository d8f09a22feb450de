/* doc.c - the command table written out as the man page's COMMANDS
 * section, so the text of each command lives once: in its table entry,
 * read by 'help' at run time and by the build for sockshell(1). */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "base/i18n.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/shell.h"

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

/*
 * The tags of command C, one form of its usage a line (args_usage_form),
 * so that at 80 columns no form is cut in two and it is clear which words
 * go together.
 */
static void
roff_tags(FILE *f, const struct cmd_entry *c)
{
	const char *u = args_usage(c);
	char form[512];
	int first = 1;

	while (args_usage_form(c, &u, form, sizeof form)) {
		if (!first)
			fputs(".PD 0\n", f);
		fprintf(f, ".TP\n\\fB%s\\fR", c->name);
		if (form[0] != '\0') {
			fputc(' ', f);
			roff_usage(f, form);
		}
		fputc('\n', f);
		if (!first)
			fputs(".PD\n", f);
		first = 0;
	}
}

/*
 * The COMMANDS section. Left-adjusted: justified at 80 columns, the
 * entries' long words (SO_RCVTIMEO, MSG_DONTWAIT) leave wide gaps.
 */
void
doc_roff(FILE *f)
{
	const struct cmd_entry *const *c;

	fputs(".ad l\n", f);
	for (c = cmd_table; *c != NULL; c++) {
		roff_tags(f, *c);
		roff_text(f, _((*c)->help), strlen(_((*c)->help)));
		fputc('\n', f);
		if ((*c)->errors != NULL) {
			fprintf(f, ".br\n%s ", _("Errors:"));
			roff_text(f, _((*c)->errors), strlen(_((*c)->errors)));
			fputc('\n', f);
		}
		/* "Alias:", not "Also", which read like a cross-reference
		 * (and came out as "Also .." for source). */
		if ((*c)->alias != NULL) {
			fprintf(f, ".br\n%s \\fB", _("Alias:"));
			roff_text(f, (*c)->alias, strlen((*c)->alias));
			fputs("\\fR\n", f);
		}
		if ((*c)->example != NULL) {
			fprintf(f, ".br\n%s \\fB", _("Example:"));
			roff_text(f, (*c)->example, strlen((*c)->example));
			fputs("\\fR\n", f);
		}
	}
	fputs(".ad b\n", f);
}
