#!/usr/bin/env bash
# tui_test.sh CASE - the console (tunneldoc open, --demo) in a real
# terminal (tmux; see tuilib.sh).
# Usage: tui_test.sh BINARY SOURCE_DIR CASE
# shellcheck disable=SC2016  # the conditions of "until_ok all '...'" are eval'd late
set -u
BIN=$1
SRC=$2
CASE=$3
KB="$SRC/kb"
S="$SRC/kb/samples/mguard-1.3.3-udp4500"
T=$(mktemp -d)
SOCK="td$$-$CASE"
# shellcheck source=tests/tui/tuilib.sh
. "$(dirname "${BASH_SOURCE[0]}")/tuilib.sh"

OPEN=(open "$S/left.log" "$S/right.log")
LOADED="top finding: udp4500-blocked"

case "$CASE" in
demo)
	start 160 45 --demo
	until_ok all 'view_is "side by side" && side_has left "initiating Main Mode"' ||
		fail "the replay did not start with the left log's first line"
	# 75 s of log at 1x: the end cannot be there yet, so this is a replay
	has "max number of retransmissions" && fail "the whole log was there at once, not replayed"
	for i in 1 2 3 4 5 6; do type_text +; done
	until_ok all 'status_has "speed 64x"' || fail "+ did not speed the replay up"
	row "$(($(nrows) - 1))" | grep -qE "speed 64x [0-9]+ %" || fail "the status line shows no replay progress"
	until_ok all 'side_has right "responding to Main Mode" && side_has left "max number of retransmissions"' ||
		fail "the panes did not fill with both logs within ${WAIT}s at 64x"
	side_has right "initiating Main Mode" && fail "a left line is in the right pane"
	side_has left "responding to Main Mode" && fail "a right line is in the left pane"
	head_has "clock offset (right - left)" || fail "header lacks the clock offset"
	key 2
	until_ok all 'view_is ladder && body_has "MI1"' || fail "2 did not show the ladder with MI1"
	q_exits
	;;
demo-in-progress)
	# issue 13 item 3: the demo at 1x (timestamp pace). While its
	# negotiation waits for an answer younger than Openswan's 10 s
	# retransmission interval, no screen says "reply blocked", "lost" or
	# "no finding": findings, status line and ladder say what is in
	# progress. Then MR2 comes again (the responder never got MI3) and the
	# finding is there, with its evidence.
	start 160 45 --demo
	key 3
	seen_mi3=0 seen_ladder=0
	for ((i = 0; i < 400; i++)); do
		cap
		if has "MI3 is lost on the way"; then
			break
		fi
		for bad in "reply blocked" "never reaches the initiator" "No finding" "none yet" "LOST" "is lost"; do
			has "$bad" && fail "while the negotiation is in progress the screen says '$bad'"
		done
		if has "in progress: MI3 sent" && has "waiting for MR3"; then
			status_has "in progress: MI3 sent" || fail "the status line does not say MI3 is in progress"
			body_has 'left 16: 09:54:10.72076 "MAI1950251842_1" #55: STATE_MAIN_I3: sent MI3, expecting MR3' ||
				fail "the in-progress finding does not show the line that sent MI3"
			if [ "$seen_ladder" = 0 ]; then
				key 2
				until_ok all 'view_is ladder && body | grep -q "MI3.*in progress: MI3 sent [0-9]* s ago, waiting for MR3"' ||
					fail "the ladder's MI3 row does not say it is in progress"
				body_has "LOST" && fail "the ladder says LOST while MI3 is in progress"
				seen_ladder=1
				key 3
				until_ok view_is findings || fail "3 did not go back to the findings"
				continue
			fi
			seen_mi3=1
		fi
		sleep 0.1
	done
	[ "$seen_mi3" = 1 ] || fail "the in-progress line 'in progress: MI3 sent … waiting for MR3' was never shown"
	until_ok all 'has "MI3 is lost on the way" && body_has "left 17: 09:54:20.23466"' ||
		fail "after the answer was overdue the finding did not come, with the repeated MR2 as evidence"
	status_has "top finding: udp4500-blocked" || fail "the status line does not name the finding once it is there"
	q_exits
	;;
views)
	start 160 45 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	has "L: left.log 19 lines" || fail "status line lacks the left log's line count"
	cape
	uses_colour || fail "no colours by default (the NO_COLOR check of ascii-nocolor would prove nothing)"
	key 2
	until_ok all 'view_is ladder && body_has "✗" && body_has "LOST" && body_has "MI1"' || fail "2: no ladder with a lost message"
	key 3
	until_ok all 'view_is findings && body_has "1. [error]" && body_has "(udp4500-blocked, mguard 1.3.3)"' || fail "3: no findings"
	key 4
	until_ok all 'view_is checklist && body_has "[y] " && body_has "(mguard 1.3.3)"' || fail "4: no checklist"
	type_text '?'
	until_ok all 'view_is help && body_has "Keys" && body | grep -qE "^ *q +quit *$"' || fail "?: no help with the key table"
	key 1
	until_ok all 'view_is "side by side" && side_has left "initiating Main Mode" && side_has right "responding to Main Mode"' ||
		fail "1: no side by side view"
	# Tab cycles through all views and wraps around
	for v in ladder findings checklist configuration help "side by side"; do
		key Tab
		until_ok view_is "$v" || fail "Tab did not reach the $v view"
	done
	q_exits
	;;
