/* op-bulk.c - bulk data for flow-control experiments, as steps of op.c's
 * mechanism: send --size/--file and recv --all/--to move any amount
 * through a fixed chunk and keep only counts (op-data.c hands over). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/evlog.h"
#include "base/files.h"
#include "base/i18n.h"
#include "base/text.h"
#include "core/fence.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"

#define BULK_CHUNK	(64 * 1024)	/* bytes a bulk call moves at most */
#define BULK_YIELD	(4 * 1024 * 1024)	/* then jobs and Ctrl-C get a
						   turn */
#define DGRAM_MAX	(1024 * 1024)	/* the largest datagram tried */
#define PATH_MAX_SHOWN	80

/* The file's path as a line shows it: its controls and escapes escaped
 * (a path may come from a lesson), cut at PATH_MAX_SHOWN bytes. */
static const char *
path_shown(const struct op *op, char *buf, size_t n)
{
	return text_escape(op->path, strlen(op->path), PATH_MAX_SHOWN, buf,
	    n);
}

/* The generated data of send --size: readable lines, 64 bytes each. */
static const char pattern[] =
    "sockshell bulk data: 0123456789 abcdefghijklmnopqrstuvwxyz ....\n";
#define PATTERN_LEN	(sizeof pattern - 1)

/* ", 0.123 s, 520.3 MiB/s" for a bulk transfer. */
static char *
rate(const struct op *op, size_t bytes, char *buf, size_t n)
{
	double t = op_since(&op->t0);

	if (t > 1e-6)
		snprintf(buf, n, _("%.3f s, %.1f MiB/s"), t,
		    (double)bytes / t / (1024.0 * 1024.0));
	else
		snprintf(buf, n, _("%.3f s"), t);
	return buf;
}

/* recv --to's file took less than it was given: said, and the file
 * goes (op_drop_file). */
static enum op_status
write_failed(struct shell *sh, struct op *op, struct handle *h,
    const char *prefix, const char *args)
{
	char path[4 * PATH_MAX_SHOWN + 8];
	int err = errno;

	fprintf(sh->out, P_("%srecv(%s): writing to %s failed after %zu "
	    "byte: %s\n", "%srecv(%s): writing to %s failed after %zu "
	    "bytes: %s\n", (unsigned long)op->done), prefix, args,
	    path_shown(op, path, sizeof path), op->done, strerror(err));
	report_error(sh, _("cannot write to '%s': %s"), op->path,
	    strerror(err));
	handle_log(sh, op->type, h->id, 0, (long long)op->done, 0);
	op_drop_file(op);
	return OP_FAILED;
}

/* recv --all: until the end of the stream, counting, into a file or
 * nowhere; the first bytes are kept to be shown. */
enum op_status
op_bulk_recv(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	char args[64], r[64], shown[OP_SHOW_DATA * 4 + 8];
	char path[4 * PATH_MAX_SHOWN + 8];
	size_t round = 0;
	ssize_t n;
	int err, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	snprintf(args, sizeof args, "%d, %zu", h->fd, op->buflen);
	for (;;) {
		n = recv(h->fd, op->buf, op->buflen, op_recv_dontwait(h));
		if (n < 0) {
			err = errno;
			if (err == EINTR)
				continue;
			if (err == EAGAIN && !dontwait) {
				*events = POLLIN;
				return OP_WAIT;
			}
			report_call_failed(sh, h, op->advice, prefix, "recv",
			    err, "%s", args);
			fprintf(sh->out, _("  %zu bytes had been received "
			    "before the error, in %u calls\n"), op->done,
			    op->calls);
			handle_log(sh, op->type, h->id, 0, -1, err);
			op_drop_file(op);
			return OP_FAILED;
		}
		op->calls++;
		if (n == 0)
			break;
		if (op->len < OP_SHOW_DATA) {
			size_t k = (size_t)n < OP_SHOW_DATA - op->len ?
			    (size_t)n : OP_SHOW_DATA - op->len;

			memcpy(op->data + op->len, op->buf, k);
			op->len += k;
		}
		/* Taken from the socket, whether or not the file takes it. */
		h->received += (unsigned long long)n;
		if (op->file != NULL &&
		    fwrite(op->buf, 1, (size_t)n, op->file) != (size_t)n)
			return write_failed(sh, op, h, prefix, args);
		op->done += (size_t)n;
		round += (size_t)n;
		clock_gettime(CLOCK_MONOTONIC, &op->moved);
		if (round >= BULK_YIELD && !dontwait) {
			/* Ready again at once, but the others get a turn. */
			*events = POLLIN;
			return OP_WAIT;
		}
	}
	h->eof = 1;
	if (op->file != NULL && fflush(op->file) != 0) {
		report_error(sh, _("cannot write to '%s': %s"), op->path,
		    strerror(errno));
		handle_log(sh, op->type, h->id, 0, (long long)op->done, 0);
		return OP_FAILED;
	}
	fprintf(sh->out, P_("%srecv(%s) until the end of the stream = %zu "
	    "byte in %u calls, %s, %s\n", "%srecv(%s) until the end of the "
	    "stream = %zu bytes in %u calls, %s, %s\n",
	    (unsigned long)op->done), prefix, args, op->done, op->calls,
	    rate(op, op->done, r, sizeof r), op->file != NULL ?
	    path_shown(op, path, sizeof path) : _("discarded"));
	if (op->len > 0)
		fprintf(sh->out, _("  it began with \"%s\"\n"),
		    op_escape(op->data, op->len, OP_SHOW_DATA, shown,
		    sizeof shown));
	var_received(sh, NULL, 0);	/* none kept: $DATA is empty */
	handle_log(sh, op->type, h->id, 0, (long long)op->done, 0);
	return OP_DONE;
}

