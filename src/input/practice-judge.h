/* practice-judge.h - a practice's state, and how a step is judged. */
#ifndef SOCKSHELL_PRACTICE_JUDGE_H
#define SOCKSHELL_PRACTICE_JUDGE_H

#include <stddef.h>

#include "base/words.h"
#include "input/question.h"

struct cmd_entry;
struct shell;

/* A line of the lesson or of the student: its words and its command. */
struct practice_step {
	struct tokens		 t, ex;		/* the command, what it expects */
	int			 expecting;	/* "=>" was there */
	int			 parsed;
	const struct cmd_entry	*ce;
};

#define PRACTICE_JOBS	64

struct practice {
	char		**lines;	/* the lesson's lines */
	size_t		 n, at;		/* how many; the step's line */
	char		 name[256];
	int		 jobs[PRACTICE_JOBS];	/* the lesson's job K is the
						   shell's jobs[K - 1] */
	int		 njobs;
	unsigned	 steps, passed, first_time, hints, skipped;
	int		 hint_level;	/* hints given at this step */
	int		 tries;		/* wrong tries at this step */
	int		 want;		/* enum practice_ask: skip, again */
	struct practice_step st;	/* the step, as the lesson writes it */
	struct question	 q;		/* asked before the step */
	unsigned	 asked, predicted;	/* questions; answered right */
	size_t		 done_first;	/* the call that made the step: */
	int		 done_rc;	/* its first event, its result */
	unsigned long	 typed;		/* lines the student typed */
};

/* practice-judge.c: the lines' words */
int	practice_step_parse(struct shell *, const char *line,
	    struct practice_step *);
void	practice_step_free(struct practice_step *);
int	practice_is_wait(const struct cmd_entry *);
int	practice_job(const struct practice *, const char *word);

/* practice-judge.c */
/*
 * Judges the student's command MINE (run: RC, its calls logged from
 * FIRST) against the lesson's step ST: 1 it passes, 0 not (said why, and
 * how to go on), -1 it is no try (show, help: no call made).
 */
int	practice_judge(struct shell *, struct practice *,
	    const struct practice_step *st, const struct practice_step *mine,
	    int rc, size_t first, int failed_before);
/* The next hint for ST: the call and why, its form, the command. */
void	practice_hint(struct shell *, struct practice *,
	    const struct practice_step *st);

#endif
