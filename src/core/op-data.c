/* op-data.c - data calls beyond the lecture's plain send and recv, as
 * steps of op.c's mechanism (so '&', Ctrl-C and --timeout work alike):
 * MSG_* flags, sendto and recvfrom, and bulk data for flow-control
 * experiments (send --size/--file, recv --all/--to), which moves any
 * amount through a fixed chunk and keeps only counts. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/text.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"

#define SHOW_DATA	60		/* bytes of data shown in a call line */
#define BULK_CHUNK	(64 * 1024)	/* bytes a bulk call moves at most */
#define BULK_YIELD	(4 * 1024 * 1024)	/* then jobs and Ctrl-C get a
						   turn */
#define DGRAM_MAX	(1024 * 1024)	/* the largest datagram tried */
#define PATH_MAX_SHOWN	80

/* The generated data of send --size: readable lines, 64 bytes each. */
static const char pattern[] =
    "sockshell bulk data: 0123456789 abcdefghijklmnopqrstuvwxyz ....\n";
#define PATTERN_LEN	(sizeof pattern - 1)

int
op_extended(const struct op *op)
{
	return op->flags != 0 || op->from || op->bulk ||
	    (op->kind == OP_SEND && op->addrlen > 0);
}

static enum ev_kind
op_event(const struct op *op)
{
	if (op->kind == OP_RECV)
		return op->from ? EV_RECVFROM : EV_RECV;
	if (op->kind == OP_SEND)
		return op->addrlen > 0 ? EV_SENDTO : EV_SEND;
	return op->kind == OP_ACCEPT ? EV_ACCEPT : EV_CONNECT;
}

static double
since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static double
elapsed(const struct op *op)
{
	return since(&op->t0);
}

/* ", 0.123 s, 520.3 MiB/s" for a bulk transfer. */
static char *
rate(const struct op *op, size_t bytes, char *buf, size_t n)
{
	double t = elapsed(op);

	if (t > 1e-6)
		snprintf(buf, n, _("%.3f s, %.1f MiB/s"), t,
		    (double)bytes / t / (1024.0 * 1024.0));
	else
		snprintf(buf, n, _("%.3f s"), t);
	return buf;
}

/*
 * escape_bytes for the terminal at hand: where the locale's charset is
 * not UTF-8 (LANG=C), the UTF-8 it leaves as it is would come out as
 * raw bytes, so every byte from 0x80 up becomes \xHH too.
 */
char *
op_escape(const char *data, size_t len, size_t max, char *buf, size_t n)
{
	const char *cs = nl_langinfo(CODESET);
	char *tmp;
	size_t i, o = 0;

	if (strcmp(cs, "UTF-8") == 0 || (tmp = malloc(n)) == NULL)
		return escape_bytes(data, len, max, buf, n);
	escape_bytes(data, len, max, tmp, n);
	for (i = 0; tmp[i] != '\0' && o + 8 < n; i++) {
		if ((unsigned char)tmp[i] >= 0x80)
			o += (size_t)snprintf(buf + o, n - o, "\\x%02x",
			    (unsigned char)tmp[i]);
		else
			buf[o++] = tmp[i];
	}
	if (tmp[i] != '\0') {
		memcpy(buf + o, "...", 3);	/* o + 8 < n: it fits */
		o += 3;
	}
	buf[o] = '\0';
	free(tmp);
	return buf;
}

/* The bytes received, as text in quotes (a hex dump follows when they
 * are not text). */
void
op_show_data(struct shell *sh, const char *buf, size_t n)
{
	char shown[SHOW_DATA * 4 + 8];

	op_escape(buf, n, n, shown, sizeof shown);
	if (strlen(shown) > SHOW_DATA * 4)
		op_escape(buf, n, SHOW_DATA, shown, sizeof shown);
	fprintf(sh->out, "\"%s\"", shown);
}

