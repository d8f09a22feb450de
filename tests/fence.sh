#! /bin/sh
# fence.sh - a lesson from a stranger is data: it writes and reads files
# only in its work folder (never through a link, never by '..' or an
# absolute path), reaches loopback only, binds loopback, and asks no name
# server; each refusal is one line and the lesson goes on. What is typed
# is not fenced, and --trust-lesson lifts each part.
# SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
SOCKSHELL=$(cd "$(dirname "$SOCKSHELL")" && pwd)/$(basename "$SOCKSHELL")
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
not_ok() { echo "FAIL - $*"; fail=1; }
ok() { echo "ok - $*"; }
# in_ns COMMAND...: in a network namespace of this test's own, where only
# loopback exists, when it can make one (root); else as it is: the
# lesson's refusals keep every packet on loopback either way.
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null &&
    command -v ip >/dev/null; then
	in_ns() { unshare -n sh -c 'ip link set lo up && exec "$@"' ns "$@"; }
	echo "# the hostile lessons run in a network namespace of their own"
	# Another machine's address, tried only there: the namespace holds
	# loopback alone, so even a broken fence could reach nothing.
	far='connect u 192.0.2.1 53'
	far_said='connect: a lesson reaches only loopback'
	refusals=8
else
	in_ns() { "$@"; }
	far='# (no namespace: no other address is tried)'
	far_said='recv --to: a lesson reads and writes files only in its work'
	refusals=7
fi

export XDG_STATE_HOME="$tmp/state" LC_ALL=C LANGUAGE=
work="$tmp/state/sockshell/work/evil"
mkdir -p "$tmp/outside" "$work"
ln -s "$tmp/outside" "$work/link"
cd "$tmp" || exit 99

# The attack of the issue, and the lesson's next lines still run.
cat > evil.lesson <<EOF
socketpair a b
send a "alias sudo=evil"
shutdown a SHUT_WR
recv b --to $tmp/outside/.bash_aliases
recv b --to ../../../../outside/up
recv b --to link/x
recv b --to kept.txt
send b --file /etc/passwd
send b --file kept.txt
recv a
socket s tcp
bind s * 0
listen s 1
socket t tcp
listen t 1
socket u udp
$far
sendto u 127.0.0.1 9 "ok"
resolve name.example.com
export /tmp/../$tmp/outside/pic.svg
record $tmp/outside/rec.lesson
show
EOF
in_ns "$SOCKSHELL" -q evil.lesson > evil.out 2> evil.err
[ $? -eq 1 ] || not_ok "a fenced lesson's refusals do not fail it (exit $?)"
ls -A "$tmp/outside" | grep -q . &&
    not_ok "a lesson wrote outside its work folder: $(ls -A "$tmp/outside")"
[ "$(cat "$work/kept.txt" 2>/dev/null)" = "alias sudo=evil" ] &&
    ok "recv --to NAME writes NAME in the lesson's work folder" ||
    not_ok "recv --to kept.txt is not in $work"
for what in "recv --to: a lesson reads and writes files only in its work" \
    "'link/x' goes through a symbolic link" \
    "send --file: a lesson reads and writes files only" \
    "$far_said" \
    "'name.example.com' is not in /etc/hosts" \
    "export: a lesson reads and writes files only" \
    "record: a lesson reads and writes files only"; do
	grep -qF "$what" evil.err && ok "refused: $what" ||
	    not_ok "no refusal '$what' in: $(cat evil.err)"
done
[ "$(grep -c . evil.err)" -eq $refusals ] ||
    not_ok "each refusal is one line: $(cat evil.err)"
grep -q '^recv(.*"alias sudo=evil"' evil.out &&
    ok "send --file sends a file of the work folder" ||
    not_ok "send --file kept.txt did not send it: $(cat evil.out)"
grep -q 's is bound to 127.0.0.1:' evil.out &&
    grep -q 'a lesson binds loopback, not every address' evil.out &&
    ok "bind * in a lesson binds loopback, with a note" ||
    not_ok "bind * was not loopback: $(grep 'bind' evil.out)"
grep -q 't is bound to loopback first' evil.out &&
    grep -q 'u is bound to loopback first' evil.out &&
    ok "listen and sendto on an unbound socket bind loopback first" ||
    not_ok "an implicit bind was not loopback: $(cat evil.out)"
grep -q '^sendto(.*127.0.0.1:9) = 2' evil.out && grep -q '^ *s  *[0-9].*LISTEN' \
    evil.out && ok "the lesson went on to its end" ||
    not_ok "the lesson stopped: $(tail -5 evil.out)"

