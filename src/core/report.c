/* report.c - the one way errors are reported, and the line of a failed
 * call with what its errno means. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/errinfo.h"
#include "base/i18n.h"
#include "base/message.h"
#include "core/handle.h"
#include "core/report.h"
#include "core/shell.h"

/*
 * The one way errors are reported: "FILE:LINE: message" while a script
 * runs, "sockshell: message" at the prompt, always on one line. Marks the
 * run as failed.
 */
void
report_error(struct shell *sh, const char *fmt, ...)
{
	int at_prompt = (sh->interactive && sh->at.depth == 0) || sh->at.line == 0;
	va_list ap;

	fflush(sh->out);
	va_start(ap, fmt);
	message_vprint(sh->err, at_prompt ? NULL : sh->at.file, sh->at.line,
	    fmt, ap);
	va_end(ap);
	sh->failed = 1;
}

/* The line of a failed call: "PREFIXcall(ARGS) = -1 ENAME (message)". */
static void
call_line(struct shell *sh, const char *prefix, const char *call, int err,
    const char *argsfmt, va_list ap)
{
	fprintf(sh->out, "%s%s(", prefix, call);
	vfprintf(sh->out, argsfmt, ap);
	fprintf(sh->out, ") = -1 %s (%s)\n", errinfo_name(err), strerror(err));
}

void
report_call_line(struct shell *sh, const char *prefix, const char *call,
    int err, const char *argsfmt, ...)
{
	va_list ap;

	va_start(ap, argsfmt);
	call_line(sh, prefix, call, err, argsfmt, ap);
	va_end(ap);
}

/* A failed call: its line, then what ERR means and what to try. */
void
report_call_failed(struct shell *sh, const struct handle *h,
    const struct errinfo_advice *const *advice, const char *prefix,
    const char *call, int err, const char *argsfmt, ...)
{
	va_list ap;

	va_start(ap, argsfmt);
	call_line(sh, prefix, call, err, argsfmt, ap);
	va_end(ap);
	report_syscall_error(sh, h, advice, call, err);
}

/* After a failed CALL: what ERR means, and what to try. */
void
report_syscall_error(struct shell *sh, const struct handle *h,
    const struct errinfo_advice *const *advice, const char *call, int err)
{
	struct errinfo_situation s;
	const char *why;

	handle_situation(h, &s);
	why = errinfo_explain(advice, err, &s);

	if (why != NULL)
		report_error(sh, _("%s failed with %s: %s"), call,
		    errinfo_name(err), why);
	else
		report_error(sh, _("%s failed with %s: %s"), call,
		    errinfo_name(err), strerror(err));
}
