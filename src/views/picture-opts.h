/* picture-opts.h - how the picture fits the output it goes to. */
#ifndef SOCKSHELL_PICTURE_OPTS_H
#define SOCKSHELL_PICTURE_OPTS_H

#include "views/picture.h"

struct shell;

/* Whether output to FD may have colour: a terminal that can show it (TERM
 * set, not "dumb"), and no NO_COLOR. */
int	picture_opts_color(int fd);

/* The options for SH's output as it is now (the terminal's width, the
 * locale's charset, colour when allowed). */
void	picture_opts_detect(struct shell *sh, struct picture_opts *opts);

#endif
