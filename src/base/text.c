/* text.c - text as a terminal may be given it: UTF-8 that is valid and
 * printable passes, everything else is escaped (\xHH, \n ...); data as
 * a hex dump; sizes as typed. */
#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/i18n.h"
#include "base/message.h"
#include "base/text.h"

/* Length of the valid UTF-8 sequence at S, or 0; *CP: its code point. */
static size_t
utf8_seq(const unsigned char *s, size_t len, unsigned *cpp)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80) {
		*cpp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*cpp = cp;
	return n;
}

/*
 * Whether code point CP does something to a terminal or to the text
 * around it rather than show: the C0 and C1 controls and DEL (a C1 CSI,
 * U+009B, starts an escape sequence as ESC [ does), and Unicode's
 * Bidi_Control characters, which reorder what follows them on the line
 * (the "Trojan Source" trick) though nothing of them shows.
 */
static int
is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

size_t
text_char_len(const char *s, size_t len)
{
	unsigned cp;

	return len == 0 ? 0 : utf8_seq((const unsigned char *)s, len, &cp);
}

size_t
text_print_len(const char *s, size_t len)
{
	unsigned cp;
	size_t n;

	if (len == 0 || (n = utf8_seq((const unsigned char *)s, len,
	    &cp)) == 0 || is_control(cp))
		return 0;
	return n;
}

char *
text_escape(const char *data, size_t len, size_t max, char *buf,
    size_t bufsize)
{
	size_t i, o = 0, n;
	unsigned char c;
	char tmp[8];
	const char *s;

	for (i = 0; i < len && i < max; i++) {
		c = (unsigned char)data[i];
		switch (c) {
		case '\n': s = "\\n"; break;
		case '\r': s = "\\r"; break;
		case '\t': s = "\\t"; break;
		case '\0': s = "\\0"; break;
		case '\\': s = "\\\\"; break;
		case '"':  s = "\\\""; break;
		default:
			if (c >= 0x80 && (n = text_print_len(data + i,
			    len - i)) > 1 && o + n + 4 < bufsize) {
				memcpy(buf + o, data + i, n);
				o += n;
				i += n - 1;
				continue;
			}
			if (c >= 0x20 && c < 0x7f) {
				tmp[0] = (char)c;
				tmp[1] = '\0';
			} else
				snprintf(tmp, sizeof tmp, "\\x%02x", c);
			s = tmp;
		}
		if (o + strlen(s) + 4 >= bufsize)
			break;
		memcpy(buf + o, s, strlen(s));
		o += strlen(s);
	}
	if (i < len && o + 4 < bufsize) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

int
text_is_printable(const char *data, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		if (data[i] == '\n' || data[i] == '\r' || data[i] == '\t')
			n = 1;
		else if ((n = text_print_len(data + i, len - i)) == 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Writes MSG with what could break the line or the terminal escaped: control
 * characters (a pasted ESC or CR, a C1 CSI, a bidi override) and bytes that
 * are not UTF-8 become \xHH, byte by byte, as text_escape shows data.
 * Errors and the echo of a script's lines (input.c) go through it.
 */
void
text_put_escaped(FILE *f, const char *msg, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		n = msg[i] == '\t' ? 1 : text_print_len(msg + i, len - i);
		if (n == 0) {
			fprintf(f, "\\x%02x", (unsigned char)msg[i]);
			i++;
			continue;
		}
		fwrite(msg + i, 1, n, f);
		i += n;
	}
}

/* A hex dump, 16 bytes a line, for data that is not text. */
void
text_hexdump(FILE *f, const unsigned char *p, size_t len)
{
	size_t i, j;

	for (i = 0; i < len; i += 16) {
		fprintf(f, "  %04zx ", i);
		for (j = i; j < i + 16; j++) {
			if (j < len)
				fprintf(f, " %02x", p[j]);
			else
				fputs("   ", f);
		}
		fputs("  ", f);
		for (j = i; j < i + 16 && j < len; j++)
			fputc(p[j] >= 0x20 && p[j] < 0x7f ? p[j] : '.', f);
		fputc('\n', f);
	}
}

/* A number of bytes: 1000, 64K, 64KiB, 64M, 1G (K = 1024). */
int
text_parse_size(const char *s, unsigned long long *v, char *err)
{
	unsigned long long n = 0, mult = 1;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p); p++) {
		if (n > (1ULL << 50))
			goto bad;
		n = n * 10 + (unsigned long long)(*p - '0');
	}
	switch (toupper((unsigned char)*p)) {
	case '\0':
		break;
	case 'K':
		mult = 1ULL << 10;
		p++;
		break;
	case 'M':
		mult = 1ULL << 20;
		p++;
		break;
	case 'G':
		mult = 1ULL << 30;
		p++;
		break;
	case 'T':	/* as the message says: up to 1T */
		mult = 1ULL << 40;
		p++;
		break;
	default:
		goto bad;
	}
	if (mult > 1 && (strcasecmp(p, "iB") == 0 || strcasecmp(p, "B") == 0))
		p += strlen(p);
	if (*p != '\0' || n > (1ULL << 40) / mult)
		goto bad;
	*v = n * mult;
	return 0;
bad:
	snprintf(err, MESSAGE_LEN, _("'%.40s' is not a size: write a number of "
	    "bytes, as in 1000, 64K or 64M (K = 1024 bytes, up to 1T)"), s);
	return -1;
}
