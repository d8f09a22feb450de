/* render.c - the state table printed after each command. */
#include <config.h>

#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "base/width.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/op.h"
#include "core/shell.h"
#include "state/sockopt.h"
#include "state/state.h"
#include "views/picture-opts.h"
#include "views/render-table.h"
#include "views/render.h"

/* S into a RENDER_CELL, cut to fit (a name, a number, a word). */
static void
cell_copy(char *cell, const char *s)
{
	size_t n = strlen(s);

	if (n > RENDER_CELL - 1)
		n = RENDER_CELL - 1;
	memcpy(cell, s, n);
	cell[n] = '\0';
}

static void
fill_row(const struct sock_state *st, struct render_row *r)
{
	const struct handle *h = st->h;

	/* Copies, not snprintf: the table is a row a socket at every step
	 * (bench/run). */
	cell_copy(r->name, h->name);
	if (st->open)
		snprintf(r->fd, sizeof r->fd, "%d", h->fd);
	else
		cell_copy(r->fd, "-");
	r->proto = addr_proto_label(h->family, h->type);
	r->step = state_step_name(st->step);
	r->paths = h->family == AF_UNIX;
	if (st->local_len > 0)
		addr_format(&st->local, st->local_len, r->local,
		    sizeof r->local);
	else
		cell_copy(r->local, "-");
	/* The peer only where there is one: not before connect, nor on a
	 * listener (getpeername says ENOTCONN, as while connecting). */
	r->peer[0] = '\0';
	if (st->step != STEP_CREATED && st->step != STEP_BOUND &&
	    st->peer_len > 0)
		addr_format(&st->peer, st->peer_len, r->peer, sizeof r->peer);
	/* Closed, a connection the kernel still keeps shows its state. */
	r->tcp = st->tcp_state ? state_tcp_name(st->tcp_state) : "-";
	r->queue[0] = '\0';
	if (st->listening && st->accept_queue > st->backlog)
		/* Linux queues one connection more than the backlog. */
		snprintf(r->queue, RENDER_CELL, _("%u of %u+1 to accept"),
		    st->accept_queue, st->backlog);
	else if (st->listening)
		snprintf(r->queue, RENDER_CELL, _("%u of %u to accept"),
		    st->accept_queue, st->backlog);
	else if (st->dgram_waiting && h->type == SOCK_DGRAM)
		/* SIOCINQ on a datagram socket: the next datagram's size
		 * only, however many wait behind it (0 B: an empty one). */
		snprintf(r->queue, RENDER_CELL, _("next datagram %d B"),
		    st->inq);
	else if (st->inq > 0)
		snprintf(r->queue, RENDER_CELL, P_("%d byte unread",
		    "%d bytes unread", (unsigned long)st->inq), st->inq);
}

/* Appends ITEM to the DETAILS line BUF (O bytes so far). */
static size_t
add_item(char *buf, size_t n, size_t o, const char *item)
{
	if (o < n)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? "; " : "",
		    item);
	return o;
}

/* "shut down for writing (SHUT_WR)" and so on, or NULL. */
static const char *
shut_text(int shut)
{
	switch (shut) {
	case 1:	return _("shut down for reading (SHUT_RD)");
	case 2:	return _("shut down for writing (SHUT_WR)");
	case 3:	return _("shut down both ways (SHUT_RDWR)");
	default: return NULL;
	}
}

/*
 * The second line of a socket's row, only where it says something: the
 * connection the kernel keeps after close, a shutdown, O_NONBLOCK, the
 * options that differ from a new socket's. Empty otherwise.
 */
static void
details(const struct sock_state *st, char *buf, size_t n, int afterlife)
{
	const struct sockopt *o;
	char item[128], v[64];
	size_t off = 0;
	int i;

	buf[0] = '\0';
	if (st->afterlife && afterlife)
		off = add_item(buf, n, off, st->open ? _("the kernel keeps the "
		    "connection apart from the socket (CLOSE)") :
		    _("closed, but the kernel keeps the connection"));
	if (shut_text(st->shut) != NULL && st->open)
		off = add_item(buf, n, off, shut_text(st->shut));
	if (st->nonblock)
		off = add_item(buf, n, off, _("non-blocking (O_NONBLOCK)"));
	for (o = sockopt_table; st->opts_differ != 0 && o->name != NULL;
	    o++) {
		i = sockopt_index(o);
		if (i >= SOCKOPT_MAX || !(st->opts_differ & (1UL << i)))
			continue;
		snprintf(item, sizeof item, "%s %s", o->name,
		    sockopt_format(o, &st->opts[i], v, sizeof v));
		off = add_item(buf, n, off, item);
	}
}