# Sourced at the prompt, the same file is fenced too.
printf 'source evil.lesson\n' | in_ns "$SOCKSHELL" -q > src.out 2> src.err
grep -q "recv --to: a lesson reads and writes files only" src.err &&
    ok "a sourced file is fenced" || not_ok "source ran unfenced"
ls -A "$tmp/outside" | grep -q . && not_ok "source wrote outside"

# source, lesson and practice in a lesson: a .lesson file beside it, by
# its name, or a file in its work folder; nothing else, never through a
# link, and a file run from there is fenced as the lesson is.
mkdir -p "$tmp/private" "$tmp/kit" "$tmp/shelf" "$tmp/state/sockshell/work/sneak"
secret="PRIVATE-KEY-$$-do-not-show"
echo "$secret" > "$tmp/private/id_ed25519"
sneak="$tmp/state/sockshell/work/sneak"
ln -s "$tmp/private/id_ed25519" "$sneak/key.lesson"
ln -s "$tmp/private" "$sneak/keys"
ln -s "$tmp/private/id_ed25519" "$tmp/kit/linked.lesson"
printf 'socket beside udp\n' > "$tmp/kit/helper.lesson"
printf 'socket made udp\nsource %s\nsocket made2 udp\n' \
    "$tmp/private/id_ed25519" > "$sneak/made.lesson"
printf '# Tiny\nsocket shelved udp\n' > "$tmp/shelf/tiny.lesson"
cat > "$tmp/kit/sneak.lesson" <<EOF
source $tmp/private/id_ed25519
socket n1 udp
source ../../private/id_ed25519
socket n2 udp
source key.lesson
socket n3 udp
source keys/id_ed25519
socket n4 udp
source linked.lesson
socket n5 udp
lesson $tmp/private/id_ed25519
socket n6 udp
practice ../private/id_ed25519
socket n7 udp
source helper.lesson
source made.lesson
lesson tiny
EOF
rule="a lesson runs only a .lesson file beside it, named without '/', or a file in its work folder $sneak, by a path in it with no '..'"
link="goes through a symbolic link, which a lesson does not follow; run with --trust-lesson=files to lift this"
# sneak_check NAME STATUS: the refusals, no secret, every next line ran.
sneak_check() {
	[ "$2" -eq 1 ] || not_ok "$1: exit $2, not 1"
	grep -qF "$secret" "$1.out" "$1.err" &&
	    not_ok "$1: the secret file reached the screen"
	for what in "source: $rule ('$tmp/private/id_ed25519' is neither); run with --trust-lesson=files to lift this" \
	    "source: $rule ('../../private/id_ed25519' is neither)" \
	    "source: 'key.lesson' $link" "source: 'keys/id_ed25519' $link" \
	    "source: 'linked.lesson' $link" \
	    "lesson: $rule ('$tmp/private/id_ed25519' is neither)" \
	    "practice: $rule ('../private/id_ed25519' is neither)" \
	    "made.lesson:2: source: $rule ('$tmp/private/id_ed25519'"; do
		grep -qF "$what" "$1.err" ||
		    not_ok "$1: no refusal '$what' in: $(cat "$1.err")"
	done
	[ "$(grep -c . "$1.err")" -eq 8 ] ||
	    not_ok "$1: each refusal is one line: $(cat "$1.err")"
	for sock in n1 n2 n3 n4 n5 n6 n7 beside made made2 shelved; do
		grep -q "= [0-9]*: $sock is a new UDP" "$1.out" ||
		    not_ok "$1: the lesson did not go on to socket $sock"
	done
	ok "$(basename "$1"): no source outside, by '..' or through a link; beside and in the work folder, fenced"
}
cd "$tmp/kit" || exit 99
SOCKSHELL_LESSONS="$tmp/shelf" "$SOCKSHELL" -q --no-pause sneak.lesson \
    > "$tmp/sneak-file.out" 2> "$tmp/sneak-file.err" < /dev/null
sneak_check "$tmp/sneak-file" $?
SOCKSHELL_LESSONS="$tmp/shelf" "$SOCKSHELL" -q --no-pause --lesson \
    "$tmp/kit/sneak.lesson" > "$tmp/sneak-lesson.out" \
    2> "$tmp/sneak-lesson.err" < /dev/null
sneak_check "$tmp/sneak-lesson" $?
printf 'source sneak.lesson\n' | SOCKSHELL_LESSONS="$tmp/shelf" \
    "$SOCKSHELL" -q > "$tmp/sneak-source.out" 2> "$tmp/sneak-source.err"
