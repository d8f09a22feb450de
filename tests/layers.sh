#! /bin/sh
# layers.sh - the architecture as HACKING writes it, checked on the built
# objects: who may call whom, judged from the symbols each object file
# defines and uses (nm), and who may include whom, from the #include lines.
#
#   input > commands > views > state > core > base
#
# A file may use what its own layer and the layers below it define, never
# what a layer above defines. Inside a layer, files may call each other,
# but not in a circle, except where the circle is one mechanism (the wait
# engine: core/op.c, core/op-data.c, core/op-bulk.c, core/job.c). Commands are leaves:
# nothing but the command table (commands/cmd.c) uses what a cmd-*.c file
# defines. The ground floor (base/) includes no header above it.
#
# Also: no source file over 900 lines, no function over 80.
# BUILDDIR (the build tree, with src/libsockshell.a built) and srcdir
# (this folder) come from 'make check'.
: "${srcdir:=.}" "${BUILDDIR:=..}"
top=$(cd "$srcdir/.." && pwd)
status=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

command -v nm >/dev/null || { echo "SKIP: nm is not installed"; exit 77; }

rank() {
	case $1 in
	input) echo 6 ;; commands) echo 5 ;; views) echo 4 ;;
	state) echo 3 ;; core) echo 2 ;; base) echo 1 ;; *) echo 0 ;;
	esac
}

# The symbols: "D FILE SYMBOL" for what FILE defines, "U FILE SYMBOL" for
# what it uses; FILE as LAYER/NAME.c.
for o in "$BUILDDIR"/src/*/*.o; do
	[ -f "$o" ] || continue
	layer=$(basename "$(dirname "$o")")
	name=$(basename "$o" .o)
	[ "$layer/$name" = input/main ] && continue
	nm "$o" | awk -v f="$layer/$name.c" '
	    NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", f, $3 }
	    NF == 2 && $1 == "U" { print "U", f, $2 }'
done > "$tmp/syms"
[ -s "$tmp/syms" ] || { echo "FAIL - no objects under $BUILDDIR/src"; exit 1; }

# The edges FROM TO SYMBOL between two files of the library.
awk '$1 == "D" { def[$3] = $2; next }
    $1 == "U" && ($3 in def) { } { u[NR] = $2 " " $3 }
    END { for (i in u) { split(u[i], a, " ");
	if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]], a[2] } }' \
    "$tmp/syms" | sort -u > "$tmp/edges"

# 1. No call upwards.
while read -r from to sym; do
	lf=${from%%/*} lt=${to%%/*}
	if [ "$(rank "$lf")" -lt "$(rank "$lt")" ]; then
		echo "FAIL - src/$from uses $sym of src/$to: $lf may not" \
		    "call $lt (a layer above it)"
		status=1
	fi
done < "$tmp/edges"

# 2. Commands are leaves.
while read -r from to sym; do
	case $to in commands/cmd-*.c) ;; *) continue ;; esac
	[ "$from" = commands/cmd.c ] && continue
	echo "FAIL - src/$from uses $sym of src/$to: only the command table" \
	    "(commands/cmd.c) may refer to a command file"
	status=1
done < "$tmp/edges"

# 3. No circle inside a layer but the wait engine's: a file that reaches
# itself through the files of its own layer.
awk '{ split($1, a, "/"); split($2, b, "/"); if (a[1] == b[1]) print $1, $2 }' \
    "$tmp/edges" | sort -u > "$tmp/inner"
awk '
    { next_[$1] = next_[$1] " " $2; files[$1]; files[$2] }
    function reach(f, target, seen,    n, i, list) {
	n = split(next_[f], list, " ")
	for (i = 1; i <= n; i++) {
		if (list[i] == target) return 1
		if (!(list[i] in seen)) { seen[list[i]]; if (reach(list[i], target, seen)) return 1 }
	}
	return 0
    }
    END { for (f in files) { delete seen; if (reach(f, f, seen)) print f } }' \
    "$tmp/inner" | sort > "$tmp/circles"
while read -r f; do
	case $f in core/op.c|core/op-data.c|core/op-bulk.c|core/job.c) continue ;; esac
	echo "FAIL - src/$f calls itself through other files of its layer:" \
	    "break the circle (or make it one mechanism, named in HACKING)"
	status=1
done < "$tmp/circles"

# 4. Includes: a file includes headers of its layer and the layers below.
for f in "$top"/src/*/*.[ch]; do
	layer=$(basename "$(dirname "$f")")
	sed -n 's/^#include "\([a-z]*\)\/[^"]*".*/\1/p' "$f" | sort -u |
	while read -r inc; do
		if [ "$(rank "$layer")" -lt "$(rank "$inc")" ]; then
			echo "FAIL - ${f#"$top"/} includes a header of $inc," \
			    "a layer above $layer"
		fi
	done
done > "$tmp/includes"
[ -s "$tmp/includes" ] && { cat "$tmp/includes"; status=1; }

# 5. Sizes: a file a reader can hold, a function that fits a screen or two.
for f in "$top"/src/*/*.c "$top"/src/*/*.h; do
	n=$(wc -l < "$f")
	if [ "$n" -gt 900 ]; then
		echo "FAIL - ${f#"$top"/} has $n lines (900 at most): split it"
		status=1
	fi
done
for f in "$top"/src/*/*.c; do
	awk -v F="${f#"$top"/}" '
	    /^[a-z_A-Z][a-z_A-Z0-9 \*]*\(/ && !/;/ { name = $0; sub(/\(.*/, "", name) }
	    /^\{/ { start = NR }
	    /^\}/ { if (start && NR - start - 1 > 80) printf "FAIL - %s: %s has %d lines (80 at most)\n", F, name, NR - start - 1; start = 0 }' "$f"
done > "$tmp/long"
[ -s "$tmp/long" ] && { cat "$tmp/long"; status=1; }

[ $status = 0 ] && echo "ok - $(wc -l < "$tmp/edges") calls between files, all downwards; sizes within bounds"
exit $status
