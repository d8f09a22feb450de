/* question.h - predict, then see: a lesson's question before a step. */
#ifndef SOCKSHELL_QUESTION_H
#define SOCKSHELL_QUESTION_H

#include <stddef.h>

struct shell;

#define QUESTION_CHOICES	9

/*
 * "? TEXT" asks; each "?N WORDS" is a choice, WORDS an expectation (as
 * after "=>") checked against the kernel after the step that follows.
 * The right answer is what the kernel says, never a mark in the file.
 */
struct question {
	char	*text;
	char	*choice[QUESTION_CHOICES];
	int	 n;
	int	 answer;		/* the student's choice, 0: none */
};

/* Whether LINE is a question's line. */
int	question_line(const char *line, size_t len);
/* Adds LINE to Q; -1 after a message when it is no question's line. */
int	question_add(struct shell *, struct question *q, const char *line,
	    size_t len);
/* Shows Q before its step; ASK: the student is to answer. */
int	question_ask(struct shell *, struct question *q, int ask);
/* The student's answer LINE: a choice's number (0), or -1 after saying
 * what to type. */
int	question_choose(struct shell *, struct question *q, const char *line);
/* After the step LINE (its calls logged from FIRST, its result RC): the
 * kernel's answer beside the student's. Returns 1 when the student chose
 * right, 0 when not (or did not choose); Q is emptied. */
int	question_answer(struct shell *, struct question *q, const char *line,
	    int rc, size_t first);
void	question_free(struct question *);

#endif
