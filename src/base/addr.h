/* addr.h - addresses, ports, families and flags: parsing and formatting. */
#ifndef SOCKSHELL_ADDR_H
#define SOCKSHELL_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* addr.c */
int		 parse_port(const char *s, uint16_t *port, char *err);
int		 parse_family(const char *s, int *family);
int		 parse_type(const char *s, int *type);
/* The one way host names are looked up (resolve, socket, bind ...):
 * getaddrinfo's code, or 1 when HOST is refused unasked (ERR says why);
 * *LOOPBACK: a localhost name, the loopback address of each family. */
struct addrinfo;
int		 host_lookup(const char *host, const char *service,
		     const struct addrinfo *hints, struct addrinfo **res,
		     int *loopback, char *err);
int		 parse_endpoint(const char *addr,
		     const char *port, int family, struct sockaddr_storage *,
		     socklen_t *, char *err);
char		*format_sockaddr(const struct sockaddr_storage *, socklen_t,
		     char *buf, size_t n);
const char	*family_name(int family);
const char	*type_name(int type);
const char	*proto_label(int family, int type);
int		 sockaddr_named(const struct sockaddr_storage *, socklen_t);
int		 parse_msg_flag(const char *s, int *flag);
char		*format_msg_flags(int flags, char *buf, size_t n);

#endif
