/* op-data.c - data calls beyond the lecture's plain send and recv, as
 * steps of op.c's mechanism (so '&', Ctrl-C and --timeout work alike):
 * MSG_* flags, sendto and recvfrom; bulk data is op-bulk.c's. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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
#include "core/vars.h"


int
op_extended(const struct op *op)
{
	return op->flags != 0 || op->from || op->bulk ||
	    (op->kind == OP_SEND && op->addrlen > 0);
}

double
op_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}


/*
 * text_escape for the terminal at hand: where the locale's charset is
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
		return text_escape(data, len, max, buf, n);
	text_escape(data, len, max, tmp, n);
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
	char shown[OP_SHOW_DATA * 4 + 8];

	op_escape(buf, n, n, shown, sizeof shown);
	if (strlen(shown) > OP_SHOW_DATA * 4)
		op_escape(buf, n, OP_SHOW_DATA, shown, sizeof shown);
	fprintf(sh->out, "\"%s\"", shown);
}

static void
keep_data(struct shell *sh, const char *buf, size_t n)
{
	char *copy = malloc(n ? n : 1);

	if (copy == NULL)
		return;
	memcpy(copy, buf, n);
	var_received(sh, copy, n);
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

long long
op_next_datagram(const struct handle *h)
{
	int n;

	/* SOCK_DGRAM only: on a SOCK_SEQPACKET socket it counts the queue. */
	if (h->type != SOCK_DGRAM || ioctl(h->fd, FIONREAD, &n) < 0)
		return -1;
	return n;
}

void
op_log_recv(struct event *ev, int flags, long long whole,
    const struct sockaddr_storage *from, socklen_t fromlen)
{
	if (ev == NULL)
		return;
	ev->flags = flags;
	ev->whole = whole > ev->result ? whole : 0;
	if (from != NULL && fromlen > 0)
		evlog_set_addr(ev, from, fromlen);
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

/* The arguments a recv's call line shows: fd, MAXBYTES and the flags. */
static char *
recv_args(const struct op *op, const struct handle *h, char *buf, size_t n,
    char *fl, size_t fln)
{
	if (op->flags)
		snprintf(buf, n, "%d, %zu, %s", h->fd, op->maxbytes,
		    addr_format_msg_flags(op->flags, fl, fln));
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
	const char *call = op->type->call;
	char args[96], fl[64], who[128];
	size_t got = op->done;
	int dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	recv_args(op, h, args, sizeof args, fl, sizeof fl);
	/* A datagram's sender: the picture draws the arrow from it. */
	op_log_recv(handle_log(sh, op->type, h->id, 0, (long long)got, 0),
	    op->flags, truncated, h->type != SOCK_STREAM ? from : NULL,
	    fromlen);
	keep_data(sh, op->buf, got);
	who[0] = '\0';
	if (op->from && fromlen > 0) {
		char a[96];

		snprintf(who, sizeof who, _(" from %s"), addr_format(from,
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
	if (!text_is_printable(op->buf, got))
		text_hexdump(sh->out, (unsigned char *)op->buf, got);
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
	size_t first = sh->log.n;

	if (op->kind != OP_RECV || op->bulk || op->done == 0 || h == NULL)
		return 0;
	recv_report(sh, op, h, prefix, NULL, 0, 0, why);
	if (op->event > 0 && op->event <= sh->log.n && first < sh->log.n) {
		/* A job: its call ends where the picture drew it begin. */
		sh->log.v[op->event - 1].pending = 0;
		sh->log.v[first].began = op->event;
		op->event = 0;
	}
	return 1;
}

enum op_status
op_step_recv(struct shell *sh, struct op *op, struct handle *h,
    short *events, const char *prefix)
{
	const char *call = op->type->call;
	struct sockaddr_storage from;
	char args[96], fl[64], why[160];
	struct msghdr msg;
	struct iovec iov;
	ssize_t n;
	int err, flags, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);
	int truncated = 0;

	if (op->bulk)
		return op_bulk_recv(sh, op, h, events, prefix);
	recv_args(op, h, args, sizeof args, fl, sizeof fl);
	if (op->buf == NULL) {
		op->buf = malloc(op->maxbytes ? op->maxbytes : 1);
		if (op->buf == NULL) {
			report_call_failed(sh, h, op->advice, prefix, call,
			    ENOMEM, "%s", args);
			return OP_FAILED;
		}
	}
	/* The data of MSG_WAITALL gathers at op->done; one call otherwise. */
	flags = (op->flags & (MSG_PEEK | MSG_OOB)) | op_recv_dontwait(h);
	for (;;) {
		/* The datagram's real size, asked before the call: MSG_TRUNC
		 * given to recvmsg would change what it returns. */
		long long next = op_next_datagram(h);

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
				    "failed with %s (%s)"), errinfo_name(err),
				    strerror(err));
				return recv_report(sh, op, h, prefix, NULL, 0,
				    0, why);
			}
			report_call_failed(sh, h, op->advice, prefix, call, err,
			    "%s", args);
			handle_log(sh, op->type, h->id, 0, -1, err);
			return OP_FAILED;
		}
		op->calls++;
		if ((msg.msg_flags & MSG_TRUNC) && next > n)
			truncated = (int)next;
		op->done += (size_t)n;
		if (!(op->flags & MSG_WAITALL) || n == 0 ||
		    op->done == op->maxbytes || h->type != SOCK_STREAM)
			break;
	}
	return recv_report(sh, op, h, prefix, &from, msg.msg_namelen,
	    truncated, NULL);
}

