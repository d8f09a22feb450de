/* test-picture.c - the lecture's step-by-step picture: golden pictures of
 * whole exchanges (read from $srcdir/pictures; 'make regen' writes them
 * anew), and what every picture must hold whatever the exchange. */
#include <config.h>

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <locale.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "base/i18n.h"
#include "base/sig.h"
#include "core/shell.h"
#include "input/foresee.h"
#include "views/picture-model.h"
#include "views/picture-opts.h"
#include "views/picture.h"
#include "views/view.h"

TSHELL_SUITE(picture);

/* Ports the kernel picks differ from run to run: their digits become P,
 * keeping the width (also in an address a narrow picture cut from its
 * left, as …1:PORT): four digits or more after a colon; so do the
 * abstract names of autobind (@1a2b3 becomes @XXXXX). */
static void
normalise(char *s)
{
	char *p = s;
	size_t n;

	while ((p = strchr(p, ':')) != NULL) {
		n = strspn(++p, "0123456789");
		if (n >= 4)
			memset(p, 'P', n);
		p += n;
	}
	/* An AF_UNIX socket bound to "@": the kernel's abstract name. */
	for (p = s; (p = strchr(p, '@')) != NULL; p += n) {
		n = strspn(++p, "0123456789abcdef");
		if (n == 5)
			memset(p, 'X', n);
	}
}

/* The picture of T's shell, as a string to free. */
static char *
draw(int width, int utf8, int color)
{
	struct picture_opts o = { width, utf8, color, 0, 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert(f != NULL);
	picture_render(f, &t.sh, &o);
	fclose(f);
	normalise(buf);
	return buf;
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "re");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	cr_assert(buf != NULL);
	cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* TEXT is tests/pictures/NAME, or becomes it with REGEN=1 ('make regen';
 * 'make check' refuses to run with REGEN set). */
static void
golden(const char *name, const char *text)
{
	const char *dir = getenv("srcdir");
	char path[4096], *want;
	FILE *f;

	snprintf(path, sizeof path, "%s/pictures/%s", dir ? dir : ".", name);
	if (getenv("REGEN") != NULL && *getenv("REGEN") != '\0') {
		f = fopen(path, "we");
		cr_assert(f != NULL, "cannot write %s", path);
		fputs(text, f);
		fclose(f);
		return;
	}
	want = read_file(path);
	cr_assert(want != NULL, "cannot read %s: %s ('make regen' writes it)",
	    path, strerror(errno));
	cr_assert(strcmp(want, text) == 0, "%s differs; expected:\n%s\ngot:\n%s",
	    path, want, text);
	free(want);
}

/* --- A box never moves once drawn -------------------------------------- */

/* Where a call's box is: its picture (the id of that picture's first
 * call), its column, its row there. */
struct place {
	unsigned long	 id, group;
	int		 side, row;
};

static struct place *placed;	/* the step before's, by id */
static size_t nplaced;

static int
by_id(const void *a, const void *b)
{
	const struct place *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Forgets the places: a new exchange begins. */
static void
places_forget(void)
{
	free(placed);
	placed = NULL;
	nplaced = 0;
}

/* The places of the call boxes in T's picture now, sorted by id, into
 * *OUT; their number. */
static size_t
places_now(struct place **out)
{
	struct pic_model *m = picture_model_build(&t.sh, NULL);
	struct place *v = NULL;
	size_t g, n = 0, cap = 0, first;
	int i, x;

	cr_assert(m != NULL);
	for (g = 0; g < m->ngroups; g++) {
		unsigned long gid = 0;

		first = n;
		for (i = 0; i < m->groups[g].nrows; i++) {
			struct pic_row r;

			picture_model_row(m, &m->groups[g], i, &r);
			for (x = PIC_LEFT; x <= PIC_RIGHT; x++) {
				if (r.box[x].kind != PIC_BOX_CALL)
					continue;
				if (n == cap) {
					cap = cap ? 2 * cap : 64;
					v = realloc(v, cap * sizeof *v);
					cr_assert(v != NULL);
				}
				v[n++] = (struct place){ r.box[x].id, 0, x, i };
				if (gid == 0 || r.box[x].id < gid)
					gid = r.box[x].id;
			}
		}
		for (; first < n; first++)
			v[first].group = gid;
	}
	picture_model_free(m);
	if (n > 0)
		qsort(v, n, sizeof *v, by_id);
	*out = v;
	return n;
}

/* Each box drawn after the step before is where it was then, after LINE:
 * the step added to the picture, it moved nothing. */
static void
boxes_stay(const char *where, const char *line)
{
	struct place *now, *was;
	size_t n = places_now(&now), i;

	for (i = 0; i < nplaced; i++) {
		struct place *is;

		was = &placed[i];
		is = bsearch(was, now, n, sizeof *now, by_id);

		if (is == NULL)
			continue;	/* 'reset' or 'clear' took it */
		cr_assert(is->group == was->group && is->side == was->side &&
		    is->row == was->row, "%s: after '%s', the box of call %lu "
		    "moved from picture %lu %s row %d to picture %lu %s row "
		    "%d", where, line, was->id, was->group,
		    was->side == PIC_LEFT ? "left" : "right", was->row,
		    is->group, is->side == PIC_LEFT ? "left" : "right",
		    is->row);
	}
	free(placed);
	placed = now;
	nplaced = n;
}

/* Runs each line as a script would, appending the prompt, the line and
 * the picture after it to OUT; no box moves. */
static void
steps(FILE *out, const char *const *lines, int width, int utf8)
{
	char *pic;
	size_t n;

	/* As a script runs them: read ahead first (input/foresee.c). */
	for (n = 0; lines[n] != NULL; n++)
		;
	foresee_lines(&t.sh, lines, n);
	for (; *lines != NULL; lines++) {
		cr_assert_eq(ts_run(&t, *lines), 0, "'%s' failed: %s",
		    *lines, ts_err(&t));
		boxes_stay("steps", *lines);
		pic = draw(width, utf8, 0);
		fprintf(out, "sockshell> %s\n%s", *lines, pic);
		free(pic);
	}
}

/* The lecture's exchange in the lesson's order: the server waits in
 * accept (in the background) before the client exists. */
static const char *const lecture[] = {
	"socket srv AF_INET SOCK_STREAM", "bind srv 127.0.0.1 0",
	"listen srv 1", "accept srv conn &", "socket cli AF_INET SOCK_STREAM",
	"connect cli srv", "send cli \"Hello, world!\"", "recv conn 1024",
	"send conn \"Hello, world!\"", "recv cli 1024", "close cli",
	"recv conn 1024", "close conn", NULL
};

/* The same in tests/transcripts/echo.sock's order: connect, then
 * accept; and the listener closed at the end. */
static const char *const echo[] = {
	"socket srv AF_INET SOCK_STREAM", "bind srv 127.0.0.1 0",
	"listen srv 1", "socket cli", "connect cli srv", "accept srv conn",
	"send cli \"Hello, world!\"", "recv conn 1024",
	"send conn \"Hello, world!\"", "recv cli", "close cli", "recv conn",
	"close conn", "close srv", NULL
};

static char *
collect_steps(const char *const *lines, int width, int utf8)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cr_assert(f != NULL);
	steps(f, lines, width, utf8);
	fclose(f);
	return buf;
}

Test(picture, lecture_exchange_step_by_step)
{
	char *all = collect_steps(lecture, 80, 1);

	golden("lecture-steps.txt", all);
	free(all);
}

Test(picture, echo_exchange_step_by_step_ascii)
{
	char *all = collect_steps(echo, 80, 0);

	golden("echo-steps-ascii.txt", all);
	free(all);
}

Test(picture, narrow_terminals)
{
	char *a, *b, *all = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&all, &len);

	ts_ok(&t, echo);
	a = draw(50, 1, 0);
	b = draw(40, 0, 0);
	fprintf(f, "50 columns, UTF-8:\n%s\n40 columns, ASCII:\n%s", a, b);
	fclose(f);
	golden("echo-narrow.txt", all);
	free(a);
	free(b);
	free(all);
}

