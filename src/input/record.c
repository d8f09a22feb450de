/* record.c - 'record FILE' ... 'record stop': the commands the user types,
 * written as a lesson with what the kernel made of each (the states, the
 * byte counts, the data received, the errno) and a pause between steps.
 * Only what does not depend on timing is written: never FIN_WAIT1 against
 * FIN_WAIT2, never a port the kernel picked ($PORT stands for the first
 * bind's port), so that the file run as a lesson passes. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/message.h"
#include "commands/cmd.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"
#include "input/lex.h"
#include "input/record.h"

static struct {
	FILE		*fp;
	char		*path;
	unsigned	 steps;
	char		 port[8];	/* the first bind's port, or "" */
} rec;

int
record_start(struct shell *sh, const char *path)
{
	int fd;

	if (path == NULL) {
		if (rec.fp == NULL) {
			report_error(sh, "%s", _("record stop: nothing is being "
			    "recorded"));
			return -1;
		}
		fclose(rec.fp);
		fprintf(sh->out, _("recorded %u steps in %s: 'lesson %s' runs "
		    "them as a lesson\n"), rec.steps, rec.path, rec.path);
		free(rec.path);
		memset(&rec, 0, sizeof rec);
		return 0;
	}
	if (rec.fp != NULL) {
		report_error(sh, _("already recording to %s: 'record stop' "
		    "first"), rec.path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	if (fd < 0 || (rec.fp = fdopen(fd, "w")) == NULL) {
		report_error(sh, errno == EEXIST ? _("cannot record to '%s': "
		    "it exists already (a recording never overwrites a file): "
		    "pick a new name") : _("cannot record to '%s': %s"), path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rec.path = strdup(path);
	fputs("# A recorded session\n#\n# Written by sockshell's 'record'; "
	    "run it with 'sockshell --lesson FILE'.\n", rec.fp);
	fflush(rec.fp);
	fprintf(sh->out, _("recording the commands you type to %s, until "
	    "'record stop'\n"), path);
	return 0;
}

/* DATA as a lesson's quoted string: C escapes for the rest. */
static void
put_quoted(FILE *fp, const char *data, size_t len)
{
	size_t i;
	unsigned char c;

	fputc('"', fp);
	for (i = 0; i < len; i++) {
		c = (unsigned char)data[i];
		if (c == '"' || c == '\\')
			fprintf(fp, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(fp, "\\x%02x", c);
		else
			fputc(c, fp);
	}
	fputc('"', fp);
}

/* The line as typed, the port PORT (a word, or ADDRESS:PORT) as $PORT. */
static void
put_command(FILE *fp, const char *line, size_t len, const char *port)
{
	char err[MESSAGE_LEN];
	struct tokens t;
	size_t i, at = 0, pl = strlen(port), n;
	const struct token *w;

	if (lex_line(line, len, &t, err) < 0) {
		fprintf(fp, "%.*s", (int)len, line);
		return;
	}
	for (i = 0; i < t.n && pl > 0; i++) {
		w = &t.v[i];
		n = w->end - w->start;
		if (w->quoted || w->python || n < pl || memcmp(line + w->end - pl,
		    port, pl) != 0 || (n > pl && line[w->end - pl - 1] != ':'))
			continue;
		fprintf(fp, "%.*s$PORT", (int)(w->end - pl - at), line + at);
		at = w->end;
	}
	n = len;
	while (n > at && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	fprintf(fp, "%.*s", (int)(n - at), line + at);
	words_free(&t);
}

/* The port of the address A, as a word. */
static void
port_word(const struct sockaddr *a, char *buf, size_t n)
{
	const struct sockaddr_in *in = (const void *)a;

	snprintf(buf, n, "%u", ntohs(in->sin_port));
}

/* What EV, the step's call, made, as a lesson's expectation. */
static void
put_expect(struct shell *sh, const struct event *ev, const struct handle *h)
{
	if (ev->pending)
		return;			/* a job: its result comes later */
	if (ev->result == -1) {
		if (!ev->stopped && ev->err != EINTR && ev->err != EAGAIN)
			fprintf(rec.fp, " => %s", errinfo_name(ev->err));
		return;
	}
	switch (ev->type->role) {
	case ROLE_SOCKET:
		fputs(" => created", rec.fp);
		break;
	case ROLE_BIND:
		fputs(" => bound", rec.fp);
		break;
	case ROLE_LISTEN:
		fputs(" => LISTEN", rec.fp);
		break;
	case ROLE_CONNECT:
		fputs(h != NULL && h->type == SOCK_STREAM ? " => ESTABLISHED" :
		    " => ok", rec.fp);
		break;
	case ROLE_SEND:
		fprintf(rec.fp, " => %lld", ev->result);
		break;
	case ROLE_RECV:
		if (ev->result == 0)
			fputs(" => EOF", rec.fp);
		else if (sh->last_data != NULL &&
		    (long long)sh->last_len == ev->result) {
			fputs(" => ", rec.fp);
			put_quoted(rec.fp, sh->last_data, sh->last_len);
		}
		break;
	default:
		break;
	}
}

void
record_line(struct shell *sh, const char *line, size_t len, size_t first)
{
	char err[MESSAGE_LEN], given[8];
	const struct cmd_entry *ce;
	const struct event *ev = first < sh->log.n ? &sh->log.v[first] : NULL;
	const struct handle *h;
	struct tokens t;

	if (rec.fp == NULL || lex_line(line, len, &t, err) < 0)
		return;
	ce = t.n > 0 ? cmd_find(t.v[0].text, err) : NULL;
	words_free(&t);
	if (ce == NULL || (ce->event == NULL && strcmp(ce->name, "wait") != 0 &&
	    strcmp(ce->name, "set") != 0))
		return;
	h = ev != NULL ? handle_by_id(sh, ev->handle_id) : NULL;
	/* The first bind's port: $PORT from here on. */
	given[0] = '\0';
	if (rec.port[0] == '\0' && ev != NULL && ev->type->role ==
	    ROLE_BIND && ev->result == 0 && h != NULL &&
	    (h->family == AF_INET || h->family == AF_INET6)) {
		port_word(&ev->addr.sa, given, sizeof given);
		port_word((const struct sockaddr *)&h->local, rec.port,
		    sizeof rec.port);
	}
	put_command(rec.fp, line, len, given[0] != '\0' ? given : rec.port);
	if (ev != NULL && ev->type != NULL && ce->event != NULL)
		put_expect(sh, ev, h);
	fputs("\npause\n", rec.fp);
	fflush(rec.fp);
	rec.steps++;
}

static int
record_hook(struct shell *sh, const char *path)
{
	return record_start(sh, path);
}

void
record_attach(struct shell *sh)
{
	sh->hooks.record = record_hook;
}
