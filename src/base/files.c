/* files.c - opening a file to read without being stopped by it. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/files.h"

FILE *
files_open_regular(const char *path, int *not_regular)
{
	/* O_NONBLOCK: a FIFO with no writer would hold open() for ever. */
	return files_fdopen_regular(open(path, O_RDONLY | O_CLOEXEC |
	    O_NOCTTY | O_NONBLOCK), not_regular);
}

FILE *
files_fdopen_regular(int fd, int *not_regular)
{
	struct stat sb;
	FILE *fp;
	int err;

	*not_regular = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		err = errno;
		*not_regular = S_ISREG(sb.st_mode) ? 0 : 1;
		close(fd);
		errno = *not_regular ? EINVAL : err;
		return NULL;
	}
	if (fcntl(fd, F_SETFL, 0) < 0 || (fp = fdopen(fd, "r")) == NULL) {
		err = errno;
		close(fd);
		errno = err;
		return NULL;
	}
	return fp;
}

int
files_open_beneath(const char *dir, const char *rel, int flags, mode_t mode)
{
	char part[NAME_MAX + 1];
	const char *p = rel, *slash;
	int dfd, fd, err;
	size_t n;

	if (*rel == '\0' || *rel == '/') {
		errno = EXDEV;
		return -1;
	}
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	for (;;) {
		slash = strchr(p, '/');
		n = slash != NULL ? (size_t)(slash - p) : strlen(p);
		if (n > NAME_MAX) {
			close(dfd);
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(part, p, n);
		part[n] = '\0';
		if (strcmp(part, "..") == 0) {
			close(dfd);
			errno = EXDEV;
			return -1;
		}
		if (slash == NULL)
			break;
		p = slash + 1;
		if (n == 0 || strcmp(part, ".") == 0)
			continue;
		fd = openat(dfd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		err = errno;
		close(dfd);
		if (fd < 0) {
			errno = err;
			return -1;
		}
		dfd = fd;
	}
	fd = openat(dfd, part, flags | O_NOFOLLOW | O_CLOEXEC, mode);
	err = errno;
	close(dfd);
	errno = err;
	return fd;
}

int
files_make_dirs(const char *path, mode_t mode)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++)
		if (buf[i] == '/' || buf[i] == '\0') {
			char c = buf[i];

			buf[i] = '\0';
			if (mkdir(buf, mode) < 0 && errno != EEXIST)
				return -1;
			buf[i] = c;
		}
	return 0;
}
