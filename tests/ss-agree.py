#! /usr/bin/env python3
# ss-agree.py - the state table against the kernel's own account, ss(8):
# each golden picture's scenario (tests/ss-agree.scenarios, kept the same
# as tests/test-picture.c's lines: checked first) is run step by step
# through the real sockshell, and after each step what the table says of
# every socket is compared with what ss says of it: the TCP state (the
# step, for UDP and AF_UNIX), the local and peer addresses, the queue the
# table shows (connections to accept and the backlog, bytes unread, the
# next datagram). Open sockets are matched by the descriptor (ss -p), a
# connection the kernel keeps after close by its addresses; a closed
# socket whose connection is gone must be gone from ss too, and every
# socket ss gives the shell must be in the table.
#
# The table is read after the step; ss, after it; the table again ('show')
# after that. A socket agrees when ss says what one of the two tables
# says (the kernel moves on by itself: an ACK on loopback ends FIN_WAIT1
# between two reads); else the round is tried again, a few times, and
# no sleep: the readings themselves are the waits.
#
# usage: ss-agree.py SOCKSHELL TEST-PICTURE.C SCENARIOS [NAME...]
#   SS_AGREE_DEBUG=1 prints every table and ss line compared.
import ipaddress, os, re, select, subprocess, sys

DEBUG = os.environ.get("SS_AGREE_DEBUG") not in (None, "", "0")
ROUNDS = 5		# tables read around ss before a socket disagrees
READ_TIMEOUT = 60	# seconds without a line from the shell: it hangs

# --- The scenarios: test-picture.c's lines, and the file that runs them --

# The commands a line of test-picture.c may start with (lower case, as
# the tests write them): a literal that starts otherwise is no step.
COMMANDS = {
    "accept", "bind", "close", "connect", "getpeername", "getsockname",
    "getsockopt", "listen", "nonblock", "poll", "recv", "recvfrom",
    "reset", "send", "sendto", "set", "setsockopt", "shutdown",
    "sockatmark", "socket", "socketpair", "clear", "wait",
}


def c_tokens(src):
    """C tokens: ('s', text) for a string literal (adjacent ones joined,
    escapes as written), ('i', name), ('p', punctuation)."""
    toks, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith("/*", i):
            i = src.index("*/", i + 2) + 2
        elif src.startswith("//", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
        elif c == '"':
            j, s = i + 1, []
            while src[j] != '"':
                if src[j] == "\\":
                    s.append(src[j:j + 2])
                    j += 2
                else:
                    s.append(src[j])
                    j += 1
            text = c_unescape("".join(s))
            if toks and toks[-1][0] == "s":
                toks[-1] = ("s", toks[-1][1] + text)
            else:
                toks.append(("s", text))
            i = j + 1
        elif c == "'":
            j = i + 1
            while src[j] != "'":
                j += 2 if src[j] == "\\" else 1
            toks.append(("p", "'"))
            i = j + 1
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            toks.append(("i", src[i:j]))
            i = j
        elif c.isspace():
            i += 1
        elif c == "#" and (i == 0 or src[i - 1] == "\n"):
            while True:		# a preprocessor line, continued or not
                j = src.find("\n", i)
                if j < 0 or src[j - 1] != "\\":
                    break
                i = j + 1
            i = n if j < 0 else j
        else:
            toks.append(("p", c))
            i += 1
    return toks


def c_unescape(s):
    # Only the escapes a command line in the tests uses: \" \\ \n.
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(
        m.group(1), m.group(1)), s)


def c_definitions(toks):
    """The file's top level: {name: body tokens} of the static arrays
    and functions, and [(test name, body tokens)] of the Test()s."""
    defs, tests, i = {}, [], 0
    while i < len(toks):
        if toks[i] == ("p", "{"):	# at the top level
            # What the braces belong to: a Test(...), a function
            # NAME(...), or an array NAME[] = .
            j = i - 1
            if toks[j] == ("p", "="):
                k = j
                while toks[k] != ("p", "["):
                    k -= 1
                owner = ("a", toks[k - 1][1])
            else:
                k, par = j, 0	# back to the '(' of the parameters
                while True:
                    if toks[k] == ("p", ")"):
                        par += 1
                    elif toks[k] == ("p", "("):
                        par -= 1
                        if par == 0:
                            break
                    k -= 1
                if toks[k - 1] == ("i", "Test"):
                    owner = ("t", toks[k + 3][1])
                else:
                    owner = ("f", toks[k - 1][1])
            d, j = 1, i + 1
            while d > 0:
                if toks[j] == ("p", "{"):
                    d += 1
                elif toks[j] == ("p", "}"):
                    d -= 1
                j += 1
            body = toks[i + 1:j - 1]
            if owner[0] == "t":
                tests.append((owner[1], body))
            else:
                defs[owner[1]] = body
            i = j
            continue
        i += 1
    return defs, tests


