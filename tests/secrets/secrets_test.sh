#!/usr/bin/env bash
# secrets_test.sh - the golden secrets test (issue 16, item 2): every form
# of secret tests/secrets/plant.py knows is planted into two real logs and
# into a status command's output, and EVERY output is searched for the
# planted values.
# Usage: secrets_test.sh BINARY SOURCE_DIR CASE
#   offline  analyze (text, --json, --report x.md, --report x.json), and
#            config-diff on configurations that hold secrets
#   live     against real OpenSSH servers in the lab's network namespaces
#            (tests/lab/lab.sh): connect --batch --record DIR (--json,
#            --report both ways) and its files and checklist.json, report DIR
#            (Markdown, JSON, -o), snapshot bundles (logs, status output,
#            session.json) and analyze DIR. Root only; a case that cannot run
#            fails.
#   console  the console (tmux) on both gateways with --record: a note that
#            holds secrets, DIR/checklist.json, --report, report DIR
# Prints `ok [CASE]` or `FAIL [CASE]: why` (exit 1).
set -u
BIN=$(readlink -f "$1")
SRC=$(readlink -f "$2")
CASE=$3
KB="$SRC/kb"
PLANT="$SRC/tests/secrets/plant.py"
LAB="$SRC/tests/lab/lab.sh"
LIB="$SRC/tests/live/livelib.py"
SAMPLE="$SRC/kb/samples/lab-psk-mismatch-v1"
SCENARIO=psk-mismatch-v1 # libreswan, idle: only sshd matters
PY=$(command -v python3)

T=$(mktemp -d /tmp/tdsecrets.XXXXXX)
chmod 0755 "$T" # the lab's ssh user reads the planted logs in it
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	if [ -f "$T/lab/state.env" ]; then
		"$LAB" --dir "$T/lab" down >/dev/null 2>&1 || echo "secrets_test.sh: lab down failed for $T/lab" >&2
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

fail() {
	echo "FAIL [$CASE]: $*"
	exit 1
}
jget() { "$PY" "$LIB" json "$@"; }

[ -x "$BIN" ] || fail "no binary $BIN"
"$PY" "$PLANT" logs "$SAMPLE/left.log" "$SAMPLE/right.log" "$T/a.log" "$T/b.log" || fail "plant.py logs failed"
"$PY" "$PLANT" status "$T/status.txt" || fail "plant.py status failed"
chmod 0644 "$T/a.log" "$T/b.log" "$T/status.txt"
"$PY" "$PLANT" needles >"$T/needles"
# the test means something only if every planted value is in the input
while read -r n; do
	grep -qF -- "$n" "$T/a.log" || fail "test setup: $n not planted in the left log"
	grep -qF -- "$n" "$T/status.txt" || [ "$n" = TDSEC42 ] || [ "$n" = TDSEC43 ] || fail "test setup: $n not in the status output"
done <"$T/needles"

# leaks FILE...: fail naming each planted value found in any FILE
leaks() {
	local f n found="" k=0
	for f in "$@"; do
		[ -e "$f" ] || fail "no output $f"
		while read -r n; do
			grep -qaF -- "$n" "$f" || continue
			k=$((k + 1))
			((k <= 12)) && found+=$'\n'"  ${f#"$T"/}: $n in: $(grep -aF -m1 -- "$n" "$f" | head -c 200)"
		done <"$T/needles"
	done
	[ -z "$found" ] || fail "$k planted secrets (file: value) in the outputs, the first:$found"
}

# readable FILE: the redaction kept the messages that only mention keys,
# and the diagnosis still sees the PSK mismatch
readable() {
	grep -qF "probable authentication failure (mismatch of preshared secrets?)" "$1" ||
		fail "$1 lost the guide's message that mentions preshared secrets"
	grep -qF "psk-mismatch" "$1" || fail "$1 lacks the psk-mismatch diagnosis"
}

