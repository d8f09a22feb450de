/* wire.c - the capture engine: the packets on the loopback interface,
 * read with libpcap while the wire is on, kept when they are the shell's
 * own (an end of them is a socket of the shell), and attached to the step
 * that caused them. A packet is matched after the call returns, since a
 * connect's local port is known only then. With the wire off nothing
 * here runs: no libpcap call at all. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#ifdef HAVE_PCAP
#include <pcap/pcap.h>
#endif

#include "base/addr.h"
#include "base/i18n.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/wire.h"

#define PEND_MAX	4096	/* packets waiting to be known ours */
#define PEND_AGE_S	3	/* seconds a stranger's packet is kept */
#define SETTLE_MS	3	/* quiet that ends a step's capture */
#define SETTLE_MAX_MS	60	/* the longest a step waits for it */

static struct wire *
wire_of(struct shell *sh)
{
	if (sh->wire == NULL)
		sh->wire = calloc(1, sizeof *sh->wire);
	return sh->wire;
}

enum wire_mode
wire_mode(const struct shell *sh)
{
	return sh->wire != NULL ? sh->wire->mode : WIRE_OFF;
}

int
wire_available(void)
{
#ifdef HAVE_PCAP
	return 1;
#else
	return 0;
#endif
}

#ifdef HAVE_PCAP
/* Opens the loopback interface for capture; NULL with WHY. */
static pcap_t *
open_lo(char *why, size_t n)
{
	char eb[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	pcap_t *p;
	int rc;

	if ((p = pcap_create("lo", eb)) == NULL) {
		snprintf(why, n, "%s", eb);
		return NULL;
	}
	pcap_set_snaplen(p, WIRE_SNAPLEN);
	pcap_set_immediate_mode(p, 1);
	pcap_set_timeout(p, 1);
	pcap_set_buffer_size(p, 1 << 20);
	if ((rc = pcap_activate(p)) < 0 || pcap_datalink(p) != DLT_EN10MB ||
	    pcap_setnonblock(p, 1, eb) < 0) {
		snprintf(why, n, "%s", rc < 0 ? pcap_geterr(p) :
		    _("the loopback interface is not Ethernet-like"));
		pcap_close(p);
		return NULL;
	}
	/* The kernel keeps only TCP and UDP for us (a busy host's loopback
	 * carries more); without the filter the matching still sorts. */
	if (pcap_compile(p, &prog, "tcp or udp", 1,
	    PCAP_NETMASK_UNKNOWN) == 0) {
		pcap_setfilter(p, &prog);
		pcap_freecode(&prog);
	}
	return p;
}
#endif

int
wire_can_capture(void)
{
#ifdef HAVE_PCAP
	char why[PCAP_ERRBUF_SIZE];
	pcap_t *p = open_lo(why, sizeof why);

	if (p != NULL)
		pcap_close(p);
	return p != NULL;
#else
	return 0;
#endif
}

enum wire_mode
wire_start(struct shell *sh, char *why, size_t n)
{
	struct wire *w = wire_of(sh);
	const char *env = getenv("SOCKSHELL_WIRE");

	if (w == NULL) {
		snprintf(why, n, "%s", _("out of memory"));
		return WIRE_OFF;
	}
	if (w->mode != WIRE_OFF)
		return w->mode;
	why[0] = '\0';
	w->forced_counters = env != NULL && strcmp(env, "counters") == 0;
	if (w->forced_counters) {
		snprintf(why, n, "%s", _("SOCKSHELL_WIRE=counters asks for "
		    "the counters"));
		return w->mode = WIRE_COUNTERS;
	}
#ifdef HAVE_PCAP
	if ((w->pcap = open_lo(why, n)) != NULL)
		return w->mode = WIRE_CAPTURE;
#else
	snprintf(why, n, "%s", _("this sockshell was built without libpcap"));
#endif
	return w->mode = WIRE_COUNTERS;
}

void
wire_stop(struct shell *sh)
{
	struct wire *w = sh->wire;

	if (w == NULL)
		return;
#ifdef HAVE_PCAP
	if (w->pcap != NULL)
		pcap_close(w->pcap);
#endif
	w->pcap = NULL;
	w->mode = WIRE_OFF;
}

void
wire_free(struct shell *sh)
{
	struct wire *w = sh->wire;
	size_t i;

	if (w == NULL)
		return;
	wire_stop(sh);
#ifdef HAVE_PCAP
	if (w->dumper != NULL)
		pcap_dump_close(w->dumper);
#endif
	for (i = 0; i < w->n; i++)
		free(w->segs[i].data);
	for (i = 0; i < w->npend; i++)
		free(w->pend[i].data);
	free(w->segs);
	free(w->pend);
	free(w->counts);
	free(w);
	sh->wire = NULL;
}

/* Whether the address SS (LEN bytes) is the end FAMILY ADDR:PORT; ANY:
 * the wildcard address (INADDR_ANY, ::) is every address. */
static int
addr_is(const struct sockaddr_storage *ss, socklen_t len, int family,
    const unsigned char *addr, uint16_t port, int any)
{
	const struct sockaddr_in *s4 = (const void *)ss;
	const struct sockaddr_in6 *s6 = (const void *)ss;

	if (len == 0 || ss->ss_family != family)
		return 0;
	if (family == AF_INET)
		return ntohs(s4->sin_port) == port && ((any &&
		    s4->sin_addr.s_addr == htonl(INADDR_ANY)) ||
		    memcmp(&s4->sin_addr, addr, 4) == 0);
	return ntohs(s6->sin6_port) == port && ((any &&
	    IN6_IS_ADDR_UNSPECIFIED(&s6->sin6_addr)) ||
	    memcmp(&s6->sin6_addr, addr, 16) == 0);
}

/*
 * The shell's socket at one end of S (DST: the destination's): the one
 * connected to the other end, else one bound there and connected to
 * nobody (a listener), else any bound there; the newest. NULL: none.
 */
static struct handle *
end_handle(struct shell *sh, const struct wire_seg *s, int dst)
{
	const unsigned char *a = dst ? s->daddr : s->saddr;
	const unsigned char *o = dst ? s->saddr : s->daddr;
	uint16_t p = dst ? s->dport : s->sport, op = dst ? s->sport : s->dport;
	int type = s->proto == IPPROTO_TCP ? SOCK_STREAM : SOCK_DGRAM;
	struct handle *best = NULL, *h;
	int rank = 0, r;
	size_t i;

	for (i = sh->nhandles; i-- > 0;) {
		h = sh->handles[i];
		if (h->type != type || !addr_is(&h->local, h->local_len,
		    s->family, a, p, 1))
			continue;
		r = addr_is(&h->peer, h->peer_len, s->family, o, op, 0) ? 3 :
		    h->peer_len == 0 ? 2 : 1;
		if (r > rank) {
			rank = r;
			best = h;
		}
	}
	return best;
}

/* Names the end of S (DST: its destination) into BUF. */
static const char *
end_name(struct shell *sh, const struct wire_seg *s, int dst, char *buf,
    size_t n)
{
	struct handle *h = end_handle(sh, s, dst);
	char a[64];

	if (h != NULL) {
		snprintf(buf, n, "%s", h->name);
		return buf;
	}
	inet_ntop(s->family, dst ? s->daddr : s->saddr, a, sizeof a);
	snprintf(buf, n, s->family == AF_INET6 ? "[%s]:%u" : "%s:%u", a,
	    (unsigned)(dst ? s->dport : s->sport));
	return buf;
}

const char *
wire_flags(uint8_t flags, const char *sep, char *buf, size_t n)
{
	static const struct { uint8_t bit; const char *name; } names[] = {
		{ WIRE_SYN, "SYN" }, { WIRE_FIN, "FIN" }, { WIRE_RST, "RST" },
		{ WIRE_PSH, "PSH" }, { WIRE_URG, "URG" }, { WIRE_ACK, "ACK" }
	};
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof names / sizeof names[0] && o < n; i++)
		if (flags & names[i].bit)
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
			    o ? sep : "", names[i].name);
	return buf;
}

