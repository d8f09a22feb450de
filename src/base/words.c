/* words.c - a line's words (words.h). */
#include <config.h>

#include <stdlib.h>

#include "base/words.h"

void
words_free(struct tokens *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->v[i].text);
		free(t->v[i].var);
	}
	free(t->v);
	t->v = NULL;
	t->n = 0;
}