# Bring up the lab (gateways with sshd in network namespaces).
lab_up() {
	local out
	[ "$(id -u)" = 0 ] || fail "needs root (network namespaces)"
	{ [ -x /usr/sbin/sshd ] && [ -x /usr/libexec/ipsec/pluto ]; } || fail "lab software missing: run tests/lab/install.sh"
	out=$("$LAB" --dir "$T/lab" up "$SCENARIO" 2>"$T/lab-up.err") || fail "lab.sh up failed: $(tail -n 3 "$T/lab-up.err")"
	eval "$out"
	A="$TDLAB_SSH_USER@$TDLAB_MGMT_A"
	B="$TDLAB_SSH_USER@$TDLAB_MGMT_B"
	mkdir -p "$T/home"
	ssh_opts=(-i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" --left-log-file "$T/a.log" --right-log-file "$T/b.log")
}

case "$CASE" in
offline)
	td() { "$BIN" --kb "$KB" "$@"; }
	td analyze "$T/a.log" "$T/b.log" >"$T/out.txt" 2>"$T/err.txt" || fail "analyze: exit $?: $(head -c 300 "$T/err.txt")"
	td --lang de analyze "$T/a.log" "$T/b.log" >"$T/out-de.txt" 2>>"$T/err.txt" || fail "analyze --lang de: exit $?"
	td analyze --json "$T/a.log" "$T/b.log" >"$T/out.json" 2>>"$T/err.txt" || fail "analyze --json: exit $?"
	td analyze --report "$T/rep.md" "$T/a.log" "$T/b.log" >/dev/null 2>>"$T/err.txt" || fail "analyze --report x.md: exit $?"
	td analyze --report "$T/rep.json" "$T/a.log" "$T/b.log" >/dev/null 2>>"$T/err.txt" || fail "analyze --report x.json: exit $?"
	leaks "$T/out.txt" "$T/out-de.txt" "$T/out.json" "$T/rep.md" "$T/rep.json" "$T/err.txt"
	readable "$T/out.json"
	readable "$T/rep.md"
	# config-diff reads both ends' configuration, secrets included
	cp -r "$SRC/tests/golden/config" "$T/conf"
	cat >>"$T/conf/sw-b.swanctl.conf" <<-'EOF'
	secrets {
	  ike-b { id = 198.51.100.20 secret = TDSEC19 }
	  eap-carol { id = carol secret = "TDSEC20" }
	  xauth-x { secret = TDSEC21 }
	  private-k { file = k.pem secret = TDSEC22 }
	}
	EOF
	printf '    leftxauthpass=TDSEC23\n    psk="TDSEC26"\n' >>"$T/conf/lsw-west.d/tunnel.conf"
	grep -q '^  ike-b { .*TDSEC19' "$T/conf/sw-b.swanctl.conf" || fail "test setup: no secrets planted in the swanctl.conf"
	for o in "" --json "--all --json" --all; do
		# shellcheck disable=SC2086
		td config-diff $o "$T/conf/lsw-west.conf" "$T/conf/sw-b.swanctl.conf" >>"$T/config-diff.out" 2>&1
		[ $? -le 1 ] || fail "config-diff $o: exit status above 1"
	done
	# a malformed file: the error names file and line, not the value
	printf 'secrets {\n  ike-z { secret = "TDSEC24\n' >"$T/conf/bad.swanctl.conf"
	td config-diff "$T/conf/lsw-west.conf" "$T/conf/bad.swanctl.conf" >>"$T/config-diff.out" 2>&1
	# analyze with both configurations: text, JSON and both reports
	cfg=(--left-config "$T/conf/lsw-west.conf" --right-config "$T/conf/sw-b.swanctl.conf")
	td analyze "${cfg[@]}" "$T/a.log" "$T/b.log" >>"$T/config-diff.out" 2>&1 || fail "analyze --left-config: exit $?"
	td analyze --json "${cfg[@]}" "$T/a.log" "$T/b.log" >"$T/out-cfg.json" 2>>"$T/config-diff.out" || fail "analyze --json --left-config: exit $?"
	td analyze --report "$T/rep-cfg.md" "${cfg[@]}" "$T/a.log" "$T/b.log" >/dev/null 2>>"$T/config-diff.out" || fail "analyze --report .md with configs: exit $?"
	td analyze --report "$T/rep-cfg.json" "${cfg[@]}" "$T/a.log" "$T/b.log" >/dev/null 2>>"$T/config-diff.out" || fail "analyze --report .json with configs: exit $?"
	grep -qF "\"syntax\":\"swanctl.conf\"" "$T/out-cfg.json" || fail "analyze did not read the configurations"
	leaks "$T/out-cfg.json" "$T/rep-cfg.md" "$T/rep-cfg.json"
	grep -qF "198.51.100" "$T/config-diff.out" || fail "config-diff compared nothing: $(head -c 300 "$T/config-diff.out")"
	leaks "$T/config-diff.out"
	# the evidence carried the planted lines, redacted (not dropped)
	n=$(grep -o '\*\*\*' "$T/out.json" | wc -l)
	[ "$n" -ge 3 ] || fail "only $n redactions in the JSON: the planted lines did not reach the evidence"
	;;
