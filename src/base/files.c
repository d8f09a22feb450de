/* files.c - opening a file to read without being stopped by it. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/files.h"

FILE *
files_open_regular(const char *path, int *not_regular)
{
	struct stat sb;
	FILE *fp;
	int fd, err;

	*not_regular = 0;
	/* O_NONBLOCK: a FIFO with no writer would hold open() for ever. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
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
