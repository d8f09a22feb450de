/* roles.h - what a script's lines will make of its sockets, read ahead.
 *
 * The picture puts a socket in the server's column or the client's when
 * its first box is drawn, and never moves it. A lesson's file is known
 * before it runs: reading it ahead (input/foresee.c) tells, when its
 * 'socket u' line runs, that a 'listen u' follows. Each socket a script
 * will make has an entry, in the order they are made; handle_add takes
 * the first entry of its name.
 */
#ifndef SOCKSHELL_ROLES_H
#define SOCKSHELL_ROLES_H

#include <stddef.h>

#include "core/handle.h"

struct shell;

struct role_ahead {
	char	 name[HANDLE_NAME_MAX + 1];	/* "": taken */
	int	 side;		/* 0 the server's, 1 the client's, -1 not known */
	int	 sure;		/* by what it will do, not a hint */
};

struct roles {
	struct role_ahead	*v;
	size_t			 n, cap;
	size_t			 base;	/* the innermost script's first entry */
};

/* Adds an entry for a socket named NAME the lines will make; its place,
 * or -1 when memory ran out. */
long	roles_add(struct shell *, const char *name);
/* Entry AT: what the socket will do (SIDE, SURE), where nothing surer
 * was known of it yet. */
void	roles_tell(struct shell *, long at, int side, int sure);
/* Takes the first entry of H's name into its side_ahead: the innermost
 * script's first, else an outer one's. */
void	roles_take(struct shell *, struct handle *h);
/* A script begins: its entries come next; what to give roles_end. */
size_t	roles_begin(struct shell *);
/* It ended: its entries go, the outer script's are innermost again. */
void	roles_end(struct shell *, size_t outer);
/* Forgets them all. */
void	roles_free(struct shell *);

#endif
