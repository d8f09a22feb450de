/* roles.c - what a script's lines will make of its sockets (roles.h). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/roles.h"
#include "core/shell.h"

#define ROLES_MAX	4096	/* sockets read ahead: more go unknown */

long
roles_add(struct shell *sh, const char *name)
{
	struct roles *r = &sh->roles;
	struct role_ahead *v;

	if (r->n == ROLES_MAX)
		return -1;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;

		v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			return -1;
		r->v = v;
		r->cap = cap;
	}
	v = &r->v[r->n];
	snprintf(v->name, sizeof v->name, "%s", name);
	v->side = -1;
	v->sure = 0;
	return (long)r->n++;
}

void
roles_tell(struct shell *sh, long at, int side, int sure)
{
	struct role_ahead *v;

	if (at < 0 || (size_t)at >= sh->roles.n)
		return;
	v = &sh->roles.v[at];
	if (v->sure || (v->side != -1 && !sure))
		return;
	v->side = side;
	v->sure = sure;
}

/* The first entry of NAME from FROM to TO, or NULL. */
static struct role_ahead *
first_of(struct shell *sh, const char *name, size_t from, size_t to)
{
	for (; from < to; from++)
		if (sh->roles.v[from].name[0] != '\0' &&
		    strcmp(sh->roles.v[from].name, name) == 0)
			return &sh->roles.v[from];
	return NULL;
}

void
roles_take(struct shell *sh, struct handle *h)
{
	struct role_ahead *v = first_of(sh, h->name, sh->roles.base,
	    sh->roles.n);

	if (v == NULL)
		v = first_of(sh, h->name, 0, sh->roles.base);
	h->side_ahead = v != NULL ? v->side : -1;
	h->side_ahead_sure = v != NULL && v->sure;
	if (v != NULL)
		v->name[0] = '\0';
}

size_t
roles_begin(struct shell *sh)
{
	size_t outer = sh->roles.base;

	sh->roles.base = sh->roles.n;
	return outer;
}

void
roles_end(struct shell *sh, size_t outer)
{
	sh->roles.n = sh->roles.base;
	sh->roles.base = outer <= sh->roles.n ? outer : sh->roles.n;
	if (sh->roles.n == 0)
		roles_free(sh);
}

void
roles_free(struct shell *sh)
{
	free(sh->roles.v);
	sh->roles.v = NULL;
	sh->roles.n = sh->roles.cap = sh->roles.base = 0;
}
