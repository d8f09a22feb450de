/* test-bulk.c - data in bulk for flow-control experiments (send --size,
 * send --file, recv --all, recv --to), and the flags that teach something
 * (MSG_PEEK, MSG_DONTWAIT, MSG_WAITALL, MSG_OOB), on real loopback TCP. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "base/evlog.h"
#include "base/sig.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/op.h"
#include "core/shell.h"
#include "state/state.h"

#define MiB	(1024ULL * 1024)

TSHELL_SUITE(bulk);

/* a and b, the two ends of a connection (srv listening). */
static void
pair(const char *family)
{
	ts_okf(&t, "socket srv %s", family);
	ts_okf(&t, "bind srv %s 0", strcmp(family, "ipv6") == 0 ? "::1" :
	    "127.0.0.1");
	ts_okf(&t, "listen srv");
	ts_okf(&t, "socket a %s", family);
	ts_ok(&t, (const char *const[]){ "connect a srv", "accept srv b",
	    NULL });
	ts_clear(&t);
}

static const struct event *
last_event(void)
{
	cr_assert_gt(t.sh.log.n, 0);
	return &t.sh.log.v[t.sh.log.n - 1];
}

/* The receiver drains in the background while the sender waits in the
 * foreground: one shell, both ends, 64 MiB. */
Test(bulk, sixty_four_mib_between_two_handles)
{
	struct job *j;
	char want[128];

	pair("inet");
	ts_okf(&t, "recv b --all &");
	cr_assert_eq(jobs_count(&t.sh), 1);
	j = job_find(&t.sh, 1);
	cr_assert_not_null(j);
	/* Counts only: a fixed chunk, never the whole stream. */
	cr_assert_eq(j->op.buflen, 64 * 1024);
	ts_okf(&t, "send a --size 64M");
	snprintf(want, sizeof want, "<generated data>, %llu) = %llu, in ",
	    64 * MiB, 64 * MiB);
	assert_has(ts_out(&t), want);
	assert_has(ts_out(&t), " MiB/s\n");
	cr_assert_eq(handle_find(&t.sh, "a")->sent, 64 * MiB);
	cr_assert_str_eq(last_event()->type->call, "send");
	cr_assert_eq(last_event()->result, (long long)(64 * MiB));
	ts_okf(&t, "close a");
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	cr_assert_eq(jobs_count(&t.sh), 0);
	snprintf(want, sizeof want, "[1] done: recv(%d, 65536) until the end "
	    "of the stream = %llu bytes in ", handle_find(&t.sh, "b")->fd,
	    64 * MiB);
	assert_has(ts_out(&t), want);
	assert_has(ts_out(&t), ", discarded\n");
	assert_has(ts_out(&t), "  it began with \"sockshell bulk data: ");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 64 * MiB);
	cr_assert(handle_find(&t.sh, "b")->eof);
	cr_assert_str_eq(last_event()->type->call, "recv");
	cr_assert_eq(last_event()->result, (long long)(64 * MiB));
	cr_assert_str_eq(ts_err(&t), "");
}

Test(bulk, ipv6_with_expectations)
{
	pair("ipv6");
	ts_ok(&t, (const char *const[]){ "recv b 4096 --all &",
	    "send a --size 8M => 8388608", "close a", NULL });
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	assert_has(ts_out(&t), "recv(");
	assert_has(ts_out(&t), ", 4096) until the end of the stream = 8388608 "
	    "bytes in ");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 8 * MiB);
}

