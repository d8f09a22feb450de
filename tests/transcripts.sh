#! /bin/sh
# transcripts.sh - runs each tests/transcripts/NAME.sock through the built
# sockshell and compares what it prints (stdout and stderr, and the exit
# status) with NAME.out. Ports the kernel picks and the digits of times
# are normalised. SOCKSHELL and srcdir come from 'make check'.
# REGEN=1 writes the .out files anew (read the diff before committing).
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
status=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for script in "$srcdir"/transcripts/*.sock; do
	name=$(basename "$script" .sock)
	expected="$srcdir/transcripts/$name.out"
	(cd "$srcdir/transcripts" && "$SOCKSHELL" < "$name.sock" 2>&1;
	    echo "exit status $?") |
	    sed -E 's/(127\.0\.0\.1|\]):[0-9]{5}\b/\1:PPPPP/g' > "$tmp/$name.out"
	if [ -n "$REGEN" ]; then
		cp "$tmp/$name.out" "$expected"
		echo "regenerated $name"
	elif diff -u "$expected" "$tmp/$name.out"; then
		echo "ok - $name"
	else
		echo "FAIL - $name"
		status=1
	fi
done
exit $status
