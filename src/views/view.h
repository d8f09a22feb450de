/* view.h - the view after each command. */
#ifndef SOCKSHELL_VIEW_H
#define SOCKSHELL_VIEW_H

#include "core/shell.h"

/* After a command: the picture, the table, both (picture first) or
 * nothing, as sh->view says. */
void		 view_show(struct shell *);
/* The lines the table after a command takes (0: the view has none). */
int		 view_table_lines(struct shell *);
int		 view_parse(const char *);	/* an enum view, or -1 */
const char	*view_name(enum view);

#endif
