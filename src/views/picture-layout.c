/* picture-layout.c - the rows: each call on one, in order.
 *
 * Layout, in the order the calls began (a background job's call where it
 * began): a call with an arrow takes the next row free in both columns,
 * or its partner's row if that is still free on its own side; a call
 * without one takes the next row free in its own column, so the client's
 * first boxes sit beside the server's, as on the slides; a socket's
 * first box goes below the boxes of the sockets closed before it (a new
 * exchange under the one that ended). Earlier boxes never move when a
 * later one comes, so each command adds its box to the picture before. A few passes over the calls, with the pairs found
 * through hash tables of addresses: no work grows with the square of the
 * sockets.
 */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/shell.h"
#include "views/picture-build.h"

/* --- Rows --------------------------------------------------------------- */

static struct prow *
new_row(struct picture *p)
{
	struct prow *r = &p->r[p->nr++];

	r->cell[LEFT] = r->cell[RIGHT] = r->arrow = r->pseudo_sock = NONE;
	r->pseudo_arrow = A_NONE;
	r->pseudo_n = 0;
	r->nbar = 0;
	return r;
}

/* Places each call on a row; see the top of the file. */
static void
layout(struct picture *p)
{
	int cur[2], x, min, row, pr, k, done = NONE;

	cur[LEFT] = cur[RIGHT] = (int)p->nr;
	for (k = 0; k < (int)p->ne; k++) {
		struct pev *e = &p->e[k];
		struct psock *s;

		if (e->sock == NONE)
			continue;
		s = &p->s[e->sock];
		x = s->side;
		min = cur[x];
		/* A socket begins below the sockets closed before it: a new
		 * exchange under the one that ended. */
		if (k == s->first_k && done >= min)
			min = done + 1;
		/* A connect comes after the listen it reaches. */
		if (e->role == ROLE_CONNECT && e->target != NONE) {
			const struct psock *l = &p->s[e->target];

			if (l->side != x && l->listen_k != NONE &&
			    l->listen_k < k &&
			    p->e[l->listen_k].row >= min)
				min = p->e[l->listen_k].row + 1;
		}
		pr = e->partner != NONE && e->partner < k ?
		    p->e[e->partner].row : NONE;
		if (pr != NONE && pr >= min && p->r[pr].cell[x] == NONE)
			row = pr;
		else if (e->arrow != A_NONE)
			row = min > cur[!x] ? min : cur[!x];
		else
			for (row = min; row < (int)p->nr &&
			    p->r[row].arrow != NONE; row++)
				;
		while ((int)p->nr <= row)
			new_row(p);
		p->r[row].cell[x] = k;
		if (e->arrow != A_NONE && p->r[row].arrow == NONE)
			p->r[row].arrow = k;
		e->row = row;
		cur[x] = row + 1;
		if (row > s->last_row)
			s->last_row = row;
		if (e->role == ROLE_CLOSE && e->ev->result == 0 &&
		    s->last_row > done)
			done = s->last_row;
	}
}

static int
by_lo(const void *a, const void *b, void *arg)
{
	const struct pbus *x = &((const struct pbus *)arg)[*(const int *)a];
	const struct pbus *y = &((const struct pbus *)arg)[*(const int *)b];

	return (x->lo > y->lo) - (x->lo < y->lo);
}

/*
 * Once every call has its row: a bus for each pair of calls that could
 * not share one, each bus's rows, its receiving side, and a line of the
 * gap that no other bus on that side uses on those rows.
 */
static int
place_buses(struct picture *p)
{
	int last[2][BUS_SLOTS], *order, x, j;
	size_t k, i;

	for (k = 0; k < p->ne; k++) {
		struct pev *e = &p->e[k];

		if (e->sock != NONE && e->partner > (int)k &&
		    e->bus == NONE && p->e[e->partner].bus == NONE &&
		    e->row != p->e[e->partner].row)
			e->bus = p->e[e->partner].bus = (int)p->nb++;
	}
	for (i = 0; i < p->nb; i++) {
		p->b[i].lo = INT32_MAX;
		p->b[i].hi = NONE;
		p->b[i].side = LEFT;
	}
	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];
		struct pbus *b;

		if (e->bus == NONE || e->row == NONE)
			continue;
		b = &p->b[e->bus];
		if (e->row < b->lo)
			b->lo = e->row;
		if (e->row > b->hi)
			b->hi = e->row;
		if (!e->out)
			b->side = p->s[e->sock].side;
	}
	order = malloc((p->nb + 1) * sizeof *order);
	if (order == NULL)
		return -1;
	for (i = 0; i < p->nb; i++)
		order[i] = (int)i;
	qsort_r(order, p->nb, sizeof *order, by_lo, p->b);
	for (x = 0; x < 2; x++)
		for (j = 0; j < BUS_SLOTS; j++)
			last[x][j] = NONE;
	for (i = 0; i < p->nb; i++) {
		struct pbus *b = &p->b[order[i]];
		int r;

		if (b->hi <= b->lo)
			continue;	/* on one row: a plain arrow */
		/* The first line free from b's first row on; with none
		 * free, the one that frees first (lines then overlap). */
		b->slot = 0;
		for (j = 0; j < BUS_SLOTS; j++)
			if (last[b->side][j] < b->lo) {
				b->slot = j;
				break;
			} else if (last[b->side][j] < last[b->side][b->slot])
				b->slot = j;
		last[b->side][b->slot] = b->hi;
		for (r = b->lo; r <= b->hi; r++)
			if (p->r[r].nbar < MAX_BARS)
				p->r[r].bars[p->r[r].nbar++] = order[i];
	}
	free(order);
	return 0;
}