Test(bulk, file_to_file)
{
	char in[] = "/tmp/sockshell-bulk-in-XXXXXX";
	char out[] = "/tmp/sockshell-bulk-out-XXXXXX";
	unsigned char *buf, *back;
	size_t n = MiB + 123, i;
	int fd, ofd;
	FILE *f;

	fd = mkstemp(in);
	ofd = mkstemp(out);
	cr_assert(fd >= 0 && ofd >= 0);
	close(ofd);
	unlink(out);	/* a unique name: recv --to makes the file */
	buf = malloc(n);
	back = malloc(n + 1);
	cr_assert(buf != NULL && back != NULL);
	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)(i * 7 + i / 251);
	cr_assert_eq(write(fd, buf, n), (ssize_t)n);
	close(fd);
	pair("inet");
	ts_okf(&t, "recv b --to %s &", out);
	ts_okf(&t, "send a --file %s", in);
	ts_okf(&t, "close a");
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	assert_has(ts_out(&t), out);
	f = fopen(out, "rb");
	cr_assert_not_null(f);
	cr_assert_eq(fread(back, 1, n + 1, f), n, "the file has another size");
	fclose(f);
	cr_assert_eq(memcmp(buf, back, n), 0, "the bytes differ");
	cr_assert_eq(handle_find(&t.sh, "a")->sent, n);
	unlink(in);
	unlink(out);
	free(buf);
	free(back);
}

/* A file is read to its end, whatever size stat says (a /proc file
 * says 0), and a read that fails says its error instead of sending
 * nothing as if the file were empty. */
Test(bulk, file_read_errors_and_proc_files)
{
	char want[128];

	pair("inet");
	ts_fail(&t, "send a --file /proc/self/mem", "cannot read "
	    "'/proc/self/mem': ", 0);
	snprintf(want, sizeof want, "cannot read '/proc/self/mem': %s\n",
	    strerror(EIO));
	assert_has(ts_err(&t), want);
	snprintf(want, sizeof want, "</proc/self/mem>, 0): reading "
	    "/proc/self/mem failed after 0 bytes: %s\n", strerror(EIO));
	assert_has(ts_out(&t), want);
	snprintf(want, sizeof want, "cannot read '/proc/self/mem': %s\n",
	    strerror(EIO));
	assert_has_not(ts_out(&t), "in 0 calls");
	cr_assert_eq(handle_find(&t.sh, "a")->sent, 0);
	ts_clear(&t);
	ts_okf(&t, "send a --file /proc/sys/kernel/ostype");
	assert_has(ts_out(&t), "</proc/sys/kernel/ostype>, 6) = 6, in 1 "
	    "call, ");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	ts_okf(&t, "recv b => \"Linux\\n\"");

	/* The same on a datagram socket, where the file is one datagram. */
	ts_ok(&t, (const char *const[]){ "socketpair d e dgram", NULL });
	ts_fail(&t, "send d --file /proc/self/mem", want, 1);
	cr_assert_eq(handle_find(&t.sh, "d")->sent, 0);
	ts_okf(&t, "send d --file /proc/sys/kernel/ostype");
	ts_okf(&t, "recv e => \"Linux\\n\"");
}

/* recv --to: a write that fails says so at once, with the error; the
 * bytes the socket gave up still count as received. */
Test(bulk, recv_to_write_error)
{
	char want[128];

	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a hello", "close a", NULL });
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	t.sh.interactive = 1;	/* typed: --replace may open a device */
	ts_fail(&t, "recv b --to /dev/full --replace", "cannot write to "
	    "'/dev/full': ", 0);
	snprintf(want, sizeof want, "cannot write to '/dev/full': %s\n",
	    strerror(ENOSPC));
	assert_has(ts_err(&t), want);
	snprintf(want, sizeof want, "): writing to /dev/full failed after 0 "
	    "bytes: %s\n", strerror(ENOSPC));
	assert_has(ts_out(&t), want);
	cr_assert_eq(handle_find(&t.sh, "b")->received, 5);
}

/* recv --to makes a new file: it never follows a symbolic link nor
 * replaces a file (a script could clobber ~/.bashrc); a line typed at
 * the terminal may add --replace. */
static char dir[] = "/tmp/sockshell-to-XXXXXX";

static char *
in_dir(const char *name)
{
	static char path[4][64];
	static int k;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	return path[k];
}

static void
make_dir(void)
{
	cr_assert_not_null(mkdtemp(dir));
}

