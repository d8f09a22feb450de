/* test-handles.c - the handle table, ports, addresses, errno texts and
 * the command lookup, called directly. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "base/addr.h"
#include "base/errinfo.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"

static struct shell sh;
static char err[MESSAGE_LEN];

static void
setup(void)
{
	shell_init(&sh, stdout, stderr);
}

static void
teardown(void)
{
	shell_free(&sh);
}

TestSuite(handles, .init = setup, .fini = teardown);

static int
tcp_fd(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert(fd >= 0);
	return fd;
}

/* Arrays, not pointers: Criterion may run each test in a fresh image. */
struct name { char name[48]; int ok; };

ParameterizedTestParameters(handles, names)
{
	static struct name v[] = {
		{ "srv", 1 }, { "conn2", 1 }, { "_x", 1 }, { "a-b.c_d", 1 },
		{ "S", 1 }, { "abcdefghijklmnopqrstuvwxyz012345", 1 },
		{ "abcdefghijklmnopqrstuvwxyz0123456", 0 },
		{ "", 0 }, { "1abc", 0 }, { "-x", 0 }, { ".x", 0 },
		{ "a/b", 0 }, { "a b", 0 }, { "a:b", 0 }, { "a&", 0 },
		{ "\xd0\x9f", 0 },
	};
	return cr_make_param_array(struct name, v, sizeof v / sizeof *v);
}

ParameterizedTest(struct name *n, handles, names)
{
	err[0] = '\0';
	cr_assert_eq(handle_name_ok(n->name, err), n->ok ? 0 : -1, "'%s'",
	    n->name);
	if (n->ok)
		cr_assert_str_eq(err, "");
	else
		cr_assert(strstr(err, strlen(n->name) > HANDLE_NAME_MAX ?
		    "too long" : "not a handle name") != NULL, "%s", err);
}

Test(handles, add_and_find)
{
	struct handle *a, *b;
	int fa = tcp_fd(), fb = tcp_fd();

	cr_assert_eq(handle_find(&sh, "a"), NULL);
	a = handle_add(&sh, "a", fa, AF_INET, SOCK_STREAM);
	b = handle_add(&sh, "b", fb, AF_INET6, SOCK_DGRAM);
	cr_assert(a != NULL && b != NULL);
	cr_assert_neq(a->id, b->id);
	cr_assert_eq(handle_find(&sh, "a"), a);
	cr_assert_eq(handle_find(&sh, "b"), b);
	cr_assert_eq(handle_find(&sh, "c"), NULL);
	cr_assert_eq(handle_find(&sh, "A"), NULL, "names are case-sensitive");
	cr_assert_eq(handle_by_id(&sh, b->id), b);
	cr_assert_eq(handle_by_fd(&sh, fa), a);
	cr_assert_eq(b->family, AF_INET6);
	cr_assert_eq(b->type, SOCK_DGRAM);
	cr_assert_eq(sh.nhandles, 2);
	cr_assert_eq(handle_open_count(&sh), 2);
}

Test(handles, many_handles_grow_the_table)
{
	char name[16];
	int i;

	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "h%d", i);
		cr_assert_not_null(handle_add(&sh, name, -1, AF_INET,
		    SOCK_STREAM));
	}
	cr_assert_eq(sh.nhandles, 40);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "h%d", i);
		cr_assert_str_eq(handle_find(&sh, name)->name, name);
		cr_assert_eq(handle_find(&sh, name)->id, i + 1);
	}
}

Test(handles, close_keeps_the_handle)
{
	struct handle *a = handle_add(&sh, "a", tcp_fd(), AF_INET,
	    SOCK_STREAM);
	int fds = count_fds();

	cr_assert_eq(handle_close(a), 0);
	cr_assert_eq(a->fd, -1);
	cr_assert_eq(count_fds(), fds - 1);
	cr_assert_eq(handle_find(&sh, "a"), a, "a closed handle stays listed");
	cr_assert_eq(handle_open_count(&sh), 0);
	cr_assert_eq(handle_close(a), 0, "closing twice is harmless");
	cr_assert_eq(count_fds(), fds - 1);
}

