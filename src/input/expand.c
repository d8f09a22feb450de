/* expand.c - $NAME and ${NAME} replaced by the variables' values: in a
 * line's words before it runs, and in a lesson's narration. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/sig.h"
#include "base/message.h"
#include "base/pyform.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expand.h"
#include "input/lex.h"

/* ERR: NAME is no variable; $DATA: nothing was received yet. */
static void
unknown(const char *name, char *err)
{
	if (strcmp(name, VAR_DATA) == 0)
		snprintf(err, MESSAGE_LEN, "%s", _("$DATA is what the last recv "
		    "returned, and nothing was received yet: recv first, as "
		    "in 'recv conn'"));
	else
		snprintf(err, MESSAGE_LEN, _("unknown variable $%s: set it with "
		    "'set %s VALUE'"), name, name);
}

/*
 * Replaces $NAME and ${NAME} in the unquoted words of T (not the command
 * name), but not in a bytes literal b'...', which Python sends as typed.
 * A word that was just "$NAME" remembers NAME in its 'var'. Returns 0,
 * or -1 with ERR set for an unknown variable.
 */
int
expand_words(struct shell *sh, struct tokens *t, char *err)
{
	char name[VAR_NAME_MAX + 2], *out, *o;
	const char *p, *val, *start;
	size_t i, n, size, vlen;
	int braces;

	for (i = 1; i < t->n; i++) {
		struct token *w = &t->v[i];

		if (w->quoted || w->python == PYFORM_BYTES ||
		    strchr(w->text, '$') == NULL)
			continue;
		size = w->len + 1;
		out = malloc(size);
		if (out == NULL)
			goto nomem;
		o = out;
		for (p = w->text; *p != '\0';) {
			if (*p != '$') {
				*o++ = *p++;
				continue;
			}
			braces = p[1] == '{';
			start = p + 1 + braces;
			for (n = 0; isalnum((unsigned char)start[n]) ||
			    start[n] == '_'; n++)
				;
			if (n == 0 || n > VAR_NAME_MAX ||
			    (braces && start[n] != '}')) {
				*o++ = *p++;	/* a lone '$' stays */
				continue;
			}
			memcpy(name, start, n);
			name[n] = '\0';
			val = var_get_bytes(sh, name, &vlen);
			if (val == NULL) {
				free(out);
				unknown(name, err);
				return -1;
			}
			if (p == w->text && start[n + braces] == '\0') {
				free(w->var);
				w->var = strdup(name);
			}
			p = start + n + braces;
			size += vlen;
			if ((size_t)(o - out) + vlen + w->len -
			    (size_t)(p - w->text) > LINE_MAX_BYTES) {
				free(out);
				snprintf(err, MESSAGE_LEN, _("the word grows "
				    "past %d bytes once $%s is replaced: use "
				    "shorter values"), LINE_MAX_BYTES, name);
				return -1;
			}
			{
				size_t off = (size_t)(o - out);
				char *grown = realloc(out, size);

				if (grown == NULL) {
					free(out);
					goto nomem;
				}
				out = grown;
				o = out + off;
			}
			/* Binary-safe: $DATA may hold NUL bytes, and the
			 * word keeps its length. */
			memcpy(o, val, vlen);
			o += vlen;
		}
		*o = '\0';
		free(w->text);
		w->text = out;
		w->len = (size_t)(o - out);
	}
	return 0;
nomem:
	snprintf(err, MESSAGE_LEN, "%s", _("out of memory"));
	return -1;
}

/*
 * Writes TEXT to F with each $NAME of a variable that is set replaced by
 * its value: a lesson's narration says the port the lesson really uses.
 * A '$' that starts no such name is written as it is. At most MAX bytes
 * are written; returns 1 when TEXT went on past them, or Ctrl-C or
 * SIGTERM stopped it, else 0.
 */
int
expand_print(struct shell *sh, FILE *f, const char *text, size_t max)
{
	char name[VAR_NAME_MAX + 1];
	const char *p = text, *value, *piece;
	size_t n, len, out = 0;

	while (*p != '\0') {
		if (sig_interrupted)
			return 1;
		piece = p;
		len = strcspn(p, "$");
		p += len;
		if (len == 0) {		/* a '$', and the name after it */
			for (n = 1; isalnum((unsigned char)p[n]) || p[n] == '_';
			    n++)
				;
			value = NULL;
			if (n - 1 <= VAR_NAME_MAX) {
				snprintf(name, sizeof name, "%.*s", (int)(n - 1),
				    p + 1);
				if (var_name_ok(name))
					value = var_get(sh, name);
			}
			piece = value != NULL ? value : p;
			len = value != NULL ? strlen(value) : n;
			p += n;
		}
		if (len > max - out) {
			fwrite(piece, 1, max - out, f);
			return 1;
		}
		fwrite(piece, 1, len, f);
		out += len;
	}
	return 0;
}