config-view)
	# issue 18: view 5 compares both ends' configuration (--left-config,
	# --right-config), the PFS finding cites the difference that explains
	# it, the checklist's "PFS the same?" is answered by the comparison;
	# without configurations view 5 says how to give them
	P="$SRC/kb/samples/lab-pfs-responder-only-v1" C="$SRC/tests/golden/config"
	start 160 45 open --left-config "$C/lsw-west.conf" --right-config "$C/lsw-east.conf" "$P/left.log" "$P/right.log"
	until_ok status_has "top finding: pfs-mismatch" || fail "the analysis did not finish"
	key 5
	until_ok all 'view_is configuration && body_has "2 differences" && body_has "DIFFERS    PFS (DH group of phase 2) [DH group] - explains: pfs-mismatch"' ||
		fail "5: no comparison with the PFS difference"
	body_has "lsw-east.conf:14  dh5 (derived from esp)" || fail "5: the right side's line is not shown"
	body_has "lsw-west.d/tunnel.conf:14  dh14 (derived from esp)" || fail "5: the left side's line is not shown"
	key G
	until_ok body_has "PSK: not compared" || fail "5: no PSK line at the end"
	key g
	until_ok body_has "2 differences" || fail "5: g does not go back to the top"
	key 3
	until_ok all 'view_is findings && body_has "configuration (view 5) - the difference that explains it:"' ||
		fail "3: the PFS finding does not cite the configuration"
	body_has "dh5 (derived from esp)" || fail "3: the finding's configuration line is missing"
	key 4
	until_ok all 'view_is checklist && body_has "the configuration of both ends"' || fail "4: no answer by the configuration"
	q_exits
	start 160 45 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish (no configurations)"
	key 5
	until_ok all 'view_is configuration && body_has "No configurations loaded: nothing is compared." && body_has "--left-config FILE --right-config FILE"' ||
		fail "5 without configurations: no word on how to give them"
	q_exits
	start 160 45 --lang de open --left-config "$C/lsw-west.conf" --right-config "$C/lsw-east.conf" "$P/left.log" "$P/right.log"
	until_ok status_has "pfs-mismatch" || fail "German: the analysis did not finish"
	key 5
	until_ok all 'view_is Konfiguration && body_has "UNTERSCHIED PFS (DH-Gruppe der Phase II)"' || fail "German view 5"
	q_exits
	;;
search-right)
	# 20 rows: the matching row is scrolled out before the search
	start 170 20 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	has "responding to Main Mode" && fail "test setup: the line is on screen before the search"
	type_text /
	until_ok last_has "search: " || fail "/ gave no search prompt"
	type_text "responding to Main Mode"
	until_ok last_has "search: responding to Main Mode" || fail "the typed text is not shown in the prompt"
	key Enter
	until_ok all 'side_has right "responding to Main Mode" && ! last_has "search:"' ||
		fail "the matching right-side line is not shown (or the prompt stayed)"
	cape
	reverse_on "responding to Main Mode" || fail "the cursor is not on the matching row"
	type_text /
	until_ok last_has "search: " || fail "/ gave no search prompt the second time"
	type_text "no such line anywhere"
	key Enter
	until_ok last_has "not found: no such line anywhere" || fail "a pattern that matches nothing did not say 'not found'"
	q_exits
	;;
jump-evidence)
	start 160 16 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	type_text g
	until_ok side_has left "initiating Main Mode" || fail "g did not go to the first line"
	has "STATE_MAIN_I3: sent MI3" && fail "test setup: the evidence line is on screen before the jump"
	key 3
	until_ok all 'view_is findings && body_has "evidence (Enter: jump to evidence):"' || fail "3: no evidence list"
	key Enter
	until_ok all 'view_is "side by side" && side_has left "STATE_MAIN_I3: sent MI3"' ||
		fail "Enter did not jump to the first evidence line in the side-by-side view"
	cape
	reverse_on "STATE_MAIN_I3: sent MI3" || fail "the cursor is not on the evidence line"
	q_exits
	;;
checklist-note)
	# walk the guide's tree from the sample's finding to a conclusion,
	# answer, write a note, and find all of it in the report
	start 220 40 "${OPEN[@]}" --report "$T/report.md"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key 4
	# the entry node of udp4500-blocked, answered by the logs
	until_ok all 'view_is checklist && body | grep -q "^\[y\] .*(mguard 1.3.3)" && body_has "yes (the logs)"' ||
		fail "4: the walk does not start at the 1.3.3 check answered by the logs"
	body_has "[=]" && fail "test setup: a conclusion before any answer"
	# the open step: the guide's remedy, waiting for the technician
	body | grep -q "^\[?\] .*UDP.*open" || fail "the remedy step is not open"
	type_text n
	until_ok last_has "note: " || fail "n gave no note prompt"
	type_text "fw at site B opened 4500"
	key Enter
	until_ok all 'body_has "note: fw at site B opened 4500" && ! last_has "note:"' || fail "the note is not shown under the step"
	type_text y
	until_ok all "body | grep -q '^\[y\] .*done (the technician)'" || fail "y did not mark the step done by the technician"
	until_ok all "body | grep -q '^\[=\] .*conclusion'" || fail "the walk did not reach the conclusion"
	body_has "UDP port 4500 (NAT traversal) blocked between the gateways" || fail "the conclusion does not name the cause"
	q_exits
	[ -s "$T/report.md" ] || fail "no report written"
	[ "$(stat -c %a "$T/report.md")" = 600 ] || fail "the report is not private (mode $(stat -c %a "$T/report.md"))"
	for want in "# tunneldoc session report" "## Checklist" "(mguard 1.3.3) — yes (the logs)" \
		"— done (the technician)" "note: fw at site B opened 4500" "— conclusion: UDP port 4500" \
		"checklist started" "answered" "max number of retransmissions"; do
		grep -qF -- "$want" "$T/report.md" || { sed 's/^/  report: /' "$T/report.md" | tail -n 40; fail "the report lacks '$want'"; }
	done
	;;
