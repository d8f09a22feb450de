/* privnet.h - a private network of the shell's own: a new user and
 * network namespace with only the loopback interface, up. */
#ifndef SOCKSHELL_PRIVNET_H
#define SOCKSHELL_PRIVNET_H

#include <stddef.h>
#include <sys/types.h>

/* Enters a new user+network namespace (this user mapped to itself) and
 * brings lo up. -1 with WHY; *FORBIDDEN: the kernel forbids user
 * namespaces here. */
int		 privnet_enter(int *forbidden, char *why, size_t n);
/* Joins the private network of the sockshell PID; -1 with WHY. */
int		 privnet_join(pid_t pid, char *why, size_t n);

#endif
