/* args.c - the commands' arguments, read and said to be wrong where they
 * are: a socket of the shell, another socket's address, a socket option,
 * the data words of send and sendto, the words of recv and recvfrom; a
 * command's usage, and the op of a call that waits. The command table's
 * framework (cmd.c) and the cmd-*.c files share them; nothing here refers
 * to a command file, so none of them calls itself back through here. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "base/message.h"
#include "base/pyform.h"
#include "base/text.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/op.h"
#include "core/report.h"
#include "core/shell.h"
#include "state/sockopt.h"

const char *
args_usage(const struct cmd_entry *ce)
{
	return ce->usage[0] != '\0' ? _(ce->usage) : "";
}

/*
 * The next form of command C's usage, from *U (args_usage(c) at first),
 * into FORM: "NAME DATA [&] | NAME --size BYTES" gives "NAME DATA [&]",
 * then "NAME --size BYTES [&]". (A bar inside brackets, [MSG_PEEK|MSG_OOB],
 * separates words, not forms.) The usage string writes '[&]' once, at
 * one form, but '&' goes with every form of a command that may run in
 * the background: each form says so. Returns 0 past the last form.
 */
int
args_usage_form(const struct cmd_entry *c, const char **u, char *form,
    size_t size)
{
	const char *p = *u, *end;
	size_t o;
	int depth;

	if (p == NULL)
		return 0;
	for (depth = 0, end = p; *end != '\0' &&
	    (depth > 0 || *end != '|'); end++)
		depth += (*end == '[') - (*end == ']');
	/* The form, its spaces trimmed and its '[&]' taken out. */
	for (o = 0; p < end && *p == ' '; p++)
		;
	for (; p < end && o < size - 8; p++) {
		if (strncmp(p, " [&]", 4) == 0 && p + 4 <= end) {
			p += 3;
			continue;
		}
		form[o++] = *p;
	}
	while (o > 0 && form[o - 1] == ' ')
		o--;
	if ((c->flags & CMD_BACKGROUND) != 0)
		o += (size_t)snprintf(form + o, size - o, "%s[&]",
		    o > 0 ? " " : "");
	form[o] = '\0';
	*u = *end == '|' ? end + 1 : NULL;
	return 1;
}

/*
 * Starts the op of a call that can wait on the command's socket: what the
 * jobs list shows of it, and the command's advice for its failure, said
 * when it ends (perhaps as a job, after other commands).
 */
int
args_prepare(struct shell *sh, struct op *op, enum op_kind kind,
    const struct cmd_args *a)
{
	if (op_prepare(sh, op, kind, a->h, a->ce->name, a->argc, a->argv,
	    a->lens) < 0)
		return -1;
	op->advice = a->ce->advice;
	op->type = a->ce->event;
	return 0;
}

/* The open handle NAME, or NULL after a message that says what to do. */
struct handle *
args_open_handle(struct shell *sh, const char *name)
{
	struct handle *h = handle_find(sh, name);
	char list[256] = "";
	size_t i, o = 0;

	if (h != NULL && h->fd >= 0)
		return h;
	if (h != NULL) {
		report_error(sh, _("'%s' is closed: create a new socket with "
		    "'socket %s'"), name, name);
		return NULL;
	}
	if (*name == '\0') {
		report_error(sh, "%s", _("the socket's name is empty: give the "
		    "name of a socket ('show' lists them)"));
		return NULL;
	}
	for (i = 0; i < sh->nhandles && o + HANDLE_NAME_MAX + 8 < sizeof list;
	    i++) {
		if (sh->handles[i]->fd < 0)
			continue;
		o += (size_t)snprintf(list + o, sizeof list - o, "%s%s",
		    o ? ", " : "", sh->handles[i]->name);
	}
	if (o == 0)
		report_error(sh, _("no socket named '%.40s': create one with "
		    "'socket %.40s'"), name, name);
	else
		report_error(sh, _("no socket named '%.40s' (open: %s): create "
		    "one with 'socket %.40s'"), name, list, name);
	return NULL;
}

/*
 * The address of the shell's own handle OTHER, to connect to it; the
 * wildcard address (bound to *) becomes loopback, where it is reachable.
 */
int
args_address_of(struct shell *sh, struct handle *h, struct handle *other,
    struct sockaddr_storage *ss, socklen_t *len)
{
	socklen_t l = sizeof *ss;

	if (other->fd < 0) {
		report_error(sh, _("'%s' is closed, so it has no address to "
		    "connect to: give ADDRESS PORT, or the name of an open "
		    "socket"), other->name);
		return -1;
	}
	if (getsockname(other->fd, (struct sockaddr *)ss, &l) < 0 ||
	    ss->ss_family != h->family || !addr_named(ss, l)) {
		report_error(sh, _("'%s' has no %s address to connect to: bind "
		    "it (and listen) first, or give ADDRESS PORT"),
		    other->name, addr_family_name(h->family));
		return -1;
	}
	*len = l;
	if (ss->ss_family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		if (sin->sin_addr.s_addr == htonl(INADDR_ANY))
			sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	} else if (ss->ss_family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		if (IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr))
			sin6->sin6_addr = in6addr_loopback;
	}
	return 0;
}

