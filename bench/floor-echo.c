/* floor-echo.c - the floor for the lecture's echo exchange: exactly the
 * system calls of lessons/03-echo.lesson (the Python server of slide 5 and
 * client of slide 7 in one process, on 127.0.0.1), and nothing else.
 * bench/run times it beside sockshell and Python. Exit status 0 when the
 * exchange went as in the lecture. */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int
fail(const char *what)
{
	perror(what);
	return 1;
}

int
main(void)
{
	static const char msg[] = "Hello, world!";
	struct sockaddr_in sin;
	socklen_t len = sizeof sin;
	char buf[1024];
	int srv, cli, conn;
	ssize_t n;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;		/* -D PORT=0: the kernel picks */
	/* server: socket, bind, listen */
	if ((srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return fail("socket");
	if (bind(srv, (struct sockaddr *)&sin, sizeof sin) < 0)
		return fail("bind");
	if (getsockname(srv, (struct sockaddr *)&sin, &len) < 0)
		return fail("getsockname");
	if (listen(srv, 1) < 0)
		return fail("listen");
	/* client: socket, connect; server: accept (it returns at once) */
	if ((cli = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return fail("socket");
	if (connect(cli, (struct sockaddr *)&sin, sizeof sin) < 0)
		return fail("connect");
	if ((conn = accept4(srv, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return fail("accept");
	/* client: sendall; server: recv, sendall; client: recv, close */
	if (send(cli, msg, sizeof msg - 1, MSG_NOSIGNAL) != sizeof msg - 1)
		return fail("send");
	if ((n = recv(conn, buf, sizeof buf, 0)) != sizeof msg - 1)
		return fail("recv");
	if (send(conn, buf, (size_t)n, MSG_NOSIGNAL) != n)
		return fail("send");
	if (recv(cli, buf, sizeof buf, 0) != n)
		return fail("recv");
	close(cli);
	/* server: the loop's next recv sees the end; close conn, close s */
	if (recv(conn, buf, sizeof buf, 0) != 0)
		return fail("recv EOF");
	close(conn);
	close(srv);
	return 0;
}