Test(handles, reuse_closed_name)
{
	struct handle *old, *new;
	int oldid;

	old = handle_add(&sh, "conn", tcp_fd(), AF_INET, SOCK_STREAM);
	oldid = old->id;
	handle_close(old);
	new = handle_add(&sh, "conn", tcp_fd(), AF_INET6, SOCK_STREAM);
	cr_assert(new != NULL);
	cr_assert_neq(new->id, oldid);
	cr_assert(old->retired);
	cr_assert_not(new->retired);
	cr_assert_eq(handle_find(&sh, "conn"), new);
	cr_assert_eq(handle_by_id(&sh, oldid), old, "kept for the history");
	cr_assert_eq(sh.nhandles, 2);
	cr_assert_eq(handle_open_count(&sh), 1);
	/* A third time: only the newest is found. */
	handle_close(new);
	cr_assert_eq(handle_add(&sh, "conn", -1, AF_INET, SOCK_STREAM),
	    handle_find(&sh, "conn"));
	cr_assert(new->retired);
}

Test(handles, default_name)
{
	char buf[HANDLE_NAME_MAX + 1];
	struct handle *c;

	handle_default_name(&sh, "conn", buf);
	cr_assert_str_eq(buf, "conn");
	c = handle_add(&sh, "conn", tcp_fd(), AF_INET, SOCK_STREAM);
	handle_default_name(&sh, "conn", buf);
	cr_assert_str_eq(buf, "conn2");
	handle_add(&sh, "conn2", tcp_fd(), AF_INET, SOCK_STREAM);
	handle_default_name(&sh, "conn", buf);
	cr_assert_str_eq(buf, "conn3");
	handle_close(c);
	handle_default_name(&sh, "conn", buf);
	cr_assert_str_eq(buf, "conn", "a closed name is free");
	handle_default_name(&sh, "srv", buf);
	cr_assert_str_eq(buf, "srv");
}

Test(handles, default_name_long_base)
{
	char buf[HANDLE_NAME_MAX + 1];
	const char *base = "abcdefghijklmnopqrstuvwxyz012345";	/* 32 */

	handle_add(&sh, base, tcp_fd(), AF_INET, SOCK_STREAM);
	handle_default_name(&sh, base, buf);
	cr_assert_eq(strlen(buf), HANDLE_NAME_MAX);
	cr_assert_eq(handle_find(&sh, buf), NULL, "'%s' is taken", buf);
}

Test(handles, remember_addrs_after_close)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct handle *h = handle_add(&sh, "a", tcp_fd(), AF_INET,
	    SOCK_STREAM);
	struct sock_state st;
	char buf[64];

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(h->fd, (struct sockaddr *)&sin, sizeof sin), 0);
	handle_close(h);
	state_collect(h, &st);
	cr_assert_eq(st.step, STEP_CLOSED);
	cr_assert_not(st.open);
	addr_format(&st.local, st.local_len, buf, sizeof buf);
	cr_assert_eq(strncmp(buf, "127.0.0.1:", 10), 0, "%s", buf);
	cr_assert_neq(strcmp(buf, "127.0.0.1:0"), 0);
}

/* Ports. */

struct port { char s[24]; int ok; int value; };

ParameterizedTestParameters(handles, ports)
{
	static struct port v[] = {
		{ "0", 1, 0 }, { "1", 1, 1 }, { "8888", 1, 8888 },
		{ "65535", 1, 65535 }, { "00080", 1, 80 },
		{ "65536", 0, 0 }, { "99999", 0, 0 }, { "-1", 0, 0 },
		{ "", 0, 0 }, { "0x50", 0, 0 }, { "8888abc", 0, 0 },
		{ " 80", 0, 0 }, { "80 ", 0, 0 }, { "+80", 0, 0 },
		{ "1234567", 0, 0 }, { "99999999999999999999", 0, 0 },
	};
	return cr_make_param_array(struct port, v, sizeof v / sizeof *v);
}

ParameterizedTest(struct port *p, handles, ports)
{
	uint16_t port = 4242;

	err[0] = '\0';
	if (p->ok) {
		cr_assert_eq(addr_parse_port(p->s, &port, err), 0, "'%s': %s",
		    p->s, err);
		cr_assert_eq(port, p->value);
	} else {
		cr_assert_eq(addr_parse_port(p->s, &port, err), -1, "'%s'",
		    p->s);
		cr_assert_eq(port, 4242, "the port is left alone");
		cr_assert(strstr(err, "port") != NULL, "%s", err);
	}
}

