/* sockname.h - getsockname and getpeername (sockname.c). */
#ifndef SOCKSHELL_SOCKNAME_H
#define SOCKSHELL_SOCKNAME_H

#include <sys/socket.h>

struct handle;
struct shell;

/* getsockname or getpeername (PEER) of H into SS and LEN; 0, or -1 after
 * the failure is said and logged. */
int	sockname_get(struct shell *, struct handle *h, int peer,
	    struct sockaddr_storage *ss, socklen_t *len);

#endif
