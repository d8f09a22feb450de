/* helpers.h - a shell whose output the tests read back. */
#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stddef.h>

#include "sockshell.h"
#include "state.h"

struct tshell {
	struct shell	 sh;
	FILE		*fo, *fe;
	char		*out, *err;
	size_t		 outlen, errlen;
};

/* A script-mode shell (timeout 5 s) writing into memory. */
void		 ts_init(struct tshell *);
void		 ts_fini(struct tshell *);
/* Runs LINE; returns shell_run_line's result. */
int		 ts_run(struct tshell *, const char *line);
/* Runs each line, asserting each succeeds. */
void		 ts_ok(struct tshell *, const char *const *lines);
/* What was printed since the last ts_clear (stdout, stderr). */
const char	*ts_out(struct tshell *);
const char	*ts_err(struct tshell *);
void		 ts_clear(struct tshell *);
/* The kernel's view of handle NAME, which must exist. */
void		 ts_state(struct tshell *, const char *name,
		     struct sock_state *);
/* The port handle NAME is bound to. */
int		 ts_port(struct tshell *, const char *name);
/* Open file descriptors of this process. */
int		 count_fds(void);
/*
 * Waits (poll, up to 5 s) until handle NAME's socket is ready for EVENTS
 * (0: only an error or hang-up); returns the revents, 0 after the time.
 * For what the kernel does on its own (a FIN or a connection arriving).
 */
short		 ts_ready(struct tshell *, const char *name, short events);

/* HAY contains NEEDLE; says both when not. */
#define assert_has(hay, needle) do {					\
	const char *hay_ = (hay), *needle_ = (needle);			\
	cr_assert(strstr(hay_, needle_) != NULL,			\
	    "expected \"%s\" in:\n%s", needle_, hay_);			\
} while (0)
#define assert_has_not(hay, needle) do {				\
	const char *hay_ = (hay), *needle_ = (needle);			\
	cr_assert(strstr(hay_, needle_) == NULL,			\
	    "did not expect \"%s\" in:\n%s", needle_, hay_);		\
} while (0)

#endif