Test(picture, udp_exchange)
{
	static const char *const udp[] = {
		"socket srv AF_INET SOCK_DGRAM", "bind srv 127.0.0.1 0",
		"socket cli AF_INET SOCK_DGRAM", "connect cli srv",
		"send cli \"ping\"", "recv srv", "connect srv cli",
		"send srv \"pong!\"", "send srv \"again\"", "recv cli",
		"close cli", "close srv", NULL
	};
	char *all = collect_steps(udp, 80, 1);

	golden("udp-steps.txt", all);
	/* The datagram version: no handshake, one arrow per datagram. */
	cr_assert_null(strstr(all, "connection"));
	cr_assert_null(strstr(all, "Listen"));
	free(all);
}

Test(picture, empty_datagram_is_the_clients)
{
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket s udp", "bind s 127.0.0.1 0",
	    "socket c udp", "connect c s", "send c \"\"", "recv s",
	    "send c hi", "recv s", NULL });
	pic = draw(80, 1, 0);
	/* An empty datagram is a datagram: c's send, s's recv of 0. */
	assert_has(pic, "Receive s 0 B               ◄┼──── 0 B ─────┼─ "
	    "Send    c");
	assert_has(pic, "Receive s 2 B               ◄┼──── 2 B ─────┼─ "
	    "Send    c");
	cr_assert_null(strstr(pic, "another program"), "%s", pic);
	free(pic);
}

/* After shutdown rd, a datagram socket's recv returns 0 at once: no
 * datagram came, so no arrow and no other program is drawn. */
Test(picture, recv_after_shut_rd_is_no_datagram)
{
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket u udp", "bind u 127.0.0.1 0",
	    NULL });
	ts_run(&t, "shutdown u rd");	/* ENOTCONN, applied all the same */
	ts_ok(&t, (const char *const[]){ "recv u", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "│ Receive u 0 B                │\n");
	cr_assert_null(strstr(pic, "another program"), "%s", pic);
	cr_assert_null(strstr(pic, "EOF"), "%s", pic);
	free(pic);
}

Test(picture, one_server_two_clients)
{
	/* c2 connects first, so the first accepted socket is c2's: the
	 * pairs come from the addresses, not from the order. */
	static const char *const two[] = {
		"socket srv", "bind srv 127.0.0.1 0", "listen srv 2",
		"socket c1", "socket c2", "connect c2 srv", "connect c1 srv",
		"accept srv a", "accept srv b", "send c1 \"one\"",
		"send c2 \"two!\"", "recv b", "recv a", "send a \"A\"",
		"send b \"BB\"", "recv c1", "recv c2", "close c1", "close c2",
		NULL
	};
	char *pic, *line;

	ts_ok(&t, two);
	pic = draw(80, 1, 0);
	golden("two-clients.txt", pic);
	for (line = strtok(pic, "\n"); line != NULL;
	    line = strtok(NULL, "\n")) {
		if (strstr(line, "Accept  srv → a ") != NULL)
			assert_has(line, "Connect c2 ");
		if (strstr(line, "Accept  srv → b ") != NULL)
			assert_has(line, "Connect c1 ");
		if (strstr(line, "Receive b 3 B") != NULL)
			assert_has(line, "Send    c1 ");
		if (strstr(line, "Send    b ") != NULL)
			assert_has(line, "Receive c1 2 B");
	}
	free(pic);
}

/* No arrow that stops short of the other column (what a datagram lost
 * to a closed port looks like). */
static void
assert_no_loss(const char *pic)
{
	assert_has_not(pic, "► │");
	assert_has_not(pic, "│ ◄");
	assert_has_not(pic, "╶");
	assert_has_not(pic, "╴");
}

/* LINE with the bus lines' joints as crossings: a bus that grows down
 * turns a ┴ into a ┼. */
static void
joints(char *line)
{
	static const char *const j[] = { "┬", "┴", "├", "┤", "┌", "┐", "└",
	    "┘", NULL };
	char *p;
	int i;

	for (i = 0; j[i] != NULL; i++)
		while ((p = strstr(line, j[i])) != NULL)
			memcpy(p, "┼", strlen("┼"));
}

/* The next character of *S (UTF-8), into C; 0 at the end. */
static int
next_char(const char **s, char *c)
{
	size_t n = 1;

	if (**s == '\0')
		return 0;
	while (((unsigned char)(*s)[n] & 0xc0) == 0x80)
		n++;
	memcpy(c, *s, n);
	c[n] = '\0';
	*s += n;
	return 1;
}

/*
 * The rows of BEFORE (a picture) are still in AFTER: each character drawn
 * is still there, in its column; only blanks may fill, and a bus may
 * join or cross a line. But for the marks of the newest step, the joints of a bus
 * that grew, a note (of what waits unread or unaccepted) that its call
 * replaced, and a call that was still waiting.
 */
static void
assert_rows_kept(const char *before, const char *after)
{
	char *b = strdup(before), *a = strdup(after), *bl, *al, *bs, *as;
	char cb[8], ca[8];
	const char *p, *q;
	int col;

	cr_assert(b != NULL && a != NULL);
	bl = strtok_r(b, "\n", &bs);
	al = strtok_r(a, "\n", &as);
	for (; bl != NULL && strstr(bl, " └─") != bl;
	    bl = strtok_r(NULL, "\n", &bs), al = strtok_r(NULL, "\n", &as)) {
		cr_assert(al != NULL, "rows lost; before:\n%s", before);
		if (strchr(bl, '(') != NULL || strstr(bl, "waiting") != NULL)
			continue;
		joints(bl);
		joints(al);
		for (p = bl, q = al, col = 0; next_char(&p, cb); col++) {
			if (!next_char(&q, ca))
				ca[0] = '\0';
			if (strcmp(cb, " ") == 0 || strcmp(cb, "▶") == 0 ||
			    strcmp(cb, "◀") == 0)
				continue;
			/* A bus joins a line drawn before, or passes over. */
			if (strcmp(cb, "─") == 0 && (strcmp(ca, "┼") == 0 ||
			    strcmp(ca, "│") == 0))
				continue;
			cr_assert_str_eq(cb, ca, "an earlier row changed at "
			    "column %d:\n%s\nbecame\n%s\nbefore:\n%s\nafter:\n%s",
			    col, bl, al, before, after);
		}
	}
	free(a);
	free(b);
}

/* Waits (a bounded retry, as ts_wait_state) until NAME holds N bytes
 * unread: a small second send may wait for the first one's ACK. */
static void
wait_unread(const char *name, int n)
{
	int i;

	for (i = 0; i < 500 && ts_st(&t, name).inq < n; i++)
		poll(NULL, 0, 10);
	cr_assert_geq(ts_st(&t, name).inq, n, "%s: the bytes never came",
	    name);
}

Test(picture, stream_arrows_reach_their_receive)
{
	char *pic, *prev;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", "connect cli srv", "accept srv conn",
	    "send cli \"Hello, \"", "send cli \"world!\"", NULL });
	wait_unread("conn", 13);
	ts_ok(&t, (const char *const[]){ "recv conn", NULL });
	pic = draw(80, 1, 0);
	/* Two sends read at once: both arrows meet at the one Receive. */
	assert_has(pic, "│  ┌─ 7 B ─────┼─ Send    cli");
	assert_has(pic, "│ Receive conn 13 B           ◄┼──┴─ 6 B ─────┼─ "
	    "Send    cli");
	assert_no_loss(pic);
	free(pic);
	ts_ok(&t, (const char *const[]){ "send conn abcdefghij",
	    "recv cli 5", NULL });
	prev = draw(80, 1, 0);
	assert_has(prev, "│ Send    conn                ─┼──── 10 B ────┼► "
	    "Receive cli 5 B");
	ts_ok(&t, (const char *const[]){ "recv cli 100", NULL });
	pic = draw(80, 1, 0);
	/* One send read in two: its arrow splits, the first row stays. */
	assert_has(pic, "│ Send    conn                ─┼──── 10 B ─┬──┼► "
	    "Receive cli 5 B");
	assert_has(pic, "│           └──┼► Receive cli 5 B");
	assert_no_loss(pic);
	free(prev);
	free(pic);
	/* Each step keeps the rows drawn before. */
	ts_ok(&t, (const char *const[]){ "send cli abc", NULL });
	prev = draw(80, 1, 0);
	ts_ok(&t, (const char *const[]){ "send cli de", NULL });
	wait_unread("conn", 5);
	pic = draw(80, 1, 0);
	free(prev);
	prev = pic;
	ts_ok(&t, (const char *const[]){ "recv conn 4", NULL });
	pic = draw(80, 1, 0);
	assert_no_loss(pic);
	free(prev);
	prev = pic;
	ts_ok(&t, (const char *const[]){ "recv conn 1", NULL });
	pic = draw(80, 1, 0);
	assert_rows_kept(prev, pic);
	assert_has(pic, "│ Receive conn 1 B            ◄┼──┘           │");
	assert_no_loss(pic);
	free(prev);
	free(pic);
}