/* The socket option S (SO_REUSEADDR, reuseaddr), or NULL after a message
 * that lists them. */
const struct sockopt *
args_sockopt(struct shell *sh, const char *s)
{
	const struct sockopt *o = sockopt_find(s);
	char list[512];
	size_t n = 0;

	if (o != NULL)
		return o;
	list[0] = '\0';
	for (o = sockopt_table; o->name != NULL && n < sizeof list; o++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
		    n ? ", " : "", o->name);
	report_error(sh, _("unknown socket option '%.40s': sockshell knows %s"),
	    s, list);
	return NULL;
}

/* The line as typed up to token I (not included): what a usage message
 * shows as the start of the command to type. */
static int
typed_before(const struct tokens *t, size_t i, const char **s)
{
	*s = t->line + t->v[0].start;
	return (int)(t->v[i - 1].end - t->v[0].start);
}

/* send --size BYTES or --file PATH, the word at token I. */
static int
bulk_words(struct shell *sh, struct op *op, const struct tokens *t, size_t i,
    size_t first, const char *cmd)
{
	const char *typed;
	int bysize = t->v[i].text[2] == 's', n;
	unsigned long long size;
	char msg[MESSAGE_LEN];

	if (op->flags & MSG_OOB) {
		/* bulk_send's calls would drop it unsaid */
		n = typed_before(t, first, &typed);
		report_error(sh, _("%s: MSG_OOB does not go with %s: "
		    "send the bulk data, then the urgent byte apart, "
		    "as in '%.*s MSG_OOB \"!\"'"), cmd, t->v[i].text,
		    n, typed);
		return -1;
	}
	if (i + 2 != t->n) {
		report_error(sh, _("%s %s takes one word: %s"), cmd,
		    t->v[i].text, bysize ?
		    _("a size, as in --size 64M") :
		    _("a file's path, as in --file /etc/services"));
		return -1;
	}
	if (bysize && text_parse_size(t->v[i + 1].text, &size, msg) < 0) {
		report_error(sh, "%s", msg);
		return -1;
	}
	return op_send_bulk(sh, op, bysize ? NULL : t->v[i + 1].text,
	    bysize ? size : 0);
}

/* The bytes literal W (b'Hello, world!', the lecture's) into OP's data,
 * as Python sends it; said once a session. 0, or -1 after a message. */
