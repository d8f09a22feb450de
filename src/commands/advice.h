/* advice.h - advice shared by two commands (advice.c). */
#ifndef SOCKSHELL_ADVICE_H
#define SOCKSHELL_ADVICE_H

#include "base/errinfo.h"

/* send and sendto; recv and recvfrom; setsockopt and getsockopt */
extern const struct errinfo_advice advice_sending[];
extern const struct errinfo_advice advice_receiving[];
extern const struct errinfo_advice advice_sockopt[];

#endif
