/* sockopt.c - the socket options the shell knows (no command here: see
 * cmd-setsockopt.c and cmd-getsockopt.c; state.c asks which differ). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/i18n.h"
#include "base/message.h"
#include "base/text.h"
#include "core/shell.h"
#include "state/sockopt.h"

const struct sockopt sockopt_table[] = {
	{ "SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, OPT_BOOL,
	    OPT_TCP | OPT_UDP,
	    N_("bind may take a port that connections in TIME_WAIT still "
	    "hold; the old and the new socket must both have it (set it "
	    "before bind)") },
	{ "SO_REUSEPORT", SOL_SOCKET, SO_REUSEPORT, OPT_BOOL,
	    OPT_TCP | OPT_UDP,
	    N_("several sockets may bind the same address and port when each "
	    "sets it; the kernel spreads the connections among them") },
	{ "SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, OPT_BOOL, OPT_TCP,
	    N_("TCP probes an idle connection (after 2 hours by default) to "
	    "find a peer that is gone") },
	{ "SO_LINGER", SOL_SOCKET, SO_LINGER, OPT_LINGER, OPT_TCP,
	    N_("what close does with unsent data: off, close returns and the "
	    "kernel goes on sending; on SECS, close waits up to SECS seconds; "
	    "on 0, close aborts the connection with a reset (RST): no FIN, "
	    "no TIME_WAIT") },
	{ "SO_OOBINLINE", SOL_SOCKET, SO_OOBINLINE, OPT_BOOL, OPT_TCP,
	    N_("urgent data (MSG_OOB) stays in the normal stream instead of "
	    "waiting apart for recv MSG_OOB") },
	{ "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, OPT_BYTES,
	    OPT_ALL | OPT_SETONLY,
	    N_("the receive buffer: what may arrive before the program reads "
	    "it. The kernel doubles the value set (half is for its "
	    "bookkeeping); TCP grows it on its own unless it is set") },
	{ "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, OPT_BYTES,
	    OPT_ALL | OPT_SETONLY,
	    N_("the send buffer: what send may hand to the kernel before the "
	    "peer acknowledges it. The kernel doubles the value set; TCP "
	    "grows it on its own unless it is set") },
	{ "SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, OPT_TIME, OPT_ALL,
	    N_("how long a blocking recv or accept waits before it fails "
	    "with EAGAIN; 0 waits for ever") },
	{ "SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, OPT_TIME, OPT_ALL,
	    N_("how long a blocking send waits for room (and connect for the "
	    "handshake) before it fails with EAGAIN (EINPROGRESS); 0 waits "
	    "for ever") },
	{ "SO_BROADCAST", SOL_SOCKET, SO_BROADCAST, OPT_BOOL, OPT_UDP,
	    N_("allows sending datagrams to a broadcast address; without it "
	    "sendto fails with EACCES") },
	{ "SO_ERROR", SOL_SOCKET, SO_ERROR, OPT_ERRNO,
	    OPT_ALL | OPT_RO | OPT_NOLIST,
	    N_("the pending error, as after a non-blocking connect; reading "
	    "it clears it") },
	{ "SO_TYPE", SOL_SOCKET, SO_TYPE, OPT_TYPE, OPT_ALL | OPT_RO,
	    N_("the socket's type, as given to socket") },
	{ "SO_ACCEPTCONN", SOL_SOCKET, SO_ACCEPTCONN, OPT_BOOL,
	    OPT_TCP | OPT_UNIX | OPT_RO,
	    N_("whether the socket listens") },
	{ "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, OPT_BOOL, OPT_TCP,
	    N_("small segments go out at once instead of waiting to be "
	    "gathered with more data (turns Nagle's algorithm off)") },
	{ "TCP_MAXSEG", IPPROTO_TCP, TCP_MAXSEG, OPT_BYTES,
	    OPT_TCP | OPT_SETONLY,
	    N_("the largest segment TCP sends (MSS); set it before connect. "
	    "On a connection it reads as the MSS in use") },
	/* bind to ::1 sets it too: news only when the student set it */
	{ "IPV6_V6ONLY", IPPROTO_IPV6, IPV6_V6ONLY, OPT_BOOL,
	    OPT_TCP | OPT_UDP | OPT_V6 | OPT_SETONLY,
	    N_("an AF_INET6 socket takes IPv6 only; off, it takes IPv4 too, "
	    "as ::ffff:a.b.c.d (set it before bind; bind to an IPv6 address "
	    "other than :: sets it)") },
	{ "IP_TTL", IPPROTO_IP, IP_TTL, OPT_INT, OPT_TCP | OPT_UDP | OPT_V4,
	    N_("how many routers an IPv4 packet may cross (time to live)") },
	{ "IPV6_UNICAST_HOPS", IPPROTO_IPV6, IPV6_UNICAST_HOPS, OPT_INT,
	    OPT_TCP | OPT_UDP | OPT_V6,
	    N_("how many routers an IPv6 packet may cross (hop limit, "
	    "IPv6's TTL); -1 gives back the default") },
	{ NULL, 0, 0, OPT_BOOL, 0, NULL }
};

