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

#endif
