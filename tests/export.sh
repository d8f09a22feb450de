#! /bin/sh
# export.sh - the picture leaves the terminal: 'export FILE' and --export
# DIR, each format read back (tests/export-check.py: SVG and the page
# well-formed, the labels in order, Mermaid by its shape), the golden
# SVGs (tests/exports/*.svg; REGEN=1 rewrites them), the bad paths, and
# in a real browser (headless Chromium, when there is one) the page and a
# slide drawn and not blank. Loopback only; the kernel picks the ports,
# which are written PORT before comparing.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
SOCKSHELL=$(cd "$(dirname "$SOCKSHELL")" && pwd)/$(basename "$SOCKSHELL")
srcdir=$(cd "$srcdir" && pwd)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
# check MODE FILE ARGS...: export-check.py; a failure fails the test.
check() {
	python3 "$srcdir/export-check.py" "$@" || { fail=1; return 1; }
}
ex=$srcdir/exports

not_ok() {
	echo "FAIL - $1"
	fail=1
}
ok() {
	echo "ok - $1"
}

# export_of NAME LANG: the script exports/NAME.sock run in LANG,
# then exported to $tmp/NAME.{svg,html,mmd,txt}, the ports as PORT.
export_of() {
	rm -f "$tmp/$1".*
	{ cat "$ex/$1.sock"
	  for f in svg html mmd txt; do echo "export $tmp/$1.$f"; done
	} > "$tmp/$1.script"
	LC_ALL=$2 LANGUAGE= "$SOCKSHELL" -q --trust-lesson=files -D PORT=0 "$tmp/$1.script" \
	    > "$tmp/$1.log" 2>&1 || { not_ok "$1: the script failed"; \
	    cat "$tmp/$1.log"; return 1; }
	for f in svg html mmd txt; do
		sed 's/127\.0\.0\.1:[0-9][0-9]*/127.0.0.1:PORT/g' \
		    "$tmp/$1.$f" > "$tmp/$1.n.$f"
	done
}

# golden NAME GOLDEN: NAME's SVG is GOLDEN's (REGEN=1: becomes it).
golden() {
	if [ -n "${REGEN:-}" ]; then
		cp "$tmp/$1.n.svg" "$ex/$2"
	elif cmp -s "$tmp/$1.n.svg" "$ex/$2"; then
		ok "$1: the SVG is $2's"
	else
		not_ok "$1: the SVG differs from $2"
		diff "$ex/$2" "$tmp/$1.n.svg" | head -20
	fi
}

ru=
for l in ru_RU.UTF-8 ru_RU.utf8; do
	locale -a 2>/dev/null | grep -qx "$l" && ru=$l
done

export_of echo C.UTF-8 && golden echo echo.svg
check svg "$tmp/echo.svg" Server Client Socket Bind Listen Accept \
    connection Receive "13 B" Send EOF Close && ok "echo: SVG read back"
check html "$tmp/echo.html" 13 "socket srv" "socket(AF_INET" \
    "Hello, world!" "close conn" && ok "echo: the page read back"
check mmd "$tmp/echo.mmd" && ok "echo: Mermaid's shape"
grep -q '…\|earlier steps' "$tmp/echo.txt" && not_ok "echo: the text is cut"
grep -q "$(printf '\033')" "$tmp/echo.txt" && not_ok "echo: colour in .txt"
if [ -n "$ru" ]; then
	export_of echo "$ru" && mv "$tmp/echo.n.svg" "$tmp/echo-ru.n.svg" &&
	    golden echo-ru echo-ru.svg
	check svg "$tmp/echo.svg" Сервер Клиент соединение "13 Б" &&
	    ok "echo in Russian: the labels are Russian"
else
	echo "ok - # SKIP no ru_RU.UTF-8 locale"
fi
export_of udp C.UTF-8 && golden udp udp.svg
check svg "$tmp/udp.svg" Socket Bind "4 B" && ok "udp: SVG read back"
export_of two-clients C.UTF-8 && golden two-clients two-clients.svg
check svg "$tmp/two-clients.svg" Accept Accept "6 B" "6 B" &&
    ok "two clients: SVG read back"
check mmd "$tmp/two-clients.mmd" && ok "two clients: Mermaid's shape"

# Data that would be markup: text in the page, never an element; and a
# socket called 'end' is only an alias in Mermaid.
export_of nasty C.UTF-8 && golden nasty nasty.svg
check html "$tmp/nasty.html" 10 '<script>alert(1)</script> & ]]>' \
    'reset' && ok "nasty data: text, not markup"
