/* cmd-picture.c - picture [WIDTH]: the lecture's step-by-step picture of
 * the calls made so far, drawn now. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>

#include "base/i18n.h"
#include "commands/cmd.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/state.h"
#include "views/picture-opts.h"
#include "views/picture.h"

static enum cmd_retval
cmd_picture_exec(struct shell *sh, struct cmd_args *a)
{
	struct picture_opts o;
	long width;
	char *end;

	picture_opts_detect(sh, &o);
	o.max_rows = 0;
	if (a->argc == 1) {
		width = strtol(a->argv[0], &end, 10);
		if (!isdigit((unsigned char)a->argv[0][0]) || *end != '\0' ||
		    width < 40 || width > 1000) {
			report_error(sh, _("'%.40s' is not a width: write how "
			    "many columns the picture may take, from 40 to "
			    "1000, as in 'picture 60'"), a->argv[0]);
			return CMD_ERROR;
		}
		o.width = (int)width;
	}
	picture_render(sh->out, sh, &o);
	return CMD_OK;
}

const struct cmd_entry cmd_picture_entry = {
	.name = "picture",
	.min_args = 0, .max_args = 1,
	.args = ARGS({ .kind = ARG_NUMBER }),
	.usage = N_("[WIDTH]"),
	.summary = N_("draw the lecture's picture of the calls so far"),
	.help = N_("Draws the picture of the lecture's \"How sockets work\" "
	    "slides from the calls made so far: the server's calls (Socket, "
	    "Bind, Listen, Accept, ...) in a column on the left, the "
	    "client's (Socket, Connect, ...) on the right, in the order they "
	    "were made, with arrows for the connection, each piece of data "
	    "with its size, and the close the other side reads as 0 bytes. "
	    "A failed call is marked with its error, a call still waiting "
	    "says so, and the newest step is marked. Another program at the "
	    "other end is shown by its address. WIDTH is the number of "
	    "columns to fit in (the terminal's width by default). 'view' "
	    "chooses whether the picture follows each command."),
	.example = "picture 60",
	.exec = cmd_picture_exec,
};
