/* lex.c - splitting one input line into words (the parser, no syscalls). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/pyform.h"
#include "input/lex.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
push_token(struct tokens *t, char *text, size_t len, size_t start,
    size_t end, int quoted, int python)
{
	struct token *v;

	/* Room doubles at each power of two: a line of a million words
	 * costs a million copies, not a million squared. */
	if ((t->n & (t->n - 1)) == 0) {
		v = realloc(t->v, (t->n ? t->n * 2 : 1) * sizeof *t->v);
		if (v == NULL)
			return -1;
		t->v = v;
	}
	v = t->v;
	v[t->n].text = text;
	v[t->n].len = len;
	v[t->n].start = start;
	v[t->n].end = end;
	v[t->n].quoted = quoted;
	v[t->n].var = NULL;
	v[t->n].python = python;
	t->n++;
	return 0;
}

/*
 * Decodes the quoted string that starts at LINE[*POS] (the quote) into
 * BUF; on return *POS is just past the closing quote. Returns the decoded
 * length, or -1 with ERR set.
 */
static long
lex_quoted(const char *line, size_t len, size_t *pos, char *buf, char *err)
{
	char q = line[*pos];
	size_t i = *pos + 1, o = 0;
	int hi, lo;

	while (i < len && line[i] != q) {
		if (line[i] != '\\') {
			buf[o++] = line[i++];
			continue;
		}
		if (++i == len)
			break;
		switch (line[i]) {
		case 'n':  buf[o++] = '\n'; break;
		case 'r':  buf[o++] = '\r'; break;
		case 't':  buf[o++] = '\t'; break;
		case '0':  buf[o++] = '\0'; break;
		case '\\': buf[o++] = '\\'; break;
		case '"':  buf[o++] = '"'; break;
		case '\'': buf[o++] = '\''; break;
		case 'x':
			hi = i + 1 < len ? hex_value(line[i + 1]) : -1;
			lo = i + 2 < len ? hex_value(line[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				snprintf(err, MESSAGE_LEN, "%s", _("\\x needs "
				    "two hex digits, as in \\x0a or \\xff"));
				return -1;
			}
			buf[o++] = (char)(hi * 16 + lo);
			i += 2;
			break;
		default:
			snprintf(err, MESSAGE_LEN, _("unknown escape \\%c in a "
			    "string: use \\n \\r \\t \\0 \\xHH \\\\ \\\" or "
			    "\\'"), line[i] >= 0x20 && line[i] < 0x7f ?
			    line[i] : '?');
			return -1;
		}
		i++;
	}
	if (i >= len) {
		snprintf(err, MESSAGE_LEN, _("unclosed %c quote: end the "
		    "string with %c"), q, q);
		return -1;
	}
	*pos = i + 1;
	return (long)o;
}

/* A lone unquoted '&' last asks for a background job; so does a word
 * ending in '&', as in "accept srv conn&". */
static void
take_background(struct tokens *t)
{
	struct token *last;

	if (t->n == 0 || t->v[t->n - 1].quoted)
		return;
	last = &t->v[t->n - 1];
	if (last->len == 1 && last->text[0] == '&') {
		free(last->text);
		t->n--;
		t->background = 1;
	} else if (last->len > 1 && last->text[last->len - 1] == '&') {
		last->text[--last->len] = '\0';
		last->end--;
		t->background = 1;
	}
}

int
lex_line(const char *line, size_t len, struct tokens *t, char *err)
{
	size_t i = 0, start, word;
	enum pyform_kind kind;
	char *buf;
	long n;

	memset(t, 0, sizeof *t);
	t->line = line;
	if (memchr(line, '\0', len) != NULL) {
		snprintf(err, MESSAGE_LEN, "%s", _("the line holds a NUL byte: "
		    "to send a zero byte, write \\0 inside quotes"));
		return -1;
	}
	for (;;) {
		while (i < len && is_blank(line[i]))
			i++;
		if (i == len || line[i] == '#')
			break;
		start = i;
		if (line[i] == '"' || line[i] == '\'') {
			buf = malloc(len - i + 1);
			if (buf == NULL)
				goto nomem;
			n = lex_quoted(line, len, &i, buf, err);
			if (n < 0) {
				free(buf);
				words_free(t);
				return -1;
			}
			/* Only what the string holds stays allocated. */
			{
				char *fit = realloc(buf, (size_t)n + 1);

				if (fit != NULL)
					buf = fit;
			}
			if (i < len && !is_blank(line[i])) {
				free(buf);
				words_free(t);
				snprintf(err, MESSAGE_LEN, "%s", _("a closing "
				    "quote must end the word: put a blank "
				    "after it"));
				return -1;
			}
			buf[n] = '\0';
			if (push_token(t, buf, (size_t)n, start, i, 1, 0) < 0) {
				free(buf);
				goto nomem;
			}
			continue;
		}
		/* b'...' and (...), Python's, stay as typed: the commands
		 * read them where data or an address goes (base/pyform.c). */
		kind = pyform_word(line + i, len - i, &word);
		if (kind != PYFORM_NONE)
			i += word;
		while (i < len && !is_blank(line[i]))
			i++;
		buf = malloc(i - start + 1);
		if (buf == NULL)
			goto nomem;
		memcpy(buf, line + start, i - start);
		buf[i - start] = '\0';
		if (push_token(t, buf, i - start, start, i, 0, kind) < 0) {
			free(buf);
			goto nomem;
		}
	}
	take_background(t);
	return 0;
nomem:
	words_free(t);
	snprintf(err, MESSAGE_LEN, "%s", _("out of memory"));
	return -1;
}
