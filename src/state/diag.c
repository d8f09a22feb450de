/* diag.c - what the kernel keeps that no descriptor shows: a connection
 * after close (FIN_WAIT2, TIME_WAIT, LAST_ACK), found by its addresses
 * through the sock_diag netlink interface as ss(8) does, with
 * /proc/net/tcp as the fallback; and an AF_UNIX listener's queue. */
#include <config.h>

#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/shell.h"
#include "state/state.h"

#define TCP_LISTEN_STATE	10

/*
 * Sends REQ (LEN bytes, a netlink message) to sock_diag and reads the
 * answer into BUF. Returns the answer's length, 0 when the kernel found
 * no such socket, or -1 when it cannot be asked.
 */
static ssize_t
diag_ask(void *req, size_t len, char *buf, size_t n)
{
	struct sockaddr_nl nl;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	ssize_t got;
	int fd, err;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (fd < 0)
		return -1;
	memset(&nl, 0, sizeof nl);
	nl.nl_family = AF_NETLINK;
	if (sendto(fd, req, len, 0, (struct sockaddr *)&nl, sizeof nl) < 0) {
		close(fd);
		return -1;
	}
	/* The kernel answers before sendto returns. */
	do
		got = recv(fd, buf, n, MSG_DONTWAIT);
	while (got < 0 && errno == EINTR);
	close(fd);
	if (got < (ssize_t)sizeof *h || !NLMSG_OK(h, (size_t)got))
		return -1;
	if (h->nlmsg_type == NLMSG_ERROR) {
		err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		/* No such socket, or another one now has the addresses. */
		return err == -ENOENT || err == -ESTALE ? 0 : -1;
	}
	if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return -1;
	return got;
}

static void
fill_id(struct inet_diag_sockid *id, const struct sockaddr_storage *local,
    const struct sockaddr_storage *peer)
{
	if (local->ss_family == AF_INET) {
		const struct sockaddr_in *l = (const struct sockaddr_in *)local;
		const struct sockaddr_in *p = (const struct sockaddr_in *)peer;

		id->idiag_sport = l->sin_port;
		id->idiag_dport = p->sin_port;
		memcpy(id->idiag_src, &l->sin_addr, sizeof l->sin_addr);
		memcpy(id->idiag_dst, &p->sin_addr, sizeof p->sin_addr);
	} else {
		const struct sockaddr_in6 *l =
		    (const struct sockaddr_in6 *)local;
		const struct sockaddr_in6 *p =
		    (const struct sockaddr_in6 *)peer;

		id->idiag_sport = l->sin6_port;
		id->idiag_dport = p->sin6_port;
		memcpy(id->idiag_src, &l->sin6_addr, sizeof l->sin6_addr);
		memcpy(id->idiag_dst, &p->sin6_addr, sizeof p->sin6_addr);
	}
}

/* /proc/net/tcp (or tcp6): the same lookup, without the cookie; the
 * fallback when sock_diag cannot be asked. 1, 0 or -1 as below. */
int
diag_tcp_find_proc(const struct sockaddr_storage *local,
    const struct sockaddr_storage *peer, struct diag_tcp *out)
{
	struct inet_diag_sockid id;
	int v6 = local->ss_family == AF_INET6, words = v6 ? 4 : 1, i, found;
	unsigned la[4], pa[4], lp, pp, st, tr, when;
	char line[512];
	FILE *f;

	memset(&id, 0, sizeof id);
	fill_id(&id, local, peer);
	f = fopen(v6 ? "/proc/net/tcp6" : "/proc/net/tcp", "re");
	if (f == NULL)
		return -1;
	found = 0;
	while (!found && fgets(line, sizeof line, f) != NULL) {
		char *p = strchr(line, ':');
		int n;

		/* "sl: LOCAL:PORT REMOTE:PORT ST TX:RX TR:WHEN ...", with
		 * the addresses as the kernel's 32-bit words, in hex */
		if (p == NULL)
			continue;
		p++;
		if (v6)
			n = sscanf(p, " %8x%8x%8x%8x:%x %8x%8x%8x%8x:%x %x "
			    "%*x:%*x %x:%x", &la[0], &la[1], &la[2], &la[3],
			    &lp, &pa[0], &pa[1], &pa[2], &pa[3], &pp, &st, &tr,
			    &when);
		else
			n = sscanf(p, " %8x:%x %8x:%x %x %*x:%*x %x:%x", &la[0],
			    &lp, &pa[0], &pp, &st, &tr, &when);
		if (n != (v6 ? 13 : 7) || st == TCP_LISTEN_STATE)
			continue;
		if (lp != ntohs(id.idiag_sport) || pp != ntohs(id.idiag_dport))
			continue;
		found = 1;
		for (i = 0; i < words; i++)
			if (la[i] != id.idiag_src[i] ||
			    pa[i] != id.idiag_dst[i])
				found = 0;
		if (found) {
			out->state = (int)st;
			/* WHEN is in clock ticks; USER_HZ is 100 */
			out->expires_ms = tr != 0 ? when * 10 : 0;
		}
	}
	fclose(f);
	return found;
}

