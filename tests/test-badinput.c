/* test-badinput.c - bad input and faults never crash the shell or lose a
 * socket: huge lines, bytes that are not text, names that do not resolve,
 * every command on a closed socket; a peer that closes or resets in the
 * middle of a call, a full backlog, Ctrl-C in every waiting call, running
 * out of descriptors. Each failure is one line, and the sockets and
 * descriptors stay as they were. */
#include <config.h>

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>

#include "helpers.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "input/input.h"
#include "state/state.h"

static struct tshell t;

static void
setup(void)
{
	ts_init_mistakes(&t);
}

static void
teardown(void)
{
	ts_fini(&t);
}

static void
set_int_opt(const char *name, int level, int opt, int value)
{
	cr_assert_eq(setsockopt(ts_handle(&t, name)->fd, level, opt, &value,
	    sizeof value), 0, "setsockopt on %s: %s", name, strerror(errno));
}

TestSuite(badinput, .init = setup, .fini = teardown);

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
	cr_assert_eq(shell_run_stream(&t.sh, fp, "big.sock"), -1);
	fclose(fp);
	free(script);
	assert_has(ts_err(&t), "big.sock:1: the line is longer than 1048576 "
	    "bytes: 'big.sock' is not read further (is it a file of "
	    "commands?)");
	assert_has(ts_out(&t), "sockshell> xxxxxxxxxx");
	assert_has(ts_out(&t), "x... (cut: the line goes on, longer than "
	    "1048576 bytes)\n");
	cr_assert(strlen(ts_out(&t)) < 400, "the echo is cut");
	cr_assert(t.sh.failed);
	cr_assert_null(handle_find(&t.sh, "after"));
}

/* /dev/zero: no newline ever; reading stops at the limit. */
Test(badinput, dev_zero_is_not_read_for_ever, .timeout = 10)
{
	FILE *fp = fopen("/dev/zero", "re");

	cr_assert(fp != NULL);
	cr_assert_eq(shell_run_stream(&t.sh, fp, "/dev/zero"), -1);
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
	shell_run_stream(&t.sh, fp, "esc.sock");
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
	cr_assert_eq(shell_run_stream(&t.sh, fp, "zero"), -1);
	fclose(fp);
	free(script);
	assert_has(ts_err(&t), "zero:1: the line is longer than");
	cr_assert_null(handle_find(&t.sh, "after"));
}

Test(badinput, nul_bytes)
{
	struct sock_state st;

	ts_clear(&t);
	cr_assert_eq(shell_run_line(&t.sh, "sho\0w", 5), -1);
	assert_has(ts_err(&t), "the line holds a NUL byte: to send a zero "
	    "byte, write \\0 inside quotes\n");
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	/* Raw NUL in data: refused, nothing sent. */
	cr_assert_eq(shell_run_line(&t.sh, "send c ab\0cd", 12), -1);
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

/* Faults: what the peer and the kernel do in the middle of a call. */

TestSuite(faults, .init = setup, .fini = teardown);

/* Ctrl-C as the terminal sends it: SIGINT's handler sets the flag. */
static void
on_alarm(int sig)
{
	(void)sig;
	shell_interrupted = 1;
}

/* Sends "Ctrl-C" after MS milliseconds. */
static void
ctrl_c_after(int ms)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;	/* no SA_RESTART, as main's */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/* LINE waits until Ctrl-C: interrupted, and NAME is as it was (SAME),
 * or at least still open. */
static void
interrupted(const char *line, const char *name, int same)
{
	struct sock_state before, after;
	int fds = count_fds();

	ts_state(&t, name, &before);
	ts_clear(&t);
	t.sh.timeout = 0;	/* as at a terminal: waits for ever */
	ctrl_c_after(100);
	cr_assert_eq(ts_run(&t, line), -1, "'%s' did not wait", line);
	assert_has(ts_err(&t), "interrupted (Ctrl-C) while waiting");
	/* "as it was" only where nothing moved: a send's bytes are queued,
	 * a connect's handshake goes on (op.c says so). */
	assert_has(ts_err(&t), strncmp(line, "send", 4) == 0 ? "the bytes "
	    "already sent are the kernel's now" : strncmp(line, "connect",
	    7) == 0 ? "to be set up\n" : "the socket is as it was");
	ts_state(&t, name, &after);
	cr_assert_eq(after.open, 1);
	cr_assert(!same || after.step == before.step, "'%s' changed the step",
	    line);
	cr_assert(!same || after.tcp_state == before.tcp_state);
	cr_assert_eq(count_fds(), fds, "'%s' leaked a descriptor", line);
	cr_assert_eq(jobs_count(&t.sh), 0);
	t.sh.timeout = 5;
}

/* More jobs than the old fixed poll set held (64): the last one is still
 * polled, so a wait for it ends when its datagram comes, not at the
 * timeout. */
Test(faults, the_70th_job_is_polled, .timeout = 20)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct timespec t0, t1;
	int i, fd;

	for (i = 1; i <= 70; i++) {
		ts_okf(&t, "socket j%d udp", i);
		ts_okf(&t, "bind j%d 127.0.0.1 0", i);
		ts_okf(&t, "recv j%d &", i);
	}
	cr_assert_eq(jobs_count(&t.sh), 70);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	cr_assert(fd >= 0);
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	to.sin_port = htons((uint16_t)ts_port(&t, "j70"));
	cr_assert_eq(sendto(fd, "hi", 2, 0, (struct sockaddr *)&to,
	    sizeof to), 2);
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_eq(ts_run(&t, "wait 70"), 0, "%s", ts_err(&t));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_has(ts_out(&t), "[70] done: recv(");
	cr_assert(t1.tv_sec - t0.tv_sec < 3, "the wait ran to the timeout");
	cr_assert_eq(jobs_count(&t.sh), 69);
}