/* Another program's socket on 127.0.0.1 (the test's own): a listening
 * TCP one, or a bound UDP one; its port in *PORT. */
static int
raw_socket(int type, int *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);

	cr_assert(fd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	if (type == SOCK_STREAM)
		cr_assert_eq(listen(fd, 1), 0);
	cr_assert_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

/* The column the box "Socket  NAME" is in (ASCII pictures): 0 on the
 * left, 1 on the right, -1 when there is none. */
static int
side_in(const char *pic, const char *name)
{
	char want[64];
	const char *at, *line;

	snprintf(want, sizeof want, "Socket  %s ", name);
	if ((at = strstr(pic, want)) == NULL)
		return -1;
	for (line = at; line > pic && line[-1] != '\n'; line--)
		;
	return at - line > 40;
}

/* Runs LINES, drawing after each; NAME's Socket box never changes
 * column once drawn, and ends up in column WANT. */
static void
assert_stays(const char *const *lines, const char *name, int want)
{
	char *pic;
	int side = -1, now;

	for (; *lines != NULL; lines++) {
		cr_assert_eq(ts_run(&t, *lines), 0, "'%s' failed: %s", *lines,
		    ts_err(&t));
		pic = draw(80, 0, 0);
		now = side_in(pic, name);
		cr_assert(side < 0 || now == side, "after '%s', %s moved:\n%s",
		    *lines, name, pic);
		if (now >= 0)
			side = now;
		free(pic);
	}
	cr_assert_eq(side, want, "%s ended in column %d", name, side);
}

Test(picture, boxes_stay_in_their_column)
{
	/* The client made first: its name tells, before it connects. */
	assert_stays((const char *const[]){ "socket cli", "socket srv",
	    "bind srv 127.0.0.1 0", "listen srv", "connect cli srv",
	    "accept srv conn", NULL }, "cli", 1);
	assert_stays((const char *const[]){ "close cli", "close conn",
	    "close srv", NULL }, "srv", 0);
}

Test(picture, a_client_that_binds_stays_the_clients)
{
	assert_stays((const char *const[]){ "socket srv",
	    "bind srv 127.0.0.1 0", "listen srv", "socket client",
	    "bind client 127.0.0.1 0", "connect client srv", NULL },
	    "client", 1);
}

Test(picture, an_unnamed_socket_stays_the_servers)
{
	/* Nothing tells what a is: it stays where it was drawn first,
	 * even when the socket after it binds. */
	assert_stays((const char *const[]){ "socket a", "socket b",
	    "bind b 127.0.0.1 0", "socket u udp", "socket v udp",
	    "bind v 127.0.0.1 0", NULL }, "a", 0);
	assert_stays((const char *const[]){ "sendto u v hi", NULL }, "u", 1);
}

Test(picture, two_bound_udp_sockets_face_each_other)
{
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket u1 udp",
	    "bind u1 127.0.0.1 0", "socket u2 udp", "bind u2 127.0.0.1 0",
	    "sendto u1 u2 hi", "recvfrom u2", "sendto u2 u1 yo",
	    "recvfrom u1", NULL });
	pic = draw(80, 1, 0);
	/* Both bound, both alike: the first made is on the left, where
	 * its first box was drawn; they face each other, and each datagram
	 * reaches its Receive. */
	assert_has(pic, "│ Send    u1 127.0.0.1:PPPPP  ─┼──── 2 B ─────┼► "
	    "Receive u2 2 B              │");
	assert_has(pic, "│ Receive u1 2 B              ◄┼──── 2 B ─────┼─ "
	    "Send    u2 127.0.0.1:PPPPP  │");
	assert_has_not(pic, "another program");
	assert_has_not(pic, "unread");
	free(pic);
}

Test(picture, a_client_of_another_program_is_the_clients)
{
	char line[64];
	int port, lfd = raw_socket(SOCK_STREAM, &port);

	snprintf(line, sizeof line, "connect cli 127.0.0.1 %d", port);
	assert_stays((const char *const[]){ "socket cli", line, NULL },
	    "cli", 1);
	close(lfd);
}

Test(picture, earlier_rows_stay)
{
	static const char *const lines[] = { "socket srv",
	    "bind srv 127.0.0.1 0", "listen srv 2", "accept srv conn &",
	    "socket cli", "connect cli srv", "send cli abc", "recv conn 2",
	    "recv conn 1", "socket c2", "connect c2 srv", "accept srv a2",
	    "send a2 hello", "send conn xy", "recv cli 1", "recv c2 3",
	    "recv cli", "recv c2", "close cli", "recv conn", "close c2",
	    "recv a2", NULL };
	const char *const *l;
	char *prev = NULL, *pic;

	/* Each step adds to the picture before; what it drew stays. */
	for (l = lines; *l != NULL; l++) {
		cr_assert_eq(ts_run(&t, *l), 0, "'%s' failed: %s", *l,
		    ts_err(&t));
		pic = draw(80, 1, 0);
		assert_no_loss(pic);
		if (prev != NULL)
			assert_rows_kept(prev, pic);
		free(prev);
		prev = pic;
	}
	free(prev);
}

Test(picture, refused_connect)
{
	char *pic;

	/* Bound but not listening: the connect is refused. */
	ts_ok(&t, (const char *const[]){ "socket closedport",
	    "bind closedport 127.0.0.1 0", "socket cli", NULL });
	cr_assert_eq(ts_run(&t, "connect cli closedport"), -1);
	pic = draw(80, 1, 0);
	golden("refused.txt", pic);
	assert_has(pic, "Connect cli ✗ ECONNREFUSED");
	assert_has(pic, "│ ✗ refused ─┼─ Connect cli ✗ ECONNREFUSED");
	free(pic);
}

/* The text of each box line in the left and right box (ASCII pictures):
 * the boxes' corners are the '+' of their top lines. */
struct boxes {
	char	 left[64][64], right[64][64];
	int	 n;
};

static void
first_word(char *dst, const char *src, int n)
{
	if (n <= 0) {
		dst[0] = '\0';
		return;
	}
	while (*src == ' ' && n > 0) {
		src++;
		n--;
	}
	snprintf(dst, 64, "%.*s", n, src);
	dst[strcspn(dst, " \n")] = '\0';
}

/* The columns of the first two '+' at or after column FROM, or -1. */
static void
corners(const char *line, int from, int *a, int *b)
{
	int j;

	*a = *b = -1;
	for (j = from; line[j] != '\n' && line[j] != '\0'; j++)
		if (line[j] == '+') {
			if (*a < 0)
				*a = j;
			else if (*b < 0)
				*b = j;
		}
}

static void
parse_boxes(const char *pic, struct boxes *b)
{
	const char *line = pic, *top = NULL;
	int l0 = -1, l1 = -1, r0 = -1, r1 = -1, a, c, len;

	memset(b, 0, sizeof *b);
	for (; *line != '\0'; line += len + 1) {
		len = (int)strcspn(line, "\n");
		if (top == NULL) {
			corners(line, 0, &l0, &l1);
			if (l0 < 0)
				continue;
			top = line;
			if (l0 > 2) {		/* only a right box */
				r0 = l0;
				r1 = l1;
				l0 = l1 = -1;
			} else
				corners(line, l1 + 1, &r0, &r1);
			continue;
		}
		if (l0 >= 0 && len > l0 + 1 && line[l0] == '+' &&
		    line[l0 + 1] == '-')
			break;		/* the bottom */
		if (r0 < 0 && len > l1 + 1) {
			corners(line, l1 + 2, &a, &c);
			if (a >= 0 && c >= 0) {
				r0 = a;	/* the right box's top, beside */
				r1 = c;
				b->n++;
				goto next;
			}
		}
		if (l0 >= 0 && len > l0 + 2)
			first_word(b->left[b->n], line + l0 + 2, l1 - l0 - 2);
		if (r0 >= 0 && len > r0 + 3)
			first_word(b->right[b->n], line + r0 + 3, r1 - r0 - 3);
		b->n++;
next:
		if (line[len] == '\0')
			break;
	}
	cr_assert(top != NULL, "no box in:\n%s", pic);
}

