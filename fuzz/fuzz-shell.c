/* fuzz-shell.c - a libFuzzer target over the whole shell: each input is a
 * script, run through the input loop (input_run_stream: the line reader,
 * narration, echo, expectations), the parser and the dispatch of every
 * command on a fresh shell, with the real syscalls.
 *
 * Loopback only, whatever the input says. The program is linked with
 * -Wl,--wrap for connect, bind, sendto, sendmsg and getaddrinfo, so every
 * call the library makes goes through the guards below first: an address
 * outside 127.0.0.0/8 and ::1 is refused (ENETUNREACH) before any packet
 * could leave (AF_UNIX too: no socket files; netlink only to the kernel,
 * for sock_diag), and no name is ever looked
 * up. fuzz/run adds a network namespace of its own where it can. And no
 * file is written (fopen and open are wrapped too: "recv NAME --to PATH"
 * would write one; openat too, for a lesson's work folder); 'source' and
 * 'lesson' lines are dropped: they would read other files (or /dev/zero)
 * instead of the input. Every other input runs as a lesson from a
 * stranger, inside the fence (core/fence.c).
 *
 * Built with clang -fsanitize=fuzzer,address,undefined by fuzz/run, and
 * with fuzz/replay.c as an ordinary program that 'make check' runs on the
 * crash inputs kept in fuzz/regressions.
 */
#include <config.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/message.h"
#include "commands/cmd.h"
#include "core/fence.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/foresee.h"
#include "input/input.h"
#include "input/lex.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

int	__real_connect(int, const struct sockaddr *, socklen_t);
int	__real_bind(int, const struct sockaddr *, socklen_t);
ssize_t	__real_sendto(int, const void *, size_t, int, const struct sockaddr *,
	    socklen_t);
ssize_t	__real_sendmsg(int, const struct msghdr *, int);
int	__wrap_connect(int, const struct sockaddr *, socklen_t);
int	__wrap_bind(int, const struct sockaddr *, socklen_t);
ssize_t	__wrap_sendto(int, const void *, size_t, int, const struct sockaddr *,
	    socklen_t);
ssize_t	__wrap_sendmsg(int, const struct msghdr *, int);
int	__wrap_getaddrinfo(const char *, const char *, const struct addrinfo *,
	    struct addrinfo **);
FILE	*__real_fopen(const char *, const char *);
FILE	*__wrap_fopen(const char *, const char *);
int	__real_open(const char *, int, ...);
int	__wrap_open(const char *, int, ...);
int	__real_openat(int, const char *, int, ...);
int	__wrap_openat(int, const char *, int, ...);

/* Set while the target runs an input: the guards apply then. */
static int	in_target;

/* 127.0.0.0/8, ::1 and ::ffff:127.0.0.0/104; WILDCARD: also 0.0.0.0 and
 * ::, for bind; AF_UNSPEC (connect's "dissolve the association"). */
static int
is_loopback(const struct sockaddr *sa, socklen_t len, int wildcard)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
	const uint8_t *b;

	if (sa == NULL || len < sizeof sa->sa_family)
		return 0;
	switch (sa->sa_family) {
	case AF_UNSPEC:
		return 1;
	case AF_INET:
		if (len < sizeof *sin)
			return 0;
		if (wildcard && sin->sin_addr.s_addr == htonl(INADDR_ANY))
			return 1;
		return (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
	case AF_INET6:
		if (len < sizeof *sin6)
			return 0;
		if (IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr))
			return 1;
		if (wildcard && IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
			return 1;
		b = sin6->sin6_addr.s6_addr;
		return IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr) && b[12] == 127;
	case AF_NETLINK:
		/* sock_diag, which shows a closed socket's connection: to
		 * the kernel (pid 0), which is no network. Refused, every
		 * state read fell back to /proc/net/tcp, a quarter of a
		 * millisecond a read. */
		return len >= sizeof(struct sockaddr_nl) &&
		    ((const struct sockaddr_nl *)sa)->nl_pid == 0;
	default:
		return 0;
	}
}

int
__wrap_connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (!is_loopback(sa, len, 0)) {
		errno = ENETUNREACH;
		return -1;
	}
	return __real_connect(fd, sa, len);
}

int
__wrap_bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (!is_loopback(sa, len, 1)) {
		errno = EADDRNOTAVAIL;
		return -1;
	}
	return __real_bind(fd, sa, len);
}

ssize_t
__wrap_sendto(int fd, const void *buf, size_t n, int flags,
    const struct sockaddr *sa, socklen_t len)
{
	if (sa != NULL && !is_loopback(sa, len, 0)) {
		errno = ENETUNREACH;
		return -1;
	}
	return __real_sendto(fd, buf, n, flags, sa, len);
}

ssize_t
__wrap_sendmsg(int fd, const struct msghdr *m, int flags)
{
	if (m != NULL && m->msg_name != NULL &&
	    !is_loopback(m->msg_name, m->msg_namelen, 0)) {
		errno = ENETUNREACH;
		return -1;
	}
	return __real_sendmsg(fd, m, flags);
}

/* No name is looked up: no resolver, no traffic. */
int
__wrap_getaddrinfo(const char *host, const char *serv,
    const struct addrinfo *hints, struct addrinfo **res)
{
	(void)host;
	(void)serv;
	(void)hints;
	*res = NULL;
	return EAI_NONAME;
}

