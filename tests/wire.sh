#! /bin/sh
# wire.sh - the wire: the segments each call puts on the loopback
# interface, captured (libpcap). Each run is in a network of its own, so
# that a parallel 'make check' (or a student's lesson) cannot mix its
# packets in: 'unshare -n' as root, else the shell's own --wire private
# network. Only loopback, ever. SOCKSHELL and srcdir come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
tmp=$(mktemp -d) || exit 99
pids=
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
export LC_ALL=C LANGUAGE=

not_ok() {
	echo "FAIL - $1"
	fail=1
}

if echo 'wire on' | "$SOCKSHELL" -q | grep -q 'not available'; then
	echo "SKIP: this sockshell was built without libpcap"
	exit 77
fi
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
	# in_net ARGS...: the shell with ARGS in a new network namespace.
	in_net() {
		unshare -n sh -c 'ip link set lo up && exec "$@"' sh \
		    "$SOCKSHELL" "$@"
	}
else
	in_net() {
		"$SOCKSHELL" --wire "$@"
	}
	if echo | "$SOCKSHELL" -q --wire 2>&1 | grep -q 'not captured'; then
		echo "SKIP: neither root nor a private network here:" \
		    "$(echo | "$SOCKSHELL" -q --wire 2>&1 | head -1)"
		exit 77
	fi
fi

# steps FILE: each step of a transcript as "COMMAND: FLAGS FLAGS ...", its
# segments' flags joined with '-' (SYN-ACK), UDP for a datagram; the
# later ones ("wire, N ms after") left out, since when they come is
# timing.
steps() {
	awk '/^sockshell> / { if (s != "") print s; s = substr($0, 12) ":"
		late = 0; next }
	/^  wire, / { late = 1 }
	/^  wire: / { late = 0 }
	/\xe2\x86\x92|->/ && !late {
		f = ""
		for (i = 1; i <= NF; i++) {
			w = $i; sub(/,$/, "", w)
			if (w ~ /^(SYN|ACK|FIN|RST|PSH|URG)$/)
				f = f (f == "" ? "" : "-") w
			if (w == "UDP") f = "UDP"
		}
		s = s " " f
	}
	END { if (s != "") print s }' "$1"
}

# expect FILE STEP: the step's line is STEP, or starts so (STEP*).
expect() {
	case $2 in
	*'*') grep -q -F -- "${2%\*}" "$1" ||
	    not_ok "$(basename "$1"): no step '$2'; got:
$(cat "$1")" ;;
	*) grep -q -x -F -- "$2" "$1" ||
	    not_ok "$(basename "$1"): no step '$2'; got:
$(cat "$1")" ;;
	esac
}

# The echo exchange, a reset (close with unread data), and UDP.
cat > "$tmp/echo.sock" <<'END'
socket srv
bind srv 127.0.0.1 8888
listen srv
socket cli
connect cli 127.0.0.1 8888
accept srv conn
send cli hello
recv conn 100
send conn hello
recv cli 100
close cli
socket c2
connect c2 127.0.0.1 8888
accept srv k2
send c2 unread
close k2
socket rx AF_INET SOCK_DGRAM
bind rx 127.0.0.1 9999
socket tx AF_INET SOCK_DGRAM
sendto tx 127.0.0.1 9999 hello
wire all
END
in_net -q --pcap "$tmp/echo.pcap" "$tmp/echo.sock" > "$tmp/echo.out" \
    2>"$tmp/echo.err" || not_ok "the echo exchange failed: $(cat \
    "$tmp/echo.out" "$tmp/echo.err")"
steps "$tmp/echo.out" > "$tmp/echo.steps"
expect "$tmp/echo.steps" "connect cli 127.0.0.1 8888: SYN SYN-ACK ACK"
expect "$tmp/echo.steps" "accept srv conn:"
expect "$tmp/echo.steps" "send cli hello: PSH-ACK ACK"
expect "$tmp/echo.steps" "send conn hello: PSH-ACK ACK"
expect "$tmp/echo.steps" "close cli: FIN-ACK*"
expect "$tmp/echo.steps" "close k2: RST-ACK"
expect "$tmp/echo.steps" "sendto tx 127.0.0.1 9999 hello: UDP"
grep -q 'SYN, ACK  *seq 0 ack 1$' "$tmp/echo.out" ||
    not_ok "the SYN-ACK's numbers are not relative (seq 0 ack 1)"
