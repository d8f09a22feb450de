/* picture-model.h - the picture as plain data, for any renderer: what is
 * drawn, not how. Built from the event log and the sockets' state
 * (picture_model_build), it holds no glyph, no colour and no terminal
 * column: the texts in full, the rows and the two columns as a grid. The
 * text renderer (picture-text.c) fits it to a terminal; another renderer
 * draws the same model as it likes.
 *
 * A model's picture is a group: one, with all the shell's sockets, as on
 * the slide (a renderer draws each group the model has). Its rows are a
 * grid: a box in each column (the server's, titled by the roles, and the
 * client's), maybe an arrow across between them, and the bus lines that
 * run through the gap. Its rows are made on demand (picture_model_row): a
 * terminal shows the last few of thousands. */
#ifndef SOCKSHELL_PICTURE_MODEL_H
#define SOCKSHELL_PICTURE_MODEL_H

#include <stddef.h>

struct shell;
struct sock_state;

enum { PIC_LEFT, PIC_RIGHT };	/* the server's column, the client's */

#define PIC_TEXT	160	/* bytes of a box's text */
#define PIC_BARS	6	/* bus lines through one row */
#define PIC_OPS		8	/* the lecture's calls */

/* How a box or an arrow looks beside the others. */
enum pic_look {
	PIC_PLAIN,
	PIC_FAILED,	/* a call that failed, a connection refused */
	PIC_PENDING	/* a call that waits, a handshake under way */
};

enum pic_box_kind {
	PIC_BOX_NONE,	/* nothing in this column on this row */
	PIC_BOX_CALL,	/* a call of the shell's */
	PIC_BOX_NOTE	/* no call: what the kernel holds ("(srv: 3 B
			 * unread)"), or another program's address */
};

/* A column's box on one row: "Receive conn 13 B ✗ ECONNRESET" as parts. */
struct pic_box {
	enum pic_box_kind	 kind;
	const char		*op;		/* call: its name ("Receive") */
	const char		*name;		/* call: its socket's name */
	char			 text[PIC_TEXT];/* call: what it did (an
						 * address, "backlog 1", "13
						 * B"), or ""; note: the note */
	char			 brief[32];	/* call: the same said shorter
						 * ("1", "UDP"), or "" */
	const char		*to;		/* accept: the connection's
						 * socket, or NULL */
	enum pic_look		 look;
	char			 status[48];	/* failed: the error
						 * ("ECONNREFUSED", "interrupted");
						 * pending: "waiting",
						 * "connecting"; else "" */
	int			 newest;	/* the last command's step */
	/* call: which it is, the same at every step while it is drawn:
	 * its event's id, twice and 1 more for a socketpair's second
	 * box; note: 0 */
	unsigned long		 id;
};

enum pic_arrow_kind {
	PIC_A_NONE,		/* no arrow on this row */
	PIC_A_CONNECT,		/* a connection set up: connect -> accept */
	PIC_A_CONNECTING,	/* SYN sent, no connection yet */
	PIC_A_REFUSED,		/* a connect that failed on its way */
	PIC_A_DATA,		/* bytes, or one datagram: send -> recv */
	PIC_A_EOF,		/* close -> the peer's recv of 0 */
	PIC_A_RESET		/* close with unread data -> ECONNRESET */
};

/* What travels across on one row. */
struct pic_arrow {
	enum pic_arrow_kind	 kind;
	int			 from;		/* the side it leaves */
	int			 reaches[2];	/* it reaches the box on that
						 * side; else it stops short
						 * (or meets a bus line) */
	enum pic_look		 look;
	long long		 count;		/* data: bytes; connect:
						 * connections */
	char			 label[48];	/* "connection", "13 B", "EOF" */
	int			 newest;
};

/* A bus line through one row: the arrows of one run of a stream's bytes
 * (two sends read at once, one send read in two) meet it, so each reaches
 * the call that took its bytes. */
struct pic_bar {
	int	 side;		/* the receiving side, it runs near */
	int	 lane;		/* which of that side's lines: 0 the
				 * farthest from the box */
	int	 up, down;	/* its line goes on above, below */
	int	 joined;	/* this row's arrow meets it */
};

struct pic_row {
	struct pic_box		 box[2];
	struct pic_arrow	 arrow;
	struct pic_bar		 bar[PIC_BARS];
	int			 nbar;
};

struct pic_group {
	int	 nrows;
	int	 newest;	/* holds the last command's step */
	int	 row_at;	/* where its rows begin, for picture_model_row */
	int	 server_side;	/* the column titled Server (the other:
				 * Client): the left one, unless only the
				 * right one holds a server's socket */
};

struct picture;

struct pic_model {
	struct pic_group	*groups;	/* in the order of their first
						 * calls */
	size_t			 ngroups;
	size_t			 nrows;		/* of all groups */
	/* The lecture's calls, whose names a renderer may line up the boxes
	 * on (Socket, Bind, Listen, ...). */
	const char		*ops[PIC_OPS];
	struct picture		*p;		/* what the rows are made from */
};

/* SH's picture: from STATES (state_collect_brief of each of sh->handles)
 * when not NULL, else read now. NULL: out of memory. Its texts point into
 * SH's handles: it lives no longer than they stay as they are. */
struct pic_model	*picture_model_build(struct shell *sh,
			    const struct sock_state *states);
void			 picture_model_free(struct pic_model *m);

/* Column X's title in group G: "Server" or "Client", with "(another
 * program)" when OTHER, only another program's ends are drawn there. */
const char		*picture_model_title(const struct pic_group *g, int x,
			    int other);

/* Row I of group G, into ROW. */
void			 picture_model_row(const struct pic_model *m,
			    const struct pic_group *g, int i,
			    struct pic_row *row);

#endif
