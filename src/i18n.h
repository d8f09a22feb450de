/* i18n.h - the _() and N_() macros every user-facing string goes through.
 *
 * glibc carries gettext itself; without a catalogue installed for the
 * user's locale gettext() returns its argument, so English is the default
 * and a translation only has to add po/ files. */
#ifndef SOCKSHELL_I18N_H
#define SOCKSHELL_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)
/* Plural forms: "1 byte", "2 bytes" (and the three Russian forms). */
#define P_(s, p, n)	ngettext((s), (p), (n))

#endif
