#! /bin/sh
# ss-agree.sh - the state table tells the kernel's truth: each golden
# picture's scenario run step by step through sockshell, its table
# compared with ss(8) after every step (tests/ss-agree.py says how), and
# the scenarios (tests/ss-agree.scenarios) kept the same as
# tests/test-picture.c's. Loopback and AF_UNIX only. Skipped without ss
# or python3. 'tests/ss-agree.sh NAME...' runs the scenarios of those
# pictures only; SS_AGREE_DEBUG=1 prints each comparison.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
if ! command -v python3 > /dev/null 2>&1; then
	echo "SKIP: no python3"
	exit 77
fi
if ! command -v ss > /dev/null 2>&1; then
	echo "SKIP: no ss (iproute2)"
	exit 77
fi
exec python3 "$srcdir/ss-agree.py" "$SOCKSHELL" "$srcdir/test-picture.c" \
    "$srcdir/ss-agree.scenarios" "$@"
