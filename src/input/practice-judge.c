/* practice-judge.c - whether the student's command made the lesson's
 * step: the same system call on the same socket, with the same family
 * and type, address, flags and data, and what the lesson expects holds. */
#include <config.h>

#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/addr.h"
#include "base/i18n.h"
#include "base/message.h"
#include "base/pyform.h"
#include "commands/args.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "core/vars.h"
#include "input/expand.h"
#include "input/expect.h"
#include "input/lex.h"
#include "input/practice-judge.h"

void
practice_step_free(struct practice_step *st)
{
	if (st->parsed) {
		words_free(&st->t);
		if (st->expecting > 0)
			words_free(&st->ex);
	}
	memset(st, 0, sizeof *st);
}

/* LINE lexed, expanded and its command found, into ST; 0, or -1. */
int
practice_step_parse(struct shell *sh, const char *line, struct practice_step *st)
{
	char err[MESSAGE_LEN];

	memset(st, 0, sizeof *st);
	if (lex_line(line, strlen(line), &st->t, err) < 0)
		return -1;
	st->parsed = 1;
	st->expecting = expect_split(&st->t, &st->ex);
	if (st->expecting < 0 || expand_words(sh, &st->t, err) < 0 ||
	    st->t.n == 0)
		return -1;
	st->ce = cmd_find(st->t.v[0].text, err);
	return st->ce != NULL ? 0 : -1;
}

int
practice_is_wait(const struct cmd_entry *ce)
{
	return ce != NULL && strcmp(ce->name, "wait") == 0;
}

/* The shell's number of the lesson's job WORD ("1", "%1"), or 0. */
int
practice_job(const struct practice *p, const char *word)
{
	int k;

	if (*word == '%')
		word++;
	k = atoi(word);
	return k >= 1 && k <= p->njobs ? p->jobs[k - 1] : 0;
}

/* The lesson's name for the socket the step acts on (or makes), or NULL. */
static const char *
step_name(const struct practice_step *st)
{
	if (st->t.n < 2 || st->ce->args == NULL ||
	    (st->ce->args[0].kind != ARG_HANDLE &&
	    st->ce->args[0].kind != ARG_NEWNAME))
		return NULL;
	return st->t.v[1].text;
}

/* The family and type 'socket NAME [FAMILY] [TYPE]' makes. */
static void
socket_kind(const struct practice_step *st, int *family, int *type)
{
	*family = AF_INET;
	*type = SOCK_STREAM;
	if (st->t.n >= 3 && addr_parse_family(st->t.v[2].text, family) < 0 &&
	    st->t.n == 3)
		addr_parse_type(st->t.v[2].text, type);
	if (st->t.n >= 4)
		addr_parse_type(st->t.v[3].text, type);
}

/* The address words of ST from word I, into SS: ADDRESS PORT,
 * ADDRESS:PORT or ('ADDRESS', PORT); -1 where none is read. */
static int
step_addr(const struct practice_step *st, size_t i, int family,
    struct sockaddr_storage *ss, socklen_t *len)
{
	char err[MESSAGE_LEN], host[256], *colon;
	struct pyform_addr pa;

	if (i >= st->t.n)
		return -1;
	if (st->t.v[i].text[0] == '(') {
		if (pyform_tuple(st->t.v[i].text, &pa, err) < 0)
			return -1;
		return addr_parse(pa.host, pa.port, family, ss, len, err);
	}
	if (i + 1 < st->t.n && !st->t.v[i + 1].quoted)
		return addr_parse(st->t.v[i].text, st->t.v[i + 1].text, family,
		    ss, len, err);
	snprintf(host, sizeof host, "%s", st->t.v[i].text);
	if ((colon = strrchr(host, ':')) == NULL)
		return -1;
	*colon = '\0';
	if (host[0] == '[' && colon > host && colon[-1] == ']') {
		colon[-1] = '\0';
		return addr_parse(host + 1, colon + 1, family, ss, len, err);
	}
	return addr_parse(host, colon + 1, family, ss, len, err);
}

