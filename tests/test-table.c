/* test-table.c - the state table fits the terminal: at 80 and at 60
 * columns, in English and in Russian, every line of it (the second lines
 * of the rows too) is no wider, counted in columns on the screen, and
 * every address and port in it is whole; an AF_UNIX path too long for it
 * loses its middle, and 'show NAME' still says it whole. */
#include <config.h>

#include <criterion/criterion.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "base/addr.h"
#include "base/i18n.h"
#include "base/width.h"
#include "core/shell.h"
#include "state/state.h"

static struct tshell t;
static char dir[] = "/tmp/sockshell-table-XXXXXX";
static char path[108];	/* sun_path's size */

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	/* As long as a path gets: wider than the address column at 80. */
	snprintf(path, sizeof path, "%s/%s", dir, "a-listening-socket-with-"
	    "a-long-name-for-the-table-to-cut.sock");
	ts_init(&t);
}

static void
teardown(void)
{
	ts_fini(&t);
	unlink(path);
	rmdir(dir);
}

TestSuite(table, .init = setup, .fini = teardown);

/* Every kind of row, on loopback, the kernel picking the ports. */
static const char *const names[] = { "srv", "cli", "conn", "v6", "l6",
	"c6", "u", "u2", "us", "uc", "uconn", NULL };

static void
sockets(void)
{
	/* A TCP/IPv4 listener with a connection waiting, out of 4. */
	ts_ok(&t, (const char *const[]){ "socket srv AF_INET SOCK_STREAM",
	    "bind srv 127.0.0.1 0", "listen srv 4", "socket cli",
	    "connect cli srv", "accept srv conn", "socket v6 AF_INET6",
	    NULL });
	/* TCP/IPv6 to it, IPv4-mapped: the widest addresses there are. */
	ts_okf(&t, "connect v6 ::ffff:127.0.0.1 %d", ts_port(&t, "srv"));
	ts_ok(&t, (const char *const[]){ "socket l6 AF_INET6",
	    "bind l6 ::1 0", "listen l6 1", "socket c6 AF_INET6",
	    "connect c6 l6", "socket u AF_INET SOCK_DGRAM",
	    "bind u 127.0.0.1 0", "socket u2 AF_INET SOCK_DGRAM",
	    "sendto u2 u \"hello\"", "socket us AF_UNIX", NULL });
	ts_okf(&t, "bind us %s", path);
	ts_ok(&t, (const char *const[]){ "listen us 2", "socket uc AF_UNIX",
	    "connect uc us", "accept us uconn",
	    /* A long second line: O_NONBLOCK and options set. */
	    "nonblock cli on", "setsockopt cli SO_RCVBUF 100000",
	    "setsockopt cli SO_SNDBUF 100000",
	    "setsockopt cli SO_KEEPALIVE 1", "shutdown cli SHUT_WR",
	    NULL });
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
}

/* Whether S is in OUT whole: neither a digit, a dot nor a colon on
 * either side (127.0.0.1:5000 is not in 127.0.0.1:50001). */
static int
has_whole(const char *out, const char *s)
{
	const char *p;
	size_t n = strlen(s);

	for (p = strstr(out, s); p != NULL; p = strstr(p + 1, s))
		if ((p == out || strchr("0123456789.:", p[-1]) == NULL) &&
		    (p[n] == '\0' || strchr("0123456789.:", p[n]) == NULL))
			return 1;
	return 0;
}

/* No line of OUT wider than WIDTH columns on the screen. */
static void
assert_fits(const char *out, int width)
{
	const char *line, *end;
	int w;

	for (line = out; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		w = width_text_n(line, (size_t)(end - line),
		    width_locale_utf8());
		cr_assert_leq(w, width, "a line of %d columns in a table of "
		    "%d: \"%.*s\" in:\n%s", w, width, (int)(end - line), line,
		    out);
	}
}

/* Each socket's addresses whole in OUT, as the table shows them: the
 * peer where there is one. The long path, cut, is checked apart. */