static void
keep_data(struct shell *sh, const char *buf, size_t n)
{
	char *copy = malloc(n ? n : 1);

	if (copy == NULL)
		return;
	memcpy(copy, buf, n);
	free(sh->last_data);
	sh->last_data = copy;
	sh->last_len = n;
}

/*
 * The flag a recv that must not block takes on H: MSG_DONTWAIT, or 0
 * when the blocking call returns at once anyway. That is a datagram
 * socket whose reading side is shut down: its blocking recv returns 0,
 * while with MSG_DONTWAIT it fails with EAGAIN though poll says POLLIN,
 * and the wait would never end.
 */
int
op_recv_dontwait(const struct handle *h)
{
	struct pollfd p = { .fd = h->fd, .events = POLLRDHUP };

	if (h->type != SOCK_STREAM && poll(&p, 1, 0) == 1 &&
	    (p.revents & POLLRDHUP))
		return 0;
	return MSG_DONTWAIT;
}

/* A stream's recv returned 0: the peer's end of the stream, or this
 * side's own shutdown of its reading side. */
void
op_say_eof(struct shell *sh, struct handle *h, const char *prefix,
    const char *call, const char *args)
{
	if (h->shut & 1) {
		fprintf(sh->out, _("%s%s(%s) = 0: %s shut down its own reading "
		    "side (shutdown rd), so its recv returns 0\n"), prefix,
		    call, args, h->name);
		return;
	}
	h->eof = 1;
	fprintf(sh->out, _("%s%s(%s) = 0: end of stream, the peer closed its "
	    "side\n"), prefix, call, args);
}

/* recv --all: until the end of the stream, counting, into a file or
 * nowhere; the first bytes are kept to be shown. */
static enum op_status
bulk_recv(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	char args[64], r[64], shown[SHOW_DATA * 4 + 8];
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
			shell_call_failed(sh, h, op->advice, prefix, "recv",
			    err, "%s", args);
			fprintf(sh->out, _("  %zu bytes had been received "
			    "before the error, in %u calls\n"), op->done,
			    op->calls);
			shell_log(sh, EV_RECV, h->id, 0, -1, err);
			op_drop_file(op);
			return OP_FAILED;
		}
		op->calls++;
		if (n == 0)
			break;
		if (op->len < SHOW_DATA) {
			size_t k = (size_t)n < SHOW_DATA - op->len ?
			    (size_t)n : SHOW_DATA - op->len;

			memcpy(op->data + op->len, op->buf, k);
			op->len += k;
		}
		/* Taken from the socket, whether or not the file takes it. */
		h->received += (unsigned long long)n;
		if (op->file != NULL &&
		    fwrite(op->buf, 1, (size_t)n, op->file) != (size_t)n) {
			err = errno;
			fprintf(sh->out, P_("%srecv(%s): writing to %s failed "
			    "after %zu byte: %s\n", "%srecv(%s): writing to %s "
			    "failed after %zu bytes: %s\n",
			    (unsigned long)op->done), prefix, args, op->path,
			    op->done, strerror(err));
			shell_error(sh, _("cannot write to '%s': %s"), op->path,
			    strerror(err));
			shell_log(sh, EV_RECV, h->id, 0, (long long)op->done,
			    0);
			op_drop_file(op);
			return OP_FAILED;
		}
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
		shell_error(sh, _("cannot write to '%s': %s"), op->path,
		    strerror(errno));
		shell_log(sh, EV_RECV, h->id, 0, (long long)op->done, 0);
		return OP_FAILED;
	}
	fprintf(sh->out, P_("%srecv(%s) until the end of the stream = %zu "
	    "byte in %u calls, %s, %s\n", "%srecv(%s) until the end of the "
	    "stream = %zu bytes in %u calls, %s, %s\n",
	    (unsigned long)op->done), prefix, args, op->done, op->calls,
	    rate(op, op->done, r, sizeof r), op->file != NULL ?
	    op->path : _("discarded"));
	if (op->len > 0)
		fprintf(sh->out, _("  it began with \"%s\"\n"),
		    op_escape(op->data, op->len, SHOW_DATA, shown,
		    sizeof shown));
	free(sh->last_data);
	sh->last_data = NULL;
	sh->last_len = 0;
	shell_log(sh, EV_RECV, h->id, 0, (long long)op->done, 0);
	return OP_DONE;
}

