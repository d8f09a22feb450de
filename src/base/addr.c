/* addr.c - parsing and printing addresses, ports and socket constants. */
#include <config.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/un.h>

#include "base/addr.h"
#include "base/files.h"
#include "base/i18n.h"
#include "base/message.h"
#include "base/pyform.h"
#include "base/text.h"

int
addr_parse_port(const char *s, uint16_t *port, char *err)
{
	unsigned long v = 0;
	const char *p;

	if (*s == '\0')
		goto bad;
	for (p = s; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) || p - s > 5)
			goto bad;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > 65535) {
		snprintf(err, MESSAGE_LEN, _("port %s is out of range: a port "
		    "is a number from 0 to 65535 (0 lets the kernel pick)"), s);
		return -1;
	}
	*port = (uint16_t)v;
	return 0;
bad:
	snprintf(err, MESSAGE_LEN, _("'%.40s' is not a port: write a decimal "
	    "number from 0 to 65535, as in 8888"), s);
	return -1;
}

struct constant {
	const char	*name;
	int		 value;
};

static const struct constant families[] = {
	{ "AF_INET", AF_INET }, { "inet", AF_INET }, { "ipv4", AF_INET },
	{ "PF_INET", AF_INET },
	{ "AF_INET6", AF_INET6 }, { "inet6", AF_INET6 }, { "ipv6", AF_INET6 },
	{ "PF_INET6", AF_INET6 },
	{ "AF_UNIX", AF_UNIX }, { "unix", AF_UNIX }, { "local", AF_UNIX },
	{ "AF_LOCAL", AF_UNIX }, { "PF_UNIX", AF_UNIX },
	{ "PF_LOCAL", AF_UNIX },
	{ NULL, 0 }
};

static const struct constant types[] = {
	{ "SOCK_STREAM", SOCK_STREAM }, { "stream", SOCK_STREAM },
	{ "tcp", SOCK_STREAM },
	{ "SOCK_DGRAM", SOCK_DGRAM }, { "dgram", SOCK_DGRAM },
	{ "udp", SOCK_DGRAM },
	{ NULL, 0 }
};

static int
find_constant(const struct constant *c, const char *s, int *value)
{
	for (; c->name != NULL; c++) {
		if (strcasecmp(c->name, s) == 0) {
			*value = c->value;
			return 0;
		}
	}
	return -1;
}

int
addr_parse_family(const char *s, int *family)
{
	return find_constant(families, s, family);
}

int
addr_parse_type(const char *s, int *type)
{
	return find_constant(types, s, type);
}

const char *
addr_family_name(int family)
{
	switch (family) {
	case AF_INET:	return "AF_INET";
	case AF_INET6:	return "AF_INET6";
	case AF_UNIX:	return "AF_UNIX";
	default:	return "AF_?";
	}
}

const char *
addr_type_name(int type)
{
	switch (type) {
	case SOCK_STREAM:	return "SOCK_STREAM";
	case SOCK_DGRAM:	return "SOCK_DGRAM";
	case SOCK_RAW:		return "SOCK_RAW";
	case SOCK_SEQPACKET:	return "SOCK_SEQPACKET";
	default:		return "SOCK_?";
	}
}

/* "TCP/IPv4" and so on: the two layers of slide 6. */
const char *
addr_proto_label(int family, int type)
{
	int v6 = family == AF_INET6;

	/* No layers below: the kernel carries the bytes itself. */
	if (family == AF_UNIX)
		return type == SOCK_STREAM ? "stream/UNIX" :
		    type == SOCK_DGRAM ? "dgram/UNIX" : "?/UNIX";
	if (type == SOCK_STREAM)
		return v6 ? "TCP/IPv6" : "TCP/IPv4";
	if (type == SOCK_DGRAM)
		return v6 ? "UDP/IPv6" : "UDP/IPv4";
	return "?";
}

static int
looks_numeric_v4(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s) && *s != '.')
			return 0;
	return 1;
}

/* Whether the name HOST (N bytes, without a final dot) is SUFFIX or
 * ends in ".SUFFIX". */
static int
name_under(const char *host, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && (n == k || host[n - k - 1] == '.') &&
	    strncasecmp(host + n - k, suffix, k) == 0;
}

