/* op.h - the calls that can wait: accept, connect, recv, send. */
#ifndef SOCKSHELL_OP_H
#define SOCKSHELL_OP_H

#include <stdio.h>
#include <sys/socket.h>
#include <time.h>

#include "core/handle.h"

struct errinfo_advice;
struct shell;

#define RECV_DEFAULT		1024	/* as in the lecture: conn.recv(1024) */
#define RECV_MAX		(1024 * 1024)
#define OP_SHOW_DATA		60	/* bytes of data shown in a call line */

/* A call that can wait: accept, connect, recv, send. */
enum op_kind { OP_ACCEPT, OP_CONNECT, OP_RECV, OP_SEND };
enum op_status { OP_DONE, OP_FAILED, OP_WAIT };

struct op {
	enum op_kind		 kind;
	const struct ev_type	*type;		/* its call, as its command
						   declared it (base/evlog.h) */
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
	const struct errinfo_advice *const *advice;	/* the command's,
						 * for a failure */
	size_t			 event;		/* a job: its pending entry in
						 * sh->log.v, plus 1; or 0 */
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

/* op.c: the calls that wait */
enum op_status	 op_step(struct shell *, struct op *, short *events,
		     const char *prefix);
void		 op_cancel(struct shell *, struct op *, int closing);
int		 op_recv_dontwait(const struct handle *);
/* The size of the datagram H's next recv takes (FIONREAD), -1 when H is
 * no datagram socket or the kernel does not say. */
long long	 op_next_datagram(const struct handle *);
/* What a recv's event keeps beside its result: the MSG_* FLAGS, the
 * datagram's WHOLE size (0 unknown), its sender (FROM, FROMLEN). */
void		 op_log_recv(struct event *, int flags, long long whole,
		     const struct sockaddr_storage *from, socklen_t fromlen);
void		 op_say_eof(struct shell *, struct handle *, const char *prefix,
		     const char *call, const char *args);
void		 op_free(struct op *);
const char	*op_waiting_for(struct shell *, const struct op *,
		     char *buf, size_t n);
int		 op_run(struct shell *, struct op *, int background);
/* At a terminal: how to go on from OP, which waits (the background, a
 * second terminal for an accept). */
void		 op_say_ways_on(struct shell *, struct op *);
int		 op_prepare(struct shell *, struct op *, enum op_kind,
		     struct handle *, const char *cmd, int argc,
		     char *const *argv, const size_t *lens);


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
/* Data as shown: text_escape, and \xHH from 0x80 up where the locale's
 * charset is not UTF-8; op_show_data prints it in quotes. */
char		*op_escape(const char *, size_t len, size_t max, char *buf,
		     size_t n);
void		 op_show_data(struct shell *, const char *, size_t);
/* One send(2) for OP on H, counted (op-data.c); -1 with *ERR set. */
ssize_t		 op_send_once(struct op *, struct handle *, const char *p,
		     size_t len, int flags, int *err);
/* Seconds since T (CLOCK_MONOTONIC). */
double		 op_since(const struct timespec *t);

/* op-bulk.c: send --size/--file, recv --all/--to, as op-data.c's steps. */
enum op_status	 op_bulk_send(struct shell *, struct op *, struct handle *,
		     short *events, const char *prefix);
enum op_status	 op_bulk_recv(struct shell *, struct op *, struct handle *,
		     short *events, const char *prefix);
/* What the commands' arguments asked for (args.c reads them): send
 * --size or --file, recv --all or --to. 0, or -1 after a message. */
int		 op_send_bulk(struct shell *, struct op *, const char *path,
		     unsigned long long size);
int		 op_recv_bulk(struct shell *, struct op *, size_t max,
		     const char *path, int replace);

#endif