checklist-firewall)
	# issue 13: the ping procedure with only the two IKE logs loaded asks
	# the firewall questions and says which log would answer them
	E="$SRC/kb/samples/lab-established-v1"
	grep -q fw-vpn "$E/left.log" "$E/right.log" && fail "test setup: the sample has firewall lines"
	start 220 50 open "$E/left.log" "$E/right.log"
	until_ok status_has "top finding: established" || fail "the analysis did not finish"
	key 4
	open_at() { body | grep -q "^\[?\] .*$1"; }
	until_ok all 'view_is checklist && body_has "yes (the logs)"' || fail "4: the IPsec SA check is not answered by the logs"
	# a: remote clients cannot be reached; then the three steps, step 2 failing
	for k in "a:Which problem remains" "y:Make sure ICMP packets" "y:Step 1: Does a client" "a:Preparing step 2" \
		"x:Step 2: Does the client" "y:Step 3: Enable VPN firewall logging" "y:Send data (ping)"; do
		until_ok open_at "${k#*:}" || { body | tail -n 20; fail "the walk is not open at '${k#*:}'"; }
		sleep 0.6
		type_text "${k%%:*}"
	done
	until_ok open_at "Does the local mGuard log entries" || fail "the firewall check is answered without a firewall log"
	body | grep "Does the local mGuard log entries" | grep -q "(the logs)" && fail "the firewall check says 'the logs'"
	until_ok body_has "left gateway's VPN firewall log is not loaded" || fail "the open check does not say which log would answer"
	body_has "Logging >> Browse" || fail "the open check does not say how to get that log"
	sleep 0.6
	type_text y
	until_ok open_at "Does the remote mGuard log entries" || fail "y did not answer the firewall check"
	until_ok body_has "right gateway's VPN firewall log is not loaded" || fail "the arrival check does not say which log would answer"
	q_exits
	;;
checklist-remote-trace)
	# issue 13: one LANCOM trace loaded: the remote trace question is asked
	E="$SRC/kb/samples/lancom-0x1106-no-response"
	start 220 50 open "$E/left.log"
	until_ok status_has "top finding: peer-unreachable" || fail "the analysis did not finish"
	key 4
	until_ok all 'view_is checklist && body | grep -q "^\[?\] Run a VPN trace on the remote site"' || fail "4: the walk does not start at the remote trace step"
	type_text y
	until_ok all 'body | grep -q "^\[?\] Does the remote site.s VPN trace show"' ||
		{ body | tail -n 20; fail "the remote trace question is not asked"; }
	body | grep "VPN trace show the LANCOM" | grep -q "(the logs)" && fail "the remote trace question is answered by the logs"
	body_has "right gateway's log is not loaded" || fail "the question does not say which log would answer it"
	body_has "trace + vpn-status" || fail "the question does not say how to get that trace"
	q_exits
	;;
checklist-override)
	# issue 13: the technician overrides an answer of the logs; the walk
	# follows the technician and the report keeps both, with the time
	start 220 40 "${OPEN[@]}" --report "$T/report.md"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key 4
	until_ok all 'view_is checklist && body | grep -q "^\[y\] .*(mguard 1.3.3) — yes (the logs)"' ||
		fail "4: the entry check is not answered by the logs"
	type_text g
	sleep 1.6
	type_text x
	until_ok all 'body | grep -q "^\[x\] .*(mguard 1.3.3) — no (the technician)"' || { body | head -n 20; fail "x on an evidence answer did nothing"; }
	type_text g
	until_ok body_has "answer (the logs): yes; overridden by the technician at" || fail "the override does not show what the logs said"
	body_has "evidence: " || fail "the override does not show the line the logs answered with"
	q_exits
	for want in "no (the technician)" "answer (the logs): yes; overridden by the technician at" "max number of retransmissions" \
		"## Summary" "answers: 1 by the technician (1 of them overriding the evidence)"; do
		grep -qF -- "$want" "$T/report.md" || { sed 's/^/  report: /' "$T/report.md" | head -n 60; fail "the report lacks '$want'"; }
	done
	;;
progress)
	# a large log: the batch command shows progress on stderr (a terminal
	# here), the console on its status line; never into a pipe or file
	python3 - "$S/left.log" "$T/big.log" <<'PY'
import sys
lines = open(sys.argv[1]).read()
with open(sys.argv[2], "w") as f:
    for _ in range(40000):
        f.write(lines)
