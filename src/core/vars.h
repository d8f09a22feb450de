/* vars.h - the shell's variables ($PORT, $NAME). */
#ifndef SOCKSHELL_VARS_H
#define SOCKSHELL_VARS_H

#include <stdio.h>

struct shell;

#define VAR_NAME_MAX		32

struct var {
	char		 name[VAR_NAME_MAX + 1];
	char		*value;
};

/* vars.c */
const char	*var_get(struct shell *, const char *name);
int		 var_set(struct shell *, const char *name, const char *value);
int		 var_name_ok(const char *name);
void		 vars_free(struct shell *);

#endif
