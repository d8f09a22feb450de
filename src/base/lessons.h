/* lessons.h - where the lessons and the translations are. */
#ifndef SOCKSHELL_LESSONS_H
#define SOCKSHELL_LESSONS_H

#include <stddef.h>
#include <stdio.h>

/* lessons.c */
int		 lessons_find(const char *name, char *path, size_t n);
void		 lessons_list(FILE *);
/* Whether the file name NAME is a lesson's: something.lesson. */
int		 lessons_is_file(const char *name);
/* Where lessons are looked for, said in a message: $SOCKSHELL_LESSONS's
 * folders, then the bundled ones, separated by ':'. */
const char	*lessons_dir(void);
/* The lessons that come with the program (trusted: core/fence.c). */
const char	*lessons_bundled_dir(void);
const char	*lessons_locale_dir(void);

/* How the lesson at PATH is named to the student: its short name (echo)
 * when it is one of the lessons found in a lessons folder, else PATH. */
void		 lessons_shown_name(const char *path, char *name, size_t n);

#endif
