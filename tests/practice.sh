#! /bin/sh
# practice.sh - sockshell --practice: every bundled lesson (but the one in
# two terminals) practised with its own commands as the answers passes;
# equivalent spellings pass, near misses do not, each said; hint, skip,
# again. Loopback only, the ports picked at run time (-D PORT=0).
# SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
HOME=$tmp XDG_STATE_HOME=$tmp/state LC_ALL=C.UTF-8 LANGUAGE=
export HOME XDG_STATE_HOME LC_ALL LANGUAGE
fail=0

ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }

# The lesson's own commands, without what they expect, are the answers.
for f in "$srcdir"/../lessons/*.lesson; do
	case $f in *two-terminals*) continue ;; esac
	n=$(basename "$f" .lesson)
	# A question: its first choice as the prediction.
	grep -v '^[>#]' "$f" | grep -v '^ *pause *$' | grep -v '^ *$' |
	    grep -v '^?[0-9]' | sed 's/ *=>.*//; s/^? .*/1/' >"$tmp/answers"
	if "$SOCKSHELL" -q -D PORT=0 --practice "$n" <"$tmp/answers" \
	    >"$tmp/out" 2>&1 && grep -q 'practised: .* 0 skipped' "$tmp/out" &&
	    ! grep -q 'Not yet' "$tmp/out"; then
		ok "$n: its own commands pass"
	else
		bad "$n: its own commands do not pass"
		tail -20 "$tmp/out" | sed 's/^/    | /'
	fi
done

# expect TEXT: the last run said TEXT.
expect() {
	if grep -qF -- "$1" "$tmp/out"; then
		ok "$2"
	else
		bad "$2: no '$1'"
		sed 's/^/    | /' "$tmp/out"
	fi
}

cat >"$tmp/answers" <<'A'
socket srv udp
close srv
socket server
close server
hint
hint
hint
socket srv
bind srv 127.0.0.1:$PORT
listen srv 2
close srv
again
listen srv 1
accept srv conn
accept srv conn &
skip
connect cli ('127.0.0.1', 1)
again
connect srv 127.0.0.1 $PORT
connect cli ('127.0.0.1', $PORT)
wait
send cli "Hello, world?"
send cli b'Hello, world!'
A
"$SOCKSHELL" -q -D PORT=0 --practice echo <"$tmp/answers" >"$tmp/out" 2>&1
status=$?
expect "Not yet: this step needs a TCP/IPv4 (SOCK_STREAM) socket, as in the lecture." "UDP for TCP is a near miss"
expect "'close srv' and try again, or 'hint'." "how to go on after the wrong socket"
expect "Not yet: the lesson names this socket srv, not server" "another name: the lesson's is told"
expect "Hint: this step is socket()" "the first hint: the call"
expect "Hint: the command's form: socket NAME" "the second hint: the form"
expect "Hint: type socket srv AF_INET SOCK_STREAM" "the third hint: the command"
expect "Not yet: listen() here takes the backlog 1; yours was 2." "another backlog is a near miss"
expect "Again: every socket is closed" "again replays the steps"
expect "Not yet: accept would wait here" "a blocking accept is caught before it blocks"
expect "sockshell> socket cli AF_INET SOCK_STREAM" "skip makes the step"
expect "Not yet: connect() here takes the address 127.0.0.1:" "another port is a near miss"
expect "Not yet: this step sends the lesson's 13 bytes" "other data is a near miss"
expect "Not yet: this step is on the lesson's socket cli, not on srv." "another socket is a near miss"
expect "practised:" "a summary at the end"
[ "$status" -ne 0 ] && ok "an unfinished practice fails" ||
    bad "an unfinished practice exited 0"
if grep -q '✓ created' "$tmp/out" && grep -q '✓ bound' "$tmp/out" &&
    grep -q '✓ ESTABLISHED' "$tmp/out"; then
	ok "equivalent spellings pass (socket srv, 127.0.0.1:PORT, a tuple)"
else
	bad "equivalent spellings"
fi
# Progress: the best practice kept, under $XDG_STATE_HOME/sockshell/.
prog=$XDG_STATE_HOME/sockshell/progress
if [ "$(stat -c %a "$XDG_STATE_HOME/sockshell")" = 700 ]; then
	ok "the progress folder is 0700"
else
	bad "the progress folder is not 0700"
fi
if grep -qx 'echo 0 15 15 0 0 1' "$prog"; then
	ok "the progress file keeps the echo lesson's best practice"
else
	bad "the progress file: $(cat "$prog")"
fi
"$SOCKSHELL" --list-lessons >"$tmp/out" 2>&1
expect "echo               The echo server and client: the lecture's two Python programs  [practised: 15 of 15 steps right the first time]" "--list-lessons marks a lesson practised"
if grep -qx '   8  two-terminals      Two terminals: the server here, the client in another terminal' \
    "$tmp/out"; then
	ok "an untouched lesson has no mark"
else
	bad "an untouched lesson has a mark"
fi
if awk '{ print $2 }' "$tmp/out" | grep -qx echo; then
	ok "the name stays the second column (completion)"
else
	bad "the second column is no longer the name"
fi
"$SOCKSHELL" --no-pause --lesson operations </dev/null >/dev/null 2>&1
if grep -q '^operations 1 ' "$prog"; then
	bad "a lesson not at a terminal counted as watched"
