/* expect.c - what a step says it must produce, in the spirit of
 * packetdrill: "connect cli 127.0.0.1 1 => ECONNREFUSED". A lesson checks
 * itself this way, and a step meant to fail does not fail the run. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <netinet/in.h>

#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "base/text.h"
#include "base/width.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expect.h"
#include "input/lex.h"
#include "state/state.h"
#include "state/wire.h"

/* Moves the words after an unquoted "=>" from T to EX. */
int
expect_split(struct tokens *t, struct tokens *ex)
{
	size_t i;

	memset(ex, 0, sizeof *ex);
	for (i = 0; i < t->n; i++)
		if (!t->v[i].quoted && strcmp(t->v[i].text, "=>") == 0)
			break;
	if (i == t->n)
		return 0;
	ex->n = t->n - i - 1;
	ex->v = malloc((ex->n ? ex->n : 1) * sizeof *ex->v);
	if (ex->v == NULL)
		return -1;
	memcpy(ex->v, t->v + i + 1, ex->n * sizeof *ex->v);
	free(t->v[i].text);
	free(t->v[i].var);
	t->n = i;
	ex->line = t->line;
	return 1;
}

size_t
expect_cut(const char *line, size_t len)
{
	char err[MESSAGE_LEN];
	struct tokens t;
	size_t i, cut = len;

	if (memmem(line, len, "=>", 2) == NULL ||
	    lex_line(line, len, &t, err) < 0)
		return len;
	for (i = 0; i < t.n; i++)
		if (!t.v[i].quoted && strcmp(t.v[i].text, "=>") == 0) {
			cut = t.v[i].start;
			break;
		}
	words_free(&t);
	return cut;
}

static int
errno_by_name(const char *name)
{
	int e;

	for (e = 1; e < 134; e++)
		if (strcmp(errinfo_name(e), name) == 0)
			return e;
	if (strcmp(name, "EWOULDBLOCK") == 0)
		return EWOULDBLOCK;
	return 0;
}

static int
tcp_state_by_name(const char *name)
{
	int s;

	for (s = 1; s <= 12; s++)
		if (strcasecmp(state_tcp_name(s), name) == 0)
			return s;
	return 0;
}

static int
step_by_name(const char *name)
{
	int s;

	for (s = STEP_CREATED; s <= STEP_CLOSED; s++)
		if (strcasecmp(state_step_name((enum step)s), name) == 0 ||
		    strcasecmp(state_step_name_c((enum step)s), name) == 0)
			return s;
	return -1;
}

static int
is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0';
}

/*
 * The call this command made: its first event on the command's socket
 * HANDLE (a job that ended meanwhile logs its own call first), else its
 * first event, or NULL.
 */
static const struct event *
first_call(struct shell *sh, size_t first, const char *handle)
{
	struct handle *h = handle != NULL ? handle_find(sh, handle) : NULL;
	size_t i;

	for (i = first; h != NULL && i < sh->log.n; i++)
		if (sh->log.v[i].handle_id == h->id)
			return &sh->log.v[i];
	return first < sh->log.n ? &sh->log.v[first] : NULL;
}

/* The data the call received (EV) is the quoted word W. */
static int
check_data(struct shell *sh, const struct token *w, const struct event *ev,
    char *why, size_t n)
{
	char shown[128], got[128];

	if (sh->last_data != NULL && sh->last_len == w->len &&
	    memcmp(sh->last_data, w->text, w->len) == 0 &&
	    ev != NULL && ev->type->role == ROLE_RECV)
		return 1;
	text_escape(w->text, w->len, 40, shown, sizeof shown);
	if (ev == NULL || ev->type->role != ROLE_RECV ||
	    ev->result <= 0)
		snprintf(why, n, _("expected to receive \"%s\", but nothing "
		    "was received"), shown);
	else
		snprintf(why, n, _("expected to receive \"%s\", but got "
		    "\"%s\""), shown, text_escape(sh->last_data,
		    sh->last_len, 40, got, sizeof got));
	return 0;
}

