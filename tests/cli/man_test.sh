#!/usr/bin/env bash
# man_test.sh CASE - the man page src/cli/tunneldoc.1: it renders without a
# warning, has the sections a man page needs, and documents every command
# and every option the program's help prints (so help and man page do not
# drift apart).
# Usage: man_test.sh BINARY SOURCE_DIR CASE
set -u
BIN=$1
SRC=$2
CASE=$3
MAN="$SRC/src/cli/tunneldoc.1"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL [$CASE]: $*"; exit 1; }

[ -r "$MAN" ] || fail "no man page at $MAN"

# The commands that 'BINARY --help' lists.
commands() { "$BIN" --lang en --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^  / { on = 0 }'; }
# The long options that 'BINARY [CMD] --help' prints; with -x without
# those of quoted references to other commands ('tunneldoc kb-check
# --list') and of the example lines.
help_opts() {
	local strip='s/^$//'
	if [ "$1" = -x ]; then
		strip="s/'(tunneldoc|analyze|open|connect|snapshot|report|sites|profiles|kb-check)( [^']*)?'//g; /^ +tunneldoc /d"
	fi
	shift
	"$BIN" --lang en "$@" --help | sed -E "$strip" | grep -o -- '--[a-z][a-z-]*' | sed 's/-*$//' | sort -u
}
# The man page source as plain words: \- is -, no font changes.
plain_source() {
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f([A-Za-z][A-Za-z]//g' -e 's/\\f\[[^]]*\]//g' \
	    -e 's/\\&//g' -e 's/\\%//g' -e 's/\\c$//' "$MAN"
}
# section FILE NAME: the lines of subsection .SS NAME (or with .SH, of
# section .SH NAME) of the plain source FILE.
section() {
	awk -v want="$2" -v macro="${3:-.SS}" '
		/^\.S[HS]/ {
			t = $0; sub(/^\.S[HS][ \t]+/, "", t); gsub(/"/, "", t)
			on = ($1 == macro && t == want); next
		}
		on' "$1"
}
mentions() { grep -Eq -- "(^|[^a-z0-9-])$2([^a-z0-9-]|$)" "$1"; }

case "$CASE" in
render)
	command -v man >/dev/null || fail "man is missing: install man-db (apt-get install man-db)"
	command -v groff >/dev/null || fail "groff is missing: install groff-base (apt-get install groff-base)"
	command -v lexgrog >/dev/null || fail "lexgrog is missing: install man-db (apt-get install man-db)"
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=all -l "$MAN" >"$T/out" 2>"$T/warn" || fail "man -l: exit $? ($(cat "$T/warn"))"
	[ -s "$T/warn" ] && fail "man --warnings=all -l warns: $(cat "$T/warn")"
	groff -man -ww -z "$MAN" >"$T/warn" 2>&1 || fail "groff -man -ww -z: exit $? ($(cat "$T/warn"))"
	[ -s "$T/warn" ] && fail "groff -man -ww -z warns: $(cat "$T/warn")"
	LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$MAN" 2>/dev/null | sed 's/.\x08//g' >"$T/text"
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "THE CONSOLE" "THE CHECKLIST" "SITE BOOK" \
	    "EXIT STATUS" ENVIRONMENT FILES EXAMPLES SECURITY "SEE ALSO"; do
		grep -qx "$s" "$T/text" || fail "the rendered page has no section $s"
	done
	w=$(LC_ALL=C.UTF-8 wc -L <"$T/text")
	[ "$w" -le 80 ] || fail "rendered at 80 columns, a line is $w wide: $(LC_ALL=C.UTF-8 awk 'length > 80' "$T/text" | head -3)"
	LC_ALL=C grep -n '[^[:print:][:space:]]' "$MAN" >"$T/bad" && fail "not ASCII (use groff escapes): $(head -3 "$T/bad")"
	lexgrog "$MAN" >"$T/whatis" 2>&1 || fail "lexgrog cannot parse the NAME section (whatis/apropos): $(cat "$T/whatis")"
	grep -q 'tunneldoc - ' "$T/whatis" || fail "NAME is not 'tunneldoc \\- ...': $(cat "$T/whatis")"
	v=$("$BIN" --kb "$SRC/kb" --version | head -n 1) || fail "--version: exit $?"
	grep -q "^\.TH TUNNELDOC 1 .*\"$v\"" "$MAN" || fail ".TH does not name the program's version '$v': $(grep '^\.TH' "$MAN")"
	;;
options-documented)
	plain_source >"$T/man"
	mapfile -t CMDS < <(commands)
	[ ${#CMDS[@]} -ge 6 ] || fail "'$BIN --help' lists no commands"
	missing=""
	section "$T/man" OPTIONS .SH >"$T/sec-global"
	[ -s "$T/sec-global" ] || fail "no section OPTIONS"
	for o in $(help_opts -x); do
		mentions "$T/sec-global" "$o" || missing="$missing
  --help lists $o: not in section OPTIONS"
	done
	for c in "${CMDS[@]}"; do
		section "$T/man" "$c" >"$T/sec-$c"
		if [ ! -s "$T/sec-$c" ]; then
			missing="$missing
  --help lists the command $c: no subsection .SS $c"
			continue
		fi
		for o in $(help_opts -x "$c"); do
			mentions "$T/sec-$c" "$o" && continue
			# a global option named in a command's help
			mentions "$T/sec-global" "$o" && "$BIN" --lang en --help | grep -q -- "^  $o\b" && continue
			missing="$missing
  '$c --help' lists $o: not in subsection .SS $c"
		done
		for o in $(help_opts -a "$c"); do
			mentions "$T/man" "$o" || missing="$missing
  '$c --help' mentions $o: not in the man page"
		done
	done
	[ -z "$missing" ] || fail "the man page does not document what the help prints:$missing"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "ok [$CASE]"
