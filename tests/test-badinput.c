/* test-badinput.c - bad input never crashes the shell or loses a
 * socket: huge lines, bytes that are not text (NUL, invalid UTF-8, C1
 * and bidi controls), bad quotes, names, ports and addresses, names that
 * do not resolve, every command on a closed socket, calls on the wrong
 * kind of socket or in the wrong order. Each failure is one line, and
 * the sockets and descriptors stay as they were. */
#include <config.h>

#include <criterion/criterion.h>
#include <locale.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"
#include "input/input.h"
#include "input/run.h"
#include "state/state.h"

TSHELL_MISTAKES_SUITE(badinput);

Test(badinput, line_of_one_mebibyte)
{
	char *line = malloc(LINE_MAX_BYTES + 1);

	cr_assert(line != NULL);
	memset(line, 'A', LINE_MAX_BYTES);
	line[LINE_MAX_BYTES] = '\0';
	ts_fail(&t, line, "unknown command 'AAAAAAAAAA", 1);
	/* A million words: an error, at once, in little memory. */
	for (size_t i = 0; i < LINE_MAX_BYTES; i += 2)
		memcpy(line + i, "a ", 2);
	ts_fail(&t, line, "accept: wrong number of arguments (524287)", 1);
	free(line);
}

Test(badinput, data_of_one_mebibyte)
{
	char *line = ts_big_send("c", LINE_MAX_BYTES - 16);

	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	/* The shell takes it; the kernel's buffers take what they can. */
	t.sh.timeout = 0.2;
	ts_run(&t, line);
	free(line);
	cr_assert(ts_handle(&t, "c")->sent > 0);
	cr_assert_eq(ts_run(&t, "show"), 0);
}

/* A script's line too long: the script stops there, as nothing says
 * where the next line would start; its echo is cut, with a note. */
Test(badinput, line_too_long_in_a_script)
{
	size_t n = LINE_MAX_BYTES + 1, o;
	char *script = malloc(n + 64);
	FILE *fp;

	cr_assert(script != NULL);
	memset(script, 'x', n);
	o = n;
	o += (size_t)sprintf(script + o, "\nsocket after\n");
	fp = fmemopen(script, o, "r");
	cr_assert(fp != NULL);
	t.sh.failed = 0;
	t.sh.echo = 1;
	cr_assert_eq(input_run_stream(&t.sh, fp, "big.sock"), -1);
	fclose(fp);
	free(script);
	/* That line alone is refused: the next one runs. */
	assert_has(ts_err(&t), "big.sock:1: the line is longer than 1048576 "
	    "bytes, so it is skipped");
	assert_has(ts_out(&t), "sockshell> xxxxxxxxxx");
	assert_has(ts_out(&t), "x... (cut: the line goes on, longer than "
	    "1048576 bytes)\n");
	cr_assert(t.sh.failed);
	cr_assert_not_null(handle_find(&t.sh, "after"));
}

/* /dev/zero: no newline ever; reading stops at the limit. */
Test(badinput, dev_zero_is_not_read_for_ever, .timeout = 10)
{
	FILE *fp = fopen("/dev/zero", "re");

	cr_assert(fp != NULL);
	cr_assert_eq(input_run_stream(&t.sh, fp, "/dev/zero"), -1);
	fclose(fp);
	assert_has(ts_err(&t), "/dev/zero:1: the line is longer than");
	cr_assert_eq(ts_run(&t, "source /dev/zero"), -1);
}

/* The echo of a script's line is escaped as errors are: no escape
 * sequence reaches the terminal, a NUL byte does not cut the line. */
Test(badinput, echo_is_escaped)
{
	static const char script[] = "show\x1b[31mred\nsho\0w\nshow\r\n";
	FILE *fp = fmemopen((void *)script, sizeof script - 1, "r");

	cr_assert(fp != NULL);
	t.sh.echo = 1;
	input_run_stream(&t.sh, fp, "esc.sock");
	fclose(fp);
	assert_has(ts_out(&t), "sockshell> show\\x1b[31mred\n");
	assert_has(ts_out(&t), "sockshell> sho\\x00w\n");
	assert_has(ts_out(&t), "sockshell> show\n");
	assert_has_not(ts_out(&t), "\x1b");
}

