/* i18n.h - the _() and N_() macros every user-facing string goes through.
 *
 * glibc carries gettext itself; without a catalogue installed for the
 * user's locale gettext() returns its argument, so English is the default
 * and a translation only has to add po/ files. */
#ifndef SOCKSHELL_I18N_H
#define SOCKSHELL_I18N_H

#include <libintl.h>

/* Set by main when no catalogue answers for the user's locale: gettext
 * would return every string as it is, after a search that took a sixth of
 * the time of drawing the picture (bench/run). Never set in the tests. */
extern int i18n_untranslated;

#define _(s)	(i18n_untranslated ? (s) : gettext(s))
#define N_(s)	(s)
/* Plural forms: "1 byte", "2 bytes" (and the three Russian forms); with
 * no catalogue, ngettext's own rule. */
#define P_(s, p, n)	(i18n_untranslated ? ((n) == 1 ? (s) : (p)) : \
	ngettext((s), (p), (n)))

#endif