size_t
sockopt_count(void)
{
	size_t n = 0;

	while (sockopt_table[n].name != NULL)
		n++;
	return n;
}

int
sockopt_index(const struct sockopt *o)
{
	return (int)(o - sockopt_table);
}

const struct sockopt *
sockopt_find(const char *name)
{
	const struct sockopt *o;
	const char *u;

	for (o = sockopt_table; o->name != NULL; o++) {
		if (strcasecmp(o->name, name) == 0)
			return o;
		/* REUSEADDR for SO_REUSEADDR, NODELAY for TCP_NODELAY */
		u = strchr(o->name, '_');
		if (u != NULL && strcasecmp(u + 1, name) == 0)
			return o;
	}
	return NULL;
}

int
sockopt_listed(const struct sockopt *o, int family, int type)
{
	int kind;

	if (o->flags & OPT_NOLIST)
		return 0;
	if (family == AF_UNIX)
		kind = OPT_UNIX;
	else
		kind = type == SOCK_STREAM ? OPT_TCP : OPT_UDP;
	if (!(o->flags & kind))
		return 0;
	if ((o->flags & OPT_V4) && family != AF_INET)
		return 0;
	if ((o->flags & OPT_V6) && family != AF_INET6)
		return 0;
	return 1;
}

const char *
sockopt_level_name(int level)
{
	switch (level) {
	case SOL_SOCKET:	return "SOL_SOCKET";
	case IPPROTO_TCP:	return "IPPROTO_TCP";
	case IPPROTO_IP:	return "IPPROTO_IP";
	case IPPROTO_IPV6:	return "IPPROTO_IPV6";
	default:		return "?";
	}
}

socklen_t
sockopt_len(const struct sockopt *o)
{
	switch (o->kind) {
	case OPT_LINGER:
		return sizeof(struct linger);
	case OPT_TIME:
		return sizeof(struct timeval);
	default:
		return sizeof(int);
	}
}

int
sockopt_get(int fd, const struct sockopt *o, union optval *v)
{
	socklen_t len = sockopt_len(o);

	memset(v, 0, sizeof *v);
	return getsockopt(fd, o->level, o->optname, v, &len);
}

static int
parse_bool(const char *s, int *v)
{
	static const char *const on[] = { "on", "1", "yes", "true", NULL };
	static const char *const off[] = { "off", "0", "no", "false", NULL };
	size_t i;

	for (i = 0; on[i] != NULL; i++) {
		if (strcasecmp(s, on[i]) == 0) {
			*v = 1;
			return 0;
		}
		if (strcasecmp(s, off[i]) == 0) {
			*v = 0;
			return 0;
		}
	}
	return -1;
}

/* Seconds, as in 2 or 0.5, from 0 to a day; -1 when not. */
static int
parse_seconds(const char *s, struct timeval *tv)
{
	char *end;
	double d;

	if (!isdigit((unsigned char)*s) && *s != '.')
		return -1;
	errno = 0;
	d = strtod(s, &end);
	if (*end != '\0' || errno != 0 || d < 0 || d > 86400)
		return -1;
	tv->tv_sec = (time_t)d;
	tv->tv_usec = (suseconds_t)((d - (double)tv->tv_sec) * 1e6 + 0.5);
	if (tv->tv_usec >= 1000000) {
		tv->tv_sec++;
		tv->tv_usec -= 1000000;
	}
	/* Less than half a microsecond is still a time: rounded to 0 it
	 * would mean "wait for ever", the opposite. */
	if (d > 0 && tv->tv_sec == 0 && tv->tv_usec == 0)
		tv->tv_usec = 1;
	return 0;
}