/*
 * A localhost list from getaddrinfo(NULL, ...), which puts ::1 first,
 * with the IPv4 addresses first: the lecture's family, and the one that
 * "socket NAME localhost" takes. The same nodes, relinked.
 */
static struct addrinfo *
ipv4_first(struct addrinfo *res)
{
	struct addrinfo *v4 = NULL, *other = NULL, **t4 = &v4, **to = &other;
	struct addrinfo *ai, *next;

	for (ai = res; ai != NULL; ai = next) {
		next = ai->ai_next;
		ai->ai_next = NULL;
		if (ai->ai_family == AF_INET) {
			*t4 = ai;
			t4 = &ai->ai_next;
		} else {
			*to = ai;
			to = &ai->ai_next;
		}
	}
	*t4 = other;
	return v4;
}

int addr_hosts_only;

/*
 * HOST (N bytes, no final dot) looked up in /etc/hosts alone, asking no
 * name server: addr_lookup for a lesson (core/fence.c). The first line
 * that names it with an address of the family HINTS asks for.
 */
static int
hosts_lookup(const char *host, size_t n, const char *service,
    const struct addrinfo *hints, struct addrinfo **res, char *err)
{
	struct addrinfo numeric = *hints;
	unsigned char a[sizeof(struct in6_addr)];
	char line[1024], *save, *addr, *name;
	int found = 0, odd, fam;
	FILE *f;

	if ((f = files_open_regular("/etc/hosts", &odd)) != NULL) {
		while (!found && fgets(line, sizeof line, f) != NULL) {
			line[strcspn(line, "#\n")] = '\0';
			if ((addr = strtok_r(line, " \t", &save)) == NULL)
				continue;
			fam = inet_pton(AF_INET, addr, a) == 1 ? AF_INET :
			    inet_pton(AF_INET6, addr, a) == 1 ? AF_INET6 : 0;
			if (fam == 0 || (hints->ai_family != AF_UNSPEC &&
			    hints->ai_family != fam))
				continue;
			while (!found && (name = strtok_r(NULL, " \t",
			    &save)) != NULL)
				found = strlen(name) == n &&
				    strncasecmp(name, host, n) == 0;
		}
		fclose(f);
	}
	if (!found) {
		snprintf(err, MESSAGE_LEN, _("'%.60s' is not in /etc/hosts: a "
		    "lesson looks names up there only, asking no name server; "
		    "write an address, or run with --trust-lesson=network"),
		    host);
		return 1;
	}
	numeric.ai_flags |= AI_NUMERICHOST;
	return getaddrinfo(addr, service, &numeric, res);
}

int
addr_lookup(const char *host, const char *service,
    const struct addrinfo *hints, struct addrinfo **res, int *loopback,
    char *err)
{
	const char *example = hints->ai_family == AF_INET6 ? "::1" :
	    "127.0.0.1";
	size_t n = strlen(host), label;
	unsigned char a[sizeof(struct in6_addr)];
	const char *p;
	int rc;

	*loopback = 0;
	if (inet_pton(AF_INET, host, a) == 1 ||
	    inet_pton(AF_INET6, host, a) == 1)
		return getaddrinfo(host, service, hints, res);
	/* Only what can be a host name goes to the resolver: letters,
	 * digits, '-' and '_' in dot-separated labels. */
	for (p = host, label = 0; *p != '\0'; p++) {
		if (*p == '.' && label > 0 && label <= 63)
			label = 0;
		else if (isalnum((unsigned char)*p) || *p == '-' || *p == '_')
			label++;
		else
			break;
	}
	if (*p != '\0' || n == 0 || n > 253 || label > 63) {
		snprintf(err, MESSAGE_LEN, _("'%.60s' is neither an address "
		    "nor a host name: write an address such as %s, or a name "
		    "such as localhost"), host, example);
		return 1;
	}
	if (n > 0 && host[n - 1] == '.')
		n--;
	/* RFC 6761: a name under .invalid never resolves; say so at once,
	 * without asking any name server. */
	if (name_under(host, n, "invalid")) {
		snprintf(err, MESSAGE_LEN, _("cannot resolve host '%.60s': "
		    "names under .invalid never resolve; use an address such "
		    "as %s"),
		    host, example);
		return 1;
	}
	if (!name_under(host, n, "localhost") && addr_hosts_only)
		return hosts_lookup(host, n, service, hints, res, err);
	if (!name_under(host, n, "localhost"))
		return getaddrinfo(host, service, hints, res);
	/* RFC 6761 too: localhost is the loopback address, whatever
	 * /etc/hosts and the name servers say (many lack ::1); for no host
	 * getaddrinfo gives the loopback address of each family. */
	*loopback = 1;
	rc = getaddrinfo(NULL, service != NULL ? service : "0", hints, res);
	if (rc == 0)
		*res = ipv4_first(*res);
	return rc;
}

