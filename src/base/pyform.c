/* pyform.c - the lecture's Python, read as the shell's words: the tuple
 * address ('127.0.0.1', 8888) that bind, connect and sendto take, and the
 * bytes literal b'Hello, world!' that send and sendto send, decoded as
 * Python decodes it. What Python refuses is refused with its reason; a
 * tuple that is not an address says what to type. Word parsing only: no
 * lookup, no socket (addr.c turns the tuple into an address). */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/pyform.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
	    c == '\v' || c == '\f';
}

/* The length of a bytes literal's prefix (b, B, br, rb in any case) at S,
 * followed by its quote; 0: S starts no bytes literal. *RAW: an r. */
static size_t
bytes_prefix(const char *s, size_t len, int *raw)
{
	size_t i;
	int b = 0, r = 0, c;

	for (i = 0; i < len && i < 2; i++) {
		c = tolower((unsigned char)s[i]);
		if (c == 'b' && !b)
			b = 1;
		else if (c == 'r' && !r)
			r = 1;
		else
			break;
	}
	if (!b || i >= len || (s[i] != '\'' && s[i] != '"'))
		return 0;
	if (raw != NULL)
		*raw = r;
	return i;
}

/* Past the string whose quote is at S[I]: just after its closing quote,
 * or LEN when none closes it. */
static size_t
skip_string(const char *s, size_t len, size_t i)
{
	char q = s[i];

	for (i++; i < len && s[i] != q; i++)
		if (s[i] == '\\' && i + 1 < len)
			i++;
	return i < len ? i + 1 : len;
}

enum pyform_kind
pyform_word(const char *s, size_t len, size_t *word)
{
	enum pyform_kind kind = PYFORM_NONE;
	size_t i = 0, p;

	if (len > 0 && s[0] == '(') {
		kind = PYFORM_TUPLE;
		for (i = 1; i < len && s[i] != ')';)
			i = s[i] == '\'' || s[i] == '"' ?
			    skip_string(s, len, i) : i + 1;
		if (i < len)
			i++;
	} else if ((p = bytes_prefix(s, len, NULL)) > 0) {
		kind = PYFORM_BYTES;
		i = skip_string(s, len, p);
	} else
		return PYFORM_NONE;
	while (i < len && !is_blank(s[i]))
		i++;
	*word = i;
	return kind;
}

