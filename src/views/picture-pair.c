/* picture-pair.c - what each call did and which call answers which.
 *
 * Every call the shell made is a box line in its socket's column: the
 * server's (sockets that listen, and the connections they accept) on the
 * left, the client's (sockets that connect) on the right, each column in
 * the order of its calls. A call that sends something (connect, send,
 * close) and the call that takes it on the other side (accept, recv) share
 * a row, with an arrow between them; the pairs are found by address (an
 * accepted socket's peer is its client's local address) and by the bytes
 * of the stream. When they cannot share a row (messages crossed), or a
 * stream's sends and recvs do not match one to one (TCP keeps no message
 * boundaries: two sends read at once, one send read in two), their arrows
 * meet a vertical bus line in the gap, so each reaches the Receive that
 * took its bytes; an arrow stops short only where the bytes were lost.
 * Where the other end is another program, its column shows that
 * program's address.
 *
 * A socket's column is decided when its first box is drawn, and kept:
 * each step adds to the picture before it, as on the slides.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/evlog.h"
#include "core/shell.h"
#include "views/picture-build.h"

/* Orders the calls as they began: a job's result where the job started. */
int
picture_pair_collect(struct picture *p)
{
	struct shell *sh = p->sh;
	size_t i, n = 0, nid = (size_t)sh->next_id + 1;
	int *done, *idmap;

	for (i = 0; i < sh->log.n; i++)
		n += picture_event_role(&sh->log.v[i]) ==
		    ROLE_SOCKETPAIR;
	done = malloc((sh->log.n + 1) * sizeof *done);
	idmap = malloc(nid * sizeof *idmap);
	p->e = calloc(sh->log.n + n + 1, sizeof *p->e);
	n = 0;
	if (done == NULL || idmap == NULL || p->e == NULL) {
		free(done);
		free(idmap);
		return -1;
	}
	for (i = 0; i < nid; i++)
		idmap[i] = NONE;
	for (i = 0; i < p->ns; i++)
		if (p->s[i].h->id >= 0 && (size_t)p->s[i].h->id < nid)
			idmap[p->s[i].h->id] = (int)i;
	for (i = 0; i < sh->log.n; i++)
		done[i] = NONE;
	for (i = 0; i < sh->log.n; i++)
		if (sh->log.v[i].began > 0 && sh->log.v[i].began - 1 < i)
			done[sh->log.v[i].began - 1] = (int)i;
	for (i = 0; i < sh->log.n; i++) {
		const struct event *ev = &sh->log.v[i];
		unsigned long id = ev->id;
		struct pev *e;

		if (ev->began > 0 && ev->began - 1 < i)
			continue;	/* drawn where its job began */
		if (done[i] != NONE)
			ev = &sh->log.v[done[i]];
		if (picture_event_role(ev) == ROLE_NONE)
			continue;
		e = &p->e[n++];
		e->ev = ev;
		e->id = id;
		e->role = picture_event_role(ev);
		e->sock = ev->handle_id > 0 && (size_t)ev->handle_id < nid ?
		    idmap[ev->handle_id] : NONE;
		e->partner = e->target = e->row = e->other = e->to = NONE;
		e->bus = NONE;
		if ((e->role == ROLE_ACCEPT || e->role == ROLE_SOCKETPAIR) &&
		    ev->other_id > 0 && (size_t)ev->other_id < nid)
			e->other = idmap[ev->other_id];
		e->newest = ev->seq > sh->log.mark;
		if (e->role == ROLE_SOCKETPAIR && e->other != NONE) {
			/* Two sockets at once: a box in each column, the
			 * first socket's on the left. */
			if (e->sock != NONE && ev->result >= 0) {
				p->s[e->sock].pair_side = LEFT;
				p->s[e->other].pair_side = RIGHT;
			}
			p->e[n] = *e;
			p->e[n].twin = 1;
			p->e[n].sock = e->other;
			p->e[n].other = e->sock;
			n++;
		}
	}
	p->ne = n;
	/* The connection an accept made is a socket of the server's. */
	for (i = 0; i < n; i++)
		if (p->e[i].role == ROLE_ACCEPT && p->e[i].other != NONE &&
		    p->e[i].sock != NONE && p->e[i].ev->result >= 0)
			p->s[p->e[i].other].listener = p->e[i].sock;
	free(done);
	free(idmap);
	return 0;
}

