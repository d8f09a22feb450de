/* view.h - the view after each command. */
#ifndef SOCKSHELL_VIEW_H
#define SOCKSHELL_VIEW_H

#include "core/shell.h"

/* view.c: the view after each command */
void		 view_show(struct shell *);
int		 view_parse(const char *);	/* an enum view, or -1 */
const char	*view_name(enum view);

#endif