static void
remove_dir(void)
{
	static const char *const names[] = { "old", "link", "dangling", "new",
	    "target" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		unlink(in_dir(names[i]));
	rmdir(dir);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void
assert_file(const char *path, const char *text)
{
	char buf[64] = "";
	FILE *f = fopen(path, "r");

	cr_assert_not_null(f, "%s is gone", path);
	cr_assert_eq(fread(buf, 1, sizeof buf - 1, f), strlen(text));
	fclose(f);
	cr_assert_str_eq(buf, text);
}

/* ts_fail of "recv b --to PATH" and what follows (AFTER). */
static void
fail_to(const char *says, int usage, const char *path, const char *after)
{
	char line[256];

	snprintf(line, sizeof line, "recv b --to %s%s", path, after);
	ts_fail(&t, line, says, usage);
}

Test(bulk, recv_to_never_replaces_nor_follows_links)
{
	struct stat sb;

	make_dir();
	pair("inet");
	write_file(in_dir("old"), "keep me\n");
	cr_assert_eq(symlink(in_dir("old"), in_dir("link")), 0);
	cr_assert_eq(symlink(in_dir("target"), in_dir("dangling")), 0);
	ts_ok(&t, (const char *const[]){ "send a hello", "close a", NULL });
	fail_to("exists: recv --to makes a new file; give another path, or "
	    "type --replace after the path (at the terminal)", 1,
	    in_dir("old"), "");
	fail_to("is a symbolic link: recv --to does not follow one", 1,
	    in_dir("link"), "");
	fail_to("is a symbolic link: recv --to does not follow one", 1,
	    in_dir("dangling"), "");
	fail_to("--replace is only for a line typed at the terminal", 1,
	    in_dir("old"), " --replace");
	assert_file(in_dir("old"), "keep me\n");
	cr_assert_neq(lstat(in_dir("target"), &sb), 0, "made through a link");
	/* Typed at the terminal, --replace replaces, but never through a
	 * link. */
	t.sh.interactive = 1;
	fail_to("is a symbolic link", 1, in_dir("link"), " --replace");
	ts_okf(&t, "recv b --to %s --replace", in_dir("old"));
	assert_file(in_dir("old"), "hello");
	assert_file(in_dir("link"), "hello");
	remove_dir();
}

/* A recv --to that fails before any byte arrives leaves no empty file
 * behind: its SO_RCVTIMEO ran out, the script's --timeout, a job whose
 * socket is closed. */
Test(bulk, recv_to_failing_leaves_no_file)
{
	struct stat sb;

	make_dir();
	pair("inet");
	ts_okf(&t, "setsockopt b SO_RCVTIMEO 0.05");
	fail_to("SO_RCVTIMEO ran out", 0, in_dir("new"), "");
	cr_assert_neq(lstat(in_dir("new"), &sb), 0, "an empty file is left");
	ts_okf(&t, "setsockopt b SO_RCVTIMEO 0");
	t.sh.timeout = 0.05;
	cr_assert_neq(ts_runf(&t, "recv b --to %s", in_dir("new")), 0);
	cr_assert_neq(lstat(in_dir("new"), &sb), 0, "an empty file is left");
	ts_okf(&t, "recv b --to %s &", in_dir("new"));
	cr_assert_eq(lstat(in_dir("new"), &sb), 0, "the job makes it");
	ts_okf(&t, "close b");
	cr_assert_neq(lstat(in_dir("new"), &sb), 0, "an empty file is left");
	remove_dir();
}

Test(bulk, full_buffer_shows_how_far_it_got)
{
	unsigned long long sent;
	char want[96];

	pair("inet");
	t.sh.timeout = 0.3;	/* nobody reads: the send must wait */
	ts_fail(&t, "send a --size 64M", "send a --size 64M: gave up after "
	    "waiting 0.3 s for room in a's send buffer (", 0);
	sent = handle_find(&t.sh, "a")->sent;
	cr_assert_gt(sent, 0);
	cr_assert_lt(sent, 64 * MiB);
	snprintf(want, sizeof want, "(%llu of %llu bytes sent)", sent,
	    64 * MiB);
	assert_has(ts_err(&t), want);
	snprintf(want, sizeof want, "  %llu of %llu bytes were sent\n", sent,
	    64 * MiB);
	assert_has(ts_out(&t), want);
	/* The connection is as it was: what was sent arrives. */
	t.sh.timeout = 5;
	ts_ok(&t, (const char *const[]){ "recv b --all &", "close a", NULL });
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	cr_assert_eq(handle_find(&t.sh, "b")->received, sent);
}

Test(bulk, interrupted)
{
	unsigned long long sent;

	pair("inet");
	sig_interrupted = 1;	/* Ctrl-C, as the send waits */
	ts_fail(&t, "send a --size 64M", "send a --size 64M: interrupted "
	    "(Ctrl-C) while waiting for room in a's send buffer", 0);
	cr_assert_not(sig_interrupted);
	sent = handle_find(&t.sh, "a")->sent;
	cr_assert_gt(sent, 0);
	assert_has(ts_out(&t), "bytes were sent\n");
	/* Not "as it was": megabytes are queued. */
	assert_has(ts_err(&t), "the bytes already sent are the kernel's now: "
	    "it goes on delivering them");
	assert_has_not(ts_err(&t), "the socket is as it was");
	cr_assert_eq(jobs_count(&t.sh), 0);
	cr_assert(handle_find(&t.sh, "a")->fd >= 0);
}

Test(bulk, nonblocking_send_stops_at_eagain)
{
	pair("inet");
	ts_okf(&t, "nonblock a on");
	ts_fail(&t, "send a --size 64M", "send failed with EAGAIN: the call "
	    "would have to wait, and it may not (a non-blocking socket", 0);
	assert_has(ts_out(&t), " of 67108864 bytes had been sent before the "
	    "error, in ");
	cr_assert_gt(handle_find(&t.sh, "a")->sent, 0);
}

Test(bulk, background_send_foreground_recv)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a --size 16M &", NULL });
	/* The job fills a's buffer and waits; the foreground drains. */
	ts_okf(&t, "recv b 65536 MSG_WAITALL");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 65536);
	ts_ok(&t, (const char *const[]){ "recv b --all &", "wait 1", NULL });
	ts_okf(&t, "close a");
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 16 * MiB);
}

