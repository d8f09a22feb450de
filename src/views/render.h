/* render.h - the state table after each command, the jobs list, show. */
#ifndef SOCKSHELL_RENDER_H
#define SOCKSHELL_RENDER_H

#include <stdio.h>

struct shell;
struct handle;
struct sock_state;

/* The state table after each command, to sh->out; render_state_with
 * writes it to F, from STATES, when not NULL: what state_collect_brief
 * read of each of sh->handles; NOW: only the rows that matter now (open
 * sockets, and in one line a closed one whose connection the kernel
 * still keeps), as a terminal's screen has room for. */
void		 render_state(struct shell *);
void		 render_state_with(FILE *f, struct shell *,
		     const struct sock_state *states, int now);
void		 render_jobs(struct shell *, FILE *);
/* Every field of one socket, for 'show NAME'. */
void		 render_details(struct shell *, const struct handle *);

#endif
