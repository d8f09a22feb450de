/* vars.h - the shell's variables ($PORT, $NAME). */
#ifndef SOCKSHELL_VARS_H
#define SOCKSHELL_VARS_H

#include <stddef.h>
#include <stdio.h>

struct shell;

#define VAR_NAME_MAX		32
#define VARS_MAX		(16 * 1024 * 1024)	/* bytes all variables hold */
/* The variable every recv sets to the bytes it returned: the lecture's
 * data = conn.recv(1024), sent back as 'send conn $DATA'. */
#define VAR_DATA		"DATA"

struct var {
	char		 name[VAR_NAME_MAX + 1];
	char		*value;		/* LEN bytes, then a NUL */
	size_t		 len;		/* may hold NUL bytes (received) */
};

/* vars.c */
const char	*var_get(struct shell *, const char *name);
/* The value of NAME and its length (*LEN: the bytes, NULs and all), or
 * NULL. */
const char	*var_get_bytes(struct shell *, const char *name, size_t *len);
int		 var_set(struct shell *, const char *name, const char *value);
/* Sets NAME to the LEN bytes at VALUE, which may hold NUL bytes. 0; -1
 * when memory ran out; -2 when the variables would hold more than
 * VARS_MAX bytes (var_set too). */
int		 var_set_bytes(struct shell *, const char *name,
		     const char *value, size_t len);
int		 var_name_ok(const char *name);
/* A recv returned the N bytes at BUF (malloc'd, taken; NULL: none kept):
 * they become the shell's last_data and $DATA. */
void		 var_received(struct shell *, char *buf, size_t n);
void		 vars_free(struct shell *);

#endif
