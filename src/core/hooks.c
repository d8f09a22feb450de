/* hooks.c - the calls up that the input loop hands down (struct
 * shell_hooks): each does nothing, or fails with -1, where it set none. */
#include <config.h>

#include <stdio.h>

#include "core/hooks.h"
#include "core/shell.h"

/* Around what jobs print while the prompt may be showing (job.c). */
void
hooks_async_begin(struct shell *sh)
{
	if (sh->hooks.async_begin != NULL)
		sh->hooks.async_begin();
}

void
hooks_async_end(struct shell *sh)
{
	fflush(sh->out);
	if (sh->hooks.async_end != NULL)
		sh->hooks.async_end();
}

/* Where no hook runs the file FP: closed, and a failure. */
static int
not_run(FILE *fp)
{
	fclose(fp);
	return -1;
}

/* 'source' runs a file through the input loop. */
int
hooks_run_file(struct shell *sh, FILE *fp, const char *path)
{
	return sh->hooks.run_file != NULL ? sh->hooks.run_file(sh, fp, path) :
	    not_run(fp);
}

/* 'lesson' runs a lesson through the input loop. */
int
hooks_run_lesson(struct shell *sh, FILE *fp, const char *path)
{
	return sh->hooks.run_lesson != NULL ?
	    sh->hooks.run_lesson(sh, fp, path) : not_run(fp);
}

/* 'pause' waits as the input loop does. */
int
hooks_pause(struct shell *sh)
{
	return sh->hooks.pause != NULL ? sh->hooks.pause(sh) : -1;
}

/* 'practice' runs a lesson as practice through the input loop. */
int
hooks_run_practice(struct shell *sh, FILE *fp, const char *path)
{
	return sh->hooks.run_practice != NULL ?
	    sh->hooks.run_practice(sh, fp, path) : not_run(fp);
}

/* hint, skip and again act on the step being practised: -1 when no
 * practice runs (said by the hook), or where none is set. */
int
hooks_practice_ask(struct shell *sh, enum practice_ask what)
{
	return sh->hooks.practice_ask != NULL ?
	    sh->hooks.practice_ask(sh, (int)what) : -1;
}

/* A yes-or-no question at the terminal: 1 for yes, 0 otherwise. */
int
hooks_confirm(struct shell *sh, const char *question)
{
	return sh->hooks.confirm != NULL ? sh->hooks.confirm(sh, question) :
	    0;
}

/* 'record FILE' and 'record stop' (PATH NULL). */
int
hooks_record(struct shell *sh, const char *path)
{
	return sh->hooks.record != NULL ? sh->hooks.record(sh, path) : -1;
}