static void
add_pseudo(struct picture *p, int sock, enum arrow a, long long n)
{
	struct prow *r = new_row(p);

	r->pseudo_sock = sock;
	r->pseudo_arrow = a;
	r->pseudo_n = n;
}

/* What the kernel holds that no call of the shell's explains: another
 * program's connections in a listener's queue, its data and its close. */
static void
count_queued(struct picture *p)
{
	size_t k;

	for (k = 0; k < p->ne; k++) {
		const struct pev *e = &p->e[k];

		if (e->role == ROLE_CONNECT && e->arrow == A_CONNECT &&
		    e->partner == NONE && e->target != NONE)
			p->s[e->target].queued++;
	}
}

static void
state_rows(struct picture *p)
{
	int i;

	for (i = 0; i < (int)p->ns; i++) {
		const struct psock *s = &p->s[i];

		if (!s->st.open)
			continue;
		if (s->st.listening) {
			if ((long long)s->st.accept_queue > s->queued)
				add_pseudo(p, i, A_CONNECT,
				    (long long)s->st.accept_queue - s->queued);
		} else if (is_tcp(s) && s->remote) {
			if (s->st.inq > 0)
				add_pseudo(p, i, A_DATA, s->st.inq);
			if (s->st.tcp_state == TCP_CLOSE_WAIT &&
			    s->eof_k == NONE)
				add_pseudo(p, i, A_EOF, 0);
			else if (s->st.tcp_state == TCP_CLOSE &&
			    s->st.step == STEP_DISCONNECTED && s->eof_k == NONE)
				add_pseudo(p, i, A_RESET, 0);
		} else if (!is_tcp(s) && (s->st.inq > 0 ||
		    s->st.dgram_waiting) && s->unmatched_in == 0)
			add_pseudo(p, i, A_DATA, s->st.inq);	/* 0 B too */
	}
}

void
picture_layout_free(struct picture *p)
{
	free(p->s);
	free(p->e);
	free(p->r);
	free(p->b);
	free(p->send_list);
	free(p->recv_list);
	free(p->in_list);
	free(p->groups);
	picture_peers_free(p);
}

/* Reads the sockets and the calls, and decides every row. */
int
picture_layout_prepare(struct picture *p)
{
	size_t i;

	p->s = calloc(p->ns + 1, sizeof *p->s);
	if (p->s == NULL)
		return -1;
	for (i = 0; i < p->ns; i++) {
		struct psock *s = &p->s[i];

		s->h = p->sh->handles[i];
		if (p->states != NULL)
			s->st = p->states[i];
		else
			state_collect_brief(p->sh->handles[i], &s->st);
		s->dest = s->via = s->listener = s->side = NONE;
		s->bind_k = s->connect_k = s->send_k = s->recv_k = NONE;
		s->listen_k = s->conn_k = s->conn_ok = NONE;
		s->last_connect_k = s->close_k = s->eof_k = s->fin_k = NONE;
		s->rst_k = s->reset_k = s->pair_side = s->first_k = NONE;
		s->last_row = NONE;
	}
	if (picture_pair_collect(p) < 0)
		return -1;
	picture_pair_scan(p);
	if (picture_peers_find(p) < 0)
		return -1;
	for (i = 0; i < p->ne; i++)
		if (p->e[i].role == ROLE_SOCKETPAIR && !p->e[i].twin &&
		    p->e[i].other != NONE && p->e[i].sock != NONE) {
			p->s[p->e[i].sock].dest = p->e[i].other;
			p->s[p->e[i].other].dest = p->e[i].sock;
		}
	picture_pair_arrows(p);
	if (picture_pair_groups(p) < 0)
		return -1;
	if (picture_pair_sides(p) < 0)
		return -1;
	if (picture_pair_list_data(p) < 0)
		return -1;
	p->b = calloc(p->ne + 1, sizeof *p->b);
	if (p->b == NULL)
		return -1;
	picture_pair_calls(p);
	count_queued(p);
	p->r = malloc((p->ne + 2 * p->ns + 1) * sizeof *p->r);
	if (p->r == NULL)
		return -1;
	layout(p);
	state_rows(p);
	p->groups->nrows = (int)p->nr;
	return place_buses(p);
}

