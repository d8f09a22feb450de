/* shell.c - the shell's context: made, and given back. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "base/errinfo.h"
#include "base/evlog.h"
#include "base/i18n.h"
#include "base/steps.h"
#include "base/text.h"
#include "core/handle.h"
#include "core/job.h"
#include "core/shell.h"
#include "core/vars.h"

void
shell_init(struct shell *sh, FILE *out, FILE *err)
{
	memset(sh, 0, sizeof *sh);
	sh->out = out;
	sh->err = err;
	sh->at.file = "<stdin>";
	/* Lessons say $PORT; a test run sets it to 0 (see cmd-bind.c). */
	var_set(sh, "PORT", "8888");
}

/* Closes every socket (cancelling the jobs) and frees the tables. */
void
shell_free(struct shell *sh)
{
	size_t i;

	for (i = 0; i < sh->nhandles; i++)
		jobs_close_handle(sh, sh->handles[i]);
	for (i = 0; i < sh->nhandles; i++)
		free(sh->handles[i]);
	free(sh->handles);
	free(sh->by_name);
	sh->by_name = NULL;
	sh->by_name_cap = 0;
	evlog_free(&sh->log);
	free(sh->last_data);
	sh->last_data = NULL;
	vars_free(sh);
	steps_free(&sh->steps);
	roles_free(sh);
	sh->handles = NULL;
	sh->nhandles = 0;
}

/* The events of the handles kept, in order; NEW_INDEX[i]: where event i
 * went, plus 1 (0: forgotten), for the indexes that point into the log
 * (a job's pending entry, a result's 'began'). */
static size_t
forget_events(struct shell *sh, size_t *new_index)
{
	struct evlog *log = &sh->log;
	struct handle *other;
	struct job *j;
	size_t i, n = 0;

	for (i = 0; i < log->n; i++) {
		new_index[i] = 0;
		if (log->v[i].handle_id != 0 &&
		    handle_by_id(sh, log->v[i].handle_id) == NULL)
			continue;
		log->v[n] = log->v[i];
		other = handle_by_id(sh, log->v[n].other_id);
		if (other == NULL)
			log->v[n].other_id = 0;
		new_index[i] = ++n;
	}
	for (i = 0; i < n; i++)
		if (log->v[i].began > 0)
			log->v[i].began = new_index[log->v[i].began - 1];
	for (j = sh->jobs; j != NULL; j = j->next)
		if (j->op.event > 0 && j->op.event <= log->n)
			j->op.event = new_index[j->op.event - 1];
	i = log->n - n;
	log->n = n;
	return i;
}

size_t
shell_forget(struct shell *sh, int all, size_t *events)
{
	size_t i, n = 0, gone, *new_index;
	struct handle *h;

	new_index = malloc((sh->log.n ? sh->log.n : 1) * sizeof *new_index);
	if (new_index == NULL)
		return 0;
	for (i = 0; i < sh->nhandles; i++) {
		h = sh->handles[i];
		if (all || h->fd < 0)
			free(h);
		else
			sh->handles[n++] = h;
	}
	gone = sh->nhandles - n;
	sh->nhandles = n;
	/* Accepted from a listener forgotten: from none now. */
	for (i = 0; i < n; i++)
		if (handle_by_id(sh, sh->handles[i]->listener_id) == NULL)
			sh->handles[i]->listener_id = 0;
	handle_reindex(sh);
	if (all)	/* the exported page: a new picture */
		sh->steps.picture++;
	i = forget_events(sh, new_index);
	free(new_index);
	if (events != NULL)
		*events = i;
	return gone;
}
