/* test-commands.c - each command on real loopback sockets: the lecture's
 * echo exchange step by step, the address forms, default names, data. */
#include <config.h>

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "base/lessons.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expand.h"
#include "input/input.h"
#include "state/state.h"

TSHELL_SUITE(commands);

static void
run_ok(const char *line)
{
	cr_assert_eq(ts_run(&t, line), 0, "'%s' failed: %s", line, ts_err(&t));
}

/* socket srv; bind srv 127.0.0.1 0; listen srv 1; socket cli;
 * connect cli srv; accept srv conn. */
static void
establish(void)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", "connect cli srv",
	    "accept srv conn", NULL });
}

Test(commands, lecture_echo_exchange)
{
	struct sock_state st, sc;
	int fds = count_fds(), port;
	char want[64];

	run_ok("socket srv");
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_CREATED);
	cr_assert(st.open);
	cr_assert_eq(st.tcp_state, TCP_CLOSE);
	cr_assert_eq(count_fds(), fds + 1);
	assert_has(ts_out(&t), "socket(AF_INET, SOCK_STREAM, 0) = ");

	run_ok("bind srv 127.0.0.1 0");
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_BOUND);
	cr_assert_eq(st.tcp_state, TCP_CLOSE);
	port = ts_port(&t, "srv");
	cr_assert(port > 0);
	snprintf(want, sizeof want, "srv is bound to 127.0.0.1:%d", port);
	assert_has(ts_out(&t), want);

	run_ok("listen srv 1");
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_LISTENING);
	cr_assert(st.listening);
	cr_assert_eq(st.tcp_state, TCP_LISTEN);
	cr_assert_eq(st.accept_queue, 0);
	cr_assert_eq(st.backlog, 1);
	cr_assert_eq(ts_port(&t, "srv"), port, "listen moved the port");

	run_ok("socket cli");
	cr_assert_eq(ts_st(&t, "cli").step, STEP_CREATED);

	run_ok("connect cli srv");
	sc = ts_st(&t, "cli");
	cr_assert_eq(sc.step, STEP_CONNECTED);
	cr_assert_eq(sc.tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(ntohs(((struct sockaddr_in *)&sc.peer)->sin_port), port);
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	st = ts_st(&t, "srv");
	cr_assert_eq(st.accept_queue, 1, "the kernel completed the "
	    "handshake: one connection waits to be accepted");
	assert_has(ts_out(&t), "connected from 127.0.0.1:");

	run_ok("accept srv conn");
	st = ts_st(&t, "conn");
	cr_assert_eq(st.step, STEP_CONNECTED);
	cr_assert_eq(st.tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(ts_st(&t, "srv").accept_queue, 0);
	cr_assert_eq(ts_st(&t, "srv").tcp_state, TCP_LISTEN);
	cr_assert_eq(ntohs(((struct sockaddr_in *)&st.local)->sin_port), port);
	cr_assert_eq(((struct sockaddr_in *)&st.peer)->sin_port,
	    ((struct sockaddr_in *)&sc.local)->sin_port,
	    "conn's peer is cli's local address");
	cr_assert_eq(handle_find(&t.sh, "conn")->listener_id,
	    handle_find(&t.sh, "srv")->id);
	assert_has(ts_out(&t), "new socket conn, peer 127.0.0.1:");
	cr_assert_eq(count_fds(), fds + 3);

	ts_clear(&t);
	run_ok("send cli \"Hello, world!\"");
	assert_has(ts_out(&t), "\"Hello, world!\", 13) = 13");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	cr_assert_eq(ts_st(&t, "conn").inq, 13);

	ts_clear(&t);
	run_ok("recv conn 1024");
	assert_has(ts_out(&t), ", 1024) = 13: \"Hello, world!\"");
	assert_has_not(ts_out(&t), "0000 ");	/* text: no hex dump */
	cr_assert_eq(ts_st(&t, "conn").inq, 0);
	cr_assert_eq(handle_find(&t.sh, "conn")->received, 13);

	ts_clear(&t);
	run_ok("send conn \"Hello, world!\"");
	run_ok("recv cli");
	assert_has(ts_out(&t), ", 1024) = 13: \"Hello, world!\"");
	cr_assert_eq(handle_find(&t.sh, "cli")->received, 13);
	cr_assert_eq(handle_find(&t.sh, "cli")->sent, 13);

	/* The client closes; the server's side learns it with no call. */
	ts_clear(&t);
	run_ok("close cli");
	assert_has(ts_out(&t), "cli is closed");
	sc = ts_st(&t, "cli");
	cr_assert_eq(sc.step, STEP_CLOSED);
	cr_assert_not(sc.open);
	cr_assert(sc.local_len > 0, "a closed handle keeps its address");
	cr_assert_eq(count_fds(), fds + 2);
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	st = ts_st(&t, "conn");
	cr_assert_eq(st.tcp_state, TCP_CLOSE_WAIT);
	cr_assert(st.open);
	cr_assert_eq(st.inq, 0);
	cr_assert_not(handle_find(&t.sh, "conn")->eof);

	ts_clear(&t);
	run_ok("recv conn 1024");
	assert_has(ts_out(&t), ", 1024) = 0: end of stream");
	cr_assert(handle_find(&t.sh, "conn")->eof);
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_CLOSE_WAIT);

	run_ok("close conn");
	cr_assert_eq(ts_st(&t, "conn").step, STEP_CLOSED);
	run_ok("close srv");
	cr_assert_eq(ts_st(&t, "srv").step, STEP_CLOSED);
	cr_assert_eq(handle_open_count(&t.sh), 0);
	cr_assert_eq(count_fds(), fds);
	cr_assert_str_eq(ts_err(&t), "");
	cr_assert_not(t.sh.failed);
}