/* S[I] is an octal digit: the escape \ooo (up to three digits) at it. */
static int
octal_escape(const char *s, size_t len, size_t *i, char *warn)
{
	size_t start = *i, n = 0;
	unsigned v = 0;

	while (n < 3 && *i < len && s[*i] >= '0' && s[*i] <= '7') {
		v = v * 8 + (unsigned)(s[*i] - '0');
		(*i)++;
		n++;
	}
	if (v > 0377)
		snprintf(warn, MESSAGE_LEN, _("Python warns: invalid octal "
		    "escape sequence '\\%.*s', sent as \\x%02x"), (int)n,
		    s + start, v & 0xff);
	return (int)(v & 0xff);
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The escape whose backslash is at S[*I], not raw: its byte into OUT[*O];
 * 0, or -1 with ERR set. CONTENT: where the literal's bytes begin. */
static int
escape(const char *s, size_t len, size_t *i, size_t content, char *out,
    size_t *o, char *err, char *warn)
{
	static const char from[] = "\\'\"abfnrtv", to[] = "\\'\"\a\b\f\n\r\t\v";
	const char *p;
	char e = s[*i + 1];
	int hi, lo;

	if (e != '\0' && (p = strchr(from, e)) != NULL) {
		out[(*o)++] = to[p - from];
		*i += 2;
	} else if (e >= '0' && e <= '7') {
		*i += 1;
		out[(*o)++] = (char)octal_escape(s, len, i, warn);
	} else if (e == 'x') {
		hi = *i + 2 < len ? hex_digit(s[*i + 2]) : -1;
		lo = *i + 3 < len ? hex_digit(s[*i + 3]) : -1;
		if (hi < 0 || lo < 0) {
			snprintf(err, MESSAGE_LEN, _("invalid \\x escape at "
			    "position %zu, as Python says: \\x takes two hex "
			    "digits, as in b'\\x00' or b'\\xff'"),
			    *i - content);
			return -1;
		}
		out[(*o)++] = (char)(hi * 16 + lo);
		*i += 4;
	} else {
		/* Python keeps the backslash, and warns. */
		out[(*o)++] = '\\';
		out[(*o)++] = e;
		*i += 2;
		snprintf(warn, MESSAGE_LEN, _("Python warns: invalid escape "
		    "sequence '\\%c', sent as the two bytes \\ and %c"), e, e);
	}
	return 0;
}

/* B'...' holds a byte past ASCII: Python's reason, and the string that
 * sends it (as UTF-8). */
static long
not_ascii(const char *s, size_t len, size_t content, char q, char *err)
{
	size_t end = len;

	if (end > content && s[end - 1] == q)
		end--;
	snprintf(err, MESSAGE_LEN, _("a bytes literal holds ASCII only (Python: "
	    "bytes can only contain ASCII literal characters): write "
	    "\"%.*s\", sent as UTF-8"), (int)(end - content), s + content);
	return -1;
}

long
pyform_bytes(const char *s, size_t len, char *out, char *err, char *warn)
{
	size_t p, i, o = 0, content;
	int raw = 0;
	char q;

	warn[0] = '\0';
	p = bytes_prefix(s, len, &raw);
	q = s[p];
	content = p + 1;
	for (i = content; i < len && s[i] != q;) {
		if ((unsigned char)s[i] >= 0x80 ||
		    (s[i] == '\\' && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80))
			return not_ascii(s, len, content, q, err);
		if (s[i] != '\\') {
			out[o++] = s[i++];
		} else if (i + 1 >= len) {
			break;
		} else if (raw) {
			out[o++] = s[i++];
			out[o++] = s[i++];
		} else if (escape(s, len, &i, content, out, &o, err,
		    warn) < 0)
			return -1;
	}
	if (i >= len) {
		snprintf(err, MESSAGE_LEN, _("the bytes literal is not closed "
		    "(Python: unterminated string literal): end it with %c"),
		    q);
		return -1;
	}
	if (i + 1 < len) {
		snprintf(err, MESSAGE_LEN, "%s", _("a closing quote must end "
		    "the word: put a blank after it"));
		return -1;
	}
	return (long)o;
}

/* One item of a tuple: a string in quotes, a number, or a bare word. */
enum item_kind { ITEM_STRING, ITEM_NUMBER, ITEM_BARE };

struct item {
	enum item_kind	 kind;
	char		 text[256];	/* the string's value, or the word */
	int		 long_text;	/* longer than text holds */
};

#define TUPLE_ITEMS	5

struct tuple {
	struct item	 v[TUPLE_ITEMS];
	int		 n;
	const char	*example_host, *example_port;	/* for "write ..." */
};

/* Appends C to IT's text (N bytes so far), or marks it too long. */
static void
item_put(struct item *it, size_t *n, char c)
{
	if (*n + 1 < sizeof it->text)
		it->text[(*n)++] = c;
	else
		it->long_text = 1;
	it->text[*n] = '\0';
}

/* Reads the item at *P into IT; *P goes past it. */
static void
read_item(const char **p, struct item *it)
{
	const char *s = *p;
	size_t n = 0, sign;
	char q;

	it->long_text = 0;
	it->text[0] = '\0';
	if (*s == '\'' || *s == '"') {
		q = *s++;
		it->kind = ITEM_STRING;
		for (; *s != '\0' && *s != q; s++) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			item_put(it, &n, *s);
		}
		*p = *s == q ? s + 1 : s;
		return;
	}
	for (; *s != '\0' && *s != ',' && *s != ')' && *s != '\'' &&
	    *s != '"' && !is_blank(*s); s++)
		item_put(it, &n, *s);
	sign = it->text[0] == '-';
	it->kind = n > sign && strspn(it->text + sign, "0123456789") ==
	    n - sign ? ITEM_NUMBER : ITEM_BARE;
	*p = s;
}

