#!/usr/bin/env bash
# narrow_test.sh CASE - issue 14: the side-by-side view at 80x24 and
# 120x40 in a real terminal (tmux; see tuilib.sh): the negotiation header
# rows, the step gutter's marks, the screen filled after a resize.
# Usage: narrow_test.sh BINARY SOURCE_DIR CASE
# shellcheck disable=SC2016  # the conditions of "until_ok all '...'" are eval'd late
set -u
BIN=$1
SRC=$2
CASE=$3
KB="$SRC/kb"
SAM="$SRC/kb/samples"
T=$(mktemp -d)
SOCK="tdn$$-$CASE"
# shellcheck source=tests/tui/tuilib.sh
. "$(dirname "${BASH_SOURCE[0]}")/tuilib.sh"

# pane left|right ROW-TEXT: that pane of a screen row, without trailing blanks
pane_of() {
	local l=$2
	if [ "$1" = left ]; then l=${l%%"$SEP"*}; else l=${l##*"$SEP"}; fi
	printf '%s' "${l%"${l##*[! ]}"}"
}
# head_row left|right LABEL: a body row whose pane holds exactly LABEL
head_row() {
	local l
	while IFS= read -r l; do
		case $l in *"$SEP"*) ;; *) continue ;; esac
		[ "$(pane_of "$1" "$l")" = "$2" ] && return 0
	done < <(body)
	return 1
}
# gutter_of TEXT: the gutter cell (between the two separators) of the
# first body row whose left pane has TEXT
gutter_of() {
	local l g
	while IFS= read -r l; do
		case $l in *"$1"*"$SEP"*"$SEP"*) ;; *) continue ;; esac
		g=${l#*"$SEP"}
		printf '%s' "${g%%"$SEP"*}"
		return 0
	done < <(body)
	return 1
}
# find REGEX: search for REGEX (its row comes into view)
find() {
	type_text /
	type_text "$1"
	key Enter
	until_ok last_has "match 1 of " || fail "$size: the search for '$1' found no row"
}

# the analysis has finished: the status line names the top finding, or the
# newest negotiation still in progress at the logs' end (issue 13)
analysed() { status_has "top finding: " || status_has "in progress: "; }

