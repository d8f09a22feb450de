#! /bin/sh
# transcripts.sh - runs the built sockshell on scripts and compares what
# it prints (stdout and stderr, and the exit status) with what is expected:
#   transcripts/NAME.sock, piped in       -> transcripts/NAME.out
#   ../lessons/NAME.lesson, -D PORT=0     -> lessons/NAME.out
# (every lesson but the two-terminal one, which peers.sh runs).
# Ports the kernel picks are normalised to PPPPP, keeping the width (on
# 127.0.0.1, on [::1] and the like, and on 0.0.0.0, where a first sendto
# binds a socket), and in a Python address written in narration; so
# are the abstract AF_UNIX names it picks (@NNNNN), and in the state
# tables FIN_WAIT1/2 (FIN_WAIT?): the peer's delayed ACK (40 ms or more)
# moves one to the other, so which one shows depends on how fast the
# shell runs; and show's segment counts (a SYN that waits is sent again
# after a second).
# Every state table must fit 80 columns (COLUMNS unset), and 60 with
# COLUMNS=60.
# SOCKSHELL and srcdir (this folder) come from 'make check'.
# REGEN=1 writes the .out files anew instead of comparing: 'make regen'
# sets it (build-aux/regen), and 'make check' refuses to run with it set.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
status=0
# The state table is as wide as COLUMNS says, else 80 columns (piped):
# the goldens are at 80, whatever the terminal 'make check' runs in.
unset COLUMNS
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

normalise() {
	sed -E -e 's/(127\.0\.0\.1|0\.0\.0\.0|\]):[0-9]{5}\b/\1:PPPPP/g' \
	    -e "s/('127\.0\.0\.1', )[0-9]{5}\b/\1PPPPP/g" \
	    -e 's/(is now )[0-9]{5}\b/\1PPPPP/' \
	    -e 's/@[0-9a-f]{5}\b/@NNNNN/g' -e '/^  /s/FIN_WAIT[12]/FIN_WAIT?/g' \
	    -e 's/(segments: )[0-9]+ in, [0-9]+ out/\1N in, N out/'
}

# check NAME EXPECTED: compares $tmp/NAME.out with EXPECTED.
check() {
	if [ -n "$REGEN" ]; then
		cp "$tmp/$1.out" "$2"
		echo "regenerated $1"
	elif diff -u "$2" "$tmp/$1.out"; then
		echo "ok - $1"
	else
		echo "FAIL - $1"
		status=1
	fi
}

for script in "$srcdir"/transcripts/*.sock; do
	name=$(basename "$script" .sock)
	(cd "$srcdir/transcripts" && "$SOCKSHELL" < "$name.sock" 2>&1;
	    echo "exit status $?") | normalise > "$tmp/$name.out"
	check "$name" "$srcdir/transcripts/$name.out"
done
for lesson in "$srcdir"/../lessons/*.lesson; do
	name=$(basename "$lesson" .lesson)
	case $name in *two-terminals) continue ;; esac
	(cd "$srcdir/../lessons" && "$SOCKSHELL" -D PORT=0 --no-pause \
	    "$name.lesson" 2>&1; echo "exit status $?") |
	    normalise > "$tmp/$name.out"
	check "$name" "$srcdir/lessons/$name.out"
done

# tables FILE: the lines of FILE's state tables (from a header to the
# first line that is not indented; the waiting jobs under it left out).
tables() {
	awk '/^  (NAME|ИМЯ) / { t = 1 } t && /^  \[/ { next }
	    t && /^  / { print; next } { t = 0 }' "$1"
}
# fits WIDTH FILE...: no line of a state table in FILE wider than WIDTH
# columns on the screen (wc -L counts them, in the UTF-8 locale 'make
# check' sets), and there are such lines.
fits() {
	width=$1
	shift
	for f; do
		tables "$f"
	done > "$tmp/tables"
	max=$(wc -L < "$tmp/tables")
	if [ ! -s "$tmp/tables" ] || [ "$max" -gt "$width" ]; then
		echo "FAIL - a state table $max columns wide at $width"
		status=1
	else
		echo "ok - every state table fits $width columns"
	fi
}
[ -n "$REGEN" ] || fits 80 "$srcdir"/transcripts/*.out "$srcdir"/lessons/*.out
# At 60 columns too, where IPv6's addresses go on lines of their own.
for lesson in "$srcdir"/../lessons/*.lesson; do
	name=$(basename "$lesson" .lesson)
	case $name in *two-terminals) continue ;; esac
	(cd "$srcdir/../lessons" && COLUMNS=60 "$SOCKSHELL" -D PORT=0 \
	    --no-pause "$name.lesson" 2>&1) > "$tmp/$name.60"
done
[ -n "$REGEN" ] || fits 60 "$tmp"/*.60
exit $status
