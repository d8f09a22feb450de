#! /usr/bin/env python3
# export-check.py - what tests/export.sh reads back of an exported file:
#   svg FILE LABEL...   well-formed SVG, a <title>, the labels in order
#   html FILE STEPS LABEL...  well-formed page (XML and html.parser), STEPS
#                       steps, one script of its own, the labels in order
#   mmd FILE            a Mermaid sequence diagram by its grammar's shape
#   png FILE W H        a screenshot W x H that is not blank
import re, struct, sys, zlib
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

def fail(msg):
    print("export-check: %s: %s" % (sys.argv[2], msg))
    sys.exit(1)

def in_order(text, labels):
    at = 0
    for l in labels:
        i = text.find(l, at)
        if i < 0:
            fail("no %r (in order)" % l)
        at = i + len(l)

def raw_checks(data):
    for b in (b"\x00", b"\x1b"):
        if b in data:
            fail("a raw control byte %r" % b)

def svg(path, labels):
    data = open(path, "rb").read()
    raw_checks(data)
    root = ET.fromstring(data)
    ns = "{http://www.w3.org/2000/svg}"
    if root.tag != ns + "svg" or root.find(ns + "title") is None:
        fail("not an <svg> with a <title>")
    if root.iter(ns + "script") and list(root.iter(ns + "script")):
        fail("a script in the SVG")
    if re.search(rb'(href|src)="(https?:|//)', data):
        fail("an external resource")
    texts = " ".join("".join(t.itertext()) for t in root.iter(ns + "text"))
    in_order(texts, labels)

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.steps = 0
        self.scripts = 0
        self.text = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "step":
            self.steps += 1
        if tag == "script":
            self.scripts += 1
            if "src" in a:
                fail("a script fetched")
        if tag in ("link", "img", "iframe") or "src" in a:
            fail("an external resource: <%s>" % tag)
    def handle_data(self, d):
        self.text.append(d)

def html(path, steps, labels):
    data = open(path, "rb").read()
    raw_checks(data)
    ET.fromstring(data.split(b"\n", 1)[1])	# after <!DOCTYPE html>
    p = Page()
    p.feed(data.decode("utf-8"))
    if p.steps != int(steps):
        fail("%d steps, not %s" % (p.steps, steps))
    if p.scripts != 1:
        fail("%d scripts, not the page's one" % p.scripts)
    in_order(" ".join(p.text), labels)

def mmd(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines[0] != "sequenceDiagram" or lines[-1] != "":
        fail("no sequenceDiagram")
    parts = set()
    for l in lines[1:-1]:
        if re.search(r"[\x00-\x1f;#]", re.sub(r"#\d+;", "", l)):
            fail("unescaped: %r" % l)
        m = re.match(r"^    participant (p\d+) as \S.*$", l)
        if m:
            parts.add(m.group(1))
            continue
        m = re.match(r"^    Note over (p\d+): \S.*$", l) or \
            re.match(r"^    (p\d+)(?:->>|-->>|-x|--\))(p\d+): \S.*$", l)
        if m and all(g in parts for g in m.groups()):
            continue
        if re.match(r"^    title \S.*$", l):
            continue
        fail("not Mermaid's shape: %r" % l)

def png(path, w, h):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    width, height, depth, ctype = struct.unpack(">IIBB", data[16:26])
    if (width, height) != (int(w), int(h)):
        fail("%dx%d, not %sx%s" % (width, height, w, h))
    idat, at = b"", 8
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IDAT":
            idat += data[at + 8:at + 8 + n]
        at += 12 + n
    px = zlib.decompress(idat)
    # Not blank: many bytes are not the background's.
    common = max(set(px[:4096]), key=px[:4096].count)
    if sum(1 for b in px[::7] if b != common) < len(px) // 7 // 100:
        fail("blank")

mode = sys.argv[1]
if mode == "svg":
    svg(sys.argv[2], sys.argv[3:])
elif mode == "html":
    html(sys.argv[2], sys.argv[3], sys.argv[4:])
elif mode == "mmd":
    mmd(sys.argv[2])
elif mode == "png":
    png(sys.argv[2], sys.argv[3], sys.argv[4])