/* The arguments a recv's call line shows: fd, MAXBYTES and the flags. */
static char *
recv_args(const struct op *op, const struct handle *h, char *buf, size_t n,
    char *fl, size_t fln)
{
	if (op->flags)
		snprintf(buf, n, "%d, %zu, %s", h->fd, op->maxbytes,
		    format_msg_flags(op->flags, fl, fln));
	else
		snprintf(buf, n, "%d, %zu", h->fd, op->maxbytes);
	return buf;
}

/*
 * What a recv returned, OP->done bytes at op->buf, said as its line with
 * the data and what it teaches (FROM: the sender, TRUNCATED: a datagram's
 * real size, or 0; WHY: why a MSG_WAITALL gave less, or NULL). Logs it.
 */
static enum op_status
recv_report(struct shell *sh, struct op *op, struct handle *h,
    const char *prefix, const struct sockaddr_storage *from,
    socklen_t fromlen, int truncated, const char *why)
{
	const char *call = op->from ? "recvfrom" : "recv";
	char args[96], fl[64], who[128];
	size_t got = op->done;
	int dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	recv_args(op, h, args, sizeof args, fl, sizeof fl);
	/* A datagram's sender: the picture shows another program by it. */
	if (h->type != SOCK_STREAM && fromlen > 0)
		event_set_addr(shell_log(sh, op_event(op), h->id, 0,
		    (long long)got, 0), from, fromlen);
	else
		shell_log(sh, op_event(op), h->id, 0, (long long)got, 0);
	keep_data(sh, op->buf, got);
	who[0] = '\0';
	if (op->from && fromlen > 0) {
		char a[96];

		snprintf(who, sizeof who, _(" from %s"), format_sockaddr(from,
		    fromlen, a, sizeof a));
	} else if (op->from && h->type == SOCK_DGRAM)
		/* AF_UNIX: a sender that is not bound cannot be answered */
		snprintf(who, sizeof who, "%s", _(" from (unnamed)"));
	if (got == 0 && h->type == SOCK_STREAM) {
		op_say_eof(sh, h, prefix, call, args);
		return OP_DONE;
	}
	if (!(op->flags & MSG_PEEK))
		h->received += got;
	fprintf(sh->out, "%s%s(%s) = %zu%s: ", prefix, call, args, got, who);
	op_show_data(sh, op->buf, got);
	fputc('\n', sh->out);
	if (!bytes_are_text(op->buf, got))
		hexdump(sh->out, (unsigned char *)op->buf, got);
	if (got == 0 && op_recv_dontwait(h) == 0 && !dontwait)
		fprintf(sh->out, _("  %s's reading side is shut down, and a "
		    "datagram socket's recv then returns 0 at once\n"),
		    h->name);
	else if (got == 0)
		fprintf(sh->out, "%s\n", _("  an empty datagram (a datagram "
		    "socket has no end of stream)"));
	if (truncated)
		fprintf(sh->out, P_("  the datagram had %d byte: the rest is "
		    "lost (a datagram is read whole or cut, never in parts)\n",
		    "  the datagram had %d bytes: the rest is lost (a datagram "
		    "is read whole or cut, never in parts)\n",
		    (unsigned long)truncated), truncated);
	if (op->flags & MSG_PEEK)
		fprintf(sh->out, "%s\n", _("  MSG_PEEK: the bytes stay queued; "
		    "the next recv gets them again"));
	if (op->flags & MSG_OOB)
		fprintf(sh->out, "%s\n", _("  MSG_OOB: the urgent byte, read "
		    "apart from the stream"));
	if ((op->flags & MSG_WAITALL) && got < op->maxbytes &&
	    h->type == SOCK_STREAM && why != NULL)
		fprintf(sh->out, _("  MSG_WAITALL gave less: %s; recv returns "
		    "the bytes it has, as the kernel's does\n"), why);
	else if ((op->flags & MSG_WAITALL) && got < op->maxbytes &&
	    h->type == SOCK_STREAM)
		fprintf(sh->out, "%s\n", _("  MSG_WAITALL gave less: the "
		    "stream ended, or the socket does not wait"));
	if ((op->flags & MSG_WAITALL) && op->calls > 1)
		/* The line shows the call a program makes, not the shell's:
		 * say how it gathered the bytes. */
		fprintf(sh->out, P_("  (the shell gathered them in %u call of "
		    "recvmsg with MSG_DONTWAIT, waiting in poll between them "
		    "to serve Ctrl-C and its jobs; the kernel's MSG_WAITALL "
		    "waits inside one call)\n", "  (the shell gathered them in "
		    "%u calls of recvmsg with MSG_DONTWAIT, waiting in poll "
		    "between them to serve Ctrl-C and its jobs; the kernel's "
		    "MSG_WAITALL waits inside one call)\n",
		    (unsigned long)op->calls), op->calls);
	return OP_DONE;
}