static void
assert_addresses(const char *out)
{
	struct sock_state st;
	char a[512];
	int i;

	for (i = 0; names[i] != NULL; i++) {
		st = ts_st(&t, names[i]);
		addr_format(&st.local, st.local_len, a, sizeof a);
		if (st.local_len > 0 && strcmp(a, path) != 0)
			cr_assert(has_whole(out, a), "%s's local address %s "
			    "is not whole in:\n%s", names[i], a, out);
		addr_format(&st.peer, st.peer_len, a, sizeof a);
		if (st.step != STEP_CREATED && st.step != STEP_BOUND &&
		    st.peer_len > 0 && strcmp(a, path) != 0)
			cr_assert(has_whole(out, a), "%s's peer address %s "
			    "is not whole in:\n%s", names[i], a, out);
	}
}

/* NAME's peer in OUT after the arrow, whole: beside its local address
 * (BESIDE), or on the line under it. */
static void
assert_pair(const char *out, const char *name, int beside)
{
	const char *sep = width_locale_utf8() ? " \xe2\x87\x84 " : " <-> ";
	struct sock_state st = ts_st(&t, name);
	char l[512], p[512], want[1100];

	addr_format(&st.local, st.local_len, l, sizeof l);
	addr_format(&st.peer, st.peer_len, p, sizeof p);
	snprintf(want, sizeof want, "%s%s", sep + 1, p);
	assert_has(out, want);
	snprintf(want, sizeof want, "%s%s%s", l, sep, p);
	if (beside)
		assert_has(out, want);
}

/* The table at WIDTH columns, as 'show' prints it (COLUMNS: the width
 * the picture takes too, when not at a terminal). */
static void
table_at(int width)
{
	char cols[16], want[128];
	const char *out, *tail = path + strlen(path) - 12;
	int i;

	snprintf(cols, sizeof cols, "%d", width);
	setenv("COLUMNS", cols, 1);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "show", NULL });
	out = ts_out(&t);
	assert_fits(out, width);
	assert_addresses(out);
	for (i = 0; names[i] != NULL; i++) {
		snprintf(want, sizeof want, "\n  %s ", names[i]);
		assert_has(out, want);
	}
	assert_has(out, _("NAME"));
	assert_has(out, _("TCP STATE"));
	assert_pair(out, "conn", 0);
	assert_pair(out, "v6", 0);
	assert_pair(out, "c6", 1);	/* [::1]: fits beside */
	assert_has(out, "ESTABLISHED");
	assert_has(out, "LISTEN");
	snprintf(want, sizeof want, _("%u of %u to accept"), 1, 4);
	assert_has(out, want);
	snprintf(want, sizeof want, _("next datagram %d B"), 5);
	assert_has(out, want);
	assert_has(out, "(O_NONBLOCK)");	/* the second line, wrapped */
	/* The path loses its middle, and keeps its end. */
	cr_assert_not(has_whole(out, path), "the path whole at %d columns:"
	    "\n%s", width, out);
	assert_has(out, width_locale_utf8() ? "\xe2\x80\xa6" : "...");
	assert_has(out, tail);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "show us", NULL });
	assert_has(ts_out(&t), path);
}

Test(table, fits_80_and_60_columns)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	sockets();
	table_at(80);
	table_at(60);
}

Test(table, fits_in_ascii)
{
	sockets();	/* the C locale: <-> and ... */
	table_at(80);
	table_at(60);
}

Test(table, fits_in_russian)
{
	ts_russian();
	sockets();
	table_at(80);
	table_at(60);
}

/* A name as long as a handle's gets (32) is cut in its middle only where
 * the row would not fit otherwise: whole at 80 columns, cut at 60, and
 * whole in 'show NAME'. */
Test(table, long_name_cut_last)
{
	const char *name = "a_socket_with_a_long_name_of_32c";

	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	ts_okf(&t, "socket %s AF_INET6", name);
	ts_okf(&t, "bind %s ::1 0", name);
	ts_okf(&t, "listen %s 1", name);
	ts_ok(&t, (const char *const[]){ "socket c AF_INET6", NULL });
	ts_okf(&t, "connect c %s", name);
	setenv("COLUMNS", "80", 1);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "show", NULL });
	assert_fits(ts_out(&t), 80);
	assert_has(ts_out(&t), name);
	setenv("COLUMNS", "60", 1);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "show", NULL });
	assert_fits(ts_out(&t), 60);
	assert_has_not(ts_out(&t), name);
	assert_has(ts_out(&t), "\n  a_socket_w\xe2\x80\xa6");
	assert_has(ts_out(&t), "ame_of_32c ");
	ts_clear(&t);
	ts_okf(&t, "show %s", name);
	assert_has(ts_out(&t), name);
}
