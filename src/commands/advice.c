/* advice.c - what an errno means for calls that two commands make:
 * send and sendto, recv and recvfrom, setsockopt and getsockopt. Each
 * entry lists these after its own (cmd.h). */
#include <config.h>

#include <errno.h>
#include <stddef.h>

#include "base/i18n.h"
#include "commands/advice.h"

const struct errinfo_advice advice_sending[] = {
	{ EOPNOTSUPP, N_("urgent data (MSG_OOB) exists only in TCP: leave the "
	    "flag out, or send it on a TCP connection"), 0 },
	{ EPIPE, N_("this socket's own sending side is shut down (shutdown "
	    "wr), not the peer's: nothing more can be sent on "
	    "it"), ERRINFO_SHUT_WR },
	{ 0, NULL, 0 }
};

const struct errinfo_advice advice_receiving[] = {
	{ ECONNREFUSED, N_("a datagram sent earlier found nobody at its port: "
	    "the kernel got an ICMP \"port unreachable\" and reports it "
	    "here"), 0 },
	{ 0, NULL, 0 }
};

const struct errinfo_advice advice_sockopt[] = {
	{ EOPNOTSUPP, N_("this option is not for this kind of socket: TCP_ "
	    "and IP_ options are for TCP/IP sockets, and an AF_UNIX socket "
	    "has neither"), 0 },
	{ ENOPROTOOPT, N_("this option is not for this kind of socket (a TCP_ "
	    "option on UDP, an IPv6 option on IPv4, ...)"), 0 },
	{ 0, NULL, 0 }
};
