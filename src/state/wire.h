/* wire.h - the segments on the wire: the packets the shell's own calls put
 * on the loopback interface, captured (libpcap), as a source of facts
 * like the kernel's state. Where there is no capture, the kernel's
 * segment counters (TCP_INFO) stand in. */
#ifndef SOCKSHELL_WIRE_H
#define SOCKSHELL_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "core/shell.h"

enum wire_mode { WIRE_OFF, WIRE_CAPTURE, WIRE_COUNTERS };

#define WIRE_FIN	0x01
#define WIRE_SYN	0x02
#define WIRE_RST	0x04
#define WIRE_PSH	0x08
#define WIRE_ACK	0x10
#define WIRE_URG	0x20

#define WIRE_SNAPLEN	256	/* bytes kept of each packet */

/* One segment (or datagram) of the shell's own traffic. */
struct wire_seg {
	struct timeval	 ts;
	unsigned long	 step;		/* the step it is attached to */
	int		 late;		/* it came after its step returned */
	int		 proto;		/* IPPROTO_TCP, IPPROTO_UDP */
	int		 family;	/* AF_INET, AF_INET6 */
	unsigned char	 saddr[16], daddr[16];
	uint16_t	 sport, dport;
	uint8_t		 flags;		/* WIRE_ (TCP) */
	uint32_t	 seq, ack;	/* relative, as tcpdump shows them */
	uint32_t	 len;		/* the payload's bytes */
	uint32_t	 raw_seq, raw_ack;
	uint32_t	 caplen, wirelen;
	unsigned char	*data;		/* the packet, as captured */
	char		 ends[2][48];	/* its source and destination, named
					   when it came (wire_end_name) */
};

/* A socket's counters when the step began (counters mode). */
struct wire_count {
	int		 id;
	unsigned	 out, in;
};

struct wire {
	enum wire_mode	 mode;
	void		*pcap;		/* pcap_t, while capturing */
	void		*dumper;	/* pcap_dumper_t: --pcap FILE */
	struct wire_seg	*segs;		/* the session's, in order */
	size_t		 n, cap;
	struct wire_seg	*pend;		/* captured, not yet known ours */
	size_t		 npend, pend_cap;
	unsigned long	 step;		/* the steps made with it on */
	char		 step_name[32];	/* the last step's command */
	struct timeval	 step_end;	/* when its call returned */
	size_t		 step_first;	/* its first segment */
	size_t		 shown;		/* segments printed so far */
	struct wire_count *counts;
	size_t		 ncounts;
	int		 forced_counters; /* SOCKSHELL_WIRE=counters */
};

/* Whether this build can capture at all (libpcap). */
int		 wire_available(void);
/* Whether the loopback interface can be captured here, now. */
int		 wire_can_capture(void);
/* Turns the wire on: captures, or (WHY says why not) counts. Returns the
 * mode now on. */
enum wire_mode	 wire_start(struct shell *, char *why, size_t n);
void		 wire_stop(struct shell *);
void		 wire_free(struct shell *);
enum wire_mode	 wire_mode(const struct shell *);
/* A step begins (its command CMD) and ends (its calls returned): the
 * segments captured from then on are its. */
void		 wire_step_begin(struct shell *, const char *cmd);
void		 wire_step_end(struct shell *);
/* Reads what was captured meanwhile: later segments of the last step.
 * Returns how many of them are new. */
size_t		 wire_collect(struct shell *);
/* Waits up to MS milliseconds until the last step has at least COUNT
 * segments; returns how many it has. */
size_t		 wire_wait(struct shell *, size_t count, int ms);
/* The last step's segments: *FIRST and how many. */
size_t		 wire_step_segs(struct shell *, const struct wire_seg **first);
/* The flags the word WORD names (SYN, ACK...); -1: none. */
int		 wire_flag_bit(const char *word, size_t len);
/* The name of a segment's source (DST 0) or destination: the shell's
 * socket there when it came, or its address and port. */
const char	*wire_end_name(struct shell *, const struct wire_seg *,
		     int dst, char *buf, size_t n);
/* A segment's flags as words joined with SEP: "SYN, ACK". */
const char	*wire_flags(uint8_t flags, const char *sep, char *buf,
		     size_t n);
/* Writes the session's packets to PATH as a pcap file (not over a file
 * unless FORCE); -1 with WHY. */
int		 wire_save(struct shell *, const char *path, int force,
		     char *why, size_t n);
/* Writes each packet to PATH as it comes (--pcap); -1 with WHY. */
int		 wire_dump_to(struct shell *, const char *path, int force,
		     char *why, size_t n);
/* Counters mode: what handle H's TCP_INFO counted since the step began;
 * -1 when it counts nothing. */
void		 wire_counts_snapshot(struct shell *);
int		 wire_count_delta(struct shell *, const struct handle *,
		     unsigned *out, unsigned *in);

#endif
