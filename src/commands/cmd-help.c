/* cmd-help.c - help [COMMAND]: the command table, read out (cmd_run
 * hands it over, and finds COMMAND). */
#include <config.h>

#include <string.h>

#include "base/i18n.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/report.h"
#include "core/shell.h"

/* Prints TEXT wrapped at WIDTH columns, each line after INDENT spaces.
 * Columns are characters, not bytes: Cyrillic takes two bytes a letter. */
static void
print_wrapped(FILE *f, const char *text, int indent, int width)
{
	const char *p = text, *word;
	int col = 0, len, cols;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		word = p;
		for (cols = 0; *p != '\0' && *p != ' '; p++)
			cols += ((unsigned char)*p & 0xc0) != 0x80;
		len = (int)(p - word);
		if (len == 0)
			break;
		if (col > 0 && col + 1 + cols > width - indent) {
			fputc('\n', f);
			col = 0;
		}
		if (col == 0)
			fprintf(f, "%*s", indent, "");
		else {
			fputc(' ', f);
			col++;
		}
		fwrite(word, 1, (size_t)len, f);
		col += cols;
	}
	if (col > 0)
		fputc('\n', f);
}

/* The usage, one form a line: the lecture's, written first, leads and
 * the extras (flags, options, other families) follow, each whole. */
static void
print_usage(FILE *f, const struct cmd_entry *ce)
{
	const char *u = args_usage(ce), *label = _("usage:");
	char form[512];
	int first = 1, cols = 0;
	const char *p;

	for (p = label; *p != '\0'; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	while (args_usage_form(ce, &u, form, sizeof form)) {
		fprintf(f, "%*s %s%s%s\n", first ? 0 : cols, first ? label : "",
		    ce->name, form[0] != '\0' ? " " : "", form);
		first = 0;
	}
}

static enum cmd_retval
cmd_help_exec(struct shell *sh, struct cmd_args *a)
{
	const struct cmd_entry *const *c, *ce = a->cmd;
	int w = 9;

	if (a->argc == 0) {
		fprintf(sh->out, "%s\n", _("Commands (help COMMAND tells more; "
		    "a unique prefix is enough):"));
		for (c = a->table; *c != NULL; c++)
			if ((int)strlen((*c)->name) > w)
				w = (int)strlen((*c)->name);
		for (c = a->table; *c != NULL; c++)
			fprintf(sh->out, "  %-*s  %s\n", w, (*c)->name,
			    _((*c)->summary));
		print_wrapped(sh->out, _("The server: socket, bind, listen, "
		    "accept. The client: socket, connect. Both: send, recv, "
		    "close."), 0, 78);
		return CMD_OK;
	}
	print_usage(sh->out, ce);
	if (ce->alias != NULL)
		fprintf(sh->out, _("also: %s\n"), ce->alias);
	fprintf(sh->out, "%s.\n", _(ce->summary));
	print_wrapped(sh->out, _(ce->help), 2, 78);
	if (ce->errors != NULL) {
		fprintf(sh->out, "%s\n", _("errors:"));
		print_wrapped(sh->out, _(ce->errors), 2, 78);
	}
	if (ce->example != NULL)
		fprintf(sh->out, _("example: %s\n"), ce->example);
	return CMD_OK;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.min_args = 0, .max_args = 1,
	.args = ARGS({ .kind = ARG_COMMAND }),
	.usage = N_("[COMMAND]"),
	.summary = N_("list the commands, or tell about one"),
	.help = N_("Without an argument, lists every command with what it "
	    "does; with one, prints its usage, a description and an "
	    "example."),
	.example = "help accept",
	.exec = cmd_help_exec,
};
