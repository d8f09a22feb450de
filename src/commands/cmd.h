/* cmd.h - the command table. */
#ifndef SOCKSHELL_CMD_H
#define SOCKSHELL_CMD_H

#include <sys/socket.h>

#include "base/errinfo.h"
#include "base/words.h"
#include "core/shell.h"

struct tokens;

/* The command table (cmd.c), one entry per cmd-*.c file. */
enum cmd_retval { CMD_OK, CMD_ERROR, CMD_QUIT };

#define CMD_STATE	0x1	/* show the state after it */
#define CMD_BACKGROUND	0x2	/* may run as a job with '&' */
#define CMD_DATA	0x4	/* the last argument is data (may hold NUL) */
/*
 * A command added after the lecture's (clear, hint, wire, record...): a
 * prefix names it only where it names no other command, so no short form
 * that works (cl: close, h: help, w: wait, res: resolve, rec: recv) is
 * taken away, nor made ambiguous; its full name always works. A prefix
 * that names only late commands follows the usual rules among them.
 */
#define CMD_LATE	0x8

#define CMD_ADVICE_LISTS	3	/* an entry's advice lists, NULL ended */

struct cmd_args {
	int		 argc;		/* words after the command name */
	char		**argv;
	size_t		*lens;
	char		**vars;		/* argv[i] was "$NAME": NAME, or NULL */
	int		 background;	/* the line ended with '&' */
	int		 own_last;	/* argv[argc - 1] was allocated here */
	struct tokens	*tok;		/* the whole line, for raw data */
	/* Filled by cmd_run from what the entry declares: */
	const struct cmd_entry *ce;		/* the command run */
	struct handle	*h;		/* its ARG_TARGET, open (or closed
					   with ARG_CLOSED) */
	const struct cmd_entry *cmd;		/* its ARG_COMMAND, found */
	const struct cmd_entry *const *table;	/* every command */
};

/*
 * What each argument of a command is: its kind, declared in the command's
 * entry (.args), in the order the arguments come. Completion offers what
 * fits each place (the sockets' names, the families, the options...); the
 * framework (cmd_run) resolves the socket the command acts on before exec.
 *
 *   accept NAME [NEWNAME]:
 *	.args = ARGS({ .kind = ARG_HANDLE, .flags = ARG_TARGET },
 *	    { .kind = ARG_NEWNAME })
 *
 * An argument that may come again (ARG_REPEAT) is the last of its list.
 * One that may take several words (ARG_SPREAD: 127.0.0.1 8888, or
 * Python's tuple ('127.0.0.1', 8888) over three words) leaves the places
 * after it unknown: nothing is offered there. A subcommand is an
 * ARG_SUBCOMMAND whose words each bring their own arguments; options
 * after the arguments are an ARG_OPTIONS, repeated, its words as a
 * subcommand's. Words on another kind are words it may be besides:
 *
 *   wire on|off|all|save FILE:
 *	.args = ARGS({ .kind = ARG_SUBCOMMAND, .words = WORDS(
 *	    { .word = "on" }, { .word = "off" }, { .word = "all" },
 *	    { "save", ARGS({ .kind = ARG_FILE }) }) })
 *   record FILE|stop:
 *	.args = ARGS({ .kind = ARG_FILE, .words = WORDS({ .word = "stop" }) })
 *   export FILE --force:
 *	.args = ARGS({ .kind = ARG_FILE }, { .kind = ARG_OPTIONS,
 *	    .flags = ARG_REPEAT, .words = WORDS({ .word = "--force" }) })
 */
enum cmd_kind {
	ARG_END,	/* the end of a list of arguments */
	ARG_HANDLE,	/* the name of a socket of the shell */
	ARG_NEWNAME,	/* the name for a new socket */
	ARG_FAMILY,	/* AF_INET, AF_INET6, AF_UNIX (or a host) */
	ARG_TYPE,	/* SOCK_STREAM, SOCK_DGRAM */
	ARG_ADDRESS,	/* an address to bind to: ADDRESS PORT, ADDRESS:PORT,
			   ('ADDRESS', PORT), PATH */
	ARG_PEER,	/* where to connect or send: an address, or the name
			   of another socket of the shell (OTHER) */
	ARG_HOST,	/* a host name or address to look up */
	ARG_PORT,	/* a port, or a service's name */
	ARG_SOCKOPT,	/* a socket option: SO_REUSEADDR, TCP_NODELAY ... */
	ARG_VALUE,	/* a value: an option's, a variable's */
	ARG_CONSTANT,	/* one of a set of constants (.words: SHUT_RD ...) */
	ARG_SEND,	/* send's flags and options (MSG_OOB, --size BYTES,
			   --file PATH), then its DATA */
	ARG_RECV,	/* recv's MAXBYTES, flags and options (MSG_PEEK, --all,
			   --to PATH) */
	ARG_COMMAND,	/* a command's name, resolved by the framework */
	ARG_VIEW,	/* picture, table, both, none */
	ARG_ONOFF,	/* on or off */
	ARG_FILE,	/* a file's path */
	ARG_DATA,	/* bytes to send */
	ARG_NUMBER,	/* a number: a backlog, a width, a timeout, a job */
	ARG_NAME,	/* another name: a lesson's, a variable's */
	ARG_SUBCOMMAND,	/* one of .words, each with its own arguments */
	ARG_OPTIONS	/* options after the arguments: .words, each with its
			   own arguments */
};

