/* picture-fit.h - a box's text in the text renderer, made into one
 * line and cut to fit its width: what matters least goes first, the
 * call's name never. */
#ifndef SOCKSHELL_PICTURE_FIT_H
#define SOCKSHELL_PICTURE_FIT_H

#include <stddef.h>

#include "views/picture-model.h"

#define CELL		PIC_TEXT	/* bytes of one box line's text */

/* The colour a text is drawn in (S_NEW: the newest step). */
enum style { S_PLAIN, S_NEW, S_FAIL, S_WAIT, S_NOTE };

/* A box's line of text, in the parts that are cut in turn. */
struct cellv {
	char		 main[CELL];	/* the call, padding, the socket's name,
					 * and what the call did */
	char		 suffix[64];	/* a failure or a wait */
	char		 brief[32];	/* what the call did, shorter */
	int		 op_len;	/* bytes of the call's name in main */
	int		 head_len;	/* ...up to the end of the socket's */
	int		 name_at;	/* where the socket's name begins */
	enum style	 style;
	int		 newest;
	int		 own;		/* a call of this column's */
};

/* How the text is made and cut. */
struct fit {
	int		 utf8;		/* characters, not bytes */
	int		 opw;		/* the calls' names are padded to it */
	const char	*ellipsis;	/* what says a text was cut */
	const char	*to;		/* accept's "→ conn" */
	const char	*waiting, *fail;/* the marks of a wait, a failure */
};

/* B, a call's box, as one line in C. */
void	picture_fit_call(const struct fit *p, const struct pic_box *b,
	    struct cellv *c);

/* C's text in WIDTH columns, into OUT (of N bytes). */
void	picture_fit_cell(const struct fit *p, const struct cellv *c,
	    int width, char *out, size_t n);

#endif