live)
	lab_up
	tdns() { timeout -k 5 60 ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" "$BIN" --kb "$KB" "$@"; }
	# a recorded batch session, both report forms
	tdns connect --batch --duration 5 --json --record "$T/rec" --report "$T/live.md" "${ssh_opts[@]}" "$A" "$B" \
		>"$T/live.json" 2>"$T/err.txt" || fail "connect --record: exit $?: $(head -c 300 "$T/err.txt")"
	tdns connect --batch --duration 4 --record "$T/rec2" --report "$T/live-report.json" "${ssh_opts[@]}" "$A" "$B" \
		>"$T/live.txt" 2>>"$T/err.txt" || fail "connect --report x.json: exit $?: $(head -c 300 "$T/err.txt")"
	# the session report of the recording, every way
	tdns report "$T/rec" >"$T/report.md" 2>>"$T/err.txt" || fail "report DIR: exit $?"
	tdns report --json "$T/rec" >"$T/report.json" 2>>"$T/err.txt" || fail "report --json DIR: exit $?"
	tdns report -o "$T/report-o.json" "$T/rec" 2>>"$T/err.txt" || fail "report -o x.json DIR: exit $?"
	# a snapshot with the status output, and its analysis
	tdns snapshot --out "$T/snap" --profile libreswan --status-cmd "cat $T/status.txt" -i "$TDLAB_SSH_KEY" \
		--known-hosts "$TDLAB_KNOWN_HOSTS" --left-log-file "$T/a.log" --right-log-file "$T/b.log" "$A" "$B" \
		>"$T/snap.out" 2>>"$T/err.txt" || fail "snapshot: exit $?: $(tail -n 3 "$T/err.txt")"
	tdns analyze --json "$T/snap" >"$T/snap-analyze.json" 2>>"$T/err.txt" || fail "analyze DIR: exit $?"
	tdns report "$T/snap" >"$T/snap-report.md" 2>>"$T/err.txt" || fail "report snapshot: exit $?"
	leaks "$T/live.json" "$T/live.txt" "$T/live.md" "$T/live-report.json" "$T"/rec/* "$T"/rec2/* \
		"$T/report.md" "$T/report.json" "$T/report-o.json" "$T"/snap/* "$T/snap.out" "$T/snap-analyze.json" \
		"$T/snap-report.md" "$T/err.txt"
	for f in left.log right.log left.times right.times session.json checklist.json; do
		[ -f "$T/rec/$f" ] || fail "--record wrote no $f"
		[ "$(stat -c %a "$T/rec/$f")" = 600 ] || fail "rec/$f is mode $(stat -c %a "$T/rec/$f"), want 600"
	done
	# one recorded line per line received, the certificate's body as it was
	[ "$(wc -l <"$T/rec/left.log")" = "$(wc -l <"$T/a.log")" ] ||
		fail "rec/left.log has $(wc -l <"$T/rec/left.log") lines, a.log $(wc -l <"$T/a.log")"
	while read -r c; do
		grep -qxF -- "$c" "$T/rec/left.log" || fail "the certificate line $c was changed in the recording"
	done < <("$PY" "$PLANT" cert)
	grep -qxF "[private key redacted]" "$T/rec/left.log" || fail "the recording does not say a private key was redacted"
	grep -q '^000 Connection list:' "$T/snap/left-status.txt" || fail "the status command did not run: $(head -c 200 "$T/snap/left-status.txt")"
	grep -qxF "[private key redacted]" "$T/snap/left-status.txt" || fail "the key in the status output was not redacted as a block"
	for f in "$T"/snap/*; do
		[ "$(stat -c %a "$f")" = 600 ] || fail "${f#"$T"/} is mode $(stat -c %a "$f"), want 600"
	done
	readable "$T/live.json"
	readable "$T/report.md"
	[ "$(jget "$T/live.json" "d['sides']['left']['connection']['state']")" = streaming ] || fail "left side did not stream"
	;;
console)
	# a console session (tmux) streaming both gateways with --record: a
	# note holding secrets goes into DIR/checklist.json and the report
	lab_up
	SOCK=tdsec$$
	# shellcheck source=../tui/tuilib.sh
	. "$SRC/tests/tui/tuilib.sh"
	trap 'tm kill-server >/dev/null 2>&1; cleanup' EXIT
	TD_PREFIX="ip netns exec $TDLAB_NS_TECH env HOME=$T/home"
	start 200 45 connect "${ssh_opts[@]}" --record "$T/crec" --report "$T/console.md" "$A" "$B"
	until_ok all '[ "$(grep -o "lines \[live\]" "$T/screen" | wc -l)" = 2 ]' || fail "both sides should stream"
	# the log lines on screen are redacted like every other output (full
	# lines: the planted form is at the end of each line)
	key 1
	key w
	until_ok all 'body_has "***"' || fail "side by side shows no redacted line: $(cat "$T/screen")"
	body_has TDSEC && fail "side by side shows a planted secret: $(grep TDSEC "$T/screen" | head -3)"
	body | grep -q "^[^ ]*[A-Za-z0-9+/]\{60,\}$" && fail "side by side shows a key body"
	key w
	key 4
	until_ok all 'view_is checklist && body_has "(mguard 1.3.4.1)"' || fail "4: no checklist at the PSK step"
	type_text n
	until_ok last_has "note: " || fail "n gave no note prompt"
	type_text "pass='TDSEC09' leftpsk=TDSEC12 {\"psk\": \"TDSEC14\"} Passwort: TDSEC16 : PSK 0sTDSEC02b64x=="
	key Enter
	until_ok all 'body_has "note: " && ! last_has "note:"' || fail "the note is not shown under the step"
	body_has TDSEC && fail "the console keeps the secrets of the note"
	q_exits
	[ -f "$T/crec/checklist.json" ] || fail "the console wrote no checklist.json"
	timeout 30 "$BIN" --kb "$KB" report "$T/crec" >"$T/creport.md" 2>"$T/err.txt" || fail "report DIR: exit $?"
	timeout 30 "$BIN" --kb "$KB" report --json "$T/crec" >"$T/creport.json" 2>>"$T/err.txt" || fail "report --json DIR: exit $?"
	leaks "$T"/crec/* "$T/console.md" "$T/creport.md" "$T/creport.json" "$T/err.txt"
	grep -qF "pass='***'" "$T/crec/checklist.json" || fail "the note is not in checklist.json: $(head -c 400 "$T/crec/checklist.json")"
	grep -qF "pass='***'" "$T/creport.md" || fail "the note is not in the report of the recording"
	[ "$(stat -c %a "$T/crec/checklist.json")" = 600 ] || fail "checklist.json is not private"
	;;
*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "ok [$CASE]"
