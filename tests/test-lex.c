/* test-lex.c - splitting lines into words: quotes, escapes, '&', '#'. */
#include <config.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "base/message.h"
#include "base/text.h"
#include "input/lex.h"

static struct tokens t;
static char err[MESSAGE_LEN];

static void
lex(const char *s)
{
	cr_assert_eq(lex_line(s, strlen(s), &t, err), 0, "%s: %s", s, err);
}

Test(lex, words_and_blanks)
{
	lex("  socket   srv\tAF_INET  ");
	cr_assert_eq(t.n, 3);
	cr_assert_str_eq(t.v[0].text, "socket");
	cr_assert_str_eq(t.v[1].text, "srv");
	cr_assert_str_eq(t.v[2].text, "AF_INET");
	cr_assert_eq(t.background, 0);
	words_free(&t);
}

Test(lex, empty_and_comment_lines)
{
	lex("");
	cr_assert_eq(t.n, 0);
	lex("   \t ");
	cr_assert_eq(t.n, 0);
	lex("# a comment");
	cr_assert_eq(t.n, 0);
	lex("recv conn   # 0 bytes: the peer closed");
	cr_assert_eq(t.n, 2);
	words_free(&t);
}

Test(lex, escapes)
{
	lex("send cli \"a\\n\\r\\t\\0\\x41\\xfF\\\\\\\"\\'\"");
	cr_assert_eq(t.n, 3);
	cr_assert_eq(t.v[2].len, 10);
	cr_assert_eq(memcmp(t.v[2].text, "a\n\r\t\0A\xff\\\"'", 10), 0);
	cr_assert(t.v[2].quoted);
	words_free(&t);
}

Test(lex, single_quotes_and_inner_quotes)
{
	lex("send cli 'Hello, world!'");
	cr_assert_str_eq(t.v[2].text, "Hello, world!");
	words_free(&t);
	lex("send cli don't");
	cr_assert_str_eq(t.v[2].text, "don't");
	words_free(&t);
}

Test(lex, background)
{
	lex("accept srv conn &");
	cr_assert_eq(t.n, 3);
	cr_assert(t.background);
	words_free(&t);
	lex("accept srv conn&");
	cr_assert_eq(t.n, 3);
	cr_assert_str_eq(t.v[2].text, "conn");
	cr_assert(t.background);
	words_free(&t);
	lex("send cli \"a &\"");
	cr_assert_eq(t.background, 0);
	words_free(&t);
}

Test(lex, raw_offsets)
{
	lex("send cli Hello, world!");
	cr_assert_eq(t.v[2].start, 9);
	cr_assert_eq(t.v[3].end, 22);
	words_free(&t);
}

/* Arrays, not pointers: Criterion may run each test in a fresh image. */
struct bad { char line[48]; char says[48]; };

ParameterizedTestParameters(lex, bad_lines)
{
	static struct bad bad[] = {
		{ "send cli \"abc", "unclosed \" quote" },
		{ "send cli 'abc", "unclosed ' quote" },
		{ "send cli \"\\x\"", "\\x needs two hex digits" },
		{ "send cli \"\\xZZ\"", "\\x needs two hex digits" },
		{ "send cli \"\\q\"", "unknown escape \\q" },
		{ "send cli \"a\"b", "closing quote must end the word" },
	};
	return cr_make_param_array(struct bad, bad, sizeof bad / sizeof *bad);
}

ParameterizedTest(struct bad *b, lex, bad_lines)
{
	cr_assert_eq(lex_line(b->line, strlen(b->line), &t, err), -1);
	cr_assert(strstr(err, b->says) != NULL, "%s: got '%s'", b->line, err);
	cr_assert_eq(t.n, 0);
}

Test(lex, nul_byte_in_line)
{
	cr_assert_eq(lex_line("send cli a\0b", 12, &t, err), -1);
	cr_assert(strstr(err, "NUL") != NULL);
}

Test(lex, escape_bytes_and_text)
{
	char buf[64];

	cr_assert_str_eq(text_escape("a\n\0\x01", 4, 100, buf, sizeof buf),
	    "a\\n\\0\\x01");
	cr_assert_str_eq(text_escape("abcdef", 6, 3, buf, sizeof buf),
	    "abc...");
	cr_assert_str_eq(text_escape("\xd0\x9f\xff", 3, 10, buf, sizeof buf),
	    "\xd0\x9f\\xff");
	cr_assert(text_is_printable("Hello, world!\n", 14));
	cr_assert(text_is_printable("\xd0\x9f\xd1\x80", 4));
	cr_assert_not(text_is_printable("a\0b", 3));
	cr_assert_not(text_is_printable("\xff", 1));
	/* C1 controls and bidi overrides: each byte escaped, not text. */
	cr_assert_str_eq(text_escape("a\xc2\x9b" "1\xe2\x80\xae\xc2\xa0",
	    9, 100, buf, sizeof buf), "a\\xc2\\x9b1\\xe2\\x80\\xae\xc2\xa0");
	cr_assert_not(text_is_printable("\xc2\x85", 2));
	cr_assert_not(text_is_printable("a\xe2\x81\xa6" "b", 5));
	cr_assert(text_is_printable("\xe2\x80\x94", 3));	/* an em dash */
}
