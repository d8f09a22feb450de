/* i18n.c - whether any catalogue answers for the user's locale. */
#include <config.h>

#include "base/i18n.h"

int i18n_untranslated;
