/* floor-cmds.c - the floor for sockshell's per-command overhead: the
 * system calls a generated script of COUNT commands makes, and nothing
 * else (no parsing, no output).
 *
 *   floor-cmds socket COUNT    COUNT/2 pairs of socket(2) and close(2)
 *   floor-cmds sendrecv COUNT  COUNT/2 pairs of a 1-byte send(2) and
 *                              recv(2) on one connected TCP pair
 *   floor-cmds sockets COUNT   COUNT sockets open at once, then closed
 *
 * bench/run times it beside the same script run by sockshell -q. */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
fail(const char *what)
{
	perror(what);
	return 1;
}

/* A connected TCP pair on 127.0.0.1, as the script's prologue makes. */
static int
connected_pair(int *a, int *b)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	int srv;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(srv, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    getsockname(srv, (struct sockaddr *)&sin, &len) < 0 ||
	    listen(srv, 1) < 0)
		return -1;
	if ((*a = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    connect(*a, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    (*b = accept4(srv, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return -1;
	close(srv);
	return 0;
}

int
main(int argc, char **argv)
{
	long i, count;
	char c = 'x';
	int fd, a, b, *fds;

	if (argc != 3 || (count = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: floor-cmds socket|sendrecv|sockets "
		    "COUNT\n");
		return 2;
	}
	if (strcmp(argv[1], "socket") == 0) {
		for (i = 0; i < count / 2; i++) {
			if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
			    0)) < 0)
				return fail("socket");
			if (close(fd) < 0)
				return fail("close");
		}
	} else if (strcmp(argv[1], "sendrecv") == 0) {
		if (connected_pair(&a, &b) < 0)
			return fail("connect");
		for (i = 0; i < count / 2; i++) {
			if (send(a, &c, 1, MSG_NOSIGNAL) != 1)
				return fail("send");
			if (recv(b, &c, 1, 0) != 1)
				return fail("recv");
		}
		close(a);
		close(b);
	} else if (strcmp(argv[1], "sockets") == 0) {
		if ((fds = calloc((size_t)count, sizeof *fds)) == NULL)
			return fail("calloc");
		for (i = 0; i < count; i++)
			if ((fds[i] = socket(AF_INET, SOCK_STREAM |
			    SOCK_CLOEXEC, 0)) < 0)
				return fail("socket");
		for (i = 0; i < count; i++)
			close(fds[i]);
		free(fds);
	} else {
		fprintf(stderr, "floor-cmds: unknown mode '%s'\n", argv[1]);
		return 2;
	}
	return 0;
}