/*
 * The next piece of a bulk send, at *P: the generated pattern from the
 * right place in it, or the file's next chunk. Returns its length; 0 at
 * the end of the file (ERR: 0) or after a read error (ERR: errno). A
 * file is read to its end, whatever size stat gave: /proc's files say 0.
 */
static size_t
next_chunk(struct op *op, const char **p, int *err)
{
	size_t want = op->len - op->done;
	ssize_t got;

	*err = 0;
	if (op->file == NULL) {
		*p = op->buf + op->done % PATTERN_LEN;
		return want < BULK_CHUNK ? want : BULK_CHUNK;
	}
	if (op->bufpos == op->buflen) {
		/* read(2), not fread: its errno is the read's own. */
		do
			got = read(fileno(op->file), op->buf, BULK_CHUNK);
		while (got < 0 && errno == EINTR);
		if (got <= 0) {
			*err = got < 0 ? errno : 0;
			return 0;
		}
		op->buflen = (size_t)got;
		op->bufpos = 0;
		if (op->len < op->done + (size_t)got)
			op->len = op->done + (size_t)got;
	}
	*p = op->buf + op->bufpos;
	return op->buflen - op->bufpos;
}

/* The arguments a bulk send's call line shows. */
static char *
bulk_args(const struct op *op, const struct handle *h, char *buf, size_t n)
{
	char path[4 * PATH_MAX_SHOWN + 8];

	if (op->file != NULL)
		snprintf(buf, n, "%d, <%s>, %zu", h->fd,
		    path_shown(op, path, sizeof path), op->len);
	else
		snprintf(buf, n, _("%d, <generated data>, %zu"), h->fd,
		    op->len);
	return buf;
}

/* send --size / --file on a stream: chunk by chunk, as a program's loop
 * around send(2) would, waiting whenever the send buffer is full. */
