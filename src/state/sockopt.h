/* sockopt.h - the socket options the shell knows: their names and levels,
 * how their values are written, read and shown (setsockopt, getsockopt,
 * and the state table's "options that differ from a new socket's"). */
#ifndef SOCKSHELL_SOCKOPT_H
#define SOCKSHELL_SOCKOPT_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/time.h>

enum opt_kind {
	OPT_BOOL,	/* int, 0 or 1 */
	OPT_INT,	/* int, a count (a TTL) */
	OPT_BYTES,	/* int, a size in bytes */
	OPT_LINGER,	/* struct linger */
	OPT_TIME,	/* struct timeval */
	OPT_TYPE,	/* int, SOCK_STREAM or SOCK_DGRAM (read only) */
	OPT_ERRNO	/* int, the pending error (read only; reading clears) */
};

/* Which sockets list an option (any socket may try to set any). */
#define OPT_TCP		0x001
#define OPT_UDP		0x002
#define OPT_UNIX	0x004	/* AF_UNIX, either type */
#define OPT_ALL		0x007
#define OPT_V4		0x008	/* only AF_INET sockets */
#define OPT_V6		0x010	/* only AF_INET6 sockets */
#define OPT_RO		0x020	/* read only */
#define OPT_SETONLY	0x040	/* differs from the default only once set:
				   the kernel tunes it on its own */
#define OPT_NOLIST	0x080	/* not in the listing (reading has an effect) */

struct sockopt {
	const char	*name;
	int		 level, optname;
	enum opt_kind	 kind;
	int		 flags;
	const char	*help;		/* N_() */
};

union optval {
	int		 i;
	struct linger	 l;
	struct timeval	 tv;
};

#define SOCKOPT_MAX	24

extern const struct sockopt sockopt_table[];

size_t			 sockopt_count(void);
/* NAME as in SO_REUSEADDR, in any case; the prefix may be left out. */
const struct sockopt	*sockopt_find(const char *name);
int			 sockopt_index(const struct sockopt *);
int			 sockopt_listed(const struct sockopt *, int family,
			     int type);
const char		*sockopt_level_name(int level);
/* getsockopt into V; 0, or -1 with errno set. */
int			 sockopt_get(int fd, const struct sockopt *,
			     union optval *v);
socklen_t		 sockopt_len(const struct sockopt *);
/* Parses the words of a value; 0, or -1 with a message in ERR. */
int			 sockopt_parse(const struct sockopt *, int argc,
			     char *const *argv, union optval *v, char *err);
/* The value for a person ("on", "8192 bytes"), and as C passes it. */
char			*sockopt_format(const struct sockopt *,
			     const union optval *, char *buf, size_t n);
char			*sockopt_format_c(const struct sockopt *,
			     const union optval *, char *buf, size_t n);
int			 sockopt_equal(const struct sockopt *,
			     const union optval *, const union optval *);
/* The value a new socket of this family and type has; 0, or -1. */
int			 sockopt_default(int family, int type,
			     const struct sockopt *, union optval *v);
/* Why the kernel applied GOT when SET was asked, or NULL. */
const char		*sockopt_note(const struct sockopt *,
			     const union optval *set, const union optval *got);

#endif