/* The call (EV) failed with E, the errno WORD names. */
static int
check_errno(const struct event *ev, const char *word, int e, char *why,
    size_t n)
{
	if (ev != NULL && ev->result == -1 && ev->err == e)
		return 1;
	if (ev == NULL)
		snprintf(why, n, _("expected %s, but no call was made"), word);
	else if (ev->result == -1)
		snprintf(why, n, _("expected %s, but the call failed with %s"),
		    word, errinfo_name(ev->err));
	else
		snprintf(why, n, _("expected %s, but the call returned %lld"),
		    word, ev->result);
	return 0;
}

/* The call (EV) returned the number WORD. */
static int
check_result(const struct event *ev, const char *word, char *why, size_t n)
{
	if (ev != NULL && ev->result == atoll(word))
		return 1;
	if (ev == NULL)
		snprintf(why, n, _("expected %s, but no call was made"), word);
	else
		snprintf(why, n, _("expected the call to return %s, but it "
		    "returned %lld"), word, ev->result);
	return 0;
}

/* A state, W: of the command's socket HANDLE, or NAME:STATE; -1 when W is
 * no state either. */
static int
check_state(struct shell *sh, const struct token *w, const char *handle,
    char *why, size_t n)
{
	const char *word = w->text, *colon;
	char name[128];
	struct sock_state st;
	struct handle *h;
	int e, s;

	colon = strchr(word, ':');
	if (colon != NULL) {
		snprintf(name, sizeof name, "%.*s", (int)(colon - word), word);
		handle = name;
		word = colon + 1;
	}
	s = tcp_state_by_name(word);
	e = step_by_name(word);
	if (s == 0 && e < 0) {
		snprintf(why, n, _("unknown expectation '%.40s': write ok, "
		    "error, EOF, a number, an errno name (ECONNREFUSED), a "
		    "\"string\", a TCP state (ESTABLISHED) or a step "
		    "(listening), optionally as NAME:STATE"), w->text);
		return -1;
	}
	h = handle != NULL ? handle_find(sh, handle) : NULL;
	if (h == NULL) {
		snprintf(why, n, _("expected %s, but there is no socket "
		    "'%s'"), word, handle ? handle : "?");
		return 0;
	}
	state_collect(h, &st);
	/* A closed socket's connection the kernel keeps counts too. */
	if ((s != 0 && st.tcp_state == s) ||
	    (e >= 0 && st.step == (enum step)e))
		return 1;
	snprintf(why, n, _("expected %s to be %s, but it is %s (%s)"),
	    h->name, word, state_step_name(st.step), st.tcp_state ?
	    state_tcp_name(st.tcp_state) : "-");
	return 0;
}

#define WIRE_EXPECT_MAX	32	/* segments one wire expectation names */
#define WIRE_UDP	0x100	/* an expected datagram */
#define WIRE_WAIT_MS	300	/* how long a step's segments may take */

/* The segments "~SYN,SYN-ACK,ACK" names, into V (flags; WIRE_UDP); their
 * count, or -1 when a word is no flag. */
static int
wire_expected(const char *list, int *v)
{
	const char *p = list, *e;
	int n = 0, bit;

	if (strcasecmp(list, "none") == 0)
		return 0;
	while (*p != '\0' && n < WIRE_EXPECT_MAX) {
		v[n] = 0;
		for (;;) {
			e = p + strcspn(p, "-,");
			if (e - p == 3 && strncasecmp(p, "UDP", 3) == 0)
				v[n] |= WIRE_UDP;
			else if ((bit = wire_flag_bit(p, (size_t)(e - p))) < 0)
				return -1;
			else
				v[n] |= bit;
			p = e;
			if (*p != '-')
				break;
			p++;
		}
		n++;
		if (*p == ',')
			p++;
	}
	return *p == '\0' && n > 0 ? n : -1;
}

/* The flags of the step's segments, as written after "~", into BUF. */
static const char *
wire_got(const struct wire_seg *s, size_t n, char *buf, size_t len)
{
	char f[48];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "," : "",
		    s[i].proto != IPPROTO_TCP ? "UDP" : wire_flags(s[i].flags,
		    "-", f, sizeof f));
	if (n == 0)
		snprintf(buf, len, "%s", _("nothing"));
	return buf;
}

