/* steps.h - the steps of a session as its exported page tells them
 * (views/export.c): each command that added to the picture, with what it
 * printed, the lesson's narration before it, and the picture after it
 * (SVG). Plain data: the input loop fills it, the views draw from it. */
#ifndef SOCKSHELL_STEPS_H
#define SOCKSHELL_STEPS_H

#include <stddef.h>

#define STEPS_MAX	2000		/* later steps are only counted */
#define STEPS_OUTPUT	(64 * 1024)	/* bytes of a step's output kept */

struct steps_entry {
	char	*line;		/* the command line, as typed */
	char	*output;	/* what it printed (and reported) */
	char	*narration;	/* the lesson's narration before it, or "" */
	char	*svg;		/* the picture after it */
	int	 picture;	/* which picture: 'reset' starts a new one */
};

/* A growing text. */
struct steps_buf {
	char	*s;
	size_t	 len, cap;
};

struct steps {
	struct steps_entry *v;
	size_t		 n, cap;
	size_t		 dropped;	/* steps past STEPS_MAX */
	int		 picture;	/* the picture the next step adds to */
	struct steps_buf out;		/* the output since the command began */
	struct steps_buf narr;		/* the narration since the last step */
};

/* Appends LEN bytes at S to B (up to LIMIT bytes in all). */
void	steps_buf_add(struct steps_buf *b, const char *s, size_t len,
	    size_t limit);
void	steps_buf_clear(struct steps_buf *b);
/* Adds a step; the narration held is its own, and is emptied. Takes
 * SVG (malloc'd). -1: out of memory, or past STEPS_MAX. */
int	steps_add(struct steps *, const char *line, size_t len, char *svg);
void	steps_free(struct steps *);

#endif