static int
same_addr(const struct sockaddr_storage *a, const struct sockaddr *b)
{
	const struct sockaddr_in *a4 = (const void *)a, *b4 = (const void *)b;
	const struct sockaddr_in6 *a6 = (const void *)a, *b6 = (const void *)b;

	if (a->ss_family != b->sa_family)
		return 0;
	if (a->ss_family == AF_INET)
		return a4->sin_port == b4->sin_port &&
		    a4->sin_addr.s_addr == b4->sin_addr.s_addr;
	if (a->ss_family == AF_INET6)
		return a6->sin6_port == b6->sin6_port &&
		    memcmp(&a6->sin6_addr, &b6->sin6_addr, 16) == 0;
	return 1;
}

/* The MSG_* flags among the words of T. */
static int
msg_flags(const struct tokens *t)
{
	size_t i;
	int flags = 0, f;

	for (i = 2; i < t->n; i++)
		if (!t->v[i].quoted && addr_parse_msg_flag(t->v[i].text, &f) == 0)
			flags |= f;
	return flags;
}

/* The data a send's words give (the last word: quoted, b'...', or the
 * rest of the line as typed), into BUF; its length, or -1. */
static long
send_data(const struct tokens *t, char *buf, size_t n)
{
	const struct token *w;
	char err[MESSAGE_LEN], warn[MESSAGE_LEN];
	size_t i = 2;

	while (i < t->n && !t->v[i].quoted &&
	    addr_parse_msg_flag(t->v[i].text, &(int){ 0 }) == 0)
		i++;
	if (i >= t->n)
		return -1;
	w = &t->v[i];
	if (w->quoted && i + 1 == t->n) {
		if (w->len > n)
			return -1;
		memcpy(buf, w->text, w->len);
		return (long)w->len;
	}
	if (w->python && i + 1 == t->n && w->len <= n)
		return pyform_bytes(w->text, w->len, buf, err, warn);
	if (t->v[t->n - 1].end - w->start > n)
		return -1;
	memcpy(buf, t->line + w->start, t->v[t->n - 1].end - w->start);
	return (long)(t->v[t->n - 1].end - w->start);
}

/* The event of the step's call among those logged from FIRST. */
static const struct event *
the_call(struct shell *sh, const struct cmd_entry *ce, size_t first)
{
	size_t i;

	for (i = first; i < sh->log.n; i++)
		if (sh->log.v[i].type != NULL && ce->event != NULL &&
		    strcmp(sh->log.v[i].type->call, ce->event->call) == 0)
			return &sh->log.v[i];
	return NULL;
}

