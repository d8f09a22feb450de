/* args.h - what the commands' arguments name (args.c). */
#ifndef SOCKSHELL_ARGS_H
#define SOCKSHELL_ARGS_H

#include <sys/socket.h>

struct handle;
struct shell;
struct sockopt;

/* The open handle NAME, or NULL after a message that says what to do. */
struct handle		*args_open_handle(struct shell *, const char *name);
/* The address of the open socket OTHER, to reach it from H; 0, or -1
 * after a message. */
int			 args_address_of(struct shell *, struct handle *h,
			     struct handle *other, struct sockaddr_storage *,
			     socklen_t *);
const struct sockopt	*args_sockopt(struct shell *, const char *s);

#endif
