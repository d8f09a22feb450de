/* narration.h - a lesson's narration. */
#ifndef SOCKSHELL_NARRATION_H
#define SOCKSHELL_NARRATION_H

#include <stddef.h>

struct shell;

/*
 * A lesson's narration is printed a paragraph at a time: consecutive '>'
 * lines are one message, looked up in the student's language as a whole
 * (build-aux/lessons-pot extracts them the same way into po/lessons.pot),
 * so a translation need not keep the English line breaks.
 */
struct narration {
	char	*text;		/* the lines so far, joined by newlines */
	size_t	 len, cap;
	int	 lines;
};

/* Whether LINE is narration: it starts with '>'. */
int	narration_line(const char *line, size_t len);
/* Adds a narration line's text to N ('>|': prints N, then the line). */
void	narration_add(struct shell *, struct narration *n, const char *line,
	    size_t len);
/* Prints the paragraph N holds, translated, and empties N. */
void	narration_print(struct shell *, struct narration *n);
/* At a lesson's pause at a terminal: the step's first paragraph again
 * where the step's output pushed it off the screen (before a view of
 * VIEW lines and the pause's prompt), the screen counted from there. */
void	narration_recall(struct shell *, int view);

#endif
