/* picture-peers.c - which of the shell's sockets talk to each other:
 * their addresses as hash keys (an accepted socket's peer is its client's
 * local address), so that finding the pairs grows with the sockets, not
 * with their square. */
#include <config.h>

#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "views/picture-build.h"

/* --- Addresses as keys -------------------------------------------------- */

static int
ep_of(const struct sockaddr_storage *ss, socklen_t len, struct ep *e)
{
	memset(e, 0, sizeof *e);
	if (len == 0)
		return -1;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)ss;

		e->family = 4;
		e->port = sin->sin_port;
		memcpy(e->addr, &sin->sin_addr, 4);
		return 0;
	}
	if (ss->ss_family == AF_UNIX && len > sizeof(sa_family_t)) {
		/* a path or an abstract name, hashed to a key's size */
		const unsigned char *b = (const unsigned char *)ss +
		    sizeof(sa_family_t);
		size_t i, n = len - sizeof(sa_family_t);
		uint64_t h1 = 1469598103934665603ULL, h2 = 7;

		while (n > 1 && b[0] != '\0' && b[n - 1] == '\0')
			n--;	/* a path's terminating NULs */
		for (i = 0; i < n; i++) {
			h1 = (h1 ^ b[i]) * 1099511628211ULL;
			h2 = (h2 ^ b[i]) * 0x100000001b3ULL + i;
		}
		e->family = 1;
		memcpy(e->addr, &h1, 8);
		memcpy(e->addr + 8, &h2, 8);
		return 0;
	}
	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)ss;

		e->port = sin6->sin6_port;
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			e->family = 4;
			memcpy(e->addr, sin6->sin6_addr.s6_addr + 12, 4);
		} else {
			e->family = 6;
			memcpy(e->addr, &sin6->sin6_addr, 16);
		}
		return 0;
	}
	return -1;
}

/* An AF_UNIX socket by its inode: its peer's tells which it is. */
static int
ep_ino(unsigned ino, struct ep *e)
{
	memset(e, 0, sizeof *e);
	if (ino == 0)
		return -1;
	e->family = 2;
	memcpy(e->addr, &ino, sizeof ino);
	return 0;
}

/* An AF_UNIX stream socket that is not a listener: paired by inodes. */
static int
unix_stream(const struct psock *s)
{
	return s->h->family == AF_UNIX && is_tcp(s) && !s->listened &&
	    !s->st.listening;
}

/* The same port on the wildcard address (0.0.0.0 or ::). */
static struct ep
ep_any(const struct ep *e)
{
	struct ep a = *e;

	memset(a.addr, 0, sizeof a.addr);
	return a;
}

static size_t
key_hash(const struct key *k)
{
	const unsigned char *b = (const unsigned char *)k;
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < sizeof *k; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return (size_t)(h ^ h >> 29);
}

static int
table_init(struct table *t, size_t n)
{
	size_t cap = 16, i;

	while (cap < 2 * n + 2)
		cap *= 2;
	t->keys = calloc(cap, sizeof *t->keys);
	t->vals = malloc(cap * sizeof *t->vals);
	if (t->keys == NULL || t->vals == NULL)
		return -1;
	for (i = 0; i < cap; i++)
		t->vals[i] = NONE;
	t->mask = cap - 1;
	return 0;
}

static void
table_free(struct table *t)
{
	free(t->keys);
	free(t->vals);
}

/* The slot of the key (A, B) in T: where it is, or the empty slot where
 * it would go. */
static size_t
table_slot(const struct table *t, const struct ep *a, const struct ep *b,
    struct key *k)
{
	size_t i;

	memset(k, 0, sizeof *k);
	k->a = *a;
	if (b != NULL)
		k->b = *b;
	for (i = key_hash(k) & t->mask; t->vals[i] != NONE;
	    i = (i + 1) & t->mask)
		if (memcmp(&t->keys[i], k, sizeof *k) == 0)
			break;
	return i;
}

/* Later sockets replace earlier ones with the same key. */
static void
table_put(struct table *t, const struct ep *a, const struct ep *b, int val)
{
	struct key k;
	size_t i = table_slot(t, a, b, &k);

	t->keys[i] = k;
	t->vals[i] = val;
}

static int
table_get(const struct table *t, const struct ep *a, const struct ep *b)
{
	struct key k;

	return t->vals[table_slot(t, a, b, &k)];
}

/* A socket bound to A exactly, else to A's port on every address. */
static int
table_get_bound(const struct table *t, const struct ep *a)
{
	struct ep any;
	int v = table_get(t, a, NULL);

	if (v != NONE)
		return v;
	any = ep_any(a);
	if ((v = table_get(t, &any, NULL)) != NONE || a->family != 4)
		return v;
	any.family = 6;		/* IPv4 reaches [::] (IPv4-mapped) */
	return table_get(t, &any, NULL);
}

