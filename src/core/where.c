/* where.c - where the line being run comes from (struct where, in
 * core/shell.h): made current, and the outer one given back. */
#include <config.h>

#include "core/shell.h"
#include "core/where.h"

struct where
where_enter(struct shell *sh, struct where w)
{
	struct where outer = sh->at;

	sh->at = w;
	return outer;
}

void
where_leave(struct shell *sh, struct where outer)
{
	sh->at = outer;
}