Test(bulk, empty_stream)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "close a", "recv b --all => 0",
	    NULL });
	assert_has(ts_out(&t), "until the end of the stream = 0 bytes in 1 "
	    "calls");
}

Test(bulk, size_units)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "recv b --all &", "send a --size 1K",
	    "send a --size 2KiB", "send a --size 1000", "close a", NULL });
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 1024 + 2048 + 1000);
}

/* The flags. */

Test(bulk, msg_peek)
{
	pair("inet");
	ts_okf(&t, "send a hello");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	ts_clear(&t);
	ts_okf(&t, "recv b 3 MSG_PEEK => \"hel\"");
	assert_has(ts_out(&t), ", 3, MSG_PEEK) = 3: \"hel\"\n");
	assert_has(ts_out(&t), "MSG_PEEK: the bytes stay queued");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 0);
	ts_okf(&t, "recv b => \"hello\"");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 5);
}

Test(bulk, msg_dontwait)
{
	pair("inet");
	ts_fail(&t, "recv b MSG_DONTWAIT", "recv failed with EAGAIN", 0);
	assert_has(ts_out(&t), ", 1024, MSG_DONTWAIT) = -1 EAGAIN (");
	cr_assert_eq(jobs_count(&t.sh), 0);
	t.sh.failed = 0;
	ts_okf(&t, "recv b MSG_DONTWAIT => EAGAIN");
	cr_assert_not(t.sh.failed, "a failure the step expected");
}

Test(bulk, msg_waitall)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "recv b 6 MSG_WAITALL &",
	    "send a abc", NULL });
	cr_assert_eq(jobs_count(&t.sh), 1, "MSG_WAITALL waits for all 6");
	ts_ok(&t, (const char *const[]){ "jobs", NULL });
	assert_has(ts_out(&t), "(3 bytes received so far)");
	ts_ok(&t, (const char *const[]){ "send a defgh", NULL });
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	assert_has(ts_out(&t), ", 6, MSG_WAITALL) = 6: \"abcdef\"");
	/* The line is the program's one call; the shell made two. */
	assert_has(ts_out(&t), "  (the shell gathered them in 2 calls of "
	    "recvmsg with MSG_DONTWAIT, waiting in poll between them");
	ts_okf(&t, "recv b => \"gh\"");
}

