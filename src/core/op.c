/* op.c - the calls that can wait (accept, connect, recv, send), written
 * as steps so one mechanism serves a blocking call and a background job:
 * each step makes the real syscall when it will not block, and otherwise
 * says what to poll for. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/addr.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/sig.h"
#include "base/text.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"


/* A call that stopped waiting (ERR: EINTR, ETIMEDOUT, ECANCELED): a job's
 * entry says so, a call waited for here gets one. */
static void
op_stopped(struct shell *sh, struct op *op, int err)
{
	struct event *ev;

	if (op->event > 0 && op->event <= sh->log.n) {
		ev = &sh->log.v[op->event - 1];
		ev->seq = ++sh->log.seq;
	} else if ((ev = handle_log(sh, op->type, op->handle_id, 0, -1,
	    err)) == NULL)
		return;
	op->event = 0;
	ev->pending = 0;
	ev->stopped = 1;
	/* What moved before the stop counts: a bulk recv took it too. */
	ev->result = (op->kind == OP_SEND || op->kind == OP_RECV) &&
	    op->done > 0 ? (long long)op->done : -1;
	ev->err = err;
	if (op->addrlen > 0)
		evlog_set_addr(ev, &op->addr, op->addrlen);
}

/*
 * The event OP's step logged (at FIRST): the address the call went to,
 * and for a job, where the call began (its pending entry, now settled).
 */
static void
op_settle(struct shell *sh, struct op *op, size_t first)
{
	struct event *ev = first < sh->log.n ? &sh->log.v[first] : NULL;

	if (ev != NULL && ev->addrlen == 0 && op->addrlen > 0 &&
	    (ev->type->role == ROLE_CONNECT || ev->type->role == ROLE_SEND))
		evlog_set_addr(ev, &op->addr, op->addrlen);
	if (op->event == 0)
		return;
	if (ev != NULL && op->event <= first) {
		sh->log.v[op->event - 1].pending = 0;
		ev->began = op->event;
		op->event = 0;
	} else
		op_stopped(sh, op, ECANCELED);
}

/* Whether a blocking accept would return now: a connection is queued,
 * or the call will fail at once (not a listener). */
static int
accept_ready(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	socklen_t len = sizeof(int);
	int listening = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) < 0 ||
	    !listening)
		return 1;
	return poll(&p, 1, 0) > 0;
}

static enum op_status
step_accept(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	struct handle *nh;
	char args[16], peer[64];
	int fd, err;

	snprintf(args, sizeof args, "%d", h->fd);
	if (!h->nonblock && !accept_ready(h->fd)) {
		*events = POLLIN;
		return OP_WAIT;
	}
	fd = accept4(h->fd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if ((err == EAGAIN || err == EINTR) && !h->nonblock) {
			*events = POLLIN;
			return OP_WAIT;
		}
		report_call_failed(sh, h, op->advice, prefix, "accept", err,
		    "%s", args);
		handle_log(sh, op->type, h->id, 0, -1, err);
		return OP_FAILED;
	}
	if (op->newname[0] == '\0')
		handle_default_name(sh, "conn", op->newname);
	nh = handle_find(sh, op->newname);
	if (nh != NULL && nh->fd >= 0) {
		/* Taken while the job waited: pick a free name instead. */
		handle_default_name(sh, op->newname, op->newname);
	}
	nh = handle_add(sh, op->newname, fd, h->family, h->type);
	if (nh == NULL) {
		close(fd);
		report_call_failed(sh, h, op->advice, prefix, "accept", ENOMEM,
		    "%s", args);
		return OP_FAILED;
	}
	nh->listener_id = h->id;
	nh->opts_set = h->opts_set;	/* a connection inherits them */
	handle_remember_addrs(nh);
	fprintf(sh->out, _("%saccept(%s) = %d: new socket %s, peer %s\n"),
	    prefix, args, fd, nh->name,
	    addr_format(&ss, len, peer, sizeof peer));
	handle_log(sh, op->type, h->id, nh->id, fd, 0);
	return OP_DONE;
}

