/* sockname.h - getsockname and getpeername (sockname.c). */
#ifndef SOCKSHELL_SOCKNAME_H
#define SOCKSHELL_SOCKNAME_H

#include <sys/socket.h>

struct shell;

/* getsockname or getpeername (PEER) of the handle NAME into SS and LEN;
 * a failure is said and logged, and gives NULL. */
struct handle	*sockname_get(struct shell *, const char *name, int peer,
		    struct sockaddr_storage *ss, socklen_t *len);

#endif
