#! /bin/sh
# russian.sh - the interface in Russian (LANG=ru_RU.UTF-8, LANGUAGE=ru),
# with the catalogue of the build tree (po/locale), compared with what is
# expected:
#   ../lessons/03-echo.lesson, -D PORT=0  -> ru/03-echo.out
#   transcripts/echo.sock, piped in       -> ru/echo.out
# and in both the state table's columns must line up, counted in
# characters (the Cyrillic headers take two bytes a letter). The Russian
# man page must have its COMMANDS in Russian, and groff nothing to warn
# about in it. The golden pictures in Russian are in test-picture.c.
# Skipped (77) when the ru_RU.UTF-8 locale is not generated (tests/run-all
# generates it). SOCKSHELL and srcdir come from 'make check'. REGEN=1
# writes the .out files anew instead of comparing: 'make regen' sets it
# (build-aux/regen), and 'make check' refuses to run with it set.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
build=$(cd "$(dirname "$SOCKSHELL")/.." && pwd)
status=0
not_ok() {
	echo "FAIL - $*"
	status=1
}

# The man pages (no Russian locale needed to build or check them).
man=$build/man/ru/sockshell.1
if [ ! -f "$man" ]; then
	not_ok "$man was not built"
else
	grep -q 'Выполняет accept(2)' "$man" ||
	    not_ok "the COMMANDS of $man are not in Russian (the catalogue?)"
	if command -v groff >/dev/null; then
		for page in "$man" "$build/man/ru/sockshell-lessons.5"; do
			out=$(groff -man -ww -z -Kutf8 -Tutf8 "$page" 2>&1)
			[ -z "$out" ] || not_ok "groff warns about $page: $out"
		done
	fi
	[ "$status" = 0 ] && echo "ok - the Russian man pages"
fi

if ! locale -a 2>/dev/null | grep -qix 'ru_RU\.utf-\?8'; then
	echo "SKIP: the ru_RU.UTF-8 locale is not generated (Debian: uncomment" \
	    "it in /etc/locale.gen and run locale-gen; tests/run-all does)"
	[ "$status" = 0 ] && exit 77
	exit $status
fi
if [ ! -f "$build/po/locale/ru/LC_MESSAGES/sockshell.mo" ]; then
	if command -v msgfmt >/dev/null; then
		not_ok "po/locale/ru/LC_MESSAGES/sockshell.mo was not built"
		exit 1
	fi
	echo "SKIP: no msgfmt, so no Russian catalogue was built"
	exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# As transcripts.sh: ports the kernel picks become PPPPP.
normalise() {
	sed -E -e 's/(127\.0\.0\.1|\]):[0-9]{5}\b/\1:PPPPP/g' \
	    -e "s/('127\.0\.0\.1', )[0-9]{5}\b/\1PPPPP/g" \
	    -e 's/(теперь равна )[0-9]{5}\b/\1PPPPP/' \
	    -e 's/@[0-9a-f]{5}\b/@NNNNN/g' -e '/^  /s/FIN_WAIT[12]/FIN_WAIT?/g'
}

# aligned FILE: every row of every state table in FILE has its fields
# where the header's are, counted in characters.
aligned() {
	# One byte a character: each UTF-8 sequence becomes one 'X', but
	# the tick of an expectation that held, '@'.
	LC_ALL=C sed -e 's/\xe2\x9c\x93/@/g' \
	    -e 's/[\xc0-\xf7][\x80-\xbf]*/X/g' "$1" | LC_ALL=C awk '
	function starts(line,   i, n) {
		n = 0
		for (i = 4; i <= length(line); i++)
			if (substr(line, i, 1) != " " &&
			    substr(line, i - 2, 2) == "  ")
				col[++n] = i
		return n
	}
	/^  X+ +FD +X+ +X+/ { ncol = starts($0); header = NR; next }
	header && /^  \[/ { next }	# a waiting job
	header && /^  @ / { header = 0; next }	# an expectation held
	header && /^  [^ ]/ {
		for (c = 1; c <= ncol; c++) {
			if (length($0) < col[c])
				break
			if (substr($0, col[c] - 1, 1) != " " ||
			    substr($0, col[c], 1) == " ") {
				printf "line %d: column %d does not start at %d\n",
				    NR, c + 1, col[c]
				bad = 1
				break
			}
		}
		next
	}
	header && /^  / { next }	# the second line of a row
	{ header = 0 }
	END { exit bad }'
}

# check NAME EXPECTED: compares $tmp/NAME.out with EXPECTED.
check() {
	if [ -n "$REGEN" ]; then
		cp "$tmp/$1.out" "$2"
		echo "regenerated $1"
	elif diff -u "$2" "$tmp/$1.out"; then
		echo "ok - $1 in Russian"
	else
		not_ok "$1 in Russian"
	fi
	if ! aligned "$tmp/$1.out"; then
		not_ok "$1 in Russian: the state table's columns do not line up"
	elif grep -q 'ИМЯ' "$tmp/$1.out"; then
		echo "ok - $1 in Russian: the state table's columns line up"
	else
		not_ok "$1 in Russian: no state table with Russian headers"
	fi
}

export LANG=ru_RU.UTF-8 LC_ALL=ru_RU.UTF-8 LANGUAGE=ru
unset COLUMNS	# the state table at 80 columns, as the goldens have it
(cd "$srcdir/../lessons" && "$SOCKSHELL" -D PORT=0 --no-pause \
    03-echo.lesson 2>&1; echo "код возврата $?") | normalise > "$tmp/03-echo.out"
check 03-echo "$srcdir/ru/03-echo.out"
(cd "$srcdir/transcripts" && "$SOCKSHELL" < echo.sock 2>&1;
    echo "код возврата $?") | normalise > "$tmp/echo.out"
check echo "$srcdir/ru/echo.out"
# The lessons' titles too.
"$SOCKSHELL" --list-lessons | grep -q 'Эхо-сервер и клиент' ||
    not_ok "--list-lessons: the titles are not in Russian"
# help for every command, and the usage line of a command that takes
# nothing: Russian, and never the catalogue's header (the translation
# of an empty string).
cmds=$(echo help | LC_ALL=C LANGUAGE= "$SOCKSHELL" -q 2>/dev/null |
    sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$cmds" ] || not_ok "help lists no commands"
for c in $cmds; do
	echo "help $c" | "$SOCKSHELL" -q > "$tmp/help.out" 2>&1
	if grep -q 'Project-Id-Version' "$tmp/help.out"; then
		not_ok "help $c in Russian shows the catalogue's header"
	elif ! grep -q 'использование: ' "$tmp/help.out"; then
		not_ok "help $c is not in Russian"
	fi
done
echo "ok - help for every command in Russian"
echo 'quit now' | "$SOCKSHELL" -q > "$tmp/usage.out" 2>&1
grep -q 'Project-Id-Version' "$tmp/usage.out" &&
    not_ok "a usage error in Russian shows the catalogue's header"
exit $status