/* Endpoints, parsed and printed back. */

struct endpoint {
	char	addr[48];
	char	port[8];	/* "" for ADDRESS:PORT */
	int	family;
	char	printed[48];
};

ParameterizedTestParameters(handles, endpoints)
{
	static struct endpoint v[] = {
		{ "127.0.0.1", "8888", AF_INET, "127.0.0.1:8888" },
		{ "127.0.0.1:8888", "", AF_INET, "127.0.0.1:8888" },
		{ "127.0.0.1", "0", AF_INET, "127.0.0.1:0" },
		{ "127.1.2.3:65535", "", AF_INET, "127.1.2.3:65535" },
		{ "*", "80", AF_INET, "0.0.0.0:80" },
		{ "*:80", "", AF_INET, "0.0.0.0:80" },
		{ "::1", "8888", AF_INET6, "[::1]:8888" },
		{ "[::1]:8888", "", AF_INET6, "[::1]:8888" },
		{ "[::1]", "8888", AF_INET6, "[::1]:8888" },
		{ "[::1]:0", "", AF_INET6, "[::1]:0" },
		{ "*", "80", AF_INET6, "[::]:80" },
		{ "[*]:80", "", AF_INET6, "[::]:80" },
		{ "::", "1", AF_INET6, "[::]:1" },
		{ "0:0:0:0:0:0:0:1", "2", AF_INET6, "[::1]:2" },
		{ "::ffff:127.0.0.1", "3", AF_INET6, "[::ffff:127.0.0.1]:3" },
		{ "fe80::1", "4", AF_INET6, "[fe80::1]:4" },
	};
	return cr_make_param_array(struct endpoint, v, sizeof v / sizeof *v);
}

ParameterizedTest(struct endpoint *e, handles, endpoints)
{
	struct sockaddr_storage ss, again;
	socklen_t len, len2;
	char buf[64], host[64], *colon;

	cr_assert_eq(addr_parse(e->addr, e->port[0] ? e->port : NULL,
	    e->family, &ss, &len, err), 0, "%s %s: %s", e->addr, e->port, err);
	cr_assert_eq(ss.ss_family, e->family);
	cr_assert_eq(len, e->family == AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6));
	cr_assert_str_eq(addr_format(&ss, len, buf, sizeof buf),
	    e->printed);
	/* What is printed parses back to the same address. */
	cr_assert_eq(addr_parse(buf, NULL, e->family, &again, &len2,
	    err), 0, "%s: %s", buf, err);
	cr_assert_eq(len2, len);
	cr_assert_eq(memcmp(&ss, &again, len), 0, "%s", buf);
	/* And ADDRESS PORT apart, as printed. */
	snprintf(host, sizeof host, "%s", buf);
	colon = strrchr(host, ':');
	*colon = '\0';
	cr_assert_eq(addr_parse(host, colon + 1, e->family, &again,
	    &len2, err), 0, "%s %s: %s", host, colon + 1, err);
	cr_assert_eq(memcmp(&ss, &again, len), 0, "%s", buf);
}

Test(handles, endpoint_port_byte_order)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *sin6;
	socklen_t len;

	cr_assert_eq(addr_parse("127.0.0.1", "258", AF_INET, &ss,
	    &len, err), 0);
	cr_assert_eq(((struct sockaddr_in *)&ss)->sin_port, htons(258));
	cr_assert_eq(((struct sockaddr_in *)&ss)->sin_addr.s_addr,
	    htonl(INADDR_LOOPBACK));
	cr_assert_eq(addr_parse("[::1]:258", NULL, AF_INET6, &ss,
	    &len, err), 0);
	sin6 = (struct sockaddr_in6 *)&ss;
	cr_assert_eq(sin6->sin6_port, htons(258));
	cr_assert(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
}

Test(handles, format_sockaddr_nothing)
{
	struct sockaddr_storage ss;
	char buf[64];

	memset(&ss, 0, sizeof ss);
	cr_assert_str_eq(addr_format(&ss, 0, buf, sizeof buf), "-");
	ss.ss_family = AF_APPLETALK;
	cr_assert_str_eq(addr_format(&ss, sizeof ss, buf, sizeof buf),
	    "?");
}

