/* test-sockatmark.c - sockatmark NAME: the urgent mark of a real TCP
 * connection over loopback, its box in the picture, and its advice. */
#include <config.h>

#include <criterion/criterion.h>
#include <poll.h>
#include <string.h>

#include "helpers.h"

TSHELL_SUITE(sockatmark);

/* srv listening on a port the kernel picks, cli connected, conn
 * accepted. */
static void
connected(void)
{
	ts_ok(&t, (const char *const[]){ "socket srv",
	    "bind srv 127.0.0.1 0", "listen srv 1", "socket cli",
	    "connect cli srv", "accept srv conn", NULL });
}

Test(sockatmark, tells_where_the_urgent_byte_is)
{
	connected();
	ts_ok(&t, (const char *const[]){ "send cli \"ab\"",
	    "send cli MSG_OOB \"!\"", NULL });
	cr_assert(ts_ready(&t, "conn", POLLPRI) & POLLPRI);
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "sockatmark conn", NULL });
	assert_has(ts_out(&t), "sockatmark(");
	assert_has(ts_out(&t), ") = 0: conn is not at the urgent mark");
	/* A recv stops at the mark: the normal bytes, not the urgent one. */
	ts_ok(&t, (const char *const[]){ "recv conn => \"ab\"", NULL });
	ts_clear(&t);
	ts_ok(&t, (const char *const[]){ "sockatmark conn", NULL });
	assert_has(ts_out(&t), ") = 1: conn is at the urgent mark");
	ts_ok(&t, (const char *const[]){ "recv conn MSG_OOB => \"!\"", NULL });
}

Test(sockatmark, drawn_as_its_own_box)
{
	connected();
	ts_ok(&t, (const char *const[]){ "sockatmark cli", "picture 100",
	    NULL });
	assert_has(ts_out(&t), "Sockatmark");
	assert_has(ts_out(&t), "Sockatmark cli not at mark");
}

Test(sockatmark, udp_has_no_mark)
{
	ts_ok(&t, (const char *const[]){ "socket u AF_INET SOCK_DGRAM", NULL });
	ts_fail(&t, "sockatmark u", "sockatmark failed with ENOTTY: urgent "
	    "data, and so its mark, exists only in TCP", 0);
	ts_fail(&t, "sockatmark nosuch", "no socket named 'nosuch'", 1);
}

Test(sockatmark, keeps_the_short_forms)
{
	assert_finds("soc", "socket");
	assert_finds("sock", "socket");
	assert_finds("socka", "sockatmark");
}