/* Each box's calls, top to bottom, skipping empty lines. */
static void
column(const struct boxes *b, int right, char *out, size_t n)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < b->n; i++) {
		const char *w = right ? b->right[i] : b->left[i];

		if (*w != '\0' && *w != '(')
			snprintf(out + strlen(out), n - strlen(out), "%s%s",
			    out[0] ? " " : "", w);
	}
}

/* Every box line of an ASCII picture begins with a whole call's name
 * (or is a note, or empty). */
static void
assert_calls_whole(const char *pic, int width)
{
	static const char *const ops[] = { "Socket", "Bind", "Listen",
	    "Accept", "Connect", "Send", "Receive", "Close", "Shutdown",
	    "Socketpair", NULL };
	struct boxes b;
	int i, j, ok;

	parse_boxes(pic, &b);
	for (i = 0; i < b.n; i++) {
		const char *w[2] = { b.left[i], b.right[i] };
		int x;

		for (x = 0; x < 2; x++) {
			if (*w[x] == '\0' || *w[x] == '(' || *w[x] == '~' ||
			    strchr(w[x], ':') != NULL)
				continue;
			for (ok = 0, j = 0; ops[j] != NULL; j++)
				ok |= strcmp(w[x], ops[j]) == 0;
			cr_assert(ok, "%d columns: '%s' is not a whole "
			    "call:\n%s", width, w[x], pic);
		}
	}
}

/* The UTF-8 picture in WIDTH columns has each of WANT. */
static void
assert_drawn(int width, const char *const *want)
{
	char *pic = draw(width, 1, 0);

	for (; *want != NULL; want++)
		assert_has(pic, *want);
	free(pic);
}

Test(picture, narrow_keeps_what_matters)
{
	char *pic;
	int width;

	ts_ok(&t, echo);
	ts_ok(&t, (const char *const[]){ "socket srv2", "bind srv2 127.0.0.1 0",
	    "listen srv2 1", "accept srv2 conn2 &", NULL });
	for (width = 40; width <= 80; width++) {
		pic = draw(width, 0, 0);
		assert_calls_whole(pic, width);
		assert_has_not(pic, "Bind srv 12~");	/* never the middle */
		free(pic);
	}
	/* An address cut from its left, its port whole; listen's backlog
	 * as listen(srv, 1) says it. */
	assert_drawn(60, (const char *const[]){ "│ Bind srv …1:PPPPP  │",
	    "│ Listen srv 1       │", "│ Bind srv2 …:PPPPP  │",
	    "│ Listen srv2 1      │", NULL });
	/* The call whole, and the mark of a wait; the socket's name is
	 * cut last. */
	assert_drawn(40, (const char *const[]){ "│ Accept sr… ⋯  │",
	    "│ Receive conn ◄┼", "│ Listen srv 1  │", NULL });
	assert_drawn(58, (const char *const[]){ "│ Bind srv …:PPPPP  │",
	    NULL });
}

Test(picture, no_arrow_gives_the_gap_to_the_boxes)
{
	ts_ok(&t, (const char *const[]){ "socket srv2", "bind srv2 127.0.0.1 0",
	    "listen srv2 1", "accept srv2 conn2 &", NULL });
	/* With no arrow's label to keep, the gap gives its columns to the
	 * boxes first. */
	assert_drawn(60, (const char *const[]){ "│ Bind srv2 …0.0.1:PPPPP  │",
	    "│ Listen srv2 backlog 1   │", NULL });
}

Test(picture, boxes_in_the_lecture_order)
{
	char *pic, cols[2][512];
	const char *c;
	struct boxes b;
	int i, boxes, before = 0;

	for (i = 0; lecture[i] != NULL; i++) {
		cr_assert_eq(ts_run(&t, lecture[i]), 0, "%s", lecture[i]);
		pic = draw(80, 0, 0);
		parse_boxes(pic, &b);
		column(&b, 0, cols[0], sizeof cols[0]);
		column(&b, 1, cols[1], sizeof cols[1]);
		/* One box more with each step, as on the slides. */
		boxes = 0;
		for (c = cols[0]; *c != '\0'; c++)
			boxes += *c == ' ';
		for (c = cols[1]; *c != '\0'; c++)
			boxes += *c == ' ';
		boxes += (cols[0][0] != '\0') + (cols[1][0] != '\0');
		cr_assert_eq(boxes, before + 1, "after '%s': %s | %s",
		    lecture[i], cols[0], cols[1]);
		before = boxes;
		free(pic);
	}
	cr_assert_str_eq(cols[0], "Socket Bind Listen Accept Receive Send "
	    "Receive Close");
	cr_assert_str_eq(cols[1], "Socket Connect Send Receive Close");
	/* The arrows' ends on one row each. */
	pic = draw(80, 0, 0);
	parse_boxes(pic, &b);
	for (i = 0; i < b.n; i++) {
		if (strcmp(b.left[i], "Accept") == 0)
			cr_assert_str_eq(b.right[i], "Connect");
		if (strcmp(b.right[i], "Connect") == 0)
			cr_assert_str_eq(b.left[i], "Accept");
	}
	assert_has(pic, "<+- connection -+- Connect");
	assert_has(pic, "Receive conn 13 B           <+---- 13 B ----+- Send");
	assert_has(pic, "Send    conn                -+---- 13 B ----+> "
	    "Receive cli 13 B");
	assert_has(pic, "Receive conn 0 B            <+---- EOF -----+- Close");
	free(pic);
}

Test(picture, job_drawn_where_it_began)
{
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "accept srv conn &", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "Accept  srv ⋯ waiting");
	assert_has_not(pic, "connection");
	free(pic);
	ts_ok(&t, (const char *const[]){ "socket cli", "connect cli srv",
	    "recv conn &", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "Accept  srv → conn          ◄┼─ connection ─┼─ "
	    "Connect cli");
	assert_has(pic, "Receive conn ⋯ waiting");
	free(pic);
	ts_ok(&t, (const char *const[]){ "send cli hi", NULL });
	pic = draw(80, 1, 0);
	/* The recv that waited takes the bytes on its own row. */
	assert_has(pic, "Receive conn 2 B            ◄┼──── 2 B ─────┼─ Send");
	assert_has_not(pic, "waiting");
	free(pic);
}

Test(picture, failed_and_stopped_calls)
{
	char *pic, line[64];

	/* As a script runs them: read ahead, so b is known to serve. */
	foresee_lines(&t.sh, (const char *const[]){ "socket b", "bind b ::1 $P" },
	    2);
	ts_ok(&t, (const char *const[]){ "socket a", "bind a 127.0.0.1 0",
	    "listen a", "socket b", NULL });
	snprintf(line, sizeof line, "bind b 127.0.0.1 %d", ts_port(&t, "a"));
	cr_assert_eq(ts_run(&t, line), -1);
	sig_interrupted = 1;		/* as if Ctrl-C came */
	cr_assert_eq(ts_run(&t, "accept a c1"), -1);
	t.sh.timeout = 0.2;
	cr_assert_eq(ts_run(&t, "accept a c2"), -1);
	ts_ok(&t, (const char *const[]){ "accept a c3 &", "close a", NULL });
	pic = draw(80, 1, 0);
	/* No arrow needs the gap: the boxes take it; the address is cut
	 * from its left, the failure whole. b asked for a's port: it was
	 * being set up as a server, and its box is the server's. */
	assert_has(pic, "│ Bind    b ….1:PPPPP ✗ EADDRINUSE  │");
	assert_has(pic, "Accept  a ✗ interrupted");
	assert_has(pic, "Accept  a ✗ gave up");
	assert_has(pic, "Accept  a ✗ cancelled");
	free(pic);
}