Test(faults, ctrl_c_in_accept)
{
	interrupted("accept srv conn", "srv", 1);
	cr_assert_null(handle_find(&t.sh, "conn"));
	/* The listener still works. */
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
}

Test(faults, ctrl_c_in_recv)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    NULL });
	interrupted("recv conn", "conn", 1);
	ts_ok(&t, (const char *const[]){ "send c later", "recv conn => "
	    "\"later\"", NULL });
}

Test(faults, ctrl_c_in_send_on_a_full_buffer)
{
	char *line;

	/* Small buffers on both sides, and a peer that never reads. */
	ts_ok(&t, (const char *const[]){ "socket small", NULL });
	set_int_opt("small", SOL_SOCKET, SO_RCVBUF, 4096);
	ts_ok(&t, (const char *const[]){ "bind small 127.0.0.1 0",
	    "listen small", NULL });
	set_int_opt("c", SOL_SOCKET, SO_SNDBUF, 4096);
	ts_ok(&t, (const char *const[]){ "connect c small", "accept small "
	    "conn", NULL });
	line = ts_big_send("c", 512 * 1024);
	interrupted(line, "c", 1);
	free(line);
	assert_has(ts_out(&t), "bytes were sent");
	cr_assert_gt(ts_handle(&t, "c")->sent, 0);
	cr_assert_lt(ts_handle(&t, "c")->sent, 512 * 1024);
	/* Both ends still connected: the reader gets what was sent. */
	ts_ok(&t, (const char *const[]){ "recv conn 100 => 100",
	    "show => c:ESTABLISHED conn:ESTABLISHED", NULL });
}

/*
 * A full backlog: listen 0 holds one connection; a second client stays
 * in SYN_SENT. Ctrl-C stops the waiting, the handshake goes on, and once
 * accept makes room the kernel's next try gets in.
 */
/* c left connecting: its connect to full, whose queue c1 fills, is
 * interrupted. */
static void
connecting_to_a_full_backlog(void)
{
	ts_ok(&t, (const char *const[]){ "socket full", "bind full 127.0.0.1 0",
	    "listen full 0", "socket c1", "connect c1 full => ESTABLISHED",
	    NULL });
	interrupted("connect c full", "c", 0);
}

Test(faults, connect_to_a_full_backlog, .timeout = 20)
{
	struct sock_state st;

	connecting_to_a_full_backlog();
	assert_has(ts_out(&t), "c stays connecting");
	ts_state(&t, "c", &st);
	cr_assert_eq(st.tcp_state, TCP_SYN_SENT);
	cr_assert(ts_handle(&t, "c")->connecting);
	ts_ok(&t, (const char *const[]){ "accept full a1", NULL });
	t.sh.timeout = 10;
	ts_ok(&t, (const char *const[]){ "connect c full => ESTABLISHED",
	    "accept full a2", "send c hi", "recv a2 => \"hi\"", NULL });
}