static void
ev_addr(const struct event *ev, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	*len = ev->addrlen;
	if (ev->addrlen > 0)
		memcpy(ss, &ev->addr, ev->addrlen);
}

/* The address EV gave (bind's, connect's, sendto's), as text. */
const char *
picture_peers_format(const struct event *ev, char *buf, size_t n)
{
	struct sockaddr_storage ss;
	socklen_t len;

	ev_addr(ev, &ss, &len);
	return addr_format(&ss, len, buf, n);
}

/* The listener a connect went to, if it is one of the shell's. */
int
picture_peers_connect_target(struct picture *p, const struct pev *e)
{
	const struct psock *s = &p->s[e->sock];
	struct sockaddr_storage ss;
	socklen_t len;
	struct ep ep;

	ev_addr(e->ev, &ss, &len);
	if (len == 0) {
		ss = s->st.peer;
		len = s->st.peer_len;
	}
	if (ep_of(&ss, len, &ep) < 0)
		return NONE;
	return table_get_bound(&p->listeners, &ep);
}

/* The two ends of each conversation that are both the shell's. */
int
picture_peers_find(struct picture *p)
{
	size_t i;
	struct ep l, r;

	if (table_init(&p->tuples, p->ns) < 0 ||
	    table_init(&p->listeners, p->ns) < 0 ||
	    table_init(&p->udp, p->ns) < 0)
		return -1;
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		if (unix_stream(s)) {
			if (ep_ino(s->st.ino, &l) == 0 &&
			    ep_ino(s->st.peer_ino, &r) == 0)
				table_put(&p->tuples, &l, &r, (int)i);
			continue;
		}
		if (ep_of(&s->st.local, s->st.local_len, &l) < 0)
			continue;
		if (is_tcp(s) && (s->listened || s->st.listening))
			table_put(&p->listeners, &l, NULL, (int)i);
		else if (is_tcp(s) && ep_of(&s->st.peer, s->st.peer_len,
		    &r) == 0)
			table_put(&p->tuples, &l, &r, (int)i);
		else if (!is_tcp(s) && (l.port != 0 || l.family == 1))
			table_put(&p->udp, &l, NULL, (int)i);
	}
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];
		int j;

		if (unix_stream(s) && ep_ino(s->st.ino, &l) == 0 &&
		    ep_ino(s->st.peer_ino, &r) == 0 &&
		    (j = table_get(&p->tuples, &r, &l)) != NONE) {
			s->dest = j;
			continue;
		}
		if (ep_of(&s->st.peer, s->st.peer_len, &r) < 0 ||
		    s->st.listening)
			continue;
		if (unix_stream(s))
			j = NONE;	/* not accepted yet, or not ours */
		else if (is_tcp(s)) {
			if (ep_of(&s->st.local, s->st.local_len, &l) < 0)
				continue;
			j = table_get(&p->tuples, &r, &l);
		} else
			j = table_get_bound(&p->udp, &r);
		if (j != NONE && j != (int)i)
			s->dest = j;
		else if (is_tcp(s) && (j = table_get_bound(&p->listeners,
		    &r)) != NONE)
			s->via = j;	/* in the listener's queue */
		else
			s->remote = 1;
	}
	return 0;
}

/* The socket of the shell's a datagram sent with sendto goes to. */
int
picture_peers_datagram_to(struct picture *p, const struct event *ev)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct ep ep;

	ev_addr(ev, &ss, &len);
	if (ep_of(&ss, len, &ep) < 0)
		return NONE;
	return table_get_bound(&p->udp, &ep);
}

/* Whether S may have sent the datagram recv EV took: its address is the
 * recv's source, or either is unnamed (an AF_UNIX socket not bound). */
int
picture_peers_may_be(const struct psock *s, const struct event *ev)
{
	struct sockaddr_storage ss;
	socklen_t len;
	struct ep a, b, any;

	ev_addr(ev, &ss, &len);
	if (ep_of(&ss, len, &a) < 0 ||
	    ep_of(&s->st.local, s->st.local_len, &b) < 0)
		return 1;
	if (memcmp(&a, &b, sizeof a) == 0)
		return 1;
	/* bound to every address: the source is one of them */
	any = ep_any(&b);
	return memcmp(&any, &b, sizeof b) == 0 && a.port == b.port &&
	    a.family == b.family;
}

void
picture_peers_free(struct picture *p)
{
	table_free(&p->tuples);
	table_free(&p->listeners);
	table_free(&p->udp);
}
