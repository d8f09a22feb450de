/* complete.h - Tab completion by the argument's place. */
#ifndef SOCKSHELL_COMPLETE_H
#define SOCKSHELL_COMPLETE_H

struct shell;

/* Readline completes SH's commands, sockets, constants and options. */
void	complete_attach(struct shell *);

#endif