def expand(body, defs, stack=()):
    """BODY's tokens with the static arrays and functions it names
    written in, in place, as far as they go."""
    out = []
    for t in body:
        if t[0] == "i" and t[1] in defs and t[1] not in stack:
            out.extend(expand(defs[t[1]], defs, stack + (t[1],)))
        else:
            out.append(t)
    return out


def picture_scenarios(path):
    """{golden file: set of the command lines its Test runs}."""
    with open(path, encoding="utf-8") as f:
        defs, tests = c_definitions(c_tokens(f.read()))
    defs.pop("golden", None)
    found = {}
    for name, body in tests:
        toks = expand(body, defs)
        goldens = [toks[k + 2][1] for k in range(len(toks) - 2)
                   if toks[k] == ("i", "golden") and
                   toks[k + 1] == ("p", "(") and toks[k + 2][0] == "s"]
        lines = set()
        for kind, text in toks:
            words = text.split() if kind == "s" else []
            if len(words) >= 2 and words[0] in COMMANDS and "%" not in text:
                lines.add(text)
        for g in goldens:
            found[g] = (name, lines)
    return found


def read_scenarios(path):
    """[(golden files, lines)]: a section starts '= FILE...' (the goldens
    whose Tests run its lines), '+ FILE' names a section whose lines that
    Test runs as well (not here); '!' lines are this test's own."""
    sections = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.strip() == "" or line.startswith("#"):
                continue
            if line.startswith("= "):
                sections.append({"names": line[2:].split(), "also": [],
                                 "lines": [], "at": n})
            elif not sections:
                sys.exit("%s:%d: a line before the first '= FILE'" %
                         (path, n))
            elif line.startswith("+ "):
                sections[-1]["also"].extend(line[2:].split())
            else:
                sections[-1]["lines"].append(line)
    return sections


def check_in_sync(picture_c, scen_path, sections):
    """Every golden picture of test-picture.c has its section, with the
    lines its Test runs; no section is left over. The problems."""
    tests = picture_scenarios(picture_c)
    by_name, problems = {}, []
    for s in sections:
        for g in s["names"]:
            if g in by_name:
                problems.append("%s: %s twice" % (scen_path, g))
            by_name[g] = s
    for g in sorted(tests):
        tname, want = tests[g]
        s = by_name.get(g)
        if s is None:
            problems.append("%s (Test %s) has no scenario in %s" %
                            (g, tname, scen_path))
            continue
        have = {l for l in s["lines"] if not l.startswith("!")}
        for a in s["also"]:
            if a not in by_name:
                problems.append("%s: '+ %s' names no section" %
                                (scen_path, a))
                continue
            have |= {l for l in by_name[a]["lines"]
                     if not l.startswith("!")}
        for l in sorted(want - have):
            problems.append("%s (Test %s) runs '%s', which %s does not" %
                            (g, tname, l, scen_path))
        for l in sorted(have - want):
            problems.append("%s: the scenario of %s runs '%s', which Test "
                            "%s does not" % (scen_path, g, l, tname))
    for g in sorted(set(by_name) - set(tests)):
        problems.append("%s: %s is no golden picture of %s" %
                        (scen_path, g, picture_c))
    return problems


# --- The shell, driven a line at a time ----------------------------------