/* Resolves a host name for FAMILY; returns 0 or -1 with ERR set. */
static int
resolve_name(const char *host, int family, struct sockaddr_storage *ss,
    socklen_t *len, char *err)
{
	struct addrinfo hints, *res;
	int rc, loopback;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = family;
	hints.ai_socktype = SOCK_STREAM;
	rc = addr_lookup(host, NULL, &hints, &res, &loopback, err);
	if (rc == 1)
		return -1;
	if (rc != 0) {
		snprintf(err, MESSAGE_LEN, _("cannot resolve host '%.60s' for "
		    "%s (%s): use an address such as %s"), host,
		    addr_family_name(family), gai_strerror(rc),
		    family == AF_INET6 ? "::1" : "127.0.0.1");
		return -1;
	}
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*len = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static int
parse_host(const char *host, int family, struct sockaddr_storage *ss,
    socklen_t *len, char *err)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct in6_addr a6;
	struct in_addr a4;

	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		*len = sizeof *sin;
		sin->sin_family = AF_INET;
		if (strcmp(host, "*") == 0) {
			sin->sin_addr.s_addr = htonl(INADDR_ANY);
			return 0;
		}
		if (inet_pton(AF_INET, host, &sin->sin_addr) == 1)
			return 0;
		if (inet_pton(AF_INET6, host, &a6) == 1) {
			snprintf(err, MESSAGE_LEN, _("%.60s is an IPv6 "
			    "address, but the socket is AF_INET: use an IPv4 "
			    "address such as 127.0.0.1, or create the socket "
			    "with AF_INET6"), host);
			return -1;
		}
		if (looks_numeric_v4(host)) {
			snprintf(err, MESSAGE_LEN, _("'%.60s' is not an IPv4 "
			    "address: write four numbers from 0 to 255, as in "
			    "127.0.0.1"), host);
			return -1;
		}
	} else {
		*len = sizeof *sin6;
		sin6->sin6_family = AF_INET6;
		if (strcmp(host, "*") == 0) {
			sin6->sin6_addr = in6addr_any;
			return 0;
		}
		if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1)
			return 0;
		if (inet_pton(AF_INET, host, &a4) == 1) {
			snprintf(err, MESSAGE_LEN, _("%.60s is an IPv4 "
			    "address, but the socket is AF_INET6: use an IPv6 "
			    "address such as ::1, or create the socket with "
			    "AF_INET"),
			    host);
			return -1;
		}
		if (strchr(host, ':') != NULL || looks_numeric_v4(host)) {
			snprintf(err, MESSAGE_LEN, _("'%.60s' is not an IPv6 "
			    "address: write it as in ::1 or fe80::1"), host);
			return -1;
		}
	}
	return resolve_name(host, family, ss, len, err);
}

/*
 * An AF_UNIX address: a path, "@NAME" in the abstract namespace (no
 * file), or "@" alone: the kernel picks an abstract name, as port 0 does.
 */
