/* picture-mermaid.h - the picture as a Mermaid sequence diagram. */
#ifndef SOCKSHELL_PICTURE_MERMAID_H
#define SOCKSHELL_PICTURE_MERMAID_H

#include <stdio.h>

struct pic_model;

/* M into F as a "sequenceDiagram": a participant a socket (ids p1, p2...,
 * its name as the alias, so that no name is taken for Mermaid's words), a
 * note for each call, a message for each arrow. -1: out of memory. */
int	picture_mermaid_render(FILE *f, const struct pic_model *m,
	    const char *title);

#endif
