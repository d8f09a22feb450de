/* sig.c - what the signal handlers (installed by main) tell the rest. */
#include <config.h>

#include "base/sig.h"

volatile sig_atomic_t sig_interrupted;
volatile sig_atomic_t sig_terminated;