/* 'source' typed at the prompt shows the lines it runs, as --lesson and
 * a piped script do (help source says it echoes them). */
Test(badinput, source_at_the_prompt_echoes)
{
	char path[] = "/tmp/sockshell-src-XXXXXX";
	int fd = mkstemp(path);

	cr_assert(fd >= 0);
	cr_assert_eq(write(fd, "socket a\n# a comment\nsocket b\n", 30), 30);
	close(fd);
	t.sh.interactive = 1;
	t.sh.echo = 0;
	cr_assert_eq(ts_runf(&t, "source %s", path), 0);
	unlink(path);
	assert_has(ts_out(&t), "sockshell> socket a\nsocket(");
	assert_has(ts_out(&t), "sockshell> socket b\nsocket(");
	assert_has_not(ts_out(&t), "comment");
}

/* With --bail, a script stops at that line. */
Test(badinput, line_too_long_bails)
{
	size_t n = 3 * LINE_MAX_BYTES, o;
	char *script = malloc(n + 64);
	FILE *fp;

	cr_assert(script != NULL);
	memset(script, '\0', n);	/* no newline at all, as /dev/zero */
	o = n;
	o += (size_t)sprintf(script + o, "\nsocket after\n");
	fp = fmemopen(script, o, "r");
	cr_assert(fp != NULL);
	t.sh.bail = 1;
	cr_assert_eq(input_run_stream(&t.sh, fp, "zero"), -1);
	fclose(fp);
	free(script);
	assert_has(ts_err(&t), "zero:1: the line is longer than");
	cr_assert_null(handle_find(&t.sh, "after"));
}

Test(badinput, nul_bytes)
{
	struct sock_state st;

	ts_clear(&t);
	cr_assert_eq(run_line(&t.sh, "sho\0w", 5), -1);
	assert_has(ts_err(&t), "the line holds a NUL byte: to send a zero "
	    "byte, write \\0 inside quotes\n");
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	/* Raw NUL in data: refused, nothing sent. */
	cr_assert_eq(run_line(&t.sh, "send c ab\0cd", 12), -1);
	assert_has(ts_err(&t), "NUL byte");
	cr_assert_eq(ts_handle(&t, "c")->sent, 0);
	/* Written as \0, it is data like any byte. */
	cr_assert_eq(ts_run(&t, "send c \"a\\0b\""), 0);
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	cr_assert_eq(ts_run(&t, "recv conn"), 0);
	assert_has(ts_out(&t), "= 3: \"a\\0b\"");
	ts_state(&t, "conn", &st);
	cr_assert_eq(st.tcp_state, TCP_ESTABLISHED);
}

Test(badinput, invalid_utf8_and_control_characters)
{
	/* The message shows the bytes escaped, on one line, and nothing of
	 * the line reaches the terminal raw (no ESC, no CR). */
	ts_fail(&t, "\xff\xfe", "unknown command '\\xff\\xfe'", 1);
	ts_fail(&t, "\xc3\x28 x", "unknown command '\\xc3('", 1);
	ts_fail(&t, "\x1b[2J\x1b]0;title\x07", "unknown command "
	    "'\\x1b[2J\\x1b]0;title\\x07'", 1);
	ts_fail(&t, "socket \xc2\x85x", "'\\xc2\\x85x' is not a handle name",
	    1);
	ts_fail(&t, "bind c \xff 0", "'\\xff' is neither an address nor a "
	    "host name", 1);
	ts_fail(&t, "listen c \xe2\x82", "'\\xe2\\x82' is not a backlog", 1);
	/* UTF-8 that is valid stays as it is. */
	ts_fail(&t, "сокет x", "unknown command 'сокет'", 1);
}

/* What a terminal acts on though it is valid UTF-8: a C1 control (CSI,
 * U+009B, starts an escape sequence as ESC [ does) and the bidi controls
 * that reorder the line. The call line, the data shown and the errors
 * escape each byte as \xHH, which reads back as the same bytes. */
