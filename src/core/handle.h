/* handle.h - named sockets. */
#ifndef SOCKSHELL_HANDLE_H
#define SOCKSHELL_HANDLE_H

#include <stdint.h>
#include <sys/socket.h>

#include "base/evlog.h"

struct errinfo_situation;
struct shell;

#define HANDLE_NAME_MAX		32

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
	int			 scripted;	/* made by a line of a script or a
						   lesson, not typed at a prompt */
	int			 port_chosen;	/* bound to a port other than 0:
						   the kernel keeps it for good */
	int			 port_lost;	/* a failed connect gave back the
						   port getsockname still shows */
	/* The picture's column its script's lines will put it in (read
	 * ahead, core/roles.h): 0 the server's, 1 the client's, -1 not
	 * known; SURE: by what it will do (listen; a TCP connect), else
	 * a hint below its name. */
	int			 side_ahead, side_ahead_sure;
	struct sockaddr_storage	 local, peer;	/* last known, kept after close */
	socklen_t		 local_len, peer_len;
	struct sockaddr_storage	 target;	/* where the last connect went: */
	socklen_t		 target_len;	/* the peer while in SYN_SENT */
	unsigned long long	 sent, received;
	int			 shut;		/* shutdown: 1 SHUT_RD, 2 SHUT_WR
						   (bits) */
	unsigned long		 opts_set;	/* options setsockopt set (bits
						   of sockopt_table) */
	unsigned		 unix_ino;	/* AF_UNIX: its inode and its */
	unsigned		 unix_peer_ino;	/* peer's, kept after close */
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

/* handle.c */
struct handle	*handle_find(struct shell *, const char *name);
struct handle	*handle_by_id(struct shell *, int id);
struct handle	*handle_by_fd(struct shell *, int fd);
struct handle	*handle_add(struct shell *, const char *name, int fd,
		     int family, int type);
int		 handle_name_ok(const char *name, char *err);
void		 handle_default_name(struct shell *, const char *base,
		     char *buf);
void		 handle_remember_addrs(struct handle *);
/* Builds the names' hash anew, after handles left the array. */
void		 handle_reindex(struct shell *);
int		 handle_close(struct handle *);
size_t		 handle_open_count(struct shell *);
void		 handle_situation(const struct handle *,
		     struct errinfo_situation *);

/* Appends an event for the picture (and the expectations): a call made
 * on handle HANDLE_ID and what it returned; NULL when memory ran out. */
struct event	*handle_log(struct shell *, const struct ev_type *,
		     int handle_id, int other_id, long long result, int err);

#endif
