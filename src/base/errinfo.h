/* errinfo.h - errno names, and what the common errors mean for a student. */
#ifndef SOCKSHELL_ERRINFO_H
#define SOCKSHELL_ERRINFO_H

struct handle;

/* errinfo.c */
const char	*errno_name(int err);
const char	*errno_explain(const char *call, int err,
		    const struct handle *);

#endif
