/* where.h - where the line being run comes from, entered and left. */
#ifndef SOCKSHELL_WHERE_H
#define SOCKSHELL_WHERE_H

#include "core/shell.h"

/* Makes W where lines come from; returns where they came from before,
 * for where_leave. */
struct where	 where_enter(struct shell *, struct where w);
void		 where_leave(struct shell *, struct where outer);

#endif