case "$CASE" in
head-format)
	# a negotiation's header row is NAME #N → peer for pluto, charon and
	# LANCOM, not the prefix as logged; a part the log does not carry (the
	# peer in libreswan's and the mGuard initiator's "conn" #N prefix) is
	# left out, never filled in
	for size in 80x24 120x40; do
		w=${size%x*} h=${size#*x}
		while IFS='|' read -r dir text left right raw; do
			start "$w" "$h" open "$SAM/$dir/left.log" "$SAM/$dir/right.log"
			until_ok analysed || fail "$size $dir: the analysis did not finish"
			find "$text"
			until_ok all 'head_row left "$left" && head_row right "$right"' ||
				fail "$size $dir: no header row '$left' | '$right'"
			body_has "$raw" && fail "$size $dir: the prefix as logged ($raw) is still shown"
			type_text w
			until_ok all 'last_has "full lines" && side_has left "$raw"' || fail "$size $dir: w did not show the prefix as logged"
			head_row left "$left" && fail "$size $dir: w (full lines) still has header rows"
			q_exits
		done <<'PAIRS'
mguard-1.3.3-udp4500|STATE_MAIN_I2: sent MI2|MAI1950251842_1 #55|MAI0874627901_1 #67 → 77.245.32.68|"MAI1950251842_1" #5
lab-psk-mismatch-v1|sent Main Mode I2|lab #1|lab #1|"lab" #1:
lab-psk-mismatch-v2|initiating IKE_SA|lab #1 → 198.51.100.20|lab #1 → 198.51.100.10|<lab|1>
PAIRS
		# pluto's "packet from PEER:PORT:" before the state exists: the
		# peer only, not claimed for a negotiation
		start "$w" "$h" open "$SAM/mguard-1.3.3-udp4500/left.log" "$SAM/mguard-1.3.3-udp4500/right.log"
		key g
		until_ok all 'head_row right "→ 77.245.32.68"' || fail "$size: the 'packet from' lines have no header row '→ 77.245.32.68'"
		q_exits
		# LANCOM: no prefix; the connection attempt's name and peer
		start "$w" "$h" open "$SAM/lancom-0x1106-no-response/left.log"
		key g
		until_ok all 'body | grep -qxF "BUGFIX → 213.23.254.24"' || fail "$size LANCOM: no header row 'BUGFIX → 213.23.254.24'"
		q_exits
	done
	;;
gutter-marks)
	# the gutter cell of aligned rows: ✓ arrived, ✗ lost, · not logged,
	# … in progress (mguard-1.3.2.1: the first attempt before the right
	# log begins, the last younger than a retransmission), ? not understood
	# (the receiver logged a line about the state the kb cannot map: the
	# mGuard sample with a real pluto line, packet.c's "byte %d of %s must
	# be zero, but is not", after MI3 would have arrived)
	mkdir "$T/nu"
	cp "$SAM/mguard-1.3.3-udp4500/left.log" "$T/nu/left.log"
	awk '{ print } /#67: STATE_MAIN_R2: sent MR2/ { print "09:54:11.41233 \"MAI0874627901_1\"[1] 77.245.32.68 #67: byte 2 of ISAKMP Hash Payload must be zero, but is not" }' \
		"$SAM/mguard-1.3.3-udp4500/right.log" >"$T/nu/right.log"
	grep -q "must be zero" "$T/nu/right.log" || fail "test setup: the line was not added"
	for size in 80x24 120x40; do
		w=${size%x*} h=${size#*x}
		while IFS='|' read -r dir text cell; do
			case $dir in /*) d=$dir ;; *) d="$SAM/$dir" ;; esac
			start "$w" "$h" open "$d/left.log" "$d/right.log"
			until_ok analysed || fail "$size $dir: the analysis did not finish"
			find "${text%% *}.*${text#* }"
			until_ok all '[ "$(gutter_of "$text")" = "$cell" ]' ||
				fail "$size $dir: the gutter of '$text' is '$(gutter_of "$text")', want '$cell'"
			q_exits
		done <<PAIRS
mguard-1.3.3-udp4500|09:54:06.14 initiating Main Mode|MI1    ✓
mguard-1.3.3-udp4500|09:54:10.72 STATE_MAIN_I3: sent MI3|MI3    ✗
mguard-1.3.2.1-no-packets|08:56:40.12 initiating Main Mode|MI1    ·
mguard-1.3.2.1-no-packets|09:02:50.03 initiating Main Mode|MI1    ✗
mguard-1.3.2.1-no-packets|09:04:50.04 initiating Main Mode|MI1    …
$T/nu|09:54:10.72 STATE_MAIN_I3: sent MI3|MI3    ?
PAIRS
	done
	;;
resize-filled-120)
	# issue 14: from 120x40 down to 80x24 after G the screen stays filled
	filled() { body | grep -c '[^ │]'; }
	S="$SAM/mguard-1.3.3-udp4500"
	start 120 40 open "$S/left.log" "$S/right.log"
	until_ok status_has "top finding: udp4500-blocked" || fail "the analysis did not finish"
	key G
	until_ok side_has left "max number of retrans" || fail "G did not go to the end"
	[ "$(filled)" -ge 30 ] || fail "120x40 after G: only $(filled) of 37 body rows filled"
	tm resize-window -t "$SESS" -x 80 -y 24 || fail "tmux resize-window failed"
	until_ok all '[ "$(nrows)" -eq 24 ] && [ "$(filled)" -ge 20 ]' || fail "80x24 after the resize: only $(filled) of 21 body rows filled"
	side_has left "max number of retrans" || fail "80x24 after the resize: the cursor's last line is not shown"
	q_exits
	;;
*)
	echo "unknown case $CASE"; exit 2;;
esac
echo "ok [$CASE]"
