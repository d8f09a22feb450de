#! /bin/sh
# port-taken.sh - a lesson whose port is taken never talks to a stranger:
# a listener of this test's own holds a port the kernel picked, every
# lesson runs with -D PORT= that port, and the listener must see no
# connection and no byte, while the lesson goes on, on a port of its own,
# to its end (exit status 0, each step as expected).
# SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

SOCKSHELL=$SOCKSHELL LESSONS="$srcdir/../lessons" python3 - <<'EOF'
import os, socket, subprocess, sys

stranger = socket.socket()
stranger.bind(("127.0.0.1", 0))
stranger.listen(16)
stranger.setblocking(False)
port = stranger.getsockname()[1]
fail = 0
for name in ("03-echo", "02-client-server", "10-closing"):
    run = subprocess.run([os.environ["SOCKSHELL"], "-D", "PORT=%d" % port,
        "--no-pause", name + ".lesson"], cwd=os.environ["LESSONS"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    said = "port %d is taken" % port
    if run.returncode != 0:
        print("FAIL - %s: exit status %d\n%s" % (name, run.returncode,
            run.stderr))
        fail = 1
    elif said not in run.stdout:
        print("FAIL - %s: no word that port %d is taken" % (name, port))
        fail = 1
    else:
        print("ok - %s goes on with a port of its own" % name)
try:
    conn, peer = stranger.accept()
    print("FAIL - a lesson connected to the stranger on port %d" % port)
    fail = 1
except BlockingIOError:
    print("ok - nothing reached the stranger on port %d" % port)
sys.exit(fail)
EOF