static int
python_bytes(struct shell *sh, struct op *op, const struct token *w)
{
	char err[MESSAGE_LEN], warn[MESSAGE_LEN];
	long n;

	op->data = malloc(w->len + 1);
	if (op->data == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	n = pyform_bytes(w->text, w->len, op->data, err, warn);
	if (n < 0) {
		report_error(sh, "%s", err);
		return -1;
	}
	op->len = (size_t)n;
	if (!sh->python_noted)
		fprintf(sh->out, "%s\n", _("  b'...' is Python's bytes literal: "
		    "the bytes it holds are sent, as Python sends them (\"...\" "
		    "does the same here)"));
	if (warn[0] != '\0')
		fprintf(sh->out, "  %s\n", warn);
	sh->python_noted = 1;
	return 0;
}

/*
 * The data words of send and sendto, from token FIRST of the line: MSG_*
 * flags, then DATA (one quoted string, or the rest of the line as typed),
 * --size BYTES, or --file PATH. Fills OP; 0, or -1 after a message.
 */
int
args_data(struct shell *sh, struct op *op, const struct cmd_args *a,
    size_t first)
{
	const struct tokens *t = a->tok;
	const char *cmd = a->ce->name, *typed;
	size_t i = first, s, e;
	int f, n;

	/* A flag's name as the last word is a flag too: a word left
	 * unsent is easier to see than its name arriving as the data. */
	while (i < t->n && !t->v[i].quoted &&
	    addr_parse_msg_flag(t->v[i].text, &f) == 0) {
		if (f != MSG_OOB && f != MSG_DONTWAIT) {
			report_error(sh, _("%s takes the flags MSG_OOB and "
			    "MSG_DONTWAIT (%s is for receiving)"), cmd,
			    t->v[i].text);
			return -1;
		}
		op->flags |= f;
		i++;
	}
	if (i >= t->n && i > first) {
		n = typed_before(t, i, &typed);
		report_error(sh, _("%s: no DATA after %s: write DATA after the "
		    "flags, as in '%.*s \"!\"' (quote a flag's name to send "
		    "it as data)"), cmd, t->v[i - 1].text, n, typed);
		return -1;
	}
	if (i >= t->n) {
		report_error(sh, _("%s: no data to send"), cmd);
		return -1;
	}
	if (!t->v[i].quoted && (strcmp(t->v[i].text, "--size") == 0 ||
	    strcmp(t->v[i].text, "--file") == 0))
		return bulk_words(sh, op, t, i, first, cmd);
	if (i + 1 == t->n && t->v[i].len == 0 && (op->flags & MSG_OOB)) {
		/* TCP would return 0 and mark nothing urgent, AF_UNIX fail
		 * with EOPNOTSUPP as if it had no urgent data at all. */
		n = typed_before(t, i, &typed);
		report_error(sh, _("%s: MSG_OOB sends the last byte as urgent "
		    "data, and \"\" has none: give at least one byte, as in "
		    "'%.*s \"!\"'"), cmd, n, typed);
		return -1;
	}
	if (i + 1 == t->n && t->v[i].python == PYFORM_BYTES)
		return python_bytes(sh, op, &t->v[i]);
	if (i + 1 == t->n) {
		op->len = t->v[i].len;
		op->data = malloc(op->len + 1);
		if (op->data == NULL) {
			report_error(sh, "%s", _("out of memory"));
			return -1;
		}
		memcpy(op->data, t->v[i].text, op->len);
		return 0;
	}
	if (t->v[i].quoted || t->v[i].python == PYFORM_BYTES) {
		report_error(sh, _("%s takes one quoted string: put the whole "
		    "message inside the quotes"), cmd);
		return -1;
	}
	/* The rest of the line, as typed. */
	s = t->v[i].start;
	e = t->v[t->n - 1].end;
	op->len = e - s;
	op->data = strndup(t->line + s, op->len);
	if (op->data == NULL) {
		report_error(sh, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

/*
 * The words of recv and recvfrom from argument FIRST: MAXBYTES, MSG_*
 * flags, and (BULK_OK) --all or --to PATH. Fills OP; 0, or -1 after a
 * message.
 */
int
args_recv(struct shell *sh, struct op *op, const struct cmd_args *a,
    int first, int bulk_ok)
{
	const char *cmd = a->ce->name;
	struct handle *h = handle_by_id(sh, op->handle_id);
	unsigned long max = 0;
	const char *w = "", *to = NULL;
	char *end;
	int i, f, replace = 0;

	for (i = first; i < a->argc; i++) {
		w = a->argv[i];
		if (addr_parse_msg_flag(w, &f) == 0) {
			op->flags |= f;
		} else if (bulk_ok && (strcmp(w, "--all") == 0 ||
		    strcmp(w, "--to") == 0) && (op->bulk || to != NULL)) {
			report_error(sh, _("%s: %s once more: --all receives "
			    "to the end of the stream, --to PATH the same into "
			    "a file; give one of them, once"), cmd, w);
			return -1;
		} else if (bulk_ok && strcmp(w, "--all") == 0) {
			op->bulk = 1;
		} else if (bulk_ok && strcmp(w, "--to") == 0 &&
		    i + 1 < a->argc) {
			op->bulk = 1;
			to = a->argv[++i];
		} else if (bulk_ok && strcmp(w, "--replace") == 0 &&
		    to != NULL && !replace) {
			if (!sh->interactive || sh->at.depth > 0) {
				report_error(sh, _("%s: --replace is only for "
				    "a line typed at the terminal: a script or "
				    "lesson writes new files only"), cmd);
				return -1;
			}
			replace = 1;
		} else if (isdigit((unsigned char)w[0]) && max == 0) {
			errno = 0;
			max = strtoul(w, &end, 10);
			if (*end != '\0' || errno != 0 || max == 0 ||
			    max > RECV_MAX)
				goto bad_size;
		} else if (isdigit((unsigned char)w[0]) ||
		    strncmp(w, "--", 2) == 0 || strncmp(w, "MSG_", 4) == 0) {
			report_error(sh, _("%s: '%.40s' does not fit here; "
			    "usage: %s %s"), cmd, w, cmd, args_usage(a->ce));
			return -1;
		} else
			goto bad_size;
	}
	if (op->bulk && (op->flags & (MSG_PEEK | MSG_OOB | MSG_WAITALL |
	    MSG_DONTWAIT))) {
		report_error(sh, _("%s %s reads the whole stream, waiting for "
		    "it: MSG_PEEK, MSG_OOB, MSG_WAITALL and MSG_DONTWAIT do "
		    "not go with it"), cmd, to != NULL ? "--to" : "--all");
		return -1;
	}
	if (op->bulk && h != NULL && h->type != SOCK_STREAM) {
		report_error(sh, _("%s --all reads until the end of the "
		    "stream, and a SOCK_DGRAM socket has none: receive its "
		    "datagrams one by one"), cmd);
		return -1;
	}
	op->maxbytes = max ? max : RECV_DEFAULT;
	if (op->bulk)
		return op_recv_bulk(sh, op, max, to, replace);
	return 0;
bad_size:
	report_error(sh, _("'%.40s' is not a size to receive: write a number "
	    "of bytes from 1 to %d, as in '%s %s 1024', or a flag (MSG_PEEK, "
	    "MSG_DONTWAIT, MSG_WAITALL, MSG_OOB)%s"), w, RECV_MAX, cmd,
	    h != NULL ? h->name : "NAME", bulk_ok ? _(", --all or --to PATH") :
	    "");
	return -1;
}