grep -q 'PSH, ACK  *seq 1 ack 1, 5 bytes$' "$tmp/echo.out" ||
    not_ok "the data segment does not say seq 1 ack 1, 5 bytes"
grep -q 'UDP datagram, 5 bytes$' "$tmp/echo.out" ||
    not_ok "the datagram's length is not said"
grep -q '^  step ' "$tmp/echo.out" || not_ok "wire all lists no steps"

# The pcap file --pcap wrote: tcpdump reads it, the packets all there.
if command -v tcpdump >/dev/null; then
	tcpdump -nr "$tmp/echo.pcap" > "$tmp/pcap.txt" 2>/dev/null ||
	    not_ok "tcpdump cannot read --pcap's file"
	n=$(grep -c . "$tmp/pcap.txt")
	segs=$(awk '/^sockshell> wire all/ { on = 1; next }
	    on && /\xe2\x86\x92|->/' "$tmp/echo.out" | grep -c .)
	[ "$n" -eq "$segs" ] && [ "$n" -ge 12 ] ||
	    not_ok "the pcap file holds $n packets, the wire showed $segs"
	[ "$(grep -c 'Flags \[S\]' "$tmp/pcap.txt")" -eq 2 ] ||
	    not_ok "the pcap file does not hold the two SYNs"
	grep -q 'Flags \[R\.\]' "$tmp/pcap.txt" ||
	    not_ok "the pcap file does not hold the RST"
	grep -q 'UDP, length 5' "$tmp/pcap.txt" ||
	    not_ok "the pcap file does not hold the datagram"
fi

# wire save: a new file only, never over one without --force.
printf 'wire on\nsocket s\nbind s 127.0.0.1 8888\nlisten s\nsocket c\n%s\n%s\n%s\n%s\n' \
    'connect c 127.0.0.1 8888' "wire save $tmp/s.pcap" \
    "wire save $tmp/s.pcap" "wire save $tmp/s.pcap --force" \
    > "$tmp/save.sock"
ln -s "$tmp/victim" "$tmp/link.pcap"
echo "wire save $tmp/link.pcap" >> "$tmp/save.sock"
in_net -q --trust-lesson=files "$tmp/save.sock" > "$tmp/save.out" 2>&1
grep -q 'wrote 3 packets' "$tmp/save.out" ||
    not_ok "wire save did not write the handshake: $(cat "$tmp/save.out")"
grep -q 'File exists (add --force' "$tmp/save.out" ||
    not_ok "wire save wrote over a file without --force"
[ -e "$tmp/victim" ] && not_ok "wire save followed a symbolic link"
command -v tcpdump >/dev/null && [ "$(tcpdump -nr "$tmp/s.pcap" 2>/dev/null |
    grep -c .)" -ne 3 ] && not_ok "wire save's file does not hold 3 packets"

# The counters, where capture cannot be (forced here).
printf 'socket s\nbind s 127.0.0.1 8888\nlisten s\nsocket c\n%s\n' \
    'connect c 127.0.0.1 8888' > "$tmp/count.sock"
SOCKSHELL_WIRE=counters in_net -q --wire "$tmp/count.sock" \
    > "$tmp/count.out" 2>&1
grep -q 'counts, not packets' "$tmp/count.out" &&
    grep -q '^    c: 2 segments out, 1 in$' "$tmp/count.out" ||
    not_ok "the counters are not shown: $(cat "$tmp/count.out")"
grep -q 'SYN' "$tmp/count.out" && not_ok "the counters showed packets"

# A lesson's expectations of the wire: flags and order, checked.
cat > "$tmp/expect.sock" <<'END'
wire on
socket srv
bind srv 127.0.0.1 8888
listen srv
socket cli
connect cli 127.0.0.1 8888 => ~SYN,SYN-ACK,ACK ESTABLISHED
accept srv conn => ~none
send cli hello => ~PSH-ACK,ACK 5
send conn unread
close cli => ~RST-ACK
END
in_net -q "$tmp/expect.sock" > "$tmp/expect.out" 2>&1 ||
    not_ok "the wire's expectations failed: $(cat "$tmp/expect.out")"
[ "$(grep -c '^  ok: ~' "$tmp/expect.out")" -eq 4 ] ||
    not_ok "not every wire expectation was checked: $(cat "$tmp/expect.out")"
printf 'wire on\nsocket s\nbind s 127.0.0.1 8888\nlisten s\nsocket c\n%s\n' \
    'connect c 127.0.0.1 8888 => ~SYN,ACK' > "$tmp/miss.sock"
in_net -q "$tmp/miss.sock" > "$tmp/miss.out" 2>&1 &&
    not_ok "a wrong wire expectation held"
grep -q 'expected the segments ~SYN,ACK on the wire, but the step put SYN,SYN-ACK,ACK there' \
    "$tmp/miss.out" || not_ok "a missed wire expectation: $(cat "$tmp/miss.out")"
printf 'socket s\nbind s 127.0.0.1 8888\nlisten s\nsocket c\n%s\n' \
    'connect c 127.0.0.1 8888 => ~SYN,SYN-ACK,ACK' > "$tmp/skip.sock"
SOCKSHELL_WIRE=counters in_net -q --wire "$tmp/skip.sock" > "$tmp/skip.out" \
    2>&1 || not_ok "an expectation without capture failed"
grep -q '^  ~SYN,SYN-ACK,ACK: not checked, the wire is not captured here$' \
    "$tmp/skip.out" || not_ok "no line says the expectation was skipped"

# join_test: a second sockshell joins the first's private network
# (--join PID), and the first sees its SYN come, a stranger's port.
join_test() {
	nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	mkfifo "$tmp/in"
	chmod 666 "$tmp/in"
	$nobody "$SOCKSHELL" -q --wire < "$tmp/in" > "$tmp/a.out" \
	    2> "$tmp/a.err" &
	pids="$pids $!"
	exec 4> "$tmp/in"
	printf 'socket srv\nbind srv 127.0.0.1 8888\nlisten srv\n' >&4
	i=0
	until grep -q '^listen(' "$tmp/a.out" || [ $i -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	pid=$(sed -n 's/.*--join \([0-9]*\).*/\1/p' "$tmp/a.err")
	printf 'socket c\nconnect c 127.0.0.1 8888\n' | $nobody "$SOCKSHELL" -q \
	    --join "$pid" > "$tmp/b.out" 2>&1 ||
	    not_ok "--join $pid did not connect: $(cat "$tmp/b.out")"
	printf 'accept srv conn\nquit\n' >&4
	exec 4>&-
	wait
	grep -q 'after listen: 127\.0\.0\.1:[0-9]* -> srv  SYN ' "$tmp/a.out" ||
	    not_ok "the joined shell's SYN was not seen: $(cat "$tmp/a.out")"
}

# The private network: an unprivileged user's --wire sees the handshake.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$tmp"
	chmod 644 "$tmp/count.sock"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKSHELL" -q \
	    --wire "$tmp/count.sock" > "$tmp/priv.out" 2> "$tmp/priv.err"
	if grep -q 'user namespaces are forbidden' "$tmp/priv.err"; then
		echo "SKIP - the private network: the kernel forbids user" \
		    "namespaces here ($(cat "$tmp/priv.err"))"
	else
		grep -q "a private network of its own.*sockshell --join [0-9]" \
		    "$tmp/priv.err" && grep -q 'nsenter -U -n --preserve-credentials -t [0-9]' \
		    "$tmp/priv.err" ||
		    not_ok "--wire did not say how to join: $(cat "$tmp/priv.err")"
		steps "$tmp/priv.out" | grep -q -x -F \
		    "connect c 127.0.0.1 8888: SYN SYN-ACK ACK" ||
		    not_ok "the private network's handshake is not seen: $(cat \
		    "$tmp/priv.out" "$tmp/priv.err")"
		join_test
	fi
fi
exit $fail