PY
	NSESS=$((NSESS + 1))
	SESS=td$NSESS
	tm new-session -d -s "$SESS" -x 160 -y 10 "$(printf '%q' "$BIN") --kb $(printf '%q' "$KB") analyze $(printf '%q' "$T/big.log") >/dev/null; echo EXIT:\$?; exec sleep 300" ||
		fail "tmux new-session failed"
	until_ok all 'has "tunneldoc: reading $T/big.log: " && has " % ("' || fail "analyze showed no progress on a terminal"
	WAIT=60 until_ok has "EXIT:0" || fail "analyze did not finish"
	has "reading $T/big.log" && fail "the progress line was not erased"
	# both sides read at once (two threads) share the one line, each with
	# its part, instead of taking turns on it
	cp "$T/big.log" "$T/big2.log"
	NSESS=$((NSESS + 1))
	SESS=td$NSESS
	tm new-session -d -s "$SESS" -x 200 -y 10 "$(printf '%q' "$BIN") --kb $(printf '%q' "$KB") analyze $(printf '%q' "$T/big.log") $(printf '%q' "$T/big2.log") >/dev/null; echo EXIT:\$?; exec sleep 300" ||
		fail "tmux new-session failed"
	until_ok all 'grep -qE "tunneldoc: reading [^ ]*big2?\.log: [0-9]+ % \(.* · reading [^ ]*big2?\.log: [0-9]+ % \(" "$T/screen"' ||
		fail "the two sides' progress is not on one line: $(grep reading "$T/screen" | head -3)"
	WAIT=60 until_ok has "EXIT:0" || fail "analyze of two big logs did not finish"
	has "reading $T/big" && fail "the two-sided progress line was not erased"
	# a batch session: both sides' line counts and states, the time left
	NSESS=$((NSESS + 1))
	SESS=td$NSESS
	tm new-session -d -s "$SESS" -x 160 -y 10 "HOME=$(printf '%q' "$T") $(printf '%q' "$BIN") --kb $(printf '%q' "$KB") connect --batch --duration 4 --connect-timeout 1 127.0.0.1:1 127.0.0.1:1 >/dev/null </dev/null; echo EXIT:\$?; exec sleep 300" ||
		fail "tmux new-session failed"
	WAIT=4 until_ok all 'has "tunneldoc: left: 0 lines [" && has "right: 0 lines [" && grep -qE "\| [0-9] s" "$T/screen"' ||
		fail "connect --batch showed no progress on a terminal"
	WAIT=30 until_ok has "EXIT:" || fail "connect --batch did not end"
	"$BIN" --kb "$KB" analyze "$T/big.log" >/dev/null 2>"$T/err" || fail "analyze exit $?"
	[ -s "$T/err" ] && fail "progress went into a file: $(head -c 200 "$T/err")"
	start 200 20 open "$T/big.log" "$S/right.log"
	until_ok all 'status_has "(loading " && status_has " %)"' || fail "the console shows no loading progress"
	q_exits
	;;
resize)
	start 120 40 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	tm resize-window -t "$SESS" -x 80 -y 24 || fail "tmux resize-window failed"
	sep_ok() { # every body row has the left pane's edge at column (80-10)/2
		local l
		while IFS= read -r l; do
			l=${l%%"$SEP"*}
			[ ${#l} -eq 35 ] || return 1
		done < <(body)
	}
	until_ok all '[ "$(pane_size)" = 80x24 ] && [ "$(nrows)" -eq 24 ] && view_is "side by side" && status_has " L: left.log" && sep_ok' ||
		fail "80x24: header, status line or the separator at column 35 missing"
	[ "$(widest)" -le 80 ] || fail "80x24: a line is $(widest) columns wide"
	tm resize-window -t "$SESS" -x 200 -y 60 || fail "tmux resize-window failed"
	until_ok all '[ "$(nrows)" -eq 60 ] && view_is "side by side" && status_has "top finding" && last_has " q quit"' ||
		fail "200x60: the status line is not the second-to-last line"
	[ "$(widest)" -le 200 ] || fail "200x60: a line is $(widest) columns wide"
	tm resize-window -t "$SESS" -x 30 -y 6 || fail "tmux resize-window failed"
	until_ok all 'has "terminal too small" && ! has " tunneldoc | "' || fail "30x6: no 'terminal too small'"
	tm resize-window -t "$SESS" -x 100 -y 30 || fail "tmux resize-window failed"
	until_ok all '[ "$(nrows)" -eq 30 ] && view_is "side by side" && status_has "top finding" && ! has "terminal too small"' ||
		fail "100x30: the normal screen did not come back"
	key 2
	until_ok all 'view_is ladder && body_has "MI1"' || fail "after the resizes the program does not answer 2"
	has "EXIT:" && fail "the program ended"
	q_exits
	;;
quit-restores)
	start 200 30 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	[ "$(tm display -p -t "$SESS" '#{alternate_on}')" = 1 ] || fail "test setup: the console is not on the alternate screen"
	q_exits
	has " tunneldoc | " && fail "q: the console's screen is still shown"
	[ "$(tm display -p -t "$SESS" '#{alternate_on}')" = 0 ] || fail "q: the terminal is still on the alternate screen"
	until_ok has "icanon" || fail "q: no stty output"
	tty_restored || fail "q: the terminal modes are not restored (icanon, echo)"
	# SIGTERM: the logs under a unique path to find the process by
	cp "$S/left.log" "$T/left.log"
	cp "$S/right.log" "$T/right.log"
	start 200 30 open "$T/left.log" "$T/right.log"
	until_ok status_has "$LOADED" || fail "the analysis did not finish (second run)"
	pid=$(tunneldoc_pid "$T/left.log")
	[ -n "$pid" ] || fail "no tunneldoc process with $T/left.log"
	kill -TERM "$pid"
	until_ok has "EXIT:" || fail "SIGTERM did not end the program"
	grep -qE "AddressSanitizer|LeakSanitizer|runtime error" "$T/screen" && fail "SIGTERM: sanitizer report"
	has "EXIT:143" || fail "SIGTERM: exit status is not 143"
	has " tunneldoc | " && fail "SIGTERM: the console's screen is still shown"
	[ "$(tm display -p -t "$SESS" '#{alternate_on}')" = 0 ] || fail "SIGTERM: the terminal is still on the alternate screen"
	until_ok has "icanon" || fail "SIGTERM: no stty output"
	tty_restored || fail "SIGTERM: the terminal modes are not restored (icanon, echo)"
	;;
german)
	start 160 45 --lang de "${OPEN[@]}"
	until_ok all 'view_is "Gegenüberstellung" && head_has "Uhrenversatz (rechts - links)" && status_has "udp4500-blocked"' ||
		fail "no German side-by-side view"
	has "side by side" && fail "English view name in the German console"
	last_has "q beenden" || fail "German key hints missing"
	key 3
	until_ok all 'view_is Befunde && body_has "Ursache"' || fail "3: no German findings"
	type_text '?'
	until_ok all 'view_is Hilfe && body | grep -qE "^ *q +beenden *$"' || fail "?: no German help"
	type_text /
	until_ok all 'view_is "Gegenüberstellung" && last_has "Suche: "' || fail "/: no German search prompt"
	key Escape
	until_ok all '! last_has "Suche: "' || fail "Esc did not close the prompt"
	# the cursor stands after what is typed, counted in columns: the
	# label has an umlaut (two bytes, one column)
	type_text '|'
	until_ok last_has "Filter (regulärer Ausdruck, leer: aus): " || fail "|: no German filter prompt"
	type_text "ö"
	want=$(( $(printf '%s' "Filter (regulärer Ausdruck, leer: aus): ö" | wc -m) ))
	until_ok all '[ "$(tm display -p -t "$SESS" "#{cursor_x}")" = "$want" ]' ||
		fail "the prompt cursor is at column $(tm display -p -t "$SESS" '#{cursor_x}'), want $want"
	key Escape
	q_exits
	;;