/* Where the locale's charset is not UTF-8 (LANG=C), UTF-8 data would
 * reach the terminal as raw bytes: every byte from 0x80 is \xHH then. */
Test(commands, data_escaped_outside_utf8)
{
	static const char esc[] = "\"\\xd0\\x9f\\xd1\\x80\\xd0\\xb8, "
	    "\\xd0\\xbc\\xd0\\xb8\\xd1\\x80!\"";

	cr_assert_not_null(setlocale(LC_CTYPE, "C"));
	ts_ok(&t, (const char *const[]){ "socketpair a b",
	    "send a \"\xd0\x9f\xd1\x80\xd0\xb8, \xd0\xbc\xd0\xb8\xd1\x80!\"",
	    NULL });
	ts_clear(&t);
	ts_okf(&t, "recv b 4 MSG_PEEK");
	assert_has(ts_out(&t), ") = 4: \"\\xd0\\x9f\\xd1\\x80\"\n");
	ts_okf(&t, "recv b");
	assert_has(ts_out(&t), esc);
	assert_has_not(ts_out(&t), "\xd0");
	/* In a UTF-8 locale it stays as it is. */
	cr_assert_not_null(setlocale(LC_CTYPE, "C.UTF-8"));
	ts_ok(&t, (const char *const[]){ "send a \"\xd0\x9f!\"", NULL });
	ts_clear(&t);
	ts_okf(&t, "recv b");
	assert_has(ts_out(&t), ") = 3: \"\xd0\x9f!\"\n");
}

Test(commands, ipv6_loopback)
{
	struct sock_state st;
	char want[64];

	ts_ok(&t, (const char *const[]){ "socket srv AF_INET6",
	    "bind srv ::1 0", "listen srv", "socket cli inet6", NULL });
	st = ts_st(&t, "srv");
	cr_assert_eq(st.local.ss_family, AF_INET6);
	cr_assert_eq(st.tcp_state, TCP_LISTEN);
	cr_assert_eq(st.backlog, 1, "the default backlog is 1");
	snprintf(want, sizeof want, "bound to [::1]:%d", ts_port(&t, "srv"));
	assert_has(ts_out(&t), want);
	ts_okf(&t, "connect cli ::1 %d", ts_port(&t, "srv"));
	run_ok("accept srv conn");
	st = ts_st(&t, "conn");
	cr_assert_eq(st.tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(st.peer.ss_family, AF_INET6);
	assert_has(ts_out(&t), "peer [::1]:");
	run_ok("send cli \"over IPv6\"");
	ts_clear(&t);
	run_ok("recv conn");
	assert_has(ts_out(&t), "= 9: \"over IPv6\"");
	cr_assert_eq(handle_find(&t.sh, "cli")->family, AF_INET6);
}

Test(commands, bind_address_colon_port)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket srv",
	    "bind srv 127.0.0.1:0", NULL });
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_BOUND);
	cr_assert_eq(((struct sockaddr_in *)&st.local)->sin_addr.s_addr,
	    htonl(INADDR_LOOPBACK));
	cr_assert(ts_port(&t, "srv") > 0);
}

