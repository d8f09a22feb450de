/* markup.c - text escaped for XML and for Mermaid. */
#include <config.h>

#include <string.h>

#include "base/markup.h"
#include "base/text.h"

void
markup_xml(FILE *f, const char *s, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
		switch (s[i]) {
		case '&':	fputs("&amp;", f);	i++;	continue;
		case '<':	fputs("&lt;", f);	i++;	continue;
		case '>':	fputs("&gt;", f);	i++;	continue;
		case '"':	fputs("&quot;", f);	i++;	continue;
		case '\'':	fputs("&#39;", f);	i++;	continue;
		case '\n':	fputc('\n', f);		i++;	continue;
		default:	break;
		}
		if ((k = text_print_len(s + i, len - i)) == 0) {
			fprintf(f, "\\x%02X", (unsigned char)s[i]);
			i++;
			continue;
		}
		fwrite(s + i, 1, k, f);
		i += k;
	}
}

void
markup_xml_str(FILE *f, const char *s)
{
	markup_xml(f, s, strlen(s));
}

void
markup_mermaid(FILE *f, const char *s)
{
	size_t len = strlen(s), i = 0, k;
	unsigned char c;

	while (i < len) {
		c = (unsigned char)s[i];
		if (c >= 0x80 && (k = text_print_len(s + i, len - i)) > 0) {
			fwrite(s + i, 1, k, f);
			i += k;
		} else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02X", s[i++] & 0xff);
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(" .,()/_+=*!?@$%[]", c))
			fputc(s[i++], f);
		else
			fprintf(f, "#%u;", (unsigned)s[i++] & 0xff);
	}
}
