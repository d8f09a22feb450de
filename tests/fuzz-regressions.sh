#! /bin/sh
# fuzz-regressions.sh - replays the fuzz target (fuzz/fuzz-shell.c) as a
# plain program on every input the fuzzer once crashed on, kept in
# fuzz/regressions, and on the seeds (the lessons and the transcripts'
# scripts): none may crash, leak a descriptor or trip a sanitizer.
: "${srcdir:=.}"
replay=${REPLAY:-../fuzz/replay}
[ -x "$replay" ] || replay=$(dirname "${SOCKSHELL:-../src/sockshell}")/../fuzz/replay
set -- "$srcdir"/../fuzz/regressions/* "$srcdir"/../lessons/*.lesson \
    "$srcdir"/transcripts/*.sock
n=0
for f; do
	[ -f "$f" ] || continue
	if ! "$replay" "$f" > /dev/null; then
		echo "FAIL - the fuzz target on $f"
		exit 1
	fi
	n=$((n + 1))
done
echo "ok - the fuzz target on $n inputs (crash inputs, lessons, scripts)"

# The target writes no file, whatever its input says: recv --to (open(2)
# with O_CREAT) and a file made anew with --replace are both refused.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'socketpair a b\nsend a hi\nshutdown a wr\nrecv b --to %s/made\n' \
    "$tmp" > "$tmp/input"
: > "$tmp/kept"
printf 'socketpair a b\nsend a hi\nshutdown a wr\nrecv b --to %s/kept --replace\n' \
    "$tmp" >> "$tmp/input"
"$replay" "$tmp/input" > /dev/null || { echo "FAIL - the fuzz target on recv --to"; exit 1; }
if [ -e "$tmp/made" ] || [ -s "$tmp/kept" ]; then
	echo "FAIL - the fuzz target wrote a file (recv --to)"
	exit 1
fi
echo "ok - the fuzz target writes no file"