/* Only reading, while an input runs: no file is created or truncated. */
FILE *
__wrap_fopen(const char *path, const char *mode)
{
	if (in_target && strpbrk(mode, "wa+") != NULL) {
		errno = EACCES;
		return NULL;
	}
	return __real_fopen(path, mode);
}

/* Whether open(2) with FLAGS would write, while an input runs: then
 * EACCES. */
static int
writes(int flags)
{
	if (in_target && ((flags & O_ACCMODE) != O_RDONLY ||
	    (flags & (O_CREAT | O_TRUNC)) != 0)) {
		errno = EACCES;
		return 1;
	}
	return 0;
}

/* The same for open(2), which "recv NAME --to PATH" uses to make its file
 * (O_CREAT | O_EXCL | O_NOFOLLOW): nothing opened for writing. */
int
__wrap_open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = flags & O_CREAT ? (mode_t)va_arg(ap, int) : 0;
	va_end(ap);
	return writes(flags) ? -1 : __real_open(path, flags, mode);
}

/* And for openat(2), which a lesson's files go through (its work folder,
 * walked a folder at a time: core/fence.c). */
int
__wrap_openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = flags & O_CREAT ? (mode_t)va_arg(ap, int) : 0;
	va_end(ap);
	return writes(flags) ? -1 : __real_openat(dirfd, path, flags, mode);
}

/* Whether the line's command reads files: source (.) and lesson. */
static int
reads_files(const char *line, size_t len)
{
	const struct cmd_entry *ce;
	char err[MESSAGE_LEN];
	struct tokens t;
	int skip = 0;

	if (lex_line(line, len, &t, err) < 0)
		return 0;
	if (t.n > 0 && (ce = cmd_find(t.v[0].text, err)) != NULL)
		skip = strcmp(ce->name, "source") == 0 ||
		    strcmp(ce->name, "lesson") == 0;
	words_free(&t);
	return skip;
}

static int
count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static FILE	*devnull;
static char	 work[] = "/tmp/fuzz-shell-work.XXXXXX";	/* --work-dir */

/* The work folder goes at the end (nothing is written in it). */
static void
remove_work(void)
{
	rmdir(work);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct sigaction sa;

	(void)argc;
	(void)argv;
	/* As main does: a send to a closed peer fails with EPIPE. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	devnull = __real_fopen("/dev/null", "we");
	if (devnull == NULL || mkdtemp(work) == NULL)
		abort();
	atexit(remove_work);
	return 0;
}

/* The script's lines read ahead, as a lesson's file is (input/foresee.c):
 * fmemopen has no descriptor for foresee_stream to look at. */
static void
read_ahead(struct shell *sh, const char *script, size_t len)
{
	char *copy = malloc(len + 1), **lines = malloc((len + 1) *
	    sizeof *lines), *p, *nl;
	size_t n = 0;

	if (copy != NULL && lines != NULL) {
		memcpy(copy, script, len);
		copy[len] = '\0';
		for (p = copy; p < copy + len; p = nl + 1) {
			lines[n++] = p;
			if ((nl = memchr(p, '\n', len - (size_t)(p - copy))) ==
			    NULL)
				break;
			*nl = '\0';
		}
		foresee_lines(sh, (const char *const *)lines, n);
	}
	free(copy);
	free(lines);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shell sh;
	char *script, *line, *nl;
	size_t o = 0, len;
	FILE *fp;
	int fds_before, fds_after;

	if (devnull == NULL)
		LLVMFuzzerInitialize(NULL, NULL);
	script = malloc(size + 1);
	if (script == NULL)
		return 0;
	/* The input's lines, less those that would read other files. */
	for (line = (char *)data; line < (char *)data + size; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)((char *)data + size - line));
		if (nl == NULL)
			nl = (char *)data + size;
		len = (size_t)(nl - line);
		if (reads_files(line, len))
			continue;
		memcpy(script + o, line, len);
		o += len;
		if (nl < (char *)data + size)
			script[o++] = '\n';
	}
	fds_before = count_fds();
	in_target = 1;
	shell_init(&sh, devnull, devnull);
	input_attach(&sh);
	sh.echo = 1;
	/* The state after each command reads /proc/net/tcp: one input in
	 * four has it, the others are quick (and 'show' still draws it). */
	sh.quiet = size % 4 != 0;
	sh.timeout = 0.001;	/* a waiting call gives up at once */
	var_set(&sh, "PORT", "0");
	/* Every other input as a lesson from a stranger: inside the fence
	 * (core/fence.c), its files in a work folder of its own. */
	if (size % 2 == 0) {
		sh.at.fence = FENCE_ALL;
		snprintf(sh.at.lesson, sizeof sh.at.lesson, "fuzz");
		sh.work_dir = work;
	}
	read_ahead(&sh, script, o);
	fp = o > 0 ? fmemopen(script, o, "r") : NULL;
	if (fp != NULL) {
		input_run_stream(&sh, fp, "fuzz");
		fclose(fp);
	}
	shell_free(&sh);
	in_target = 0;
	free(script);
	/* Every socket the script opened is closed again. */
	fds_after = count_fds();
	if (fds_before >= 0 && fds_after != fds_before) {
		fprintf(stderr, "fuzz-shell: %d descriptors before, %d after\n",
		    fds_before, fds_after);
		abort();
	}
	return 0;
}
