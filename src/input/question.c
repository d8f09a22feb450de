/* question.c - predict, then see: a question before a step, its choices
 * expectations that the kernel settles after the step. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/message.h"
#include "core/report.h"
#include "core/shell.h"
#include "input/expect.h"
#include "input/lex.h"
#include "input/question.h"

int
question_line(const char *line, size_t len)
{
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	return len > 0 && *line == '?';
}

void
question_free(struct question *q)
{
	int i;

	free(q->text);
	for (i = 0; i < q->n; i++)
		free(q->choice[i]);
	memset(q, 0, sizeof *q);
}

int
question_add(struct shell *sh, struct question *q, const char *line,
    size_t len)
{
	size_t i = 0;
	int k;

	while (i < len && line[i] != '?')
		i++;
	i++;
	if (i < len && line[i] >= '1' && line[i] <= '9') {
		k = line[i++] - '0';
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (k != q->n + 1 || k > QUESTION_CHOICES || i == len) {
			report_error(sh, "%s", _("a question's choices are ?1, ?2 ... "
			    "in order, each followed by what the kernel must "
			    "say, as in '?2 conn:CLOSE_WAIT'"));
			return -1;
		}
		q->choice[q->n++] = strndup(line + i, len - i);
		return 0;
	}
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	free(q->text);
	q->text = strndup(line + i, len - i);
	return 0;
}

int
question_ask(struct shell *sh, struct question *q, int ask)
{
	int i;

	if (q->text == NULL && q->n == 0)
		return 0;
	fprintf(sh->out, _("Question: %s\n"), q->text != NULL ? _(q->text) :
	    "");
	for (i = 0; i < q->n; i++)
		fprintf(sh->out, "  %d) %s\n", i + 1, q->choice[i]);
	if (!ask) {
		fprintf(sh->out, "%s\n", _("  (the next step answers it)"));
		return 0;
	}
	fprintf(sh->out, "%s\n", _("  Your prediction? (its number; then "
	    "type the step, and see)"));
	return 0;
}

int
question_choose(struct shell *sh, struct question *q, const char *line)
{
	char *end;
	long k = strtol(line, &end, 10);

	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	if (end != line && *end == '\0' && k >= 1 && k <= q->n) {
		q->answer = (int)k;
		return 0;
	}
	fprintf(sh->out, _("  Answer with the number of a choice, 1 to "
	    "%d.\n"), q->n);
	return -1;
}

/* Whether choice K holds now, for the step whose first word is HANDLE. */
static int
holds(struct shell *sh, const char *choice, const char *handle, int rc,
    size_t first)
{
	char err[MESSAGE_LEN];
	struct tokens t;
	size_t i;
	int ok = 1;

	if (lex_line(choice, strlen(choice), &t, err) < 0)
		return 0;
	for (i = 0; i < t.n && ok; i++)
		ok = expect_holds(sh, &t.v[i], handle, rc, first);
	ok = ok && t.n > 0;
	words_free(&t);
	return ok;
}

int
question_answer(struct shell *sh, struct question *q, const char *line,
    int rc, size_t first)
{
	char err[MESSAGE_LEN], *handle = NULL;
	struct tokens t;
	int i, kernel = 0, right;

	if (q->n == 0) {
		question_free(q);
		return 0;
	}
	if (lex_line(line, strlen(line), &t, err) == 0) {
		if (t.n > 1)
			handle = strdup(t.v[1].text);
		words_free(&t);
	}
	/* ok and error: of the call itself, not of the line (a failure the
	 * step expected makes the line succeed). */
	if (first < sh->log.n && sh->log.v[first].result == -1)
		rc = -1;
	for (i = 0; i < q->n && kernel == 0; i++)
		if (holds(sh, q->choice[i], handle, rc, first))
			kernel = i + 1;
	free(handle);
	if (kernel == 0)
		fprintf(sh->out, "%s\n", _("  The kernel says: none of these."));
	else
		fprintf(sh->out, _("  The kernel says: %d) %s\n"), kernel,
		    q->choice[kernel - 1]);
	right = q->answer != 0 && q->answer == kernel;
	if (q->answer != 0)
		fprintf(sh->out, right ? _("  You said %d: right.\n") :
		    _("  You said %d: the kernel says otherwise.\n"),
		    q->answer);
	question_free(q);
	return right;
}
