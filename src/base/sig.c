/* sig.c - what the signal handlers (installed by main) tell the rest. */
#include <config.h>

#include "base/sig.h"

volatile sig_atomic_t shell_interrupted;
volatile sig_atomic_t shell_terminated;