/* The port a bind asked for, 0 when it let the kernel choose. */
static int
bind_port(const struct event *ev)
{
	if (ev->addrlen >= sizeof ev->addr.in &&
	    ev->addr.sa.sa_family == AF_INET)
		return ev->addr.in.sin_port;
	if (ev->addrlen >= sizeof ev->addr.in6 &&
	    ev->addr.sa.sa_family == AF_INET6)
		return ev->addr.in6.sin6_port;
	/* AF_UNIX: a path is a server's address; "@" (autobind) is not */
	return ev->addr.sa.sa_family == AF_UNIX &&
	    ev->addrlen > sizeof(sa_family_t) + 1;
}

/* What each socket did, in order; the bytes each data call carried. */
void
picture_pair_scan(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		const struct event *ev = e->ev;
		struct psock *s;
		int ok = ev->result >= 0 && !ev->pending;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		switch (e->role) {
		case ROLE_BIND:
			if (ok && s->bind_k == NONE)
				s->bind_k = (int)k;
			if (!ev->pending && bind_port(ev) != 0 &&
			    s->connect_k == NONE)
				s->port_bind = 1;
			break;
		case ROLE_LISTEN:
			s->tried_listen = 1;
			if (ok) {
				s->listened = 1;
				s->listen_k = (int)k;
			}
			break;
		case ROLE_CONNECT:
			if (s->connect_k == NONE)
				s->connect_k = (int)k;
			s->last_connect_k = (int)k;
			if (ev->result == 0 && !ev->pending)
				s->conn_ok = (int)k;
			break;
		case ROLE_SEND:
			if (sent_data(s, ev)) {
				if (s->send_k == NONE)
					s->send_k = (int)k;
				e->off = s->sent;
				e->len = (unsigned long long)ev->result;
				s->sent += e->len;
				s->nsend++;
			}
			break;
		case ROLE_RECV:
			if (ok && takes(ev)) {
				if (s->recv_k == NONE)
					s->recv_k = (int)k;
				e->off = s->rcvd;
				e->len = (unsigned long long)ev->result;
				s->rcvd += e->len;
				s->nrecv++;
			}
			if (s->eof_k == NONE && ok && ev->result == 0 &&
			    is_tcp(s) && takes(ev))
				s->eof_k = (int)k;
			if (s->reset_k == NONE && ev->result < 0 &&
			    ev->err == ECONNRESET)
				s->reset_k = (int)k;
			break;
		case ROLE_CLOSE:
			if (ok && s->close_k == NONE)
				s->close_k = (int)k;
			/* A close that resets sends no end of stream. */
			if (ok && ev->resets && s->rst_k == NONE)
				s->rst_k = (int)k;
			else if (ok && s->fin_k == NONE)
				s->fin_k = (int)k;
			break;
		case ROLE_SHUTDOWN:
			/* Which direction is not logged: the socket's
			 * shutdown bits tell whether its sending ended. */
			if (ok && s->fin_k == NONE && (s->h->shut & 2))
				s->fin_k = (int)k;
			break;
		default:
			break;
		}
	}
}

/* The side a socket's name says, as the lecture's and the lessons' names
 * do (srv, server; cli, client, c, c1): a guess, below what it will
 * do. */