Test(commands, bind_bracketed_ipv6)
{
	struct sock_state st;

	ts_ok(&t, (const char *const[]){ "socket srv AF_INET6",
	    "bind srv [::1]:0", "socket two ipv6", "bind two [::1] 0", NULL });
	st = ts_st(&t, "srv");
	cr_assert_eq(st.step, STEP_BOUND);
	cr_assert_eq(st.local.ss_family, AF_INET6);
	cr_assert(IN6_IS_ADDR_LOOPBACK(
	    &((struct sockaddr_in6 *)&st.local)->sin6_addr));
	cr_assert(ts_port(&t, "srv") > 0);
	cr_assert_eq(ts_st(&t, "two").step, STEP_BOUND);
}

Test(commands, connect_address_and_port)
{
	struct sock_state st;
	int port;

	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket cli", "socket cli2", NULL });
	port = ts_port(&t, "srv");
	ts_okf(&t, "connect cli 127.0.0.1 %d", port);
	cr_assert_eq(ts_st(&t, "cli").tcp_state, TCP_ESTABLISHED);
	ts_okf(&t, "connect cli2 127.0.0.1:%d", port);
	cr_assert_eq(ts_st(&t, "cli2").tcp_state, TCP_ESTABLISHED);
	st = ts_st(&t, "cli");
	cr_assert_eq(ntohs(((struct sockaddr_in *)&st.peer)->sin_port), port);
	cr_assert(ts_ready(&t, "srv", POLLIN) & POLLIN);
	run_ok("accept srv");
	run_ok("accept srv");
	cr_assert_eq(ts_st(&t, "srv").accept_queue, 0);
}

Test(commands, accept_default_names)
{
	ts_ok(&t, (const char *const[]){ "socket srv", "bind srv 127.0.0.1 0",
	    "listen srv 1", "socket a", "socket b", "connect a srv",
	    "connect b srv", NULL });
	ts_clear(&t);
	run_ok("accept srv");
	assert_has(ts_out(&t), "new socket conn,");
	run_ok("accept srv");
	assert_has(ts_out(&t), "new socket conn2,");
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_ESTABLISHED);
	cr_assert_eq(ts_st(&t, "conn2").tcp_state, TCP_ESTABLISHED);
	/* A closed name counts as free again. */
	ts_ok(&t, (const char *const[]){ "close conn", "socket c",
	    "connect c srv", NULL });
	ts_clear(&t);
	run_ok("accept srv");
	assert_has(ts_out(&t), "new socket conn,");
	cr_assert(ts_st(&t, "conn").open);
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_ESTABLISHED);
}

Test(commands, socket_families_and_types)
{
	struct handle *h;

	run_ok("socket s udp");
	assert_has(ts_out(&t), "socket(AF_INET, SOCK_DGRAM, 0) = ");
	assert_has(ts_out(&t), "UDP/IPv4");
	h = handle_find(&t.sh, "s");
	cr_assert_eq(h->family, AF_INET);
	cr_assert_eq(h->type, SOCK_DGRAM);
	cr_assert_eq(ts_st(&t, "s").tcp_state, 0, "no TCP state on UDP");

	run_ok("socket s6 ipv6 dgram");
	h = handle_find(&t.sh, "s6");
	cr_assert_eq(h->family, AF_INET6);
	cr_assert_eq(h->type, SOCK_DGRAM);

	run_ok("socket t AF_INET SOCK_STREAM");
	h = handle_find(&t.sh, "t");
	cr_assert_eq(h->family, AF_INET);
	cr_assert_eq(h->type, SOCK_STREAM);

	run_ok("socket t6 af_inet6");
	h = handle_find(&t.sh, "t6");
	cr_assert_eq(h->family, AF_INET6);
	cr_assert_eq(h->type, SOCK_STREAM);
	assert_has(ts_out(&t), "TCP/IPv6");
}

