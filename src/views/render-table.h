/* render-table.h - the state table laid out to fit the screen: a row's
 * texts (render.c fills them from the kernel's state) and how the rows
 * are printed in the columns there are. */
#ifndef SOCKSHELL_RENDER_TABLE_H
#define SOCKSHELL_RENDER_TABLE_H

#include <stddef.h>
#include <stdio.h>

#define RENDER_CELL	64
#define RENDER_ADDR	512	/* an AF_UNIX path, escaped */
#define RENDER_DETAILS	512	/* the line under a row */

/* One socket's row, as text; the widths are render_table_print's. */
struct render_row {
	char		 name[RENDER_CELL];
	char		 fd[16];		/* "-" once closed */
	const char	*proto, *step, *tcp;	/* tcp: "-" when none */
	char		 local[RENDER_ADDR];	/* "-" when none */
	char		 peer[RENDER_ADDR];	/* "": none to show */
	int		 paths;			/* AF_UNIX: a path may lose
						   its middle to fit */
	char		 queue[RENDER_CELL];	/* "" when nothing waits */
	char		 details[RENDER_DETAILS];	/* "" when nothing */
	int		 w_name, w_fd, w_proto, w_step, w_tcp, w_queue;
	int		 w_local, w_peer;
};

/*
 * Prints the header and ROWS (N of them) in WIDTH columns at most (UTF8:
 * the text is UTF-8, and the arrow and the ellipsis may be). The columns
 * merge before anything wraps: the addresses in one column, local ⇄
 * peer, the peer under the local address when both do not fit, then
 * under the row; the queue under the row when it does not fit on it. No
 * port or address is cut: an AF_UNIX path loses its middle (…), and a
 * name only when the row would not fit otherwise.
 */
void	render_table_print(FILE *, struct render_row *rows, size_t n,
	    int width, int utf8);

#endif