static int
name_side(const char *name)
{
	size_t n;

	if (strncasecmp(name, "srv", 3) == 0 ||
	    strncasecmp(name, "serv", 4) == 0)
		return LEFT;
	if (strncasecmp(name, "cli", 3) == 0)
		return RIGHT;
	/* c, c1 (not s: Python's examples call a client s too) */
	n = strspn(name + 1, "0123456789");
	if (name[0] != '\0' && name[1 + n] == '\0' &&
	    strchr("cC", name[0]) != NULL)
		return RIGHT;
	return NONE;
}

/* Set up as a server, whatever it did after: it tried to listen, took a
 * connection, or asked for a port of its own before any connect. */
static int
serves(const struct psock *s)
{
	return s->tried_listen || s->listened || s->listener != NONE ||
	    s->port_bind;
}

/*
 * Server or client: decided when the socket's first box is drawn, from
 * what is known then, and kept, so that no box ever moves. What is known
 * then: the socket socketpair or accept made it as; what the lines of
 * its script will make it do (read ahead: core/roles.h), surely (listen,
 * a port of its own; a TCP connect) before its name (srv, cli), and as a
 * hint (a bind to port 0, a UDP socket's first send or recv) after it;
 * else the server when no socket of the server's is open when it is
 * made, else a client.
 */
static int
first_side(const struct picture *p, const struct psock *s, int server)
{
	int named = name_side(s->h->name);

	if (s->pair_side != NONE)
		return s->pair_side;
	if (s->listener != NONE && p->s[s->listener].side != NONE)
		return p->s[s->listener].side;
	if (s->h->side_ahead != NONE && s->h->side_ahead_sure)
		return s->h->side_ahead;
	if (named != NONE)
		return named;
	if (s->h->side_ahead != NONE)
		return s->h->side_ahead;
	return server ? RIGHT : LEFT;
}

/* What a socket did says it is, whatever its column: the server's
 * (LEFT), the client's (RIGHT), or NONE. */
static int
role_of(const struct psock *s)
{
	if (serves(s) || s->st.listening)
		return LEFT;
	if (is_tcp(s))
		return s->connect_k != NONE ? RIGHT : NONE;
	/* UDP: a server binds its well-known port; a client connects (or
	 * sends) first. */
	if (s->bind_k != NONE && (s->connect_k == NONE ||
	    s->bind_k < s->connect_k))
		return LEFT;
	if (s->connect_k != NONE || s->send_k != NONE)
		return RIGHT;
	return s->recv_k != NONE ? LEFT : NONE;
}

/*
 * The columns' titles, which may change where boxes may not: the
 * server's column is the left one, unless only the right one holds a
 * server's socket, or no column does and only the left one holds a
 * client's (its server is another program, on the right).
 */
static void
titles(struct picture *p)
{
	int srv[2] = { 0, 0 }, cli[2] = { 0, 0 }, r;
	size_t i;

	for (i = 0; i < p->ns; i++) {
		if (p->s[i].pair_side != NONE ||
		    (r = role_of(&p->s[i])) == NONE)
			continue;
		if (r == LEFT)
			srv[p->s[i].side] = 1;
		else
			cli[p->s[i].side] = 1;
	}
	p->server_side = (srv[RIGHT] && !srv[LEFT]) || (!srv[LEFT] &&
	    !srv[RIGHT] && cli[LEFT] && !cli[RIGHT]) ? RIGHT : LEFT;
}

static int
by_first_k(const void *a, const void *b, void *arg)
{
	const struct psock *s = arg;
	int x = s[*(const int *)a].first_k, y = s[*(const int *)b].first_k;

	/* Sockets with no call left (forgotten by 'clear') go first, as
	 * they were made first. */
	if (x == NONE || y == NONE)
		return (x != NONE) - (y != NONE);
	return (x > y) - (x < y);
}

