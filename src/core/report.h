/* report.h - the one way errors are reported, and failed calls. */
#ifndef SOCKSHELL_CORE_REPORT_H
#define SOCKSHELL_CORE_REPORT_H

struct errinfo_advice;
struct handle;
struct shell;

/*
 * The one way errors are reported: "FILE:LINE: message" while a script
 * runs, "sockshell: message" at the prompt, always on one line. Marks the
 * run as failed.
 */
void		 report_error(struct shell *, const char *fmt, ...)
		     __attribute__((format(printf, 2, 3)));
/* A failed call on the socket H (or NULL): what ERR means there, and
 * what to try, from ADVICE (the command's lists: cmd.h) or the general
 * advice; report_call_failed prints the call's line first. */
void		 report_syscall_error(struct shell *, const struct handle *,
		     const struct errinfo_advice *const *advice,
		     const char *call, int err);
void		 report_call_line(struct shell *, const char *prefix,
		     const char *call, int err, const char *argsfmt, ...)
		     __attribute__((format(printf, 5, 6)));
void		 report_call_failed(struct shell *, const struct handle *,
		     const struct errinfo_advice *const *advice,
		     const char *prefix, const char *call, int err,
		     const char *argsfmt, ...)
		     __attribute__((format(printf, 7, 8)));

#endif