Test(badinput, c1_and_bidi_controls_never_reach_the_terminal)
{
	static const char *const controls[] = { "\xc2\x80", "\xc2\x9b",
	    "\xc2\x9f", "\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\x8f",
	    "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad",
	    "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8",
	    "\xe2\x81\xa9", NULL };
	char line[64], want[64];
	int i;

	ts_ok(&t, (const char *const[]){ "socketpair a b", NULL });
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "send a \"\\xc2\\x9b31mRED\\xe2\\x80\\xae\""),
	    0, "%s", ts_err(&t));
	assert_has(ts_out(&t), "\"\\xc2\\x9b31mRED\\xe2\\x80\\xae\", 11) = 11");
	assert_has_not(ts_out(&t), "\xc2\x9b");
	assert_has_not(ts_out(&t), "\xe2\x80\xae");
	cr_assert_eq(ts_handle(&t, "a")->sent, 11);
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "recv b"), 0, "%s", ts_err(&t));
	assert_has(ts_out(&t), "= 11: \"\\xc2\\x9b31mRED\\xe2\\x80\\xae\"\n");
	/* Not text: the hex dump shows the bytes too. */
	assert_has(ts_out(&t), "0000  c2 9b 33 31 6d 52 45 44 e2 80 ae");
	assert_has_not(ts_out(&t), "\xc2\x9b");
	assert_has_not(ts_out(&t), "\xe2\x80\xae");
	cr_assert_eq(ts_handle(&t, "b")->received, 11);

	/* Each control, typed raw in the data, is escaped both ways. */
	for (i = 0; controls[i] != NULL; i++) {
		char esc[16];
		size_t k, o = 0;

		for (k = 0; controls[i][k] != '\0'; k++)
			o += (size_t)snprintf(esc + o, sizeof esc - o,
			    "\\x%02x", (unsigned char)controls[i][k]);
		ts_clear(&t);
		snprintf(line, sizeof line, "send a x%sy", controls[i]);
		cr_assert_eq(ts_run(&t, line), 0, "%s", ts_err(&t));
		snprintf(want, sizeof want, "\"x%sy\", %zu) = %zu", esc,
		    strlen(controls[i]) + 2, strlen(controls[i]) + 2);
		assert_has(ts_out(&t), want);
		assert_has_not(ts_out(&t), controls[i]);
		cr_assert_eq(ts_run(&t, "recv b"), 0, "%s", ts_err(&t));
		snprintf(want, sizeof want, ": \"x%sy\"\n", esc);
		assert_has(ts_out(&t), want);
		assert_has_not(ts_out(&t), controls[i]);
		/* An error that quotes the line escapes it the same way. */
		snprintf(line, sizeof line, "socket x%s", controls[i]);
		snprintf(want, sizeof want, "'x%s' is not a handle name", esc);
		ts_fail(&t, line, want, 1);
		assert_has_not(ts_err(&t), controls[i]);
	}

	/* Other UTF-8 stays as it is, and is text: no hex dump (in a UTF-8
	 * locale, as main sets from the environment). */
	cr_assert_not_null(setlocale(LC_CTYPE, "C.UTF-8"));
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "send a \"\xc2\xa0\xc3\xa9\xe2\x86\x92"
	    "\xd7\x90\""), 0, "%s", ts_err(&t));
	cr_assert_eq(ts_run(&t, "recv b"), 0, "%s", ts_err(&t));
	assert_has(ts_out(&t), "= 9: \"\xc2\xa0\xc3\xa9\xe2\x86\x92\xd7\x90\"\n");
	assert_has_not(ts_out(&t), "0000 ");
	ts_fail(&t, "\xc2\x9b" "2J", "unknown command '\\xc2\\x9b2J'", 1);
}