/* The address and port that "write (...)" shows: the ones typed, where
 * they are. */
static void
example(struct tuple *t)
{
	int i;

	t->example_host = NULL;
	t->example_port = NULL;
	for (i = 0; i < t->n; i++) {
		if (t->v[i].kind == ITEM_STRING && t->example_host == NULL &&
		    t->v[i].text[0] != '\0' && !t->v[i].long_text &&
		    strspn(t->v[i].text, "0123456789") != strlen(t->v[i].text))
			t->example_host = t->v[i].text;
		if (t->v[i].text[0] != '\0' && strspn(t->v[i].text,
		    "0123456789") == strlen(t->v[i].text) &&
		    strlen(t->v[i].text) <= 5 && t->example_port == NULL)
			t->example_port = t->v[i].text;
	}
	if (t->example_host == NULL && t->n > 0 && t->v[0].kind == ITEM_BARE &&
	    !t->v[0].long_text)
		t->example_host = t->v[0].text;
	if (t->example_host == NULL)
		t->example_host = "127.0.0.1";
	if (t->example_port == NULL)
		t->example_port = "8888";
}

/* What is wrong with a tuple typed as an address. */
enum tuple_error {
	TUPLE_UNCLOSED, TUPLE_TOO_MANY, TUPLE_MISSING, TUPLE_COMMA,
	TUPLE_PORT_FIRST, TUPLE_NO_ADDRESS, TUPLE_BARE_ADDRESS, TUPLE_LONG,
	TUPLE_NO_PORT, TUPLE_QUOTED_PORT, TUPLE_BAD_PORT, TUPLE_THREE,
	TUPLE_FLOW, TUPLE_FLOW_RANGE
};

/* Says ERROR into ERR, with what to type: ('HOST', PORT). */
static int
tuple_say(enum tuple_error error, const struct tuple *t, char *err)
{
	const char *h = t->example_host, *p = t->example_port;

#define SAY(msg)	snprintf(err, MESSAGE_LEN, msg, h, p); break
	switch (error) {
	case TUPLE_UNCLOSED:
		SAY(_("the tuple is not closed: end it with ')', as in ('%s', "
		    "%s)"));
	case TUPLE_TOO_MANY:
		SAY(_("too many items in the tuple: an address is ('%s', %s)"));
	case TUPLE_MISSING:
		SAY(_("an item of the tuple is missing: write ('%s', %s)"));
	case TUPLE_COMMA:
		SAY(_("a comma separates the tuple's items: write ('%s', %s)"));
	case TUPLE_PORT_FIRST:
		SAY(_("the address comes first, then the port: write ('%s', "
		    "%s)"));
	case TUPLE_NO_ADDRESS:
		SAY(_("a tuple address is the address in quotes, then the "
		    "port: write ('%s', %s)"));
	case TUPLE_BARE_ADDRESS:
		SAY(_("the address in a tuple is a string, in quotes: write "
		    "('%s', %s)"));
	case TUPLE_LONG:
		SAY(_("the address is too long: write ('%s', %s)"));
	case TUPLE_NO_PORT:
		SAY(_("the tuple has an address but no port: write ('%s', "
		    "%s)"));
	case TUPLE_QUOTED_PORT:
		SAY(_("a port is a number, without quotes: write ('%s', %s)"));
	case TUPLE_BAD_PORT:
		SAY(_("the port in a tuple is a number from 0 to 65535: write "
		    "('%s', %s)"));
	case TUPLE_THREE:
		SAY(_("a tuple address is (ADDRESS, PORT), or AF_INET6's "
		    "(ADDRESS, PORT, FLOWINFO, SCOPE_ID): write ('%s', %s)"));
	case TUPLE_FLOW:
		SAY(_("FLOWINFO and SCOPE_ID are numbers: write ('%s', %s, 0, "
		    "0)"));
	case TUPLE_FLOW_RANGE:
		SAY(_("FLOWINFO is a number from 0 to 1048575, and SCOPE_ID an "
		    "interface's index: write ('%s', %s, 0, 0)"));
	}
#undef SAY
	return -1;
}

