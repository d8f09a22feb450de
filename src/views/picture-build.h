/* picture-build.h - what the picture's model is made of, inside
 * src/views/picture*.c only: the sockets and the calls as the picture sees
 * them, the pairs, the rows. */
#ifndef SOCKSHELL_PICTURE_BUILD_H
#define SOCKSHELL_PICTURE_BUILD_H

#include <stdint.h>
#include <sys/socket.h>

#include "base/evlog.h"
#include "core/handle.h"
#include "state/state.h"
#include "views/picture-event.h"
#include "views/picture-model.h"

enum { LEFT = PIC_LEFT, RIGHT = PIC_RIGHT };

#define NONE		(-1)
#define MAX_BARS	PIC_BARS
#define BUS_SLOTS	3	/* bus lines side by side, on each side */

/* The model's arrows (enum pic_arrow_kind), and one of the layout's. */
enum arrow {
	A_NONE = PIC_A_NONE,
	A_CONNECT = PIC_A_CONNECT,
	A_CONNECTING = PIC_A_CONNECTING,
	A_REFUSED = PIC_A_REFUSED,
	A_DATA = PIC_A_DATA,
	A_EOF = PIC_A_EOF,
	A_RESET = PIC_A_RESET,
	A_WAIT		/* a call still waiting: no arrow yet, but its row
			 * stays free for the one that will answer it */
};

/* One socket, as the picture sees it. */
struct psock {
	const struct handle	*h;
	struct sock_state	 st;
	int			 side;
	int			 dest;		/* gets what this one sends */
	int			 via;		/* connected to this listener, not
						 * accepted yet */
	int			 remote;	/* its peer is another program */
	int			 listener;	/* accepted from this one */
	int			 listened;
	int			 bind_k, connect_k, send_k, recv_k;
	int			 listen_k;	/* positions, or NONE */
	int			 conn_k;	/* its connect that got through */
	int			 conn_ok, last_connect_k;
	int			 close_k, eof_k;
	int			 rst_k;		/* its close that reset the
						 * connection */
	int			 reset_k;	/* its recv that met the reset */
	int			 tried_listen;	/* called listen, even failing */
	int			 port_bind;	/* asked bind for a port of its
						 * own (not 0), even failing */
	int			 last_row;	/* its last box's row, laid out
						 * so far */
	int			 first_k;	/* its first call (or the accept
						 * that made it), or NONE */
	int			 pair_side;	/* made by socketpair: its
						 * column, else NONE */
	int			 fin_k;		/* its shutdown or close that sent
						 * the end of the stream */
	unsigned long long	 sent, rcvd;	/* bytes, by the calls */
	int			 nsend, nrecv, nin;
	int			 send_at, recv_at, in_at;
	int			 fill_send, fill_recv, fill_in;
	int			 unmatched_in;	/* UDP: datagrams still unread */
	long long		 queued;	/* listener: the shell's connects
						 * in its queue */
};

/* One call, at its position in the order the calls began. */
struct pev {
	const struct event	*ev;
	enum ev_role		 role;
	int			 twin;		/* socketpair: the second socket */
	int			 sock;		/* NONE: its handle is unknown */
	int			 to;		/* data: the socket it goes to */
	int			 other;		/* accept: the new socket */
	enum arrow		 arrow;
	int			 out;		/* the arrow leaves its side */
	int			 partner;	/* position, or NONE */
	int			 bus;		/* the bus it joins, or NONE */
	int			 target;	/* connect: the listener, or NONE */
	int			 row;
	unsigned long long	 off, len;	/* data: the bytes carried */
	int			 newest;
	unsigned long		 id;		/* the call's, where it began */
};

/* A row: a box line in each column, maybe an arrow between them. */
struct prow {
	int		 cell[2];	/* positions, or NONE */
	int		 arrow;		/* the position whose arrow it is */
	/* Rows the kernel's state adds after the calls (another program). */
	int		 pseudo_sock;
	enum arrow	 pseudo_arrow;
	long long	 pseudo_n;
	/* The buses whose vertical line runs through this row. */
	int		 bars[MAX_BARS];
	int		 nbar;
};

/*
 * A bus: the calls that carry one run of a stream's bytes when sends and
 * recvs do not match one to one (two sends read at once, one send read in
 * two), or a pair of calls that could not share a row. Their rows' arrows
 * meet a vertical line in the gap, near the receiving side, so every
 * arrow reaches the call that took its bytes.
 */
struct pbus {
	int	 lo, hi;	/* its first and last rows */
	int	 side;		/* the receiving side */
	int	 slot;		/* which of the gap's bus lines */
};

/* An address as a hash key; IPv4-mapped IPv6 addresses as IPv4. */
struct ep {
	uint8_t		 family;
	uint8_t		 pad;
	uint16_t	 port;
	uint8_t		 addr[16];
};

struct key {
	struct ep	 a, b;
};

struct table {
	struct key	*keys;
	int		*vals;		/* NONE: empty */
	size_t		 mask;
};

struct picture {
	struct shell			*sh;
	const struct sock_state		*states;	/* read already, or
							 * NULL */
	struct psock			*s;
	size_t				 ns;
	struct pev			*e;
	size_t				 ne;
	struct prow			*r;
	size_t				 nr;
	struct pbus			*b;
	size_t				 nb;
	int				*send_list, *recv_list, *in_list;
	struct table			 tuples, listeners, udp;
	struct pgroup			*groups;	/* one: all of
							 * the sockets */
	size_t				 ngroups;
	int				 server_side;	/* the column
							 * titled Server */
};

struct pgroup {
	int	 row_at, nrows;		/* its rows in p->r */
	int	 newest;
};

/* A recv that takes what it reads: MSG_PEEK leaves it queued. */
static inline int
takes(const struct event *ev)
{
	return !(ev->flags & MSG_PEEK);
}

static inline int
is_tcp(const struct psock *s)
{
	return s->h->type == SOCK_STREAM;
}

/* A send that carried something: bytes, or a datagram (an empty one
 * too, which its receiver gets as a recv of 0). */
static inline int
sent_data(const struct psock *s, const struct event *ev)
{
	return ev->result > 0 || (ev->result == 0 && !is_tcp(s));
}

/* picture-peers.c */
const char *picture_peers_format(const struct event *ev, char *buf,
	    size_t n);
int	picture_peers_find(struct picture *p);
int	picture_peers_connect_target(struct picture *p, const struct pev *e);
int	picture_peers_datagram_to(struct picture *p, const struct event *ev);
int	picture_peers_may_be(const struct psock *s, const struct event *ev);
void	picture_peers_free(struct picture *p);

/* picture-pair.c */
int	picture_pair_collect(struct picture *p);
void	picture_pair_scan(struct picture *p);
void	picture_pair_arrows(struct picture *p);
int	picture_pair_groups(struct picture *p);
int	picture_pair_sides(struct picture *p);
int	picture_pair_list_data(struct picture *p);
void	picture_pair_calls(struct picture *p);

/* picture-layout.c */
int	picture_layout_prepare(struct picture *p);
void	picture_layout_free(struct picture *p);

#endif