pipes-aligned)
	# non-regular inputs are read in chunks and annotated late (the
	# analysis holds lines back to detect the dialect): still aligned
	mkfifo "$T/l.fifo" "$T/r.fifo"
	cat "$S/left.log" >"$T/l.fifo" &
	cat "$S/right.log" >"$T/r.fifo" &
	start 160 45 open "$T/l.fifo" "$T/r.fifo"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key g
	until_ok all 'body | grep -q "initiating Main Mode.*responding to Main Mode"' ||
		fail "non-regular inputs: initiating/responding to Main Mode are not on one row"
	q_exits
	;;
ascii-nocolor)
	TD_ENV="NO_COLOR=1" start 160 40 open --ascii "$S/left.log" "$S/right.log"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key 2
	until_ok all 'view_is ladder && body_has "MI1" && body_has "LOST"' || fail "2: no ladder"
	body | grep -qE '^ \|-+ MI1 -+>\|' || fail "the ladder's MI1 arrow is not drawn in ASCII (|--- MI1 --->|)"
	body | grep -qE '^ \|<-+ MR1 -+\|' || fail "the ladder's MR1 arrow is not drawn in ASCII (|<--- MR1 ---|)"
	body | grep -qE '^ \|-+ MI3 -+X ' || fail "the lost MI3 is not drawn in ASCII (--- MI3 ---X)"
	for c in "│" "▶" "◀" "✗" "─" "⇄" "↻" "●"; do
		has "$c" && fail "non-ASCII '$c' on the --ascii ladder"
	done
	cape
	uses_colour && fail "NO_COLOR=1 but the ladder has colours: $(sgr_params | sort -u | tr '\n' ' ')"
	key 1
	SEP="|"
	until_ok all 'view_is "side by side" && side_has left "initiating Main Mode" && side_has right "responding to Main Mode"' ||
		fail "1: no side by side view with the panes separated by |"
	has "│" && fail "--ascii: the side-by-side view uses │"
	cape
	uses_colour && fail "NO_COLOR=1 but the side-by-side view has colours: $(sgr_params | sort -u | tr '\n' ' ')"
	q_exits
	;;
truncated-open)
	# issue 16: a log truncated while the console has it open (a rotation
	# with copytruncate) must not kill it (a mapped file did: SIGBUS, the
	# terminal left raw). Once while it loads, once after it was read.
	python3 - "$S/left.log" "$T/big.log" <<'PY'
import sys
lines = open(sys.argv[1]).read()
with open(sys.argv[2], "w") as f:
    for _ in range(40000):
        f.write(lines)
PY
	start 200 20 open "$T/big.log" "$S/right.log"
	until_ok status_has "(loading " || fail "test setup: the big log is not loading"
	: >"$T/big.log"
	until_ok last_has "big.log shrank while it was read" || fail "a log truncated while loading: no word that it shrank"
	until_ok status_has "top finding" || fail "the analysis did not finish after the truncation"
	for k in G g NPage NPage G 2 1 Enter Escape g; do key "$k"; done
	until_ok all 'view_is "side by side" && side_has left "initiating Main Mode"' ||
		fail "after the truncation the lines read are not shown"
	has "EXIT:" && fail "the console ended after its log was truncated while loading"
	q_exits
	until_ok has "icanon" || fail "no stty output after the program"
	tty_restored || fail "the terminal modes are not restored (icanon, echo)"
	# read completely, then truncated: every line shown is redrawn from memory
	cp "$S/left.log" "$T/left.log"
	start 200 30 open "$T/left.log" "$S/right.log"
	until_ok status_has "$LOADED" || fail "the analysis did not finish (second run)"
	: >"$T/left.log"
	for k in G g NPage PPage 2 1 G g; do key "$k"; done
	until_ok all 'view_is "side by side" && side_has left "initiating Main Mode" && side_has left "received Vendor ID payload"' ||
		fail "the lines of the truncated log are not shown any more"
	key G
	until_ok side_has left "discarding duplicate packet" || fail "G: the last lines of the truncated log are not shown"
	key g
	tm resize-window -t "$SESS" -x 160 -y 40
	until_ok all '[ "$(nrows)" -eq 40 ] && side_has left "initiating Main Mode"' || fail "no redraw after the truncation"
	has "EXIT:" && fail "the console ended after its log was truncated"
	q_exits
	until_ok has "icanon" || fail "no stty output after the program"
	tty_restored || fail "the terminal modes are not restored (icanon, echo)"
	;;
