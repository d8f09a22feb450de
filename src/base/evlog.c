/* evlog.c - the event log: every call made, in order, as plain data. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/evlog.h"

/* The address a bind or connect was given, kept with its event. */
void
evlog_set_addr(struct event *ev, const struct sockaddr_storage *ss,
    socklen_t len)
{
	if (ev == NULL || len > sizeof ev->addr)
		return;
	memcpy(&ev->addr, ss, len);
	ev->addrlen = len;
}

struct event *
evlog_add(struct evlog *log, const struct ev_type *type, int handle_id,
    int other_id, long long result, int err)
{
	struct event *v;

	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 64;

		v = realloc(log->v, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		log->v = v;
		log->cap = cap;
	}
	v = &log->v[log->n++];
	memset(v, 0, sizeof *v);
	v->type = type;
	v->handle_id = handle_id;
	v->other_id = other_id;
	v->result = result;
	v->err = err;
	v->seq = ++log->seq;
	v->id = v->seq;
	return v;
}

void
evlog_free(struct evlog *log)
{
	free(log->v);
	log->v = NULL;
	log->n = log->cap = 0;
}
