/* cmd-set.c - set [NAME [VALUE]]: shell variables, used as $NAME. */
#include <config.h>

#include "base/i18n.h"
#include "base/text.h"
#include "commands/cmd.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"

/* NAME=VALUE, its bytes escaped where a received $DATA holds controls. */
static void
print_var(struct shell *sh, const char *name, const char *value, size_t len)
{
	fprintf(sh->out, "%s=", name);
	text_put_escaped(sh->out, value, len);
	fputc('\n', sh->out);
}

static enum cmd_retval
cmd_set_exec(struct shell *sh, struct cmd_args *a)
{
	const char *v;
	size_t i, len;
	int rc;

	if (a->argc == 0) {
		for (i = 0; i < sh->nvars; i++)
			print_var(sh, sh->vars[i].name, sh->vars[i].value,
			    sh->vars[i].len);
		return CMD_OK;
	}
	if (!var_name_ok(a->argv[0])) {
		report_error(sh, _("'%.40s' is not a variable name: use "
		    "letters, digits and '_', as in PORT"), a->argv[0]);
		return CMD_ERROR;
	}
	if (a->argc == 1) {
		v = var_get_bytes(sh, a->argv[0], &len);
		if (v == NULL) {
			report_error(sh, _("no variable %s: set it with 'set "
			    "%s VALUE'"), a->argv[0], a->argv[0]);
			return CMD_ERROR;
		}
		print_var(sh, a->argv[0], v, len);
		return CMD_OK;
	}
	if ((rc = var_set(sh, a->argv[0], a->argv[1])) == -2) {
		report_error(sh, _("%s is not set: the variables would hold "
		    "more than %d MiB (a script that doubles one has no end); "
		    "set a shorter value"), a->argv[0],
		    VARS_MAX / (1024 * 1024));
		return CMD_ERROR;
	}
	if (rc < 0) {
		report_error(sh, "%s", _("out of memory"));
		return CMD_ERROR;
	}
	return CMD_OK;
}

const struct cmd_entry cmd_set_entry = {
	.name = "set",
	.min_args = 0, .max_args = 2,
	.args = ARGS({ .kind = ARG_NAME }, { .kind = ARG_VALUE }),
	.usage = N_("[NAME [VALUE]]"),
	.summary = N_("set or show a variable, used as $NAME"),
	.help = N_("Sets the variable NAME to VALUE; later commands may write "
	    "$NAME or ${NAME} in a word, and the value takes its place. "
	    "Without VALUE prints one variable, without arguments all of "
	    "them. PORT is 8888 unless the command line says otherwise "
	    "(-D PORT=0): lessons write $PORT. Every recv sets DATA to the "
	    "bytes it returned (see 'help recv')."),
	.example = "set PORT 9000",
	.exec = cmd_set_exec,
};
