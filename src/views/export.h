/* export.h - the picture written to a file ('export FILE'), and the
 * session's steps to a folder (--export DIR): the lecture's slides,
 * drawn from real sockets. */
#ifndef SOCKSHELL_EXPORT_H
#define SOCKSHELL_EXPORT_H

#include <stddef.h>
#include <stdio.h>

struct shell;

/* SH's picture as it stands, in full, into PATH in the format its
 * extension names: .svg, .html (every step), .mmd (Mermaid), .txt. An
 * existing PATH only with FORCE; a symbolic link never. Reports what went
 * wrong, on one line, and changes nothing then; -1. */
int	export_file(struct shell *sh, const char *path, int force);

/* Keeps the step the command LINE (LEN bytes) made: its output and
 * narration (sh->steps), the picture after it. */
void	export_step(struct shell *sh, const char *line, size_t len);

/* Before a run with --export DIR: DIR made, or found empty; with FORCE
 * the slides a run left there removed. -1 with the reason in ERR (of N
 * bytes). */
int	export_dir_prepare(const char *dir, int force, char *err, size_t n);
/* After it: DIR/step-01.svg... and DIR/index.html. Reports; -1. */
int	export_dir_write(struct shell *sh, const char *dir);

/* export-html.c: the steps of SH as one web page into F. */
int	export_html(FILE *f, struct shell *sh);

#endif
