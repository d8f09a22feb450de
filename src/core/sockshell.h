/* sockshell.h - the shell's core: handles, jobs, commands and their table. */
#ifndef SOCKSHELL_H
#define SOCKSHELL_H

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "base/i18n.h"
#include "input/lex.h"

#define HANDLE_NAME_MAX		32
#define SOURCE_DEPTH_MAX	16
#define RECV_DEFAULT		1024	/* as in the lecture: conn.recv(1024) */
#define RECV_MAX		(1024 * 1024)
#define VAR_NAME_MAX		32
#define SCRIPT_TIMEOUT		10	/* seconds a blocking call waits in a script */
#define LINE_MAX_BYTES		(1024 * 1024)	/* a longer line is refused */

/* Set by the SIGINT handler (installed by main); a waiting call stops. */
extern volatile sig_atomic_t shell_interrupted;
/* Set on SIGTERM or SIGHUP: the input loop ends, the sockets are closed. */
extern volatile sig_atomic_t shell_terminated;

/* One named socket. Closed handles stay listed, with their last addresses. */
struct handle {
	int			 id;		/* unique for the shell's life */
	char			 name[HANDLE_NAME_MAX + 1];
	int			 fd;		/* -1 once closed */
	int			 family, type;
	int			 listener_id;	/* accepted from this handle, or 0 */
	int			 nonblock;	/* the student asked for O_NONBLOCK */
	int			 connecting;	/* a connect was interrupted */
	int			 eof;		/* a recv returned 0 */
	int			 retired;	/* closed, its name used again */
	int			 port_chosen;	/* bound to a port other than 0:
						   the kernel keeps it for good */
	int			 port_lost;	/* a failed connect gave back the
						   port getsockname still shows */
	struct sockaddr_storage	 local, peer;	/* last known, kept after close */
	socklen_t		 local_len, peer_len;
	struct sockaddr_storage	 target;	/* where the last connect went: */
	socklen_t		 target_len;	/* the peer while in SYN_SENT */
	unsigned long long	 sent, received;
	int			 shut;		/* shutdown: 1 SHUT_RD, 2 SHUT_WR
						   (bits) */
	unsigned long		 opts_set;	/* options setsockopt set (bits
						   of sockopt_table) */
	uint64_t		 cookie;	/* SO_COOKIE: finds the connection
						   after close (diag.c) */
	/* The picture's reading of a socket that cannot change by itself (a
	 * TCP socket in CLOSE that never connected: state.c), kept until
	 * the next call on it: calls counts the events logged for it. */
	unsigned long		 calls;
	unsigned long		 brief_calls;	/* calls then, plus 1; 0: none */
	struct sockaddr_storage	 brief_local;
	socklen_t		 brief_local_len;
	int			 brief_nonblock;
};

/* A call that can wait: accept, connect, recv, send. */
enum op_kind { OP_ACCEPT, OP_CONNECT, OP_RECV, OP_SEND };
enum op_status { OP_DONE, OP_FAILED, OP_WAIT };

struct op {
	enum op_kind		 kind;
	int			 handle_id;
	char			 newname[HANDLE_NAME_MAX + 1];	/* accept */
	struct sockaddr_storage	 addr;				/* connect */
	socklen_t		 addrlen;
	char			*data;				/* send */
	size_t			 len, done;
	unsigned		 calls;
	size_t			 maxbytes;			/* recv */
	int			 started;	/* connect: the call is under way */
	int			 saved_flags;
	char			*desc;		/* the command, for jobs */
	size_t			 event;		/* a job: its pending entry in
						 * sh->events, plus 1; or 0 */
	/* The rest of the API (op-data.c): flags, sendto/recvfrom, bulk. */
	int			 flags;		/* MSG_* the student gave */
	int			 from;		/* recvfrom: show the sender */
	int			 bulk;		/* send --size/--file, recv --all */
	FILE			*file;		/* --file, --to, or NULL */
	char			*path;		/* its name */
	int			 created;	/* --to made it: gone if
						   the call fails empty */
	char			*buf;		/* a chunk; MSG_WAITALL's data */
	size_t			 buflen, bufpos;
	struct timespec		 t0;		/* when the call began */
	struct timespec		 moved;		/* a bulk transfer: when bytes
						   last moved */
};