/*
 * "~SYN,SYN-ACK,ACK": the segments the step put on the wire, by their
 * flags and order, waiting a short while for them. Without a capture it
 * is skipped, said in one line (held).
 */
static int
check_wire(struct shell *sh, const char *list, char *why, size_t n)
{
	int want[WIRE_EXPECT_MAX], count, i;
	const struct wire_seg *s;
	char got[256];
	size_t have;

	if ((count = wire_expected(list, want)) < 0) {
		snprintf(why, n, _("unknown expectation '~%.40s': the wire's "
		    "segments are flags joined by '-', in order, separated by "
		    "',', as in ~SYN,SYN-ACK,ACK (UDP for a datagram, ~none for "
		    "nothing)"), list);
		return -1;
	}
	if (wire_mode(sh) != WIRE_CAPTURE) {
		fprintf(sh->out, _("  ~%s: not checked, the wire is not "
		    "captured here\n"), list);
		return 1;
	}
	have = wire_wait(sh, (size_t)count, WIRE_WAIT_MS);
	have = wire_step_segs(sh, &s);
	for (i = 0; i < count && (size_t)i < have; i++)
		if ((want[i] & WIRE_UDP) ? s[i].proto == IPPROTO_TCP :
		    s[i].proto != IPPROTO_TCP || s[i].flags != want[i])
			break;
	if (i == count && have == (size_t)count)
		return 1;
	snprintf(why, n, _("expected the segments ~%s on the wire, but the "
	    "step put %s there"), list, wire_got(s, have, got, sizeof got));
	return 0;
}

/* Checks one word W; returns 1 when it holds, else 0 with WHY set (-1
 * when W is no expectation at all). */
static int
check_word(struct shell *sh, const struct token *w, const char *handle,
    int rc, size_t first, char *why, size_t n)
{
	const struct event *ev = first_call(sh, first, handle);
	const char *word = w->text;
	int e;

	if (w->quoted)
		return check_data(sh, w, ev, why, n);
	if (word[0] == '~')
		return check_wire(sh, word + 1, why, n);
	if (strcasecmp(word, "ok") == 0) {
		if (rc == 0)
			return 1;
		snprintf(why, n, "%s", _("expected success, but it failed"));
		return 0;
	}
	if (strcasecmp(word, "error") == 0) {
		if (rc < 0)
			return 1;
		snprintf(why, n, "%s", _("expected an error, but it "
		    "succeeded"));
		return 0;
	}
	if (strcmp(word, "EOF") == 0) {
		if (ev != NULL && ev->type->role == ROLE_RECV && ev->result == 0)
			return 1;
		snprintf(why, n, "%s", _("expected the end of the stream "
		    "(recv = 0), but it was not"));
		return 0;
	}
	if (word[0] == 'E' && (e = errno_by_name(word)) != 0)
		return check_errno(ev, word, e, why, n);
	if (is_number(word))
		return check_result(ev, word, why, n);
	return check_state(sh, w, handle, why, n);
}

int
expect_holds(struct shell *sh, const struct token *w, const char *handle,
    int rc, size_t first)
{
	char why[MESSAGE_LEN];

	return check_word(sh, w, handle, rc, first, why, sizeof why) == 1;
}

/* Counts a step checked (HELD or not) for the lesson's summary;
 * returns the line's result, 0 or -1. */
static int
tally(struct shell *sh, int held)
{
	struct tally *t = &sh->tally;

	t->checked++;
	if (held)
		return 0;
	t->missed++;
	if (t->nlines < TALLY_LINES)
		t->lines[t->nlines++] = sh->at.line;
	return -1;
}

/* Whether the command's call failed (returned -1); where it made none,
 * whether the command failed before any. */
static int
call_failed(struct shell *sh, size_t first, const char *handle)
{
	const struct event *ev = first_call(sh, first, handle);

	return ev == NULL || ev->result == -1;
}

int
expect_names_failure(const struct token *w)
{
	return !w->quoted && (strcasecmp(w->text, "error") == 0 ||
	    (w->text[0] == 'E' && errno_by_name(w->text) != 0));
}

