/* privnet.c - a private network of the shell's own, where it may capture
 * the wire without root: a new user namespace (this user mapped to
 * itself) and a new network namespace in it, which has nothing but the
 * loopback interface; lo is brought up. A second terminal joins it with
 * 'sockshell --join PID' (setns: the user namespace, then the network). */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "base/i18n.h"
#include "input/privnet.h"

/* Writes TEXT to the file PATH; -1 with errno. */
static int
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), rc = 0;
	size_t len = strlen(text);

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len)
		rc = -1;
	close(fd);
	return rc;
}

/* Brings the loopback interface up; -1 with errno. */
static int
lo_up(void)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = -1;

	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		rc = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
	return rc;
}

int
privnet_enter(int *forbidden, char *why, size_t n)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	*forbidden = 0;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0) {
		*forbidden = errno == EPERM || errno == EINVAL ||
		    errno == ENOSPC || errno == EACCES;
		snprintf(why, n, _("cannot make a private network: %s"),
		    strerror(errno));
		return -1;
	}
	snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)uid,
	    (unsigned long)uid);
	if (write_file("/proc/self/setgroups", "deny\n") < 0 && errno !=
	    ENOENT)
		goto fail;
	if (write_file("/proc/self/uid_map", map) < 0)
		goto fail;
	snprintf(map, sizeof map, "%lu %lu 1\n", (unsigned long)gid,
	    (unsigned long)gid);
	if (write_file("/proc/self/gid_map", map) < 0 || lo_up() < 0)
		goto fail;
	return 0;
fail:
	snprintf(why, n, _("cannot set up the private network: %s"),
	    strerror(errno));
	return -1;
}

int
privnet_join(pid_t pid, char *why, size_t n)
{
	char path[64];
	int ufd, nfd, rc = -1;

	snprintf(path, sizeof path, "/proc/%ld/ns/user", (long)pid);
	ufd = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof path, "/proc/%ld/ns/net", (long)pid);
	nfd = open(path, O_RDONLY | O_CLOEXEC);
	if (ufd < 0 || nfd < 0)
		snprintf(why, n, _("no process %ld to join: %s"), (long)pid,
		    strerror(errno));
	/* Its user namespace first: there this user may enter its network.
	 * Already in it (EINVAL), only the network. */
	else if (setns(ufd, CLONE_NEWUSER) < 0 && errno != EINVAL)
		snprintf(why, n, _("cannot join the user namespace of %ld: "
		    "%s"), (long)pid, strerror(errno));
	else if (setns(nfd, CLONE_NEWNET) < 0)
		snprintf(why, n, _("cannot join the network of %ld: %s"),
		    (long)pid, strerror(errno));
	else
		rc = 0;
	if (ufd >= 0)
		close(ufd);
	if (nfd >= 0)
		close(nfd);
	return rc;
}
