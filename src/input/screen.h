/* screen.h - the terminal's lines, counted (struct screen in shell.h). */
#ifndef SOCKSHELL_SCREEN_H
#define SOCKSHELL_SCREEN_H

struct shell;

/* At a terminal, makes sh->out (and sh->err) count the lines they write;
 * screen_detach gives the real streams back, all written. */
void	screen_attach(struct shell *);
void	screen_detach(struct shell *);
/* A line was read at the terminal: the count starts again below it. */
void	screen_line_read(struct shell *);
/* The terminal's columns, 80 where it does not say; its rows, 24. */
int	screen_columns(void);
int	screen_rows(void);

#endif