Test(picture, connect_waiting_in_syn_sent)
{
	char *pic;

	/* listen 0 queues one connection; the second client's SYN is
	 * dropped while the queue is full: it stays in SYN_SENT. */
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 0", "socket c1", "connect c1 srv", "socket c2",
	    "connect c2 srv &", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "(in srv's accept queue)     ◄┼─ connection ─┼─ "
	    "Connect c1");
	assert_has(pic, "(srv's queue is full)       ◄┼┄ connecting ┄┼┄ "
	    "Connect c2 ⋯ waiting");
	free(pic);
}

Test(picture, nonblocking_connect_that_got_through)
{
	char *pic;

	/* listen 0 holds one connection: c1's. cli's SYN waits. */
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 0", "socket c1", "connect c1 srv", "socket cli",
	    "nonblock cli on", NULL });
	/* EINPROGRESS */
	cr_assert_eq(ts_run(&t, "connect cli srv"), -1);
	pic = draw(80, 1, 0);
	assert_has(pic, "┼┄ Connect cli ⋯ connecting");
	assert_has_not(pic, "EINPROGRESS");
	free(pic);
	/* A slot frees; the kernel completes the handshake on its own. */
	ts_ok(&t, (const char *const[]){ "accept srv a", NULL });
	cr_assert(ts_ready(&t, "cli", POLLOUT) & POLLOUT);
	cr_assert_eq(ts_wait_state(&t, "cli", TCP_ESTABLISHED),
	    TCP_ESTABLISHED);
	ts_ok(&t, (const char *const[]){ "accept srv b", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "Accept  srv → b             ◄┼─ connection ─┼─ "
	    "Connect cli                 │");
	assert_has_not(pic, "EINPROGRESS");
	assert_has_not(pic, "connecting");
	free(pic);
}

/* A program other than the shell: a plain socket of the test's. */
static int
raw_connect(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert(fd >= 0);
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	cr_assert_eq(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	return fd;
}

Test(picture, the_client_is_another_program)
{
	char *pic, line[16];
	int fd;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", NULL });
	fd = raw_connect(ts_port(&t, "srv"));
	cr_assert_eq(send(fd, "hey", 3, 0), 3);
	ts_ok(&t, (const char *const[]){ "accept srv conn", NULL });
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	pic = draw(80, 1, 0);
	assert_has(pic, "Client (another program)");
	/* Another program's box is dashed all round, where arrows meet
	 * it too. */
	assert_has(pic, "Accept  srv → conn          ◄┼─ connection ─┆─ "
	    "127.0.0.1:PPPPP             ┆");
	assert_has(pic, "(conn: 3 B unread)          ◄┼──── 3 B ─────┆─ "
	    "127.0.0.1:PPPPP");
	assert_has(pic, "│              ┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄\n");
	free(pic);
	ts_ok(&t, (const char *const[]){ "recv conn", "send conn \"hey!\"",
	    NULL });
	cr_assert_eq(recv(fd, line, sizeof line, 0), 4);
	close(fd);		/* read all: a FIN, not a reset */
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	pic = draw(80, 1, 0);
	golden("remote-client.txt", pic);
	assert_has(pic, "Receive conn 3 B            ◄┼──── 3 B ─────┆─ "
	    "127.0.0.1:PPPPP");
	assert_has(pic, "(conn: EOF unread)          ◄┼──── EOF ─────┆─ "
	    "127.0.0.1:PPPPP");
	free(pic);
}

Test(picture, the_server_is_another_program)
{
	char *pic, line[64];
	int port, lfd = raw_socket(SOCK_STREAM, &port), fd;

	snprintf(line, sizeof line, "connect cli 127.0.0.1 %d", port);
	ts_ok(&t, (const char *const[]){ "socket cli", line, "send cli ping",
	    NULL });
	fd = accept(lfd, NULL, NULL);
	cr_assert(fd >= 0);
	pic = draw(80, 1, 0);
	assert_has(pic, "Server (another program)");
	assert_has(pic, "┆ 127.0.0.1:PPPPP             ◄┆─ connection ─┼─ "
	    "Connect cli");
	assert_has(pic, "┆ 127.0.0.1:PPPPP             ◄┆──── 4 B ─────┼─ "
	    "Send    cli");
	free(pic);
	close(fd);
	close(lfd);
}

Test(picture, a_udp_peer_is_shown_by_its_address)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	char *pic, line[64], buf[16];
	int port, fd = raw_socket(SOCK_DGRAM, &port);

	snprintf(line, sizeof line, "sendto u 127.0.0.1 %d \"one\"", port);
	ts_ok(&t, (const char *const[]){ "socket u udp", line, NULL });
	cr_assert_eq(recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&ss,
	    &len), 3);
	cr_assert_eq(sendto(fd, "two!", 4, 0, (struct sockaddr *)&ss, len), 4);
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
	ts_ok(&t, (const char *const[]){ "recvfrom u", NULL });
	pic = draw(80, 1, 0);
	/* Both rows name the program that answered, as recvfrom did; u
	 * stays where its first box was, and the titles say who serves. */
	assert_has(pic, "Send    u 127.0.0.1:PPPPP   ─┼──── 3 B ─────┆► "
	    "127.0.0.1:PPPPP");
	/* recvfrom is the slides' Receive, lined up with the others. */
	assert_has(pic, "Receive u 4 B               ◄┼──── 4 B ─────┆─ "
	    "127.0.0.1:PPPPP");
	assert_has(pic, "Client                               Server (another "
	    "program)");
	assert_has_not(pic, "Recvfrom");
	assert_has_not(pic, "Sendto");
	assert_has_not(pic, "┆ another program");
	free(pic);
	close(fd);
}

Test(picture, another_programs_empty_datagram_waits)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int port, fd = raw_socket(SOCK_DGRAM, &port);
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket u udp", "bind u 127.0.0.1 0",
	    NULL });
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)ts_port(&t, "u"));
	cr_assert_eq(sendto(fd, "", 0, 0, (struct sockaddr *)&sin,
	    sizeof sin), 0);
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
	/* SIOCINQ says 0 as when nothing waits; the datagram is there. */
	pic = draw(80, 1, 0);
	assert_has(pic, "(u: 0 B unread)");
	free(pic);
	ts_ok(&t, (const char *const[]){ "recv u", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "Receive u 0 B");
	assert_has_not(pic, "unread");
	free(pic);
	close(fd);
}

Test(picture, newest_step_marked)
{
	char *pic;

	ts_ok(&t, (const char *const[]){ "socket srv", "socket cli", NULL });
	pic = draw(80, 1, 0);
	assert_has(pic, "│  Socket  cli                 │◀");
	assert_has_not(pic, "▶");
	assert_has_not(pic, "\033[");
	free(pic);
	pic = draw(80, 0, 0);
	assert_has(pic, "|  Socket  cli                 |<");
	free(pic);
	ts_ok(&t, (const char *const[]){ "bind srv 127.0.0.1 0", NULL });
	pic = draw(80, 1, 1);
	/* In colour: the newest box stands out; no marker. */
	assert_has(pic, "\033[1;36mBind    srv 127.0.0.1:PPPPP\033[0m");
	assert_has_not(pic, "▶");
	assert_has_not(pic, "◀");
	free(pic);
	/* A command that changes nothing (show) leaves the mark. */
	ts_ok(&t, (const char *const[]){ "show", NULL });
	pic = draw(80, 0, 0);
	assert_has(pic, ">| Bind    srv");
	free(pic);
}

/* Columns of a line, as the picture counts them (all its characters
 * take one column). */