long-command)
	# issue 16: a status command longer than 511 bytes is shown and run
	# whole (it was cut at 511 bytes and the cut command ran on the
	# gateway). Both gateways are a real OpenSSH server in a private network
	# namespace that has only its loopback; the console runs in it too.
	[ "$(id -u)" = 0 ] || fail "needs root (a private network namespace for sshd)"
	[ -x /usr/sbin/sshd ] || fail "openssh-server is not installed"
	NS="tdui$$"
	ip netns add "$NS" || fail "ip netns add $NS failed"
	trap 'tm kill-server >/dev/null 2>&1; [ -f "$T/sshd.pid" ] && kill "$(cat "$T/sshd.pid")" 2>/dev/null; ip netns del "$NS" 2>/dev/null; rm -rf "$T"' EXIT
	ip -n "$NS" link set lo up || fail "no loopback in $NS"
	ssh-keygen -q -t ed25519 -N '' -f "$T/hostkey" || fail "ssh-keygen failed"
	ssh-keygen -q -t ed25519 -N '' -f "$T/userkey" || fail "ssh-keygen failed"
	cp "$T/userkey.pub" "$T/authorized_keys"
	mkdir -p /run/sshd
	printf '%s\n' "Port 2222" "ListenAddress 127.0.0.1" "HostKey $T/hostkey" "PidFile $T/sshd.pid" \
		"AuthorizedKeysFile $T/authorized_keys" "UsePAM no" "StrictModes no" "PermitRootLogin prohibit-password" \
		"PasswordAuthentication no" "KbdInteractiveAuthentication no" >"$T/sshd_config"
	ip netns exec "$NS" /usr/sbin/sshd -f "$T/sshd_config" -E "$T/sshd.log" || fail "sshd did not start"
	echo "[127.0.0.1]:2222 $(cut -d' ' -f1,2 "$T/hostkey.pub")" >"$T/known_hosts"
	cp "$S/left.log" "$T/left.log"
	cp "$S/right.log" "$T/right.log"
	mkdir "$T/home"
	# 600 bytes of padding, then what proves the end ran: its output is
	# LONG_COMMAND_42, which the command's own text does not contain
	pad=$(printf 'x%.0s' $(seq 600))
	long=": $pad; echo LONG_COMMAND_\$((6*7))"
	[ ${#long} -gt 511 ] || fail "test setup: the command is only ${#long} bytes"
	TD_PREFIX="ip netns exec $NS" TD_ENV="HOME=$T/home" start 200 45 connect --profile mguard \
		-i "$T/userkey" --known-hosts "$T/known_hosts" --left-log-file "$T/left.log" --right-log-file "$T/right.log" \
		--status-cmd "$long" --record "$T/rec" root@127.0.0.1:2222 root@127.0.0.1:2222
	WAIT=20 until_ok status_has "top finding: udp4500-blocked" || fail "the live session did not bring both logs"
	key 4
	until_ok all 'view_is checklist && body_has "(mguard 1.3.3)"' || fail "4: no checklist"
	type_text r
	until_ok last_has "over SSH?" || fail "r: no question before running"
	until_ok has 'LONG_COMMAND_$((6*7))' || fail "the command shown before running is not whole (its end is missing)"
	type_text y
	key Enter
	until_ok last_has "running: : xxx" || fail "the run did not start"
	# the status step is not on the walk shown: the checklist kept with the
	# recording has its answer and evidence
	# (its end is "finished: <step>": a notice that the walk moved must not
	# look like the end of the run)
	WAIT=20 until_ok last_has "finished: " || fail "the run did not finish"
	q_exits
	grep -qF "LONG_COMMAND_42" "$T/rec/checklist.json" ||
		fail "the status step's evidence lacks the output of the long command's end: it did not run whole"
	;;
narrow-sbs)
	# issue 14: side by side at 80x24 and 120x40 shows at least 20
	# characters of each message for an mGuard, a libreswan and a
	# strongSwan pair, the exchange step in the gutter of aligned rows, and
	# sideways scroll reveals the end of a long line
	SAM="$SRC/kb/samples"
	for size in 80x24 120x40; do
		w=${size%x*} h=${size#*x}
		while IFS='|' read -r dir lmsg rmsg date; do
			start "$w" "$h" open "$SAM/$dir/left.log" "$SAM/$dir/right.log"
			until_ok status_has "top finding: " || fail "$size $dir: the analysis did not finish"
			for pair in "left|$lmsg" "right|$rmsg"; do
				side=${pair%%|*} text=${pair#*|}
				type_text /
				type_text "$text"
				key Enter
				until_ok side_has "$side" "$text" || fail "$size $dir: '$text' (${#text} characters) is not visible on the $side side"
			done
			# the short times leave the date to the header (the cursor's line)
			if [ -n "$date" ]; then
				head_has "| side by side | $date | " || fail "$size $dir: the header does not carry the date $date"
			else
				head_has "| side by side | offset" || head_has "| side by side | clock offset" ||
					fail "$size $dir: a date in the header, but the log has none"
			fi
			q_exits
		done <<'PAIRS'
mguard-1.3.3-udp4500|STATE_MAIN_I3: sent MI|STATE_MAIN_R2: sent MR
lab-psk-mismatch-v1|initiating IKEv1 Main|probable authenticatio|Nov 23
lab-psk-mismatch-v2|received AUTHENTICATIO|tried 1 shared key for|Nov 23
PAIRS
		start "$w" "$h" "${OPEN[@]}"
		until_ok status_has "$LOADED" || fail "$size: the analysis did not finish"
		key g
		until_ok all "body | grep -qE 'initiating Main Mode *│MI1 +✓ *│.*responding to Main Mode'" ||
			fail "$size: the aligned MI1 row has no step gutter 'MI1 ✓' between its two lines"
		body_has 'MAI1950251842_1 #55' || fail "$size: no header row with the left connection and state"
		type_text /
		type_text "sent MI3"
		key Enter
		until_ok all "body | grep -qE 'sent MI3.*│MI3 +✗ *│'" || fail "$size: the lost MI3 has no 'MI3 ✗' in the gutter"
		# the search scrolled sideways to show its match whole: back, then
		# the last left line is long: its end only after scrolling sideways
		for i in 1 2 3 4; do type_text '<'; done
		key G
		until_ok side_has left "max number of retrans" || fail "$size: G did not show the last line"
		has "encrypted message" && fail "$size: test setup: the end of the long line is visible before scrolling"
		for i in $(seq 16); do side_has left "encrypted message" && break; type_text '>'; sleep 0.2; cap; done
		side_has left "encrypted message" || fail "$size: > did not reveal the end of the long line"
		for i in $(seq 16); do type_text '<'; done
		until_ok all '! has "encrypted message" && side_has left "max number of retrans"' || fail "$size: < did not scroll back"
		for i in $(seq 16); do side_has left "encrypted message" && break; key S-Right; sleep 0.2; cap; done
		side_has left "encrypted message" || fail "$size: Shift-Right did not reveal the end of the long line"
		type_text w
		until_ok all 'side_has left "MAI1950251842_1" && last_has "full lines"' || fail "$size: w did not show the lines whole"
		q_exits
	done
	;;
narrow-views)
	# issue 14: at 80x24 and 120x40 the findings' detail scrolls to what to
	# do, the ladder's status column shows LOST, search says match k of N
	# (and when it wrapped) and highlights the match
	for size in 80x24 120x40; do
		w=${size%x*} h=${size#*x}
		start "$w" "$h" "${OPEN[@]}"
		until_ok status_has "$LOADED" || fail "$size: the analysis did not finish"
		key 2
		until_ok all 'view_is ladder && body | grep -qE "MI3 .*LOST"' || fail "$size: the ladder's status column does not show LOST for MI3"
		[ "$(widest)" -le "$w" ] || fail "$size: a ladder line is $(widest) columns wide"
		key 3
		until_ok all 'view_is findings && body_has "1. [error]"' || fail "$size: no findings"
		if [ "$w" = 80 ]; then
			body_has "Find the device between the gateways" && fail "test setup: the remedy is on screen at 80x24 before scrolling"
			body_has "more below: PgDn" || fail "80x24: the bar does not say there is more below"
		fi
		for i in 1 2 3 4; do body_has "Find the device between the gateways" && break; key NPage; sleep 0.2; cap; done
		until_ok all 'body_has "what to do" && body_has "Find the device between the gateways"' ||
			fail "$size: PgDn did not scroll the finding's detail to what to do"
		key 1
		until_ok view_is "side by side" || fail "$size: 1: no side by side view"
		type_text /
		type_text "sent M"
		key Enter
		until_ok all 'last_has "match 1 of " && last_has "continued at the top"' || fail "$size: no 'match 1 of N' with the wrap notice"
		n=$(row "$(nrows)" | sed -n 's/.*match 1 of \([0-9]*\).*/\1/p')
		[ "${n:-0}" -ge 2 ] || fail "$size: 'match 1 of $n': the sample has 2 rows with 'sent M'"
		cape
		grep -qE $'\e\\[([0-9;]*;)?43(;[0-9;]*)?msent M' "$T/screen.e" || fail "$size: the match is not highlighted"
		type_text n
		until_ok last_has "match 2 of $n" || fail "$size: n: no 'match 2 of $n'"
		type_text N
		type_text N
		until_ok all 'last_has "match $n of $n" && last_has "continued at the end"' || fail "$size: N past the first: no wrap to the last match"
		q_exits
	done
	;;
german-keys)
	# issue 14: in German j answers ja in the checklist, h opens the help
	for size in 80x24 120x40; do
		start "${size%x*}" "${size#*x}" --lang de "${OPEN[@]}"
		until_ok status_has "udp4500-blocked" || fail "$size: the analysis did not finish"
		type_text h
		until_ok all 'view_is Hilfe && body_has "j "' || fail "$size: h: no German help"
		key 4
		until_ok all 'view_is Checkliste && body_has "j ja/erledigt" && last_has "j Checkliste: erledigt / ja"' ||
			fail "$size: 4: the German checklist does not say j answers ja"
		until_ok all "body | grep -q '^\[?\] Prüfen Sie alle Instanzen'" || fail "$size: the remedy step is not open"
		type_text j
		until_ok all "body | grep -q '^\[y\] Prüfen Sie alle Instanzen' && body_has 'erledigt (der Techniker)'" ||
			fail "$size: j did not answer the open step (ja/erledigt) in German"
		body_has "[=] " || fail "$size: after j the walk did not reach the conclusion"
		q_exits
	done
	;;
single-log)
	# issue 14: one log uses the whole width (no empty right half)
	for size in 80x24 120x40; do
		w=${size%x*} h=${size#*x}
		start "$w" "$h" open "$S/left.log"
		until_ok all 'view_is "side by side" && body_has "initiating Main Mode"' || fail "$size: the single log is not shown"
		body | grep -qF "$SEP" && fail "$size: a single log still has a separator"
		[ "$(widest)" -gt $((w / 2 + 10)) ] || fail "$size: the single log's lines take only $(widest) of $w columns"
		q_exits
	done
	# a LANCOM trace alone: its ladder names the phases in words, in both languages
	for lw in "en|phase 1 started|timeout" "de|Phase I gestartet|Zeitüberschreitung"; do
		IFS='|' read -r lang w1 w2 <<<"$lw"
		start 80 24 --lang "$lang" open "$SRC/kb/samples/lancom-0x1106-no-response/left.log"
		key 2
		until_ok all 'body_has "$w1" && body_has "$w2"' || fail "$lang: the LANCOM ladder does not name its phases in words"
		has "L_P1_START" && fail "$lang: the ladder shows the internal step name L_P1_START"
		q_exits
	done
	;;
resize-filled)
	# issue 14: after G, e or a resize the screen stays filled to the end
	filled() { body | grep -c '[^ │]' ; }
	start 80 24 "${OPEN[@]}"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key G
	until_ok side_has left "max number of retrans" || fail "G did not go to the end"
	[ "$(filled)" -ge 20 ] || fail "80x24 after G: only $(filled) of 21 body rows filled"
	tm resize-window -t "$SESS" -x 120 -y 40 || fail "tmux resize-window failed"
	until_ok all '[ "$(nrows)" -eq 40 ] && [ "$(filled)" -ge 36 ]' || fail "120x40 after the resize: only $(filled) of 37 body rows filled"
	type_text e
	until_ok last_has "errors only" || fail "e: no errors-only filter"
	row 2 | grep -q '[^ │]' || fail "e: the first body row is empty"
	[ "$(filled)" -ge 4 ] || fail "e: only $(filled) rows filled (the errors and their header rows)"
	type_text G
	row 2 | grep -q '[^ │]' || fail "e then G: the first body row is empty (the last line alone at the top?)"
	q_exits
	;;
status-names)
	# issue 14: long file names give way before the figures on the status line
	ln=left-gateway-a-with-a-very-long-name-from-the-ticket-system-2026-12-02T0415.log
	cp "$S/left.log" "$T/$ln"
	cp "$S/right.log" "$T/right-gateway-b-with-a-very-long-name-2026-12-02T0415.log"
	start 120 40 open "$T/$ln" "$T/right-gateway-b-with-a-very-long-name-2026-12-02T0415.log"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	row "$(($(nrows) - 1))" | grep -qE "L: …[^ ]*\.log 19 lines( openswan-mguard)? \| R: …[^ ]*\.log 19 lines( openswan-mguard)? *$" ||
		fail "120 columns: the names are not shortened before both sides' figures"
	tm resize-window -t "$SESS" -x 80 -y 24 || fail "tmux resize-window failed"
	until_ok all '[ "$(nrows)" -eq 24 ] && status_has "top finding: udp4500-blocked (mguard 1.3.3) | L: …" && status_has ".log 19 lines"' ||
		fail "80 columns: the left side's line count is cut"
	until_ok head_has "offset R-L +651 ms | RTT 2217 ms" || fail "80 columns: the header's offset and round-trip time are cut"
	q_exits
	;;
