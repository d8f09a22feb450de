/* state.h - what the kernel says about each socket, collected apart from
 * how it is drawn (render.c draws the table; the picture reads the same). */
#ifndef SOCKSHELL_STATE_H
#define SOCKSHELL_STATE_H

#include <sys/socket.h>

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
	int			 outq;		/* SIOCOUTQ, -1 when unknown */
	struct sockaddr_storage	 local, peer;
	socklen_t		 local_len, peer_len;	/* 0: none */
};

void		 state_collect(const struct handle *, struct sock_state *);
const char	*tcp_state_name(int tcp_state);
const char	*step_name(enum step);
const char	*step_name_c(enum step);

/* render.c: the state table after each command. */
void		 render_state(struct shell *);
void		 render_jobs(struct shell *, FILE *);

#endif
