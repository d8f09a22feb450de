/* files.h - opening a file to read without being stopped by it. */
#ifndef SOCKSHELL_FILES_H
#define SOCKSHELL_FILES_H

#include <stdio.h>

/*
 * Opens PATH to read when it is a regular file: never a FIFO, a device
 * or a folder, and without waiting in open() for a FIFO's writer. NULL
 * with errno set, and *NOT_REGULAR 1 when PATH is there but no regular
 * file.
 */
FILE	*files_open_regular(const char *path, int *not_regular);

#endif