static enum op_status
step_connect(struct shell *sh, struct op *op, struct handle *h,
    short *events, const char *prefix)
{
	char args[96], addr[64];
	socklen_t len = sizeof(int);
	int rc, err = 0, flags;

	snprintf(args, sizeof args, "%d, %s", h->fd,
	    addr_format(&op->addr, op->addrlen, addr, sizeof addr));
	if (!op->started) {
		/* Non-blocking for the one call, so the shell can wait in
		 * poll (and serve jobs, and Ctrl-C) instead of in connect. */
		flags = fcntl(h->fd, F_GETFL);
		if (!h->nonblock)
			fcntl(h->fd, F_SETFL, flags | O_NONBLOCK);
		h->target = op->addr;
		h->target_len = op->addrlen;
		rc = connect(h->fd, (struct sockaddr *)&op->addr, op->addrlen);
		err = errno;
		if (!h->nonblock)
			fcntl(h->fd, F_SETFL, flags);
		if (rc == 0)
			goto connected;
		if (!h->nonblock && (err == EINPROGRESS ||
		    (err == EALREADY && h->connecting))) {
			op->started = 1;
			h->connecting = 1;
			*events = POLLOUT;
			return OP_WAIT;
		}
		if (err == EINPROGRESS)
			h->connecting = 1;
		goto failed;
	}
	if (getsockopt(h->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		err = errno;
	/* Once more, as a blocking connect ends: the kernel then counts the
	 * socket as connected (a later connect gives EISCONN, not 0). */
	if (err == 0 && connect(h->fd, (struct sockaddr *)&op->addr,
	    op->addrlen) < 0 && errno != EISCONN)
		err = errno;
	/* Once more after a failure too, as a blocking connect ends: the
	 * kernel then counts the socket as unconnected, so the next connect
	 * starts anew instead of failing with ECONNABORTED. */
	if (err != 0) {
		flags = fcntl(h->fd, F_GETFL);
		fcntl(h->fd, F_SETFL, flags | O_NONBLOCK);
		(void)connect(h->fd, (struct sockaddr *)&op->addr,
		    op->addrlen);
		fcntl(h->fd, F_SETFL, flags);
		/* The port is free again, though getsockname still shows
		 * it, unless bind named it (not 0). */
		if (!h->port_chosen)
			h->port_lost = 1;
	}
	if (err == 0)
		goto connected;
failed:
	h->connecting = err == EINPROGRESS || err == EALREADY;
	report_call_failed(sh, h, op->advice, prefix, "connect", err, "%s",
	    args);
	handle_log(sh, op->type, h->id, 0, -1, err);
	return OP_FAILED;
connected:
	h->connecting = 0;
	h->port_lost = 0;
	if (h->type == SOCK_STREAM && h->family != AF_UNIX)
		h->shut = 0;	/* TCP's connect undoes an earlier shutdown */
	handle_remember_addrs(h);
	fprintf(sh->out, _("%sconnect(%s) = 0: connected from %s\n"), prefix,
	    args, addr_format(&h->local, h->local_len, addr, sizeof addr));
	handle_log(sh, op->type, h->id, 0, 0, 0);
	return OP_DONE;
}

/* recv(2) as the student typed it; recvmsg underneath, for what the
 * picture needs: a datagram's sender and whether it was cut (*WHOLE: its
 * size then, asked before the call, or 0). */
static ssize_t
recv_once(struct handle *h, char *buf, size_t len, int flags,
    struct sockaddr_storage *from, socklen_t *fromlen, long long *whole)
{
	long long next = op_next_datagram(h);
	struct msghdr msg;
	struct iovec iov;
	ssize_t n;

	memset(&msg, 0, sizeof msg);
	memset(from, 0, sizeof *from);
	iov.iov_base = buf;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_name = from;
	msg.msg_namelen = sizeof *from;
	n = recvmsg(h->fd, &msg, flags);
	*fromlen = n >= 0 && h->type != SOCK_STREAM ? msg.msg_namelen : 0;
	*whole = n >= 0 && (msg.msg_flags & MSG_TRUNC) && next > n ? next : 0;
	return n;
}

static enum op_status
step_recv(struct shell *sh, struct op *op, struct handle *h, short *events,
    const char *prefix)
{
	struct sockaddr_storage from;
	socklen_t fromlen;
	long long whole;
	char args[32], *buf;
	ssize_t n;
	int err, dontwait;

	snprintf(args, sizeof args, "%d, %zu", h->fd, op->maxbytes);
	buf = malloc(op->maxbytes ? op->maxbytes : 1);
	if (buf == NULL) {
		report_call_failed(sh, h, op->advice, prefix, "recv", ENOMEM,
		    "%s", args);
		return OP_FAILED;
	}
	dontwait = h->nonblock ? 0 : op_recv_dontwait(h);
	n = recv_once(h, buf, op->maxbytes, dontwait, &from, &fromlen, &whole);
	if (n < 0) {
		err = errno;
		free(buf);
		if ((err == EAGAIN || err == EINTR) && !h->nonblock) {
			*events = POLLIN;
			return OP_WAIT;
		}
		report_call_failed(sh, h, op->advice, prefix, "recv", err, "%s",
		    args);
		handle_log(sh, op->type, h->id, 0, -1, err);
		return OP_FAILED;
	}
	op_log_recv(handle_log(sh, op->type, h->id, 0, n, 0), 0, whole, &from,
	    fromlen);
	var_received(sh, buf, (size_t)n);
	if (n == 0 && op->maxbytes > 0 && h->type != SOCK_STREAM &&
	    !h->nonblock && dontwait == 0) {
		fprintf(sh->out, _("%srecv(%s) = 0: %s's reading side is shut "
		    "down, and a datagram socket's recv then returns 0 at "
		    "once\n"), prefix, args, h->name);
		return OP_DONE;
	}
	if (n == 0 && op->maxbytes > 0 && h->type == SOCK_DGRAM) {
		fprintf(sh->out, _("%srecv(%s) = 0: an empty datagram (a "
		    "datagram socket has no end of stream)\n"), prefix, args);
		return OP_DONE;
	}
	if (n == 0 && op->maxbytes > 0) {
		op_say_eof(sh, h, prefix, "recv", args);
		return OP_DONE;
	}
	h->received += (unsigned long long)n;
	fprintf(sh->out, "%srecv(%s) = %zd: ", prefix, args, n);
	op_show_data(sh, buf, (size_t)n);
	fputc('\n', sh->out);
	if (!text_is_printable(buf, (size_t)n))
		text_hexdump(sh->out, (unsigned char *)buf, (size_t)n);
	return OP_DONE;
}

/*
 * Makes the call if it will not block. Returns OP_DONE or OP_FAILED once
 * the result is printed (PREFIX first), or OP_WAIT with the poll events
 * to wait for on the handle's fd.
 */
static enum op_status
op_dispatch(struct shell *sh, struct op *op, short *events,
    const char *prefix)
{
	struct handle *h = handle_by_id(sh, op->handle_id);

	if (h == NULL || h->fd < 0)
		return OP_FAILED;
	switch (op->kind) {
	case OP_ACCEPT:
		return step_accept(sh, op, h, events, prefix);
	case OP_CONNECT:
		return step_connect(sh, op, h, events, prefix);
	case OP_RECV:
		if (op_extended(op))
			return op_step_recv(sh, op, h, events, prefix);
		return step_recv(sh, op, h, events, prefix);
	case OP_SEND:
		return op_step_send(sh, op, h, events, prefix);
	}
	return OP_FAILED;
}

enum op_status
op_step(struct shell *sh, struct op *op, short *events, const char *prefix)
{
	size_t first = sh->log.n;
	enum op_status st = op_dispatch(sh, op, events, prefix);

	if (st != OP_WAIT)
		op_settle(sh, op, first);
	return st;
}

/* What a waiting op waits for, for messages and the jobs list: from
 * what the handle remembers, with no system call. */
const char *
op_waiting_for(struct shell *sh, const struct op *op, char *buf, size_t n)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	char a[64];

	if (h == NULL) {
		snprintf(buf, n, "?");
		return buf;
	}
	switch (h->connecting && op->kind != OP_ACCEPT ? OP_CONNECT :
	    op->kind) {
	case OP_ACCEPT:
		snprintf(buf, n, _("for a connection on %s"),
		    addr_format(&h->local, h->local_len, a, sizeof a));
		break;
	case OP_CONNECT:
		snprintf(buf, n, _("for the connection to %s to be set up"),
		    addr_format(&h->target, h->target_len, a, sizeof a));
		break;
	case OP_RECV:
		if (op->bulk || (op->flags & MSG_WAITALL))
			snprintf(buf, n, P_("for data on %s (%zu byte received "
			    "so far)", "for data on %s (%zu bytes received "
			    "so far)", (unsigned long)op->done), h->name,
			    op->done);
		else
			snprintf(buf, n, _("for data on %s"), h->name);
		break;
	case OP_SEND:
		snprintf(buf, n, _("for room in %s's send buffer (%zu of %zu "
		    "bytes sent)"), h->name, op->done, op->len);
		break;
	}
	return buf;
}

/* Stops OP where it stands and says what that leaves; CLOSING: its
 * socket is about to be closed, so nothing goes on with it. */
void
op_cancel(struct shell *sh, struct op *op, int closing)
{
	struct handle *h = handle_by_id(sh, op->handle_id);

	op_drop_file(op);
	if (closing && op_recv_partial(sh, op, "", _("its socket is being "
	    "closed")))
		return;
	if (op->event > 0)
		op_stopped(sh, op, ECANCELED);	/* a job */
	if (h == NULL)
		return;
	if (op->kind == OP_CONNECT && h->fd >= 0 && !closing)
		fprintf(sh->out, _("  %s stays connecting: the kernel goes on "
		    "with the handshake; 'connect' again waits for it\n"),
		    h->name);
	if (op->kind == OP_SEND && op->done > 0)
		fprintf(sh->out, _("  %zu of %zu bytes were sent\n"), op->done,
		    op->len);
	if (op->kind == OP_RECV && op->done > 0)
		fprintf(sh->out, P_("  %zu byte was received\n",
		    "  %zu bytes were received\n", (unsigned long)op->done),
		    op->done);
}

void
op_free(struct op *op)
{
	free(op->data);
	free(op->desc);
	free(op->buf);
	free(op->path);
	if (op->file != NULL)
		fclose(op->file);
	op->data = op->desc = op->buf = op->path = NULL;
	op->file = NULL;
}

/*
 * OP waits, and the line asked for it in the background: a job from now
 * on, logged where the call began. Returns 0, or -1 when no job could be
 * made (said).
 */
static int
op_background(struct shell *sh, struct op *op)
{
	struct job *j;
	struct event *ev = handle_log(sh, op->type, op->handle_id, 0,
	    -1, 0);
	char why[256];

	/* The picture draws the call where it began. */
	if (ev != NULL) {
		ev->pending = 1;
		op->event = sh->log.n;
		if (op->addrlen > 0)
			evlog_set_addr(ev, &op->addr, op->addrlen);
	}
	if ((j = job_start(sh, op)) == NULL) {
		op_stopped(sh, op, ENOMEM);
		return -1;
	}
	fprintf(sh->out, _("[%d] %s: waiting %s\n"), j->number, j->op.desc,
	    op_waiting_for(sh, &j->op, why, sizeof why));
	return 0;
}

/*
 * The host and port a client in a second terminal reaches H's address
 * at: the loopback address for a socket bound to every address. 0, or -1
 * when H has no such address (AF_UNIX: PATH the name).
 */
static int
op_reach(const struct handle *h, char *host, size_t nh, char *port,
    size_t np)
{
	struct sockaddr_storage ss = h->local;

	if (h->local_len == 0 || (ss.ss_family != AF_INET &&
	    ss.ss_family != AF_INET6))
		return -1;
	if (ss.ss_family == AF_INET && ((struct sockaddr_in *)&ss)->
	    sin_addr.s_addr == htonl(INADDR_ANY))
		((struct sockaddr_in *)&ss)->sin_addr.s_addr =
		    htonl(INADDR_LOOPBACK);
	if (ss.ss_family == AF_INET6 && IN6_IS_ADDR_UNSPECIFIED(
	    &((struct sockaddr_in6 *)&ss)->sin6_addr))
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
	return getnameinfo((struct sockaddr *)&ss, h->local_len, host,
	    (socklen_t)nh, port, (socklen_t)np, NI_NUMERICHOST |
	    NI_NUMERICSERV) == 0 ? 0 : -1;
}

/*
 * How to go on from a call that waits at a terminal: the same command in
 * the background; for an accept, the client in a second terminal, with
 * the exact commands (the lecture's order: the server waits in accept
 * until a client connects).
 */
void
op_say_ways_on(struct shell *sh, struct op *op)
{
	struct handle *h = handle_by_id(sh, op->handle_id);
	char host[64], port[16];

	fprintf(sh->err, _("  '%s &' waits in the background instead, and the "
	    "prompt stays.\n"), op->desc);
	if (h == NULL || op->kind != OP_ACCEPT)
		return;
	if (h->family == AF_UNIX && h->local_len > 0)
		fprintf(sh->err, _("  Or be the client in a second terminal: "
		    "sockshell, then\n  'socket cli AF_UNIX' and 'connect cli "
		    "%s'.\n"), addr_format(&h->local, h->local_len, host,
		    sizeof host));
	else if (op_reach(h, host, sizeof host, port, sizeof port) == 0)
		fprintf(sh->err, _("  Or be the client in a second terminal: "
		    "sockshell, then\n  'socket cli%s' and 'connect cli %s %s' "
		    "(or: nc -N %s %s).\n"), h->family == AF_INET6 ?
		    " AF_INET6" : "", host, port, host, port);
}

/*
 * At a terminal, says what the prompt's absence waits for, once: unless
 * the call is ready in a moment (a loopback connect is). Returns 1 when
 * it is ready, 0 after saying it.
 */
static int
op_say_waiting(struct shell *sh, struct op *op, short events)
{
	struct pollfd q = { .events = events };
	char why[256];

	q.fd = handle_by_id(sh, op->handle_id)->fd;
	if (poll(&q, 1, 50) > 0)
		return 1;
	fprintf(sh->err, _("waiting %s (Ctrl-C stops)\n"),
	    op_waiting_for(sh, op, why, sizeof why));
	op_say_ways_on(sh, op);
	return 0;
}

/* Why the wait for OP ended without it (Ctrl-C, SIGTERM, the script's
 * timeout, a failed poll with ERR), said on one line. */
static void
op_say_stopped(struct shell *sh, struct op *op, enum jobs_wait_end end,
    int err)
{
	char why[256];

	op_waiting_for(sh, op, why, sizeof why);
	if (end == WAIT_FAILED)
		report_error(sh, _("%s: waiting %s failed: poll: %s"), op->desc,
		    why, strerror(err));
	else if (end == WAIT_INTERRUPTED && sig_terminated)
		report_error(sh, _("%s: stopped while waiting %s: the "
		    "shell was told to end (SIGTERM or SIGHUP)"), op->desc, why);
	else if (end == WAIT_INTERRUPTED && op->kind == OP_SEND &&
	    op->done > 0)
		report_error(sh, _("%s: interrupted (Ctrl-C) while "
		    "waiting %s; the bytes already sent are the "
		    "kernel's now: it goes on delivering them"), op->desc, why);
	else if (end == WAIT_INTERRUPTED && (op->kind == OP_CONNECT ||
	    op->done > 0))
		/* op_cancel says what it leaves */
		report_error(sh, _("%s: interrupted (Ctrl-C) while "
		    "waiting %s"), op->desc, why);
	else if (end == WAIT_INTERRUPTED)
		report_error(sh, _("%s: interrupted (Ctrl-C) while "
		    "waiting %s; the socket is as it was"), op->desc, why);
	else
		report_error(sh, _("%s: gave up after waiting %g s %s "
		    "(--timeout; 0 waits for ever)"), op->desc, sh->timeout,
		    why);
}

/*
 * The wait for OP ended without it (END, and ERR after a failed poll):
 * a MSG_WAITALL recv returns what it took, however its wait ends (after
 * Ctrl-C, as the kernel's, that is no failure); otherwise the call stops
 * where it stands. Returns the op's status.
 */
static enum op_status
op_wait_ended(struct shell *sh, struct op *op, enum jobs_wait_end end,
    int err)
{
	int partial;

	if (end == WAIT_INTERRUPTED && sh->interactive)
		fputc('\n', sh->err);	/* after the terminal's ^C */
	partial = op_recv_partial(sh, op, "", end == WAIT_TIMEOUT ?
	    _("the script's --timeout ended the wait") :
	    end == WAIT_FAILED ? strerror(err) :
	    sig_terminated ? _("the shell was told to end") :
	    _("interrupted (Ctrl-C)"));
	if (partial && end == WAIT_INTERRUPTED && !sig_terminated)
		return OP_DONE;	/* not EINTR */
	op_say_stopped(sh, op, end, err);
	/* Ctrl-C at a terminal: the way on, again, where it was lost. */
	if (end == WAIT_INTERRUPTED && sh->interactive && !sig_terminated)
		op_say_ways_on(sh, op);
	if (!partial) {
		op_stopped(sh, op, end == WAIT_TIMEOUT ? ETIMEDOUT :
		    end == WAIT_FAILED ? err : EINTR);
		op_cancel(sh, op, 0);
	}
	return OP_FAILED;
}

/*
 * Runs OP: in the background as a job (BACKGROUND), or waiting for it
 * here, as the blocking call would, until done, Ctrl-C or the timeout:
 * the script's (--timeout), or the socket's SO_RCVTIMEO / SO_SNDTIMEO when
 * sooner, which ends the wait as the kernel's would, in EAGAIN.
 * Takes OP's memory. Returns 0 when done or started, -1 when it failed.
 */
int
op_run(struct shell *sh, struct op *op, int background)
{
	enum jobs_wait_end end;
	enum op_status st;
	short events = 0;
	double timeout, timeo;
	int said = 0, sooner;

	while ((st = op_step(sh, op, &events, "")) == OP_WAIT) {
		if (background) {
			if (op_background(sh, op) == 0)
				return 0;
			break;
		}
		if (sh->interactive && !said && op_say_waiting(sh, op,
		    events))
			continue;
		said = 1;
		timeo = op_sotimeo(sh, op);
		sooner = timeo >= 0 && (sh->timeout == 0 ||
		    timeo < sh->timeout);
		timeout = sooner ? (timeo > 0 ? timeo : 1e-3) : sh->timeout;
		end = jobs_wait(sh, handle_by_id(sh, op->handle_id)->fd, events,
		    0, timeout);
		if (end == WAIT_READY)
			continue;
		if (end == WAIT_TIMEOUT && sooner) {
			op_timed_out(sh, op, "");
			st = OP_FAILED;
		} else
			st = op_wait_ended(sh, op, end, errno);
		break;
	}
	if (st != OP_DONE)
		op_drop_file(op);
	op_free(op);
	return st == OP_DONE ? 0 : -1;
}

/*
 * Starts filling OP for a command on H: its kind, its handle and the text
 * the jobs list shows. Fails (after a message) when a job already waits on
 * the same side of H, since two calls there would race for the data.
 */
int
op_prepare(struct shell *sh, struct op *op, enum op_kind kind,
    struct handle *h, const char *cmd, int argc, char *const *argv,
    const size_t *lens)
{
	struct job *j = job_for_handle(sh, h->id, kind);
	char desc[128], shown[64];
	size_t o;
	int i;

	memset(op, 0, sizeof *op);
	if (j != NULL) {
		report_error(sh, _("%s is busy: job [%d] (%s) waits on it; "
		    "'wait %d' for it, or close %s to cancel it"), h->name,
		    j->number, j->op.desc, j->number, h->name);
		return -1;
	}
	o = (size_t)snprintf(desc, sizeof desc, "%s", cmd);
	for (i = 0; i < argc && o < sizeof desc; i++)
		o += (size_t)snprintf(desc + o, sizeof desc - o, " %s",
		    op_escape(argv[i], lens[i], 24, shown, sizeof shown));
	op->kind = kind;
	op->handle_id = h->id;
	/* Where an accept waits, as op_waiting_for says it: read once
	 * here, so that saying it (the jobs list, a view) makes no call. */
	if (kind == OP_ACCEPT)
		handle_remember_addrs(h);
	clock_gettime(CLOCK_MONOTONIC, &op->t0);
	op->moved = op->t0;
	op->desc = strdup(desc);
	if (op->desc == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}
