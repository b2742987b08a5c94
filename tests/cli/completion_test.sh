#!/usr/bin/env bash
# completion_test.sh CASE - the bash completion (src/cli/tunneldoc.bash-completion):
# subcommands, each command's options (compared with its --help), values
# of --lang and --profile, files and directories, site names, shellcheck
# (lint). Every case but lint runs twice: with bash-completion's
# bash_completion sourced first, and in a bare bash where the script's own
# fallbacks are used.
# Usage: completion_test.sh BINARY SOURCE_DIR CASE
set -u
BIN=$1
SRC=$2
CASE=$3
COMP="$SRC/src/cli/tunneldoc.bash-completion"
BC=/usr/share/bash-completion/bash_completion
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL [$CASE]: $*"; exit 1; }

[ -x "$BIN" ] || fail "no binary at $BIN"
[ -r "$COMP" ] || fail "no completion script at $COMP"
[ -r "$BC" ] || fail "$BC is missing: install bash-completion (apt-get install bash-completion)"

# The completion calls 'tunneldoc' from PATH: a link to the binary under
# test (the program finds its knowledge base through /proc/self/exe, and
# TUNNELDOC_KB names it anyway). HOME is empty, so no user's ssh files or
# site book take part.
mkdir -p "$T/bin" "$T/home" "$T/cwd"
case $BIN in
/*) ln -s "$BIN" "$T/bin/tunneldoc" ;;
*) ln -s "$PWD/$BIN" "$T/bin/tunneldoc" ;;
esac
export PATH="$T/bin:$PATH" HOME="$T/home" TUNNELDOC_KB="$SRC/kb" TUNNELDOC_SITES="$T/no-sites.json"
unset XDG_CONFIG_HOME

# comp MODE WORD... - complete the last WORD of the command line WORD...
# (MODE bc: with bash-completion, plain: without) in a fresh bash --norc
# started in $T/cwd; the candidates end up in the array R. COMP_LINE is
# the words joined by blanks unless LINE is set.
comp() {
	local mode=$1
	shift
	(cd "$T/cwd" && bash --norc --noprofile -c '
		mode=$1 bc=$2 script=$3 line=$4
		shift 4
		if [ "$mode" = bc ]; then
			. "$bc" || exit 3
			declare -F _init_completion >/dev/null || { echo "bash_completion defines no _init_completion" >&2; exit 3; }
		else
			declare -F _init_completion >/dev/null && { echo "_init_completion defined in a bare bash" >&2; exit 3; }
		fi
		. "$script" || exit 3
		complete -p tunneldoc >/dev/null || exit 3
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE=${line:-"$*"}
		COMP_POINT=${#COMP_LINE}
		COMP_TYPE=9
		COMP_KEY=9
		COMPREPLY=()
		_tunneldoc tunneldoc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		for c in "${COMPREPLY[@]}"; do printf "%s\n" "$c"; done
	' _ "$mode" "$BC" "$COMP" "${LINE-}" "$@") >"$T/out" 2>"$T/err"
	local rc=$?
	[ $rc -eq 0 ] || fail "$mode: completing '$*' failed (exit $rc): $(cat "$T/err")"
	[ -s "$T/err" ] && fail "$mode: completing '$*' wrote to stderr: $(cat "$T/err")"
	mapfile -t R <"$T/out"
}

has() { # has WORD: R holds WORD
	local w
	for w in "${R[@]}"; do [ "$w" = "$1" ] && return 0; done
	return 1
}
want() { # want MODE WHAT WORD...: R holds every WORD
	local mode=$1 what=$2 w
	shift 2
	for w in "$@"; do has "$w" || fail "$mode: $what: '$w' not offered (got: ${R[*]})"; done
}
only() { # only MODE WHAT WORD...: R holds exactly the WORDs (any order)
	local mode=$1 what=$2 w
	shift 2
	want "$mode" "$what" "$@"
	for w in "${R[@]}"; do
		case " $* " in *" $w "*) ;; *) fail "$mode: $what: '$w' offered, want only: $*" ;; esac
	done
}
# The commands that 'BINARY --help' lists.
commands() { "$BIN" --lang en --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on && !/^  / { on = 0 }'; }
# The long options that 'BINARY [CMD] --help' prints, without those of
# quoted references to commands ('tunneldoc kb-check --list') and of the
# example lines.
help_opts() {
	"$BIN" --lang en "$@" --help |
		sed -E "s/'(tunneldoc|analyze|open|connect|snapshot|report|sites|profiles|kb-check)( [^']*)?'//g; /^ +tunneldoc /d" |
		grep -o -- '--[a-z][a-z-]*' | sed 's/-*$//' | sort -u
}

SUBS="analyze open connect snapshot report config-diff sites profiles kb-check"

case "$CASE" in
subcommands)
	mapfile -t H < <(commands)
	[ ${#H[@]} -ge 6 ] || fail "'$BIN --help' lists no commands"
	for m in bc plain; do
		comp $m tunneldoc ""
		# shellcheck disable=SC2086
		only $m "tunneldoc <TAB>" $SUBS
		want $m "tunneldoc <TAB> (commands of --help)" "${H[@]}"
		comp $m tunneldoc an
		only $m "tunneldoc an<TAB>" analyze
		comp $m tunneldoc kb
		only $m "tunneldoc kb<TAB>" kb-check
		comp $m tunneldoc --lang de ""
		# shellcheck disable=SC2086
		only $m "tunneldoc --lang de <TAB>" $SUBS
		comp $m tunneldoc --kb "$SRC/kb" p
		only $m "tunneldoc --kb DIR p<TAB>" profiles
		comp $m tunneldoc -
		only $m "tunneldoc -<TAB>" --kb --lang --demo --version --help
		comp $m tunneldoc --version ""
		[ ${#R[@]} -eq 0 ] || fail "$m: after --version: offered ${R[*]}"
	done
	;;
options)
	for m in bc plain; do
		comp $m tunneldoc connect --le
		want $m "connect --le<TAB>" --left-profile --left-log-cmd --left-log-file --left-status-cmd --left-lan
		for w in "${R[@]}"; do
			case $w in --le*) ;; *) fail "$m: connect --le<TAB> offers '$w'" ;; esac
		done
		comp $m tunneldoc analyze --js
		only $m "analyze --js<TAB>" --json
		comp $m tunneldoc --lang de connect --batch --re
		only $m "connect --batch --re<TAB>" --record --report
		comp $m tunneldoc report --j
		only $m "report --j<TAB>" --json
		comp $m tunneldoc connect --duration ""
		[ ${#R[@]} -eq 0 ] || fail "$m: connect --duration <TAB> offers ${R[*]}"
		# every option of every command's --help is offered (drift guard);
		# a help may name a global option, and profiles' says that its ids
		# are for --profile
		for c in $(commands); do
			comp $m tunneldoc "$c" --
			for o in $(help_opts "$c"); do
				case "$c:$o" in *:--kb | *:--lang | *:--demo | *:--version) continue ;; esac
				case "$c:$o" in profiles:--profile) continue ;; esac
				has "$o" || fail "$m: '$c --help' lists $o, the completion of '$c --' does not offer it (add it to _tunneldoc_options)"
			done
		done
		comp $m tunneldoc --
		for o in $(help_opts); do
			has "$o" || fail "$m: '--help' lists $o, 'tunneldoc --<TAB>' does not offer it"
		done
	done
	;;
lang)
	for m in bc plain; do
		comp $m tunneldoc --lang ""
		only $m "--lang <TAB>" de en
		comp $m tunneldoc --lang d
		only $m "--lang d<TAB>" de
		LINE="tunneldoc --lang=" comp $m tunneldoc --lang =
		only $m "--lang=<TAB>" de en
		LINE="tunneldoc --lang=e" comp $m tunneldoc --lang = e
		only $m "--lang=e<TAB>" en
	done
	;;
profiles)
	if "$BIN" profiles >"$T/profiles" 2>/dev/null; then
		mapfile -t P < <(cut -f1 "$T/profiles")
		[ ${#P[@]} -gt 0 ] || fail "'$BIN profiles' lists nothing"
	else
		echo "note [$CASE]: '$BIN profiles' does not exist yet: checking the completion's fallback list"
		P=(mguard libreswan strongswan lancom auto)
	fi
	for m in bc plain; do
		for o in --profile --left-profile --right-profile; do
			comp $m tunneldoc connect "$o" ""
			want $m "connect $o <TAB>" mguard strongswan lancom auto "${P[@]}"
		done
		only $m "connect --right-profile <TAB>" "${P[@]}"
		comp $m tunneldoc snapshot --out /tmp/x --profile l
		for w in "${R[@]}"; do
			case $w in l*) ;; *) fail "$m: snapshot --profile l<TAB> offers '$w'" ;; esac
		done
		want $m "snapshot --profile l<TAB>" lancom
	done
	;;
files)
	mkdir -p "$T/cwd/case-4711" "$T/cwd/kbdir"
	: >"$T/cwd/gw-a.log"
	: >"$T/cwd/gw-b.log"
	for m in bc plain; do
		comp $m tunneldoc analyze gw
		only $m "analyze gw<TAB>" gw-a.log gw-b.log
		comp $m tunneldoc open gw-a.log ""
		want $m "open gw-a.log <TAB>" gw-b.log case-4711
		comp $m tunneldoc report ""
		only $m "report <TAB>" case-4711 kbdir
		comp $m tunneldoc --kb k
		only $m "--kb k<TAB>" kbdir
		comp $m tunneldoc report -o g
		only $m "report -o g<TAB>" gw-a.log gw-b.log
		comp $m tunneldoc connect --record c
		only $m "connect --record c<TAB>" case-4711
		comp $m tunneldoc analyze --left-dialect ""
		want $m "analyze --left-dialect <TAB>" openswan-mguard libreswan strongswan lancom
	done
	;;
sites)
	cat >"$T/sites.json" <<'EOF'
{"sites": {
  "berlin-hamburg": {"description": "Berlin - Hamburg",
    "left": {"host": "gw-berlin.example.net", "user": "admin", "profile": "mguard"},
    "right": {"host": "gw-hamburg.example.net", "profile": "mguard"}},
  "plant-7": {"left": {"host": "10.7.0.1"}, "right": {"host": "10.8.0.1", "port": 2222}}
}}
EOF
	export TUNNELDOC_SITES="$T/sites.json"
	"$BIN" sites --names >"$T/names" 2>"$T/e" ||
		fail "'$BIN sites --names' fails ($(cat "$T/e")): the completion takes the site names from it"
	for m in bc plain; do
		comp $m tunneldoc connect ""
		want $m "connect <TAB>" berlin-hamburg plant-7
		comp $m tunneldoc connect be
		want $m "connect be<TAB>" berlin-hamburg
		has plant-7 && fail "$m: connect be<TAB> offers plant-7"
		comp $m tunneldoc --lang de connect --batch --duration 5 pl
		want $m "connect --batch --duration 5 pl<TAB>" plant-7
		comp $m tunneldoc snapshot --out /tmp/x ""
		want $m "snapshot --out DIR <TAB>" berlin-hamburg plant-7
		comp $m tunneldoc connect berlin-hamburg ""
		has plant-7 && fail "$m: after a site name, another site is offered"
	done
	;;
lint)
	bash -n "$COMP" || fail "bash -n: syntax error"
	command -v shellcheck >/dev/null || fail "shellcheck is missing: install shellcheck (apt-get install shellcheck)"
	shellcheck -s bash "$COMP" >"$T/sc" 2>&1 || fail "shellcheck: $(cat "$T/sc")"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "ok [$CASE]"