class Shell:
    """sockshell reading a pipe: each line is followed by a marker line
    ('set SSAGREE_MARK N', which prints nothing but its echo), and what
    came before the marker's echo is the line's whole output."""

    def __init__(self, prog):
        env = dict(os.environ, COLUMNS="400", LC_ALL="C.UTF-8",
                   LANGUAGE="", NO_COLOR="1", INPUTRC="/dev/null")
        env.pop("LANG", None)
        # One line a row, wide enough for any table here: the parser
        # below reads the columns by the header's positions.
        self.p = subprocess.Popen([prog, "--view=table", "-"],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, env=env)
        self.buf = b""
        self.marks = 0
        self.log = []

    def run(self, line):
        self.marks += 1
        mark = "set SSAGREE_MARK %d" % self.marks
        self.p.stdin.write(("%s\n%s\n" % (line, mark)).encode())
        self.p.stdin.flush()
        out = []
        while True:
            got = self.readline()
            if got is None:
                raise Failure("sockshell ended during '%s':\n%s" %
                              (line, "\n".join(out)))
            if got == "sockshell> " + mark:
                break
            out.append(got)
        self.log.extend(out)
        return out

    def readline(self):
        fd = self.p.stdout.fileno()
        while b"\n" not in self.buf:
            r, _, _ = select.select([fd], [], [], READ_TIMEOUT)
            if not r:
                raise Failure("no output from sockshell for %d s" %
                              READ_TIMEOUT)
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def close(self):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        self.p.stdout.read()
        return self.p.wait()


class Failure(Exception):
    pass


# --- The state table, as printed -----------------------------------------

HEADER = re.compile(r"^  NAME +FD +PROTO +STEP +LOCAL ⇄ PEER +TCP STATE")


class Row:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return "%s fd %s %s %s %s%s %s %s%s" % (
            self.name, self.fd, self.proto, self.step,
            self.local or "-", " <-> " + self.peer if self.peer else "",
            self.tcp, self.queue or "(no queue)",
            ("; " + self.details) if self.details else "")


def parse_table(out):
    """{name: Row} of the last table in OUT (a line's output), or None
    when it printed none."""
    at = [i for i, l in enumerate(out) if l.startswith("  NAME ")]
    if not at:
        return None
    head = out[at[-1]]
    if not HEADER.match(head):
        raise Failure("a table laid out otherwise than on one line a "
                      "socket:\n%s" % "\n".join(out[at[-1]:]))
    x = {k: head.find(k) for k in ("FD", "PROTO", "STEP", "LOCAL",
                                   "TCP STATE", "QUEUE")}
    if x["QUEUE"] < 0:
        x["QUEUE"] = len(head)
    rows = {}
    last = None
    for l in out[at[-1] + 1:]:
        if not l.startswith("  ") or l.startswith("  [") or \
                l.startswith("  ("):
            break		# the jobs, or what follows the table
        if l[2] == " ":		# the details under a row
            if last is None:
                raise Failure("details under no row: %r" % l)
            last.details = (last.details + "; " if last.details else
                            "") + l.strip()
            continue
        cell = lambda a, b: l[x[a]:x[b] if b else None].strip()
        addr = cell("LOCAL", "TCP STATE").split(" ⇄ ")
        last = Row(name=l[2:x["FD"]].strip(), fd=cell("FD", "PROTO"),
                   proto=cell("PROTO", "STEP"), step=cell("STEP", "LOCAL"),
                   local=None if addr[0] == "-" else addr[0],
                   peer=addr[1] if len(addr) > 1 else None,
                   tcp=cell("TCP STATE", "QUEUE"), queue=cell("QUEUE", None),
                   details="")
        if not re.fullmatch(r"\d+|-", last.fd) or \
                not re.fullmatch(r"[A-Z_0-9]+|-", last.tcp) or \
                len(addr) > 2:
            raise Failure("a row not understood: %r" % l)
        rows[last.name] = last
    return rows


def table_queue(row):
    """('accept', queued, backlog), ('unread', bytes), ('next', bytes) or
    None, from the QUEUE column."""
    q = row.queue
    if q == "":
        return None
    m = re.fullmatch(r"(\d+) of (\d+)(\+1)? to accept", q)
    if m:
        return ("accept", int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d+) bytes? unread", q)
    if m:
        return ("unread", int(m.group(1)))
    m = re.fullmatch(r"next datagram (\d+) B", q)
    if m:
        return ("next", int(m.group(1)))
    raise Failure("a queue not understood: %r (row %r)" % (q, row))


# --- ss's account --------------------------------------------------------

