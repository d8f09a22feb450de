/* picture-fit.c - a box's text in the text renderer: made into one line
 * from the model's parts, and cut to fit its width: what the call did
 * first (an address from its left, so its port stays), then the padding
 * that lines the calls up, the words of a failure or a wait (its mark
 * stays), the socket's name; never the call's name. */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/width.h"
#include "views/picture-fit.h"

/* Appends printf-style text to BUF (of size N) holding a string. */
static void
cat(char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t n, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, n - len, fmt, ap);
	va_end(ap);
}

/* Appends S to BUF (of size N, holding LEN bytes of string), then PAD
 * blanks; the new length. cat without printf, for the head of every box
 * of every step. */
static size_t
cat_str(char *buf, size_t n, size_t len, const char *s, int pad)
{
	size_t sl = strlen(s);

	if (len + sl >= n)
		sl = len + 1 < n ? n - len - 1 : 0;
	memcpy(buf + len, s, sl);
	len += sl;
	for (; pad > 0 && len + 1 < n; pad--)
		buf[len++] = ' ';
	buf[len] = '\0';
	return len;
}

/* A call's box as one line, "Receive conn 13 B", its names lined up on
 * the others', and apart " ✗ ECONNRESET" when it failed. */
void
picture_fit_call(const struct fit *p, const struct pic_box *b, struct cellv *c)
{
	int w = width_text(b->op, p->utf8);

	c->newest = b->newest;
	c->own = 1;
	c->op_len = (int)strlen(b->op);
	c->name_at = (int)cat_str(c->main, sizeof c->main, 0, b->op,
	    (w < p->opw ? p->opw - w : 0) + 1);
	c->head_len = (int)cat_str(c->main, sizeof c->main,
	    (size_t)c->name_at, b->name, 0);
	if (b->text[0] != '\0')
		cat(c->main, sizeof c->main, " %s", b->text);
	if (b->to != NULL)
		cat(c->main, sizeof c->main, " %s %s", p->to, b->to);
	if (b->brief[0] != '\0')	/* cut as it may be, as snprintf */
		cat_str(c->brief, sizeof c->brief, cat_str(c->brief,
		    sizeof c->brief, 0, " ", 0), b->brief, 0);
	c->style = b->look == PIC_FAILED ? S_FAIL : b->look == PIC_PENDING ?
	    S_WAIT : S_PLAIN;
	if (b->status[0] != '\0')
		snprintf(c->suffix, sizeof c->suffix, " %s %s",
		    b->look == PIC_PENDING ? p->waiting : p->fail,
		    b->status);
}