Test(commands, udp_datagram)
{
	ts_ok(&t, (const char *const[]){ "socket a udp", "bind a 127.0.0.1 0",
	    "socket b udp", "connect b a", "send b \"one datagram\"", NULL });
	cr_assert(ts_ready(&t, "a", POLLIN) & POLLIN);
	ts_clear(&t);
	run_ok("recv a");
	assert_has(ts_out(&t), "= 12: \"one datagram\"");
}

Test(commands, binary_data_hex_dump)
{
	establish();
	run_ok("send cli \"\\x00\\x01\\x02\\xff" "ABC\"");
	assert_has(ts_out(&t), "= 7");
	ts_clear(&t);
	run_ok("recv conn");
	assert_has(ts_out(&t), "= 7: \"\\0\\x01\\x02\\xffABC\"");
	assert_has(ts_out(&t), "  0000  00 01 02 ff 41 42 43");
	assert_has(ts_out(&t), "  ....ABC\n");
	cr_assert_eq(handle_find(&t.sh, "conn")->received, 7);
}

Test(commands, long_binary_data_hex_dump_lines)
{
	establish();
	run_ok("send cli \"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87"
	    "\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8fZ\"");
	ts_clear(&t);
	run_ok("recv conn");
	assert_has(ts_out(&t), "  0000  80 81 82 83 84 85 86 87 88 89 8a 8b "
	    "8c 8d 8e 8f  ................\n");
	assert_has(ts_out(&t), "  0010  5a ");
}

Test(commands, unquoted_rest_of_line)
{
	establish();
	ts_clear(&t);
	run_ok("send cli Hello, world!");
	assert_has(ts_out(&t), "\"Hello, world!\", 13) = 13");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	cr_assert_eq(ts_st(&t, "conn").inq, 13);
	ts_clear(&t);
	run_ok("recv conn");
	assert_has(ts_out(&t), "= 13: \"Hello, world!\"");
	/* Blanks inside are kept as typed. */
	ts_clear(&t);
	run_ok("send cli a  b\tc");
	assert_has(ts_out(&t), ") = 6");
	run_ok("recv conn");
	assert_has(ts_out(&t), "= 6: \"a  b\\tc\"");
}

Test(commands, receive_alias_and_maxbytes)
{
	establish();
	run_ok("send cli \"Hello, world!\"");
	cr_assert(ts_ready(&t, "conn", POLLIN) & POLLIN);
	ts_clear(&t);
	run_ok("receive conn 5");
	assert_has(ts_out(&t), ", 5) = 5: \"Hello\"");
	cr_assert_eq(ts_st(&t, "conn").inq, 8);
	ts_clear(&t);
	run_ok("receive conn");
	assert_has(ts_out(&t), ", 1024) = 8: \", world!\"");
}

Test(commands, unique_prefix)
{
	ts_ok(&t, (const char *const[]){ "sock srv", "bi srv 127.0.0.1 0",
	    "li srv", "socket cli", "conn cli srv", NULL });
	ts_clear(&t);
	run_ok("acc srv conn");
	assert_has(ts_out(&t), "new socket conn,");
	cr_assert_eq(ts_st(&t, "conn").tcp_state, TCP_ESTABLISHED);
	run_ok("sen cli x");
	run_ok("rec conn");
	assert_has(ts_out(&t), "= 1: \"x\"");
	run_ok("clo conn");
	cr_assert_not(ts_st(&t, "conn").open);
}

Test(commands, help_lists_every_command)
{
	const struct cmd_entry *const *c;
	char want[128];
	int w = 9;

	run_ok("help");
	cr_assert_geq(cmd_count(), 14);
	for (c = cmd_table; *c != NULL; c++)
		if ((int)strlen((*c)->name) > w)
			w = (int)strlen((*c)->name);
	for (c = cmd_table; *c != NULL; c++) {
		snprintf(want, sizeof want, "\n  %-*s  %s\n", w, (*c)->name,
		    (*c)->summary);
		assert_has(ts_out(&t), want);
	}
	ts_clear(&t);
	run_ok("help accept");
	assert_has(ts_out(&t), "usage: accept NAME [NEWNAME] [&]\n");
	assert_has(ts_out(&t), "example: accept srv conn &\n");
	ts_clear(&t);
	run_ok("help receive");
	assert_has(ts_out(&t), "usage: recv ");
	assert_has(ts_out(&t), "also: receive\n");
}