class Sock:
    def __init__(self, line):
        f = line.split()
        self.line = " ".join(f)
        self.netid, self.state = f[0], f[1]
        self.rq, self.sq = int(f[2]), int(f[3])
        if self.netid.startswith("u_"):
            self.local, self.ino = f[4], int(f[5])
            self.peer, self.peer_ino = f[6], int(f[7])
        else:
            self.local, self.peer = f[4], f[5]
            self.ino = self.peer_ino = None
        self.users = [(int(p), int(d)) for p, d in
                      re.findall(r"pid=(\d+),fd=(\d+)", line)]


def ss_now(pid):
    """ss's every TCP, UDP and AF_UNIX socket, with the processes that
    hold them; a line of another process's that does not read as one
    socket (a path with blanks) is left out."""
    r = subprocess.run(["ss", "-H", "-a", "-n", "-p", "-t", "-u", "-x"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if r.returncode != 0:
        raise Failure("ss failed: %s" % r.stderr.strip())
    socks = []
    for l in r.stdout.splitlines():
        try:
            socks.append(Sock(l))
        except (IndexError, ValueError):
            if "pid=%d," % pid in l:
                raise Failure("an ss line not understood: %r" % l)
    return socks


def ss_usable():
    """Why ss cannot tell which process holds a socket here, or None:
    it is tried on a socket of this script's."""
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(("127.0.0.1", 0))
        try:
            socks = ss_now(os.getpid())
        except (OSError, Failure) as e:
            return "ss cannot be run: %s" % e
        if not any((os.getpid(), s.fileno()) in x.users for x in socks):
            return "ss -p does not show this user's processes' sockets"
        return None
    finally:
        s.close()


def inet(text):
    """('any' or an address, port or None) of '127.0.0.1:80',
    '[::1]:80', '0.0.0.0:*', '*:80', '[::ffff:127.0.0.1]:80'."""
    if text is None:
        return None
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if "%" in host:
        host = host.split("%")[0]
    if host == "*":
        a = "any"
    else:
        ip = ipaddress.ip_address(host)
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        a = "any" if ip.is_unspecified else str(ip)
    if port == "*":
        return None if a == "any" else (a, None)
    return (a, int(port))


# The table's TCP states are the kernel's names (tcpi_state, state.c);
# ss writes its own.
TCP_SS = {
    "ESTABLISHED": "ESTAB", "SYN_SENT": "SYN-SENT", "SYN_RECV": "SYN-RECV",
    "FIN_WAIT1": "FIN-WAIT-1", "FIN_WAIT2": "FIN-WAIT-2",
    "TIME_WAIT": "TIME-WAIT", "CLOSE": "UNCONN", "CLOSE_WAIT": "CLOSE-WAIT",
    "LAST_ACK": "LAST-ACK", "LISTEN": "LISTEN", "CLOSING": "CLOSING",
    "NEW_SYN_RECV": "SYN-RECV",
}
# Where the peer's FIN came: ss's Recv-Q counts it (rcv_nxt - copied_seq)
# until recv returns the end of the stream; SIOCINQ, the table's, not.
FIN_IN = {"CLOSE-WAIT", "LAST-ACK", "CLOSING", "TIME-WAIT"}
# UDP and AF_UNIX: no TCP state in the table; its step, as ss says it.
STEP_SS = {"created": "UNCONN", "bound": "UNCONN", "listening": "LISTEN",
           "connected": "ESTAB"}
NETID = {"TCP": "tcp", "UDP": "udp", "stream": "u_str", "dgram": "u_dgr",
         "seqpacket": "u_seq"}


def kind(row):
    """'tcp', 'udp' or 'unix', and ss's netid, of the row's PROTO."""
    base, _, fam = row.proto.partition("/")
    netid = NETID.get(base)
    if netid is None:
        raise Failure("a protocol not understood: %r" % row.proto)
    return ("unix" if fam == "UNIX" else netid), netid


def same_addr(k, table, ss_text):
    if k == "unix":
        return (table or "*") == ss_text
    return inet(table) == inet(ss_text)


def unix_peer_name(socks, s):
    """The name of S's peer as ss knows it ('(unnamed)' for none), or
    None when ss cannot name it (no inode: not accepted yet)."""
    if not s.peer_ino:
        return None
    for o in socks:
        if o.ino == s.peer_ino and o.netid.startswith("u_"):
            return "(unnamed)" if o.local == "*" else o.local
    return None


def compare_open(row, s, socks):
    """What ss's S says otherwise than ROW: a list of texts."""
    k, netid = kind(row)
    bad = []
    if s.netid != netid:
        bad.append("protocol %s, ss %s" % (row.proto, s.netid))
        return bad
    if k == "tcp":
        if TCP_SS.get(row.tcp) != s.state:
            bad.append("TCP state %s, ss %s" % (row.tcp, s.state))
        # The step follows from the state where ss has a word for it.
        for step, state in (("listening", "LISTEN"),
                            ("connecting", "SYN-SENT")):
            if (row.step == step) != (s.state == state):
                bad.append("step %s, ss %s" % (row.step, s.state))
    elif row.tcp != "-":
        bad.append("a TCP state %s on %s" % (row.tcp, row.proto))
    elif netid == "u_dgr" and s.state == "ESTAB":
        # connect(2) on an AF_UNIX datagram socket makes ESTABLISHED of
        # the socket it names too, which has no peer: ss's peer inode
        # says (0 too for a peer closed since).
        if s.peer_ino != 0 and row.step != "connected":
            bad.append("step %s, ss %s with peer %d" % (row.step, s.state,
                                                        s.peer_ino))
    elif STEP_SS.get(row.step) != s.state:
        bad.append("step %s, ss %s" % (row.step, s.state))
    if k != "unix" and row.local is not None and \
            ("IPv6" in row.proto) != (s.local.startswith("[") or
                                      s.local.startswith("*")):
        bad.append("family of %s, ss local %s" % (row.proto, s.local))
    if not same_addr(k, row.local, s.local):
        bad.append("local %s, ss %s" % (row.local or "-", s.local))
    if k == "unix":
        name = unix_peer_name(socks, s)
        if name is not None and name != (row.peer or "(unnamed)") and \
                row.peer is not None:
            bad.append("peer %s, ss %s (inode %d)" % (row.peer, name,
                                                       s.peer_ino))
        elif row.peer is None and s.peer_ino and name is not None:
            bad.append("no peer, ss %s (inode %d)" % (name, s.peer_ino))
    elif not same_addr(k, row.peer, s.peer):
        bad.append("peer %s, ss %s" % (row.peer or "none", s.peer))
    q = table_queue(row)
    if s.state == "LISTEN":
        want = (q[1], q[2]) if q and q[0] == "accept" else None
        if want != (s.rq, s.sq):
            bad.append("queue %r, ss Recv-Q %d Send-Q %d (queued, "
                       "backlog)" % (row.queue, s.rq, s.sq))
    elif k == "tcp" or (k == "unix" and netid == "u_str"):
        unread = q[1] if q and q[0] == "unread" else 0
        rq = s.rq - (1 if k == "tcp" and s.state in FIN_IN and s.rq > 0
                     else 0)
        if q and q[0] != "unread" or unread != rq:
            bad.append("queue %r, ss Recv-Q %d%s" % (
                row.queue, s.rq, " (the FIN counted: one less)"
                if rq != s.rq else ""))
    elif k == "udp":
        # ss: the memory the datagrams take, not their bytes.
        if (q is not None) != (s.rq > 0) or q and q[0] != "next":
            bad.append("queue %r, ss Recv-Q %d" % (row.queue, s.rq))
    else:
        nxt = q[1] if q and q[0] == "next" else 0
        if q and q[0] != "next" or nxt != s.rq:
            bad.append("queue %r, ss Recv-Q %d (the next datagram)" %
                       (row.queue, s.rq))
    return bad


def compare(rows, socks, pid, seen=None):
    """{socket name: [disagreements]} between the table ROWS and ss's
    SOCKS; '' for sockets ss has that the table has not. SEEN, a dict,
    counts what was compared: 'matched' (a socket ss has), 'gone' (a
    closed one ss has not either), 'unseen' (one ss cannot see)."""
    seen = {} if seen is None else seen
    count = lambda what: seen.__setitem__(what, seen.get(what, 0) + 1)
    bad = {}
    claimed = set()
    ours = {}
    for s in socks:
        for p, fd in s.users:
            if p == pid:
                ours[fd] = s
    for row in rows.values():
        k, netid = kind(row)
        if row.fd != "-":
            s = ours.get(int(row.fd))
            if s is not None:
                claimed.add(id(s))
                count("matched")
                b = compare_open(row, s, socks)
                if b:
                    bad[row.name] = b + ["ss: " + s.line]
                continue
            # ss sees no TCP socket without a connection nor a listen
            # (bound or not), nor an unbound UDP one; a connection the
            # kernel keeps apart from its socket, by its addresses below.
            kept = "kernel keeps the connection" in row.details
            if k == "tcp" and row.tcp == "CLOSE" and not kept or \
                    k == "udp" and row.local is None:
                count("unseen")
                continue
            if not (k == "tcp" and kept and row.peer is not None):
                bad[row.name] = ["ss has no socket at fd %s" % row.fd]
                continue
        # Closed (or an open socket in CLOSE whose connection the kernel
        # keeps): the connection, if any, by its addresses, with no
        # process.
        if row.local is None:
            count("unseen")
            continue		# an AF_UNIX socket never named: no trace
        found = [s for s in socks if s.netid == netid and not s.users and
                 id(s) not in claimed and same_addr(k, row.local, s.local)
                 and (k == "unix" or same_addr(k, row.peer, s.peer))]
        found += [s for s in ours.values() if s.netid == netid and
                  id(s) not in claimed and row.fd == "-" and
                  same_addr(k, row.local, s.local) and
                  (k == "unix" or same_addr(k, row.peer, s.peer))]
        if k == "tcp" and row.tcp != "-":
            if not any(TCP_SS.get(row.tcp) == s.state for s in found):
                bad[row.name] = ["TCP state %s (kept by the kernel), "
                                 "ss %s" % (row.tcp, " / ".join(
                                     s.line for s in found) or "nothing")]
            claimed.update(id(s) for s in found)
            count("matched")
        elif row.tcp != "-":
            bad[row.name] = ["TCP state %s on a closed %s socket" %
                             (row.tcp, row.proto)]
        elif found:
            bad[row.name] = ["closed and gone, ss still has: " +
                             " / ".join(s.line for s in found)]
        else:
            count("gone")
    extra = [s.line for fd, s in sorted(ours.items()) if id(s) not in
             claimed]
    if extra:
        bad[""] = ["not in the table: " + l for l in extra]
    return bad


# --- The steps -----------------------------------------------------------

class Peer:
    """Another program at the other end: this script's own socket, to
    loopback only."""

    def __init__(self):
        self.s = None

    def do(self, words, rows):
        import socket
        if words[0] == "connect":
            a = inet(rows[words[1]].local)
            if a is None or not ipaddress.ip_address(a[0]).is_loopback:
                raise Failure("!peer connect: %s is no loopback address" %
                              rows[words[1]].local)
            self.s = socket.create_connection(a, timeout=READ_TIMEOUT)
        elif words[0] == "send":
            self.s.sendall(" ".join(words[1:]).encode())
        elif words[0] == "recv":
            want, got = int(words[1]), b""
            while len(got) < want:
                chunk = self.s.recv(want - len(got))
                if not chunk:
                    break
                got += chunk
        elif words[0] == "close":
            self.s.close()
            self.s = None
        else:
            raise Failure("!peer %s: no such step" % words[0])


def one_step(sh, line, rows_before, peer):
    """Runs LINE (a command, or a '!' step); the table it printed, or
    None."""
    if not line.startswith("!"):
        return parse_table(sh.run(line))
    w = line[1:].split()
    if w[0] == "set" and w[2] == "port":
        a = inet(rows_before[w[3]].local)
        sh.run("set %s %d" % (w[1], a[1]))
    elif w[0] == "peer":
        peer.do(w[1:], rows_before)
    elif w[0] == "poll":
        sh.run("poll %s 10000" % w[1])
    else:
        raise Failure("%s: no such step of this test's" % line)
    return None


def agree(sh, before, pid, seen):
    """BEFORE (the table after the step, or None), ss, the table again,
    until every socket agrees with one of the tables around ss (ROUNDS
    times at most). ({} or the first round's disagreements, the last
    table); SEEN counts what the last round compared."""
    first = None
    for rnd in range(ROUNDS):
        socks = ss_now(pid)
        after = parse_table(sh.run("show")) or {}
        bad, round_seen = {}, {}
        for rows in (before, after):
            if rows is None:
                continue
            for name, b in compare(rows, socks, pid, round_seen if
                                   rows is after else None).items():
                bad.setdefault(name, []).append(b)
        # A socket disagrees when it does with each table read.
        n = sum(r is not None for r in (before, after))
        bad = {k: v for k, v in bad.items() if len(v) == n}
        if DEBUG:
            print("   ss:\n" + "".join("     %s\n" % s.line for s in
                                       relevant(socks, pid, [after])))
            print("   table:\n" + "".join("     %r\n" % r for r in
                                          after.values()))
            print("   compared: %r; disagree: %r" % (round_seen, bad))
        if not bad:
            for k, v in round_seen.items():
                seen[k] = seen.get(k, 0) + v
            seen["again"] = seen.get("again", 0) + rnd
            return {}, after
        if first is None:
            first = (bad, before, after, socks)
        before = after
    return first, after


def run_scenario(prog, sec):
    title = " ".join(sec["names"])
    sh = Shell(prog)
    peer = Peer()
    rows, seen = {}, {}
    failed = 0
    try:
        for n, line in enumerate(sec["lines"], 1):
            if DEBUG:
                print("%s step %d: %s" % (title, n, line))
            table = one_step(sh, line, rows, peer)
            bad, rows = agree(sh, table, sh.p.pid, seen)
            if bad:
                failed += 1
                report(title, n, line, sh.p.pid, *bad)
    except Failure as e:
        print("FAIL - %s: %s" % (title, e))
        failed += 1
    finally:
        rc = sh.close()
    if DEBUG:
        print("\n".join(sh.log))
    if rc not in (0, 1):	# 1: a step failed, as some must
        print("FAIL - %s: sockshell exited with %d" % (title, rc))
        failed += 1
    if not failed:
        print("ok - %s: %d steps, the table agrees with ss: %d rows "
              "as ss has them, %d closed and gone from ss too, %d ss "
              "cannot see; %d times read again" %
              (title, len(sec["lines"]), seen.get("matched", 0),
               seen.get("gone", 0), seen.get("unseen", 0),
               seen.get("again", 0)))
    return failed


def report(title, n, line, pid, bad, before, after, socks):
    print("FAIL - %s, step %d '%s': the table and ss disagree" %
          (title, n, line))
    for name, accounts in sorted(bad.items()):
        print("  socket %s:" % (name or "(none in the table)"))
        for what in accounts[0]:
            print("    " + what)
    for label, rows in (("table after the step", before),
                        ("table after ss", after)):
        if rows is not None:
            print("  %s:" % label)
            for r in rows.values():
                print("    %r" % r)
    print("  ss (this shell's sockets, and those of no process at the "
          "table's addresses):")
    for s in relevant(socks, pid, [before, after]):
        print("    " + s.line)


def relevant(socks, pid, tables):
    """Of ss's SOCKS, those of the shell PID, and those of no process at
    an address of the TABLES' rows."""
    addrs = {a for rows in tables if rows is not None for r in
             rows.values() for a in (r.local, r.peer) if a}

    def at(a, s):
        try:
            return same_addr("unix" if s.netid.startswith("u_") else
                             "inet", a, s.local)
        except ValueError:	# an AF_UNIX name against an IP address
            return False
    return [s for s in socks if any(p == pid for p, _ in s.users) or
            not s.users and any(at(a, s) for a in addrs)]


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: ss-agree.py SOCKSHELL TEST-PICTURE.C SCENARIOS "
                 "[NAME...]")
    prog, picture_c, scen = sys.argv[1:4]
    only = set(sys.argv[4:])
    sections = read_scenarios(scen)
    problems = check_in_sync(picture_c, scen, sections)
    for p in problems:
        print("FAIL - " + p)
    failed = len(problems)
    why = ss_usable()
    if why is not None:
        print("SKIP - %s" % why)
        return 1 if failed else 77
    for sec in sections:
        if only and not only & set(sec["names"]):
            continue
        failed += run_scenario(prog, sec)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
