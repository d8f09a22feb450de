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