/* A word of an expectation as the student reads it: a step (created,
 * bound...) in the student's language, anything else as written. */
static const char *
shown_word(const char *word)
{
	int e = strchr(word, ':') == NULL ? step_by_name(word) : -1;

	return e >= 0 ? state_step_name((enum step)e) : word;
}

/* The expectation's words, as written (strings quoted and escaped). */
static const char *
joined(const struct tokens *ex, char *buf, size_t n)
{
	char esc[128];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < ex->n && o < n; i++) {
		if (ex->v[i].quoted)
			o += (size_t)snprintf(buf + o, n - o, "%s\"%s\"",
			    i ? " " : "", text_escape(ex->v[i].text,
			    ex->v[i].len, 40, esc, sizeof esc));
		else
			o += (size_t)snprintf(buf + o, n - o, "%s%s",
			    i ? " " : "", shown_word(ex->v[i].text));
	}
	return buf;
}

/* The mark of an expectation that holds: a tick where the terminal's
 * charset shows one. */
static const char *
mark(void)
{
	return width_locale_utf8() ? "\u2713" : "ok:";
}

/*
 * Checks EX against what the command did: RC its result, FIRST the index
 * of its first event, HANDLE its first argument. A failure that was
 * expected is forgiven (FAILED_BEFORE restored). Returns the line's
 * result: 0 when every expectation holds, -1 otherwise.
 */
int
expect_check(struct shell *sh, const struct tokens *ex, const char *handle,
    int rc, size_t first, int failed_before)
{
	char why[MESSAGE_LEN], shown[MESSAGE_LEN];
	const char *words;
	size_t i;
	int r, failure = 0;

	if (ex->n == 0) {
		report_error(sh, "%s", _("'=>' must be followed by what the "
		    "step must produce, as in '=> ECONNREFUSED' or '=> \"hi\"'"));
		return -1;
	}
	for (i = 0; i < ex->n; i++) {
		r = check_word(sh, &ex->v[i], handle, rc, first, why,
		    sizeof why);
		if (r != 1) {
			report_error(sh, "%s", why);
			return tally(sh, 0);
		}
		failure |= expect_names_failure(&ex->v[i]);
	}
	words = joined(ex, shown, sizeof shown);
	/* A state can hold though the call failed (the student bound the
	 * socket at a pause): the step did not do what it says. */
	if (rc < 0 && !failure && call_failed(sh, first, handle)) {
		report_error(sh, _("expected %s, but the call failed: this step "
		    "did not do what the lesson says"), words);
		return tally(sh, 0);
	}
	if (rc < 0) {
		sh->failed = failed_before;
		fprintf(sh->out, _("  %s %s: the failure this step expected\n"),
		    mark(), words);
	} else
		fprintf(sh->out, "  %s %s\n", mark(), words);
	return tally(sh, 1);
}

/*
 * At the end of a lesson at a terminal: how many of its steps did what
 * they said, and the line of each that did not.
 */
void
expect_say_tally(struct shell *sh, const char *name)
{
	const struct tally *t = &sh->tally;
	char lines[128] = "";
	size_t i, o = 0;

	if (t->checked == 0 || !sh->terminal)
		return;
	if (t->missed == 0) {
		fprintf(sh->out, P_("Lesson %s: its %u step did what it "
		    "says.\n", "Lesson %s: all %u steps did what they say.\n",
		    (unsigned long)t->checked), name, t->checked);
		return;
	}
	for (i = 0; i < t->nlines && o < sizeof lines; i++)
		o += (size_t)snprintf(lines + o, sizeof lines - o, "%s%lu",
		    i ? ", " : "", t->lines[i]);
	if (t->missed > t->nlines && o < sizeof lines)
		snprintf(lines + o, sizeof lines - o, ", ...");
	fprintf(sh->out, P_("Lesson %s: %u step did not do what it says "
	    "(line %s); %u did.\n", "Lesson %s: %u steps did not do what "
	    "they say (lines %s); %u did.\n", (unsigned long)t->missed),
	    name, t->missed, lines, t->checked - t->missed);
}
