#! /bin/sh
# screen.sh - what a student sees at an 80x24 terminal and a 60x24 one
# (tmux), lesson by lesson, in English and in Russian: at each pause the first line of that
# step's narration is still on the screen, no line is wider than the
# screen (a wrapped line shows as a longer one once tmux joins it), and
# 'pause' is never echoed. Then a call that waits: it says how to go on,
# and again after Ctrl-C; and a student typing along at a pause. Loopback
# only; every wait is bounded.
# SOCKSHELL and srcdir (this folder) come from 'make check'.
: "${SOCKSHELL:=../src/sockshell}" "${srcdir:=.}"
command -v tmux >/dev/null || { echo "SKIP: tmux is needed"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'tmux -L "sockshell-screen-$$" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

SOCKSHELL=$SOCKSHELL LESSONS="$srcdir/../lessons" PO="$srcdir/../po/ru.po" \
    SOCK="sockshell-screen-$$" TMP="$tmp" python3 - <<'EOF'
import os, re, socket, subprocess, sys, time, unicodedata

sock, tmp = os.environ["SOCK"], os.environ["TMP"]
open(os.path.join(tmp, "tmux.conf"), "w").write("set -g status off\n")

def tm(*args):
    return subprocess.run(["tmux", "-L", sock, "-f",
        os.path.join(tmp, "tmux.conf")] + list(args), capture_output=True,
        text=True).stdout

def cols(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in line)

def screen(name):
    return tm("capture-pane", "-p", "-J", "-t", name).split("\n")

def wait_for(name, text, tries=400):
    for _ in range(tries):
        if any(text in l for l in screen(name)):
            return True
        time.sleep(0.05)
    return False

def cursor(name):
    """The cursor's row counted from the first line of the history, so
    that a screen that scrolled still counts on."""
    out = tm("display-message", "-p", "-t", name,
             "#{history_size} #{cursor_y}").split()
    return int(out[0]) + int(out[1]) if len(out) == 2 else -1

def wait_prompt(name, prompt, before, tries=400):
    """Until the pause's prompt is the screen's last line, below where the
    last one was (BEFORE: its row) by more than a line: the next pause
    has come, not the old one still showing. Returns (lines, row)."""
    for _ in range(tries):
        row = cursor(name)
        lines = [l for l in screen(name) if l.strip()]
        # The same row after the capture as before it: nothing moved
        # while tmux copied the screen.
        if (lines and lines[-1].startswith(prompt) and row == cursor(name)
                and (before is None or row > before + 1)):
            return lines, row
        time.sleep(0.05)
    return None, None

def catalog(path):
    """msgid -> msgstr of plain entries of a .po file."""
    cat, key, cur, field = {}, None, None, None
    def unq(t):
        return bytes(t.strip()[1:-1], "utf-8").decode(
            "unicode_escape").encode("latin-1").decode("utf-8")
    for line in open(path, encoding="utf-8").read().split("\n") + [""]:
        if line.startswith("msgid "):
            key, cur, field = unq(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            cur, field = unq(line[7:]), "str"
        elif line.startswith('"') and field == "id":
            key += unq(line)
        elif line.startswith('"') and field == "str":
            cur += unq(line)
        elif not line.strip():
            if key and cur:
                cat[key] = cur
            key = cur = field = None
    return cat

def steps(path):
    """Each pause's narration paragraphs, in order."""
    out, cur, para = [], [], []
    for line in open(path, encoding="utf-8").read().split("\n"):
        s = line.strip()
        if s.startswith(">") and not s.startswith(">|"):
            t = s[1:]
            para.append(t[1:] if t.startswith(" ") else t)
            continue
        if para:
            cur.append("\n".join(para).rstrip())
            para = []
        if s == "pause":
            out.append(cur)
            cur = []
    return out

# A session that stays: the server does not exit (and start again, with
# a race) each time a lesson's session ends.
tm("new-session", "-d", "-s", "keep", "sleep 600")

fail = 0
def bad(msg, name=None):
    global fail
    fail = 1
    print("FAIL - " + msg)
    if name:
        print("\n".join("    | " + l for l in screen(name)))

lang = {"C.UTF-8": ({}, "[Enter: next step"),
        "ru_RU.UTF-8": (catalog(os.environ["PO"]), "[Enter: следующий шаг")}
locales = subprocess.run(["locale", "-a"], capture_output=True,
    text=True).stdout.lower().replace("utf8", "utf-8")
lessons = sorted(f for f in os.listdir(os.environ["LESSONS"])
                 if f.endswith(".lesson") and "two-terminals" not in f)
for width, (loc, (cat, prompt)) in [(w, l) for w in (80, 60)
                                     for l in lang.items()]:
    if loc.lower() not in locales and loc != "C.UTF-8":
        print("SKIP - %s: the locale is not generated" % loc)
        continue
    for f in lessons:
        s = socket.socket(); s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1]); s.close()
        name = "l%d" % len(f)
        tm("kill-session", "-t", name)
        env = "LC_ALL=%s LANGUAGE= INPUTRC=/dev/null TERM=xterm" % loc
        tm("new-session", "-d", "-s", name, "-x", str(width), "-y", "24",
           "cd %s && %s %s --lesson %s -D PORT=%s; sleep 30" % (
               os.environ["LESSONS"], env, os.environ["SOCKSHELL"], f,
               port))
        missed, before = 0, None
        for i, paras in enumerate(steps(os.path.join(os.environ["LESSONS"],
                                                     f))):
            lines, before = wait_prompt(name, prompt, before)
            if lines is None:
                bad("%s (%s): pause %d never came" % (f, loc, i + 1), name)
                break
            if paras:
                first = cat.get(paras[0], paras[0]).replace(
                    "$PORT", port).split("\n")[0]
                if not any(first[:40] in l for l in lines):
                    bad("%s (%s, %d columns): pause %d: '%s' has "
                        "scrolled away" % (f, loc, width, i + 1,
                        first[:40]), name)
                    missed += 1
            wide = [l for l in lines if cols(l) > width]
            if wide:
                bad("%s (%s, %d columns): pause %d: a line wraps: %s" % (
                    f, loc, width, i + 1, wide[0][:60]), name)
            if any(l.strip().endswith("> pause") for l in lines):
                bad("%s (%s): 'pause' echoed" % (f, loc), name)
            tm("send-keys", "-t", name, "Enter")
        tm("kill-session", "-t", name)
        if not missed:
            print("ok - %s (%s, %d columns): each step's narration on "
                  "screen at its pause" % (f, loc, width))