static int
parse_unix(const char *path, const char *port, struct sockaddr_storage *ss,
    socklen_t *len, char *err)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)ss;
	size_t n = strlen(path);

	memset(ss, 0, sizeof *ss);
	sun->sun_family = AF_UNIX;
	if (port != NULL) {
		snprintf(err, MESSAGE_LEN, _("an AF_UNIX address is a path "
		    "with no port: write one word, as in /tmp/srv.sock or "
		    "@name (not '%.40s %.20s')"), path, port);
		return -1;
	}
	if (n == 0) {
		snprintf(err, MESSAGE_LEN, "%s", _("an AF_UNIX address is a "
		    "path, as in /tmp/srv.sock, or @name, or @ for a name the "
		    "kernel picks"));
		return -1;
	}
	if (n >= sizeof sun->sun_path) {
		snprintf(err, MESSAGE_LEN, _("the path '%.40s...' is too long: "
		    "an AF_UNIX address holds at most %zu bytes"), path,
		    sizeof sun->sun_path - 1);
		return -1;
	}
	if (path[0] == '@') {
		/* sun_path[0] stays '\0': the abstract namespace */
		memcpy(sun->sun_path + 1, path + 1, n - 1);
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
		if (n == 1)
			*len = sizeof(sa_family_t);	/* autobind */
		return 0;
	}
	memcpy(sun->sun_path, path, n);
	*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	return 0;
}

/* Python's tuple ('127.0.0.1', 8888), or AF_INET6's ('::1', 8888, 0, 0),
 * as the lecture's bind, connect and sendto take it. */
static int
parse_tuple(const char *s, const char *port, int family,
    struct sockaddr_storage *ss, socklen_t *len, char *err)
{
	struct pyform_addr a;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	if (family == AF_UNIX) {
		snprintf(err, MESSAGE_LEN, "%s", _("an AF_UNIX address is a "
		    "path, not a tuple: write the path, as in /tmp/sock"));
		return -1;
	}
	if (pyform_tuple(s, &a, err) < 0)
		return -1;
	if (port != NULL) {
		snprintf(err, MESSAGE_LEN, _("'%.20s' after the tuple: the "
		    "port goes inside it, as in ('%s', %s)"), port,
		    a.host[0] != '\0' ? a.host : "127.0.0.1", a.port);
		return -1;
	}
	if (a.items == 4 && family != AF_INET6) {
		snprintf(err, MESSAGE_LEN, _("an %s address is a pair (Python: "
		    "AF_INET address must be a pair (host, port)): write "
		    "('%s', %s)"), addr_family_name(family), a.host, a.port);
		return -1;
	}
	/* Python's '' is every address. */
	if (addr_parse(a.host[0] != '\0' ? a.host : "*", a.port, family, ss,
	    len, err) < 0)
		return -1;
	if (a.items == 4) {
		sin6->sin6_flowinfo = htonl((uint32_t)a.flowinfo);
		sin6->sin6_scope_id = (uint32_t)a.scope_id;
	}
	return 0;
}

int
addr_parse(const char *addr, const char *port,
    int family, struct sockaddr_storage *ss, socklen_t *len, char *err)
{
	char host[256];
	const char *p, *colon;
	uint16_t portnum;
	size_t n;

	if (addr[0] == '(')
		return parse_tuple(addr, port, family, ss, len, err);
	if (family == AF_UNIX)
		return parse_unix(addr, port, ss, len, err);
	if (port == NULL) {
		/* ADDRESS:PORT or [IPv6]:PORT */
		if (addr[0] == '[') {
			p = strchr(addr, ']');
			if (p == NULL || p[1] != ':') {
				snprintf(err, MESSAGE_LEN, _("'%.60s': write "
				    "an IPv6 address with its port as "
				    "[::1]:8888"),
				    addr);
				return -1;
			}
			n = (size_t)(p - addr - 1);
			colon = p + 1;
			addr++;
		} else {
			colon = strrchr(addr, ':');
			if (colon == NULL) {
				snprintf(err, MESSAGE_LEN, _("'%.60s' has no "
				    "port: write ADDRESS PORT or ADDRESS:PORT, "
				    "as in 127.0.0.1 8888"), addr);
				return -1;
			}
			if (strchr(addr, ':') != colon) {
				snprintf(err, MESSAGE_LEN, _("'%.60s': write "
				    "an IPv6 address with its port in "
				    "brackets, as in [::1]:8888, or give the "
				    "port apart: ::1 8888"), addr);
				return -1;
			}
			n = (size_t)(colon - addr);
		}
		if (n >= sizeof host || n == 0) {
			snprintf(err, MESSAGE_LEN, _("'%.60s' has no usable "
			    "address before the port"), addr);
			return -1;
		}
		memcpy(host, addr, n);
		host[n] = '\0';
		port = colon + 1;
	} else {
		if (strlen(addr) >= sizeof host) {
			snprintf(err, MESSAGE_LEN, "%s", _("the address is too "
			    "long"));
			return -1;
		}
		strcpy(host, addr);
		/* [::1] 8888 is fine too */
		n = strlen(host);
		if (host[0] == '[' && n > 1 && host[n - 1] == ']') {
			memmove(host, host + 1, n - 2);
			host[n - 2] = '\0';
		}
	}
	if (addr_parse_port(port, &portnum, err) < 0)
		return -1;
	if (parse_host(host, family, ss, len, err) < 0)
		return -1;
	if (family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons(portnum);
	else
		((struct sockaddr_in6 *)ss)->sin6_port = htons(portnum);
	return 0;
}

/* A path, "@name" in the abstract namespace, or "(unnamed)"; escaped as
 * data is (a peer chooses its own path, and it may hold controls). */
static char *
format_unix(const struct sockaddr_storage *ss, socklen_t len, char *buf,
    size_t n)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)ss;
	size_t off = offsetof(struct sockaddr_un, sun_path), plen;
	char name[sizeof sun->sun_path * 4 + 8];

	if (len <= off) {
		snprintf(buf, n, "%s", _("(unnamed)"));
		return buf;
	}
	plen = len - off;
	if (plen > sizeof sun->sun_path)
		plen = sizeof sun->sun_path;
	if (sun->sun_path[0] == '\0') {
		text_escape(sun->sun_path + 1, plen - 1, plen - 1, name,
		    sizeof name);
		snprintf(buf, n, "@%s", name);
	} else {
		plen = strnlen(sun->sun_path, plen);
		text_escape(sun->sun_path, plen, plen, name, sizeof name);
		snprintf(buf, n, "%s", name);
	}
	return buf;
}