/* Each socket's side, in the order the sockets were made. */
int
picture_pair_sides(struct picture *p)
{
	int *order = malloc((p->ns + 1) * sizeof *order), open_until = NONE;
	size_t i;

	if (order == NULL)
		return -1;
	for (i = 0; i < p->ne; i++) {
		const struct pev *e = &p->e[i];

		if (e->sock != NONE && p->s[e->sock].first_k == NONE)
			p->s[e->sock].first_k = (int)i;
		if (e->role == ROLE_ACCEPT && e->other != NONE &&
		    p->s[e->other].first_k == NONE)
			p->s[e->other].first_k = (int)i;
	}
	for (i = 0; i < p->ns; i++)
		order[i] = (int)i;
	qsort_r(order, p->ns, sizeof *order, by_first_k, p->s);
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[order[i]];

		/* A server's socket still open when it was made: the last
		 * of their closes comes after its first call. */
		s->side = first_side(p, s, open_until != NONE &&
		    (s->first_k == NONE || open_until > s->first_k));
		if (s->side == LEFT && open_until != INT32_MAX)
			open_until = s->close_k == NONE ? INT32_MAX :
			    s->close_k > open_until ? s->close_k : open_until;
	}
	titles(p);
	free(order);
	return 0;
}

/*
 * One picture, as on the slides: every socket of the shell's in it, each
 * call on a row in the order the calls began. (A picture for each
 * conversation would move a socket's boxes from one to another when it
 * began to talk.)
 */
int
picture_pair_groups(struct picture *p)
{
	size_t i;

	if ((p->groups = calloc(1, sizeof *p->groups)) == NULL)
		return -1;
	p->ngroups = p->ns > 0;
	for (i = 0; i < p->ne; i++)
		if (p->e[i].sock != NONE)
			p->groups->newest |= p->e[i].newest;
	return 0;
}

/* A TCP connect's arrow (the call at K): a connection, a handshake under
 * way, or refused; and the listener it reached. */
static void
connect_arrow(struct picture *p, int k)
{
	struct pev *e = &p->e[k];
	const struct event *ev = e->ev;
	struct psock *s = &p->s[e->sock];

	e->out = 1;
	if (ev->pending)
		e->arrow = A_CONNECTING;
	else if (ev->result == 0)
		e->arrow = A_CONNECT;
	else if (ev->stopped || ev->err == EINPROGRESS ||
	    ev->err == EALREADY) {
		/* The kernel goes on with the handshake: the socket's state
		 * tells how far it got. */
		if (k != s->last_connect_k)
			return;
		if (s->st.step == STEP_CONNECTING)
			e->arrow = A_CONNECTING;
		else if (s->st.peer_len > 0 && s->conn_ok == NONE)
			e->arrow = A_CONNECT;
	} else if (ev->err == ECONNREFUSED || ev->err == ETIMEDOUT ||
	    ev->err == EHOSTUNREACH || ev->err == ENETUNREACH ||
	    ev->err == ECONNRESET)
		e->arrow = A_REFUSED;
	if (e->arrow == A_CONNECT)
		s->conn_k = k;
	if (e->arrow != A_NONE && e->arrow != A_REFUSED)
		e->target = picture_peers_connect_target(p, e);
}