/*
 * A MSG_WAITALL recv that stops waiting (WHY: its SO_RCVTIMEO ran out,
 * Ctrl-C, the script's --timeout) with bytes already taken from the
 * socket: the kernel's recv returns them then, and so does this one, or
 * they would be lost unseen. 1 when it did, 0 when OP has none.
 */
int
op_recv_partial(struct shell *sh, struct op *op, const char *prefix,
    const char *why)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	size_t first = sh->nevents;

	if (op->kind != OP_RECV || op->bulk || op->done == 0 || h == NULL)
		return 0;
	recv_report(sh, op, h, prefix, NULL, 0, 0, why);
	if (op->event > 0 && op->event <= sh->nevents && first < sh->nevents) {
		/* A job: its call ends where the picture drew it begin. */
		sh->events[op->event - 1].pending = 0;
		sh->events[first].began = op->event;
		op->event = 0;
	}
	return 1;
}

enum op_status
op_step_recv(struct shell *sh, struct op *op, struct handle *h,
    short *events, const char *prefix)
{
	const char *call = op->from ? "recvfrom" : "recv";
	struct sockaddr_storage from;
	char args[96], fl[64], why[160];
	struct msghdr msg;
	struct iovec iov;
	ssize_t n;
	int err, flags, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);
	int truncated = 0;

	if (op->bulk)
		return bulk_recv(sh, op, h, events, prefix);
	recv_args(op, h, args, sizeof args, fl, sizeof fl);
	if (op->buf == NULL) {
		op->buf = malloc(op->maxbytes ? op->maxbytes : 1);
		if (op->buf == NULL) {
			shell_call_failed(sh, h, op->advice, prefix, call,
			    ENOMEM, "%s", args);
			return OP_FAILED;
		}
	}
	/* The data of MSG_WAITALL gathers at op->done; one call otherwise. */
	flags = (op->flags & (MSG_PEEK | MSG_OOB)) | op_recv_dontwait(h);
	if (h->type != SOCK_STREAM)
		flags |= MSG_TRUNC;	/* tells a datagram's real size */
	for (;;) {
		memset(&msg, 0, sizeof msg);
		memset(&from, 0, sizeof from);
		iov.iov_base = op->buf + op->done;
		iov.iov_len = op->maxbytes - op->done;
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_name = &from;
		msg.msg_namelen = sizeof from;
		n = recvmsg(h->fd, &msg, flags);
		if (n < 0) {
			err = errno;
			if (err == EINTR)
				continue;
			if (err == EAGAIN && op->done > 0 && dontwait)
				break;	/* MSG_WAITALL, non-blocking: as much
					   as there is */
			if (err == EAGAIN && !dontwait) {
				*events = (op->flags & MSG_OOB) ? POLLPRI :
				    POLLIN;
				return OP_WAIT;
			}
			if (op->done > 0) {
				/* The kernel's MSG_WAITALL returns the bytes
				 * it has, and the error at the next call. */
				snprintf(why, sizeof why, _("the next call "
				    "failed with %s (%s)"), errno_name(err),
				    strerror(err));
				return recv_report(sh, op, h, prefix, NULL, 0,
				    0, why);
			}
			shell_call_failed(sh, h, op->advice, prefix, call, err,
			    "%s", args);
			shell_log(sh, op_event(op), h->id, 0, -1, err);
			return OP_FAILED;
		}
		op->calls++;
		if ((size_t)n > op->maxbytes - op->done) {
			truncated = (int)n;
			n = (ssize_t)(op->maxbytes - op->done);
		}
		op->done += (size_t)n;
		if (!(op->flags & MSG_WAITALL) || n == 0 ||
		    op->done == op->maxbytes || h->type != SOCK_STREAM)
			break;
	}
	return recv_report(sh, op, h, prefix, &from, msg.msg_namelen,
	    truncated, NULL);
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
	if (op->file != NULL)
		snprintf(buf, n, "%d, <%.*s>, %zu", h->fd, PATH_MAX_SHOWN,
		    op->path, op->len);
	else
		snprintf(buf, n, _("%d, <generated data>, %zu"), h->fd,
		    op->len);
	return buf;
}

