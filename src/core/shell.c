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
	sh->handles = NULL;
	sh->nhandles = 0;
}