static int
columns_upto(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
char_at(const char *line, size_t len, int col, const char *const *set)
{
	const char *p = line;
	int c = 0, i;

	while (p < line + len && c < col) {
		p++;
		while (p < line + len && ((unsigned char)*p & 0xc0) == 0x80)
			p++;
		c++;
	}
	for (i = 0; set[i] != NULL; i++)
		if (strncmp(p, set[i], strlen(set[i])) == 0)
			return 1;
	return 0;
}

/* At every width from 40 to 130 columns, each line of T's picture fits,
 * and the boxes' borders line up, counted in characters. */
static void
fits_every_width(int utf8)
{
	static const char *const borders[] = { "│", "┼", "┐", "┘", "┆", "|",
	    "+", ":", NULL };
	int width, left, right, col;
	char *pic, *line, *top;
	size_t len;

	for (width = 40; width <= 130; width += 3) {
		pic = draw(width, utf8, 0);
		top = strchr(pic, '\n') + 1;
		/* The corners of the first boxes' top line. */
		len = strcspn(top, "\n");
		left = right = -1;
		for (col = 0; col < 200; col++) {
			if (!char_at(top, len, col, (const char *const[])
			    { utf8 ? "┐" : "+", NULL }))
				continue;
			if (left < 0 && col > 5)
				left = col;
			else if (col > left + 5)
				right = col;
		}
		cr_assert(left > 0 && right > left, "%d: %s", width,
		    pic);
		for (line = top; *line != '\0' && line[0] != '\n';
		    line += len + 1) {
			len = strcspn(line, "\n");
			cr_assert_leq(columns_upto(line, line + len),
			    width, "%d columns, line '%.*s'", width,
			    (int)len, line);
			if (strstr(line, utf8 ? "└" : "+-") == line + 1)
				break;
			if (line == top)
				continue;
			cr_assert(char_at(line, len, left, borders) &&
			    char_at(line, len, right, borders),
			    "%d columns: borders not aligned in '%.*s'",
			    width, (int)len, line);
		}
		free(pic);
	}
}

Test(picture, fits_the_width_and_counts_characters)
{
	ts_ok(&t, lecture);
	ts_ok(&t, (const char *const[]){ "socket u AF_INET6 SOCK_DGRAM",
	    "bind u ::1 0", "socket x AF_INET6 SOCK_DGRAM", "connect x u",
	    "send x \"a longer datagram\"", NULL });
	fits_every_width(0);
	fits_every_width(1);
}

/* The picture in Russian (ts_russian): Сервер and Клиент, соединение,
 * 13 Б, and the operations as on the slides (Socket, Bind, ...). */
Test(picture, russian_lecture_step_by_step)
{
	char *all;

	ts_russian();
	all = collect_steps(lecture, 80, 1);
	golden("ru-lecture-steps.txt", all);
	assert_has(all, "Сервер");
	assert_has(all, "Клиент");
	assert_has(all, "соединение");
	assert_has(all, "Receive conn 13 Б");
	free(all);
}

Test(picture, russian_columns_line_up)
{
	char *a, *all = NULL;
	size_t len = 0;
	FILE *f;

	ts_russian();
	ts_ok(&t, echo);
	ts_ok(&t, (const char *const[]){ "socket u AF_INET6 SOCK_DGRAM",
	    "bind u ::1 0", "socket x AF_INET6 SOCK_DGRAM", "connect x u",
	    "send x \"a longer datagram\"", "socket q", "bind q 127.0.0.1 0",
	    "socket r", NULL });
	cr_assert_eq(ts_run(&t, "connect r q"), -1);	/* refused: отказ */
	fits_every_width(1);
	f = open_memstream(&all, &len);
	cr_assert(f != NULL);
	a = draw(50, 1, 0);
	fprintf(f, "50 columns:\n%s", a);
	free(a);
	fclose(f);
	golden("ru-echo-narrow.txt", all);
	free(all);
}

Test(picture, russian_queue_label_fits)
{
	char *pic;

	ts_russian();
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", "connect cli srv", NULL });
	pic = draw(80, 1, 0);
	/* Whole at 80 columns: no word of it cut. */
	assert_has(pic, "│ (в очереди srv)             ◄┼─ соединение ─┼─ "
	    "Connect cli");
	assert_has_not(pic, "…");
	free(pic);
}

Test(picture, colour_only_where_it_shows)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY), fd;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	cr_assert(m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0);
	fd = open(ptsname(m), O_RDWR | O_NOCTTY | O_CLOEXEC);
	cr_assert(fd >= 0);
	unsetenv("NO_COLOR");
	setenv("TERM", "xterm-256color", 1);
	cr_assert(picture_opts_color(fd));
	cr_assert(!picture_opts_color(null), "not a terminal");
	setenv("TERM", "dumb", 1);
	cr_assert(!picture_opts_color(fd), "TERM=dumb shows escapes as text");
	unsetenv("TERM");
	cr_assert(!picture_opts_color(fd));
	setenv("TERM", "xterm", 1);
	setenv("NO_COLOR", "1", 1);
	cr_assert(!picture_opts_color(fd));
	close(null);
	close(fd);
	close(m);
}

Test(picture, russian_wording)
{
	char line[64], *pic;

	ts_russian();
	ts_ok(&t, (const char *const[]){ "socket a", "bind a 127.0.0.1 0",
	    "socket b", "socket c", NULL });
	snprintf(line, sizeof line, "bind b 127.0.0.1 %d", ts_port(&t, "a"));
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, line), -1);
	assert_has(ts_err(&t), "bind завершился ошибкой EADDRINUSE");
	assert_has(ts_err(&t), "этот адрес и порт уже заняты");
	assert_has(ts_err(&t), "чтобы обойти TIME_WAIT");
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "connect c a"), -1);
	assert_has(ts_err(&t), "connect завершился ошибкой ECONNREFUSED");
	pic = draw(80, 1, 0);
	assert_has(pic, "│ ✗ отказано ─┼─ Connect c ✗ ECONNREFUSED");
	free(pic);
	ts_ok(&t, (const char *const[]){ "listen a", "connect b a", NULL });
	assert_has(ts_out(&t), "соединено, свой адрес 127.0.0.1:");
}

Test(picture, text_width_counts_characters)
{
	cr_assert_eq(picture_text_width("Сервер", 1), 6);
	cr_assert_eq(picture_text_width("Клиент → conn", 1), 13);
	cr_assert_eq(picture_text_width("日本", 1), 4);
	cr_assert_eq(picture_text_width("e\xcc\x81", 1), 1);	/* e + ◌́ */
	cr_assert_eq(picture_text_width("abc", 0), 3);
	cr_assert_eq(picture_text_width("\xff\xfe", 1), 2);
}

Test(picture, nothing_yet)
{
	char *pic = draw(80, 1, 0);

	assert_has(pic, "nothing to draw yet");
	free(pic);
}

Test(picture, view_follows_each_command)
{
	setenv("COLUMNS", "80", 1);
	t.sh.quiet = 0;
	ts_ok(&t, (const char *const[]){ "view picture", NULL });
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "socket s", NULL });
	assert_has(ts_out(&t), "Socket  s");
	assert_has_not(ts_out(&t), "NAME");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "view both", NULL });
	assert_has(ts_out(&t), "Socket  s");
	assert_has(ts_out(&t), "NAME");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "view table", "bind s 127.0.0.1 0",
	    NULL });
	assert_has_not(ts_out(&t), "Socket  s");
	assert_has(ts_out(&t), "NAME");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "view none", "listen s", "view",
	    NULL });
	assert_has(ts_out(&t), "view: none\n");
	assert_has_not(ts_out(&t), "NAME");
	assert_has_not(ts_out(&t), "Listen");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "picture", NULL });
	assert_has(ts_out(&t), "Listen  s backlog 1");
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "picture 40", NULL });
	assert_has(ts_out(&t), "Listen s");
	ts_fail(&t, "picture 30", "is not a width", 1);
	ts_fail(&t, "view pictures", "is not a view", 1);
	cr_assert_eq(view_parse("both"), VIEW_BOTH);
	cr_assert_eq(view_parse("none"), VIEW_NONE);
	cr_assert_eq(view_parse("Both"), -1);
	cr_assert_str_eq(view_name(VIEW_PICTURE), "picture");
}

Test(picture, quiet_means_none)
{
	t.sh.quiet = 1;
	t.sh.view = VIEW_BOTH;
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "socket s", "view", NULL });
	assert_has_not(ts_out(&t), "Socket  s");
	assert_has(ts_out(&t), "view: none");
}

