/* picture-text.h - the picture drawn for a terminal, from its model. */
#ifndef SOCKSHELL_PICTURE_TEXT_H
#define SOCKSHELL_PICTURE_TEXT_H

#include <stdio.h>

struct pic_model;
struct picture_opts;

/* Draws M into F as OPTS say: in their width (the boxes' texts cut to
 * fit), in box drawing or ASCII, in colour or not, its last max_rows rows.
 * -1: out of memory, maybe after some of it. */
int	picture_text_render(FILE *f, const struct pic_model *m,
	    const struct picture_opts *opts);

#endif