enum op_status
op_bulk_send(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	const char *call = op->type->call, *p;
	char args[4 * PATH_MAX_SHOWN + 104], r[64];
	char path[4 * PATH_MAX_SHOWN + 8];
	size_t round = 0, cnt;
	ssize_t n;
	int err, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	while (op->done < op->len || op->file != NULL) {
		cnt = next_chunk(op, &p, &err);
		if (cnt == 0 && err != 0) {
			bulk_args(op, h, args, sizeof args);
			fprintf(sh->out, P_("%s%s(%s): reading %s failed after "
			    "%zu byte: %s\n", "%s%s(%s): reading %s failed "
			    "after %zu bytes: %s\n", (unsigned long)op->done),
			    prefix, call, args, path_shown(op, path, sizeof path),
			    op->done, strerror(err));
			report_error(sh, _("cannot read '%s': %s"), op->path,
			    strerror(err));
			handle_log(sh, op->type, h->id, 0,
			    op->done ? (long long)op->done : -1, 0);
			return OP_FAILED;
		}
		if (cnt == 0) {
			op->len = op->done;	/* the end of the file */
			break;
		}
		if ((n = op_send_once(op, h, p, cnt, 0, &err)) < 0) {
			if (err == EAGAIN && !dontwait) {
				*events = POLLOUT;
				return OP_WAIT;
			}
			report_call_failed(sh, h, op->advice, prefix, call, err,
			    "%s", bulk_args(op, h, args, sizeof args));
			fprintf(sh->out, _("  %zu of %zu bytes had been sent "
			    "before the error, in %u calls\n"), op->done,
			    op->len, op->calls);
			handle_log(sh, op->type, h->id, 0,
			    op->done ? (long long)op->done : -1, err);
			return OP_FAILED;
		}
		op->bufpos += (size_t)n;
		round += (size_t)n;
		clock_gettime(CLOCK_MONOTONIC, &op->moved);
		/* The others get a turn; not a call that may not wait,
		 * which would then wait for room that may never come. */
		if (round >= BULK_YIELD && (op->done < op->len ||
		    op->file != NULL) && !dontwait) {
			*events = POLLOUT;
			return OP_WAIT;
		}
	}
	fprintf(sh->out, P_("%s%s(%s) = %zu, in %u call, %s\n",
	    "%s%s(%s) = %zu, in %u calls, %s\n", (unsigned long)op->calls),
	    prefix, call, bulk_args(op, h, args, sizeof args), op->done,
	    op->calls, rate(op, op->done, r, sizeof r));
	handle_log(sh, op->type, h->id, 0, (long long)op->done, 0);
	return OP_DONE;
}

/*
 * The file of recv --to: a new one, never through a symbolic link, so a
 * script cannot clobber a file (~/.bashrc) or write where a link points;
 * an existing file only with REPLACE, typed at the terminal. A stream,
 * or NULL after a message.
 */
static FILE *
create_file(struct shell *sh, struct op *op, const char *path, int replace)
{
	struct stat sb;
	FILE *f;
	int fd;

	fd = fence_open(sh, path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0666, "recv --to", &op->path);
	if (fd >= 0)
		op->created = 1;
	else if (fd == -1 && errno == EEXIST && replace)
		fd = fence_open(sh, path, O_WRONLY | O_TRUNC | O_NOFOLLOW, 0,
		    "recv --to", &op->path);
	if (fd == -1) {
		int err = errno;

		if ((err == EEXIST || err == ELOOP) && lstat(path, &sb) == 0 &&
		    S_ISLNK(sb.st_mode))
			report_error(sh, _("'%s' is a symbolic link: recv --to "
			    "does not follow one; give the path of a new "
			    "file"), path);
		else if (err == EEXIST)
			report_error(sh, _("'%s' exists: recv --to makes a new "
			    "file; give another path, or type --replace after "
			    "the path (at the terminal) to replace it"), path);
		else
			report_error(sh, _("cannot open '%s': %s"), path,
			    strerror(err));
	}
	if (fd < 0)
		return NULL;
	if ((f = fdopen(fd, "w")) == NULL) {
		report_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
		close(fd);
		op_drop_file(op);
	}
	return f;
}

/* A recv --to that failed: the file it made goes, if it is still the
 * same empty file (a file holding bytes received stays, to be seen). */
void
op_drop_file(struct op *op)
{
	struct stat a, b;
	int fd = op->file != NULL ? fileno(op->file) : -1;

	if (!op->created || op->path == NULL)
		return;
	op->created = 0;
	if (op->done > 0 || lstat(op->path, &a) < 0 || a.st_size != 0 ||
	    !S_ISREG(a.st_mode))
		return;
	if (fd >= 0 && (fstat(fd, &b) < 0 || a.st_dev != b.st_dev ||
	    a.st_ino != b.st_ino))
		return;
	unlink(op->path);
}

/* Opens PATH for a bulk transfer (WRITING: recv --to, which may
 * REPLACE a file); 0, or -1 after a message. */
static int
open_file(struct shell *sh, struct op *op, const char *path, int writing,
    int replace)
{
	struct stat sb;
	int odd = 0, fd = -1;

	if (writing)
		op->file = create_file(sh, op, path, replace);
	else if ((fd = fence_open(sh, path, O_RDONLY | O_NOCTTY |
	    O_NONBLOCK, 0, "send --file", &op->path)) == -2)
		op->file = NULL;
	else if ((op->file = files_fdopen_regular(fd, &odd)) == NULL &&
	    odd)
		report_error(sh, _("'%s' is not a regular file: --file sends a "
		    "file's bytes"), path);
	else if (op->file == NULL)
		report_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
	if (op->file == NULL)
		return -1;
	if (!writing && fstat(fileno(op->file), &sb) < 0) {
		report_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
		return -1;
	}
	if (!writing)
		op->len = (size_t)sb.st_size;
	else
		/* Each chunk written as it comes: a write error is said at
		 * the chunk it hit, not at a later flush. */
		setvbuf(op->file, NULL, _IONBF, 0);
	return 0;
}