Test(picture, many_sockets_fast, .timeout = 60)
{
	struct rlimit rl;
	struct timespec a, b;
	char line[64], *pic;
	double ms;
	int i;

	/* 1 listener, 500 clients and the 500 connections it accepted. */
	cr_assert_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_cur < 1100) {
		rl.rlim_cur = rl.rlim_max < 2048 ? rl.rlim_max : 2048;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
		if (rl.rlim_cur < 1100)
			cr_skip_test("only %lu descriptors allowed",
			    (unsigned long)rl.rlim_cur);
	}
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1000", NULL });
	for (i = 1; i <= 500; i++) {
		snprintf(line, sizeof line, "socket c%d", i);
		cr_assert_eq(ts_run(&t, line), 0);
		snprintf(line, sizeof line, "connect c%d srv", i);
		cr_assert_eq(ts_run(&t, line), 0);
		snprintf(line, sizeof line, "accept srv a%d", i);
		cr_assert_eq(ts_run(&t, line), 0);
		snprintf(line, sizeof line, "send c%d x%d", i, i);
		cr_assert_eq(ts_run(&t, line), 0);
	}
	cr_assert_eq(t.sh.nhandles, 1001);
	clock_gettime(CLOCK_MONOTONIC, &a);
	pic = draw(80, 1, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (double)(b.tv_sec - a.tv_sec) * 1e3 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e6;
	assert_has(pic, "Accept  srv → a500");
	assert_has(pic, "(a500: 4 B unread)");
	/* Well under a millisecond a socket: the pairs come from hash
	 * tables, not from comparing every socket with every other. */
	cr_assert_lt(ms, 500.0, "%.1f ms for 1001 sockets", ms);
	free(pic);
}

/* --- Every arrow has both ends, in every lesson ------------------------ */

/* The rows of SH's picture whose arrow leaves a box or note and reaches
 * nothing on the other side: neither the far box nor a bus line that
 * goes on to it (a refused connect ends where it was refused, marked
 * failed). Read on the model, whatever a renderer makes of it. */
static int
loose_arrows(struct shell *sh, char *why, size_t n)
{
	struct pic_model *m = picture_model_build(sh, NULL);
	size_t g;
	int i, b, loose = 0;

	cr_assert(m != NULL);
	for (g = 0; g < m->ngroups; g++)
		for (i = 0; i < m->groups[g].nrows; i++) {
			struct pic_row r;
			int joined = 0;

			picture_model_row(m, &m->groups[g], i, &r);
			if (r.arrow.kind == PIC_A_NONE)
				continue;
			for (b = 0; b < r.nbar; b++)
				joined |= r.bar[b].joined &&
				    (r.bar[b].up || r.bar[b].down);
			if ((r.arrow.reaches[PIC_LEFT] &&
			    r.arrow.reaches[PIC_RIGHT]) || joined ||
			    (r.arrow.kind == PIC_A_REFUSED &&
			    r.arrow.look == PIC_FAILED))
				continue;
			if (loose++ == 0)
				snprintf(why, n, "row %d: \"%s %s %s\" %s "
				    "\"%s %s %s\"", i,
				    r.box[PIC_LEFT].op ? r.box[PIC_LEFT].op : "",
				    r.box[PIC_LEFT].name ? r.box[PIC_LEFT].name :
				    "", r.box[PIC_LEFT].text, r.arrow.label,
				    r.box[PIC_RIGHT].op ? r.box[PIC_RIGHT].op :
				    "", r.box[PIC_RIGHT].name ?
				    r.box[PIC_RIGHT].name : "",
				    r.box[PIC_RIGHT].text);
		}
	picture_model_free(m);
	return loose;
}

/* The client lesson 8 asks for in a second terminal: connects to PORT
 * and sends a line (its stream ends when the lesson waits for that). */
static int
second_terminal(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	cr_assert(fd >= 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = htons((uint16_t)port);
	cr_assert_eq(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	cr_assert_eq(send(fd, "hi\n", 3, 0), 3);
	return fd;
}

/* Runs lesson PATH's commands (no narration, no pauses) in a fresh
 * shell, checking the picture's model after each. */
static void
lesson_arrows(const char *path)
{
	FILE *f = fopen(path, "re");
	char line[1024], why[512];
	int peer = -1;

	cr_assert(f != NULL, "%s: %s", path, strerror(errno));
	ts_fini(&t);
	ts_init(&t);
	ts_ok(&t, (const char *const[]){ "set PORT 0", NULL });
	places_forget();
	/* As the shell runs a lesson: its lines read ahead first. */
	foresee_stream(&t.sh, f);
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '\0' || line[0] == '#' || line[0] == '>' ||
		    line[0] == '?' || strcmp(line, "pause") == 0)
			continue;
		if (strstr(path, "two-terminals") != NULL && peer < 0 &&
		    strncmp(line, "accept ", 7) == 0)
			peer = second_terminal(ts_port(&t, "srv"));
		if (peer >= 0 && strstr(line, "=> EOF") != NULL)
			cr_assert_eq(shutdown(peer, SHUT_WR), 0);
		cr_assert_eq(ts_run(&t, line), 0, "%s: '%s' failed: %s", path,
		    line, ts_err(&t));
		cr_assert_eq(loose_arrows(&t.sh, why, sizeof why), 0,
		    "%s: after '%s', an arrow reaches nothing: %s", path, line,
		    why);
		boxes_stay(path, line);
	}
	fclose(f);
	if (peer >= 0)
		close(peer);
}

Test(picture, every_lesson_arrow_has_both_ends, .timeout = 60)
{
	const char *dir = getenv("srcdir");
	char path[4096];
	struct dirent *d;
	DIR *ld;
	int n = 0;

	snprintf(path, sizeof path, "%s/../lessons", dir ? dir : ".");
	ld = opendir(path);
	cr_assert(ld != NULL, "%s: %s", path, strerror(errno));
	while ((d = readdir(ld)) != NULL) {
		size_t len = strlen(d->d_name);

		if (len < 7 || strcmp(d->d_name + len - 7, ".lesson") != 0)
			continue;
		snprintf(path, sizeof path, "%s/../lessons/%s",
		    dir ? dir : ".", d->d_name);
		lesson_arrows(path);
		n++;
	}
	closedir(ld);
	cr_assert_geq(n, 10, "only %d lessons found", n);
}

/* --- The truth for every protocol the lecture names --------------------- */

Test(picture, udp_short_recv_loses_the_rest)
{
	static const char *const lines[] = {
		"socket rx AF_INET SOCK_DGRAM", "bind rx 127.0.0.1 0",
		"socket tx AF_INET SOCK_DGRAM", "connect tx rx",
		"send tx 0123456789", "recv rx 4 MSG_PEEK", "recv rx 4",
		"send tx again", "close tx", "close rx", NULL
	};
	char *all = collect_steps(lines, 80, 1);

	golden("udp-truncated.txt", all);
	/* The kernel cut it: 4 taken, 6 lost, and nothing left unread. */
	assert_has(all, "Receive rx 4 B peeked");
	assert_has(all, "4 of 10 B, 6 B");
	assert_has(all, "(rx: 5 B discarded)");
	free(all);
}

Test(picture, udp_two_clients_one_server)
{
	static const char *const lines[] = {
		"socket srv AF_INET SOCK_DGRAM", "bind srv 127.0.0.1 0",
		"socket c1 AF_INET SOCK_DGRAM", "socket c2 AF_INET SOCK_DGRAM",
		"sendto c1 srv \"Hello from c1\"",
		"sendto c2 srv \"Hello from c2\"", "recvfrom srv",
		"recvfrom srv", "sendto srv c2 \"hi c2\"",
		"sendto srv c1 \"hi c1\"", "recvfrom c1", "recvfrom c2", NULL
	};
	char *all = collect_steps(lines, 80, 1);

	golden("udp-two-clients.txt", all);
	/* Datagrams are never joined as a stream's pieces are. */
	assert_has_not(all, "┬");
	assert_has_not(all, "another program");
	free(all);
}

Test(picture, udp_connected)
{
	static const char *const lines[] = {
		"socket srv AF_INET SOCK_DGRAM", "bind srv 127.0.0.1 0",
		"socket cli AF_INET SOCK_DGRAM", "connect cli srv",
		"socket other AF_INET SOCK_DGRAM", "connect srv cli",
		"sendto other cli \"not for you\"", "send srv pong",
		"recv cli", "close other", "close cli", "close srv", NULL
	};
	char *all = collect_steps(lines, 80, 1);

	golden("udp-connected.txt", all);
	/* A connected socket takes only its peer's datagrams. */
	assert_has(all, "(cli: dropped)");
	free(all);
}