/* send --size / --file on a stream: chunk by chunk, as a program's loop
 * around send(2) would, waiting whenever the send buffer is full. */
static enum op_status
bulk_send(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	const char *call = op->addrlen > 0 ? "sendto" : "send", *p;
	char args[PATH_MAX_SHOWN + 96], r[64];
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
			    prefix, call, args, op->path, op->done,
			    strerror(err));
			shell_error(sh, _("cannot read '%s': %s"), op->path,
			    strerror(err));
			shell_log(sh, op_event(op), h->id, 0,
			    op->done ? (long long)op->done : -1, 0);
			return OP_FAILED;
		}
		if (cnt == 0) {
			op->len = op->done;	/* the end of the file */
			break;
		}
		n = sendto(h->fd, p, cnt, MSG_NOSIGNAL | MSG_DONTWAIT,
		    op->addrlen > 0 ? (struct sockaddr *)&op->addr : NULL,
		    op->addrlen);
		if (n < 0) {
			err = errno;
			if (err == EINTR)
				continue;
			if (err == EAGAIN && !dontwait) {
				*events = POLLOUT;
				return OP_WAIT;
			}
			shell_call_failed(sh, h, op->advice, prefix, call, err,
			    "%s", bulk_args(op, h, args, sizeof args));
			fprintf(sh->out, _("  %zu of %zu bytes had been sent "
			    "before the error, in %u calls\n"), op->done,
			    op->len, op->calls);
			shell_log(sh, op_event(op), h->id, 0,
			    op->done ? (long long)op->done : -1, err);
			return OP_FAILED;
		}
		op->calls++;
		op->done += (size_t)n;
		op->bufpos += (size_t)n;
		h->sent += (unsigned long long)n;
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
	shell_log(sh, op_event(op), h->id, 0, (long long)op->done, 0);
	return OP_DONE;
}