Test(bulk, msg_waitall_until_eof)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a abc", "close a",
	    "recv b 100 MSG_WAITALL => \"abc\"", NULL });
	assert_has(ts_out(&t), "MSG_WAITALL gave less");
}

/* The bytes a MSG_WAITALL recv took before it stopped waiting are its
 * result, as the kernel's recv returns them: never lost unseen. */
static void
assert_partial(const char *says)
{
	const struct event *ev = last_event();

	assert_has(ts_out(&t), ", 10, MSG_WAITALL) = 5: \"12345\"");
	assert_has(ts_out(&t), says);
	cr_assert_eq(t.sh.last_len, 5);
	cr_assert(memcmp(t.sh.last_data, "12345", 5) == 0);
	cr_assert_eq(handle_find(&t.sh, "b")->received, 5);
	cr_assert_str_eq(ev->type->call, "recv");
	cr_assert_eq(ev->result, 5);
	cr_assert_not(ev->pending);
	cr_assert_eq(jobs_count(&t.sh), 0);
}

Test(bulk, msg_waitall_rcvtimeo_returns_what_it_has)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a 12345",
	    "setsockopt b SO_RCVTIMEO 0.05", NULL });
	ts_clear(&t);
	ts_okf(&t, "recv b 10 MSG_WAITALL => \"12345\"");
	assert_partial("the socket's SO_RCVTIMEO ran out");
	assert_has_not(ts_out(&t), "EAGAIN");
	ts_okf(&t, "recv b MSG_DONTWAIT => EAGAIN");
}

Test(bulk, msg_waitall_job_rcvtimeo_returns_what_it_has)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "setsockopt b SO_RCVTIMEO 0.05",
	    "send a 12345", "recv b 10 MSG_WAITALL &", NULL });
	ts_clear(&t);
	if (jobs_count(&t.sh) > 0)
		ts_okf(&t, "wait");
	assert_partial("[1] done: recv(");
	assert_has(ts_out(&t), "SO_RCVTIMEO ran out");
}

Test(bulk, msg_waitall_script_timeout_shows_what_it_has)
{
	size_t before;

	pair("inet");
	ts_okf(&t, "send a 12345");
	ts_clear(&t);
	t.sh.timeout = 0.05;
	before = t.sh.log.n;
	cr_assert_neq(ts_run(&t, "recv b 10 MSG_WAITALL"), 0);
	assert_partial("--timeout ended the wait");
	cr_assert_eq(t.sh.log.n, before + 1, "one recv logged, not two");
}

/* A bulk recv stopped after some bytes: the picture's event counts
 * them, as it does a stopped send's. */
Test(bulk, stopped_bulk_recv_counts_its_bytes)
{
	const struct event *ev;

	pair("inet");
	ts_okf(&t, "send a 12345");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	t.sh.timeout = 0.05;
	cr_assert_neq(ts_run(&t, "recv b --all"), 0);
	ev = last_event();
	cr_assert_str_eq(ev->type->call, "recv");
	cr_assert(ev->stopped);
	cr_assert_eq(ev->result, 5);
	cr_assert_eq(handle_find(&t.sh, "b")->received, 5);
}

/* Ctrl-C: the kernel's recv returns the bytes it has, not EINTR. */
Test(bulk, msg_waitall_ctrl_c_returns_what_it_has)
{
	pair("inet");
	ts_okf(&t, "send a 12345");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	ts_clear(&t);
	sig_interrupted = 1;	/* Ctrl-C, as the recv waits for more */
	ts_okf(&t, "recv b 10 MSG_WAITALL => \"12345\"");
	assert_partial("MSG_WAITALL gave less: interrupted (Ctrl-C); recv "
	    "returns the bytes it has");
	cr_assert_not(sig_interrupted);
}

Test(bulk, msg_waitall_job_closed_shows_what_it_has)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a 12345",
	    "recv b 10 MSG_WAITALL &", NULL });
	ts_clear(&t);
	ts_okf(&t, "close b");
	cr_assert_eq(t.sh.last_len, 5);
	assert_has(ts_out(&t), ", 10, MSG_WAITALL) = 5: \"12345\"");
	cr_assert_eq(handle_find(&t.sh, "b")->received, 5);
}