/*
 * Reads OP's file to its end into op->data (op->len bytes, room for
 * them from stat), whatever size stat gave: /proc's files say 0, and a
 * file may change. 0, or -1 after a message with the read's error.
 */
static int
read_whole(struct shell *sh, struct op *op)
{
	size_t cap = op->len + 1, got = 0;
	ssize_t n;
	char *grown;

	for (;;) {
		if (got == cap) {
			if (got > DGRAM_MAX)
				break;	/* too big to send: said after */
			cap *= 2;
			grown = realloc(op->data, cap);
			if (grown == NULL) {
				report_error(sh, "%s", _("out of memory"));
				return -1;
			}
			op->data = grown;
		}
		n = read(fileno(op->file), op->data + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report_error(sh, _("cannot read '%s': %s"), op->path,
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	op->len = got;
	return 0;
}

/* Whether a datagram of SIZE bytes is more than this shell sends on
 * OP's socket: -1 after a message, or 0. */
static int
too_big(struct shell *sh, const struct op *op, unsigned long long size)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	int family = h != NULL ? h->family : AF_INET;

	if (size <= DGRAM_MAX)
		return 0;
	report_error(sh, _("a datagram of %llu bytes is more than this shell "
	    "tries (%d): %s"), size, DGRAM_MAX, family == AF_UNIX ?
	    _("an AF_UNIX datagram must fit the send buffer (SO_SNDBUF)") :
	    family == AF_INET6 ? _("UDP over IPv6 takes at most 65527") :
	    _("UDP over IPv4 takes at most 65507"));
	return -1;
}

/* The generated data, a datagram or a file read whole (datagrams). */
static int
whole_data(struct shell *sh, struct op *op, unsigned long long size)
{
	size_t i;

	if (too_big(sh, op, size) < 0)
		return -1;
	op->len = (size_t)size;
	op->data = malloc(op->len + 1);
	if (op->data == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if (op->file == NULL) {
		for (i = 0; i < op->len; i++)
			op->data[i] = pattern[i % PATTERN_LEN];
		return 0;
	}
	if (read_whole(sh, op) < 0)
		return -1;
	fclose(op->file);
	op->file = NULL;
	return too_big(sh, op, op->len);
}

/*
 * send --size SIZE (PATH NULL) or --file PATH: the data generated, or the
 * file's, moved chunk by chunk (a datagram is made whole). Fills OP; 0,
 * or -1 after a message.
 */
int
op_send_bulk(struct shell *sh, struct op *op, const char *path,
    unsigned long long size)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	size_t k;

	if (path != NULL && open_file(sh, op, path, 0, 0) < 0)
		return -1;
	if (path != NULL)
		size = op->len;
	if (h != NULL && h->type != SOCK_STREAM)
		return whole_data(sh, op, size);
	if (size > (unsigned long long)SIZE_MAX / 2) {
		report_error(sh, "%s", _("that is too much to send"));
		return -1;
	}
	op->bulk = 1;
	op->len = (size_t)size;
	op->buf = malloc(BULK_CHUNK + PATTERN_LEN);
	if (op->buf == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if (op->file == NULL)
		for (k = 0; k < BULK_CHUNK + PATTERN_LEN; k++)
			op->buf[k] = pattern[k % PATTERN_LEN];
	return 0;
}

/*
 * recv --all, or --to PATH (a new file, or an existing one with REPLACE):
 * the stream to its end through chunks of MAX bytes (0: the default).
 * Fills OP; 0, or -1 after a message.
 */
int
op_recv_bulk(struct shell *sh, struct op *op, size_t max, const char *path,
    int replace)
{
	op->bulk = 1;
	op->buflen = max ? max : BULK_CHUNK;
	op->buf = malloc(op->buflen);
	op->data = malloc(OP_SHOW_DATA);
	if (op->buf == NULL || op->data == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if (path != NULL && open_file(sh, op, path, 1, replace) < 0)
		return -1;
	return 0;
}