/* The lecture's form leads, the extras follow, one form a line, and
 * recv's text says the basics (and $DATA) before --all and --to. */
Test(commands, help_puts_the_lectures_use_first)
{
	const char *out, *basic, *bulk;

	run_ok("help recv");
	out = ts_out(&t);
	cr_assert(strncmp(out, "usage: recv NAME [MAXBYTES] [&]\n       recv "
	    "NAME [MAXBYTES] [MSG_PEEK|", 55) == 0, "%s", out);
	assert_has(out, "\n       recv NAME --to PATH [--replace] [&]\n");
	basic = strstr(out, "end of the stream (EOF)");
	bulk = strstr(out, "--to PATH writes");
	cr_assert(basic != NULL && bulk != NULL && basic < bulk, "%s", out);
	assert_has(out, "variable DATA");
	ts_clear(&t);
	run_ok("help bind");
	assert_has(ts_out(&t), "usage: bind NAME ADDRESS PORT\n       bind NAME "
	    "ADDRESS:PORT\n       bind NAME ('ADDRESS', PORT)\n");
}

Test(commands, show_table)
{
	establish();
	ts_clear(&t);
	run_ok("show");
	/* The fd beside the name, local and peer in one column (the C
	 * locale's arrow). */
	assert_has(ts_out(&t), "NAME FD ");
	assert_has(ts_out(&t), "LOCAL <-> PEER");
	assert_has(ts_out(&t), "TCP STATE");
	assert_has(ts_out(&t), "LISTEN");
	assert_has(ts_out(&t), "ESTABLISHED");
	assert_has(ts_out(&t), "conn ");
	assert_has(ts_out(&t), "cli ");
}

Test(commands, show_without_sockets)
{
	run_ok("show");
	assert_has(ts_out(&t), "no sockets yet");
}

Test(commands, state_after_each_command_unless_quiet)
{
	t.sh.quiet = 0;
	run_ok("socket srv");
	assert_has(ts_out(&t), "NAME");
	assert_has(ts_out(&t), "created");
	ts_clear(&t);
	run_ok("jobs");
	assert_has_not(ts_out(&t), "NAME");
}

Test(commands, quit_and_exit)
{
	run_ok("quit");
	cr_assert(t.sh.quit);
	t.sh.quit = 0;
	run_ok("exit");
	cr_assert(t.sh.quit);
}

Test(commands, source_file)
{
	char path[] = "/tmp/sockshell-test-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	char line[80];

	cr_assert(fd >= 0);
	f = fdopen(fd, "w");
	cr_assert(f != NULL);
	fputs("socket a\n# a comment\n\nbind a 127.0.0.1 0\n", f);
	fclose(f);
	snprintf(line, sizeof line, "source %s", path);
	run_ok(line);
	unlink(path);
	cr_assert_eq(ts_st(&t, "a").step, STEP_BOUND);
	cr_assert_eq(t.sh.at.depth, 0);
}

/* A file whose reading fails is not an empty script: it fails, saying
 * why, where it was sourced, and no line of it runs. */
Test(commands, source_read_error)
{
	char want[128];
	FILE *fp;
	int fd, fds;

	ts_clear(&t);
	cr_assert_eq(ts_run(&t, "source /proc/self/mem"), -1);
	snprintf(want, sizeof want, "cannot read '/proc/self/mem': %s\n",
	    strerror(EIO));
	assert_has(ts_err(&t), want);
	cr_assert(t.sh.failed);
	cr_assert_eq(t.sh.at.depth, 0);
	cr_assert_eq(t.sh.nhandles, 0);

	/* A folder as the shell's input: read(2) fails with EISDIR. */
	fds = count_fds();
	fd = open("/", O_RDONLY | O_DIRECTORY);
	cr_assert(fd >= 0);
	fp = fdopen(fd, "r");
	cr_assert_not_null(fp);
	ts_clear(&t);
	t.sh.failed = 0;
	cr_assert_eq(input_run_stream(&t.sh, fp, "<stdin>"), -1);
	fclose(fp);
	snprintf(want, sizeof want, "cannot read '<stdin>': %s\n",
	    strerror(EISDIR));
	assert_has(ts_err(&t), want);
	cr_assert(t.sh.failed);
	cr_assert_eq(count_fds(), fds);
}