else
	ok "only a run at a terminal counts as watched"
fi
# record: a session written as a lesson, which then passes as one.
cat >"$tmp/session" <<A
record $tmp/rec.lesson
socket srv
bind srv 127.0.0.1 \$PORT
listen srv 1
socket cli
connect cli 127.0.0.1 1
close cli
accept srv conn &
socket c2
connect c2 127.0.0.1:\$PORT
wait
send c2 "hi\n"
recv conn 100
close c2
recv conn
close conn
close srv
record stop
record $tmp/rec.lesson
A
"$SOCKSHELL" -q -D PORT=0 <"$tmp/session" >"$tmp/out" 2>&1
expect "recorded 16 steps in $tmp/rec.lesson" "record stop says what was written"
expect "it exists already (a recording never overwrites a file)" "record never overwrites a file"
for want in 'socket srv => created' 'bind srv 127.0.0.1 $PORT => bound' \
    'listen srv 1 => LISTEN' 'connect cli 127.0.0.1 1 => ECONNREFUSED' \
    'connect c2 127.0.0.1:$PORT => ESTABLISHED' 'send c2 "hi\n" => 3' \
    'recv conn 100 => "hi\n"' 'recv conn => EOF' 'close c2' 'pause'; do
	if grep -qxF -- "$want" "$tmp/rec.lesson"; then
		ok "recorded: $want"
	else
		bad "not recorded: $want"
		sed 's/^/    | /' "$tmp/rec.lesson"
	fi
done
if grep -q 'FIN_WAIT\|TIME_WAIT' "$tmp/rec.lesson"; then
	bad "a recording holds a state that depends on timing"
else
	ok "no state that depends on timing is recorded"
fi
if "$SOCKSHELL" -q -D PORT=0 --lesson "$tmp/rec.lesson" >"$tmp/out" 2>&1
then
	ok "the recorded session passes as a lesson"
else
	bad "the recorded session fails as a lesson"
	sed 's/^/    | /' "$tmp/out"
fi
ln -s "$tmp/elsewhere" "$tmp/link"
echo "record $tmp/link" | "$SOCKSHELL" -q >"$tmp/out" 2>&1
if [ ! -e "$tmp/elsewhere" ] && grep -q 'cannot record' "$tmp/out"; then
	ok "record does not follow a symbolic link"
else
	bad "record followed a symbolic link"
fi
# Predict, then see: the kernel's answer beside the student's.
cat >"$tmp/q.lesson" <<'A'
# Questions
socket srv
bind srv 127.0.0.1 $PORT
listen srv 1
socket cli
connect cli srv
accept srv conn
? After close cli, what state is conn in?
?1 conn:ESTABLISHED
?2 conn:CLOSE_WAIT
close cli => conn:CLOSE_WAIT
? And after close conn, cli's connection?
?1 cli:TIME_WAIT
?2 cli:CLOSE_WAIT
close conn
close srv
A
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 $PORT' 'listen srv 1' \
    'socket cli' 'connect cli srv' 'accept srv conn' 'seven' '2' 'close cli' \
    '2' 'close conn' 'close srv' >"$tmp/answers"
"$SOCKSHELL" -q -D PORT=0 --practice "$tmp/q.lesson" <"$tmp/answers" \
    >"$tmp/out" 2>&1
status=$?
expect "Question: After close cli, what state is conn in?" "the question is asked before its step"
expect "  2) conn:CLOSE_WAIT" "its choices are listed"
expect "Answer with the number of a choice, 1 to 2." "an answer that is no number is asked again"
expect "  The kernel says: 2) conn:CLOSE_WAIT" "the kernel's answer is shown"
expect "  You said 2: right." "a right prediction"
expect "  The kernel says: 1) cli:TIME_WAIT" "the kernel's answer, not the file's"
expect "  You said 2: the kernel says otherwise." "a wrong prediction"
expect "Predictions: 1 of 2 right." "the summary counts the predictions"
[ "$status" -eq 0 ] && ok "a wrong prediction does not fail the practice" ||
    bad "a wrong prediction failed the practice"
"$SOCKSHELL" -q -D PORT=0 --lesson "$tmp/q.lesson" </dev/null >"$tmp/out" 2>&1
expect "  (the next step answers it)" "watching: the question is shown"
expect "  The kernel says: 2) conn:CLOSE_WAIT" "watching: with the kernel's answer"
# Watched: a lesson run to its end at a terminal (script(1) gives one).
if command -v script >/dev/null 2>&1; then
	(sleep 3; printf '\004') | timeout 60 script -qc \
	    "'$SOCKSHELL' -D PORT=0 --no-pause --lesson client-server" \
	    /dev/null >/dev/null 2>&1
	if grep -q '^client-server 1 ' "$prog"; then
		ok "a lesson run at a terminal counts as watched"
	else
		bad "a lesson run at a terminal was not counted as watched"
	fi
	"$SOCKSHELL" --list-lessons >"$tmp/out" 2>&1
	expect "client-server      Client and server: the lecture's picture, step by step  [practised: 15 of 15 steps right the first time]" "the best mark shows: practised over watched"
fi
echo hint | "$SOCKSHELL" -q >"$tmp/out" 2>&1
expect "no practice is running" "hint outside a practice"
exit $fail