/* The arrow each call draws, and which way it points. */
void
picture_pair_arrows(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		const struct event *ev = e->ev;
		struct psock *s;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		e->arrow = A_NONE;
		if (ev->pending && e->role != ROLE_CONNECT) {
			e->arrow = A_WAIT;
			continue;
		}
		switch (e->role) {
		case ROLE_CONNECT:
			if (is_tcp(s))
				connect_arrow(p, (int)k);
			break;
		case ROLE_ACCEPT:
			if (ev->result >= 0)
				e->arrow = A_CONNECT;
			break;
		case ROLE_SEND:
			if (sent_data(s, ev)) {
				e->arrow = A_DATA;
				e->out = 1;
				e->to = s->dest;
				if (!is_tcp(s) && ev->addrlen > 0)
					e->to = picture_peers_datagram_to(p, ev);
			}
			break;
		case ROLE_RECV:
			/* A datagram socket's 0: an empty datagram, or, with
			 * no sender and the reading side shut, no datagram at
			 * all (shutdown rd makes recv return 0 at once). */
			if (ev->result == 0 && !is_tcp(s) && ev->addrlen == 0 &&
			    (s->h->shut & 1))
				break;
			/* MSG_PEEK takes nothing: no arrow ends at it. */
			if (ev->result >= 0 && !takes(ev))
				break;
			if (ev->result > 0 || (ev->result == 0 && !is_tcp(s)))
				e->arrow = A_DATA;
			else if (ev->result == 0 && !ev->stopped)
				e->arrow = A_EOF;
			else if (ev->err == ECONNRESET)
				e->arrow = A_RESET;
			break;
		case ROLE_SOCKETPAIR:
			e->arrow = A_CONNECT;
			e->out = !e->twin;
			break;
		case ROLE_CLOSE:
		case ROLE_SHUTDOWN:
			/* The end of the stream (or the reset) reaches the
			 * peer, unless the peer was closed before. */
			if (((int)k != s->fin_k && (int)k != s->rst_k) ||
			    !is_tcp(s) ||
			    s->st.peer_len == 0 || s->listened)
				break;
			if (s->dest != NONE && p->s[s->dest].close_k != NONE &&
			    p->s[s->dest].close_k < (int)k)
				break;
			if (s->dest == NONE && !s->remote)
				break;
			e->arrow = (int)k == s->rst_k ? A_RESET : A_EOF;
			e->out = 1;
			break;
		default:
			break;
		}
	}
}

static void
link_pair(struct picture *p, int a, int b)
{
	if (a == NONE || b == NONE || p->e[a].partner != NONE ||
	    p->e[b].partner != NONE)
		return;
	p->e[a].partner = b;
	p->e[b].partner = a;
}

/* Each socket's sends and recvs (and the datagrams sent to it), in
 * order, as slices of three arrays. */
int
picture_pair_list_data(struct picture *p)
{
	size_t i, k;
	int ns = 0, nr = 0, ni = 0;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];

		if (e->sock == NONE || e->arrow != A_DATA || !e->out ||
		    is_tcp(&p->s[e->sock]) || e->to == NONE)
			continue;
		p->s[e->to].nin++;
	}
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		s->send_at = ns;
		s->recv_at = nr;
		s->in_at = ni;
		ns += s->nsend;
		nr += s->nrecv;
		ni += s->nin;
	}
	p->send_list = malloc(((size_t)ns + 1) * sizeof *p->send_list);
	p->recv_list = malloc(((size_t)nr + 1) * sizeof *p->recv_list);
	p->in_list = malloc(((size_t)ni + 1) * sizeof *p->in_list);
	if (p->send_list == NULL || p->recv_list == NULL || p->in_list == NULL)
		return -1;
	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];
		struct psock *s;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		if (e->role == ROLE_SEND && sent_data(s, e->ev) &&
		    s->fill_send < s->nsend)
			p->send_list[s->send_at + s->fill_send++] = (int)k;
		else if (e->role == ROLE_RECV && e->ev->result >= 0 &&
		    !e->ev->pending && takes(e->ev) && s->fill_recv < s->nrecv)
			p->recv_list[s->recv_at + s->fill_recv++] = (int)k;
		if (e->arrow == A_DATA && e->out && !is_tcp(s) &&
		    e->to != NONE) {
			struct psock *d = &p->s[e->to];

			if (d->fill_in < d->nin)
				p->in_list[d->in_at + d->fill_in++] = (int)k;
		}
	}
	return 0;
}

/*
 * A stream from A to B: it has no messages, so the sends and the recvs
 * that share bytes make one run (a bus), up to where a send and a recv
 * end at the same byte. Each recv goes beside the last send it took bytes
 * from; A's end of the stream beside the recv that read it.
 */
