/* sockname.h - getsockname and getpeername (sockname.c). */
#ifndef SOCKSHELL_SOCKNAME_H
#define SOCKSHELL_SOCKNAME_H

#include <sys/socket.h>

struct cmd_args;
struct shell;

/* getsockname or getpeername (PEER) of the command's socket (a->h) into
 * SS and LEN; 0, or -1 after the failure is said and logged. */
int	sockname_get(struct shell *, const struct cmd_args *a, int peer,
	    struct sockaddr_storage *ss, socklen_t *len);

#endif
