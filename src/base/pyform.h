/* pyform.h - the lecture's Python, read as the shell's words: the tuple
 * address ('127.0.0.1', 8888) and the bytes literal b'Hello, world!'. */
#ifndef SOCKSHELL_PYFORM_H
#define SOCKSHELL_PYFORM_H

#include <stddef.h>

/* What a word written in Python's form is (struct token's 'python'). */
enum pyform_kind { PYFORM_NONE, PYFORM_BYTES, PYFORM_TUPLE };

/*
 * The Python form that starts at S (LEN bytes to the end of the line):
 * PYFORM_BYTES for b'...' (b"...", rb'...', br'...'), PYFORM_TUPLE for
 * (...), PYFORM_NONE for any other word. *WORD: where the word ends, its
 * length: past the closing quote or parenthesis (quotes and escapes
 * honoured, blanks inside kept) and the characters stuck to it; the rest
 * of the line when nothing closes it.
 */
enum pyform_kind	 pyform_word(const char *s, size_t len, size_t *word);

/*
 * Decodes the bytes literal S (LEN bytes, as typed: b'a\x00b') into OUT
 * (room for LEN bytes) as Python does, escapes and all. Returns the
 * number of bytes, or -1 with ERR set to a line that gives Python's reason
 * and what to type. WARN (MESSAGE_LEN): what Python would warn of (an
 * unknown escape kept as typed), or "".
 */
long			 pyform_bytes(const char *s, size_t len, char *out,
			     char *err, char *warn);

/* A tuple address, taken apart. */
struct pyform_addr {
	char		 host[256];	/* "" was Python's '' (every address) */
	char		 port[24];	/* as typed: the decimal digits */
	int		 items;		/* 2, or 4: (host, port, flowinfo,
					   scope_id), AF_INET6's */
	unsigned long	 flowinfo, scope_id;
};

/*
 * Reads the tuple S ("('127.0.0.1', 8888)", as typed, spaces anywhere,
 * quotes of either kind) into A. Returns 0, or -1 with ERR set to one line
 * that says what to type.
 */
int			 pyform_tuple(const char *s, struct pyform_addr *a,
			     char *err);

#endif
