#! /bin/sh
# peers.sh - sockshell against peers nobody here wrote, over loopback:
# the lecture's Python server and client (Debian's python3), netcat, and a
# second sockshell process (the two-terminal lesson). Ports are picked by
# the kernel: a server prints "$PORT is now N" and the peer reads N.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
pids=
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
ran=0

not_ok() {
	echo "FAIL - $1"
	fail=1
}

# serve NAME ARGS...: starts sockshell with ARGS in the background, its
# output in $tmp/NAME.out, and sets $port once it listens there.
serve() {
	name=$1
	shift
	mkfifo "$tmp/$name.fifo"
	"$SOCKSHELL" -q -D PORT=0 "$@" > "$tmp/$name.fifo" 2>&1 &
	server=$!
	pids="$pids $server"
	exec 3< "$tmp/$name.fifo"
	port=
	while IFS= read -r line <&3; do
		echo "$line" >> "$tmp/$name.out"
		case $line in
		*'is now '*) port=${line##*is now }; port=${port%%,*} ;;
		'listen('*' = 0'*) break ;;
		esac
	done
}

# finish NAME: the rest of the server's output, and its exit status.
finish() {
	cat <&3 >> "$tmp/$1.out"
	exec 3<&-
	wait "$server"
}

if command -v python3 >/dev/null; then
	# The lecture's server (slide 5), on a port the kernel picks.
	cat > "$tmp/server.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
conn, addr = s.accept()
while True:
    data = conn.recv(1024)
    if not data: break
    conn.sendall(data)
conn.close()
PY
	mkfifo "$tmp/py.fifo"
	python3 "$tmp/server.py" > "$tmp/py.fifo" &
	py=$!
	pids="$pids $py"
	read -r port < "$tmp/py.fifo"
	printf '%s\n' 'socket cli' 'connect cli 127.0.0.1 $PORT => ESTABLISHED' \
	    'send cli "Hello, world!" => 13' 'recv cli 1024 => "Hello, world!"' \
	    'close cli' |
	    "$SOCKSHELL" -q -D PORT="$port" > "$tmp/client.out" 2>&1 ||
	    not_ok "sockshell client against the lecture's Python server"
	wait "$py" || not_ok "the lecture's Python server"
	ran=$((ran + 1))

	# The lecture's client (slide 7) against a sockshell server.
	printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 $PORT' 'listen srv 1' \
	    'accept srv conn => conn:ESTABLISHED' 'recv conn 1024 => "Hello, world!"' \
	    'send conn "Hello, world!" => 13' 'recv conn => EOF' 'close conn' \
	    'close srv' > "$tmp/server.sock"
	serve pyclient "$tmp/server.sock"
	python3 - "$port" > "$tmp/pyclient.txt" <<'PY' || not_ok "the lecture's Python client"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'Hello, world!')
data = s.recv(1024)
s.close()
print('Полученные данные:', repr(data))
PY
	finish pyclient || not_ok "sockshell server for the lecture's Python client"
	grep -q "b'Hello, world!'" "$tmp/pyclient.txt" ||
	    not_ok "the Python client got its echo"
	ran=$((ran + 1))
fi

if command -v nc >/dev/null; then
	# netcat as the client: a line, then the end of its input.
	printf '%s\n' 'socket srv' 'bind srv 127.0.0.1 $PORT' 'listen srv 1' \
	    'accept srv conn' 'recv conn => "hello from nc\n"' \
	    'recv conn => EOF' 'send conn "bye\n" => 4' 'close conn' \
	    'close srv' > "$tmp/nc.sock"
	serve nc "$tmp/nc.sock"
	printf 'hello from nc\n' | nc -N 127.0.0.1 "$port" > "$tmp/nc.txt" ||
	    not_ok "nc as a client"
	finish nc || not_ok "sockshell server for nc"
	[ "$(cat "$tmp/nc.txt")" = bye ] || not_ok "nc received bye"
	ran=$((ran + 1))
fi

# The two-terminal lesson with the nc command its narration gives, run
# as the student would: a line, then the end of the input. An nc that
# does not shut its socket down there leaves both sides waiting, which
# 'timeout' turns into a failure.
if command -v nc >/dev/null && command -v timeout >/dev/null; then
	serve nc8 --no-pause "$srcdir/../lessons/08-two-terminals.lesson"
	ncmd=
	while IFS= read -r line <&3; do
		echo "$line" >> "$tmp/nc8.out"
		case $line in *'with netcat: '*)
			ncmd=${line#*with netcat: }; ncmd=${ncmd%%,*}; break ;;
		esac
	done
	case $ncmd in
	"nc -N 127.0.0.1 $port")
		# The student's keyboard: a line now, Ctrl-D (the end of the
		# input) once the lesson has received it, as the narration says.
		mkfifo "$tmp/nc8.in"
		# shellcheck disable=SC2086
		timeout 20 $ncmd < "$tmp/nc8.in" > "$tmp/nc8.txt" &
		ncpid=$!
		pids="$pids $ncpid"
		exec 4> "$tmp/nc8.in"
		printf 'hello from nc\n' >&4
		while IFS= read -r line <&3; do
			echo "$line" >> "$tmp/nc8.out"
			case $line in 'recv('*) break ;; esac
		done
		exec 4>&-
		wait "$ncpid" || not_ok "lesson 8's '$ncmd' as the client" ;;
	*)
		not_ok "lesson 8 tells students to run '$ncmd'"
		kill "$server" ;;
	esac
	finish nc8 || not_ok "the two-terminal lesson against nc"
	# The lesson's server sends back what it received, as the
	# lecture's does: the line nc sent.
	[ "$(cat "$tmp/nc8.txt" 2>/dev/null)" = "hello from nc" ] ||
	    not_ok "nc received its own line back from the lesson"
	ran=$((ran + 1))
fi

# The two-terminal lesson: its server in one process, a client in another.
serve lesson8 --no-pause "$srcdir/../lessons/08-two-terminals.lesson"
printf '%s\n' 'socket cli' 'connect cli 127.0.0.1 $PORT => ESTABLISHED' \
    'send cli "Hello, world!" => 13' 'recv cli => "Hello, world!"' \
    'close cli' | "$SOCKSHELL" -q -D PORT="$port" > "$tmp/cli8.out" 2>&1 ||
    not_ok "the second terminal's client"
finish lesson8 || not_ok "the two-terminal lesson"
ran=$((ran + 1))

if [ "$fail" != 0 ]; then
	for f in "$tmp"/*.out "$tmp"/*.txt; do
		echo "== $f"
		cat "$f"
	done
	exit 1
fi
echo "ok - $ran exchanges with other programs"