Test(handles, constants)
{
	int v;

	cr_assert_eq(addr_parse_family("AF_INET", &v), 0);
	cr_assert_eq(v, AF_INET);
	cr_assert_eq(addr_parse_family("ipv6", &v), 0);
	cr_assert_eq(v, AF_INET6);
	cr_assert_eq(addr_parse_family("Inet6", &v), 0);
	cr_assert_eq(v, AF_INET6);
	cr_assert_eq(addr_parse_family("AF_UNIX", &v), 0);
	cr_assert_eq(v, AF_UNIX);
	cr_assert_eq(addr_parse_family("AF_IPX", &v), -1);
	cr_assert_eq(addr_parse_type("SOCK_DGRAM", &v), 0);
	cr_assert_eq(v, SOCK_DGRAM);
	cr_assert_eq(addr_parse_type("tcp", &v), 0);
	cr_assert_eq(v, SOCK_STREAM);
	cr_assert_eq(addr_parse_type("raw", &v), -1);
	cr_assert_str_eq(addr_family_name(AF_INET6), "AF_INET6");
	cr_assert_str_eq(addr_type_name(SOCK_DGRAM), "SOCK_DGRAM");
	cr_assert_str_eq(addr_proto_label(AF_INET, SOCK_STREAM), "TCP/IPv4");
	cr_assert_str_eq(addr_proto_label(AF_INET6, SOCK_DGRAM), "UDP/IPv6");
}

/* errno texts. */

Test(handles, errno_explain_common)
{
	const char *s;

	s = cmd_explain("bind", EADDRINUSE);
	cr_assert(s != NULL && strstr(s, "already uses") != NULL);
	s = cmd_explain("connect", ECONNREFUSED);
	cr_assert(s != NULL && strstr(s, "nobody is listening") != NULL);
	s = cmd_explain("recv", ENOTCONN);
	cr_assert(s != NULL && strstr(s, "not connected") != NULL);
	cr_assert_not_null(cmd_explain("send", ENOTCONN));
	s = cmd_explain("send", EPIPE);
	cr_assert(s != NULL && strstr(s, "closed for sending") != NULL);
	s = cmd_explain("recv", ECONNRESET);
	cr_assert(s != NULL && strstr(s, "reset") != NULL);
	cr_assert_not_null(cmd_explain("send", ECONNRESET));
	cr_assert_not_null(cmd_explain("listen", EOPNOTSUPP));
	cr_assert_not_null(cmd_explain("accept", EINVAL));
}

Test(handles, errno_explain_per_call)
{
	/* EINVAL means something else for each call. */
	cr_assert_neq(strcmp(cmd_explain("bind", EINVAL),
	    cmd_explain("accept", EINVAL)), 0);
	cr_assert(strstr(cmd_explain("listen", EOPNOTSUPP), "listen") !=
	    NULL);
	cr_assert(strstr(cmd_explain("accept", EOPNOTSUPP), "accept") !=
	    NULL);
	/* Only bind can be refused an address in use. */
	cr_assert_null(cmd_explain("recv", EADDRINUSE));
	cr_assert_null(cmd_explain("listen", ECONNREFUSED));
	cr_assert_null(cmd_explain("send", EINVAL));
}

Test(handles, errno_explain_rare)
{
	cr_assert_null(cmd_explain("recv", EDOM));
	cr_assert_null(cmd_explain("send", ENOEXEC));
	cr_assert_null(cmd_explain("bind", ECHILD));
	cr_assert_null(cmd_explain("connect", 0));
}

Test(handles, errno_names)
{
	cr_assert_str_eq(errinfo_name(EADDRINUSE), "EADDRINUSE");
	cr_assert_str_eq(errinfo_name(ECONNREFUSED), "ECONNREFUSED");
	cr_assert_str_eq(errinfo_name(EPIPE), "EPIPE");
	cr_assert_str_eq(errinfo_name(EAGAIN), "EAGAIN");
	cr_assert_str_eq(errinfo_name(ETIMEDOUT), "ETIMEDOUT");
}

/* The command table. */

