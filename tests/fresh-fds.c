/* fresh-fds.c - runs a test with only standard input, output and error
 * open.
 *
 * The transcripts show file descriptor numbers (socket() = 4), and a
 * descriptor that whoever started 'make check' left open (a terminal's
 * shell, a CI runner, make's jobserver) would take a number and shift
 * the rest. 'make check' runs every test through this program, so the
 * numbers are the ones a student sees at a fresh terminal.
 *
 * Usage: fresh-fds COMMAND [ARG...] */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Closes every descriptor above 2 that /proc/self/fd lists: for kernels
 * older than close_range (5.9). */
static void
close_listed(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int keep, fd;

	if (d == NULL)
		return;
	keep = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		fd = atoi(e->d_name);
		if (fd > 2 && fd != keep)
			close(fd);
	}
	closedir(d);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: fresh-fds COMMAND [ARG...]\n");
		return 2;
	}
	if (close_range(3, ~0U, 0) != 0)
		close_listed();
	execvp(argv[1], argv + 1);
	fprintf(stderr, "fresh-fds: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