struct job {
	int		 number;
	struct op	 op;
	char		*file;		/* the line that started it, for */
	unsigned long	 line;		/* its errors: FILE:LINE */
	struct job	*next;
};

/* What the picture needs: every call made, in order. */
enum ev_kind {
	EV_SOCKET, EV_BIND, EV_LISTEN, EV_ACCEPT, EV_CONNECT, EV_SEND,
	EV_RECV, EV_CLOSE,
	EV_SENDTO, EV_RECVFROM, EV_SHUTDOWN, EV_SETSOCKOPT, EV_GETSOCKOPT,
	EV_GETSOCKNAME, EV_GETPEERNAME, EV_SOCKETPAIR, EV_FCNTL, EV_POLL,
	EV_GETADDRINFO
};

struct event {
	enum ev_kind	 kind;
	int		 handle_id;
	int		 other_id;	/* accept: the new handle */
	long long	 result;	/* the call's return value */
	int		 err;		/* errno when result is -1 */
	int		 pending;	/* a job still waits for it */
	int		 stopped;	/* given up waiting: err is EINTR (Ctrl-C),
					 * ETIMEDOUT (--timeout) or ECANCELED
					 * (the job's socket was closed) */
	size_t		 began;		/* a job's result: its pending entry's
					 * index plus 1, where the call began */
	unsigned long	 seq;		/* when it was logged or last changed */
	union {				/* bind, connect: the address given */
		struct sockaddr		sa;
		struct sockaddr_in	in;
		struct sockaddr_in6	in6;
	}		 addr;
	socklen_t	 addrlen;
};

/* What follows each command that changes a socket. */
enum view { VIEW_TABLE, VIEW_PICTURE, VIEW_BOTH, VIEW_NONE };

struct var {
	char		 name[VAR_NAME_MAX + 1];
	char		*value;
};

struct shell {
	FILE		*out, *err;
	struct handle	**handles;	/* in creation order */
	size_t		 nhandles, handles_cap;
	struct handle	**by_name;	/* handle_find's hash: the newest
					   handle of each name (handle.c) */
	size_t		 by_name_cap;
	int		 next_id;
	struct job	*jobs;
	int		 max_job;	/* the highest job number given yet */
	struct event	*events;
	size_t		 nevents, events_cap;
	struct var	*vars;
	size_t		 nvars;
	char		*last_data;	/* what the last recv returned */
	size_t		 last_len;

	int		 interactive;	/* a person at a terminal */
	int		 echo;		/* print prompt + line for scripts */
	int		 quiet;		/* no state after each step */
	int		 bail;		/* stop a script at its first error */
	double		 timeout;	/* seconds a call may wait; 0 = forever */

	const char	*file;		/* where the current line comes from */
	unsigned long	 line;
	int		 depth;		/* source nesting */
	int		 failed;	/* a command failed: exit status 1 */
	int		 quit;
	enum view	 view;		/* after each command (quiet: none) */
	int		 color;		/* ANSI colours in the picture */
	unsigned long	 event_seq;	/* the last event's seq */
	unsigned long	 event_mark;	/* events after it are the newest step */
	int		 stop;		/* stop the lesson (end of a pause) */
	int		 lesson_stopped; /* input ended in a lesson's pause */
	int		 terminal;	/* readline is set up (input.c) */
	int		 pauses;	/* a lesson's 'pause' waits for Enter */

	/* Around output printed while the prompt is showing. */
	void		(*async_begin)(void);
	void		(*async_end)(void);
};