sneak_check "$tmp/sneak-source" $?
cd "$tmp" || exit 99
# Typed, the same paths are the student's own.
printf 'source %s\nlesson %s\n' "$tmp/private/id_ed25519" \
    "$tmp/private/id_ed25519" | "$SOCKSHELL" -q > sneak-typed.out 2>&1
[ "$(grep -c "unknown command '$secret'" sneak-typed.out)" -eq 2 ] &&
    ok "a typed source or lesson opens any file" ||
    not_ok "typed source: $(cat sneak-typed.out)"

# Typed lines are the student's own; one note when a socket is reachable.
printf 'socket s tcp\nbind s * 0\nsocket t tcp\nbind t * 0\nsocketpair a b\n%s\n%s\n' \
    'send a "x"' "recv b --to $tmp/outside/typed" |
    "$SOCKSHELL" -q > typed.out 2> typed.err
grep -q 's is bound to 0.0.0.0:' typed.out &&
    [ "$(grep -c 'can be reached from other machines' typed.out)" -eq 1 ] &&
    ok "a typed bind * binds every address, said once" ||
    not_ok "typed bind *: $(cat typed.out typed.err)"
[ -e "$tmp/outside/typed" ] && ok "a typed recv --to writes where told" ||
    not_ok "a typed recv --to was fenced: $(cat typed.err)"
rm -f "$tmp/outside/typed"

# At a terminal the shell asks first: no keeps a source outside fenced,
# yes lifts the files' fence for the lesson, no keeps the network's.
if command -v tmux >/dev/null; then
	printf '%s\n' "source $tmp/private/id_ed25519" 'socketpair a b' \
	    'send a "x"' 'shutdown a SHUT_WR' \
	    "recv b --to $tmp/outside/asked" 'socket d unix' \
	    "connect d $tmp/nobody.sock" 'show d' > ask.lesson
	sess=fence$$
	tmux new-session -d -s "$sess" -x 80 -y 24 "cd '$tmp' &&
	    XDG_STATE_HOME='$tmp/state' LC_ALL=C.UTF-8 INPUTRC=/dev/null \
	    '$SOCKSHELL' -q --no-pause ask.lesson; echo EXIT=\$?; sleep 60"
	# answer WHAT: once the question's prompt shows, type WHAT.
	answer() {
		i=0
		while [ $i -lt 200 ] && [ "$(tmux capture-pane -p -S - -t "$sess" |
		    grep -c '^\[y/N\]')" -lt "$2" ]; do
			sleep 0.1; i=$((i + 1))
		done
		tmux send-keys -t "$sess" "$1" Enter
	}
	answer n 1
	answer y 2
	answer n 3
	i=0
	while [ $i -lt 200 ] && ! tmux capture-pane -p -t "$sess" |
	    grep -q '^EXIT='; do sleep 0.1; i=$((i + 1)); done
	tmux capture-pane -p -J -S - -t "$sess" > ask.screen
	tmux kill-session -t "$sess"
	[ -e "$tmp/outside/asked" ] && grep -q 'outside its work' \
	    ask.screen && ok "a yes at the terminal lets the lesson write" ||
	    not_ok "the question for files: $(cat ask.screen)"
	grep -q "asks for '$tmp/private/id_ed25519', outside" ask.screen &&
	    grep -q 'source: a lesson runs only a .lesson file' ask.screen &&
	    ! grep -qF "$secret" ask.screen &&
	    ok "a no at the terminal keeps source fenced" ||
	    not_ok "the question for source: $(cat ask.screen)"
	grep -q 'reaches only the AF_UNIX names' ask.screen &&
	    ok "a no at the terminal keeps the network fenced" ||
	    not_ok "the question for the network: $(cat ask.screen)"
	rm -f "$tmp/outside/asked"
fi

# --trust-lesson lifts each part, and only that part.
printf 'socketpair a b\nsend a "x"\nshutdown a SHUT_WR\n%s\nsocket s tcp\n%s\n' \
    "recv b --to $tmp/outside/trusted" "bind s * 0" > trust.lesson
"$SOCKSHELL" -q --trust-lesson=files trust.lesson > t1.out 2> t1.err
[ -e "$tmp/outside/trusted" ] && grep -q 's is bound to 127.0.0.1' t1.out &&
    ok "--trust-lesson=files lifts files, not the network" ||
    not_ok "--trust-lesson=files: $(cat t1.out t1.err)"
rm -f "$tmp/outside/trusted"
"$SOCKSHELL" -q --trust-lesson=network trust.lesson > t2.out 2> t2.err
[ ! -e "$tmp/outside/trusted" ] && grep -q 's is bound to 0.0.0.0' t2.out &&
    ok "--trust-lesson=network lifts the network, not files" ||
    not_ok "--trust-lesson=network: $(cat t2.out t2.err)"
