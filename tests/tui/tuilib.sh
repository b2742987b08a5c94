# tuilib.sh - drive the console in a real terminal: a private tmux server
# per run, keys with send-keys, the screen with capture-pane. Every wait
# polls the screen (every 0.1 s, bounded); nothing relies on a fixed sleep.
# Sourced by tests/tui/tui_test.sh and tests/lab/ping_test.sh; expects BIN,
# KB, T (a private directory), SOCK, CASE and optionally WAIT, TD_PREFIX (a
# command the program runs under, e.g. "ip netns exec NS") and TD_ENV.
# shellcheck shell=bash disable=SC2016
WAIT=${WAIT:-${TD_TUI_WAIT:-10}}   # seconds any one wait may take
SEP="│"                  # the side-by-side separator (UTF-8)
SESS=td0 NSESS=0          # the tmux session of the console under test

# tmux and ${#line} must see UTF-8; never nest into a tmux we run under;
# the server's socket goes into $T and away with it
export LC_ALL=C.UTF-8 LANG=C.UTF-8 TMUX_TMPDIR="$T"
unset TMUX TMUX_PANE
command -v tmux >/dev/null || { echo "FAIL [$CASE]: tmux is not installed"; exit 1; }

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# the screen as text (-J: lines the terminal wrapped come back joined)
cap() { tm capture-pane -p -J -t "$SESS" >"$T/screen" 2>/dev/null; }
# the screen with attributes (SGR escapes)
cape() { tm capture-pane -p -e -t "$SESS" >"$T/screen.e" 2>/dev/null; }

fail() {
	echo "FAIL [$CASE]: $*"
	cap
	echo "--- screen ($(tm display -p -t "$SESS" '#{pane_width}x#{pane_height}' 2>/dev/null)) ---"
	# without trailing blanks and blank lines
	sed 's/ *$//' "$T/screen" 2>/dev/null | awk 'NF { n = NR } { l[NR] = $0 } END { for (i = 1; i <= n; i++) print l[i] }'
	echo "--- end of screen ---"
	exit 1
}

# start W H [ARGS...]: tunneldoc --kb KB ARGS in a new W x H terminal;
# TD_ENV adds environment variables. The wrapper shows how it ended
# (EXIT:status, then the terminal modes) and keeps the pane open.
start() {
	local w=$1 h=$2 a q=""
	shift 2
	for a in "$@"; do q+=" $(printf '%q' "$a")"; done
	cat >"$T/run.sh" <<EOF
${TD_PREFIX:-} env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color ${TD_ENV:-} $(printf '%q' "$BIN") --kb $(printf '%q' "$KB")$q
echo "EXIT:\$?"
stty -a
exec sleep 300
EOF
	# a new session each time: killing the last one would end the server
	NSESS=$((NSESS + 1))
	SESS=td$NSESS
	tm new-session -d -s "$SESS" -x "$w" -y "$h" "bash $(printf '%q' "$T/run.sh")" || fail "tmux new-session failed"
	until_ok all 'head_has " tunneldoc | " || has "EXIT:"'
	head_has " tunneldoc | " || fail "the console did not start"
}

key() { tm send-keys -t "$SESS" "$@"; }        # key names: Enter Down Tab Escape ...
type_text() { tm send-keys -t "$SESS" -l -- "$1"; } # literal text

# until_ok CMD...: capture the screen and run CMD until it succeeds (WAIT s)
until_ok() {
	local i
	for ((i = 0; i < WAIT * 10; i++)); do
		cap
		"$@" && return 0
		sleep 0.1
	done
	return 1
}
all() { eval "$1"; }                      # until_ok all 'a && b'

has() { grep -qF -- "$1" "$T/screen"; }
# rows of the screen: header (first), body, status and hints (last two)
nrows() { wc -l <"$T/screen"; }
row() { sed -n "${1}p" "$T/screen"; }
head_has() { row 1 | grep -qF -- "$1"; }
view_is() { row 1 | grep -qF -- " tunneldoc | $1 | "; }
body() { sed '1d;$d' "$T/screen" | sed '$d'; }
body_has() { body | grep -qF -- "$1"; }
status_has() { row "$(($(nrows) - 1))" | grep -qF -- "$1"; }
last_has() { row "$(nrows)" | grep -qF -- "$1"; }
# side_has left|right TEXT: a side-by-side row shows TEXT in that pane
side_has() {
	local l
	while IFS= read -r l; do
		case $l in *"$SEP"*) ;; *) continue ;; esac
		if [ "$1" = left ]; then l=${l%%"$SEP"*}; else l=${l#*"$SEP"}; fi
		case $l in *"$2"*) return 0 ;; esac
	done <"$T/screen"
	return 1
}
# the longest line (in characters) of the screen
widest() {
	local l m=0
	while IFS= read -r l; do [ ${#l} -gt "$m" ] && m=${#l}; done <"$T/screen"
	echo "$m"
}
# SGR parameters of the screen with attributes, one a line
sgr_params() { grep -oE $'\e\\[[0-9;]*m' "$T/screen.e" | tr -d $'\e[m' | tr ';' '\n'; }
# a foreground/background colour (not the defaults 39/49)
uses_colour() { sgr_params | grep -qE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'; }
# the line (with attributes) that contains TEXT is in reverse video
reverse_on() { grep -F -- "$1" "$T/screen.e" | grep -qE $'\e\\[([0-9;]*;)?7(;[0-9;]*)?m'; }
pane_size() { tm display -p -t "$SESS" '#{pane_width}x#{pane_height}'; }
tunneldoc_pid() { pgrep -f -- "$1" | head -n 1; }
# after the program: the terminal is back in cooked mode with echo
tty_restored() {
	grep -qE '(^| )icanon( |$)' "$T/screen" && ! grep -qE '(^| )-icanon( |$)' "$T/screen" &&
		grep -qE '(^| )echo( |$)' "$T/screen" && ! grep -qE '(^| )-echo( |$)' "$T/screen"
}

# q_exits: q ends the program with status 0 and no sanitizer report (in
# an ASan build a leak or memory error turns the status non-zero)
q_exits() {
	type_text q
	until_ok has "EXIT:" || fail "q did not end the program"
	grep -qE "AddressSanitizer|LeakSanitizer|runtime error" "$T/screen" && fail "sanitizer report"
	has "EXIT:0" || fail "q: exit status is not 0"
}