int
sockopt_parse(const struct sockopt *o, int argc, char *const *argv,
    union optval *v, char *err)
{
	unsigned long long size;
	struct timeval tv;
	char *end;
	long n;

	memset(v, 0, sizeof *v);
	if (o->flags & OPT_RO) {
		snprintf(err, MESSAGE_LEN, _("%s can only be read: 'getsockopt "
		    "NAME %s' reads it"), o->name, o->name);
		return -1;
	}
	if (o->kind == OPT_LINGER) {
		if (argc == 1 && strcasecmp(argv[0], "off") == 0)
			return 0;
		if (argc == 2 && strcasecmp(argv[0], "on") == 0)
			argv++, argc--;
		if (argc == 1 && parse_seconds(argv[0], &tv) == 0 &&
		    tv.tv_usec == 0 && tv.tv_sec <= 65535) {
			v->l.l_onoff = 1;
			v->l.l_linger = (int)tv.tv_sec;
			return 0;
		}
		snprintf(err, MESSAGE_LEN, "%s", _("SO_LINGER takes 'off', or "
		    "'on SECS' (whole seconds; 'on 0' makes close reset the "
		    "connection)"));
		return -1;
	}
	if (argc != 1) {
		snprintf(err, MESSAGE_LEN, _("%s takes one value"), o->name);
		return -1;
	}
	switch (o->kind) {
	case OPT_BOOL:
		if (parse_bool(argv[0], &v->i) == 0)
			return 0;
		snprintf(err, MESSAGE_LEN, _("'%.40s' is not a value for %s: "
		    "write on or off (1 or 0)"), argv[0], o->name);
		return -1;
	case OPT_INT:
		errno = 0;
		n = strtol(argv[0], &end, 10);
		if (*argv[0] != '\0' && *end == '\0' && errno == 0 &&
		    n >= -1 && n <= 255) {
			v->i = (int)n;
			return 0;
		}
		snprintf(err, MESSAGE_LEN, _("'%.40s' is not a value for %s: "
		    "write a number from 1 to 255 (-1: the default)"), argv[0],
		    o->name);
		return -1;
	case OPT_BYTES:
		if (text_parse_size(argv[0], &size, err) < 0)
			return -1;
		if (size > INT_MAX) {
			snprintf(err, MESSAGE_LEN, _("%s takes at most %d "
			    "bytes"), o->name, INT_MAX);
			return -1;
		}
		v->i = (int)size;
		return 0;
	case OPT_TIME:
		if (strcasecmp(argv[0], "off") == 0)
			return 0;
		if (parse_seconds(argv[0], &v->tv) == 0)
			return 0;
		snprintf(err, MESSAGE_LEN, _("'%.40s' is not a time for %s: "
		    "write seconds, as in 2 or 0.5 (0: wait for ever)"),
		    argv[0], o->name);
		return -1;
	default:
		break;
	}
	snprintf(err, MESSAGE_LEN, _("%s can only be read"), o->name);
	return -1;
}

char *
sockopt_format(const struct sockopt *o, const union optval *v, char *buf,
    size_t n)
{
	switch (o->kind) {
	case OPT_BOOL:
		snprintf(buf, n, "%s", v->i ? _("on") : _("off"));
		break;
	case OPT_INT:
		snprintf(buf, n, "%d", v->i);
		break;
	case OPT_BYTES:
		snprintf(buf, n, P_("%d byte", "%d bytes", (unsigned long)v->i),
		    v->i);
		break;
	case OPT_LINGER:
		if (!v->l.l_onoff)
			snprintf(buf, n, "%s", _("off"));
		else if (v->l.l_linger == 0)
			snprintf(buf, n, "%s", _("on 0 s (close resets)"));
		else
			snprintf(buf, n, _("on %d s"), v->l.l_linger);
		break;
	case OPT_TIME:
		if (v->tv.tv_sec == 0 && v->tv.tv_usec == 0)
			snprintf(buf, n, "%s", _("0 (waits for ever)"));
		else if (v->tv.tv_usec == 0)
			snprintf(buf, n, _("%ld s"), (long)v->tv.tv_sec);
		else
			snprintf(buf, n, _("%.3f s"), (double)v->tv.tv_sec +
			    (double)v->tv.tv_usec / 1e6);
		break;
	case OPT_TYPE:
		snprintf(buf, n, "%s", addr_type_name(v->i));
		break;
	case OPT_ERRNO:
		if (v->i == 0)
			snprintf(buf, n, "%s", _("0 (no error)"));
		else
			snprintf(buf, n, "%s (%s)", errinfo_name(v->i),
			    strerror(v->i));
		break;
	}
	return buf;
}

