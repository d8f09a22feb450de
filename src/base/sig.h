/* sig.h - what the signal handlers (installed by main) tell the rest. */
#ifndef SOCKSHELL_SIG_H
#define SOCKSHELL_SIG_H

#include <signal.h>

/* Set by the SIGINT handler; a waiting call stops. */
extern volatile sig_atomic_t sig_interrupted;
/* Set on SIGTERM or SIGHUP: the input loop ends, the sockets are closed. */
extern volatile sig_atomic_t sig_terminated;

#endif