Test(commands, comment_and_blank_lines)
{
	run_ok("");
	run_ok("   # nothing");
	cr_assert_eq(t.sh.nhandles, 0);
	cr_assert_str_eq(ts_err(&t), "");
}

/* A teacher's folder of lessons: numbered or not, every one listed can
 * be run by the name (or number) the list shows. */
Test(commands, lessons_of_a_teacher)
{
	char dir[] = "/tmp/sockshell-lessons-XXXXXX", path[PATH_MAX + 64];
	const char *files[] = { "02-first.lesson", "t.lesson",
	    "my-own.lesson", "notes.txt", NULL };
	char *list = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	cr_assert_not_null(mkdtemp(dir));
	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		cr_assert_not_null(f = fopen(path, "w"));
		fprintf(f, "# Title %d\nsocket s\n", i);
		fclose(f);
	}
	setenv("SOCKSHELL_LESSONS", dir, 1);

	cr_assert_eq(lessons_find("t", path, sizeof path), 0);
	cr_assert(strstr(path, "/t.lesson") != NULL, "%s", path);
	cr_assert_eq(lessons_find("my-own", path, sizeof path), 0);
	cr_assert(strstr(path, "/my-own.lesson") != NULL, "%s", path);
	cr_assert_eq(lessons_find("first", path, sizeof path), 0);
	cr_assert(strstr(path, "/02-first.lesson") != NULL, "%s", path);
	cr_assert_eq(lessons_find("2", path, sizeof path), 0);
	cr_assert(strstr(path, "/02-first.lesson") != NULL, "%s", path);
	cr_assert_eq(lessons_find("own", path, sizeof path), -1);
	cr_assert_eq(lessons_find("0", path, sizeof path), -1);
	cr_assert_eq(lessons_find("notes", path, sizeof path), -1);

	cr_assert_not_null(f = open_memstream(&list, &len));
	lessons_list(f);
	fclose(f);
	cr_assert(strstr(list, "   2  first ") != NULL, "%s", list);
	cr_assert(strstr(list, "   -  my-own ") != NULL, "%s", list);
	cr_assert(strstr(list, "   -  t ") != NULL, "%s", list);
	cr_assert(strstr(list, "notes") == NULL, "%s", list);
	free(list);

	for (i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* A lesson's narration says the port the lesson really uses. */
Test(commands, narration_expands_variables)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	ts_ok(&t, (const char *const[]){ "set PORT 4242", NULL });
	cr_assert_not_null(f = open_memstream(&out, &len));
	cr_assert_eq(expand_print(&t.sh, f, "nc 127.0.0.1 $PORT; $NOSUCH, $ "
	    "and $1 as they are; $PORTS too", 1000), 0);
	fclose(f);
	cr_assert_str_eq(out, "nc 127.0.0.1 4242; $NOSUCH, $ and $1 as they "
	    "are; $PORTS too");
	free(out);
}

/* listen returns 0, as the call line says: its backlog is what the
 * picture's box shows, not its result. */
Test(commands, listen_returns_zero)
{
	ts_ok(&t, (const char *const[]){ "socket s", "bind s 127.0.0.1 0",
	    "listen s 5 => 0", NULL });
	cr_assert_eq(t.sh.log.v[t.sh.log.n - 1].result, 0);
	cr_assert_eq(t.sh.log.v[t.sh.log.n - 1].arg, 5);
}

/* listen on an unbound socket: the kernel binds it, and says where; a
 * bound one gets no such line. */
Test(commands, listen_says_the_kernel_bound_it)
{
	char want[128];

	run_ok("socket s");
	ts_clear(&t);
	run_ok("listen s");
	snprintf(want, sizeof want, "\n  s was not bound: the kernel bound it "
	    "to 0.0.0.0:%d, every address and a port it picked (bind before "
	    "listen to choose them)\n", ts_port(&t, "s"));
	assert_has(ts_out(&t), want);
	cr_assert_neq(ts_port(&t, "s"), 0);
	run_ok("socket b");
	run_ok("bind b 127.0.0.1 0");
	ts_clear(&t);
	run_ok("listen b");
	assert_has_not(ts_out(&t), "was not bound");
}
