/* picture-svg.h - the picture drawn as vector graphics, from its model:
 * the lecture's slide, for a file or a web page. */
#ifndef SOCKSHELL_PICTURE_SVG_H
#define SOCKSHELL_PICTURE_SVG_H

#include <stdio.h>

struct pic_model;

/* Draws M into F as one <svg> element (no XML declaration, so that a web
 * page may hold it as it is), titled TITLE; its ids begin with IDS (each
 * picture of a page has its own). Every text in full, escaped. -1: out
 * of memory. */
int	picture_svg_render(FILE *f, const struct pic_model *m,
	    const char *title, const char *ids);

#endif