mouse)
	# issue 14: a click selects a row (here a checklist node and a ladder
	# row), the wheel scrolls; --no-mouse leaves the mouse to the terminal.
	# The terminal's SGR mouse reports are sent as the terminal would.
	click() { type_text $'\e'"[<0;$1;$2M"; type_text $'\e'"[<0;$1;$2m"; }
	wheel_down() { type_text $'\e'"[<65;$1;$2M"; }
	for nm in "" --no-mouse; do
		start 80 24 open $nm "$S/left.log" "$S/right.log"
		until_ok status_has "$LOADED" || fail "the analysis did not finish"
		key 4
		until_ok all 'view_is checklist && body | grep -q "^\[?\] "' || fail "4: no checklist"
		cape
		reverse_on "[?] Check every device" || fail "test setup: the open node is not selected"
		click 5 4
		sleep 0.3
		cape
		if [ -z "$nm" ]; then
			until_ok all 'cape; reverse_on "[y] Is the responder stuck"' || fail "a click on the first node did not select it"
		else
			reverse_on "[y] Is the responder stuck" && fail "--no-mouse: a click still selected the node"
			reverse_on "[?] Check every device" || fail "--no-mouse: the selection moved"
		fi
		q_exits
	done
	start 80 24 open "$S/left.log" "$S/right.log"
	until_ok status_has "$LOADED" || fail "the analysis did not finish"
	key 2
	until_ok all 'view_is ladder && body_has "MI1"' || fail "2: no ladder"
	# the ladder's 5th body row (screen row 6) is MR2
	click 10 6
	until_ok all 'cape; grep -F "MR2" "$T/screen.e" | grep -qE $'"'"'\e\\[([0-9;]*;)?7(;[0-9;]*)?m'"'"'' ||
		fail "a click on the MR2 row did not select it"
	key 1
	key g
	sel() { grep -nE $'\e\\[([0-9;]*;)?7(;[0-9;]*)?m' "$T/screen.e" | grep -v "tunneldoc |" | head -n 1 | cut -d: -f1; }
	until_ok all 'cape; [ "$(sel)" = 3 ]' || fail "g: the cursor is not on the first line (below its header row)"
	wheel_down 10 10
	until_ok all 'cape; [ "$(sel)" = 6 ]' || fail "the wheel did not move the cursor 3 rows down (at row $(sel))"
	q_exits
	;;
*)
	echo "unknown case $CASE"; exit 2;;
esac
echo "ok [$CASE]"
