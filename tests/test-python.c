/* test-python.c - the lecture's Python, typed as it is on the slides: the
 * tuple address ('127.0.0.1', 8888) for bind, connect and sendto, and the
 * bytes literal b'...' for send and sendto, sent as Python sends it, over
 * real loopback sockets; and what Python refuses, refused in one line. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>

#include "helpers.h"
#include "base/pyform.h"
#include "core/handle.h"
#include "core/shell.h"
#include "input/lex.h"

static struct tshell t;

/* srv bound with a tuple (port 0) and listening; cli connected to it;
 * conn accepted. */
static void
setup(void)
{
	ts_init(&t);
	ts_ok(&t, (const char *const[]){ "socket srv",
	    "bind srv ('127.0.0.1', 0)", "listen srv", "socket cli", NULL });
	ts_okf(&t, "connect cli ('127.0.0.1', %d)", ts_port(&t, "srv"));
	ts_okf(&t, "accept srv conn");
	ts_clear(&t);
}

static void
teardown(void)
{
	ts_fini(&t);
}

TestSuite(python, .init = setup, .fini = teardown);

/* LINE sends, and conn receives exactly the LEN bytes WANT. */
static void
sends(const char *line, const char *want, size_t len)
{
	ts_okf(&t, "%s", line);
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_okf(&t, "recv conn");
	cr_assert_eq(t.sh.last_len, len, "'%s': %zu bytes, not %zu", line,
	    t.sh.last_len, len);
	cr_assert(memcmp(t.sh.last_data, want, len) == 0, "'%s': other bytes",
	    line);
}

Test(python, bind_and_connect_take_the_tuple)
{
	int port = ts_port(&t, "srv");

	cr_assert_neq(port, 0);
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_ESTABLISHED);
	/* Quotes of either kind, blanks anywhere, a trailing comma. */
	ts_ok(&t, (const char *const[]){ "socket a", "bind a ('127.0.0.1',0)",
	    "socket b", "bind b ( \"127.0.0.1\" , 0 )", "socket c",
	    "bind c ('127.0.0.1', 0,)", "socket d", "bind d ('', 0)", NULL });
	cr_assert_neq(ts_port(&t, "a"), 0);
	cr_assert_neq(ts_port(&t, "b"), 0);
	assert_has(ts_out(&t), "d is bound to 0.0.0.0:");
}

Test(python, ipv6_pair_and_four_tuple)
{
	ts_ok(&t, (const char *const[]){ "socket s6 AF_INET6",
	    "bind s6 ( \"::1\" , 0 )", "listen s6", "socket c6 AF_INET6",
	    NULL });
	ts_okf(&t, "connect c6 ('::1', %d, 0, 0)", ts_port(&t, "s6"));
	assert_has(ts_out(&t), "connect(");
	ts_fail(&t, "bind c6 ('::1', 0, 2000000, 0)", "FLOWINFO is a number "
	    "from 0 to 1048575", 1);
}