/* Splits S into T's items; 0, or -1 with ERR set. */
static int
split(const char *s, struct tuple *t, char *err)
{
	const char *p = s + 1;
	enum tuple_error why;

	for (t->n = 0;;) {
		while (is_blank(*p))
			p++;
		if (*p == ')' && t->n == 0)
			break;
		if (*p == '\0' || *p == ')' || *p == ',' ||
		    t->n == TUPLE_ITEMS)
			goto bad;
		read_item(&p, &t->v[t->n++]);
		while (is_blank(*p))
			p++;
		if (*p == ',') {
			p++;
			while (is_blank(*p))
				p++;
			if (*p == ')')	/* a trailing comma, as Python allows */
				break;
			continue;
		}
		if (*p == ')')
			break;
		goto bad;
	}
	if (p[1] != '\0') {
		example(t);
		snprintf(err, MESSAGE_LEN, _("'%.20s' stands right after the "
		    "tuple's ')': put a blank after it, as in ('%s', %s)"),
		    p + 1, t->example_host, t->example_port);
		return -1;
	}
	return 0;
bad:
	example(t);
	if (*p == '\0')
		why = TUPLE_UNCLOSED;
	else if (t->n == TUPLE_ITEMS)
		why = TUPLE_TOO_MANY;
	else if (*p == ',' || *p == ')')
		why = TUPLE_MISSING;
	else
		why = TUPLE_COMMA;
	return tuple_say(why, t, err);
}

/* What the items of T say: ADDRESS and PORT in their places; -1: all is
 * well. */
static int
check(const struct tuple *t)
{
	const struct item *v = t->v;

	if (t->n >= 2 && v[0].kind == ITEM_NUMBER && v[1].kind == ITEM_STRING)
		return TUPLE_PORT_FIRST;
	if (t->n == 0 || v[0].kind == ITEM_NUMBER)
		return TUPLE_NO_ADDRESS;
	if (v[0].kind == ITEM_BARE)
		return TUPLE_BARE_ADDRESS;
	if (v[0].long_text)
		return TUPLE_LONG;
	if (t->n == 1)
		return TUPLE_NO_PORT;
	if (v[1].kind == ITEM_STRING)
		return TUPLE_QUOTED_PORT;
	if (v[1].kind == ITEM_BARE)
		return TUPLE_BAD_PORT;
	if (t->n == 3)
		return TUPLE_THREE;
	if (t->n == 4 && (v[2].kind != ITEM_NUMBER ||
	    v[3].kind != ITEM_NUMBER || v[2].text[0] == '-' ||
	    v[3].text[0] == '-' || strlen(v[2].text) > 7 ||
	    strlen(v[3].text) > 10))
		return TUPLE_FLOW;
	return -1;
}

int
pyform_tuple(const char *s, struct pyform_addr *a, char *err)
{
	struct tuple t;
	int why;

	if (split(s, &t, err) < 0)
		return -1;
	example(&t);
	if ((why = check(&t)) >= 0)
		return tuple_say((enum tuple_error)why, &t, err);
	a->flowinfo = a->scope_id = 0;
	if (t.n == 4) {
		a->flowinfo = strtoul(t.v[2].text, NULL, 10);
		a->scope_id = strtoul(t.v[3].text, NULL, 10);
		if (a->flowinfo > 0xfffff || a->scope_id > 0xffffffffUL)
			return tuple_say(TUPLE_FLOW_RANGE, &t, err);
	}
	a->items = t.n;
	snprintf(a->host, sizeof a->host, "%s", t.v[0].text);
	snprintf(a->port, sizeof a->port, "%.*s", (int)sizeof a->port - 1,
	    t.v[1].text);
	return 0;
}