Test(bulk, msg_oob)
{
	pair("inet");
	ts_ok(&t, (const char *const[]){ "send a normal", NULL });
	ts_clear(&t);
	ts_okf(&t, "send a MSG_OOB \"!\"");
	assert_has(ts_out(&t), ", \"!\", 1, MSG_OOB) = 1\n");
	assert_has(ts_out(&t), "the last byte goes as urgent data");
	cr_assert(ts_ready(&t, "b", POLLPRI) & POLLPRI);
	ts_clear(&t);
	ts_okf(&t, "poll b");
	assert_has(ts_out(&t), "POLLPRI");
	assert_has(ts_out(&t), "urgent data (MSG_OOB) waits");
	ts_ok(&t, (const char *const[]){ "recv b MSG_OOB => \"!\"",
	    "recv b => \"normal\"", NULL });
	/* No urgent byte left. */
	ts_fail(&t, "recv b MSG_OOB", "recv failed with EINVAL: no urgent "
	    "byte (MSG_OOB) is waiting", 0);
}

/* A flag with no data after it, or MSG_OOB with no byte to make urgent,
 * is a mistake said before any call: the flag's name is not sent as the
 * data, and no urgent mark is made. */
Test(bulk, msg_oob_needs_a_byte)
{
	pair("inet");
	ts_fail(&t, "send a MSG_OOB", "send: no DATA after MSG_OOB: write "
	    "DATA after the flags, as in 'send a MSG_OOB \"!\"' (quote a "
	    "flag's name to send it as data)", 1);
	ts_fail(&t, "send a MSG_DONTWAIT MSG_OOB", "send: no DATA after "
	    "MSG_OOB: write DATA after the flags, as in 'send a MSG_DONTWAIT "
	    "MSG_OOB \"!\"'", 1);
	ts_fail(&t, "send a MSG_OOB MSG_DONTWAIT &", "send: no DATA after "
	    "MSG_DONTWAIT: write DATA after the flags, as in 'send a MSG_OOB "
	    "MSG_DONTWAIT \"!\"'", 1);
	ts_fail(&t, "send a MSG_OOB \"\"", "send: MSG_OOB sends the last "
	    "byte as urgent data, and \"\" has none: give at least one "
	    "byte, as in 'send a MSG_OOB \"!\"'", 1);
	ts_fail(&t, "send a MSG_DONTWAIT MSG_OOB ''", "give at least one "
	    "byte, as in 'send a MSG_DONTWAIT MSG_OOB \"!\"'", 1);
	ts_fail(&t, "send a MSG_PEEK", "send takes the flags MSG_OOB and "
	    "MSG_DONTWAIT (MSG_PEEK is for receiving)", 1);
	cr_assert_eq(handle_find(&t.sh, "a")->sent, 0);
	/* No urgent byte waits, and the first byte b gets is the next one
	 * sent, not a flag's name. */
	ts_fail(&t, "recv b MSG_OOB", "recv failed with EINVAL: no urgent "
	    "byte (MSG_OOB) is waiting", 0);
	ts_okf(&t, "send a x");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	ts_okf(&t, "recv b => \"x\"");
	/* Without flags, empty data is a send of 0 bytes as before. */
	ts_clear(&t);
	ts_okf(&t, "send a \"\"");
	assert_has(ts_out(&t), ", \"\", 0) = 0\n");
}

Test(bulk, send_flags_before_unquoted_data)
{
	pair("inet");
	ts_okf(&t, "send a MSG_DONTWAIT several words here");
	assert_has(ts_out(&t), ", \"several words here\", 18, MSG_DONTWAIT) = "
	    "18\n");
	/* Quoted, a flag's name is data. */
	ts_okf(&t, "send a \"MSG_OOB\"");
	cr_assert(ts_ready(&t, "b", POLLIN) & POLLIN);
	ts_okf(&t, "recv b => \"several words hereMSG_OOB\"");
}

struct bad { char line[128]; char says[120]; };