Test(handles, cmd_find_exact_alias_prefix)
{
	assert_finds("accept", "accept");
	assert_finds("recv", "recv");
	assert_finds("receive", "recv");
	assert_finds("exit", "quit");
	assert_finds(".", "source");
	assert_finds("acc", "accept");
	assert_finds("a", "accept");
	assert_finds("li", "listen");
	assert_finds("sho", "show");
	assert_finds("soc", "socket");
	assert_finds("sou", "source");
	assert_finds("con", "connect");
	assert_finds("w", "wait");
	/* In any case: caps lock is no mistake to teach. */
	assert_finds("SOCKET", "socket");
	assert_finds("Bind", "bind");
	assert_finds("EXIT", "quit");
	assert_finds("ACC", "accept");
	cr_assert_null(cmd_find("SOK", err));
	cr_assert(strstr(err, "unknown command 'SOK'; did you mean 'socket'?")
	    != NULL, "%s", err);
}

Test(handles, cmd_find_every_entry)
{
	const struct cmd_entry *const *c;

	for (c = cmd_table; *c != NULL; c++) {
		cr_assert_eq(cmd_find((*c)->name, err), *c, "%s", (*c)->name);
		if ((*c)->alias != NULL)
			cr_assert_eq(cmd_find((*c)->alias, err), *c, "%s",
			    (*c)->alias);
		cr_assert_not_null((*c)->usage);
		cr_assert_not_null((*c)->summary);
		cr_assert_not_null((*c)->help);
		cr_assert_not_null((*c)->exec);
		cr_assert((*c)->max_args < 0 ||
		    (*c)->max_args >= (*c)->min_args, "%s", (*c)->name);
	}
	for (c = cmd_table; c[0] != NULL && c[1] != NULL; c++)
		cr_assert_lt(strcmp(c[0]->name, c[1]->name), 0,
		    "the table is alphabetical: %s, %s", c[0]->name,
		    c[1]->name);
	cr_assert_eq(cmd_count(), (size_t)(c - cmd_table) + 1);
}

Test(handles, cmd_find_ambiguous)
{
	cr_assert_null(cmd_find("s", err));
	cr_assert(strstr(err, "ambiguous command 's', could be: send, ") !=
	    NULL, "%s", err);
	cr_assert(strstr(err, ", show, shutdown, socket, socketpair, source") !=
	    NULL, "%s", err);
	cr_assert_null(cmd_find("c", err));
	cr_assert(strstr(err, "close, connect") != NULL, "%s", err);
}

Test(handles, cmd_find_unknown)
{
	cr_assert_null(cmd_find("acept", err));
	cr_assert(strstr(err, "did you mean 'accept'?") != NULL, "%s", err);
	/* An alias is suggested by its own name. */
	cr_assert_null(cmd_find("exitt", err));
	cr_assert(strstr(err, "did you mean 'exit'?") != NULL, "%s", err);
	cr_assert_null(cmd_find("exti", err));
	cr_assert(strstr(err, "did you mean 'exit'?") != NULL, "%s", err);
	cr_assert_null(cmd_find("recieve", err));
	cr_assert(strstr(err, "did you mean 'receive'?") != NULL, "%s", err);
	/* The start of a word, mistyped. */
	cr_assert_null(cmd_find("sok", err));
	cr_assert(strstr(err, "did you mean 'socket'?") != NULL, "%s", err);
	cr_assert_null(cmd_find("shwo", err));
	cr_assert(strstr(err, "did you mean 'show'?") != NULL, "%s", err);
	/* One or two letters of junk are near everything: no guess (the
	 * alias "." of source was within 3 of any of them). */
	cr_assert_null(cmd_find("x", err));
	cr_assert(strstr(err, "unknown command 'x': type 'help'") != NULL,
	    "%s", err);
	cr_assert_null(cmd_find("zq", err));
	cr_assert(strstr(err, "did you mean") == NULL, "%s", err);
	cr_assert_null(cmd_find("xyzzy", err));
	cr_assert(strstr(err, "unknown command 'xyzzy': type 'help'") != NULL,
	    "%s", err);
	cr_assert_null(cmd_find("accepted", err), "longer than a command");
	cr_assert_null(cmd_find("", err));
	cr_assert(strstr(err, "empty command name") != NULL, "%s", err);
	cr_assert_null(cmd_find("thisisaverylongcommandnamethatgoeson", err));
	cr_assert(strstr(err, "unknown command") != NULL, "%s", err);
}
