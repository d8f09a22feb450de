/* helpers.h - a shell whose output the tests read back. */
#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stddef.h>

#include "base/message.h"
#include "commands/cmd.h"
#include "core/shell.h"
#include "state/state.h"

struct tshell {
	struct shell	 sh;
	FILE		*fo, *fe;
	char		*out, *err;
	size_t		 outlen, errlen;
};

/* A script-mode shell (timeout 5 s) writing into memory. */
void		 ts_init(struct tshell *);
void		 ts_fini(struct tshell *);
/* ts_init, then sockets to make mistakes with: srv bound to 127.0.0.1
 * and listening; c a fresh TCP/IPv4 socket; s6 a fresh TCP/IPv6 one; u a
 * fresh UDP one; gone closed. */
void		 ts_init_mistakes(struct tshell *);
/* Runs LINE; returns run_line's result. */
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
/* The same, as a value. */
struct sock_state ts_st(struct tshell *, const char *name);
/* The port handle NAME is bound to. */
int		 ts_port(struct tshell *, const char *name);
/* Handle NAME, which must exist. */
struct handle	*ts_handle(struct tshell *, const char *name);
/* The line "send NAME "xxx...x"" with N bytes of data; free it after. */
char		*ts_big_send(const char *name, size_t n);
/* Open file descriptors of this process. */
int		 count_fds(void);
/*
 * Waits (poll, up to 5 s) until handle NAME's socket is ready for EVENTS
 * (0: only an error or hang-up); returns the revents, 0 after the time.
 * For what the kernel does on its own (a FIN or a connection arriving).
 */
short		 ts_ready(struct tshell *, const char *name, short events);

/*
 * Russian from here on: ru_RU.UTF-8 and the build tree's catalogue. The
 * test is skipped when the locale is not generated (tests/run-all
 * generates it) or no catalogue was built.
 */
void		 ts_russian(void);

/* For the rest of the API (test-sockopt.c, test-udp.c, ...): */
/* Runs a printf-formatted line; returns run_line's result. */
int		 ts_runf(struct tshell *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* The same, asserting it succeeds. */
void		 ts_okf(struct tshell *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/*
 * Runs LINE, which must fail with a one-line message holding SAYS, mark
 * the run failed, and change no handle, descriptor or job. USAGE: the
 * mistake is caught before any system call (no call is logged).
 */
void		 ts_fail(struct tshell *, const char *line, const char *says,
		     int usage);
/*
 * Waits (a bounded retry, up to 5 s) until handle NAME's TCP state, or
 * that of the connection the kernel keeps after close, is STATE; returns
 * the last state seen. For what the kernel does on its own (a delayed
 * ACK moving FIN_WAIT1 to FIN_WAIT2).
 */
int		 ts_wait_state(struct tshell *, const char *name, int state);

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

/* The command table finds the command WANT from TYPED. */
#define assert_finds(typed, want) do {					\
	char e_[MESSAGE_LEN];						\
	const struct cmd_entry *c_ = cmd_find((typed), e_);		\
	cr_assert(c_ != NULL && strcmp(c_->name, (want)) == 0,		\
	    "'%s' should find %s: %s", (typed), (want),			\
	    c_ != NULL ? c_->name : e_);				\
} while (0)

/* A suite whose tests share one script-mode shell, t, made anew for
 * each test (Criterion runs each in its own worker). */
#define TSHELL_SUITE(suite)						\
	static struct tshell t;						\
	static void suite##_setup(void) { ts_init(&t); }		\
	static void suite##_teardown(void) { ts_fini(&t); }		\
	TestSuite(suite, .init = suite##_setup, .fini = suite##_teardown)
/* The same, t made by ts_init_mistakes. */
#define TSHELL_MISTAKES_SUITE(suite)					\
	static struct tshell t;						\
	static void suite##_setup(void) { ts_init_mistakes(&t); }	\
	static void suite##_teardown(void) { ts_fini(&t); }		\
	TestSuite(suite, .init = suite##_setup, .fini = suite##_teardown)

#endif