/* send and recv on a socket still connecting wait for the handshake,
 * and say so, not "for data" or "for room in the send buffer". */
Test(faults, send_and_recv_while_connecting, .timeout = 20)
{
	connecting_to_a_full_backlog();
	cr_assert(ts_handle(&t, "c")->connecting);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "recv c &", "send c hi &", NULL });
	assert_has(ts_out(&t), "recv c: waiting for the connection to "
	    "127.0.0.1:");
	assert_has(ts_out(&t), "send c hi: waiting for the connection to "
	    "127.0.0.1:");
	assert_has_not(ts_out(&t), "waiting for data");
	assert_has_not(ts_out(&t), "send buffer");
}

Test(faults, connect_with_no_listener)
{
	ts_ok(&t, (const char *const[]){ "socket hole", "bind hole 127.0.0.1 0",
	    NULL });
	ts_fail(&t, "connect c hole", "connect failed with ECONNREFUSED", 0);
	/* In the background, the job says so. */
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "connect c hole &"), 0);
	if (jobs_count(&t.sh) > 0)
		cr_assert_eq(ts_run(&t, "wait"), 0);
	assert_has(ts_out(&t), "= -1 ECONNREFUSED (");
	assert_has(ts_err(&t), "connect failed with ECONNREFUSED");
	cr_assert_eq(jobs_count(&t.sh), 0);
	ts_ok(&t, (const char *const[]){ "listen hole", "connect c hole",
	    NULL });
}

Test(faults, peer_closes_during_recv)
{
	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "recv c &", "close conn", "wait", NULL });
	assert_has(ts_out(&t), "[1] done: recv(");
	assert_has(ts_out(&t), "= 0: end of stream, the peer closed its side");
	cr_assert(ts_handle(&t, "c")->eof);
	cr_assert(ts_handle(&t, "c")->fd >= 0);
}

/* The peer goes away while a send waits for room: EPIPE or ECONNRESET,
 * and never SIGPIPE (which would crash this test). */
Test(faults, peer_closes_during_send)
{
	char *line;

	ts_ok(&t, (const char *const[]){ "socket small", NULL });
	set_int_opt("small", SOL_SOCKET, SO_RCVBUF, 4096);
	ts_ok(&t, (const char *const[]){ "bind small 127.0.0.1 0",
	    "listen small", NULL });
	set_int_opt("c", SOL_SOCKET, SO_SNDBUF, 4096);
	ts_ok(&t, (const char *const[]){ "connect c small", "accept small "
	    "conn", NULL });
	line = ts_big_send("c", 512 * 1024);
	strcat(line, " &");
	ts_ok(&t, (const char *const[]){ line, NULL });
	free(line);
	cr_assert_eq(jobs_count(&t.sh), 1, "the send did not wait");
	ts_clear(&t);
	/* Unread data: the close is a reset. */
	cr_assert_eq(ts_run(&t, "close conn"), 0);
	cr_assert_eq(ts_run(&t, "wait"), 0);
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert(strstr(ts_err(&t), "send failed with EPIPE") != NULL ||
	    strstr(ts_err(&t), "send failed with ECONNRESET") != NULL,
	    "%s", ts_err(&t));
	assert_has(ts_out(&t), "bytes had been sent before the error");
	cr_assert(ts_handle(&t, "c")->fd >= 0, "c stays open");
	ts_fail(&t, "send c again", "EPIPE", 0);
}

/* SO_LINGER 0: close sends a reset; the peer's recv gets ECONNRESET, in
 * the foreground and in a job. */
Test(faults, peer_resets)
{
	struct linger lg = { 1, 0 };

	ts_ok(&t, (const char *const[]){ "connect c srv", "accept srv conn",
	    "recv c &", NULL });
	cr_assert_eq(setsockopt(ts_handle(&t, "conn")->fd, SOL_SOCKET, SO_LINGER, &lg,
	    sizeof lg), 0);
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "close conn"), 0);
	cr_assert_eq(ts_run(&t, "wait"), 0);
	cr_assert_eq(jobs_count(&t.sh), 0);
	assert_has(ts_err(&t), "recv failed with ECONNRESET: the peer reset "
	    "the connection");
	cr_assert(ts_handle(&t, "c")->fd >= 0);

	ts_ok(&t, (const char *const[]){ "socket d", "connect d srv",
	    "accept srv conn", NULL });
	cr_assert_eq(setsockopt(ts_handle(&t, "conn")->fd, SOL_SOCKET, SO_LINGER, &lg,
	    sizeof lg), 0);
	ts_ok(&t, (const char *const[]){ "close conn", NULL });
	cr_assert(ts_ready(&t, "d", 0) & (POLLHUP | POLLERR));
	ts_fail(&t, "recv d", "recv failed with ECONNRESET", 0);
	ts_fail(&t, "send d x", "send failed with EPIPE", 0);
}