const char *
wire_end_name(struct shell *sh, const struct wire_seg *s, int dst,
    char *buf, size_t n)
{
	(void)sh;
	snprintf(buf, n, "%s", s->ends[dst != 0]);
	return buf;
}

size_t
wire_step_segs(struct shell *sh, const struct wire_seg **first)
{
	struct wire *w = sh->wire;
	size_t i;

	*first = NULL;
	if (w == NULL || w->step_first >= w->n)
		return 0;
	*first = &w->segs[w->step_first];
	for (i = w->step_first; i < w->n && w->segs[i].step == w->step; i++)
		;
	return i - w->step_first;
}

int
wire_flag_bit(const char *word, size_t len)
{
	static const char *const names[] = { "FIN", "SYN", "RST", "PSH",
	    "ACK", "URG" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], word,
		    len) == 0)
			return 1 << i;
	return -1;
}

/* Whether A and B go the same way (SAME) or the opposite way between the
 * same two ends. */
static int
same_flow(const struct wire_seg *a, const struct wire_seg *b, int same)
{
	if (a->proto != b->proto || a->family != b->family)
		return 0;
	if (same)
		return a->sport == b->sport && a->dport == b->dport &&
		    memcmp(a->saddr, b->saddr, 16) == 0 &&
		    memcmp(a->daddr, b->daddr, 16) == 0;
	return a->sport == b->dport && a->dport == b->sport &&
	    memcmp(a->saddr, b->daddr, 16) == 0 &&
	    memcmp(a->daddr, b->saddr, 16) == 0;
}

