/* vars.c - shell variables: $PORT in a lesson reads like the lecture's
 * 8888, and a test run can make it 0 (the kernel picks a port, and the
 * variable takes the picked one; see cmd-bind.c). */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/shell.h"
#include "core/vars.h"

const char *
var_get_bytes(struct shell *sh, const char *name, size_t *len)
{
	size_t i;

	for (i = 0; i < sh->nvars; i++)
		if (strcmp(sh->vars[i].name, name) == 0) {
			*len = sh->vars[i].len;
			return sh->vars[i].value;
		}
	return NULL;
}

const char *
var_get(struct shell *sh, const char *name)
{
	size_t len;

	return var_get_bytes(sh, name, &len);
}

int
var_name_ok(const char *name)
{
	const char *p;

	if (!isalpha((unsigned char)*name) && *name != '_')
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return 0;
	return p - name <= VAR_NAME_MAX;
}

/* Sets NAME (a valid name) to VALUE; returns 0, or -1 out of memory. */
int
var_set(struct shell *sh, const char *name, const char *value)
{
	return var_set_bytes(sh, name, value, strlen(value));
}

/* Sets NAME to the LEN bytes at VALUE (NULs and all); 0, or -1 out of
 * memory. */
int
var_set_bytes(struct shell *sh, const char *name, const char *value,
    size_t len)
{
	struct var *v;
	char *copy;
	size_t i, total = 0;

	/* However many variables a script makes, they hold VARS_MAX bytes
	 * at most: a lesson's 'set X $X$X' cannot fill the memory. */
	for (i = 0; i < sh->nvars; i++)
		if (strcmp(sh->vars[i].name, name) != 0)
			total += sh->vars[i].len;
	if (total + len > VARS_MAX)
		return -2;
	if ((copy = malloc(len + 1)) == NULL)
		return -1;
	memcpy(copy, value, len);
	copy[len] = '\0';
	for (i = 0; i < sh->nvars; i++) {
		if (strcmp(sh->vars[i].name, name) == 0) {
			free(sh->vars[i].value);
			sh->vars[i].value = copy;
			sh->vars[i].len = len;
			return 0;
		}
	}
	v = realloc(sh->vars, (sh->nvars + 1) * sizeof *v);
	if (v == NULL) {
		free(copy);
		return -1;
	}
	sh->vars = v;
	snprintf(v[sh->nvars].name, sizeof v->name, "%s", name);
	v[sh->nvars].value = copy;
	v[sh->nvars].len = len;
	sh->nvars++;
	return 0;
}

void
var_received(struct shell *sh, char *buf, size_t n)
{
	free(sh->last_data);
	sh->last_data = buf;
	sh->last_len = buf != NULL ? n : 0;
	/* Out of memory, $DATA keeps the old bytes: rare, and the recv
	 * itself succeeded. */
	var_set_bytes(sh, VAR_DATA, buf != NULL ? buf : "", sh->last_len);
}

void
vars_free(struct shell *sh)
{
	size_t i;

	for (i = 0; i < sh->nvars; i++)
		free(sh->vars[i].value);
	free(sh->vars);
	sh->vars = NULL;
	sh->nvars = 0;
}