grep -q 'data-picture="2"' "$tmp/nasty.html" &&
    ok "reset: a new picture in the same page" ||
    not_ok "reset: no new picture in the page"
check mmd "$tmp/nasty.mmd" && grep -q '^    participant p[0-9]* as end$' \
    "$tmp/nasty.mmd" && ok "nasty: 'end' is an alias"

# The same session twice: the same bytes (but the ports).
export_of echo C.UTF-8 && cp "$tmp/echo.n.html" "$tmp/first.html" &&
    export_of echo C.UTF-8 && cmp -s "$tmp/first.html" "$tmp/echo.n.html" &&
    ok "the same session: the same page" ||
    not_ok "the page differs from one run to the next"

# Bad paths: one line, nothing changed.
cd "$tmp" || exit 99
echo old > kept.svg
ln -s kept.svg link.svg
printf '%s\n' 'socket s' 'export kept.svg' 'export nodir/x.svg' \
    'export link.svg --force' 'export x.pdf' > bad.script
"$SOCKSHELL" -q --trust-lesson=files bad.script > bad.out 2> bad.err
[ "$(cat kept.svg)" = old ] && [ ! -e nodir ] && [ ! -e x.pdf ] &&
    [ "$(wc -l < bad.err)" -eq 4 ] &&
    grep -q "exists already" bad.err && grep -q "no folder 'nodir'" bad.err &&
    grep -q "symbolic link" bad.err && grep -q "extension" bad.err &&
    ok "bad paths: an error a line, nothing written" ||
    { not_ok "bad paths"; cat bad.err; }
printf '%s\n' 'socket s' 'export kept.svg --force' > force.script
"$SOCKSHELL" -q --trust-lesson=files force.script > /dev/null 2>&1 && grep -q '<svg' kept.svg &&
    ok "--force writes over a file" || not_ok "--force"

# --export DIR: a slide a step and the page; a folder not empty refused,
# emptied of the old slides with --force.
"$SOCKSHELL" -q -D PORT=0 --export slides "$ex/echo.sock" > /dev/null 2>&1
n=$(ls slides | grep -c '^step-[0-9][0-9]\.svg$')
[ "$n" -eq 13 ] && [ -f slides/index.html ] &&
    ok "--export: 13 slides and the page" ||
    not_ok "--export: $n slides"
"$SOCKSHELL" -q -D PORT=0 --export slides "$ex/udp.sock" > /dev/null 2>&1
[ $? -eq 2 ] && ok "--export: a folder not empty is refused" ||
    not_ok "--export: a folder not empty was used"
"$SOCKSHELL" -q -D PORT=0 --export slides --force "$ex/udp.sock" \
    > /dev/null 2>&1
n=$(ls slides | grep -c '^step-')
[ "$n" -eq 5 ] && ok "--force: no stale slide" || not_ok "--force: $n slides"
check html slides/index.html 5 sendto recvfrom && ok "--export: the page"

# In a real browser: the page's every step in the DOM, and the page and a
# slide drawn, not blank.
chromium=
for c in /usr/bin/chromium /usr/bin/chromium-browser; do
	[ -x "$c" ] && chromium=$c && break
done
if [ -z "$chromium" ]; then
	echo "ok - # SKIP no chromium"
else
	b="$chromium --headless --no-sandbox --disable-gpu --hide-scrollbars"
	export HOME="$tmp"
	timeout 120 $b --dump-dom "file://$tmp/echo.html" > dom.html \
	    2> /dev/null
	[ "$(grep -o '<section class="step"' dom.html | wc -l)" -eq 13 ] &&
	    grep -q 'Step 1 of 13' dom.html &&
	    ok "chromium: the page's 13 steps in the DOM" ||
	    not_ok "chromium: the DOM"
	timeout 120 $b --screenshot="$tmp/page.png" --window-size=1000,800 \
	    "file://$tmp/echo.html#step-12" > /dev/null 2>&1
	check png page.png 1000 800 && ok "chromium: the page is drawn"
	timeout 120 $b --screenshot="$tmp/slide.png" --window-size=800,420 \
	    "file://$tmp/echo.svg" > /dev/null 2>&1
	check png slide.png 800 420 && ok "chromium: a slide is drawn"
	[ -n "${EXPORT_SHOTS:-}" ] && cp page.png slide.png "$EXPORT_SHOTS"
fi
exit $fail
