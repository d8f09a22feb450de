/* narration.c - a lesson's narration: '>' lines, a paragraph at a time,
 * in the student's language; '>|' lines as written. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/sig.h"
#include "base/steps.h"
#include "base/text.h"
#include "base/width.h"
#include "core/shell.h"
#include "input/expand.h"
#include "input/narration.h"
#include "input/screen.h"

int
narration_line(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] == '>';
}

#define NARRATION_MAX	65536	/* a longer paragraph is printed in parts */
#define NARRATION_SHOWN	65536	/* what one paragraph shows at most */

/* TEXT, its variables expanded, kept for the exported page's next step
 * (base/steps.h), after a blank line when SEP. */
static void
keep(struct shell *sh, const char *text, const char *sep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	if (mem == NULL)
		return;
	expand_print(sh, mem, text, NARRATION_SHOWN);
	if (fclose(mem) == 0) {
		if (sh->steps.narr.len > 0)
			steps_buf_add(&sh->steps.narr, sep, strlen(sep),
			    STEPS_OUTPUT);
		steps_buf_add(&sh->steps.narr, buf, len, STEPS_OUTPUT);
	}
	free(buf);
}


/* Whether a line of the LEN bytes at BUF is wider than WIDTH columns. */
static int
too_wide(const char *buf, size_t len, int width)
{
	int utf8 = width_locale_utf8();
	const char *p = buf, *nl;

	for (; p < buf + len; p = nl + 1) {
		nl = memchr(p, '\n', len - (size_t)(p - buf));
		if (nl == NULL)
			nl = buf + len;
		if (width_text_n(p, (size_t)(nl - p), utf8) > width)
			return 1;
	}
	return 0;
}

/* Whether LINE is a line of its own in a paragraph: a list's item, an
 * indented line, an empty one, or one lined up with blanks (code and its
 * comment). */
static int
own_line(const char *line)
{
	const char *nl = strchr(line, '\n'), *gap = strstr(line, "  ");

	return line[0] == ' ' || line[0] == '\0' || ((line[0] == '-' ||
	    line[0] == '*') && line[1] == ' ') || (gap != NULL &&
	    (nl == NULL || gap < nl));
}

/* Whether LINE (to its end) is lined up with blanks: kept as it is. */
static int
lined_up(const char *line)
{
	return strstr(line, "  ") != NULL && line[0] != ' ';
}

/*
 * The paragraph in BUF (LEN bytes, NUL-ended), where a line of it is
 * wider than the terminal's WIDTH: its lines joined and broken again
 * between words to fit, the lines of their own kept (a list's item
 * indented after its first line). The author's line breaks are for 80
 * columns; a narrow terminal would cut each in two. NULL: as it is.
 */
