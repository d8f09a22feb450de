#! /bin/sh
# lessons-run.sh - how lessons run, beyond their transcripts:
# - 'lesson' starts clean: a lesson stopped half-way (here its first
#   steps typed by hand, an accept left waiting) and then run again must
#   pass, its leftover sockets closed first and said so;
# - a lesson is found by each name it goes by (--list-lessons shows
#   them);
# - the echo lesson pauses after each step that has a Python line, so at
#   a terminal the picture grows one step at a time.
# SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
not_ok() {
	echo "FAIL - $*"
	fail=1
}

printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 $PORT' 'listen srv 1' \
    'accept srv conn &' 'socket cli' 'lesson 2' 'show' |
    LC_ALL=C LANGUAGE= "$SOCKSHELL" -q -D PORT=0 --no-pause \
    > "$tmp/out" 2>&1 || not_ok "lesson 2 run again fails"
grep -q '^A lesson starts with no sockets open' "$tmp/out" ||
    not_ok "lesson 2 does not say it closes the leftover sockets"
grep -q '^close(.*) = 0: cli is closed' "$tmp/out" ||
    not_ok "the leftover cli was not closed"
# Nothing is left over afterwards but the lesson's own, closed sockets.
printf '%s\n' 'lesson 2' 'lesson 2' |
    LC_ALL=C LANGUAGE= "$SOCKSHELL" -q -D PORT=0 --no-pause \
    > "$tmp/twice" 2>&1 || not_ok "lesson 2 twice in a row fails"
grep -q '^A lesson starts' "$tmp/twice" &&
    not_ok "a lesson that closed its sockets leaves some open"
[ "$fail" = 0 ] || { cat "$tmp/out" "$tmp/twice"; exit 1; }
echo "ok - a lesson runs again after one stopped half-way"

# Every name a lesson goes by: its number, with or without the zero, its
# name, its file name with or without the extension.
for name in 3 03 echo 03-echo 03-echo.lesson; do
	"$SOCKSHELL" -q -D PORT=0 --no-pause --lesson "$name" < /dev/null \
	    > "$tmp/by-name" 2>&1 || not_ok "--lesson $name"
	echo "lesson $name" | "$SOCKSHELL" -q -D PORT=0 --no-pause \
	    > "$tmp/by-name" 2>&1 || not_ok "lesson $name"
done
[ "$fail" = 0 ] || exit 1
echo "ok - a lesson by its number, name or file name"

# One step a pause: a Python line (server: or client:) followed by
# commands is a step; two steps with no pause between fail.
awk '
/^pause[ \t]*$/ { steps = 0; py = 0; innarr = 0; next }
/^[ \t]*>/ {
	if (!innarr)
		py = $0 ~ /^[ \t]*> *(server|client):/
	innarr = 1
	next
}
/^[ \t]*(#|$)/ { innarr = 0; next }
{
	innarr = 0
	if (py && ++steps > 1) {
		printf "%s:%d: a second Python step before a pause\n", FILENAME, FNR
		bad = 1
	}
	py = 0
}
END { exit bad }' "$srcdir/../lessons/03-echo.lesson" ||
    not_ok "the echo lesson runs two Python steps without a pause"
[ "$fail" = 0 ] || exit 1
echo "ok - the echo lesson pauses after each Python step"