Test(python, sendto_takes_the_tuple)
{
	int port;

	ts_ok(&t, (const char *const[]){ "socket u udp",
	    "bind u ('127.0.0.1', 0)", "socket v udp", NULL });
	port = ts_port(&t, "u");
	ts_okf(&t, "sendto v ('127.0.0.1', %d) b'ping'", port);
	cr_assert(ts_ready(&t, "u", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recvfrom u");
	assert_has(ts_out(&t), ") = 4 from 127.0.0.1:");
	assert_has(ts_out(&t), ": \"ping\"\n");
}

Test(python, bytes_literal_sends_what_python_sends)
{
	sends("send cli b'Hello, world!'", "Hello, world!", 13);
	assert_has(ts_out(&t), "b'...' is Python's bytes literal");
	/* Said once a session. */
	ts_clear(&t);
	sends("send cli b\"Hello\"", "Hello", 5);
	assert_has_not(ts_out(&t), "bytes literal");
	sends("send cli b'a\\x00b'", "a\0b", 3);
	sends("send cli b'\\n\\t\\\\\\'\\\"\\101\\x41\\0'", "\n\t\\'\"AA\0", 8);
	sends("send cli b'\\a\\b\\f\\v\\r'", "\a\b\f\v\r", 5);
	/* Raw: the backslashes stay; no $ is replaced inside. */
	sends("send cli rb'\\n'", "\\n", 2);
	sends("send cli b'$PORT'", "$PORT", 5);
	sends("send cli MSG_DONTWAIT b'x y'", "x y", 3);
}

Test(python, bytes_literal_warns_as_python)
{
	sends("send cli b'\\q'", "\\q", 2);
	assert_has(ts_out(&t), "Python warns: invalid escape sequence '\\q'");
	sends("send cli b'\\400'", "\0", 1);
	assert_has(ts_out(&t), "invalid octal escape sequence '\\400'");
}

Test(python, tuple_is_one_word)
{
	size_t n;

	cr_assert_eq(pyform_word("( \"::1\" , 8888 ) x", 18, &n),
	    PYFORM_TUPLE);
	cr_assert_eq(n, 16);
	cr_assert_eq(pyform_word("b'a b' x", 8, &n), PYFORM_BYTES);
	cr_assert_eq(n, 6);
	cr_assert_eq(pyform_word("b'it\\'s'", 8, &n), PYFORM_BYTES);
	cr_assert_eq(n, 8);
	cr_assert_eq(pyform_word("bob's", 5, &n), PYFORM_NONE);
	cr_assert_eq(pyform_word("r'x'", 4, &n), PYFORM_NONE);
}

Test(python, lexer_keeps_python_words_whole)
{
	const char *line = "connect c ( \"::1\" , 8888 ) &";
	const char *data = "send c b'a # b' # a comment";
	struct tokens w;
	char err[MESSAGE_LEN];

	cr_assert_eq(lex_line(line, strlen(line), &w, err), 0, "%s", err);
	cr_assert_eq(w.n, 3);
	cr_assert_str_eq(w.v[2].text, "( \"::1\" , 8888 )");
	cr_assert_eq(w.v[2].python, PYFORM_TUPLE);
	cr_assert(w.background);
	words_free(&w);
	cr_assert_eq(lex_line(data, strlen(data), &w, err), 0, "%s", err);
	cr_assert_eq(w.n, 3);
	cr_assert_str_eq(w.v[2].text, "b'a # b'");
	cr_assert_eq(w.v[2].python, PYFORM_BYTES);
	cr_assert_eq(w.v[2].quoted, 0);
	words_free(&w);
}

/* data = conn.recv(1024); conn.sendall(data): the echo server's loop. */
Test(python, recv_sets_data_and_send_echoes_it)
{
	ts_fail(&t, "send conn $DATA", "$DATA is what the last recv returned, "
	    "and nothing was received yet: recv first, as in 'recv conn'", 1);
	sends("send cli b'a\\x00b\\xff'", "a\0b\xff", 4);
	ts_clear(&t);
	ts_okf(&t, "set DATA");
	cr_assert_str_eq(ts_out(&t), "DATA=a\\x00b\\xff\n");
	ts_okf(&t, "send conn $DATA");
	assert_has(ts_out(&t), ", 4) = 4\n");
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_okf(&t, "recv cli");
	cr_assert_eq(t.sh.last_len, 4);
	cr_assert(memcmp(t.sh.last_data, "a\0b\xff", 4) == 0);
	/* In a longer word too, its length kept. */
	ts_okf(&t, "send conn x${DATA}y");
	cr_assert(ts_ready(&t, "cli", POLLIN) & POLLIN);
	ts_okf(&t, "recv cli");
	cr_assert_eq(t.sh.last_len, 6);
	cr_assert(memcmp(t.sh.last_data, "xa\0b\xffy", 6) == 0);
}

Test(python, data_is_empty_at_the_end_of_the_stream)
{
	ts_okf(&t, "close cli");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_run(&t, "recv conn");
	ts_clear(&t);
	ts_okf(&t, "set DATA");
	cr_assert_str_eq(ts_out(&t), "DATA=\n");
}

struct bad { char line[64]; char says[200]; };

ParameterizedTestParameters(python, refused)
{
	static struct bad bad[] = {
		{ "bind cli ('127.0.0.1'", "the tuple is not closed: end it "
		    "with ')', as in ('127.0.0.1', 8888)" },
		{ "bind cli (8888, '127.0.0.1')", "the address comes first, "
		    "then the port: write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1', 'x')", "a port is a number, without "
		    "quotes: write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1', '9999')", "a port is a number, "
		    "without quotes: write ('127.0.0.1', 9999)" },
		{ "bind cli (localhost, 8888)", "the address in a tuple is a "
		    "string, in quotes: write ('localhost', 8888)" },
		{ "bind cli ('127.0.0.1')", "the tuple has an address but no "
		    "port: write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1' 8888)", "a comma separates the tuple's "
		    "items: write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1', 8888, 0)", "a tuple address is "
		    "(ADDRESS, PORT), or AF_INET6's (ADDRESS, PORT, FLOWINFO, "
		    "SCOPE_ID): write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1', 8888, 0, 0)", "an AF_INET address is "
		    "a pair (Python: AF_INET address must be a pair (host, "
		    "port)): write ('127.0.0.1', 8888)" },
		{ "bind cli ('127.0.0.1', 99999)", "port 99999 is out of range: "
		    "a port is a number from 0 to 65535 (0 lets the kernel "
		    "pick)" },
		{ "bind cli ('127.0.0.1', 8888) 9999", "'9999' after the tuple: "
		    "the port goes inside it, as in ('127.0.0.1', 8888)" },
		{ "bind cli ()", "a tuple address is the address in quotes, "
		    "then the port: write ('127.0.0.1', 8888)" },
		{ "connect cli ('127.0.0.1',, 8888)", "an item of the tuple is "
		    "missing: write ('127.0.0.1', 8888)" },
		{ "sendto cli (8888, 'x') b'y'", "the address comes first, then "
		    "the port: write ('x', 8888)" },
		{ "send cli b'\\x'", "invalid \\x escape at position 0, as "
		    "Python says: \\x takes two hex digits, as in b'\\x00' or "
		    "b'\\xff'" },
		{ "send cli b'ab\\x4'", "invalid \\x escape at position 2" },
		{ "send cli b'Привет'", "a bytes literal holds ASCII only "
		    "(Python: bytes can only contain ASCII literal "
		    "characters): write \"Привет\", sent as UTF-8" },
		{ "send cli b'Hello", "the bytes literal is not closed (Python: "
		    "unterminated string literal): end it with '" },
		{ "send cli b'a'b'c'", "a closing quote must end the word: put "
		    "a blank after it" },
		{ "send cli b'a' b'c'", "send takes one quoted string: put the "
		    "whole message inside the quotes" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

/* Refused in one line that is exactly the message, and nothing sent. */
ParameterizedTest(struct bad *b, python, refused)
{
	const char *err, *colon;

	ts_fail(&t, b->line, b->says, 1);
	err = ts_err(&t);
	colon = strstr(err, ": ");
	cr_assert(colon != NULL, "'%s': %s", b->line, err);
	if (strstr(b->says, "position 2") == NULL)
		cr_assert_str_eq(colon + 2, strcat(strcpy((char[256]){ 0 },
		    b->says), "\n"), "'%s'", b->line);
	cr_assert_eq(poll(&(struct pollfd){ .fd = ts_handle(&t, "conn")->fd,
	    .events = POLLIN }, 1, 0), 0, "'%s' sent something", b->line);
}
