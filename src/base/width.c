/* width.c - the columns a text takes on the screen, from libc: mbrtowc
 * reads a character, wcwidth says its columns (0 for a combining mark, 2
 * for an East Asian wide one). One answer for every view, so the state
 * table and the picture cannot disagree.
 *
 * The caller says whether the text is UTF-8 (the picture may be asked for
 * UTF-8 box drawing in any locale, as the tests do): then it is read in
 * the C.UTF-8 locale, for this thread only (uselocale), when the locale
 * the program runs in is not UTF-8 itself.
 */
#include <config.h>

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "base/width.h"

int
width_locale_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* A UTF-8 locale to read in, made once; (locale_t)0 where the locale is
 * UTF-8 already, or where there is no C.UTF-8 (the locale's own then). */
static locale_t
utf8_locale(void)
{
	static locale_t loc;
	static int tried;

	if (width_locale_utf8())
		return (locale_t)0;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

/* One character of S in the current locale (a UTF-8 one). */
static size_t
read_char(const char *s, size_t len, int *cols)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;
	int w;

	memset(&st, 0, sizeof st);
	n = mbrtowc(&wc, s, len, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*cols = 1;		/* not UTF-8: one byte, one column */
		return 1;
	}
	w = wcwidth(wc);
	*cols = w < 0 ? 1 : w;
	return n;
}

/* Runs in the UTF-8 locale from here until leave_utf8. */
static locale_t
enter_utf8(void)
{
	locale_t loc = utf8_locale();

	return loc != (locale_t)0 ? uselocale(loc) : (locale_t)0;
}

static void
leave_utf8(locale_t old)
{
	if (old != (locale_t)0)
		uselocale(old);
}

size_t
width_char(const char *s, size_t len, int utf8, int *cols)
{
	locale_t old;
	size_t n;

	*cols = 0;
	if (len == 0 || *s == '\0')
		return 0;
	*cols = 1;
	if (!utf8 || (unsigned char)*s < 0x80)
		return 1;
	old = enter_utf8();
	n = read_char(s, len, cols);
	leave_utf8(old);
	return n;
}

/* The columns of S's first LEN bytes, and in *BYTES how many of them fit
 * in MAX columns. */
static int
measure(const char *s, size_t len, int utf8, int max, size_t *bytes)
{
	locale_t old = (locale_t)0;
	size_t i = 0, n;
	int w = 0, cw, entered = 0;

	while (i < len && s[i] != '\0') {
		if (!utf8 || (unsigned char)s[i] < 0x80) {
			n = 1;		/* ASCII: most of it */
			cw = 1;
		} else {
			if (!entered) {
				old = enter_utf8();
				entered = 1;
			}
			/* A character is MB_LEN_MAX bytes at most; a 0
			 * byte in them is not UTF-8 and stops mbrtowc. */
			n = read_char(s + i, len - i < MB_LEN_MAX ? len - i :
			    MB_LEN_MAX, &cw);
		}
		if (w + cw > max)
			break;
		w += cw;
		i += n;
	}
	if (entered)
		leave_utf8(old);
	*bytes = i;
	return w;
}

int
width_text_n(const char *s, size_t len, int utf8)
{
	size_t bytes;

	if (!utf8)
		return (int)strnlen(s, len);
	return measure(s, len, utf8, INT32_MAX, &bytes);
}

int
width_text(const char *s, int utf8)
{
	size_t bytes;

	if (!utf8)
		return (int)strlen(s);
	return measure(s, SIZE_MAX, utf8, INT32_MAX, &bytes);
}

size_t
width_fit(const char *s, int cols, int utf8, int *used)
{
	size_t bytes;

	*used = measure(s, SIZE_MAX, utf8, cols, &bytes);
	return bytes;
}

void
width_put_wrapped(FILE *f, const char *text, int width, int indent)
{
	int utf8 = width_locale_utf8(), col = 0, w, first = 1;
	const char *p = text, *end;
	size_t n, gap = 0;

	while (*p == ' ') {	/* its own indent stays */
		fputc(' ', f);
		p++;
		col++;
	}
	while (*p != '\0') {
		end = strchr(p, ' ');
		n = end != NULL ? (size_t)(end - p) : strlen(p);
		w = width_text_n(p, n, utf8);
		if (!first && col > indent && col + (int)gap + w > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			/* The blanks between words as they were: a comment
			 * lined up after code stays so. */
			fprintf(f, "%*s", (int)gap, "");
			col += (int)gap;
		}
		first = 0;
		fwrite(p, 1, n, f);
		col += w;
		p += n;
		gap = strspn(p, " ");
		p += gap;
	}
}
