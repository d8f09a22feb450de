/* fence.h - what a lesson may touch: files in its own work folder, and
 * the network on loopback. */
#ifndef SOCKSHELL_FENCE_H
#define SOCKSHELL_FENCE_H

#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "core/shell.h"

struct handle;

/* What a lesson is held to, each lifted by --trust-lesson. */
#define FENCE_FILES	1u	/* files only in its work folder */
#define FENCE_NETWORK	2u	/* loopback and its own sockets only */
#define FENCE_ALL	(FENCE_FILES | FENCE_NETWORK)

/*
 * The fence of the file at PATH about to run as a lesson or a script:
 * none when it is in a trusted folder (the bundled lessons, or one the
 * administrator names), else what --trust-lesson did not lift. Sets
 * LESSON (its work folder's name) when it is empty.
 */
unsigned	 fence_for_file(struct shell *, const char *path, char *lesson,
		    size_t n);

/* Parses --trust-lesson's WHAT (files, network, all) into *BITS; -1 when
 * it is none of them. */
int		 fence_parse_trust(const char *what, unsigned *bits);

/*
 * Opens PATH for CMD (recv --to, send --file, export, ...) as open(2)
 * would: within the lesson's work folder when the line comes from a
 * fenced lesson, else as given. A descriptor; -1 with errno; -2 after
 * saying why the lesson may not. *FULL, when not NULL, gets the path
 * opened (malloc'd), to be seen or removed later.
 */
int		 fence_open(struct shell *, const char *path, int flags,
		    mode_t mode, const char *cmd, char **full);

/*
 * Opens PATH, a file of commands that CMD (source, lesson, practice) is
 * to run, to read: as given at the prompt, or when CMD is NULL (a lesson
 * found by its name in the lessons' folders); from a fenced lesson, a
 * .lesson file beside the file being run, named without '/', or else a
 * file in its work folder as fence_open opens one, never through a
 * link. Its stream, and *FULL (malloc'd) the path opened, which the file
 * runs as; NULL after a message. Never a FIFO or a device.
 */
FILE		*fence_open_script(struct shell *, const char *path,
		    const char *cmd, char **full);

/* The lesson NAME that CMD (lesson, practice) is to run, opened as
 * fence_open_script opens it: a name is found in the lessons' folders
 * (lessons_find), a path with '/' is fenced as any file. */
FILE		*fence_open_lesson(struct shell *, const char *name,
		    const char *cmd, char **full);

/*
 * The path CMD is to open for PATH, into *FULL (malloc'd): PATH itself
 * at the prompt; in a fenced lesson, PATH inside its work folder, its
 * folders checked for links (the caller opens the last with O_NOFOLLOW).
 * 0, or -1 after a message (or out of memory, *FULL NULL).
 */
int		 fence_path(struct shell *, const char *path, const char *cmd,
		    char **full);

/*
 * The AF_UNIX name at SS (*LEN bytes) that CMD binds or reaches: from a
 * fenced lesson, a relative path names a socket file in its work folder
 * (rewritten so), an absolute one or one with ".." is refused unless it
 * is one of its own sockets' names. 0, or -1 after a message.
 */
int		 fence_unix_name(struct shell *, struct sockaddr_storage *ss,
		    socklen_t *len, const char *cmd);

/* Whether CMD may reach ADDR: always at the prompt; from a fenced lesson
 * only loopback and this shell's own AF_UNIX names. 0, or -1 after a
 * message. */
int		 fence_reach(struct shell *, const struct sockaddr *addr,
		    socklen_t len, const char *cmd);

/*
 * The address H is bound to by CMD: from a fenced lesson, the wildcard
 * becomes loopback (said in a note) and another machine's address is
 * refused; at the prompt, a note the first time a socket can be reached
 * from other machines. 0, or -1 after a message.
 */
int		 fence_bind(struct shell *, struct handle *h,
		    struct sockaddr_storage *addr, socklen_t len,
		    const char *cmd);

/* Before CMD binds H implicitly (listen, a first sendto): from a fenced
 * lesson, binds it to loopback first, said in a note. 0, or -1 after a
 * message. */
int		 fence_autobind(struct shell *, struct handle *h,
		    const char *cmd);

/* Whether host names are looked up only in /etc/hosts (a fenced lesson:
 * no name server hears what it asks). */
int		 fence_hosts_only(const struct shell *);

#endif