/*
 * S's sequence numbers made relative, as tcpdump's: to the first sequence
 * number seen each way (the SYN's: seq 0), from the newest SYN back.
 */
static void
relative(struct wire *w, struct wire_seg *s)
{
	const struct wire_seg *mine = NULL, *theirs = NULL, *t;
	size_t i;

	for (i = w->n; i-- > 0;) {
		t = &w->segs[i];
		if (same_flow(t, s, 1) && (mine == NULL ||
		    !(mine->flags & WIRE_SYN)))
			mine = t;
		if (same_flow(t, s, 0) && (theirs == NULL ||
		    !(theirs->flags & WIRE_SYN)))
			theirs = t;
		if (t->flags & WIRE_SYN && (same_flow(t, s, 1) ||
		    same_flow(t, s, 0)) && mine != NULL && theirs != NULL &&
		    (mine->flags & WIRE_SYN) && (theirs->flags & WIRE_SYN))
			break;
	}
	if (s->flags & WIRE_SYN)
		mine = s;
	s->seq = mine != NULL ? s->raw_seq - mine->raw_seq : 0;
	s->ack = theirs != NULL ? s->raw_ack - theirs->raw_seq :
	    mine != NULL && mine != s ? s->raw_ack - mine->raw_ack + 1 : 1;
}

#ifdef HAVE_PCAP
/* The packet DATA (CAPLEN bytes, Ethernet) into S; -1: neither TCP nor
 * UDP over IP. */
static int
parse(const unsigned char *d, uint32_t caplen, struct wire_seg *s)
{
	uint32_t ip_len, hl, off, tot;
	int proto;

	if (caplen < 14)
		return -1;
	memset(s->saddr, 0, 16);
	memset(s->daddr, 0, 16);
	if (d[12] == 0x08 && d[13] == 0x00 && caplen >= 34) {
		hl = (d[14] & 0x0f) * 4u;
		tot = (uint32_t)d[16] << 8 | d[17];
		proto = d[23];
		s->family = AF_INET;
		memcpy(s->saddr, d + 26, 4);
		memcpy(s->daddr, d + 30, 4);
		off = 14 + hl;
		ip_len = tot >= hl ? tot - hl : 0;
	} else if (d[12] == 0x86 && d[13] == 0xdd && caplen >= 54) {
		proto = d[20];
		s->family = AF_INET6;
		memcpy(s->saddr, d + 22, 16);
		memcpy(s->daddr, d + 38, 16);
		off = 54;
		ip_len = (uint32_t)d[18] << 8 | d[19];
	} else
		return -1;
	if (caplen < off + 8 || (proto != IPPROTO_TCP && proto != IPPROTO_UDP))
		return -1;
	s->proto = proto;
	s->sport = (uint16_t)(d[off] << 8 | d[off + 1]);
	s->dport = (uint16_t)(d[off + 2] << 8 | d[off + 3]);
	if (proto == IPPROTO_UDP) {
		s->len = ip_len >= 8 ? ip_len - 8 : 0;
		s->flags = 0;
		return 0;
	}
	if (caplen < off + 20)
		return -1;
	s->raw_seq = (uint32_t)d[off + 4] << 24 | (uint32_t)d[off + 5] << 16 |
	    (uint32_t)d[off + 6] << 8 | d[off + 7];
	s->raw_ack = (uint32_t)d[off + 8] << 24 | (uint32_t)d[off + 9] << 16 |
	    (uint32_t)d[off + 10] << 8 | d[off + 11];
	hl = (d[off + 12] >> 4) * 4u;
	s->flags = d[off + 13] & 0x3f;
	s->len = ip_len >= hl ? ip_len - hl : 0;
	return 0;
}

/* libpcap's callback: one packet into the pending list. */
static void
on_packet(unsigned char *user, const struct pcap_pkthdr *hdr,
    const unsigned char *data)
{
	struct wire *w = (struct wire *)(void *)user;
	struct wire_seg s, *v;

	memset(&s, 0, sizeof s);
	if (parse(data, hdr->caplen, &s) < 0)
		return;
	if (w->npend == w->pend_cap) {
		size_t cap = w->pend_cap ? w->pend_cap * 2 : 64;

		if (w->npend >= PEND_MAX || (v = realloc(w->pend,
		    cap * sizeof *v)) == NULL)
			return;
		w->pend = v;
		w->pend_cap = cap;
	}
	s.ts = hdr->ts;
	s.caplen = hdr->caplen;
	s.wirelen = hdr->len;
	if ((s.data = malloc(hdr->caplen)) == NULL)
		return;
	memcpy(s.data, data, hdr->caplen);
	w->pend[w->npend++] = s;
}