"$SOCKSHELL" --trust-lesson=everything 2> bad.err < /dev/null
[ $? -eq 2 ] && grep -q 'takes files, network or all' bad.err &&
    ok "a bad --trust-lesson is refused" || not_ok "--trust-lesson=everything"

# --work-dir names the folder.
mkdir "$tmp/mine"
"$SOCKSHELL" -q --work-dir "$tmp/mine" trust.lesson > w.out 2> w.err
grep -q "work folder $tmp/mine" w.err && ok "--work-dir names the folder" ||
    not_ok "--work-dir: $(cat w.err)"

# AF_UNIX: its socket files in its work folder; only its own names.
cat > unix.lesson <<EOF
socket srv unix
bind srv own.sock
listen srv 1
socket c unix
connect c own.sock
socket d unix
connect d /run/systemd/private
socket e unix
bind e $tmp/outside/e.sock
EOF
"$SOCKSHELL" -q unix.lesson > u.out 2> u.err
[ -S "$work/../unix/own.sock" ] && grep -q '^connect(.*own.sock' u.out &&
    ok "AF_UNIX: a relative name is a socket file in the work folder" ||
    not_ok "AF_UNIX own name: $(cat u.out u.err)"
[ "$(grep -c 'a lesson reads and writes files only' u.err)" -eq 2 ] &&
    [ ! -e "$tmp/outside/e.sock" ] &&
    ok "AF_UNIX: another's name, or one outside, is refused" ||
    not_ok "AF_UNIX fence: $(cat u.err)"
# What a lesson writes reaches the screen escaped: no raw escape byte.
printf '%s\n' '> narrated \x1b[2J' 'resolve localhost "\x1b]0;x\x07"' \
    'set X "\x1b[1A"' 'set' 'socketpair a b' 'send a "x"' \
    'shutdown a SHUT_WR' 'recv b --to "\x1b[2Jz"' > esc.lesson
"$SOCKSHELL" -q esc.lesson > esc.out 2>&1
if grep -q "$(printf '\033')" esc.out; then
	not_ok "a raw escape byte reached the screen: $(cat -v esc.out)"
else
	grep -q 'x1b\[2Jz' esc.out && grep -q 'x1b\]0;x' esc.out &&
	    ok "paths, services, narration and variables are shown escaped" ||
	    not_ok "escapes: $(cat esc.out)"
fi

# Bounded: $X doubled sixteen times, 300 copies, narration of it; the
# issue's script reached 312 MB. A generous bound: 64 MiB of peak RSS.
{
	echo 'set X "abcdefghijklmnopqrstuvwxyz0123456789"'
	for i in $(seq 16); do echo 'set X $X$X'; done
	for i in $(seq 300); do echo "set V$i \$X"; done
	for i in $(seq 100); do echo '> $X$X$X$X'; done
} > doubling.lesson
# (Not under AddressSanitizer: its shadow memory and quarantine are not
# the program's.)
if [ -x /usr/bin/time ] && ! ldd "$SOCKSHELL" 2>/dev/null | grep -q libasan
then
	/usr/bin/time -f %M -o rss "$SOCKSHELL" -q --no-pause doubling.lesson \
	    > doubling.out 2> doubling.err
	[ "$(tail -n 1 rss)" -lt 65536 ] &&
	    ok "the doubling lesson stays under 64 MiB ($(tail -n 1 rss) KiB)" ||
	    not_ok "the doubling lesson took $(tail -n 1 rss) KiB"
	grep -q 'MiB' doubling.err && ok "its bound is said" ||
	    not_ok "no word of the bound: $(head -3 doubling.err)"
fi

# A teacher's folder adds to the bundled lessons; its lessons are fenced.
mkdir "$tmp/teacher"
printf '# Mine\nsocket s tcp\nbind s * 0\n' > "$tmp/teacher/mine.lesson"
SOCKSHELL_LESSONS="$tmp/teacher" "$SOCKSHELL" --list-lessons > list.out
grep -q '^   -  mine  *Mine' list.out && grep -q '^  10  closing ' list.out &&
    ok "SOCKSHELL_LESSONS adds its lessons to the bundled ones" ||
    not_ok "SOCKSHELL_LESSONS: $(cat list.out)"
SOCKSHELL_LESSONS="$tmp/teacher" "$SOCKSHELL" -q --no-pause --lesson mine \
    > mine.out 2>&1 < /dev/null
grep -q 's is bound to 127.0.0.1' mine.out &&
    ok "a teacher's lesson runs fenced" || not_ok "mine: $(cat mine.out)"
exit $fail
