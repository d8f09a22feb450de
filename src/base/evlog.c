/* evlog.c - the event log: every call made, in order, as plain data. */
#include <config.h>

#include <string.h>

#include "base/evlog.h"

/* The address a bind or connect was given, kept with its event. */
void
event_set_addr(struct event *ev, const struct sockaddr_storage *ss,
    socklen_t len)
{
	if (ev == NULL || len > sizeof ev->addr)
		return;
	memcpy(&ev->addr, ss, len);
	ev->addrlen = len;
}