static void
pair_stream(struct picture *p, const struct psock *a, const struct psock *b)
{
	int x = a->send_at, xe = a->send_at + a->fill_send;
	int y = b->recv_at, ye = b->recv_at + b->fill_recv, bus = NONE;

	while (x < xe && y < ye) {
		int sk = p->send_list[x], rk = p->recv_list[y];
		unsigned long long s_end = p->e[sk].off + p->e[sk].len;
		unsigned long long r_end = p->e[rk].off + p->e[rk].len;

		if (p->e[rk].len == 0) {
			y++;
			continue;
		}
		if (bus == NONE)
			bus = (int)p->nb++;
		p->e[sk].bus = p->e[rk].bus = bus;
		if (r_end <= s_end) {
			link_pair(p, sk, rk);
			y++;
		}
		if (s_end <= r_end) {
			x++;
			if (s_end == r_end)
				bus = NONE;
		}
	}
	if (a->fin_k != NONE && b->eof_k != NONE &&
	    p->e[a->fin_k].arrow == A_EOF)
		link_pair(p, a->fin_k, b->eof_k);
	if (a->rst_k != NONE && b->reset_k != NONE &&
	    p->e[a->rst_k].arrow == A_RESET)
		link_pair(p, a->rst_k, b->reset_k);
}

/*
 * Datagrams to B: its queue is in the order they came, and loopback
 * delivers at the send. Each recv takes the first datagram sent to B
 * before it that its sender may have sent (the recv's source address);
 * those it passes were dropped. None: it came from another program.
 */
static void
pair_datagrams(struct picture *p, struct psock *b)
{
	int x0 = b->in_at, xe = b->in_at + b->fill_in, x;
	int y = b->recv_at, ye = b->recv_at + b->fill_recv, left = 0;

	for (; y < ye; y++) {
		const struct pev *r = &p->e[p->recv_list[y]];

		if (r->arrow != A_DATA)
			continue;
		for (x = x0; x < xe; x++) {
			const struct pev *d = &p->e[p->in_list[x]];

			if (d->ev->seq > r->ev->seq)
				break;
			if (picture_peers_may_be(&p->s[d->sock], r->ev))
				break;
		}
		if (x < xe && p->e[p->in_list[x]].ev->seq < r->ev->seq) {
			link_pair(p, p->in_list[x], p->recv_list[y]);
			x0 = x + 1;
		}
	}
	for (x = b->in_at; x < xe; x++)
		left += p->e[p->in_list[x]].partner == NONE;
	b->unmatched_in = left;
}

/* Which call answers which: accept a connect, recv a send (the same
 * bytes of the stream, or the next datagram), a recv of 0 a close. */
void
picture_pair_calls(struct picture *p)
{
	size_t i, k;

	/* accept <- connect: the accepted socket's peer is the client;
	 * socketpair: its two boxes */
	for (k = 0; k < p->ne; k++) {
		if (p->e[k].role == ROLE_SOCKETPAIR && !p->e[k].twin &&
		    k + 1 < p->ne && p->e[k + 1].twin)
			link_pair(p, (int)k, (int)k + 1);
	}
	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];
		const struct psock *c;

		if (e->arrow != A_CONNECT || e->role != ROLE_ACCEPT ||
		    e->other == NONE)
			continue;
		c = &p->s[e->other];
		if (c->dest != NONE && p->s[c->dest].conn_k != NONE)
			link_pair(p, (int)k, p->s[c->dest].conn_k);
	}
	for (i = 0; i < p->ns; i++) {
		const struct psock *a = &p->s[i];

		if (a->dest != NONE && is_tcp(a) &&
		    p->s[a->dest].dest == (int)i)
			pair_stream(p, a, &p->s[a->dest]);
	}
	for (i = 0; i < p->ns; i++)
		if (!is_tcp(&p->s[i]))
			pair_datagrams(p, &p->s[i]);
}

