#! /bin/sh
# completion.sh - the bash completion script (completion/sockshell) run as
# bash runs it: the words of the command line in COMP_WORDS, what it
# offers in COMPREPLY. Bash splits "--view=pic" at '=', so such lines
# come as three words. SOCKSHELL and srcdir come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
if ! command -v bash >/dev/null; then
	echo "no bash: skipped"
	exit 77
fi
exec bash -c '
. "$1/../completion/sockshell" || exit 1
status=0
# offers WANT WORD...: completing the last WORD offers exactly WANT.
offers() {
	want=$1
	shift
	COMP_WORDS=("$SOCKSHELL" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_sockshell
	got="${COMPREPLY[*]}"
	if [ "$got" = "$want" ]; then
		echo "ok - sockshell $* -> $want"
	else
		echo "not ok - sockshell $*: offers \"$got\", not \"$want\""
		status=1
	fi
}
offers "--view" --vi
offers "picture table both none" --view ""
offers "both" --view b
offers "picture table both none" --view =
offers "picture" --view = p
offers "echo" --lesson ec
offers "echo" --lesson = ec
offers "echo" -l ec
offers "--lesson" --less
offers "" --timeout ""
exit $status
' completion.sh "$srcdir"