Test(picture, unix_datagrams)
{
	static const char *const lines[] = {
		"socket srv AF_UNIX SOCK_DGRAM", "bind srv @",
		"socket cli AF_UNIX SOCK_DGRAM", "bind cli @",
		"sendto cli srv ping", "recvfrom srv", "sendto srv cli pong!",
		"recvfrom cli 2", "close cli", "close srv", NULL
	};
	char *all = collect_steps(lines, 80, 0);

	golden("unix-dgram-steps-ascii.txt", all);
	assert_has(all, "2 of 5 B, 3 B lost");
	assert_has_not(all, "another program");
	free(all);
}

/* Runs LINE, which must fail, and appends it and the picture to F. */
static void
failing_step(FILE *f, const char *line, int utf8)
{
	char *pic;

	cr_assert_eq(ts_run(&t, line), -1, "'%s' did not fail", line);
	boxes_stay("failing steps", line);
	pic = draw(80, utf8, 0);
	fprintf(f, "sockshell> %s\n%s", line, pic);
	free(pic);
}

/* The reset of lesson 10: a close with bytes unread, UTF8 or not. */
static char *
reset_steps(int utf8)
{
	char *all = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&all, &len);

	cr_assert(f != NULL);
	steps(f, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", "connect cli srv",
	    "accept srv conn", "send cli \"never read\"", "close conn",
	    NULL }, 80, utf8);
	failing_step(f, "recv cli", utf8);
	steps(f, (const char *const[]){ "close cli", "close srv", NULL }, 80,
	    utf8);
	fclose(f);
	return all;
}

Test(picture, tcp_reset)
{
	char *all = reset_steps(0);

	golden("reset-steps-ascii.txt", all);
	/* A reset, not an end of stream, and the recv meets it. */
	assert_has_not(all, "EOF");
	assert_has(all, "(cli: reset, unread)");
	assert_has(all, "Receive cli ! ECONNRESET");
	free(all);
}

Test(picture, russian_reset)
{
	char *all;

	ts_russian();
	all = reset_steps(1);
	golden("ru-reset-steps.txt", all);
	assert_has(all, "(cli: сброс, не прочитан)");
	assert_has_not(all, "EOF");
	free(all);
}

Test(picture, failed_server_calls_are_the_servers)
{
	char *all = NULL, line[64];
	size_t len = 0;
	FILE *f = open_memstream(&all, &len);

	cr_assert(f != NULL);
	/* Lesson 7's lines, read ahead as the lesson is. */
	foresee_lines(&t.sh, (const char *const[]){ "socket u AF_INET SOCK_DGRAM",
	    "listen u 1" }, 2);
	steps(f, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket srv2", NULL }, 80, 1);
	/* Through a variable: the line shows no port of the kernel's. */
	snprintf(line, sizeof line, "set P %d", ts_port(&t, "srv"));
	ts_ok(&t, (const char *const[]){ line, NULL });
	failing_step(f, "bind srv2 127.0.0.1 $P", 1);
	steps(f, (const char *const[]){ "close srv2",
	    "socket u AF_INET SOCK_DGRAM", NULL }, 80, 1);
	failing_step(f, "listen u 1", 1);
	steps(f, (const char *const[]){ "close u", NULL }, 80, 1);
	fclose(f);
	golden("failed-server-calls.txt", all);
	/* Set up as servers, failing or not: the server's column. */
	assert_has(all, " │ Bind srv2 ");
	assert_has(all, "\n▶│ Listen  u ✗ EOPNOTSUPP");
	free(all);
}

Test(picture, ipv6_like_ipv4)
{
	static const char *const lines[] = {
		"socket srv AF_INET6 SOCK_STREAM", "bind srv ::1 0",
		"listen srv 1", "socket cli AF_INET6 SOCK_STREAM",
		"connect cli srv", "accept srv conn", "send cli ping",
		"recv conn", "close cli", "recv conn", "close conn", NULL
	};
	char *all = NULL, line[64];
	size_t len = 0;
	FILE *f = open_memstream(&all, &len);

	cr_assert(f != NULL);
	steps(f, lines, 80, 1);
	/* An IPv6 listener on every address takes an IPv4 client: the
	 * accepted socket's peer is IPv4-mapped, and pairs all the same. */
	steps(f, (const char *const[]){ "socket any AF_INET6 SOCK_STREAM",
	    "bind any :: 0", "listen any 1", "socket c4 AF_INET SOCK_STREAM",
	    NULL }, 80, 1);
	snprintf(line, sizeof line, "set P %d", ts_port(&t, "any"));
	ts_ok(&t, (const char *const[]){ line, NULL });
	steps(f, (const char *const[]){ "connect c4 127.0.0.1 $P",
	    "accept any a4",
	    "send c4 mapped", "recv a4", "close c4", "recv a4", NULL }, 80, 1);
	fclose(f);
	golden("ipv6-steps.txt", all);
	assert_has_not(all, "another program");
	assert_has(all, "Receive a4 6 B              ◄┼──── 6 B ─────┼─ Send"
	    "    c4");
	free(all);
}

/* The picture's model of T's shell in words, one line a row: calls,
 * arrows and notes, without the texts that name an address or a
 * protocol (those of Socket and Bind, and the notes'). */
static char *
model_words(void)
{
	struct pic_model *m = picture_model_build(&t.sh, NULL);
	char *buf = NULL;
	size_t len = 0, g;
	FILE *f = open_memstream(&buf, &len);
	int i, x;

	cr_assert(m != NULL && f != NULL);
	for (g = 0; g < m->ngroups; g++) {
		fprintf(f, "group %zu\n", g);
		for (i = 0; i < m->groups[g].nrows; i++) {
			struct pic_row r;

			picture_model_row(m, &m->groups[g], i, &r);
			for (x = PIC_LEFT; x <= PIC_RIGHT; x++) {
				const struct pic_box *b = &r.box[x];
				int named = b->op != NULL &&
				    (strcmp(b->op, "Socket") == 0 ||
				    strcmp(b->op, "Bind") == 0);

				fprintf(f, "[%d %s %s %s %s] ", b->kind,
				    b->op ? b->op : "", b->name ? b->name : "",
				    named || b->kind == PIC_BOX_NOTE ? "" :
				    b->text, b->to ? b->to : "");
			}
			fprintf(f, "%d %d %d%d %s\n", r.arrow.kind,
			    r.arrow.from, r.arrow.reaches[0],
			    r.arrow.reaches[1], r.arrow.label);
		}
	}
	fclose(f);
	picture_model_free(m);
	return buf;
}

Test(picture, unix_stream_draws_as_tcp)
{
	static const char *const unix_echo[] = {
		"socket srv AF_UNIX SOCK_STREAM", "bind srv @",
		"listen srv 1", "socket cli AF_UNIX SOCK_STREAM",
		"connect cli srv", "accept srv conn",
		"send cli \"Hello, world!\"", "recv conn 1024",
		"send conn \"Hello, world!\"", "recv cli", "close cli",
		"recv conn", "close conn", "close srv", NULL
	};
	char *tcp[16], *un, *all;
	int i, n;

	for (n = 0; echo[n] != NULL; n++) {
		cr_assert_lt(n, 16);
		ts_ok(&t, (const char *const[]){ echo[n], NULL });
		tcp[n] = model_words();
	}
	ts_fini(&t);
	ts_init(&t);
	/* Step by step, the TCP echo's picture but for the addresses. */
	for (i = 0; i < n; i++) {
		cr_assert_not_null(unix_echo[i]);
		ts_ok(&t, (const char *const[]){ unix_echo[i], NULL });
		un = model_words();
		cr_assert_str_eq(un, tcp[i], "after '%s':\n%s\nTCP's:\n%s",
		    unix_echo[i], un, tcp[i]);
		free(un);
		free(tcp[i]);
	}
	ts_fini(&t);
	ts_init(&t);
	all = collect_steps(unix_echo, 80, 1);
	golden("unix-echo-steps.txt", all);
	free(all);
}
