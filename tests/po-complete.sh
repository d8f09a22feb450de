#! /bin/sh
# po-complete.sh - every translation is complete: each po/LANG.po that
# po/LINGUAS lists translates every message of the sources and of the
# lessons as they are now (not only as of the last 'make update-po'),
# with nothing untranslated or fuzzy and nothing 'msgfmt --check' objects
# to; and po/POTFILES.in lists every source with messages.
# srcdir (this folder) comes from 'make check'.
: "${srcdir:=.}"
top=$srcdir/..
fail=0
not_ok() {
	echo "FAIL - $*"
	fail=1
}

for tool in msgfmt msgmerge xgettext msgattrib; do
	command -v $tool >/dev/null || {
		echo "SKIP: $tool (GNU gettext's tools) is not installed"
		exit 77
	}
done
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# Every source with _(), N_() or P_() is read by xgettext.
for f in "$top"/src/*/*.c; do
	grep -qE '(^|[^A-Za-z0-9_])(N_|P_|_)\(' "$f" || continue
	name=${f#"$top"/}
	grep -qx "$name" "$top/po/POTFILES.in" ||
	    not_ok "$name has messages, but po/POTFILES.in does not list it"
done
sed -e '/^#/d' -e '/^[ 	]*$/d' "$top/po/POTFILES.in" | while read -r f; do
	[ "$f" = po/lessons.pot ] || [ -f "$top/$f" ] ||
	    echo "FAIL - po/POTFILES.in lists $f, which does not exist"
done | grep . && fail=1

# The messages as they are now: the sources, and the lessons' titles and
# narration as build-aux/lessons-pot extracts them, with po/Makevars's
# xgettext options.
sh "$top/build-aux/lessons-pot" "$top" > "$tmp/lessons.pot" ||
    { echo "FAIL - build-aux/lessons-pot failed"; exit 1; }
sed -e '/^#/d' -e '/^[ 	]*$/d' -e "s|^po/lessons.pot\$|$tmp/lessons.pot|" \
    "$top/po/POTFILES.in" > "$tmp/files"
opts=$(sed -n -e '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' "$top/po/Makevars" |
    sed -e 's/^XGETTEXT_OPTIONS *= *//' -e 's/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
xgettext --directory="$top" --files-from="$tmp/files" $opts \
    --add-comments=TRANSLATORS: -o "$tmp/now.pot" 2>"$tmp/xgettext.err" ||
    { cat "$tmp/xgettext.err"; echo "FAIL - xgettext failed"; exit 1; }

langs=$(sed -e 's/#.*//' "$top/po/LINGUAS")
[ -n "$langs" ] || { echo "SKIP: po/LINGUAS lists no language"; exit 77; }
for lang in $langs; do
	po=$top/po/$lang.po
	[ -f "$po" ] || { not_ok "po/LINGUAS lists $lang, but po/$lang.po is missing"; continue; }
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) ||
	    not_ok "msgfmt --check finds errors in po/$lang.po: $stats"
	case $stats in *fuzzy*|*untranslated*)
		not_ok "po/$lang.po itself: $stats" ;;
	esac
	msgmerge --quiet --lang="$lang" -o "$tmp/$lang.po" "$po" "$tmp/now.pot" ||
	    { not_ok "msgmerge po/$lang.po failed"; continue; }
	stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null \
	    "$tmp/$lang.po" 2>&1) ||
	    not_ok "msgfmt --check, po/$lang.po with today's messages: $stats"
	case $stats in
	*fuzzy*|*untranslated*)
		not_ok "po/$lang.po with the messages of today's sources and" \
		    "lessons: $stats ('make update-po', then translate these):"
		msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" |
		    grep -A3 '^#:' | grep -v '^--$' | head -n 60
		msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" |
		    grep -A3 '^#:' | grep -v '^--$' | head -n 60 ;;
	*)
		echo "ok - po/$lang.po: $stats" ;;
	esac
done
exit $fail
