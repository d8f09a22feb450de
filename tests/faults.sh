#! /bin/sh
# faults.sh - the built program under bad input and faults, loopback only:
# exit statuses and --bail, running out of descriptors (ulimit -n), SIGINT
# and SIGTERM to a script read from a pipe, the input ending while calls
# wait; and at a real terminal (tmux): Ctrl-C in accept, connect, recv and
# a send on a full buffer, the terminal resized, Ctrl-D in a lesson's
# pause, SIGTERM saving the history. And that the program can run no
# other program. Every wait is bounded; the terminal is polled for what it
# shows. SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
fail=0
ran=0
pids=
cleanup() {
	[ -n "$pids" ] && kill $pids 2>/dev/null
	[ -n "${tmux_up:-}" ] && tm kill-server 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export INPUTRC=/dev/null LC_ALL=C.UTF-8

ok() {
	echo "ok - $1"
	ran=$((ran + 1))
}

not_ok() {
	echo "FAIL - $1"
	[ -n "${2:-}" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | cut -c1-200 |
	    tail -n 40
	fail=1
	ran=$((ran + 1))
}

# check NAME FILE COMMAND...: ok when COMMAND succeeds, else shows FILE.
check() {
	name=$1 file=$2
	shift 2
	if "$@"; then ok "$name"; else not_ok "$name" "$file"; fi
}

has() { grep -qF -- "$2" "$1"; }
has_not() { ! grep -qF -- "$2" "$1"; }

# wait_for FILE TEXT [TRIES]: polls FILE (every 50 ms, 5 s by default)
# until it holds TEXT.
wait_for() {
	i=0
	while [ "$i" -lt "${3:-100}" ]; do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# run NAME STATUS [ARGS...] < SCRIPT: runs sockshell on the script, its
# output in $tmp/NAME.out; fails the test unless it exits with STATUS.
run() {
	name=$1 want=$2
	shift 2
	"$SOCKSHELL" "$@" > "$tmp/$name.out" 2>&1
	got=$?
	echo "exit status $got" >> "$tmp/$name.out"
	[ "$got" = "$want" ]
}

# 1. Every kind of bad input fails the script (status 1) with one
# message. bad FORMAT: the line, as printf writes it.
n=0
bad() {
	n=$((n + 1))
	{ echo 'socket x'; printf "$1\n"; } > "$tmp/bad$n.sock"
	if ! run "bad$n" 1 -q < "$tmp/bad$n.sock" ||
	    [ "$(grep -c '^<stdin>:2: ' "$tmp/bad$n.out")" != 1 ]; then
		not_ok "bad input '$1': exit status 1, one message" \
		    "$tmp/bad$n.out"
	fi
}
bad 'xyzzy'
bad 'socket'
bad 'socket a\tb c d e'
bad 'sho\000w'
bad 'send x \001\002\033[2J'
bad '\377\376'
bad 'send x "\\xZZ"'
bad 'send x "\\x"'
bad 'send x "unclosed'
bad 'socket x'
bad 'socket abcdefghijklmnopqrstuvwxyz0123456789'
bad 'bind x 127.0.0.1 -1'
bad 'bind x 127.0.0.1 65536'
bad 'bind x 127.0.0.1 0x50'
bad 'bind x 127.0.0.1 8888abc'
bad 'bind x 999.1.1.1 0'
bad 'bind x nosuchhost.invalid 0'
bad 'connect x [::1 80'
bad 'connect x ::1:: 80'
bad 'accept x'
bad 'recv x'
bad 'listen x 1 2 3'
ok "$n kinds of bad input: exit status 1, one message each"
printf 'socket x\n\n   \n\t\n' > "$tmp/blank.sock"
run blank 0 -q < "$tmp/blank.sock"
check "empty and blank lines are no mistake" "$tmp/blank.out" \
    has_not "$tmp/blank.out" "<stdin>:"

# A line of 1 MiB, an error; one longer is refused alone, echoed cut, and
# the line after it runs (a line with NUL bytes in it, as /dev/zero's,
# stops the script: nothing says where its next line starts).
head -c 1048576 /dev/zero | tr '\0' A > "$tmp/long.sock"
printf '\n' >> "$tmp/long.sock"
head -c 1048577 /dev/zero | tr '\0' B >> "$tmp/long.sock"
printf '\nsocket after\n' >> "$tmp/long.sock"
run long 1 -q < "$tmp/long.sock"
check "a line of 1 MiB: one error, then the next line runs" \
    "$tmp/long.out" has "$tmp/long.out" "<stdin>:1: unknown command 'AAAA"
check "a line over 1 MiB is refused alone" "$tmp/long.out" \
    has "$tmp/long.out" "<stdin>:2: the line is longer than 1048576 bytes, \
so it is skipped"
check "and its echo is cut, saying so" "$tmp/long.out" \
    has "$tmp/long.out" "BBB... (cut: the line goes on, longer than 1048576"
check "the line after it runs" "$tmp/long.out" \
    has "$tmp/long.out" "after is a new"
run zero 1 -q /dev/zero
check "sockshell /dev/zero ends with an error, status 1" "$tmp/zero.out" \
    has "$tmp/zero.out" "/dev/zero:1: the line is longer than 1048576"

# 2. --bail stops a script at its first error; without it, it goes on.
printf 'socket a\nlisten nosuch\nsocket b\n' > "$tmp/bail.sock"
run bail 1 -q --bail "$tmp/bail.sock"
check "--bail stops at the first error, status 1" "$tmp/bail.out" \
    has_not "$tmp/bail.out" "socket b"
check "--bail says where" "$tmp/bail.out" \
    has "$tmp/bail.out" "bail.sock:2: no socket named 'nosuch'"
run nobail 1 -q < "$tmp/bail.sock"
check "without --bail the script goes on, status 1" "$tmp/nobail.out" \
    has "$tmp/nobail.out" "b is a new"

# 3. Out of descriptors: EMFILE, then recovery after closes.
i=1
: > "$tmp/emfile.sock"
while [ $i -le 20 ]; do
	echo "socket s$i" >> "$tmp/emfile.sock"
	i=$((i + 1))
done
printf 'close s1\nclose s2\nsocket t1\nsocket t2\nshow\n' >> "$tmp/emfile.sock"
(ulimit -n 20 && exec "$SOCKSHELL" -q) < "$tmp/emfile.sock" \
    > "$tmp/emfile.out" 2>&1
echo "exit status $?" >> "$tmp/emfile.out"
check "ulimit -n 20: socket fails with EMFILE" "$tmp/emfile.out" \
    has "$tmp/emfile.out" "socket failed with EMFILE: too many open files"
check "after two closes, two sockets again" "$tmp/emfile.out" sh -c \
    "grep -q 't1 is a new' '$tmp/emfile.out' &&
    grep -q 't2 is a new' '$tmp/emfile.out' &&
    grep -q 'exit status 1' '$tmp/emfile.out'"

# 4. SIGINT to a script read from a pipe, in each call that waits: the
# call stops, the socket stays as it was, the next command runs.
# pipe_start NAME: sockshell reading fd 4, its output in $tmp/NAME.out.
pipe_start() {
	rm -f "$tmp/$1.in"
	mkfifo "$tmp/$1.in"
	"$SOCKSHELL" -q --timeout=10 < "$tmp/$1.in" > "$tmp/$1.out" 2>&1 &
	pid=$!
	pids="$pids $pid"
	exec 4> "$tmp/$1.in"
}

# pipe_end: closes its input and waits; $status is its exit status.
pipe_end() {
	exec 4>&-
	wait "$pid"
	status=$?
	echo "exit status $status" >> "$tmp/$1.out"
}

pipe_start sigint
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv 0' \
    'accept srv conn' >&4
wait_for "$tmp/sigint.out" 'sockshell> accept srv conn' && kill -INT "$pid"
printf '%s\n' 'show' 'socket c1' 'connect c1 srv' 'socket c2' \
    'connect c2 srv' >&4
wait_for "$tmp/sigint.out" 'sockshell> connect c2 srv' && kill -INT "$pid"
printf '%s\n' 'show' 'accept srv conn' 'recv conn' >&4
wait_for "$tmp/sigint.out" 'sockshell> recv conn' && kill -INT "$pid"
printf '%s\n' 'show' 'connect c2 srv => ESTABLISHED' 'accept srv conn2' \
    'send c2 hello' 'recv conn2 => "hello"' >&4
pipe_end sigint
f=$tmp/sigint.out
check "SIGINT in accept: interrupted, srv still listening" "$f" sh -c \
    "grep -q 'accept srv conn: interrupted (Ctrl-C) while waiting for a \
connection' '$f' && grep -q '^  srv .* listening .* LISTEN' '$f'"
check "SIGINT in connect to a full backlog: c2 stays connecting" "$f" \
    has "$f" "c2 stays connecting: the kernel goes on with the handshake"
check "SIGINT in recv: interrupted, conn intact" "$f" \
    has "$f" "recv conn: interrupted (Ctrl-C) while waiting for data on conn"
check "after the interruptions the connection completes and carries data" \
    "$f" has "$f" ', 1024) = 5: "hello"'
check "a script with interruptions exits 1" "$f" has "$f" "exit status 1"

# 5. SIGTERM to a script: sockets closed, jobs cancelled, status 143.
pipe_start sigterm
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv' \
    'accept srv conn &' 'recv nosuchsocket' >&4
wait_for "$tmp/sigterm.out" "no socket named 'nosuchsocket'" &&
    kill -TERM "$pid"
pipe_end sigterm
check "SIGTERM: the waiting job is cancelled, exit status 143" \
    "$tmp/sigterm.out" sh -c "grep -q '\[1\] cancelled: accept srv conn' \
'$tmp/sigterm.out' && grep -q 'exit status 143' '$tmp/sigterm.out'"

# SIGTERM in a call that waits: said as what it is, not as Ctrl-C.
pipe_start sigterm2
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv' \
    'accept srv conn' >&4
wait_for "$tmp/sigterm2.out" 'sockshell> accept srv conn' &&
    kill -TERM "$pid"
pipe_end sigterm2
check "SIGTERM in accept: 'told to end', exit status 143" \
    "$tmp/sigterm2.out" sh -c "grep -q 'accept srv conn: stopped while \
waiting for a connection on 127.0.0.1:[0-9]*: the shell was told to end' \
'$tmp/sigterm2.out' && grep -q 'exit status 143' '$tmp/sigterm2.out' && \
! grep -q 'Ctrl-C' '$tmp/sigterm2.out'"

# SIGHUP (the terminal went away): 128 + SIGHUP, as a shell reports it.
pipe_start sighup
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv' \
    'accept srv conn' >&4
wait_for "$tmp/sighup.out" 'sockshell> accept srv conn' &&
    kill -HUP "$pid"
pipe_end sighup
check "SIGHUP: exit status 129" "$tmp/sighup.out" \
    has "$tmp/sighup.out" "exit status 129"

# "-" is standard input, as a file and after -f; getopt's errors are
# the shell's, "sockshell:" whatever argv[0] says.
echo 'socket viadash' > "$tmp/dash.sock"
run dash 0 -q - < "$tmp/dash.sock"
check "sockshell - reads standard input" "$tmp/dash.out" \
    has "$tmp/dash.out" "viadash is a new TCP/IPv4 socket"
run dashf 0 -q -f - < "$tmp/dash.sock"
check "sockshell -f - reads standard input" "$tmp/dashf.out" \
    has "$tmp/dashf.out" "viadash is a new TCP/IPv4 socket"
run badopt 2 --no-such-option
check "a bad option is said as sockshell: ..." "$tmp/badopt.out" \
    grep -q "^sockshell: unrecognized option '--no-such-option'" \
    "$tmp/badopt.out"

# 6. The input ends while a call waits: cancelled, status 1, said so.
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv' \
    'accept srv conn &' > "$tmp/eof.sock"
run eof 1 -q < "$tmp/eof.sock"
check "end of input with a job waiting: status 1, and why" "$tmp/eof.out" \
    has "$tmp/eof.out" "the input ended while 1 call still waited"

# Output that cannot be written (a full disk): said, exit status 1, as
# GNU programs do; --help tells where to report bugs.
if [ -w /dev/full ]; then
	for args in --help --version --list-lessons -q; do
		echo 'socket a' | "$SOCKSHELL" $args > /dev/full \
		    2> "$tmp/full.err"
		st=$?
		check "sockshell $args > /dev/full: status 1 (not $st), said" \
		    "$tmp/full.err" sh -c "[ $st = 1 ] && grep -qx 'sockshell: \
write error: No space left on device' '$tmp/full.err'"
	done
fi
run help 0 --help
check "--help says where to report bugs" "$tmp/help.out" \
    grep -q '^Report bugs to: .*@' "$tmp/help.out"

# 7. sockshell runs no other program: it does not even link the calls.
if command -v nm >/dev/null; then
	nm -D --undefined-only "$SOCKSHELL" > "$tmp/syms" 2>&1
	if grep -Eq ' (system|popen|exec[lv]p?e?|execvpe|fexecve|posix_spawnp?|fork|vfork|clone3?)(@|$)' \
	    "$tmp/syms"; then
		not_ok "sockshell calls no exec, system, popen or fork" \
		    "$tmp/syms"
	else
		ok "sockshell calls no exec, system, popen or fork"
	fi
fi

# 8. At a terminal, under tmux.
if ! command -v tmux >/dev/null; then
	echo "# no tmux: the terminal tests are skipped"
	[ "$fail" = 0 ] && echo "$ran passed, 0 failed"
	exit "$fail"
fi
: > "$tmp/tmux.conf"
tm() { tmux -L "sockshell-faults-$$" -f "$tmp/tmux.conf" "$@"; }
screen() { tm capture-pane -p -J -S -1000 -t "$1" > "$tmp/$1.screen"; }

# tm_wait WINDOW TEXT [TRIES]: polls the screen until it shows TEXT.
tm_wait() {
	i=0
	while [ "$i" -lt "${3:-100}" ]; do
		screen "$1"
		grep -qF -- "$2" "$tmp/$1.screen" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tm_count WINDOW TEXT: how many lines of the screen hold TEXT.
tm_count() {
	screen "$1"
	grep -cF -- "$2" "$tmp/$1.screen"
}

# tm_wait_count WINDOW TEXT N [TRIES]: until N lines show TEXT.
tm_wait_count() {
	i=0
	while [ "$i" -lt "${4:-100}" ]; do
		[ "$(tm_count "$1" "$2")" -ge "$3" ] && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# tm_tab WINDOW TEXT: types TEXT and TAB.
tm_tab() { tm send-keys -t "$1" -l "$2" && tm send-keys -t "$1" Tab; }

# tm_type WINDOW LINE: types LINE and Enter.
tm_type() { tm send-keys -t "$1" -l "$2" && tm send-keys -t "$1" Enter; }

# tm_start WINDOW COMMAND: runs COMMAND (sockshell ...) in a new window
# of the tmux session, its exit status to be read by tm_status. The shell
# around it ignores Ctrl-C (only sockshell hears it), and keeps the window
# open after it for capture-pane.
tm_start() {
	printf '%s\n' "trap '' INT" "$2" "echo \$? > '$tmp/$1.status'" \
	    "read keep_the_window" > "$tmp/$1.sh"
	if [ -z "${tmux_up:-}" ]; then
		tm new-session -d -s faults -n "$1" -x 100 -y 40 \
		    "sh '$tmp/$1.sh'"
		tmux_up=1
	else
		tm new-window -d -n "$1" "sh '$tmp/$1.sh'"
	fi
}

# tm_pid WINDOW: the pid of the sockshell the window runs.
tm_pid() {
	ps -o pid= --ppid "$(tm display -p -t "$1" '#{pane_pid}')" | tr -d ' '
}

# tm_status WINDOW: its program's exit status, once it has ended.
tm_status() {
	i=0
	while [ "$i" -lt 200 ]; do
		if [ -s "$tmp/$1.status" ]; then
			cat "$tmp/$1.status"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo none
}

# A variable of 120000 bytes: "send c $X$X$X$X$X$X$X$X" sends 960000.
head -c 120000 /dev/zero | tr '\000' x > "$tmp/x"
tm_start term "SOCKSHELL_HISTORY='$tmp/history' '$SOCKSHELL' \
-D \"X=\$(cat '$tmp/x')\""
printf 'socket srv\nbind srv 127.0.0.1 0\nlisten srv 1\npause\nsocket cli\n' \
    > "$tmp/stop.lesson"
tm_start lesson "SOCKSHELL_HISTORY= '$SOCKSHELL' --lesson '$tmp/stop.lesson'"
printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv 1' \
    'accept srv conn' 'recv conn' 'send conn "hi"' 'close conn' \
    > "$tmp/ctrlc.lesson"
tm_start ctrlc "SOCKSHELL_HISTORY= '$SOCKSHELL' --no-pause --timeout=0 \
--lesson '$tmp/ctrlc.lesson'"
w=term
if ! tm_wait $w 'sockshell>'; then
	not_ok "sockshell starts at a terminal" "$tmp/$w.screen"
else
	check "the banner says how to start a lesson" "$tmp/$w.screen" \
	    has "$tmp/$w.screen" "'sockshell --lesson echo'"

	for l in 'socket srv' 'bind srv 127.0.0.1 0' 'listen srv 0'; do
		tm_type $w "$l"
	done
	tm_type $w 'accept srv conn'
	tm_wait $w 'waiting for a connection on 127.0.0.1:' &&
	    tm send-keys -t $w C-c
	tm_wait $w 'interrupted (Ctrl-C) while waiting for a connection'
	tm_type $w 'show => srv:LISTEN'
	check "Ctrl-C in accept: back at the prompt, srv still listening" \
	    "$tmp/$w.screen" tm_wait $w 'LISTEN     0 of 0 to accept'

	tm_type $w 'socket c1'
	tm_type $w 'connect c1 srv'
	tm_type $w 'socket c2'
	tm_type $w 'connect c2 srv'
	tm_wait $w 'waiting for the connection to 127.0.0.1:' &&
	    tm send-keys -t $w C-c
	check "Ctrl-C in connect to a full backlog: c2 stays connecting" \
	    "$tmp/$w.screen" tm_wait $w 'c2 stays connecting'
	tm_type $w 'accept srv conn'
	tm_type $w 'connect c2 srv'
	check "a slot frees: the connect completes" "$tmp/$w.screen" \
	    tm_wait_count $w "= 0: connected from" 2 200

	tm_type $w 'recv conn'
	tm_wait $w 'waiting for data on conn' && tm send-keys -t $w C-c
	check "Ctrl-C in recv: interrupted" "$tmp/$w.screen" \
	    tm_wait $w 'recv conn: interrupted (Ctrl-C) while waiting for data'

	# Nobody reads c1's peer: its buffers fill, a send waits for room.
	n=0
	while [ $n -lt 12 ] &&
	    [ "$(tm_count $w 'waiting for room in c1')" = 0 ]; do
		tm_type $w 'send c1 $X$X$X$X$X$X$X$X'
		tm_wait $w 'waiting for room in c1' 10
		n=$((n + 1))
	done
	tm send-keys -t $w C-c
	check "Ctrl-C in a send on a full buffer: the bytes sent are said" \
	    "$tmp/$w.screen" tm_wait $w 'bytes were sent'
	tm_type $w 'show => c1:ESTABLISHED conn:ESTABLISHED'
	tm_wait $w 'sockshell> show => c1:ESTABLISHED'
	sleep 0.2

	# Ctrl-C at the prompt drops the line; the terminal resized, at
	# the prompt and in a wait; the shell goes on.
	tm send-keys -t $w -l 'this is dropped'
	tm send-keys -t $w C-c
	tm resize-window -t $w -x 60 -y 20
	tm_type $w 'recv c2'
	tm_wait $w 'waiting for data on c2'
	tm resize-window -t $w -x 120 -y 40
	sleep 0.2
	screen $w
	check "a resize does not stop a waiting call" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" "recv c2: interrupted"
	tm send-keys -t $w C-c
	tm_wait $w 'recv c2: interrupted'
	tm_type $w 'jobs'
	check "after Ctrl-C at the prompt and resizes, commands still run" \
	    "$tmp/$w.screen" tm_wait $w 'no background jobs'
	check "the dropped line never ran" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" "unknown command 'this'"

	# TAB: a handle name as typed ("s": srv, not the SO_ constants),
	# a constant in any case.
	tm send-keys -t $w -l 'show s' && tm send-keys -t $w Tab
	check "TAB completes 's' to the handle srv" "$tmp/$w.screen" \
	    tm_wait $w 'sockshell> show srv'
	tm send-keys -t $w C-u
	tm send-keys -t $w -l 'getsockopt srv so_reusea' &&
	    tm send-keys -t $w Tab Enter
	check "TAB completes 'so_reusea' to SO_REUSEADDR" "$tmp/$w.screen" \
	    tm_wait $w 'SO_REUSEADDR) = 0'
	# setsockopt offers only what can be set: not SO_ACCEPTCONN, which
	# getsockopt offers.
	tm send-keys -t $w -l 'setsockopt srv SO_ACC' &&
	    tm send-keys -t $w Tab && tm_type $w ' 1'
	check "TAB after setsockopt offers no read-only option" \
	    "$tmp/$w.screen" tm_wait $w "unknown socket option 'SO_ACC'"
	tm send-keys -t $w -l 'getsockopt srv SO_ACC' &&
	    tm send-keys -t $w Tab Enter
	check "TAB after getsockopt offers SO_ACCEPTCONN" "$tmp/$w.screen" \
	    tm_wait $w 'SO_ACCEPTCONN) = 0'
	screen $w
	if grep -q 'expected' "$tmp/$w.screen"; then
		not_ok "every state the terminal steps expected held" \
		    "$tmp/$w.screen"
	fi

	# SIGTERM: sockets closed, history saved (0600), status 143.
	kill -TERM "$(tm_pid $w)"
	st=$(tm_status $w)
	check "SIGTERM at the prompt: exit status 143 (not $st)" \
	    "$tmp/$w.screen" [ "$st" = 143 ]
	check "SIGTERM saves the history" "$tmp/history" \
	    grep -qx 'connect c2 srv' "$tmp/history"
	check "the history file is created 0600" "$tmp/history" \
	    [ "$(stat -c %a "$tmp/history")" = 600 ]
fi

# Ctrl-D in a lesson's pause: the lesson stops, and leaving then says
# so: its sockets are closed, exit status 1.
w=lesson
if tm_wait $w 'Enter: next step'; then
	tm send-keys -t $w C-d
	check "Ctrl-D in a pause stops the lesson" "$tmp/$w.screen" \
	    tm_wait $w 'The lesson stopped before its end'
	tm send-keys -t $w C-d
	st=$(tm_status $w)
	screen $w
	check "leaving after that: exit status 1 (not $st)" "$tmp/$w.screen" \
	    [ "$st" = 1 ]
	check "and the sockets are said to be closed" "$tmp/$w.screen" \
	    has "$tmp/$w.screen" "the lesson did not finish: its 1 open"
	check "the pause never ran the next step" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" "cli is a new"
else
	not_ok "the lesson starts at a terminal" "$tmp/$w.screen"
fi

# Ctrl-C in a call of a lesson, then of a script sourced at the prompt:
# the script stops there (no cascade of errors after it), echoed as it
# ran, and the prompt goes on.
w=ctrlc
if tm_wait $w 'sockshell> accept srv conn'; then
	tm send-keys -t $w C-c
	check "Ctrl-C in a lesson's call stops the lesson" "$tmp/$w.screen" \
	    tm_wait $w 'The lesson stopped before its end'
	check "it says the script stopped" "$tmp/$w.screen" \
	    has "$tmp/$w.screen" 'interrupted (Ctrl-C): the script stops here'
	check "nothing after the interrupted call ran" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" "no socket named 'conn'"
	tm_type $w 'close srv'
	tm_type $w "source $tmp/ctrlc.lesson"
	check "source at the prompt echoes its lines" "$tmp/$w.screen" \
	    tm_wait_count $w 'sockshell> accept srv conn' 2
	tm_wait $w 'waiting for a connection on 127.0.0.1:' &&
	    tm send-keys -t $w C-c
	check "Ctrl-C in a sourced script's call stops the script" \
	    "$tmp/$w.screen" tm_wait_count $w 'the script stops here' 2
	tm_type $w 'jobs'
	check "and the prompt goes on" "$tmp/$w.screen" \
	    tm_wait $w 'no background jobs'
	check "still nothing ran after the interrupted calls" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" "no socket named 'conn'"
	tm send-keys -t $w C-d
else
	not_ok "a lesson waits in accept at a terminal" "$tmp/$w.screen"
fi

# Ctrl-Z at the prompt, then fg: readline's mode and the prompt come
# back, the line typed so far too (Ctrl-A edits it, not echoed as ^A).
# It takes a shell with job control.
if command -v bash >/dev/null; then
	w=tstp
	tm new-window -d -n $w "env PS1='$ ' bash --norc --noprofile -i"
	tm_type $w "SOCKSHELL_HISTORY= '$SOCKSHELL' -q"
	tm_wait $w 'sockshell>' && tm send-keys -t $w -l 'socket ab'
	tm_wait $w 'sockshell> socket ab' && tm send-keys -t $w C-z
	check "Ctrl-Z at the prompt stops the shell" "$tmp/$w.screen" \
	    tm_wait $w 'Stopped'
	tm_type $w 'fg'
	check "fg: the prompt and the line are drawn again" "$tmp/$w.screen" \
	    tm_wait_count $w 'sockshell> socket ab' 2
	tm send-keys -t $w C-a && tm_type $w '# '
	check "and readline edits the line again" "$tmp/$w.screen" \
	    tm_wait $w 'sockshell> # socket ab'
	tm_type $w 'socket c'
	check "then runs commands" "$tmp/$w.screen" \
	    tm_wait $w 'c is a new TCP/IPv4 socket'
	check "no control character echoed by a cooked terminal" \
	    "$tmp/$w.screen" has_not "$tmp/$w.screen" '^A'

	# TAB by the argument's place (a handle, a family, a type...);
	# no socket starts with s: nothing offered, no S (of SO_, SOCK_).
	tm_tab $w 'bind s'
	sleep 0.2
	check "TAB with no such handle leaves 'bind s' alone" \
	    "$tmp/$w.screen" tm_wait $w 'sockshell> bind s'
	check "and does not make it S" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" 'sockshell> bind S'
	tm send-keys -t $w C-u
	tm_tab $w 'socket x '
	tm_wait $w 'sockshell> socket x AF_' && tm send-keys -t $w Tab
	sleep 0.1
	tm send-keys -t $w Tab	# the 1st put AF_, the 2nd rang: a list
	check "socket's 2nd argument offers the families" "$tmp/$w.screen" \
	    tm_wait $w 'AF_INET6'
	check "and no other constant" "$tmp/$w.screen" \
	    has_not "$tmp/$w.screen" 'SO_REUSEADDR'
	tm_tab $w 'INET6 SOCK_D'
	check "its 3rd the types" "$tmp/$w.screen" \
	    tm_wait $w 'socket x AF_INET6 SOCK_DGRAM'
	tm send-keys -t $w C-u
	tm_tab $w 'shutdown c SHUT_RD'
	sleep 0.1
	tm send-keys -t $w Tab
	check "shutdown offers SHUT_RD and SHUT_RDWR" "$tmp/$w.screen" \
	    tm_wait $w 'SHUT_RDWR'
	tm send-keys -t $w C-u
	tm_tab $w 'rece'
	check "an alias completes: receive" "$tmp/$w.screen" \
	    tm_wait $w 'sockshell> receive'
	tm send-keys -t $w C-u
	tm_tab $w 'exi'
	check "an alias completes: exit" "$tmp/$w.screen" \
	    tm_wait $w 'sockshell> exit'
	tm send-keys -t $w C-u
	tm send-keys -t $w C-d
fi

if [ "$fail" = 0 ]; then
	echo "$ran passed, 0 failed"
fi
exit "$fail"