char *
addr_format(const struct sockaddr_storage *ss, socklen_t len, char *buf,
    size_t n)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
	char a[INET6_ADDRSTRLEN];

	if (len == 0 || ss == NULL) {
		snprintf(buf, n, "-");
		return buf;
	}
	switch (ss->ss_family) {
	case AF_UNIX:
		return format_unix(ss, len, buf, n);
	case AF_INET:
		inet_ntop(AF_INET, &sin->sin_addr, a, sizeof a);
		snprintf(buf, n, "%s:%u", a, ntohs(sin->sin_port));
		break;
	case AF_INET6:
		inet_ntop(AF_INET6, &sin6->sin6_addr, a, sizeof a);
		snprintf(buf, n, "[%s]:%u", a, ntohs(sin6->sin6_port));
		break;
	default:
		snprintf(buf, n, "?");
	}
	return buf;
}

/*
 * Whether SS names the socket: a port other than 0, an AF_UNIX path or
 * abstract name. A socket that is not bound has none.
 */
int
addr_named(const struct sockaddr_storage *ss, socklen_t len)
{
	if (len == 0)
		return 0;
	switch (ss->ss_family) {
	case AF_INET:
		return ((const struct sockaddr_in *)ss)->sin_port != 0;
	case AF_INET6:
		return ((const struct sockaddr_in6 *)ss)->sin6_port != 0;
	case AF_UNIX:
		return len > offsetof(struct sockaddr_un, sun_path);
	default:
		return 0;
	}
}

static const struct constant msg_flags[] = {
	{ "MSG_PEEK", MSG_PEEK }, { "MSG_DONTWAIT", MSG_DONTWAIT },
	{ "MSG_WAITALL", MSG_WAITALL }, { "MSG_OOB", MSG_OOB },
	{ NULL, 0 }
};

/* MSG_PEEK and the others that teach something; S as written in C. */
int
addr_parse_msg_flag(const char *s, int *flag)
{
	if (strncmp(s, "MSG_", 4) != 0)
		return -1;
	return find_constant(msg_flags, s, flag);
}

/* "MSG_PEEK|MSG_DONTWAIT", or "0". */
char *
addr_format_msg_flags(int flags, char *buf, size_t n)
{
	const struct constant *c;
	size_t o = 0;

	buf[0] = '\0';
	for (c = msg_flags; c->name != NULL && o < n; c++)
		if (flags & c->value)
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
			    o ? "|" : "", c->name);
	if (o == 0)
		snprintf(buf, n, "0");
	return buf;
}