/* The highest descriptor open in this process. */
static int
highest_fd(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int max = 0;

	cr_assert(d != NULL);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && atoi(e->d_name) > max)
			max = atoi(e->d_name);
	closedir(d);
	return max;
}

/*
 * Out of descriptors: EMFILE, said in one line, nothing lost; close some
 * and go on. (No count_fds here: it needs a descriptor too.)
 */
Test(faults, emfile_then_recovery)
{
	struct sock_state st;
	struct rlimit rl;
	char line[64];
	int i, rc = 0;

	cr_assert_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	rl.rlim_cur = (rlim_t)highest_fd() + 1 + 4;
	cr_assert_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof line, "socket s%d", i);
		ts_clear(&t);
		if ((rc = ts_run(&t, line)) < 0)
			break;
	}
	cr_assert_eq(rc, -1, "never ran out of descriptors");
	cr_assert_geq(i, 4);
	assert_has(ts_err(&t), "socket failed with EMFILE: too many open "
	    "files");
	cr_assert_null(handle_find(&t.sh, line + 7));
	/* A connection waits in the queue while accept cannot take it. */
	ts_ok(&t, (const char *const[]){ "connect s1 srv", NULL });
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "accept srv conn"), -1);
	assert_has(ts_err(&t), "accept failed with EMFILE");
	cr_assert_null(handle_find(&t.sh, "conn"));
	ts_state(&t, "srv", &st);
	cr_assert_eq(st.accept_queue, 1);
	ts_ok(&t, (const char *const[]){ "close s0", "accept srv conn", NULL });
	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "socket again"), -1);
	assert_has(ts_err(&t), "EMFILE");
	ts_ok(&t, (const char *const[]){ "close s2", "socket again",
	    "send s1 hi", "recv conn => \"hi\"", NULL });
}

/*
 * The history file: created 0600; never opened through a symbolic link;
 * one that is not a regular file of ours, or not text, is ignored with a
 * warning and left as it is.
 */

static char hdir[64];