/*
 * Looks up the TCP connection from LOCAL to PEER (the same family), the
 * one whose socket had COOKIE (SO_COOKIE; 0 when unknown): returns 1 with
 * OUT filled, 0 when the kernel has no such connection any more, -1 when
 * it cannot tell.
 */
int
diag_tcp_find(const struct sockaddr_storage *local,
    const struct sockaddr_storage *peer, uint64_t cookie,
    struct diag_tcp *out)
{
	struct {
		struct nlmsghdr		nh;
		struct inet_diag_req_v2	r;
	} req;
	char buf[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct inet_diag_msg *m;
	ssize_t got;

	memset(out, 0, sizeof *out);
	if ((local->ss_family != AF_INET && local->ss_family != AF_INET6) ||
	    peer->ss_family != local->ss_family)
		return -1;
	memset(&req, 0, sizeof req);
	req.nh.nlmsg_len = sizeof req;
	req.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.r.sdiag_family = (unsigned char)local->ss_family;
	req.r.sdiag_protocol = IPPROTO_TCP;
	req.r.idiag_states = ~0U;
	fill_id(&req.r.id, local, peer);
	if (cookie != 0) {
		req.r.id.idiag_cookie[0] = (uint32_t)cookie;
		req.r.id.idiag_cookie[1] = (uint32_t)(cookie >> 32);
	} else
		req.r.id.idiag_cookie[0] = req.r.id.idiag_cookie[1] =
		    INET_DIAG_NOCOOKIE;
	got = diag_ask(&req, sizeof req, buf, sizeof buf);
	if (got < 0)
		return diag_tcp_find_proc(local, peer, out);
	if (got == 0 || h->nlmsg_len < NLMSG_LENGTH(sizeof *m))
		return 0;
	m = NLMSG_DATA(h);
	/* Without a cookie the lookup falls back to a listener on the local
	 * port: that is not the connection. */
	if (m->idiag_state == TCP_LISTEN_STATE ||
	    m->id.idiag_dport != req.r.id.idiag_dport ||
	    m->id.idiag_sport != req.r.id.idiag_sport)
		return 0;
	out->state = m->idiag_state;
	out->expires_ms = m->idiag_timer != 0 ? m->idiag_expires : 0;
	return 1;
}

/* Asks sock_diag of the AF_UNIX socket FD, with SHOW (UDIAG_SHOW_*),
 * into BUF; its message, or NULL. *A and *LEFT: its attributes. */
static struct unix_diag_msg *
unix_ask(int fd, unsigned show, char *buf, size_t n, struct rtattr **a,
    int *left)
{
	struct {
		struct nlmsghdr		nh;
		struct unix_diag_req	r;
	} req;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct unix_diag_msg *m;
	struct stat sb;
	ssize_t got;

	if (fstat(fd, &sb) < 0)
		return NULL;
	memset(&req, 0, sizeof req);
	req.nh.nlmsg_len = sizeof req;
	req.nh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nh.nlmsg_flags = NLM_F_REQUEST;
	req.r.sdiag_family = AF_UNIX;
	req.r.udiag_states = ~0U;
	req.r.udiag_ino = (uint32_t)sb.st_ino;
	req.r.udiag_show = show;
	req.r.udiag_cookie[0] = req.r.udiag_cookie[1] = ~0U;
	got = diag_ask(&req, sizeof req, buf, n);
	if (got <= 0 || h->nlmsg_len < NLMSG_LENGTH(sizeof *m))
		return NULL;
	m = NLMSG_DATA(h);
	*a = (struct rtattr *)(m + 1);
	*left = (int)h->nlmsg_len - (int)NLMSG_LENGTH(sizeof *m);
	return m;
}

/*
 * An AF_UNIX socket's receive queue as sock_diag tells it: on a listener,
 * the connections waiting to be accepted and the backlog. 0, or -1.
 */
int
diag_unix_queue(int fd, unsigned *queue, unsigned *backlog)
{
	char buf[8192];
	struct unix_diag_rqlen *rq;
	struct rtattr *a;
	int left;

	if (unix_ask(fd, UDIAG_SHOW_RQLEN, buf, sizeof buf, &a, &left) == NULL)
		return -1;
	for (; RTA_OK(a, left); a = RTA_NEXT(a, left)) {
		if (a->rta_type != UNIX_DIAG_RQLEN ||
		    RTA_PAYLOAD(a) < sizeof *rq)
			continue;
		rq = RTA_DATA(a);
		*queue = rq->udiag_rqueue;
		*backlog = rq->udiag_wqueue;
		return 0;
	}
	return -1;
}

int
diag_unix_peer(int fd, unsigned *ino, unsigned *peer)
{
	char buf[8192];
	struct unix_diag_msg *m;
	struct rtattr *a;
	int left;

	m = unix_ask(fd, UDIAG_SHOW_PEER, buf, sizeof buf, &a, &left);
	if (m == NULL)
		return -1;
	*ino = m->udiag_ino;
	*peer = 0;
	for (; RTA_OK(a, left); a = RTA_NEXT(a, left))
		if (a->rta_type == UNIX_DIAG_PEER &&
		    RTA_PAYLOAD(a) >= sizeof(uint32_t))
			*peer = *(uint32_t *)RTA_DATA(a);
	return 0;
}