static char *
reflowed(char *buf, size_t len, int width)
{
	char *out = NULL, *line, *next;
	size_t size = 0, at;
	FILE *mem;

	if (width < 20 || memchr(buf, '\0', len) != NULL ||
	    !too_wide(buf, len, width) ||
	    (mem = open_memstream(&out, &size)) == NULL)
		return NULL;
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next = '\0';
		/* Joined: the lines that follow, up to one of their own. */
		while (next != NULL && !lined_up(line) && !own_line(next + 1)) {
			*next = ' ';
			next = strchr(next + 1, '\n');
			if (next != NULL)
				*next = '\0';
		}
		at = strspn(line, " ");
		if (lined_up(line))
			fputs(line, mem);	/* the terminal's stream breaks it */
		else
			width_put_wrapped(mem, line, width, (int)at +
			    ((line[at] == '-' || line[at] == '*') ? 2 : 0));
		if (next != NULL) {
			fputc('\n', mem);
			next++;
		}
	}
	if (fclose(mem) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Prints TEXT, a lesson's words, as data: its variables' values in it
 * (64 KiB at most, however many $X it says), every byte that would do
 * something to the terminal rather than show (an escape sequence, a
 * bidi control, bytes that are not UTF-8) shown as \xHH, line by line.
 */
static void
say(struct shell *sh, const char *text)
{
	char *buf = NULL, *line, *next, *flowed;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int cut;

	if (mem == NULL)
		return;
	cut = expand_print(sh, mem, text, NARRATION_SHOWN);
	if (fclose(mem) != 0) {
		free(buf);
		return;
	}
	/* At a narrower terminal than the lesson was written for. */
	if (sh->screen.counted && (flowed = reflowed(buf, len,
	    screen_columns())) != NULL) {
		free(buf);
		buf = flowed;
		len = strlen(buf);
	}
	for (line = buf; line != NULL; line = next) {
		next = memchr(line, '\n', len - (size_t)(line - buf));
		text_put_escaped(sh->out, line, next != NULL ?
		    (size_t)(next - line) : len - (size_t)(line - buf));
		fputc('\n', sh->out);
		if (next != NULL)
			next++;
	}
	if (cut && !sig_interrupted)
		fprintf(sh->out, _("  (the narration goes on past %d bytes; "
		    "the rest is not shown)\n"), NARRATION_SHOWN);
	free(buf);
}

/*
 * A preformatted line of a lesson ('>|', a table or a program's text):
 * printed as written, its blanks kept, never joined to a paragraph; it is
 * a message of its own, so a translation keeps its columns.
 */
static void
preformatted(struct shell *sh, const char *p, size_t k)
{
	char *line;

	while (k > 0 && (p[k - 1] == '\r' || p[k - 1] == ' '))
		k--;
	if ((line = strndup(p, k)) == NULL)
		return;
	say(sh, line[0] != '\0' ? _(line) : "");
	keep(sh, line[0] != '\0' ? _(line) : "", "\n");
	free(line);
}

/* Adds a narration line's text (after the '>' and one blank) to N. */
void
narration_add(struct shell *sh, struct narration *n, const char *line,
    size_t len)
{
	const char *p = memchr(line, '>', len);
	size_t k = len - (size_t)(p - line) - 1;
	char *grown;

	p++;
	k = strnlen(p, k);	/* as printf would: up to a NUL byte */
	if (k > 0 && *p == '|') {
		narration_print(sh, n);
		preformatted(sh, p + 1, k - 1);
		return;
	}
	if (k > 0 && *p == ' ') {
		p++;
		k--;
	}
	while (k > 0 && (p[k - 1] == '\r' || p[k - 1] == ' '))
		k--;
	if (n->len + k + 2 > NARRATION_MAX && n->lines > 0)
		narration_print(sh, n);
	if (n->len + k + 2 > n->cap) {
		grown = realloc(n->text, n->len + k + 2);
		if (grown == NULL) {
			narration_print(sh, n);
			fprintf(sh->out, "%.*s\n", (int)k, p);
			return;
		}
		n->text = grown;
		n->cap = n->len + k + 2;
	}
	if (n->lines++ > 0)
		n->text[n->len++] = '\n';
	memcpy(n->text + n->len, p, k);
	n->len += k;
	n->text[n->len] = '\0';
}

/* The step's first paragraph at a terminal, translated, and the screen's
 * line it began on (sh->screen.used then): narration_recall. */
static char *recalled;
static int recalled_at;

/* Prints the paragraph N holds, translated, and empties N. */
void
narration_print(struct shell *sh, struct narration *n)
{
	if (n->lines == 0)
		return;
	if (sh->screen.counted && recalled == NULL && n->text[0] != '\0') {
		recalled = strdup(_(n->text));
		recalled_at = sh->screen.used;
	}
	/* gettext("") is the catalogue's header, not a translation. */
	say(sh, n->text[0] != '\0' ? _(n->text) : "");
	keep(sh, n->text[0] != '\0' ? _(n->text) : "", "\n\n");
	fflush(sh->out);
	n->len = 0;
	n->lines = 0;
}

void
narration_recall(struct shell *sh, int view)
{
	if (recalled != NULL && sh->screen.counted &&
	    sh->screen.used - recalled_at + view + 1 > screen_rows()) {
		sh->screen.used = 0;
		say(sh, recalled);
	}
	free(recalled);
	recalled = NULL;
}