enum op_status
op_step_send(struct shell *sh, struct op *op, struct handle *h,
    short *events, const char *prefix)
{
	const char *call = op->addrlen > 0 ? "sendto" : "send";
	char args[SHOW_DATA * 4 + 192], shown[SHOW_DATA * 4 + 8], fl[64];
	char to[96];
	size_t o;
	ssize_t n;
	int err = 0, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	if (op->bulk)
		return bulk_send(sh, op, h, events, prefix);
	op_escape(op->data, op->len, SHOW_DATA, shown, sizeof shown);
	o = (size_t)snprintf(args, sizeof args, "%d, \"%s\", %zu", h->fd,
	    shown, op->len);
	if (op->flags && o < sizeof args)
		o += (size_t)snprintf(args + o, sizeof args - o, ", %s",
		    format_msg_flags(op->flags, fl, sizeof fl));
	if (op->addrlen > 0 && o < sizeof args)
		snprintf(args + o, sizeof args - o, ", %s",
		    format_sockaddr(&op->addr, op->addrlen, to, sizeof to));
	do {
		n = sendto(h->fd, op->data + op->done, op->len - op->done,
		    MSG_NOSIGNAL | MSG_DONTWAIT | (op->flags & MSG_OOB),
		    op->addrlen > 0 ? (struct sockaddr *)&op->addr : NULL,
		    op->addrlen);
		if (n < 0) {
			err = errno;
			if (err == EINTR)
				continue;
			if (err == EAGAIN && !dontwait) {
				*events = POLLOUT;
				return OP_WAIT;
			}
			break;
		}
		op->calls++;
		op->done += (size_t)n;
		h->sent += (unsigned long long)n;
	} while (op->done < op->len);
	if (op->done < op->len || n < 0) {
		shell_call_failed(sh, h, op->advice, prefix, call, err, "%s",
		    args);
		if (op->done > 0)
			fprintf(sh->out, _("  %zu of %zu bytes had been sent "
			    "before the error\n"), op->done, op->len);
		shell_log(sh, op_event(op), h->id, 0,
		    op->done ? (long long)op->done : -1, err);
		return OP_FAILED;
	}
	if (op->calls > 1)
		fprintf(sh->out, P_("%s%s(%s) = %zu, in %u call (like "
		    "sendall)\n", "%s%s(%s) = %zu, in %u calls (like "
		    "sendall)\n", (unsigned long)op->calls), prefix, call,
		    args, op->done, op->calls);
	else
		fprintf(sh->out, "%s%s(%s) = %zu\n", prefix, call, args,
		    op->done);
	if ((op->flags & MSG_OOB) && h->type == SOCK_STREAM)
		fprintf(sh->out, "%s\n", _("  MSG_OOB: the last byte goes as "
		    "urgent data; the peer reads it with 'recv NAME MSG_OOB'"));
	shell_log(sh, op_event(op), h->id, 0, (long long)op->done, 0);
	return OP_DONE;
}

/*
 * SO_RCVTIMEO (accept, recv) or SO_SNDTIMEO (connect, send) of the
 * op's socket: the seconds left until it runs out, or -1 when it is not
 * set. It counts for the whole call, as in the kernel; for a bulk
 * transfer, many calls, from when bytes last moved: it ends when one of
 * its calls would have waited that long in vain.
 */
double
op_sotimeo(struct shell *sh, const struct op *op)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	int name = op->kind == OP_ACCEPT || op->kind == OP_RECV ?
	    SO_RCVTIMEO : SO_SNDTIMEO;
	socklen_t len = sizeof(struct timeval);
	struct timeval tv;
	double left;

	if (h == NULL || h->fd < 0 ||
	    getsockopt(h->fd, SOL_SOCKET, name, &tv, &len) < 0 ||
	    (tv.tv_sec == 0 && tv.tv_usec == 0))
		return -1;
	left = (double)tv.tv_sec + (double)tv.tv_usec / 1e6 -
	    (op->bulk ? since(&op->moved) : elapsed(op));
	return left > 0 ? left : 0;
}

/* The socket's timeout ran out: the call fails as the kernel's would
 * (PREFIX: "[N] done: " for a job). */