ParameterizedTestParameters(bulk, usage)
{
	static struct bad bad[] = {
		{ "send a --size", "send --size takes one word: a size, as in "
		    "--size 64M" },
		{ "send a --size 1 2", "send --size takes one word" },
		{ "send a --size 1X", "'1X' is not a size: write a number of "
		    "bytes, as in 1000, 64K or 64M" },
		{ "send a --size -5", "'-5' is not a size" },
		{ "send a --size 2T", "'2T' is not a size" },
		{ "send a --size 2000G", "'2000G' is not a size" },
		{ "send a --file", "send --file takes one word: a file's path" },
		{ "send a --file /nonexistent/x", "cannot open "
		    "'/nonexistent/x'" },
		{ "send a --file /", "'/' is not a regular file" },
		{ "send a MSG_PEEK x", "send takes the flags MSG_OOB and "
		    "MSG_DONTWAIT (MSG_PEEK is for receiving)" },
		{ "send a MSG_OOB --size 1M", "send: MSG_OOB does not go with "
		    "--size: send the bulk data, then the urgent byte apart, "
		    "as in 'send a MSG_OOB \"!\"'" },
		{ "send a MSG_DONTWAIT MSG_OOB --file /etc/services", "send: "
		    "MSG_OOB does not go with --file" },
		{ "recv b --to", "recv: '--to' does not fit here; usage: recv "
		    "NAME [MAXBYTES] [&]" },
		{ "recv b --to /nonexistent/dir/f", "cannot open "
		    "'/nonexistent/dir/f'" },
		{ "recv b --all MSG_PEEK", "recv --all reads the whole stream, "
		    "waiting for it: MSG_PEEK, MSG_OOB, MSG_WAITALL and "
		    "MSG_DONTWAIT do not go with it" },
		{ "recv b --to /tmp/sockshell-never MSG_DONTWAIT", "recv --to "
		    "reads the whole stream, waiting for it" },
		{ "recv b MSG_DONTWAIT --all", "recv --all reads the whole "
		    "stream, waiting for it" },
		{ "recv b --all --all", "recv: --all once more" },
		{ "recv b --to /tmp/sockshell-never --to /tmp/sockshell-never",
		    "recv: --to once more" },
		{ "recv b --all --replace", "recv: '--replace' does not fit "
		    "here" },
		{ "recv b --to /tmp/sockshell-never --replace", "recv: "
		    "--replace is only for a line typed at the terminal" },
		{ "recv b --everything", "recv: '--everything' does not fit "
		    "here" },
		{ "recv b MSG_TRUNC", "recv: 'MSG_TRUNC' does not fit here" },
		{ "recv b 10 20", "recv: '20' does not fit here" },
		{ "recv b 2000000", "'2000000' is not a size to receive" },
		{ "recv b MSG_PEEK MSG_PEEK MSG_PEEK MSG_PEEK MSG_PEEK MSG_PEEK "
		    "MSG_PEEK MSG_PEEK", "recv: wrong number of arguments (9)" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, bulk, usage)
{
	pair("inet");
	ts_fail(&t, b->line, b->says, 1);
}

/* A bulk transfer stops at SO_SNDTIMEO / SO_RCVTIMEO once no byte has
 * moved for that long, as one of its calls would; and what moved, moved. */
Test(bulk, socket_timeouts_end_bulk_transfers, .timeout = 20)
{
	unsigned long long sent;

	t.sh.timeout = 0;	/* only the sockets' timeouts end the waits */
	ts_ok(&t, (const char *const[]){ "socketpair a b",
	    "setsockopt a SO_SNDTIMEO 0.2", "setsockopt b SO_RCVTIMEO 0.2",
	    NULL });
	ts_clear(&t);
	ts_fail(&t, "send a --size 10M", "send failed with EAGAIN: the "
	    "socket's SO_SNDTIMEO ran out", 0);
	sent = handle_find(&t.sh, "a")->sent;
	cr_assert_gt(sent, 0);
	cr_assert_lt(sent, 10ULL << 20);
	ts_clear(&t);
	ts_fail(&t, "recv b --all", "recv failed with EAGAIN: the socket's "
	    "SO_RCVTIMEO ran out", 0);
	cr_assert_eq(handle_find(&t.sh, "b")->received, sent);
}