/*
 * The one send(2) loop's step: LEN bytes at P on H for OP (to op->addr
 * when it has one), FLAGS beside MSG_NOSIGNAL (SIGPIPE never stops the
 * shell) and MSG_DONTWAIT (the wait is op.c's), made again on EINTR.
 * Returns the bytes sent, counted in OP (its calls and bytes done) and
 * in H; or -1 with *ERR set, EAGAIN when the send buffer is full.
 */
ssize_t
op_send_once(struct op *op, struct handle *h, const char *p, size_t len,
    int flags, int *err)
{
	ssize_t n;

	do
		n = sendto(h->fd, p, len, MSG_NOSIGNAL | MSG_DONTWAIT | flags,
		    op->addrlen > 0 ? (struct sockaddr *)&op->addr : NULL,
		    op->addrlen);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		*err = errno;
		return -1;
	}
	op->calls++;
	op->done += (size_t)n;
	h->sent += (unsigned long long)n;
	return n;
}

enum op_status
op_step_send(struct shell *sh, struct op *op, struct handle *h,
    short *events, const char *prefix)
{
	const char *call = op->type->call;
	char args[OP_SHOW_DATA * 4 + 192], shown[OP_SHOW_DATA * 4 + 8], fl[64];
	char to[96];
	size_t o;
	ssize_t n;
	int err = 0, dontwait = h->nonblock || (op->flags & MSG_DONTWAIT);

	if (op->bulk)
		return op_bulk_send(sh, op, h, events, prefix);
	op_escape(op->data, op->len, OP_SHOW_DATA, shown, sizeof shown);
	o = (size_t)snprintf(args, sizeof args, "%d, \"%s\", %zu", h->fd,
	    shown, op->len);
	if (op->flags && o < sizeof args)
		o += (size_t)snprintf(args + o, sizeof args - o, ", %s",
		    addr_format_msg_flags(op->flags, fl, sizeof fl));
	if (op->addrlen > 0 && o < sizeof args)
		snprintf(args + o, sizeof args - o, ", %s",
		    addr_format(&op->addr, op->addrlen, to, sizeof to));
	do {
		n = op_send_once(op, h, op->data + op->done,
		    op->len - op->done, op->flags & MSG_OOB, &err);
		if (n < 0 && err == EAGAIN && !dontwait) {
			*events = POLLOUT;
			return OP_WAIT;
		}
	} while (n >= 0 && op->done < op->len);
	if (op->done < op->len || n < 0) {
		report_call_failed(sh, h, op->advice, prefix, call, err, "%s",
		    args);
		if (op->done > 0)
			fprintf(sh->out, _("  %zu of %zu bytes had been sent "
			    "before the error\n"), op->done, op->len);
		handle_log(sh, op->type, h->id, 0,
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
	handle_log(sh, op->type, h->id, 0, (long long)op->done, 0);
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
	    (op->bulk ? op_since(&op->moved) : op_since(&op->t0));
	return left > 0 ? left : 0;
}

/* The socket's timeout ran out: the call fails as the kernel's would
 * (PREFIX: "[N] done: " for a job). */
void
op_timed_out(struct shell *sh, struct op *op, const char *prefix)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	int err = op->kind == OP_CONNECT ? EINPROGRESS : EAGAIN;
	const char *opt = op->kind == OP_ACCEPT || op->kind == OP_RECV ?
	    "SO_RCVTIMEO" : "SO_SNDTIMEO";
	const char *call = op->type->call;

	if (h == NULL)
		return;
	if (op_recv_partial(sh, op, prefix, _("the socket's SO_RCVTIMEO ran "
	    "out")))
		return;
	report_call_line(sh, prefix, call, err, "%d, ...", h->fd);
	report_error(sh, _("%s failed with %s: the socket's %s ran out before "
	    "the call could complete (it fails as a non-blocking call "
	    "would)"), call, errinfo_name(err), opt);
	if (op->kind == OP_CONNECT)
		h->connecting = 1;
	if (op->event > 0 && op->event <= sh->log.n) {
		/* A job: the call fails where the picture drew it begin. */
		struct event *ev = &sh->log.v[op->event - 1];

		ev->seq = ++sh->log.seq;
		ev->pending = 0;
		ev->result = -1;
		ev->err = err;
		op->event = 0;
		op_cancel(sh, op, 0);
		return;
	}
	op_cancel(sh, op, 0);
	handle_log(sh, op->type, h->id, 0, -1, err);
}

