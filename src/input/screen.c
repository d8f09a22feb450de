/* screen.c - what the shell puts on the terminal, counted in lines, so
 * that a step's view fits what is left of the screen: sh->out and sh->err
 * become streams that count, then write on, the real ones. */
#define _GNU_SOURCE 1
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/width.h"
#include "core/shell.h"
#include "input/screen.h"

struct counter {
	FILE		*to;
	struct screen	*screen;
};

/* The terminal's size: 80x24 where it does not say. */
static struct winsize
size(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0)
		ws.ws_row = ws.ws_col = 0;
	if (ws.ws_row == 0)
		ws.ws_row = 24;
	if (ws.ws_col == 0)
		ws.ws_col = 80;
	return ws;
}

int
screen_rows(void)
{
	return size().ws_row;
}

int
screen_columns(void)
{
	return size().ws_col;
}

/*
 * Counts the lines BUF makes on the screen: each newline, and each time
 * a line reaches the right edge (a UTF-8 character takes a column; the
 * escape codes of colours take none).
 */
static void
count(struct screen *s, const char *buf, size_t n)
{
	int width = screen_columns(), esc = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (esc) {
			esc = !(c >= 0x40 && c <= 0x7e && c != '[');
			continue;
		}
		if (c == 0x1b) {
			esc = 1;
		} else if (c == '\n') {
			s->used++;
			s->col = 0;
		} else if (c == '\r') {
			s->col = 0;
		} else if ((c & 0xc0) != 0x80 && c >= 0x20) {
			if (s->col == width) {
				s->used++;
				s->col = 0;
			}
			s->col++;
		}
	}
}

/* The columns of the N bytes at S on the screen; -1 where they hold an
 * escape code (a colour), whose line is left as it is. */
static int
line_cols(const char *s, size_t n)
{
	int utf8 = width_locale_utf8(), cols = 0, w;
	size_t i = 0, k;

	if (memchr(s, 0x1b, n) != NULL)
		return -1;
	while (i < n && (k = width_char(s + i, n - i, utf8, &w)) > 0) {
		cols += w;
		i += k;
	}
	return cols;
}

/* The LEN bytes of a line at P broken between words to fit WIDTH
 * columns, its later parts indented two blanks more than it; with its
 * newline. NULL when memory ran out. */
static char *
wrapped(const char *p, size_t len, int width)
{
	char *line = strndup(p, len), *out = NULL;
	size_t size = 0;
	FILE *mem;

	if (line == NULL || (mem = open_memstream(&out, &size)) == NULL) {
		free(line);
		return NULL;
	}
	width_put_wrapped(mem, line, width, (int)strspn(line, " ") + 2);
	fputc('\n', mem);
	free(line);
	if (fclose(mem) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Writes the N bytes at BUF to the terminal. A whole line wider than the
 * screen is broken between words, its later parts indented two blanks
 * more than it, so that no line of the shell's wraps in the middle of a
 * word: the call lines, messages and 'show' of long addresses.
 */
static ssize_t
counter_write(void *cookie, const char *buf, size_t n)
{
	struct counter *c = cookie;
	const char *p = buf, *nl;
	size_t len;
	int width = screen_columns(), cols;
	char *line;

	while (p < buf + n) {
		nl = memchr(p, '\n', (size_t)(buf + n - p));
		len = nl != NULL ? (size_t)(nl - p) : (size_t)(buf + n - p);
		cols = line_cols(p, len);
		if (nl != NULL && c->screen->col == 0 && cols > width &&
		    (line = wrapped(p, len, width)) != NULL) {
			count(c->screen, line, strlen(line));
			fputs(line, c->to);
			free(line);
		} else {
			count(c->screen, p, len + (nl != NULL));
			fwrite(p, 1, len + (nl != NULL), c->to);
		}
		p += len + (nl != NULL);
	}
	fflush(c->to);
	return (ssize_t)n;
}

static int
counter_close(void *cookie)
{
	struct counter *c = cookie;
	int rc = fflush(c->to);

	free(c);
	return rc;
}

/* A stream that counts on S what it writes to TO; TO itself when none
 * can be made. */
static FILE *
counting(FILE *to, struct screen *s)
{
	static const cookie_io_functions_t io = { NULL, counter_write, NULL,
	    counter_close };
	struct counter *c = malloc(sizeof *c);
	FILE *f;

	if (c == NULL)
		return to;
	c->to = to;
	c->screen = s;
	if ((f = fopencookie(c, "w", io)) == NULL) {
		free(c);
		return to;
	}
	setvbuf(f, NULL, _IOLBF, 0);
	return f;
}

void
screen_attach(struct shell *sh)
{
	if (sh->screen.counted || !isatty(STDOUT_FILENO))
		return;
	sh->out = counting(sh->out, &sh->screen);
	if (isatty(STDERR_FILENO))
		sh->err = counting(sh->err, &sh->screen);
	sh->screen.counted = 1;
	sh->screen.used = 0;
}

void
screen_detach(struct shell *sh)
{
	if (!sh->screen.counted)
		return;
	if (sh->out != stdout)
		fclose(sh->out);
	if (sh->err != stderr)
		fclose(sh->err);
	sh->out = stdout;
	sh->err = stderr;
	sh->screen.counted = 0;
}

void
screen_line_read(struct shell *sh)
{
	sh->screen.used = 0;
	sh->screen.col = 0;
}
