/* errinfo.h - errno names, and what the common errors mean for a student. */
#ifndef SOCKSHELL_ERRINFO_H
#define SOCKSHELL_ERRINFO_H

/*
 * Where the socket stands after the failed call, as the caller read it
 * from the kernel: an explanation for one situation comes before the
 * general one. All 0: no socket, or none known.
 */
struct errinfo_situation {
	int	family;		/* AF_INET, AF_INET6, AF_UNIX, or 0 */
	int	listening;	/* listen succeeded on it */
	int	connected;	/* it has a peer */
	int	never;		/* neither, and it never had a peer */
	int	unnamed;	/* it has no address (AF_UNIX: no path) */
	int	shut;		/* shutdown: 1 SHUT_RD, 2 SHUT_WR (bits) */
};

/* The situations an explanation is for (when): one must hold. */
#define ERRINFO_LISTENING	0x01
#define ERRINFO_CONNECTED	0x02
#define ERRINFO_NEVER		0x04	/* never connected */
#define ERRINFO_UNBOUND_UNIX	0x08	/* AF_UNIX with no path */
#define ERRINFO_UNIX		0x10
#define ERRINFO_SHUT_WR		0x20
#define ERRINFO_INET6		0x40

/* What ERR means, in a command's entry: a list ended by { 0, NULL, 0 }. */
struct errinfo_advice {
	int		 err;
	const char	*text;	/* N_() */
	int		 when;	/* ERRINFO_ bits; 0: any situation */
};

/* errinfo.c */
const char	*errinfo_name(int err);
/* What ERR means in situation S (NULL: none known) and what to try, from
 * LISTS (a command's advice lists, ended by NULL; or NULL), then the
 * general advice; NULL when it is rare. */
const char	*errinfo_explain(const struct errinfo_advice *const *lists,
		    int err, const struct errinfo_situation *s);

#endif
