/* lessons.h - where the lessons and the translations are. */
#ifndef SOCKSHELL_LESSONS_H
#define SOCKSHELL_LESSONS_H

#include <stddef.h>
#include <stdio.h>

/* lessons.c */
int		 lessons_find(const char *name, char *path, size_t n);
void		 lessons_list(FILE *);
const char	*lessons_dir(void);
const char	*lessons_locale_dir(void);

#endif
