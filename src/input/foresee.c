/*
 * foresee.c - a script's lines read ahead (foresee.h).
 *
 * Each line is split as it will be run (its expectation cut off, its
 * variables left as they are) and its command found in the table; the
 * command's event says what the call does (listen, connect, ...) and its
 * arguments which socket it makes (ARG_NEWNAME) or acts on (ARG_TARGET).
 * The first telling call of a socket decides its column: surely a listen,
 * an accept, a bind to a port of its own before any connect, or a TCP
 * connect; as a hint (below the socket's name) a bind to port 0 or a
 * path, or a datagram socket's first connect, send or receive.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/evlog.h"
#include "base/message.h"
#include "base/words.h"
#include "commands/cmd.h"
#include "core/roles.h"
#include "core/shell.h"
#include "input/expect.h"
#include "input/foresee.h"
#include "input/lex.h"

enum { SERVER = 0, CLIENT = 1 };

#define SLOTS	8192	/* names remembered: twice the roles kept */
#define AHEAD_LINE	4096	/* bytes of a line read ahead */

/* A socket the lines make: its entry in the roles, what it is. */
struct made {
	char	 name[HANDLE_NAME_MAX + 1];
	long	 at;		/* its roles entry, or -1 */
	int	 dgram, connected;
};

struct ahead {
	struct shell	*sh;
	struct made	*slot;	/* a hash of the names: the newest of each */
};

static size_t
slot_of(const struct ahead *a, const char *name)
{
	uint32_t h = 2166136261u;
	const char *c;
	size_t i;

	for (c = name; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	for (i = h % SLOTS; a->slot[i].name[0] != '\0' &&
	    strcmp(a->slot[i].name, name) != 0; i = (i + 1) % SLOTS)
		;
	return i;
}

/* The socket NAME the lines made last, or NULL. */
static struct made *
find(struct ahead *a, const char *name)
{
	struct made *m = &a->slot[slot_of(a, name)];

	return m->name[0] != '\0' ? m : NULL;
}

/* A socket the line makes, called NAME; DGRAM: a datagram socket. */
static void
make(struct ahead *a, const char *name, int dgram)
{
	size_t i = slot_of(a, name);
	struct made *m = &a->slot[i];
	long at;

	if (m->name[0] == '\0' && strlen(name) > HANDLE_NAME_MAX)
		return;
	if ((at = roles_add(a->sh, name)) < 0)
		return;
	if (m->name[0] == '\0')
		snprintf(m->name, sizeof m->name, "%s", name);
	m->at = at;
	m->dgram = dgram;
	m->connected = 0;
}

/* Whether bind's address words (FROM on) name a port of its own. */
static int
own_port(const struct tokens *t, size_t from)
{
	const char *w, *port;

	if (from >= t->n)
		return 0;
	w = t->v[t->n - 1].text;
	if (t->n - from == 1) {
		/* One word: ('ADDRESS', PORT), ADDRESS:PORT, or a path. */
		if (w[0] == '/' || w[0] == '@' || w[0] == '.')
			return 0;
		port = strrchr(w, w[0] == '(' ? ',' : ':');
		if (port == NULL)
			return 0;
		w = port + 1 + strspn(port + 1, " ");
	}
	return strtol(w, NULL, 10) != 0 || w[0] == '$';
}

/* What the call of ROLE says of socket M, on the line T. */
static void
tell(struct ahead *a, struct made *m, enum ev_role role,
    const struct tokens *t)
{
	if (m == NULL || m->at < 0)
		return;
	switch (role) {
	case ROLE_LISTEN:
	case ROLE_ACCEPT:
		roles_tell(a->sh, m->at, SERVER, 1);
		break;
	case ROLE_BIND:
		roles_tell(a->sh, m->at, SERVER, !m->connected &&
		    own_port(t, 2));
		break;
	case ROLE_CONNECT:
		m->connected = 1;
		roles_tell(a->sh, m->at, CLIENT, !m->dgram);
		break;
	case ROLE_SEND:
		if (m->dgram)
			roles_tell(a->sh, m->at, CLIENT, 0);
		break;
	case ROLE_RECV:
		if (m->dgram)
			roles_tell(a->sh, m->at, SERVER, 0);
		break;
	default:
		break;
	}
}

/* Whether a word of T says a datagram socket. */
static int
says_dgram(const struct tokens *t)
{
	size_t i;

	for (i = 1; i < t->n; i++)
		if (strcasestr(t->v[i].text, "DGRAM") != NULL)
			return 1;
	return 0;
}

/* One command's words. */
static void
read_command(struct ahead *a, const struct tokens *t)
{
	const struct cmd_entry *ce;
	const struct cmd_arg *arg;
	char err[MESSAGE_LEN];
	size_t i;

	if (t->n == 0 || (ce = cmd_find(t->v[0].text, err)) == NULL ||
	    ce->event == NULL || ce->args == NULL)
		return;
	for (i = 1, arg = ce->args; i < t->n && arg->kind != ARG_END;
	    i++, arg++) {
		const char *w = t->v[i].text;

		if (t->v[i].var != NULL || t->v[i].quoted)
			break;
		if (arg->kind == ARG_NEWNAME)
			make(a, w, says_dgram(t));
		else if (arg->kind == ARG_HANDLE && (arg->flags & ARG_TARGET))
			tell(a, find(a, w), ce->event->role, t);
		if (arg->flags & ARG_SPREAD)
			break;
	}
}

static void
read_line(struct ahead *a, const char *line, size_t len)
{
	char err[MESSAGE_LEN];
	struct tokens t;

	len = expect_cut(line, len);
	if (len == 0 || line[0] == '>' || line[0] == '?')
		return;
	if (lex_line(line, len, &t, err) < 0)
		return;
	read_command(a, &t);
	words_free(&t);
}

void
foresee_lines(struct shell *sh, const char *const *lines, size_t n)
{
	struct ahead a = { sh, calloc(SLOTS, sizeof *a.slot) };
	size_t i;

	if (a.slot == NULL)
		return;
	for (i = 0; i < n; i++)
		read_line(&a, lines[i], strlen(lines[i]));
	free(a.slot);
}

void
foresee_stream(struct shell *sh, FILE *fp)
{
	struct ahead a = { sh, NULL };
	char *buf;
	size_t n;
	off_t at = ftello(fp), left;
	struct stat sb;
	int skip = 0;

	/* A regular file, read as far as it goes now (not a device that
	 * never ends, nor a file that grows as it is read). */
	if (at < 0 || fstat(fileno(fp), &sb) < 0 || !S_ISREG(sb.st_mode))
		return;
	a.slot = calloc(SLOTS, sizeof *a.slot);
	buf = malloc(AHEAD_LINE);
	for (left = sb.st_size - at; a.slot != NULL && buf != NULL &&
	    left > 0 && fgets(buf, AHEAD_LINE, fp) != NULL; left -= n) {
		n = strlen(buf);
		/* A line longer than a command that makes or sets up a
		 * socket is no such command (a send's data): skipped. */
		if (!skip && n > 0 && (buf[n - 1] == '\n' || left == (off_t)n))
			read_line(&a, buf, strcspn(buf, "\n"));
		skip = n == 0 || buf[n - 1] != '\n';
	}
	free(buf);
	free(a.slot);
	clearerr(fp);
	fseeko(fp, at, SEEK_SET);
}