Test(badinput, invalid_utf8_in_data)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	cr_assert_eq(ts_run(&t, "send c \xff\xfe\xc3"), 0, "%s", ts_err(&t));
	cr_assert_eq(ts_run(&t, "send c \"\\xc3\\x28\xe2\x82\""), 0, "%s",
	    ts_err(&t));
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "recv conn"), 0);
	/* Escaped in the call line, and a hex dump below it. */
	assert_has(ts_out(&t), "= 7: \"\\xff\\xfe\\xc3\\xc3(\\xe2\\x82\"");
	assert_has(ts_out(&t), "0000  ff fe c3 c3 28 e2 82");
}

Test(badinput, quotes_and_escapes)
{
	ts_fail(&t, "send c \"abc", "unclosed \" quote: end the string with \"",
	    1);
	ts_fail(&t, "send c 'abc", "unclosed ' quote", 1);
	ts_fail(&t, "send c \"\\x\"", "\\x needs two hex digits, as in \\x0a",
	    1);
	ts_fail(&t, "send c \"\\xZZ\"", "\\x needs two hex digits", 1);
	ts_fail(&t, "send c \"\\x4\"", "\\x needs two hex digits", 1);
	ts_fail(&t, "send c \"\\q\"", "unknown escape \\q in a string", 1);
	ts_fail(&t, "send c \"\\", "unclosed \" quote", 1);
	ts_fail(&t, "send c \"a\"b", "a closing quote must end the word", 1);
}

Test(badinput, names)
{
	char line[128];

	snprintf(line, sizeof line, "socket %0*d", HANDLE_NAME_MAX + 1, 0);
	line[7] = 'a';
	ts_fail(&t, line, "is too long: a handle name has at most 32 "
	    "characters", 1);
	ts_fail(&t, "socket c", "there is already a socket named 'c'", 1);
	ts_fail(&t, "socket srv udp", "there is already a socket named 'srv'",
	    1);
	ts_fail(&t, "accept srv c", "there is already a socket named 'c'", 1);
	ts_fail(&t, "set 9x 1", "'9x' is not a variable name", 1);
	ts_fail(&t, "bind c 127.0.0.1 $NOPE", "unknown variable $NOPE: set it "
	    "with 'set NOPE VALUE'", 1);
}

Test(badinput, ports_and_addresses)
{
	ts_fail(&t, "bind c 127.0.0.1 -1", "'-1' is not a port", 1);
	ts_fail(&t, "bind c 127.0.0.1 65536", "port 65536 is out of range", 1);
	ts_fail(&t, "bind c 127.0.0.1 0x50", "'0x50' is not a port", 1);
	ts_fail(&t, "bind c 127.0.0.1 8888abc", "'8888abc' is not a port", 1);
	ts_fail(&t, "connect c 999.1.1.1 80", "'999.1.1.1' is not an IPv4 "
	    "address", 1);
	ts_fail(&t, "connect s6 ::1:: 80", "'::1::' is not an IPv6 address",
	    1);
	ts_fail(&t, "connect s6 [::1 80", "'[::1' is not an IPv6 address", 1);
	ts_fail(&t, "connect s6 [::1", "write an IPv6 address with its port "
	    "as [::1]:8888", 1);
	ts_fail(&t, "connect c a..b 80", "'a..b' is neither an address nor a "
	    "host name", 1);
	ts_fail(&t, "connect c \"a b\" 80", "is neither an address nor", 1);
}

/*
 * Names under .invalid never resolve (RFC 6761): the shell says so at
 * once, without asking a name server, so the test sends nothing.
 */
Test(badinput, host_names_that_do_not_resolve)
{
	static const char *const lines[] = {
		"bind c nosuchhost.invalid 0", "connect c nosuchhost.invalid 80",
		"connect c nosuchhost.invalid:80", "bind s6 x.y.INVALID 0",
		"connect s6 invalid. 80", "bind u nowhere.invalid:0", NULL
	};
	struct timespec a, b;
	size_t i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; lines[i] != NULL; i++)
		ts_fail(&t, lines[i], "names under .invalid never resolve; use "
		    "an address such as", 1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	cr_assert_lt(b.tv_sec - a.tv_sec, 2, "name lookups took %ld s",
	    (long)(b.tv_sec - a.tv_sec));
	/* localhost is loopback, without a lookup either. */
	ts_ok(&t, (const char *const[]){ "bind c localhost 0",
	    "bind s6 localhost 0", NULL });
	cr_assert_neq(ts_port(&t, "s6"), 0);
}

