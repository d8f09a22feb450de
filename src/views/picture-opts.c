/* picture-opts.c - how the picture fits the output it goes to: its width,
 * its charset, its colours. The picture command and the view after each
 * command draw with them; main decides on colour once. */
#include <config.h>

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/shell.h"
#include "views/picture-opts.h"

int
picture_opts_color(int fd)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	/* A dumb terminal (Emacs' shell, a serial console) shows escape
	 * codes as text. */
	return isatty(fd) && (no == NULL || *no == '\0') && term != NULL &&
	    *term != '\0' && strcmp(term, "dumb") != 0;
}

/*
 * COLUMNS when set, else the terminal's width, else 80; UTF-8 box drawing
 * when the locale's charset is UTF-8; colour as main decided (a terminal,
 * no NO_COLOR, no --no-color). At a terminal the picture keeps to its
 * height, leaving room for the command and the table.
 */
void
picture_opts_detect(struct shell *sh, struct picture_opts *o)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	int fd = sh->screen.counted ? STDOUT_FILENO : sh->out != NULL ?
	    fileno(sh->out) : -1, tty;
	long n;
	char *end;

	memset(o, 0, sizeof *o);
	o->width = 80;
	tty = fd >= 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0;
	if (env != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n <= 1000)
			o->width = (int)n;
	} else if (tty && ws.ws_col > 0)
		o->width = ws.ws_col;
	if (tty && ws.ws_row > 0) {
		o->rows = ws.ws_row;
		o->max_rows = ws.ws_row > 24 ? ws.ws_row - 10 : 14;
	}
	o->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	o->color = sh->color;
}
