/* capture.c - sh->out and sh->err copied into the step's output as they
 * are written: a stream over each that writes through and keeps a copy
 * (sh->steps.out, emptied when a command begins: run.c). */
#include <config.h>

#define _GNU_SOURCE 1
#include <stdio.h>
#include <stdlib.h>

#include "base/steps.h"
#include "core/shell.h"
#include "input/capture.h"

struct tee {
	FILE		*to;
	struct steps	*steps;
};

/* The copies are made by the outermost loop: a nested one (source,
 * lesson) finds them made. */
static int depth;
static FILE *below_out, *below_err;

static ssize_t
tee_write(void *cookie, const char *buf, size_t n)
{
	struct tee *t = cookie;

	steps_buf_add(&t->steps->out, buf, n, STEPS_OUTPUT);
	if (fwrite(buf, 1, n, t->to) != n)
		return -1;
	/* A flush of the copy is a flush of the output: the order of
	 * stdout and stderr on one pipe stays. */
	fflush(t->to);
	return (ssize_t)n;
}

static int
tee_close(void *cookie)
{
	struct tee *t = cookie;
	int rc = fflush(t->to);

	free(t);
	return rc;
}

static FILE *
tee_over(FILE *to, struct steps *steps, int mode)
{
	static const cookie_io_functions_t io = { NULL, tee_write, NULL,
	    tee_close };
	struct tee *t = malloc(sizeof *t);
	FILE *f;

	if (t == NULL)
		return NULL;
	t->to = to;
	t->steps = steps;
	if ((f = fopencookie(t, "w", io)) == NULL) {
		free(t);
		return NULL;
	}
	setvbuf(f, NULL, mode, mode == _IOFBF ? 65536 : 0);
	return f;
}

void
capture_attach(struct shell *sh)
{
	FILE *out, *err;

	if (depth++ > 0)
		return;
	out = tee_over(sh->out, &sh->steps, sh->terminal ? _IOLBF : _IOFBF);
	err = tee_over(sh->err, &sh->steps, _IOLBF);
	if (out == NULL || err == NULL) {
		if (out != NULL)
			fclose(out);
		if (err != NULL)
			fclose(err);
		below_out = below_err = NULL;
		return;
	}
	below_out = sh->out;
	below_err = sh->err;
	sh->out = out;
	sh->err = err;
}

void
capture_detach(struct shell *sh)
{
	if (depth == 0 || --depth > 0 || below_out == NULL)
		return;
	fclose(sh->out);
	fclose(sh->err);
	sh->out = below_out;
	sh->err = below_err;
	below_out = below_err = NULL;
}
