/* wire-file.c - the wire's packets into a pcap file (tcpdump -r reads
 * it), and the kernel's segment counters where there is no capture. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#ifdef HAVE_PCAP
#include <pcap/pcap.h>
#endif

#include "base/i18n.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/state.h"
#include "state/wire.h"

#ifdef HAVE_PCAP
/*
 * A new pcap file at PATH: never through a symbolic link, and over an
 * existing file only with FORCE (then truncated). NULL with WHY.
 */
static pcap_dumper_t *
open_dump(const char *path, int force, pcap_t **dead, char *why, size_t n)
{
	int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC;
	pcap_dumper_t *d;
	FILE *f;
	int fd;

	flags |= force ? O_TRUNC : O_EXCL;
	if ((fd = open(path, flags, 0644)) < 0) {
		snprintf(why, n, errno == EEXIST ? _("%s: %s (add --force to "
		    "write over it)") : "%s: %s", path, strerror(errno));
		return NULL;
	}
	*dead = pcap_open_dead(DLT_EN10MB, WIRE_SNAPLEN);
	if (*dead == NULL || (f = fdopen(fd, "wb")) == NULL) {
		snprintf(why, n, "%s: %s", path, strerror(ENOMEM));
		if (*dead != NULL)
			pcap_close(*dead);
		close(fd);
		return NULL;
	}
	if ((d = pcap_dump_fopen(*dead, f)) == NULL) {
		snprintf(why, n, "%s: %s", path, pcap_geterr(*dead));
		pcap_close(*dead);
		fclose(f);
	}
	return d;
}

/* The session's packets into D. */
static void
dump_all(const struct wire *w, pcap_dumper_t *d)
{
	struct pcap_pkthdr hdr;
	size_t i;

	for (i = 0; i < w->n; i++) {
		hdr.ts = w->segs[i].ts;
		hdr.caplen = w->segs[i].caplen;
		hdr.len = w->segs[i].wirelen;
		pcap_dump((unsigned char *)d, &hdr, w->segs[i].data);
	}
}
#endif

int
wire_save(struct shell *sh, const char *path, int force, char *why,
    size_t n)
{
#ifdef HAVE_PCAP
	pcap_dumper_t *d;
	pcap_t *dead;
	int rc = 0;

	if ((d = open_dump(path, force, &dead, why, n)) == NULL)
		return -1;
	if (sh->wire != NULL)
		dump_all(sh->wire, d);
	if (pcap_dump_flush(d) < 0) {
		snprintf(why, n, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return rc;
#else
	(void)sh; (void)path; (void)force;
	snprintf(why, n, "%s", _("this sockshell was built without libpcap"));
	return -1;
#endif
}

int
wire_dump_to(struct shell *sh, const char *path, int force, char *why,
    size_t n)
{
#ifdef HAVE_PCAP
	pcap_dumper_t *d;
	pcap_t *dead;

	if (sh->wire == NULL && (sh->wire = calloc(1, sizeof *sh->wire)) ==
	    NULL) {
		snprintf(why, n, "%s", strerror(ENOMEM));
		return -1;
	}
	if ((d = open_dump(path, force, &dead, why, n)) == NULL)
		return -1;
	/* The dumper keeps what it needs of the dead handle: the header is
	 * written. */
	dump_all(sh->wire, d);
	pcap_dump_flush(d);
	pcap_close(dead);
	sh->wire->dumper = d;
	return 0;
#else
	(void)sh; (void)path; (void)force;
	snprintf(why, n, "%s", _("this sockshell was built without libpcap"));
	return -1;
#endif
}

/* H's segment counters from TCP_INFO; -1 where it has none. */
static int
counters(const struct handle *h, unsigned *out, unsigned *in)
{
	struct sock_state st;

	if (h->fd < 0 || h->type != SOCK_STREAM || (h->family != AF_INET &&
	    h->family != AF_INET6))
		return -1;
	state_collect(h, &st);
	if (!st.have_info)
		return -1;
	*out = st.segs_out;
	*in = st.segs_in;
	return 0;
}

void
wire_counts_snapshot(struct shell *sh)
{
	struct wire *w = sh->wire;
	struct wire_count *c;
	size_t i;

	if (w == NULL)
		return;
	c = realloc(w->counts, (sh->nhandles ? sh->nhandles : 1) * sizeof *c);
	if (c == NULL)
		return;
	w->counts = c;
	w->ncounts = 0;
	for (i = 0; i < sh->nhandles; i++) {
		c[w->ncounts].id = sh->handles[i]->id;
		if (counters(sh->handles[i], &c[w->ncounts].out,
		    &c[w->ncounts].in) == 0)
			w->ncounts++;
	}
}

int
wire_count_delta(struct shell *sh, const struct handle *h, unsigned *out,
    unsigned *in)
{
	struct wire *w = sh->wire;
	unsigned o, i0;
	size_t i;

	if (w == NULL || counters(h, &o, &i0) < 0)
		return -1;
	*out = o;
	*in = i0;
	for (i = 0; i < w->ncounts; i++)
		if (w->counts[i].id == h->id) {
			*out = o - w->counts[i].out;
			*in = i0 - w->counts[i].in;
		}
	return 0;
}