char *
sockopt_format_c(const struct sockopt *o, const union optval *v, char *buf,
    size_t n)
{
	switch (o->kind) {
	case OPT_LINGER:
		snprintf(buf, n, "{l_onoff=%d, l_linger=%d}", v->l.l_onoff,
		    v->l.l_linger);
		break;
	case OPT_TIME:
		snprintf(buf, n, "{tv_sec=%ld, tv_usec=%ld}",
		    (long)v->tv.tv_sec, (long)v->tv.tv_usec);
		break;
	default:
		snprintf(buf, n, "%d", v->i);
	}
	return buf;
}

int
sockopt_equal(const struct sockopt *o, const union optval *a,
    const union optval *b)
{
	switch (o->kind) {
	case OPT_LINGER:
		if (!a->l.l_onoff && !b->l.l_onoff)
			return 1;
		return a->l.l_onoff == b->l.l_onoff &&
		    a->l.l_linger == b->l.l_linger;
	case OPT_TIME:
		return a->tv.tv_sec == b->tv.tv_sec &&
		    a->tv.tv_usec == b->tv.tv_usec;
	case OPT_BOOL:
		return !a->i == !b->i;
	default:
		return a->i == b->i;
	}
}

/*
 * What a new socket of each kind has, read once from a socket made for
 * the purpose and closed at once (a descriptor held for good would show
 * in the tests' descriptor counts).
 */
struct defaults {
	int		 family, type, done, ok[SOCKOPT_MAX];
	union optval	 v[SOCKOPT_MAX];
};

static struct defaults defaults[6];

int
sockopt_default(int family, int type, const struct sockopt *o,
    union optval *v)
{
	struct defaults *d;
	size_t i, k;
	int fd;

	k = (family == AF_INET ? 0 : family == AF_INET6 ? 2 : 4) +
	    (type == SOCK_STREAM ? 0 : 1);
	if ((family != AF_INET && family != AF_INET6 && family != AF_UNIX) ||
	    (type != SOCK_STREAM && type != SOCK_DGRAM))
		return -1;
	d = &defaults[k];
	if (!d->done) {
		d->done = 1;
		d->family = family;
		d->type = type;
		fd = socket(family, type | SOCK_CLOEXEC, 0);
		if (fd < 0) {
			d->done = 0;
			return -1;
		}
		for (i = 0; sockopt_table[i].name != NULL &&
		    i < SOCKOPT_MAX; i++)
			d->ok[i] = sockopt_get(fd, &sockopt_table[i],
			    &d->v[i]) == 0;
		close(fd);
	}
	i = (size_t)sockopt_index(o);
	if (i >= SOCKOPT_MAX || !d->ok[i])
		return -1;
	*v = d->v[i];
	return 0;
}

const char *
sockopt_note(const struct sockopt *o, const union optval *set,
    const union optval *got)
{
	if (sockopt_equal(o, set, got))
		return NULL;
	if (o->optname == SO_RCVBUF || o->optname == SO_SNDBUF) {
		/* In long long: 2 * 1G does not fit an int. */
		long long twice = 2LL * set->i;

		if (o->level == SOL_SOCKET && got->i == twice)
			return _("the kernel doubles what is set: half of the "
			    "buffer is for its own bookkeeping");
		if (o->level == SOL_SOCKET && got->i < twice &&
		    o->optname == SO_RCVBUF)
			return _("the kernel doubles what is set, but first "
			    "caps it at net.core.rmem_max (sysctl), so this is "
			    "twice that");
		if (o->level == SOL_SOCKET && got->i < twice)
			return _("the kernel doubles what is set, but first "
			    "caps it at net.core.wmem_max (sysctl), so this is "
			    "twice that");
		return _("the kernel doubles what is set, and keeps a buffer "
		    "no smaller than its minimum");
	}
	if (o->kind == OPT_TIME)
		return _("the kernel counts time in clock ticks and rounds "
		    "to them");
	if (o->kind == OPT_INT && set->i == -1)
		return _("-1 gives back the system's default");
	return _("the kernel applied another value than the one set");
}
