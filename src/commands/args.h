/* args.h - what the commands' arguments name (args.c). */
#ifndef SOCKSHELL_ARGS_H
#define SOCKSHELL_ARGS_H

#include <sys/socket.h>

#include "core/op.h"

struct cmd_args;
struct cmd_entry;
struct handle;
struct op;
struct shell;
struct sockopt;

/* The entry's usage, translated; "" for a command that takes nothing
 * (gettext("") would give the catalogue's header). */
const char		*args_usage(const struct cmd_entry *);
/* The next form of CE's usage from *U (first args_usage(CE)), into FORM:
 * "NAME DATA [&]", '&' at each form of a command that takes it; 0 past
 * the last. */
int			 args_usage_form(const struct cmd_entry *ce,
			     const char **u, char *form, size_t size);
int			 args_prepare(struct shell *, struct op *,
			     enum op_kind, const struct cmd_args *);
/* The open handle NAME, or NULL after a message that says what to do. */
struct handle		*args_open_handle(struct shell *, const char *name);
/* The address of the open socket OTHER, to reach it from H; 0, or -1
 * after a message. */
int			 args_address_of(struct shell *, struct handle *h,
			     struct handle *other, struct sockaddr_storage *,
			     socklen_t *);
const struct sockopt	*args_sockopt(struct shell *, const char *s);

/*
 * The data words of send and sendto, from token FIRST of the line: MSG_*
 * flags, then DATA (one quoted string, or the rest of the line as typed),
 * --size BYTES, or --file PATH. Fills OP; 0, or -1 after a message.
 */
int			 args_data(struct shell *, struct op *,
			     const struct cmd_args *, size_t first);
/*
 * The words of recv and recvfrom from argument FIRST: MAXBYTES, MSG_*
 * flags, and (BULK_OK) --all or --to PATH [--replace]. Fills OP; 0, or -1
 * after a message.
 */
int			 args_recv(struct shell *, struct op *,
			     const struct cmd_args *, int first, int bulk_ok);

#endif
