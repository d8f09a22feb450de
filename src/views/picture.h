/* picture.h - the lecture's step-by-step picture ("Работа сокетов"): the
 * server's calls in a column on the left, the client's on the right, and
 * arrows across for what travels between them. Drawn from the calls made
 * (the event log) and the kernel's state of each socket (state_collect);
 * where the output goes and how wide it is come from the caller. */
#ifndef SOCKSHELL_PICTURE_H
#define SOCKSHELL_PICTURE_H

#include <stdio.h>

struct shell;

struct picture_opts {
	int	width;		/* columns to fit in (40 at least are used) */
	int	utf8;		/* box drawing characters; else plain ASCII */
	int	color;		/* ANSI colours; else a marker at the newest
				 * step */
	int	max_rows;	/* only the last rows that fit; 0: all */
	int	rows;		/* the terminal's rows; 0: no terminal */
};

/* Draws SH's picture into F. Reads the sockets' state; no other call. */
void	picture_render(FILE *f, struct shell *sh,
	    const struct picture_opts *opts);
/* The same from STATES, what state_collect_brief read of each of
 * sh->handles (view_show reads them once for the picture and the
 * table). */
struct sock_state;
void	picture_render_with(FILE *f, struct shell *sh,
	    const struct picture_opts *opts, const struct sock_state *states);

/* Screen columns TEXT takes: characters, not bytes, when UTF8. */
int	picture_text_width(const char *text, int utf8);


/* SH's picture as SVG into F (picture-svg.c), titled TITLE, its ids
 * beginning with IDS. -1: out of memory. */
int	picture_render_svg(FILE *f, struct shell *sh, const char *title,
	    const char *ids);
/* SH's picture as a Mermaid sequence diagram into F (picture-mermaid.c):
 * a participant a socket, a message an arrow. -1: out of memory. */
int	picture_render_mermaid(FILE *f, struct shell *sh, const char *title);

#endif
