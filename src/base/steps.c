/* steps.c - the steps of a session, for its exported page. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/steps.h"

void
steps_buf_add(struct steps_buf *b, const char *s, size_t len, size_t limit)
{
	char *grown;
	size_t cap;

	if (b->len + len > limit)
		len = b->len < limit ? limit - b->len : 0;
	if (len == 0)
		return;
	if (b->len + len + 1 > b->cap) {
		cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + len + 1)
			cap *= 2;
		if ((grown = realloc(b->s, cap)) == NULL)
			return;
		b->s = grown;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void
steps_buf_clear(struct steps_buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

static char *
dup_buf(const struct steps_buf *b)
{
	return strndup(b->s != NULL ? b->s : "", b->len);
}

int
steps_add(struct steps *st, const char *line, size_t len, char *svg)
{
	struct steps_entry *s, *grown;

	if (st->n >= STEPS_MAX) {
		st->dropped++;
		free(svg);
		steps_buf_clear(&st->narr);
		return -1;
	}
	if (st->n == st->cap) {
		grown = realloc(st->v, (st->cap ? st->cap * 2 : 16) *
		    sizeof *st->v);
		if (grown == NULL) {
			free(svg);
			return -1;
		}
		st->v = grown;
		st->cap = st->cap ? st->cap * 2 : 16;
	}
	s = &st->v[st->n];
	s->line = strndup(line, len);
	s->output = dup_buf(&st->out);
	s->narration = dup_buf(&st->narr);
	s->svg = svg;
	s->picture = st->picture;
	if (s->line == NULL || s->output == NULL || s->narration == NULL ||
	    s->svg == NULL) {
		free(s->line);
		free(s->output);
		free(s->narration);
		free(s->svg);
		return -1;
	}
	st->n++;
	steps_buf_clear(&st->narr);
	return 0;
}

void
steps_free(struct steps *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		free(st->v[i].line);
		free(st->v[i].output);
		free(st->v[i].narration);
		free(st->v[i].svg);
	}
	free(st->v);
	free(st->out.s);
	free(st->narr.s);
	memset(st, 0, sizeof *st);
}
