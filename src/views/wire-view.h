/* wire-view.h - the segments on the wire, as the student reads them. */
#ifndef SOCKSHELL_WIRE_VIEW_H
#define SOCKSHELL_WIRE_VIEW_H

#include <stdio.h>

#include "core/shell.h"

/* After a step: its segments not shown yet (or, counting, its sockets'
 * counters). */
void		 wire_view_step(struct shell *, FILE *);
/* Before the next prompt: the segments that came later, and when. */
void		 wire_view_late(struct shell *, FILE *);
/* 'wire': the last step's segments; 'wire all': the session's. */
void		 wire_view_list(struct shell *, FILE *, int all);

#endif