/* Every field of one socket, as 'show NAME' prints it. */
void
render_details(struct shell *sh, const struct handle *h)
{
	FILE *f = sh->out;
	struct sock_state st;
	char a[128], b[128], d[512];
	int is_tcp = h->type == SOCK_STREAM && h->family != AF_UNIX;

	state_collect(h, &st);
	fprintf(f, "%s: %s, ", h->name, addr_proto_label(h->family, h->type));
	if (st.open)
		fprintf(f, _("fd %d, %s"), h->fd, state_step_name(st.step));
	else
		fprintf(f, "%s", _("closed (no descriptor)"));
	if (st.tcp_state)
		fprintf(f, _(", TCP state %s"), state_tcp_name(st.tcp_state));
	fputc('\n', f);
	addr_format(&st.local, st.local_len, a, sizeof a);
	addr_format(&st.peer, st.peer_len, b, sizeof b);
	fprintf(f, _("  local %s, peer %s\n"), a, b);
	/* Only TIME_WAIT's and an orphan FIN_WAIT2's timer ends the state;
	 * in FIN_WAIT1, CLOSING and LAST_ACK it is the retransmission's. */
	if (st.afterlife && st.expires_ms > 0 &&
	    (st.tcp_state == TCP_TIME_WAIT || st.tcp_state == TCP_FIN_WAIT2))
		fprintf(f, _("  the kernel keeps the connection in %s for "
		    "%.1f s more\n"), state_tcp_name(st.tcp_state),
		    st.expires_ms / 1000.0);
	else if (st.afterlife && st.expires_ms > 0)
		fprintf(f, _("  the kernel keeps the connection in %s until "
		    "the peer acknowledges what was sent, the FIN included (if "
		    "not, it sends again in %.1f s)\n"),
		    state_tcp_name(st.tcp_state), st.expires_ms / 1000.0);
	else if (st.afterlife)
		fprintf(f, _("  the kernel keeps the connection in %s\n"),
		    state_tcp_name(st.tcp_state));
	if (st.listening)
		fprintf(f, _("  accept queue: %u waiting, of a backlog of "
		    "%u\n"), st.accept_queue, st.backlog);
	if (st.have_info && !st.listening)
		fprintf(f, _("  segments: %u in, %u out; data bytes: %llu "
		    "received, %llu acknowledged by the peer (TCP_INFO, less "
		    "the SYN and FIN it counts)\n"), st.segs_in,
		    st.segs_out, st.bytes_received, st.bytes_acked);
	/* SIOCINQ is the next datagram's size on a datagram socket; and
	 * only TCP's SIOCOUTQ counts data bytes, unacknowledged: elsewhere
	 * it is the send buffer's memory, the kernel's overhead included. */
	if ((st.inq >= 0 || st.outq >= 0) && h->type == SOCK_DGRAM)
		fprintf(f, _("  queued: the next datagram to read has %d bytes "
		    "(SIOCINQ; those behind it are not counted); %d bytes of "
		    "send buffer hold data not yet taken (SIOCOUTQ, the "
		    "kernel's overhead included)\n"), st.inq < 0 ? 0 : st.inq,
		    st.outq < 0 ? 0 : st.outq);
	else if ((st.inq >= 0 || st.outq >= 0) && !is_tcp)
		fprintf(f, _("  queued: %d bytes to read (SIOCINQ); %d bytes "
		    "of send buffer hold data the peer has not read (SIOCOUTQ, "
		    "the kernel's overhead included)\n"),
		    st.inq < 0 ? 0 : st.inq, st.outq < 0 ? 0 : st.outq);
	else if (st.inq >= 0 || st.outq >= 0)
		fprintf(f, _("  queued: %d bytes to read (SIOCINQ), %d bytes "
		    "sent and not yet acknowledged (SIOCOUTQ)\n"),
		    st.inq < 0 ? 0 : st.inq, st.outq < 0 ? 0 : st.outq);
	details(&st, d, sizeof d, 0);	/* the afterlife is said above */
	if (d[0] != '\0')
		fprintf(f, "  %s\n", d);
	fprintf(f, _("  this shell sent %llu bytes on it and received %llu\n"),
	    h->sent, h->received);
}


void
render_jobs(struct shell *sh, FILE *f)
{
	struct job *j;
	char buf[256];

	for (j = sh->jobs; j != NULL; j = j->next)
		fprintf(f, _("  [%d] %s: waiting %s\n"), j->number,
		    j->op.desc, op_waiting_for(sh, &j->op, buf, sizeof buf));
}

/* Every socket the shell holds, one row each, then the waiting jobs. */
void
render_state(struct shell *sh)
{
	render_state_with(sh->out, sh, NULL, 0);
}

void
render_state_with(FILE *f, struct shell *sh, const struct sock_state *states,
    int now)
{
	struct picture_opts o;
	struct render_row *rows;
	struct sock_state st;
	size_t i, n = 0, gone = 0;

	if (sh->nhandles == 0) {
		fprintf(f, "%s\n", _("  (no sockets yet: create one "
		    "with 'socket NAME')"));
		return;
	}
	rows = malloc(sh->nhandles * sizeof *rows);
	if (rows == NULL)
		return;
	for (i = 0; i < sh->nhandles; i++) {
		if (sh->handles[i]->retired)
			continue;
		if (states != NULL)
			st = states[i];
		else
			state_collect_brief(sh->handles[i], &st);
		/* NOW: a closed socket whose connection is gone too has
		 * nothing to show now; one the kernel still keeps, a row. */
		if (now && !st.open && !st.afterlife) {
			gone++;
			continue;
		}
		fill_row(&st, &rows[n]);
		if (now && !st.open)
			rows[n].details[0] = '\0';
		else
			details(&st, rows[n].details, sizeof rows[n].details,
			    1);
		n++;
	}
	/* As wide as the picture: the terminal's width, or COLUMNS, or 80
	 * (a script's transcript too). Columns on the screen, not bytes
	 * (Cyrillic takes two bytes a letter), as the picture counts them. */
	picture_opts_detect(sh, &o);
	if (n > 0)
		render_table_print(f, rows, n, o.width, width_locale_utf8());
	if (gone > 0)
		fprintf(f, P_("  (%zu closed socket not shown: 'show' lists "
		    "every socket)\n", "  (%zu closed sockets not shown: "
		    "'show' lists every socket)\n", (unsigned long)gone), gone);
	free(rows);
	render_jobs(sh, f);
}
