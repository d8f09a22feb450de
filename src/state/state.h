/* state.h - what the kernel says about each socket, collected apart from
 * how it is drawn (render.c draws the table; the picture reads the same). */
#ifndef SOCKSHELL_STATE_H
#define SOCKSHELL_STATE_H

#include <stdint.h>
#include <sys/socket.h>

#include "state/sockopt.h"

struct shell;
struct handle;

/* The socket's place in the lecture's lifecycle. */
enum step {
	STEP_CREATED, STEP_BOUND, STEP_LISTENING, STEP_CONNECTING,
	STEP_CONNECTED, STEP_DISCONNECTED, STEP_CLOSED
};

struct sock_state {
	const struct handle	*h;
	enum step		 step;
	int			 open;		/* the fd is still ours */
	int			 listening;	/* SO_ACCEPTCONN */
	int			 tcp_state;	/* tcpi_state, 0 when not TCP */
	unsigned		 accept_queue;	/* listener: tcpi_unacked */
	unsigned		 backlog;	/* listener: tcpi_sacked */
	int			 inq;		/* SIOCINQ, -1 when unknown */
	int			 dgram_waiting;	/* a datagram waits: SIOCINQ
						   is its size, 0 for an
						   empty one as for none */
	int			 outq;		/* SIOCOUTQ, -1 when unknown */
	struct sockaddr_storage	 local, peer;
	socklen_t		 local_len, peer_len;	/* 0: none */
	unsigned		 ino, peer_ino;	/* AF_UNIX: the socket's inode
						   and its peer's (sock_diag),
						   which pair the two ends */
	/* The rest of the kernel's view (see the DETAILS in render.c). */
	int			 afterlife;	/* the connection outlives the
						   socket (closed, or its own
						   state CLOSE): tcp_state is
						   from sock_diag */
	unsigned		 expires_ms;	/* afterlife: its timer */
	int			 have_info;	/* the TCP_INFO fields below */
	unsigned		 segs_in, segs_out;
	unsigned long long	 bytes_acked, bytes_received;
	int			 nonblock;	/* O_NONBLOCK */
	int			 shut;		/* the handle's shutdown bits */
	unsigned long		 opts_differ;	/* bits of sockopt_table: */
	union optval		 opts[SOCKOPT_MAX];	/* their values */
};

/* diag.c: what the kernel keeps that no descriptor shows. */
struct diag_tcp {
	int			 state;		/* tcpi_state numbering */
	unsigned		 expires_ms;	/* its timer, 0: none */
};

int		 diag_tcp_find(const struct sockaddr_storage *local,
		     const struct sockaddr_storage *peer, uint64_t cookie,
		     struct diag_tcp *);
int		 diag_tcp_find_proc(const struct sockaddr_storage *local,
		     const struct sockaddr_storage *peer, struct diag_tcp *);
int		 diag_unix_queue(int fd, unsigned *queue, unsigned *backlog);
/* An AF_UNIX socket's inode and its peer's (0: none, or not accepted). */
int		 diag_unix_peer(int fd, unsigned *ino, unsigned *peer);

void		 state_collect(const struct handle *, struct sock_state *);
/* Only what the picture and the table show, in fewer calls; what it read
 * of a socket that cannot change by itself is kept in the handle, for the
 * next step. */
void		 state_collect_brief(struct handle *, struct sock_state *);
const char	*state_tcp_name(int tcp_state);
const char	*state_step_name(enum step);
const char	*state_step_name_c(enum step);

#endif
