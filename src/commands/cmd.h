/* cmd.h - the command table. */
#ifndef SOCKSHELL_CMD_H
#define SOCKSHELL_CMD_H

#include <sys/socket.h>

#include "core/shell.h"
#include "input/lex.h"

/* The command table (cmd.c), one entry per cmd-*.c file. */
enum cmd_retval { CMD_OK, CMD_ERROR, CMD_QUIT };

#define CMD_STATE	0x1	/* show the state after it */
#define CMD_BACKGROUND	0x2	/* may run as a job with '&' */
#define CMD_DATA	0x4	/* the last argument is data (may hold NUL) */

struct cmd_args {
	int		 argc;		/* words after the command name */
	char		**argv;
	size_t		*lens;
	char		**vars;		/* argv[i] was "$NAME": NAME, or NULL */
	int		 background;	/* the line ended with '&' */
	int		 own_last;	/* argv[argc - 1] was allocated here */
	struct tokens	*tok;		/* the whole line, for raw data */
};

struct cmd_entry {
	const char	*name;
	const char	*alias;
	int		 min_args, max_args;	/* max -1: no limit */
	const char	*usage;		/* N_() */
	const char	*summary;	/* N_() */
	const char	*help;		/* N_(): what it does */
	const char	*errors;	/* N_(): the errors it teaches, or NULL */
	const char	*example;
	int		 flags;
	enum cmd_retval	(*exec)(struct shell *, struct cmd_args *);
};

extern const struct cmd_entry *const cmd_table[];
const struct cmd_entry	*cmd_find(const char *name, char *err);
/* The entry's usage, translated; "" for a command that takes nothing
 * (gettext("") would give the catalogue's header). */
const char	*cmd_usage_text(const struct cmd_entry *);
void			 cmd_usage(struct shell *, const struct cmd_entry *);
size_t			 cmd_count(void);
void			 cmd_doc_roff(FILE *);

extern const struct cmd_entry cmd_accept_entry;
extern const struct cmd_entry cmd_bind_entry;
extern const struct cmd_entry cmd_close_entry;
extern const struct cmd_entry cmd_connect_entry;
extern const struct cmd_entry cmd_getpeername_entry;
extern const struct cmd_entry cmd_getsockname_entry;
extern const struct cmd_entry cmd_getsockopt_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_jobs_entry;
extern const struct cmd_entry cmd_lesson_entry;
extern const struct cmd_entry cmd_listen_entry;
extern const struct cmd_entry cmd_nonblock_entry;
extern const struct cmd_entry cmd_pause_entry;
extern const struct cmd_entry cmd_picture_entry;
extern const struct cmd_entry cmd_poll_entry;
extern const struct cmd_entry cmd_quit_entry;
extern const struct cmd_entry cmd_recv_entry;
extern const struct cmd_entry cmd_recvfrom_entry;
extern const struct cmd_entry cmd_resolve_entry;
extern const struct cmd_entry cmd_send_entry;
extern const struct cmd_entry cmd_sendto_entry;
extern const struct cmd_entry cmd_set_entry;
extern const struct cmd_entry cmd_setsockopt_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_shutdown_entry;
extern const struct cmd_entry cmd_socket_entry;
extern const struct cmd_entry cmd_socketpair_entry;
extern const struct cmd_entry cmd_source_entry;
extern const struct cmd_entry cmd_view_entry;
extern const struct cmd_entry cmd_wait_entry;

#endif