/* Reads what the interface has; WAIT_MS: how long to wait for the
 * first packet. Returns how many were read. */
static int
drain(struct wire *w, int wait_ms)
{
	struct pollfd pfd;
	int n, total = 0;

	pfd.fd = pcap_get_selectable_fd(w->pcap);
	pfd.events = POLLIN;
	if (wait_ms > 0 && pfd.fd >= 0 && poll(&pfd, 1, wait_ms) <= 0)
		return 0;
	while ((n = pcap_dispatch(w->pcap, -1, on_packet,
	    (unsigned char *)w)) > 0)
		total += n;
	return total;
}
#endif

/* Moves the pending packets that are the shell's own into the session,
 * attached to the current step (LATE: after it returned). Returns how
 * many moved. */
static size_t
match(struct shell *sh, struct wire *w, int late)
{
	struct wire_seg *s, *v;
	size_t i, kept = 0, moved = 0;
	struct timeval now;

	gettimeofday(&now, NULL);
	for (i = 0; i < w->npend; i++) {
		s = &w->pend[i];
		if (end_handle(sh, s, 0) == NULL &&
		    end_handle(sh, s, 1) == NULL) {
			if (now.tv_sec - s->ts.tv_sec < PEND_AGE_S)
				w->pend[kept++] = *s;
			else
				free(s->data);
			continue;
		}
		if (w->n == w->cap) {
			size_t cap = w->cap ? w->cap * 2 : 64;

			if ((v = realloc(w->segs, cap * sizeof *v)) == NULL) {
				free(s->data);
				continue;
			}
			w->segs = v;
			w->cap = cap;
		}
		s->step = w->step;
		s->late = late;
		end_name(sh, s, 0, s->ends[0], sizeof s->ends[0]);
		end_name(sh, s, 1, s->ends[1], sizeof s->ends[1]);
		if (s->proto == IPPROTO_TCP)
			relative(w, s);
#ifdef HAVE_PCAP
		if (w->dumper != NULL) {
			struct pcap_pkthdr hdr = { s->ts, s->caplen, s->wirelen };

			pcap_dump(w->dumper, &hdr, s->data);
			pcap_dump_flush(w->dumper);
		}
#endif
		w->segs[w->n++] = *s;
		moved++;
	}
	w->npend = kept;
	return moved;
}

/* Reads and matches what came; WAIT_MS as drain's. */
static size_t
collect(struct shell *sh, struct wire *w, int wait_ms, int late)
{
#ifdef HAVE_PCAP
	if (w->pcap != NULL)
		drain(w, wait_ms);
#else
	(void)wait_ms;
#endif
	return match(sh, w, late);
}

void
wire_step_begin(struct shell *sh, const char *cmd)
{
	struct wire *w = sh->wire;

	if (w == NULL || w->mode == WIRE_OFF)
		return;
	w->step++;
	snprintf(w->step_name, sizeof w->step_name, "%s", cmd);
	w->step_first = w->n;
	if (w->mode == WIRE_COUNTERS)
		wire_counts_snapshot(sh);
}

void
wire_step_end(struct shell *sh)
{
	struct wire *w = sh->wire;
	int waited = 0;

	if (w == NULL || w->mode != WIRE_CAPTURE)
		return;
	/* On loopback the call's segments are on the wire when it returns;
	 * a few milliseconds of quiet let the last of them be read. */
	collect(sh, w, 0, 0);
	while (waited < SETTLE_MAX_MS && collect(sh, w, SETTLE_MS, 0) > 0)
		waited += SETTLE_MS;
	gettimeofday(&w->step_end, NULL);
}

size_t
wire_collect(struct shell *sh)
{
	struct wire *w = sh->wire;

	if (w == NULL || w->mode != WIRE_CAPTURE)
		return 0;
	return collect(sh, w, 0, 1);
}

size_t
wire_wait(struct shell *sh, size_t count, int ms)
{
	struct wire *w = sh->wire;
	int waited = 0;

	if (w == NULL || w->mode != WIRE_CAPTURE)
		return 0;
	while (w->n - w->step_first < count && waited < ms) {
		collect(sh, w, 10, 0);
		waited += 10;
	}
	return w->n - w->step_first;
}