# A call that waits at a terminal: the way on, and again after Ctrl-C.
name = "wait"
tm("new-session", "-d", "-s", name, "-x", "80", "-y", "24",
   "LC_ALL=C.UTF-8 INPUTRC=/dev/null TERM=xterm %s; sleep 30" %
   os.environ["SOCKSHELL"])
wait_for(name, "sockshell>")
for line in ("socket srv", "bind srv 127.0.0.1 0", "listen srv 1",
             "accept srv conn"):
    tm("send-keys", "-t", name, "-l", line)
    tm("send-keys", "-t", name, "Enter")
    time.sleep(0.1)
if not wait_for(name, "'accept srv conn &' waits in the background"):
    bad("accept does not say how to go on", name)
elif not wait_for(name, "and 'connect cli 127.0.0.1 "):
    bad("accept does not give the second terminal's commands", name)
else:
    print("ok - a waiting accept says how to go on")
tm("send-keys", "-t", name, "C-c")
time.sleep(0.3)
text = "\n".join(screen(name))
if text.count("'accept srv conn &' waits in the background") < 2:
    bad("after Ctrl-C the way on is not said again", name)
else:
    print("ok - after Ctrl-C it says how to go on again")
tm("kill-session", "-t", name)

# Typing along at a pause: the student binds the lesson's socket; the
# lesson says whose socket it is, and its bind step does not pretend.
name = "along"
tm("new-session", "-d", "-s", name, "-x", "80", "-y", "24",
   "cd %s && LC_ALL=C.UTF-8 INPUTRC=/dev/null TERM=xterm %s --lesson echo "
   "-D PORT=0; sleep 30" % (os.environ["LESSONS"], os.environ["SOCKSHELL"]))
lines, before = wait_prompt(name, "[Enter: next step", None)
tm("send-keys", "-t", name, "Enter")
wait_prompt(name, "[Enter: next step", before)
tm("send-keys", "-t", name, "-l", "bind srv 127.0.0.1 0")
tm("send-keys", "-t", name, "Enter")
if not wait_for(name, "(srv is the lesson's socket"):
    bad("a student's bind of the lesson's socket is not told apart", name)
else:
    print("ok - typing along: the lesson's socket is told apart")
tm("send-keys", "-t", name, "Enter")
if not wait_for(name, "expected bound, but the call failed"):
    bad("the lesson's bind step does not say it failed", name)
elif wait_for(name, "a failure this step expected", 5):
    bad("the lesson's bind step calls its failure expected", name)
else:
    print("ok - typing along: the next step says what really happened")
tm("kill-server")
sys.exit(fail)
EOF