/* The ":PORT" that ends TEXT (an address), or NULL. */
static const char *
port_tail(const char *text)
{
	const char *colon = strrchr(text, ':');

	if (colon == NULL || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return NULL;
	return colon;
}

/* S in WIDTH columns (1 at least): its start and an ellipsis. */
static void
cut_right(const struct fit *p, const char *s, int width, char *out,
    size_t n)
{
	int used;
	size_t nb = width_fit(s, width - 1, p->utf8, &used);

	snprintf(out, n, "%.*s%s", (int)nb, s, p->ellipsis);
}

/* S in WIDTH columns (1 at least): an ellipsis and its end. */
static void
cut_left(const struct fit *p, const char *s, int width, char *out,
    size_t n)
{
	int cols;

	while (*s != '\0' && width_text(s, p->utf8) > width - 1)
		s += width_char(s, SIZE_MAX, p->utf8, &cols);
	snprintf(out, n, "%s%s", p->ellipsis, s);
}

/* An address, as " 127.0.0.1:PORT": cut from its left, it keeps its
 * port. */
static int
is_address(const char *s)
{
	return port_tail(s) != NULL && strchr(s + 1, ' ') == NULL;
}

/*
 * What a call did (" 127.0.0.1:5000", " backlog 1", " → conn") in ROOM
 * columns, into OUT: whole, in brief, an address from its left (its port
 * whole), other text from its right. 0 when it does not fit.
 */
static int
fit_extra(const struct fit *p, const struct cellv *c, int room,
    char *out, size_t n)
{
	const char *x = c->main + c->head_len;
	int utf8 = p->utf8;

	out[0] = '\0';
	if (width_text(x, utf8) <= room) {
		snprintf(out, n, "%s", x);
		return 1;
	}
	if (c->brief[0] != '\0' && width_text(c->brief, utf8) <= room) {
		snprintf(out, n, "%s", c->brief);
		return 1;
	}
	if (is_address(x) && room >= 2 + (int)strlen(port_tail(x))) {
		out[0] = ' ';
		cut_left(p, x + 1, room - 1, out + 1, n - 1);
		return 1;
	}
	if (!is_address(x) && room >= 4) {
		out[0] = ' ';
		cut_right(p, x + 1, room - 1, out + 1, n - 1);
		return 1;
	}
	return 0;
}

/*
 * A box's text in WIDTH columns, cutting what matters least first: what
 * the call did (an address from its left), the padding that lines the
 * calls up, the words of a failure or a wait (its mark stays), the
 * socket's name; never the call's name.
 */
void
picture_fit_cell(const struct fit *p, const struct cellv *c, int width,
    char *out, size_t n)
{
	int utf8 = p->utf8, sw = width_text(c->suffix, utf8);
	int mw = width_text(c->main, utf8), hw, pass, room;
	const char *name = c->main + c->name_at, *sp;
	char head[CELL], ex[CELL], mark[32], sf[64];

	if (mw + sw <= width || c->head_len == 0) {
		/* A note is cut as it is; an address from its left. */
		if (c->head_len == 0 && is_address(c->main) && mw > width)
			cut_left(p, c->main, width, out, n);
		else {
			/* Most cells: the text as it is (no snprintf: this
			 * runs for every box of every step). */
			size_t ml = strlen(c->main), sl = strlen(c->suffix);

			if (ml >= n)
				ml = n - 1;
			if (sl >= n - ml)
				sl = n - ml - 1;
			memcpy(out, c->main, ml);
			memcpy(out + ml, c->suffix, sl);
			out[ml + sl] = '\0';
		}
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		/* With the calls lined up, then without. */
		if (pass == 0)
			snprintf(head, sizeof head, "%.*s", c->head_len,
			    c->main);
		else
			snprintf(head, sizeof head, "%.*s %.*s", c->op_len,
			    c->main, c->head_len - c->name_at, name);
		hw = width_text(head, utf8);
		if (fit_extra(p, c, width - hw - sw, ex, sizeof ex)) {
			snprintf(out, n, "%s%s%s", head, ex, c->suffix);
			return;
		}
	}
	/* " ✗ EADDRINUSE": its mark, " ✗". */
	sp = c->suffix[0] == ' ' ? strchr(c->suffix + 1, ' ') : NULL;
	snprintf(mark, sizeof mark, "%.*s", sp != NULL ? (int)(sp -
	    c->suffix) : (int)strlen(c->suffix), c->suffix);
	if (hw + sw <= width) {
		/* What the call did is left out; an ellipsis says so. */
		int more = c->main[c->head_len] != '\0' && hw + sw + 2 <= width;

		snprintf(out, n, "%s%s%s%s", head, more ? " " : "",
		    more ? p->ellipsis : "", c->suffix);
		return;
	}
	room = width - hw;
	if (c->suffix[0] != '\0' && room >= width_text(mark, utf8)) {
		room -= width_text(mark, utf8);
		if (sp != NULL && room >= 3) {
			sf[0] = ' ';
			cut_right(p, sp + 1, room - 1, sf + 1, sizeof sf - 1);
		} else
			sf[0] = '\0';
		snprintf(out, n, "%s%s%s", head, mark, sf);
		return;
	}
	/* The socket's name, cut; the call's, never. */
	room = width - width_text_n(c->main, (size_t)c->op_len, utf8) - 1 -
	    width_text(mark, utf8);
	if (room >= 2) {
		cut_right(p, name, room, ex, sizeof ex);
		snprintf(out, n, "%.*s %s%s", c->op_len, c->main, ex, mark);
	} else
		snprintf(out, n, "%.*s%s", c->op_len, c->main, mark);
}

