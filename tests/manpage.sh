#! /bin/sh
# manpage.sh - the man pages match the program: every command in the
# command table has an entry in sockshell(1)'s COMMANDS, every entry there
# is a command, every option of --help is documented, and groff finds
# nothing to warn about. SOCKSHELL and srcdir come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
man=$(dirname "$SOCKSHELL")/../man/sockshell.1
man5=$(dirname "$SOCKSHELL")/../man/sockshell-lessons.5
fail=0
not_ok() {
	echo "FAIL - $*"
	fail=1
}

for page in "$man" "$man5"; do
	[ -f "$page" ] || { echo "FAIL - $page was not built"; exit 1; }
done
# The lessons' folder is the one they are installed in, substituted.
grep -q '@lessonsdir@' "$man" "$man5" &&
    not_ok "a man page still says @lessonsdir@"
grep -q '^\.I /.*/lessons$' "$man5" ||
    not_ok "sockshell-lessons(5) names no lessons folder under FILES"
commands=$(echo help | LC_ALL=C LANGUAGE= "$SOCKSHELL" -q 2>/dev/null |
    awk '/^  [a-z]/ { print $1 }')
[ -n "$commands" ] || not_ok "help lists no commands"
entries=$(sed -n '/^\.SH COMMANDS/,/^\.S[HS] /p' "$man" |
    awk 'prev == ".TP" { sub(/^\\fB/, ""); sub(/\\fR.*/, ""); print }
	{ prev = $0 }')
for c in $commands; do
	echo "$entries" | grep -qx "$c" ||
	    not_ok "command '$c' has no entry in sockshell(1)"
done
for e in $entries; do
	echo "$commands" | grep -qx "$e" ||
	    not_ok "sockshell(1) documents '$e', which is no command"
done
for o in $(LC_ALL=C LANGUAGE= "$SOCKSHELL" --help |
    grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -q -- "$(echo "$o" | sed 's/-/\\\\-/g')" "$man" ||
	    not_ok "option $o is not in sockshell(1)"
done
if command -v groff >/dev/null; then
	for page in "$man" "$man5"; do
		out=$(groff -man -ww -z "$page" 2>&1)
		[ -z "$out" ] || not_ok "groff warns about $page: $out"
	done
fi
# At 80 columns, as 'MANWIDTH=80 man' shows it: the commands' entries
# are not justified (no gaps between words), each form of a usage is a
# line of its own, with '&' where it goes, and an alias reads as one.
if command -v groff >/dev/null; then
	page=$(groff -man -Tascii -rLL=78n -P-cbou "$man" 2>/dev/null |
	    sed -n '/^       accept /,/^   [A-Z]/p')
	gaps=$(echo "$page" | sed -e 's/^ *//' \
	    -e 's/^[a-z.]\{1,6\}   *\([A-Z]\)/\1/' |
	    grep -E "[^].:!?)\"']  ")
	[ -z "$gaps" ] ||
	    not_ok "sockshell(1)'s commands are justified at 80 columns: $gaps"
	for c in connect recv send sendto; do
		n=$(echo "$page" | grep -c "^       $c NAME .*\[&\]\$")
		[ "$n" -ge 2 ] ||
		    not_ok "sockshell(1): $c's forms are not one a line, each with [&]"
	done
	echo "$page" | grep -q '^ *Alias: fcntl$' ||
	    not_ok "sockshell(1): nonblock's alias is not 'Alias: fcntl'"
fi
[ "$fail" = 0 ] && echo "ok - $(echo "$commands" | wc -l) commands documented"
exit $fail