/*
 * Every command that takes a socket's NAME first, on a closed one: "'gone'
 * is closed" and what to type. A command that creates sockets (socket,
 * socketpair) may take the name again instead.
 */
Test(badinput, every_command_on_a_closed_handle)
{
	const struct cmd_entry *const *c;
	char line[256];
	size_t o;
	int i, tested = 0;

	for (c = cmd_table; *c != NULL; c++) {
		if (strncmp((*c)->usage, "NAME", 4) != 0 ||
		    strcmp((*c)->name, "socket") == 0 ||
		    strcmp((*c)->name, "socketpair") == 0)
			continue;
		o = (size_t)snprintf(line, sizeof line, "%s gone", (*c)->name);
		for (i = 1; i < (*c)->min_args; i++)
			o += (size_t)snprintf(line + o, sizeof line - o, " 1");
		ts_fail(&t, line, "'gone' is closed", 1);
		snprintf(line, sizeof line, "%s nosuch", (*c)->name);
		for (i = 1; i < (*c)->min_args; i++)
			strcat(line, " 1");
		ts_fail(&t, line, "no socket named 'nosuch'", 1);
		tested++;
	}
	cr_assert_geq(tested, 7, "only %d commands take a NAME", tested);
}

Test(badinput, wrong_kind_and_wrong_order)
{
	ts_fail(&t, "listen u", "listen failed with EOPNOTSUPP", 0);
	ts_fail(&t, "accept u", "accept failed with EOPNOTSUPP", 0);
	ts_fail(&t, "accept c", "accept failed with EINVAL: accept works only "
	    "on a listening socket", 0);
	ts_fail(&t, "recv c", "recv failed with ENOTCONN", 0);
	ts_fail(&t, "recv srv", "recv failed with ENOTCONN", 0);
	ts_fail(&t, "send srv x", "send failed with", 0);
	ts_fail(&t, "connect srv srv", "connect failed with", 0);
	ts_ok(&t, (const char *const[]){ "connect c srv", NULL });
	ts_fail(&t, "listen c", "listen failed with EINVAL", 0);
	ts_fail(&t, "bind c 127.0.0.1 0", "bind failed with EINVAL", 0);
	ts_fail(&t, "connect c srv", "EISCONN", 0);
}

/* However many variables a script makes, they hold 16 MiB at most: a
 * script that doubles one and copies it is refused, not fed. */
Test(badinput, variables_are_bounded)
{
	char line[64];
	int i, refused = 0;

	ts_ok(&t, (const char *const[]){ "set X 0123456789abcdef", NULL });
	for (i = 0; i < 16; i++)
		ts_ok(&t, (const char *const[]){ "set X $X$X", NULL });
	for (i = 0; i < 40; i++) {
		snprintf(line, sizeof line, "set V%d $X", i);
		refused += ts_run(&t, line) < 0;
	}
	cr_assert_gt(refused, 0);
	assert_has(ts_err(&t), "is not set: the variables would hold more "
	    "than 16 MiB");
}

/* A file that sources itself four times would run 4^16 times: the count
 * of files run is capped, not only their depth. (Fenced, as every file
 * run is: it sources itself as a lesson file beside it.) */
Test(badinput, sources_are_counted)
{
	char path[] = "/tmp/sockshell-self-XXXXXX.lesson", line[128];
	FILE *f;
	int fd;

	cr_assert((fd = mkstemps(path, 7)) >= 0);
	cr_assert_not_null(f = fdopen(fd, "w"));
	for (fd = 0; fd < 4; fd++)
		fprintf(f, "source %s\n", strrchr(path, '/') + 1);
	fclose(f);
	snprintf(line, sizeof line, "source %s", path);
	cr_assert_eq(ts_run(&t, line), -1);
	unlink(path);
	assert_has(ts_err(&t), "files have run since the last line typed");
}