/* shell.c */
void		 shell_init(struct shell *, FILE *out, FILE *err);
void		 shell_free(struct shell *);
int		 shell_run_line(struct shell *, const char *line, size_t len);
void		 shell_error(struct shell *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* A failed call on the socket H (or NULL): what ERR means there, and
 * what to try; shell_call_failed prints the call's line first. */
void		 shell_syscall_error(struct shell *, const struct handle *,
		     const char *call, int err);
void		 shell_call_line(struct shell *, const char *prefix,
		     const char *call, int err, const char *argsfmt, ...)
		     __attribute__((format(printf, 5, 6)));
void		 shell_call_failed(struct shell *, const struct handle *,
		     const char *prefix, const char *call, int err,
		     const char *argsfmt, ...)
		     __attribute__((format(printf, 6, 7)));
void		 shell_show_state(struct shell *);
void		 put_sanitized(FILE *, const char *, size_t);	/* escaped */
void		 shell_async_begin(struct shell *);
void		 shell_async_end(struct shell *);
struct event	*shell_log(struct shell *, enum ev_kind, int handle_id,
		     int other_id, long long result, int err);
void		 event_set_addr(struct event *, const struct sockaddr_storage *,
		     socklen_t);
/* cmd-view.c: the view after each command */
void		 shell_show_view(struct shell *);
int		 view_parse(const char *);	/* an enum view, or -1 */
const char	*view_name(enum view);

/* handle.c */
struct handle	*handle_find(struct shell *, const char *name);
struct handle	*handle_by_id(struct shell *, int id);
struct handle	*handle_by_fd(struct shell *, int fd);
struct handle	*handle_add(struct shell *, const char *name, int fd,
		     int family, int type);
int		 handle_name_ok(const char *name, char *err);
void		 handle_default_name(struct shell *, const char *base,
		     char *buf);
struct handle	*handle_lookup(struct shell *, const char *name);
void		 handle_remember_addrs(struct handle *);
int		 handle_close(struct shell *, struct handle *);
size_t		 handle_open_count(struct shell *);

/* op.c: the calls that wait */
enum op_status	 op_step(struct shell *, struct op *, short *events,
		     const char *prefix);
void		 op_cancel(struct shell *, struct op *, int closing);
int		 op_recv_dontwait(const struct handle *);
void		 op_say_eof(struct shell *, struct handle *, const char *prefix,
		     const char *call, const char *args);
void		 op_free(struct op *);
const char	*op_waiting_for(struct shell *, const struct op *,
		     char *buf, size_t n);
int		 op_run(struct shell *, struct op *, int background);
struct cmd_args;
int		 op_prepare(struct shell *, struct op *, enum op_kind,
		     struct handle *, const char *cmd, const struct cmd_args *);

void		 hexdump(FILE *, const unsigned char *, size_t);

/* op-data.c: send and recv with MSG_* flags, sendto and recvfrom, bulk
 * data (send --size/--file, recv --all); op.c's steps hand over to them. */
int		 op_extended(const struct op *);
enum op_status	 op_step_send(struct shell *, struct op *, struct handle *,
		     short *events, const char *prefix);
enum op_status	 op_step_recv(struct shell *, struct op *, struct handle *,
		     short *events, const char *prefix);
double		 op_sotimeo(struct shell *, const struct op *);
void		 op_timed_out(struct shell *, struct op *, const char *prefix);
int		 op_recv_partial(struct shell *, struct op *,
		     const char *prefix, const char *why);
void		 op_drop_file(struct op *);
/* Data as shown: escape_bytes, and \xHH from 0x80 up where the locale's
 * charset is not UTF-8; op_show_data prints it in quotes. */
char		*op_escape(const char *, size_t len, size_t max, char *buf,
		     size_t n);
void		 op_show_data(struct shell *, const char *, size_t);
int		 op_data_args(struct shell *, struct op *,
		     const struct cmd_args *, size_t first, const char *cmd);
int		 op_recv_args(struct shell *, struct op *,
		     const struct cmd_args *, int first, int bulk_ok,
		     const char *cmd);

/* job.c */
struct job	*job_start(struct shell *, struct op *);
struct job	*job_find(struct shell *, int number);
struct job	*job_for_handle(struct shell *, int handle_id,
		     enum op_kind kind);
void		 jobs_cancel_handle(struct shell *, int handle_id,
		     const char *why);
size_t		 jobs_pollfds(struct shell *, struct pollfd *, size_t max);
size_t		 jobs_pollset(struct shell *, struct pollfd **, size_t *cap,
		     int fd, short events);
void		 jobs_check(struct shell *);
/* Milliseconds until the first job's SO_RCVTIMEO or SO_SNDTIMEO runs
 * out (jobs_check then ends it), or -1; and the sooner of two poll(2)
 * timeouts. */
int		 jobs_timeout(struct shell *);
int		 poll_sooner(int, int);
size_t		 jobs_count(struct shell *);
int		 shell_wait(struct shell *, int fd, short events, int job);

/* vars.c */
const char	*var_get(struct shell *, const char *name);
int		 var_set(struct shell *, const char *name, const char *value);
int		 var_name_ok(const char *name);
int		 vars_expand(struct shell *, struct tokens *, char *err);
void		 vars_print(struct shell *, FILE *, const char *text);
void		 vars_free(struct shell *);

/* expect.c */
int		 expect_split(struct tokens *, struct tokens *ex);
int		 expect_check(struct shell *, const struct tokens *ex,
		     const char *handle, int rc, size_t first,
		     int failed_before);

/* addr.c */
int		 parse_port(const char *s, uint16_t *port, char *err);
int		 parse_family(const char *s, int *family);
int		 parse_type(const char *s, int *type);
/* The one way host names are looked up (resolve, socket, bind ...):
 * getaddrinfo's code, or 1 when HOST is refused unasked (ERR says why);
 * *LOOPBACK: a localhost name, the loopback address of each family. */
struct addrinfo;
int		 host_lookup(const char *host, const char *service,
		     const struct addrinfo *hints, struct addrinfo **res,
		     int *loopback, char *err);
int		 parse_endpoint(struct shell *, const char *addr,
		     const char *port, int family, struct sockaddr_storage *,
		     socklen_t *, char *err);
char		*format_sockaddr(const struct sockaddr_storage *, socklen_t,
		     char *buf, size_t n);
const char	*family_name(int family);
const char	*type_name(int type);
const char	*proto_label(int family, int type);
int		 sockaddr_named(const struct sockaddr_storage *, socklen_t);
int		 parse_msg_flag(const char *s, int *flag);
char		*format_msg_flags(int flags, char *buf, size_t n);
int		 parse_size(const char *s, unsigned long long *v, char *err);
int		 handle_address_of(struct shell *, struct handle *h,
		     struct handle *other, struct sockaddr_storage *,
		     socklen_t *);

/* errinfo.c */
const char	*errno_name(int err);
const char	*errno_explain(const char *call, int err,
		    const struct handle *);

/* history.c: the history file (0600, no symbolic links) */
int		 hist_load(struct shell *, const char *path);
int		 hist_save(struct shell *, const char *path);

/* input.c */
int		 shell_run_file(struct shell *, const char *path);
int		 shell_run_stream(struct shell *, FILE *, const char *name);
int		 shell_run_terminal(struct shell *);
void		 shell_terminal_begin(struct shell *);
void		 shell_terminal_end(struct shell *);
int		 shell_pause(struct shell *);

/* lessons.c */
int		 lesson_find(const char *name, char *path, size_t n);
void		 lessons_list(FILE *);
const char	*lessons_dir(void);
const char	*locale_dir(void);

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

/* Helpers for command handlers: the handle named by argv[i], open. */
struct handle	*cmd_open_handle(struct shell *, const char *name);
/* getsockname or getpeername (PEER) of the handle NAME into SS and LEN;
 * a failure is said and logged, and gives NULL. */
struct handle	*cmd_sockname(struct shell *, const char *name, int peer,
		    struct sockaddr_storage *ss, socklen_t *len);

#endif