static void
history_setup(void)
{
	ts_init(&t);
	snprintf(hdir, sizeof hdir, "/tmp/sockshell-hist-XXXXXX");
	cr_assert(mkdtemp(hdir) != NULL);
	using_history();
	clear_history();
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
history_teardown(void)
{
	ts_fini(&t);
	nftw(hdir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
}

TestSuite(history, .init = history_setup, .fini = history_teardown);

/* The path of NAME in the test's folder (two may be in use at once). */
static char *
hpath(const char *name)
{
	static char path[2][128];
	static int i;

	i = !i;
	snprintf(path[i], sizeof path[i], "%s/%s", hdir, name);
	return path[i];
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "w");

	cr_assert(f != NULL);
	cr_assert_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* The file's content, as a string (NUL bytes and all, up to 255). */
static const char *
read_file(const char *path, size_t *len)
{
	static char buf[256];
	FILE *f = fopen(path, "r");

	cr_assert(f != NULL, "%s: %s", path, strerror(errno));
	*len = fread(buf, 1, sizeof buf - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

Test(history, created_0600_and_read_back)
{
	struct stat st;
	size_t len;
	int i;

	add_history("socket srv");
	add_history("bind srv 127.0.0.1 0");
	cr_assert_eq(hist_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	cr_assert_eq(stat(hpath("h"), &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
	cr_assert_str_eq(read_file(hpath("h"), &len), "socket srv\nbind srv "
	    "127.0.0.1 0\n");
	clear_history();
	cr_assert_eq(hist_load(&t.sh, hpath("h")), 0);
	cr_assert_eq(history_length, 2);
	cr_assert_str_eq(history_get(history_base + 1)->line,
	    "bind srv 127.0.0.1 0");
	/* Trimmed to the last 1000 lines. */
	for (i = 0; i < 1500; i++)
		add_history("show");
	cr_assert_eq(hist_save(&t.sh, hpath("h")), 0);
	clear_history();
	cr_assert_eq(hist_load(&t.sh, hpath("h")), 0);
	cr_assert_eq(history_length, 1000);
	cr_assert_str_eq(ts_err(&t), "");
}

/* A file made 0644 before (or by hand) is saved 0600 all the same. */
Test(history, existing_0644_made_0600)
{
	struct stat st;

	write_file(hpath("h"), "show\n", 5);
	cr_assert_eq(chmod(hpath("h"), 0644), 0);
	cr_assert_eq(hist_load(&t.sh, hpath("h")), 0);
	add_history("jobs");
	cr_assert_eq(hist_save(&t.sh, hpath("h")), 0, "%s", ts_err(&t));
	cr_assert_eq(stat(hpath("h"), &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
}

/* SOCKSHELL_HISTORY in a folder that does not exist: said at the start,
 * once, not silently never saved. */
Test(history, folder_missing_warns_once)
{
	char path[160];

	snprintf(path, sizeof path, "%s/no/such/h", hdir);
	cr_assert_eq(hist_load(&t.sh, path), -1);
	assert_has(ts_err(&t), "history file ");
	assert_has(ts_err(&t), "/no/such/h cannot be created (");
	assert_has(ts_err(&t), "No such file or directory); history is not "
	    "kept");
	cr_assert_eq(strchr(ts_err(&t), '\n') + 1 - ts_err(&t),
	    (long)strlen(ts_err(&t)), "one line: %s", ts_err(&t));
}

Test(history, no_file_yet)
{
	cr_assert_eq(hist_load(&t.sh, hpath("none")), 0);
	cr_assert_eq(history_length, 0);
	cr_assert_str_eq(ts_err(&t), "");
}

Test(history, symbolic_link_refused)
{
	size_t len;

	write_file(hpath("victim"), "precious\n", 9);
	cr_assert_eq(symlink(hpath("victim"), hpath("link")), 0);
	cr_assert_eq(hist_load(&t.sh, hpath("link")), -1);
	assert_has(ts_err(&t), "is a symbolic link; history is not kept");
	cr_assert_eq(history_length, 0);
	add_history("close srv");
	cr_assert_eq(hist_save(&t.sh, hpath("link")), -1);
	cr_assert_str_eq(read_file(hpath("victim"), &len), "precious\n");
	/* A link to nowhere creates nothing there either. */
	cr_assert_eq(symlink(hpath("target"), hpath("dangling")), 0);
	cr_assert_eq(hist_save(&t.sh, hpath("dangling")), -1);
	cr_assert_eq(access(hpath("target"), F_OK), -1);
}

Test(history, corrupt_ignored_and_kept)
{
	size_t len;

	write_file(hpath("h"), "show\n\0\0\xff binary\n", 15);
	cr_assert_eq(hist_load(&t.sh, hpath("h")), -1);
	assert_has(ts_err(&t), "is corrupt: it holds NUL bytes, so it is not "
	    "text; history is not kept (remove or rename the file");
	cr_assert_eq(history_length, 0);
	read_file(hpath("h"), &len);
	cr_assert_eq(len, 15, "the file was changed");
}

Test(history, not_a_regular_file)
{
	cr_assert_eq(mkdir(hpath("dir"), 0700), 0);
	cr_assert_eq(hist_load(&t.sh, hpath("dir")), -1);
	assert_has(ts_err(&t), "is not a regular file");
	cr_assert_eq(mkfifo(hpath("fifo"), 0600), 0);
	ts_clear(&t);
	cr_assert_eq(hist_load(&t.sh, hpath("fifo")), -1);
	assert_has(ts_err(&t), "is not a regular file");
	cr_assert_eq(hist_save(&t.sh, hpath("fifo")), -1);
}

Test(history, unreadable_or_not_ours)
{
	write_file(hpath("h"), "show\n", 5);
	if (geteuid() != 0) {
		cr_assert_eq(chmod(hpath("h"), 0), 0);
		cr_assert_eq(hist_load(&t.sh, hpath("h")), -1);
		assert_has(ts_err(&t), "cannot be opened (Permission denied)");
		return;
	}
	/* root reads every file: make it somebody else's instead. */
	cr_assert_eq(chown(hpath("h"), 65534, 65534), 0);
	cr_assert_eq(hist_load(&t.sh, hpath("h")), -1);
	assert_has(ts_err(&t), "belongs to another user");
	cr_assert_eq(hist_save(&t.sh, hpath("h")), -1);
}
