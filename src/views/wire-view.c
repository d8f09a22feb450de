/* wire-view.c - the segments on the wire, as the student reads them: who
 * sent it to whom, its flags in words, its relative sequence numbers and
 * its payload's length; a datagram and its length. */
#include <config.h>

#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "base/i18n.h"
#include "base/width.h"
#include "core/handle.h"
#include "core/shell.h"
#include "state/wire.h"
#include "views/wire-view.h"

#define NAMES_LEN	96

/* "cli → srv" for S. */
static const char *
ends(struct shell *sh, const struct wire_seg *s, char *buf, size_t n)
{
	char a[48], b[48];

	snprintf(buf, n, "%s %s %s", wire_end_name(sh, s, 0, a, sizeof a),
	    width_locale_utf8() ? "\u2192" : "->",
	    wire_end_name(sh, s, 1, b, sizeof b));
	return buf;
}

/* The widest "cli → srv" of the segments FROM to TO. */
static int
ends_width(struct shell *sh, size_t from, size_t to)
{
	char buf[NAMES_LEN];
	int w, max = 0;
	size_t i;

	for (i = from; i < to; i++)
		if ((w = width_text(ends(sh, &sh->wire->segs[i], buf,
		    sizeof buf), width_locale_utf8())) > max)
			max = w;
	return max;
}

/* One segment's line, after LEAD (the label, or blanks). */
static void
seg_line(struct shell *sh, FILE *f, const char *lead,
    const struct wire_seg *s, int width)
{
	char names[NAMES_LEN], flags[48];
	int pad;

	ends(sh, s, names, sizeof names);
	pad = width - width_text(names, width_locale_utf8());
	fprintf(f, "%s%s%*s  ", lead, names, pad > 0 ? pad : 0, "");
	if (s->proto == IPPROTO_UDP) {
		fprintf(f, P_("UDP datagram, %u byte\n", "UDP datagram, %u "
		    "bytes\n", s->len), (unsigned)s->len);
		return;
	}
	fprintf(f, "%-16s", wire_flags(s->flags, ", ", flags, sizeof flags));
	if ((s->flags & (WIRE_SYN | WIRE_FIN | WIRE_RST)) || s->len > 0)
		fprintf(f, " seq %u", (unsigned)s->seq);
	if (s->flags & WIRE_ACK)
		fprintf(f, " ack %u", (unsigned)s->ack);
	if (s->len > 0)
		fprintf(f, P_(", %u byte", ", %u bytes", s->len),
		    (unsigned)s->len);
	fputc('\n', f);
}

/* The segments FROM to TO under the label LABEL ("  wire: "). */
static void
seg_lines(struct shell *sh, FILE *f, const char *label, size_t from,
    size_t to)
{
	char blank[64];
	int width = ends_width(sh, from, to), lw;
	size_t i;

	lw = width_text(label, width_locale_utf8());
	snprintf(blank, sizeof blank, "%*s", lw < 63 ? lw : 63, "");
	for (i = from; i < to; i++)
		seg_line(sh, f, i == from ? label : blank, &sh->wire->segs[i],
		    width);
}

/* Counters mode: what each socket's kernel counted in the step. */
static void
counts(struct shell *sh, FILE *f)
{
	unsigned out, in;
	int said = 0;
	size_t i;

	for (i = 0; i < sh->nhandles; i++) {
		if (wire_count_delta(sh, sh->handles[i], &out, &in) < 0 ||
		    (out == 0 && in == 0))
			continue;
		if (!said++)
			fprintf(f, "%s\n", _("  wire (the kernel's segment "
			    "counters, TCP_INFO: counts, not packets):"));
		fprintf(f, _("    %s: %u segments out, %u in\n"),
		    sh->handles[i]->name, out, in);
	}
}

void
wire_view_step(struct shell *sh, FILE *f)
{
	struct wire *w = sh->wire;
	char label[64];

	if (w == NULL || w->mode == WIRE_OFF)
		return;
	if (w->mode == WIRE_COUNTERS) {
		counts(sh, f);
		return;
	}
	if (w->shown >= w->n)
		return;
	snprintf(label, sizeof label, "  %s ", _("wire:"));
	seg_lines(sh, f, label, w->shown, w->n);
	w->shown = w->n;
}

/* Milliseconds from A to B. */
static long
ms_between(const struct timeval *a, const struct timeval *b)
{
	return (b->tv_sec - a->tv_sec) * 1000L + (b->tv_usec - a->tv_usec) /
	    1000L;
}

void
wire_view_late(struct shell *sh, FILE *f)
{
	struct wire *w = sh->wire;
	char label[96];
	size_t i;
	long ms;

	if (w == NULL || w->mode != WIRE_CAPTURE)
		return;
	wire_collect(sh);
	for (i = w->shown; i < w->n; i++) {
		ms = ms_between(&w->step_end, &w->segs[i].ts);
		snprintf(label, sizeof label, _("  wire, %ld ms after %s: "),
		    ms < 0 ? 0 : ms, w->step_name);
		seg_lines(sh, f, label, i, i + 1);
	}
	w->shown = w->n;
}

void
wire_view_list(struct shell *sh, FILE *f, int all)
{
	struct wire *w = sh->wire;
	char label[64];
	size_t i, from;

	if (w == NULL || w->n == 0) {
		fprintf(f, "%s\n", _("no segments on the wire yet"));
		return;
	}
	if (!all) {
		from = w->step_first < w->n ? w->step_first : w->n;
		if (from == w->n)
			fprintf(f, "%s\n", _("the last step put no segment on "
			    "the wire"));
		else
			seg_lines(sh, f, "  ", from, w->n);
		return;
	}
	for (i = 0; i < w->n; i = from) {
		for (from = i; from < w->n && w->segs[from].step ==
		    w->segs[i].step; from++)
			;
		snprintf(label, sizeof label, _("  step %-3lu "),
		    w->segs[i].step);
		seg_lines(sh, f, label, i, from);
	}
}