#define ARG_REPEAT	0x1	/* may come again, to the end of the line */
#define ARG_SPREAD	0x2	/* may take several words */
#define ARG_TARGET	0x4	/* the socket the command acts on (an
				   ARG_HANDLE at a fixed place): cmd_run
				   gives it open in a->h, or says why not */
#define ARG_CLOSED	0x8	/* with ARG_TARGET: a closed socket too */
#define ARG_SETTABLE	0x10	/* ARG_SOCKOPT: only an option that can be
				   set (not SO_ERROR, SO_TYPE...) */

/* A word an argument may be: a constant, an option, a subcommand. */
struct cmd_word {
	const char		*word;	/* NULL: the end of the list */
	const struct cmd_arg	*args;	/* the arguments that follow it, or
					   NULL */
};

struct cmd_arg {
	enum cmd_kind		 kind;
	int			 flags;		/* ARG_ */
	const struct cmd_word	*words;		/* ARG_CONSTANT, ARG_SUBCOMMAND,
						   ARG_OPTIONS: the words; on
						   another kind: words it may
						   be besides, or NULL */
};

/* A list of arguments, ended. */
#define ARGS(...)	((const struct cmd_arg[]){ __VA_ARGS__, { ARG_END, 0, \
			    NULL } })
/* A list of words, ended. */
#define WORDS(...)	((const struct cmd_word[]){ __VA_ARGS__, { NULL, \
			    NULL } })

struct cmd_entry {
	const char	*name;
	const char	*alias;
	int		 min_args, max_args;	/* max -1: no limit */
	const struct cmd_arg *args;	/* what each argument is, or NULL:
					   none */
	const char	*usage;		/* N_() */
	const char	*summary;	/* N_() */
	const char	*help;		/* N_(): what it does */
	const char	*errors;	/* N_(): the errors it teaches, or NULL */
	/* What an errno from its calls means there, and what to try: its
	 * own list, then lists shared with other commands (advice.c), searched
	 * in order before the general advice (errinfo.c); NULL ends. */
	const struct errinfo_advice *advice[CMD_ADVICE_LISTS];
	/* The call it makes, as the event log and the picture know it: its
	 * box's name and its role (base/evlog.h); NULL: it makes none. */
	const struct ev_type *event;
	const char	*example;
	int		 flags;
	enum cmd_retval	(*exec)(struct shell *, struct cmd_args *);
};

extern const struct cmd_entry *const cmd_table[];
/* Runs CE on A: resolves what the entry declares (the socket it acts on,
 * a command's name), saying what is missing, then calls its exec. */
enum cmd_retval		 cmd_run(struct shell *, const struct cmd_entry *ce,
			    struct cmd_args *a);
const struct cmd_entry	*cmd_find(const char *name, char *err);
size_t			 cmd_count(void);
/* What ERR from CALL means, as said after the command CALL (bind...). */
const char		*cmd_explain(const char *call, int err);
/* The argument word N (1: the first after the command's name) of CE is,
 * after the words WORDS typed before it; NULL where none is known (past
 * the arguments, or after one spread over several words). */
const struct cmd_arg	*cmd_arg_at(const struct cmd_entry *, int n,
			    char *const *words);
/* The words offered for ARG (its constants, flags, options), or NULL. */
const struct cmd_word	*cmd_arg_words(const struct cmd_arg *);
/* What follows WORD where it is an option of any kind (--file: a file):
 * an option means the same after every command. ARG_END: nothing. */
enum cmd_kind		 cmd_word_takes(const char *word);
void			 doc_roff(FILE *);

#endif