static int
not_yet(struct shell *sh, const char *how, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Says what differs (FMT) and how to get back on track (HOW). */
static int
not_yet(struct shell *sh, const char *how, const char *fmt, ...)
{
	va_list ap;

	fputs(_("  Not yet: "), sh->out);
	va_start(ap, fmt);
	vfprintf(sh->out, fmt, ap);
	va_end(ap);
	fprintf(sh->out, "\n  %s\n", how != NULL ? how : _("Type the step "
	    "again, or 'hint'; 'again' starts it over on fresh sockets."));
	return 0;
}

/* A socket made as the step makes it: the name and the kind. */
static int
judge_socket(struct shell *sh, const struct practice_step *st,
    const struct handle *h, const char *name)
{
	char how[MESSAGE_LEN];
	int family, type;

	snprintf(how, sizeof how, _("'close %s' and try again, or 'hint'."),
	    h->name);
	if (strcmp(h->name, name) != 0)
		return not_yet(sh, how, _("the lesson names this socket %s, not "
		    "%s: its next steps use that name."), name, h->name);
	socket_kind(st, &family, &type);
	if (h->type != type)
		return not_yet(sh, how, _("this step needs a %s (%s) socket, as "
		    "in the lecture."), addr_proto_label(family, type),
		    addr_type_name(type));
	if (h->family != family)
		return not_yet(sh, how, _("this step needs an %s socket, as in "
		    "the lecture."), addr_family_name(family));
	return 1;
}

/* The lesson's bind to $PORT as 0 made by the student another way
 * ('127.0.0.1:$PORT'): the variable takes the port picked, as the
 * lesson's own bind would have set it, for the next steps. */
static void
bound_port(struct shell *sh, const struct practice_step *st,
    const struct event *ev, const struct handle *h)
{
	const struct sockaddr_in *in = (const void *)&h->local;
	const char *v;
	char port[16];

	if (ev->type->role != ROLE_BIND || ev->result != 0 || st->t.n != 4 ||
	    st->t.v[3].var == NULL || (v = var_get(sh, st->t.v[3].var)) ==
	    NULL || strcmp(v, "0") != 0 || (h->family != AF_INET &&
	    h->family != AF_INET6))
		return;
	snprintf(port, sizeof port, "%u", ntohs(in->sin_port));
	var_set(sh, st->t.v[3].var, port);
}

/* The call's arguments: address, flags, data, backlog. */
static int
judge_args(struct shell *sh, const struct practice_step *st,
    const struct practice_step *mine, const struct event *ev,
    const struct handle *h)
{
	struct sockaddr_storage ss;
	socklen_t len;
	char want[128], got[128], a[1024], b[1024];
	long la, lb;
	const char *call = st->ce->event->call;

	if (ev->addrlen > 0 && step_addr(st, 2, h->family, &ss, &len) == 0 &&
	    !same_addr(&ss, &ev->addr.sa))
		return not_yet(sh, NULL, _("%s() here takes the address %s; "
		    "yours was %s."), call, addr_format(&ss, len, want,
		    sizeof want), addr_format((const void *)&ev->addr,
		    ev->addrlen, got, sizeof got));
	if ((ev->type->role == ROLE_SEND || ev->type->role == ROLE_RECV) &&
	    msg_flags(&st->t) != msg_flags(&mine->t))
		return not_yet(sh, NULL, _("%s() here takes the flags %s; "
		    "yours were %s."), call, addr_format_msg_flags(
		    msg_flags(&st->t), want, sizeof want),
		    addr_format_msg_flags(msg_flags(&mine->t), got,
		    sizeof got));
	if (strcmp(call, "send") == 0 &&
	    (la = send_data(&st->t, a, sizeof a)) >= 0 &&
	    (lb = send_data(&mine->t, b, sizeof b)) >= 0 &&
	    (la != lb || memcmp(a, b, (size_t)la) != 0))
		return not_yet(sh, NULL, _("this step sends the lesson's "
		    "%ld bytes \"%.*s\"; yours were %ld bytes."), la,
		    (int)(la > 40 ? 40 : la), a, lb);
	if (ev->type->role == ROLE_LISTEN && st->t.n > 2 && ev->result == 0 &&
	    ev->arg != atoll(st->t.v[2].text))
		return not_yet(sh, NULL, _("listen() here takes the backlog "
		    "%s; yours was %lld."), st->t.v[2].text, ev->arg);
	bound_port(sh, st, ev, h);
	return 1;
}

/* A wait: for the job the lesson's wait names, whatever its number. */
static int
judge_wait(struct shell *sh, struct practice *p,
    const struct practice_step *st)
{
	int job = st->t.n > 1 ? practice_job(p, st->t.v[1].text) : 0;

	if ((job > 0 && job_find(sh, job) != NULL) || (job == 0 &&
	    sh->jobs != NULL))
		return not_yet(sh, NULL, _("the call this step waits for "
		    "(job %d) is still waiting; 'jobs' lists the jobs."), job);
	return 1;
}

/* What the lesson says the step must produce, after the call. */
static int
judge_expect(struct shell *sh, const struct practice_step *st,
    const char *name, int rc, size_t first, int failed_before)
{
	if (st->expecting <= 0) {
		fprintf(sh->out, _("  \u2713 %s, as in the lesson.\n"),
		    st->ce->event != NULL ? st->ce->event->call : st->ce->name);
		return 1;
	}
	if (expect_check(sh, &st->ex, name, rc, first, failed_before) < 0)
		return not_yet(sh, NULL, "%s", _("the call was right, but not "
		    "what it made (said above)."));
	return 1;
}

/* Whether the step expects its command to fail (=> error, an errno). */
static int
expects_failure(const struct practice_step *st)
{
	size_t i;

	for (i = 0; st->expecting > 0 && i < st->ex.n; i++)
		if (expect_names_failure(&st->ex.v[i]))
			return 1;
	return 0;
}

int
practice_judge(struct shell *sh, struct practice *p,
    const struct practice_step *st, const struct practice_step *mine,
    int rc, size_t first, int failed_before)
{
	const char *name = step_name(st);
	const struct event *ev;
	const struct handle *h, *o;

	if (mine->ce == NULL || mine->ce->event == NULL) {
		if (!practice_is_wait(mine->ce) || !practice_is_wait(st->ce))
			return -1;
		if (judge_wait(sh, p, st) == 0)
			return 0;
		return judge_expect(sh, st, name, rc, first, failed_before);
	}
	if (mine->ce != st->ce && strcmp(mine->ce->name, "close") == 0)
		return -1;	/* undoing a mistake: no try */
	if (mine->ce != st->ce)
		return not_yet(sh, NULL, _("this step is %s(), not %s(): the "
		    "narration above says what the lecture does here."),
		    st->ce->event != NULL ? st->ce->event->call : st->ce->name,
		    mine->ce->event->call);
	if (name != NULL && st->ce->args[0].kind == ARG_HANDLE &&
	    mine->t.n > 1 && strcmp(mine->t.v[1].text, name) != 0)
		return not_yet(sh, NULL, _("this step is on the lesson's socket "
		    "%s, not on %s."), name, mine->t.v[1].text);
	if ((ev = the_call(sh, st->ce, first)) == NULL && expects_failure(st))
		return judge_expect(sh, st, name, rc, first, failed_before);
	if (ev == NULL)
		return not_yet(sh, NULL, "%s", _("the command made no call "
		    "(the error above says why)."));
	h = handle_by_id(sh, ev->handle_id);
	if (h != NULL && name != NULL && ev->type->role == ROLE_SOCKET)
		return judge_socket(sh, st, h, name) &&
		    judge_expect(sh, st, name, rc, first, failed_before);
	if (h != NULL && name != NULL && strcmp(h->name, name) != 0)
		return not_yet(sh, NULL, _("this step is on the lesson's socket "
		    "%s, not on %s."), name, h->name);
	if (ev->type->role == ROLE_ACCEPT && st->t.n > 2 && ev->other_id > 0 &&
	    (o = handle_by_id(sh, ev->other_id)) != NULL &&
	    strcmp(o->name, st->t.v[2].text) != 0)
		return not_yet(sh, _("'close' it and try again, or 'again'."),
		    _("the lesson names the new socket %s, not %s."),
		    st->t.v[2].text, o->name);
	if (h != NULL && judge_args(sh, st, mine, ev, h) == 0)
		return 0;
	if (st->expecting <= 0 && ev->result == -1 && !ev->pending)
		return not_yet(sh, NULL, "%s", _("the call failed (said "
		    "above), where the lesson's succeeds."));
	return judge_expect(sh, st, name, rc, first, failed_before);
}

void
practice_hint(struct shell *sh, struct practice *p,
    const struct practice_step *st)
{
	const char *line = p->lines[p->at], *call;
	size_t n;

	if (st->ce == NULL)
		return;
	call = st->ce->event != NULL ? st->ce->event->call : st->ce->name;
	p->hints++;
	switch (p->hint_level++) {
	case 0:
		fprintf(sh->out, _("  Hint: this step is %s(), as the narration "
		    "above says: %s.\n"), call, _(st->ce->summary));
		break;
	case 1:
		fprintf(sh->out, _("  Hint: the command's form: %s %s\n"),
		    st->ce->name, args_usage(st->ce));
		break;
	default:
		n = expect_cut(line, strlen(line));
		while (n > 0 && line[n - 1] == ' ')
			n--;
		fprintf(sh->out, _("  Hint: type %.*s\n"), (int)n, line);
		break;
	}
}