void
op_timed_out(struct shell *sh, struct op *op, const char *prefix)
{
	static const char *const calls[] = { "accept", "connect", "recv",
	    "send" };
	struct handle *h = handle_by_id(sh, op->handle_id);
	int err = op->kind == OP_CONNECT ? EINPROGRESS : EAGAIN;
	const char *opt = op->kind == OP_ACCEPT || op->kind == OP_RECV ?
	    "SO_RCVTIMEO" : "SO_SNDTIMEO";
	const char *call = calls[op->kind];

	if (h == NULL)
		return;
	if (op_recv_partial(sh, op, prefix, _("the socket's SO_RCVTIMEO ran "
	    "out")))
		return;
	if (op->from)
		call = "recvfrom";
	else if (op->kind == OP_SEND && op->addrlen > 0)
		call = "sendto";
	shell_call_line(sh, prefix, call, err, "%d, ...", h->fd);
	shell_error(sh, _("%s failed with %s: the socket's %s ran out before "
	    "the call could complete (it fails as a non-blocking call "
	    "would)"), call, errno_name(err), opt);
	if (op->kind == OP_CONNECT)
		h->connecting = 1;
	if (op->event > 0 && op->event <= sh->nevents) {
		/* A job: the call fails where the picture drew it begin. */
		struct event *ev = &sh->events[op->event - 1];

		ev->seq = ++sh->event_seq;
		ev->pending = 0;
		ev->result = -1;
		ev->err = err;
		op->event = 0;
		op_cancel(sh, op, 0);
		return;
	}
	op_cancel(sh, op, 0);
	shell_log(sh, op_event(op), h->id, 0, -1, err);
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

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0666);
	if (fd >= 0)
		op->created = 1;
	else if (errno == EEXIST && replace)
		fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		if ((err == EEXIST || err == ELOOP) && lstat(path, &sb) == 0 &&
		    S_ISLNK(sb.st_mode))
			shell_error(sh, _("'%s' is a symbolic link: recv --to "
			    "does not follow one; give the path of a new "
			    "file"), path);
		else if (err == EEXIST)
			shell_error(sh, _("'%s' exists: recv --to makes a new "
			    "file; give another path, or type --replace after "
			    "the path (at the terminal) to replace it"), path);
		else
			shell_error(sh, _("cannot open '%s': %s"), path,
			    strerror(err));
		return NULL;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		shell_error(sh, _("cannot open '%s': %s"), path,
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

	op->path = strdup(path);
	if (op->path == NULL) {
		shell_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if (writing)
		op->file = create_file(sh, op, path, replace);
	else if ((op->file = fopen(path, "re")) == NULL)
		shell_error(sh, _("cannot open '%s': %s"), path,
		    strerror(errno));
	if (op->file == NULL)
		return -1;
	if (!writing && (fstat(fileno(op->file), &sb) < 0 ||
	    !S_ISREG(sb.st_mode))) {
		shell_error(sh, _("'%s' is not a regular file: --file sends a "
		    "file's bytes"), path);
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
				shell_error(sh, "%s", _("out of memory"));
				return -1;
			}
			op->data = grown;
		}
		n = read(fileno(op->file), op->data + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			shell_error(sh, _("cannot read '%s': %s"), op->path,
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
	shell_error(sh, _("a datagram of %llu bytes is more than this shell "
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
		shell_error(sh, "%s", _("out of memory"));
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
		shell_error(sh, "%s", _("that is too much to send"));
		return -1;
	}
	op->bulk = 1;
	op->len = (size_t)size;
	op->buf = malloc(BULK_CHUNK + PATTERN_LEN);
	if (op->buf == NULL) {
		shell_error(sh, "%s", _("out of memory"));
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
	op->data = malloc(SHOW_DATA);
	if (op->buf == NULL || op->data == NULL) {
		shell_error(sh, "%s", _("out of memory"));
		return -1;
	}
	if (path != NULL && open_file(sh, op, path, 1, replace) < 0)
		return -1;
	return 0;
}
