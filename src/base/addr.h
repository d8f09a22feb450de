/* addr.h - addresses, ports, families and flags: parsing and formatting. */
#ifndef SOCKSHELL_ADDR_H
#define SOCKSHELL_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* addr.c */
int		 addr_parse_port(const char *s, uint16_t *port, char *err);
int		 addr_parse_family(const char *s, int *family);
int		 addr_parse_type(const char *s, int *type);
/* The one way host names are looked up (resolve, socket, bind ...):
 * getaddrinfo's code, or 1 when HOST is refused unasked (ERR says why);
 * *LOOPBACK: a localhost name, the loopback address of each family. */
struct addrinfo;
/* Names looked up in /etc/hosts only, no name server asked: set while a
 * fenced lesson's command runs (commands/cmd.c, core/fence.c). */
extern int	 addr_hosts_only;
int		 addr_lookup(const char *host, const char *service,
		     const struct addrinfo *hints, struct addrinfo **res,
		     int *loopback, char *err);
int		 addr_parse(const char *addr,
		     const char *port, int family, struct sockaddr_storage *,
		     socklen_t *, char *err);
char		*addr_format(const struct sockaddr_storage *, socklen_t,
		     char *buf, size_t n);
const char	*addr_family_name(int family);
const char	*addr_type_name(int type);
const char	*addr_proto_label(int family, int type);
int		 addr_named(const struct sockaddr_storage *, socklen_t);
int		 addr_parse_msg_flag(const char *s, int *flag);
char		*addr_format_msg_flags(int flags, char *buf, size_t n);

#endif
