/* files.h - opening a file to read without being stopped by it. */
#ifndef SOCKSHELL_FILES_H
#define SOCKSHELL_FILES_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Opens PATH to read when it is a regular file: never a FIFO, a device
 * or a folder, and without waiting in open() for a FIFO's writer. NULL
 * with errno set, and *NOT_REGULAR 1 when PATH is there but no regular
 * file.
 */
FILE	*files_open_regular(const char *path, int *not_regular);

/* The same for the open descriptor FD (opened with O_NONBLOCK), which it
 * takes: closed unless a stream is given back. */
FILE	*files_fdopen_regular(int fd, int *not_regular);

/*
 * Opens REL inside the folder DIR as open(2) would with FLAGS and MODE,
 * one component at a time without following a symbolic link (O_NOFOLLOW
 * on each: no openat2 in glibc 2.36). A descriptor, or -1 with errno:
 * EXDEV for an absolute REL or one with "..", ELOOP or ENOTDIR for a
 * link on the way.
 */
int	 files_open_beneath(const char *dir, const char *rel, int flags,
	    mode_t mode);

/* mkdir -p PATH with MODE; 0, or -1 with errno. */
int	 files_make_dirs(const char *path, mode_t mode);

#endif
