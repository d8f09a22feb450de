/* expect.h - what a line expects after "=>". */
#ifndef SOCKSHELL_EXPECT_H
#define SOCKSHELL_EXPECT_H

#include <stddef.h>

struct shell;
struct tokens;

/* expect.c */
int		 expect_split(struct tokens *, struct tokens *ex);
int		 expect_check(struct shell *, const struct tokens *ex,
		     const char *handle, int rc, size_t first,
		     int failed_before);

/* At the end of lesson NAME at a terminal: how many of its steps did
 * what they said, and the line of each that did not. */
void		 expect_say_tally(struct shell *, const char *name);

/* Where the command of LINE ends: before its unquoted "=>", or LEN. */
size_t		 expect_cut(const char *line, size_t len);

/* Whether the expectation's word W expects a failure: error, or an
 * errno name. */
struct token;
int		 expect_names_failure(const struct token *w);
/* Whether the expectation's word W holds, said nowhere (a question's
 * choice): HANDLE, RC and FIRST as for expect_check. */
int		 expect_holds(struct shell *, const struct token *w,
		     const char *handle, int rc, size_t first);

#endif
