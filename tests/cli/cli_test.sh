#!/usr/bin/env bash
# cli_test.sh CASE - black-box tests of the tunneldoc binary: exit codes,
# help, bad input of every kind, secrets, languages, JSON validity.
# Usage: cli_test.sh BINARY SOURCE_DIR CASE
set -u
BIN=$1
SRC=$2
CASE=$3
KB="$SRC/kb"
S="$SRC/kb/samples"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL [$CASE]: $*"; exit 1; }
td() { "$BIN" --kb "$KB" "$@"; }
# Run tunneldoc "$@" against a left gateway that takes the connection and
# never speaks SSH (@PORT@ in the arguments becomes its port, also left in
# $port); standard error in $T/e, the exit status in $rc.
against_silent_gw() {
	local lpid i
	python3 -c 'import socket,sys,time
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(4); print(s.getsockname()[1], flush=True)
c=[s.accept()[0] for _ in range(2)]; time.sleep(30)' >"$T/port" & lpid=$!
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$T/port" ] && break; sleep 0.2; done
	port=$(cat "$T/port")
	[ -n "$port" ] || { kill $lpid; fail "test setup: no listener"; }
	TUNNELDOC_SITES="$T/none.json" timeout 20 "$BIN" --kb "$KB" "${@//@PORT@/$port}" >/dev/null 2>"$T/e"; rc=$?
	kill $lpid 2>/dev/null; wait $lpid 2>/dev/null
	rm -f "$T/port"
}
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"; }

case "$CASE" in
help)
	td --help >"$T/o" || fail "--help exit $?"
	grep -q "analyze" "$T/o" || fail "--help lists no analyze"
	td --lang de --help | grep -q "Aufruf" || fail "German help missing"
	td analyze --help | grep -q -- "--json" || fail "analyze --help lacks --json"
	td --lang de analyze --help | grep -q "Optionen" || fail "German analyze help missing"
	;;
version)
	td --version >"$T/o" || fail "exit $?"
	grep -Eq '^tunneldoc [0-9]+\.[0-9]+\.[0-9]+$' "$T/o" || fail "no version line: $(cat "$T/o")"
	grep -Eq '^knowledge base: [0-9a-f]{12}$' "$T/o" || fail "no kb revision"
	;;
usage-errors)
	td analyze >/dev/null 2>"$T/e"; [ $? -eq 2 ] || fail "no args: want exit 2"
	grep -q "tunneldoc --help" "$T/e" || fail "usage error does not say what to do"
	td analyze --bogus x 2>/dev/null; [ $? -eq 2 ] || fail "bad option: want exit 2"
	td frobnicate 2>/dev/null; [ $? -eq 2 ] || fail "bad command: want exit 2"
	td analyze --width 5 a b 2>/dev/null; [ $? -eq 2 ] || fail "bad width: want exit 2"
	td analyze a b c 2>/dev/null; [ $? -eq 2 ] || fail "three files: want exit 2"
	td --lang fr analyze a 2>/dev/null; [ $? -eq 2 ] || fail "bad lang: want exit 2"
	td analyze --left-dialect nope "$S/mguard-1.3.3-udp4500/left.log" 2>"$T/e"; [ $? -eq 2 ] || fail "bad dialect: want exit 2"
	# a jump host that would become an option of the local ssh
	td connect --batch --jump -oProxyCommand=x 127.0.0.1:1 127.0.0.1:1 >/dev/null 2>"$T/e"; [ $? -eq 2 ] || fail "--jump -o...: want exit 2"
	grep -q "not starting with '-'" "$T/e" || fail "--jump -o...: $(cat "$T/e")"
	td connect --batch --left-jump=-v 127.0.0.1:1 127.0.0.1:1 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--left-jump=-v: want exit 2"
	;;
missing-input)
	td analyze "$T/nope.log" "$S/mguard-1.3.3-udp4500/right.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "want exit 1"
	grep -q "nope.log" "$T/e" || fail "message does not name the file"
	grep -q "check the path" "$T/e" || fail "message does not say what to do"
	;;
empty-files)
	: >"$T/a"; : >"$T/b"
	td analyze --json "$T/a" "$T/b" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["cause"]')" = unknown ] || fail "empty logs must give cause unknown"
	td analyze "$T/a" "$T/b" | grep -q "No finding" || fail "text output lacks 'No finding'"
	;;
binary-garbage)
	head -c 200000 /dev/urandom >"$T/a"
	cat "$S/mguard-1.3.3-udp4500/left.log" >>"$T/a"
	timeout 20 "$BIN" --kb "$KB" analyze --json "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["sides"]["left"]["binary_lines"] > 0')" = True ] || fail "binary lines not counted"
	[ "$(jget "$T/o" 'd["cause"]')" = udp4500-blocked ] || fail "the log after the garbage was not analysed"
	;;
huge-line)
	python3 -c 'import sys; sys.stdout.write("x"*(10*1024*1024)+"\n")' >"$T/a"
	cat "$S/mguard-1.3.3-udp4500/left.log" >>"$T/a"
	timeout 20 "$BIN" --kb "$KB" analyze --json "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["sides"]["left"]["truncated_lines"]')" = 1 ] || fail "10 MB line not reported as truncated"
	[ "$(jget "$T/o" 'd["cause"]')" = udp4500-blocked ] || fail "lines after the 10 MB line were not analysed"
	;;
truncated-lancom)
	head -n 13 "$S/lancom-0x1307-poll-failed/left.log" >"$T/a"
	td analyze --json "$T/a" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["sides"]["left"]["dialect"]')" = lancom ] || fail "not recognised as LANCOM"
	[ "$(jget "$T/o" 'len(d["rows"]) > 0')" = True ] || fail "nothing analysed from the truncated trace"
	;;
mixed-dialects)
	cat "$S/mguard-1.3.3-udp4500/left.log" "$S/lancom-0x1106-no-response/left.log" "$S/lab-psk-mismatch-v2/left.log" >"$T/a"
	td analyze --json "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	jget "$T/o" 'd["findings"][0]["cause"]' >/dev/null || fail "no findings for a mixed file"
	;;
crlf)
	sed 's/$/\r/' "$S/mguard-1.3.3-udp4500/left.log" >"$T/a"
	sed 's/$/\r/' "$S/mguard-1.3.3-udp4500/right.log" >"$T/b"
	td analyze --json "$T/a" "$T/b" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["cause"]')" = udp4500-blocked ] || fail "CRLF changed the diagnosis"
	grep -q $'\r' "$T/o" && fail "CR leaked into the output"
	;;
time-backwards)
	tac "$S/mguard-1.3.3-udp4500/left.log" >"$T/a"
	td analyze --json "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["sides"]["left"]["backwards_timestamps"] > 0')" = True ] || fail "backwards timestamps not counted"
	;;
missing-kb)
	"$BIN" --kb "$T/nokb" analyze "$S/mguard-1.3.3-udp4500/left.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "want exit 1"
	grep -q "causes.json" "$T/e" || fail "message does not name the missing file: $(cat "$T/e")"
	# no --kb, no TUNNELDOC_KB, a binary with no kb next to it: the
	# message names every place it looked and what to do
	mkdir "$T/bin" && cp "$BIN" "$T/bin/tunneldoc"
	(cd "$T" && env -u TUNNELDOC_KB "$T/bin/tunneldoc" --lang en analyze "$S/mguard-1.3.3-udp4500/left.log") \
		>/dev/null 2>"$T/e"; rc=$?
	[ $rc -eq 1 ] || fail "no kb anywhere: want exit 1, got $rc (an installed kb in the data dir is found; uninstall it to run this case)"
	grep -qF "looked in $T/bin/../kb, $T/bin/kb, $T/bin/../share/tunneldoc/kb" "$T/e" ||
		fail "message does not list the places looked in: $(cat "$T/e")"
	grep -q -- "--kb DIR" "$T/e" || fail "message does not say what to do: $(cat "$T/e")"
	;;
malformed-kb)
	cp -r "$KB" "$T/kb"
	f=$(ls "$T/kb/signatures/"*.json | head -n 1)
	python3 - "$f" <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["signatures"][1]["severity"]="fatal"; json.dump(d,open(sys.argv[1],"w"))
PY
	"$BIN" --kb "$T/kb" analyze "$S/mguard-1.3.3-udp4500/left.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "want exit 1"
	grep -q "$(basename "$f")" "$T/e" || fail "error does not name the file: $(cat "$T/e")"
	grep -q 'signatures\[1\].severity' "$T/e" || fail "error does not name the field: $(cat "$T/e")"
	printf '{"causes": [' >"$T/kb/causes.json"
	"$BIN" --kb "$T/kb" analyze "$S/mguard-1.3.3-udp4500/left.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "broken JSON: want exit 1"
	grep -q "causes.json" "$T/e" || fail "broken JSON: file not named"
	;;
secrets)
	# secrets on lines that are shown as evidence (first MI3, the give-up line)
	sed -e 's/STATE_MAIN_I3: sent MI3, expecting MR3/& PSK: "Sup3rSecretPSK"/' \
	    -e 's/reached STATE_MAIN_I3\./& password=hunter2xyz/' "$S/mguard-1.3.3-udp4500/left.log" >"$T/a"
	grep -q Sup3rSecretPSK "$T/a" && grep -q hunter2xyz "$T/a" || fail "test setup: secrets not planted"
	td analyze "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	td analyze --json "$T/a" "$S/mguard-1.3.3-udp4500/right.log" >>"$T/o" || fail "exit $?"
	grep -q "Sup3rSecretPSK\|hunter2xyz" "$T/o" && fail "a secret reached the output"
	grep -q 'PSK: "\*\*\*"' "$T/o" || fail "redacted PSK line not shown"
	grep -q 'password=\*\*\*' "$T/o" || fail "redacted password line not shown"
	;;
german)
	td --lang de analyze "$S/mguard-1.3.3-udp4500/left.log" "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "exit $?"
	grep -q "Befunde" "$T/o" || fail "German heading missing"
	grep -q "Uhrenversatz" "$T/o" || fail "German clock offset missing"
	LANG=de_DE.UTF-8 td analyze --json "$S/mguard-1.3.3-udp4500/left.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["lang"]')" = de ] || fail "language not taken from LANG"
	;;
single-log)
	td analyze --json --left "$S/mguard-1.3.3-udp4500/left.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["sides"]["right"]["present"]')" = False ] || fail "right side should be absent"
	[ "$(jget "$T/o" 'd["cause"]')" = udp4500-blocked ] || fail "single initiator log: want udp4500-blocked per guide 1.3.3"
	td analyze --json --right "$S/mguard-1.3.3-udp4500/right.log" >"$T/o" || fail "right-only exit $?"
	;;
json-shape)
	for d in "$S"/*/; do
		l="$d/left.log"; r="$d/right.log"
		args=()
		[ -f "$l" ] && args+=(--left "$l")
		[ -f "$r" ] && args+=(--right "$r")
		td analyze --json "${args[@]}" >"$T/o" || fail "$d: exit $?"
		python3 - "$T/o" <<'PY' || fail "$d: JSON shape"
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("sides", "rows", "findings", "clock_offset_ms", "rtt_ms", "cause"):
    assert k in d, "no key " + k
assert d["findings"], "no findings"
for f in d["findings"]:
    assert f["cause"] and isinstance(f["chapters"], list) and isinstance(f["evidence"], list) and isinstance(f["remedies"], list), f
for r in d["rows"]:
    assert r["step"] and r["status"] and "left" in r and "right" in r, r
c = d["checklist"]
assert c["tree"] in ("mguard", "lancom") and c["path"], c
for p in c["path"]:
    assert p["node"] and p["chapter"] and p["answer"] and p["text"], p
assert c["start_cause"] in (None, d["cause"], "established"), (c["start_cause"], d["cause"])
PY
	done
	;;
stdin)
	td analyze --json - "$S/mguard-1.3.3-udp4500/right.log" <"$S/mguard-1.3.3-udp4500/left.log" >"$T/o" || fail "exit $?"
	[ "$(jget "$T/o" 'd["cause"]')" = udp4500-blocked ] || fail "stdin input not analysed"
	;;
analyze-report)
	U="$S/mguard-1.3.3-udp4500"
	td analyze --report "$T/r.md" "$U/left.log" "$U/right.log" >"$T/o" || fail "exit $?"
	grep -q "udp4500-blocked" "$T/o" || fail "the text analysis is still printed"
	[ "$(stat -c %a "$T/r.md")" = 600 ] || fail "report mode $(stat -c %a "$T/r.md"), want 600"
	for want in "# tunneldoc session report" "## Gateways" "## Checklist" "(mguard 1.3.3) — yes (the logs)" \
		"max number of retransmissions" "### History"; do
		grep -qF -- "$want" "$T/r.md" || fail "report lacks '$want'"
	done
	td --lang de analyze --report "$T/r.json" "$U/left.log" "$U/right.log" >/dev/null || fail "exit $?"
	python3 - "$T/r.json" <<'PY' || fail "JSON report"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["checklist"]
assert d["lang"] == "de" and c["start_cause"] == "udp4500-blocked", c
assert c["path"][0]["by"] == "logs" and c["path"][0]["answer"] == "yes", c["path"][0]
assert c["path"][0]["answer_text"] == "ja", c["path"][0]
assert c["path"][-1]["answer"] == "open", c["path"][-1]
assert "report" in d and d["report"]["started_ms"] > 0
PY
	td analyze --report "$T/nodir/r.md" "$U/left.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "unwritable report: want exit 1"
	grep -q "cannot write the report" "$T/e" || fail "unwritable report: no message"
	# a live session checks the report file before it starts, not after the work
	td connect --batch --duration 5 --report "$T/nodir/r.md" 127.0.0.1:1 127.0.0.1:1 >/dev/null 2>"$T/e"
	[ $? -eq 2 ] || fail "connect with an unwritable report: want exit 2 at once"
	grep -q "check the directory and write permission" "$T/e" || fail "connect: no advice: $(cat "$T/e")"
	;;
report-dir)
	# a recorded session: the two logs, session.json, the console's answers
	U="$S/mguard-1.3.3-udp4500"
	mkdir "$T/sess"
	cp "$U/left.log" "$U/right.log" "$T/sess/"
	cat >"$T/sess/session.json" <<'EOF'
{"tool": "tunneldoc", "kind": "live", "started_ms": 1796100000000, "ended_ms": 1796100600000,
 "sides": {"left": {"target": "admin@gw-berlin", "profile": "mguard", "lines": 19, "reconnects": 0, "state": "streaming"},
           "right": {"target": "admin@gw-hamburg", "profile": "mguard", "lines": 19, "reconnects": 1, "state": "streaming"}}}
EOF
	cat >"$T/sess/checklist.json" <<'EOF'
{"tree": "mguard", "answers": [
 {"node": "p1-4500-fix", "answer": "done", "option": 0, "by": "technician", "evidence": null,
  "note": "opened 4500 on the site B firewall, password=Hunter2secret", "time_ms": 1796100300000},
 {"node": "no-such-node-any-more", "answer": "yes", "by": "technician", "time_ms": 1796100300001}]}
EOF
	td report "$T/sess" >"$T/o" || fail "exit $?"
	for want in "admin@gw-berlin" "admin@gw-hamburg" "— done (the technician)" "opened 4500 on the site B firewall" \
		"— conclusion: UDP port 4500" "password=***"; do
		grep -qF -- "$want" "$T/o" || fail "report lacks '$want'"
	done
	grep -q Hunter2secret "$T/o" && fail "a secret in a note reached the report"
	td report --json -o "$T/r.json" "$T/sess" || fail "-o: exit $?"
	[ "$(jget "$T/r.json" 'd["checklist"]["conclusion_cause"]')" = udp4500-blocked ] || fail "JSON: no conclusion"
	[ "$(jget "$T/r.json" 'd["sides"]["right"]["connection"]["reconnects"]')" = 1 ] || fail "JSON: connection facts of session.json missing"
	# one session directory is both sides for analyze too
	td analyze --json "$T/sess" >"$T/j" || fail "analyze DIR: exit $?"
	[ "$(jget "$T/j" 'd["sides"]["right"]["present"]')" = True ] || fail "analyze DIR read only one side"
	td report "$T/nothing-here" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "missing dir: want exit 1"
	grep -q "not a session" "$T/e" || fail "missing dir: no message ($(cat "$T/e"))"
	td report >/dev/null 2>&1; [ $? -eq 2 ] || fail "no dir: want exit 2"
	echo '{"tree": "atlantis", "answers": []}' >"$T/sess/checklist.json"
	td report "$T/sess" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "unknown tree: want exit 1"
	grep -q "checklist.json" "$T/e" || fail "unknown tree: the file is not named"
	;;
malformed-tree)
	cp -r "$KB" "$T/kb"
	python3 - "$T/kb/tree/mguard.json" <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["nodes"][3]["chapter"]="mguard 9.9"; json.dump(d,open(sys.argv[1],"w"))
PY
	"$BIN" --kb "$T/kb" analyze "$S/mguard-1.3.3-udp4500/left.log" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "want exit 1"
	grep -q "mguard.json" "$T/e" && grep -q 'nodes\[3\].*chapter' "$T/e" && grep -q "mguard 9.9" "$T/e" ||
		fail "error does not name file, node and field: $(cat "$T/e")"
	;;
sites)
	export TUNNELDOC_SITES="$T/sites.json"
	td sites >"$T/o" || fail "absent book: exit $?"
	grep -q "not there" "$T/o" || fail "absent book: no hint ($(cat "$T/o"))"
	[ -z "$(td sites --names)" ] || fail "absent book: --names not empty"
	cat >"$T/sites.json" <<'EOF'
{"sites": {
  "berlin-hamburg": {"description": "Berlin - Hamburg",
    "left": {"host": "gw-berlin", "user": "admin", "port": 2222, "profile": "mguard", "lan": "10.1.0.1"},
    "right": {"host": "gw-hamburg", "jump": "admin@bastion:2200", "status_cmd": "ipsec status lab", "config_cmd": "cat /etc/ipsec.conf"}},
  "lab": {"left": {"host": "203.0.113.2"}, "right": {"host": "203.0.113.6"}}
}}
EOF
	td sites >"$T/o" || fail "exit $?"
	grep -q "^berlin-hamburg .*admin@gw-berlin:2222 (mguard)  <->  gw-hamburg (auto)  Berlin - Hamburg" "$T/o" || fail "list: $(cat "$T/o")"
	[ "$(td sites --names | tr '\n' ' ')" = "berlin-hamburg lab " ] || fail "--names: $(td sites --names)"
	td sites --json >"$T/j" || fail "--json exit $?"
	[ "$(jget "$T/j" 'd["sites"]["berlin-hamburg"]["right"]["jump"]')" = "admin@bastion:2200" ] || fail "--json: no jump"
	[ "$(jget "$T/j" 'd["sites"]["berlin-hamburg"]["left"]["target"]')" = "admin@gw-berlin:2222" ] || fail "--json: no target"
	[ "$(jget "$T/j" 'd["sites"]["berlin-hamburg"]["right"]["status_cmd"]')" = "ipsec status lab" ] || fail "--json: no status_cmd"
	[ "$(jget "$T/j" 'd["sites"]["berlin-hamburg"]["right"]["config_cmd"]')" = "cat /etc/ipsec.conf" ] || fail "--json: no config_cmd"
	XDG_CONFIG_HOME="$T/xdg" TUNNELDOC_SITES= td sites >"$T/o" && grep -q "$T/xdg/tunneldoc/sites.json" "$T/o" || fail "XDG_CONFIG_HOME not honoured: $(cat "$T/o")"
	# malformed: the line and the field, in both languages, exit 1
	cp "$T/sites.json" "$T/good.json"
	sed 's/"port": 2222/"port": "x"/' "$T/good.json" >"$T/sites.json"
	td sites >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "bad port: want exit 1"
	grep -q "sites.json:3: sites.berlin-hamburg.left.port: must be a port number" "$T/e" || fail "bad port: $(cat "$T/e")"
	td --lang de sites >/dev/null 2>"$T/e"
	grep -q "muss eine Portnummer" "$T/e" || fail "German error missing: $(cat "$T/e")"
	sed 's/"lan": "10.1.0.1"/"password": "geheim"/' "$T/good.json" >"$T/sites.json"
	td sites >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "secret: want exit 1"
	grep -q "left.password: no secrets in the site book" "$T/e" || fail "secret not refused: $(cat "$T/e")"
	grep -q geheim "$T/e" && fail "the secret's value was printed"
	sed 's/"host": "gw-hamburg", //' "$T/good.json" >"$T/sites.json"
	td sites >/dev/null 2>"$T/e"
	grep -q "sites.json:4: sites.berlin-hamburg.right: \"host\" is missing" "$T/e" || fail "missing host: $(cat "$T/e")"
	sed 's/"user"/"usr"/' "$T/good.json" >"$T/sites.json"
	td sites >/dev/null 2>"$T/e"
	grep -q "left.usr: unknown field" "$T/e" || fail "typo not caught: $(cat "$T/e")"
	head -c 120 "$T/good.json" >"$T/sites.json"
	td sites >/dev/null 2>"$T/e"
	grep -q "sites.json:3: not valid JSON" "$T/e" || fail "truncated file: $(cat "$T/e")"
	# a malformed book stops 'connect SITE' but not connect with two gateways
	td connect --batch --duration 1 lab >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "connect SITE with a broken book: want exit 1"
	grep -q "give both gateways on the command line" "$T/e" || fail "connect SITE: no way out named: $(cat "$T/e")"
	td connect --batch --duration 1 --connect-timeout 1 --json 127.0.0.1:1 127.0.0.1:1 >"$T/j" 2>"$T/e"
	grep -q "sites.json" "$T/e" && fail "connect with two gateways read the broken book"
	[ "$(jget "$T/j" 'd["sides"]["left"]["connection"]["target"]')" = "127.0.0.1:1" ] || fail "two gateways: no report"
	# connect SITE fills both sides from the book (unreachable here: the report says where it went)
	sed 's/"203.0.113.2"/"127.0.0.1", "port": 1/; s/"203.0.113.6"/"127.0.0.1", "port": 1, "profile": "strongswan"/' "$T/good.json" >"$T/sites.json"
	td connect --batch --duration 1 --connect-timeout 1 --json lab >"$T/j" 2>"$T/e"
	[ "$(jget "$T/j" 'd["sides"]["right"]["connection"]["target"]')" = "127.0.0.1:1" ] || fail "connect SITE: target not from the book"
	[ "$(jget "$T/j" 'd["sides"]["right"]["connection"]["profile"]')" = strongswan ] || fail "connect SITE: profile not from the book"
	td connect --batch --duration 1 lbb >/dev/null 2>"$T/e"; [ $? -eq 2 ] || fail "a mistyped site: want exit 2"
	grep -q "no site 'lbb' in the site book (berlin-hamburg, lab)" "$T/e" || fail "a mistyped site: $(cat "$T/e")"
	td connect --batch --duration 1 --connect-timeout 1 --json --profile libreswan lab >"$T/j" 2>"$T/e"
	[ "$(jget "$T/j" 'd["sides"]["right"]["connection"]["profile"]')" = libreswan ] || fail "--profile does not win over the book"
	;;
profiles)
	td profiles >"$T/o" || fail "exit $?"
	for p in mguard libreswan strongswan lancom auto; do
		grep -q "^$p	" "$T/o" || fail "profile $p not listed: $(cat "$T/o")"
	done
	;;
kb-check)
	td kb-check >"$T/o" 2>"$T/e" || fail "kb-check failed: $(cat "$T/e")"
	grep -q " 0 failed" "$T/o" || fail "kb-check reports failures"
	;;
private-files)
	# reports and checklist.json are the technician's: 0600 also when the
	# file existed wider, and a symlink at the path is replaced, not followed
	U="$S/mguard-1.3.3-udp4500"
	echo old >"$T/r.md"; chmod 644 "$T/r.md"
	td analyze --report "$T/r.md" "$U/left.log" "$U/right.log" >/dev/null || fail "exit $?"
	[ "$(stat -c %a "$T/r.md")" = 600 ] || fail "an existing 0644 report stays $(stat -c %a "$T/r.md"), want 600"
	grep -q "# tunneldoc session report" "$T/r.md" || fail "the existing report was not replaced"
	echo "precious" >"$T/target"; chmod 644 "$T/target"
	ln -s "$T/target" "$T/link.json"
	td analyze --report "$T/link.json" "$U/left.log" "$U/right.log" >/dev/null || fail "symlink: exit $?"
	[ "$(cat "$T/target")" = precious ] || fail "the report was written through the symlink into its target"
	[ "$(stat -c %a "$T/target")" = 644 ] || fail "the symlink's target changed mode"
	[ -L "$T/link.json" ] && fail "the symlink is still there: the report went nowhere"
	jget "$T/link.json" 'd["checklist"]["tree"]' >/dev/null || fail "no JSON report at the symlink's path"
	[ "$(stat -c %a "$T/link.json")" = 600 ] || fail "report at the symlink's path: mode $(stat -c %a "$T/link.json")"
	# tunneldoc report -o: the same way
	mkdir "$T/sess"; cp "$U/left.log" "$U/right.log" "$T/sess/"
	ln -s "$T/target" "$T/out.md"
	td report -o "$T/out.md" "$T/sess" || fail "report -o: exit $?"
	[ "$(cat "$T/target")" = precious ] || fail "report -o wrote through the symlink"
	[ "$(stat -c %a "$T/out.md")" = 600 ] || fail "report -o: mode $(stat -c %a "$T/out.md")"
	# checklist.json of a recorded batch session (no gateway answers here)
	mkdir "$T/rec"; ln -s "$T/target" "$T/rec/checklist.json"
	TUNNELDOC_SITES="$T/none.json" timeout 30 "$BIN" --kb "$KB" connect --batch --duration 1 --connect-timeout 1 \
		--record "$T/rec" 127.0.0.1:1 127.0.0.1:1 >/dev/null 2>"$T/e"
	[ "$(cat "$T/target")" = precious ] || fail "checklist.json was written through the symlink"
	[ -f "$T/rec/checklist.json" ] && [ ! -L "$T/rec/checklist.json" ] || fail "no checklist.json in the recording: $(cat "$T/e")"
	[ "$(stat -c %a "$T/rec/checklist.json")" = 600 ] || fail "checklist.json mode $(stat -c %a "$T/rec/checklist.json")"
	jget "$T/rec/checklist.json" 'd["tree"]' >/dev/null || fail "checklist.json is not the checklist"
	ls "$T" "$T/rec" | grep -q '\.tmp-' && fail "a temporary file was left behind"
	# a link to a pipe or a device (as /dev/stdout is) is refused, not replaced
	mkfifo "$T/fifo"; ln -s "$T/fifo" "$T/pipe.md"
	timeout 20 "$BIN" --kb "$KB" analyze --report "$T/pipe.md" "$U/left.log" >/dev/null 2>"$T/e"; rc=$?
	[ $rc -eq 1 ] || fail "a report into a link to a FIFO: exit $rc, want 1"
	[ -L "$T/pipe.md" ] && [ -p "$T/fifo" ] || fail "the link to the FIFO was replaced"
	grep -q "a device, a pipe or a link to one; give the name of a file" "$T/e" || fail "FIFO: $(cat "$T/e")"
	;;
dev-zero)
	# input without line breaks ends at once with a message saying what to give
	for l in en de; do
		start=$(date +%s)
		timeout 20 "$BIN" --kb "$KB" --lang $l analyze /dev/zero >/dev/null 2>"$T/e"; rc=$?
		[ $rc -eq 1 ] || fail "$l: analyze /dev/zero: exit $rc, want 1 (124: it hung)"
		[ $(( $(date +%s) - start )) -le 5 ] || fail "$l: analyze /dev/zero took over 5 s"
		grep -q "/dev/zero" "$T/e" || fail "$l: the device is not named: $(cat "$T/e")"
	done
	grep -q "ein Gerät, keine Log-Datei" "$T/e" || fail "German: $(cat "$T/e")"
	td analyze /dev/zero 2>"$T/e"
	grep -q "a device, not a log file; give the log file" "$T/e" || fail "no advice: $(cat "$T/e")"
	timeout 20 "$BIN" --kb "$KB" analyze - </dev/zero >/dev/null 2>"$T/e"; rc=$?
	[ $rc -eq 1 ] || fail "analyze - </dev/zero: exit $rc, want 1"
	grep -q "standard input: a device" "$T/e" || fail "stdin from a device: $(cat "$T/e")"
	# the same through a pipe: the cap on a line without a break stops it
	head -c 48000000 /dev/zero | timeout 20 "$BIN" --kb "$KB" analyze - >/dev/null 2>"$T/e"; rc=$?
	[ $rc -eq 1 ] || fail "48 MB without a line break on a pipe: exit $rc, want 1"
	grep -q "standard input: 32 MB without a line break: not a text log" "$T/e" || fail "pipe: $(cat "$T/e")"
	# /dev/null is an empty log, not a refused device
	td analyze --json - </dev/null >"$T/o" || fail "analyze - </dev/null: exit $?"
	[ "$(jget "$T/o" 'd["cause"]')" = unknown ] || fail "/dev/null is not an empty log"
	;;
dir-without-logs)
	mkdir "$T/d"; echo "not a log" >"$T/d/notes.txt"
	td analyze "$T/d" >/dev/null 2>"$T/e"; [ $? -eq 1 ] || fail "want exit 1"
	grep -qi "no such file" "$T/e" && fail "a stale errno: $(cat "$T/e")"
	grep -q "$T/d: no log file in this directory" "$T/e" || fail "the directory case not named: $(cat "$T/e")"
	grep -q "give the log file itself" "$T/e" || fail "no advice: $(cat "$T/e")"
	td --lang de analyze "$T/d" >/dev/null 2>"$T/e"
	grep -q "keine Log-Datei in diesem Verzeichnis" "$T/e" || fail "German: $(cat "$T/e")"
	# a directory with a log still works
	cp "$S/mguard-1.3.3-udp4500/left.log" "$T/d/vpn.log"
	td analyze --json "$T/d" >"$T/o" || fail "directory with vpn.log: exit $?"
	[ "$(jget "$T/o" 'd["sides"]["left"]["present"]')" = True ] || fail "vpn.log in the directory not read"
	;;
help-languages)
	# every command's help exists in both languages and names the same options
	cmds=$(td --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && !/^  / { on = 0 }')
	[ "$(echo "$cmds" | wc -w)" -ge 8 ] || fail "too few commands listed: $cmds"
	for c in "" $cmds; do
		td --lang en $c --help >"$T/en" || fail "$c --help (en): exit $?"
		td --lang de $c --help >"$T/de" || fail "$c --help (de): exit $?"
		cmp -s "$T/en" "$T/de" && fail "'$c --help' is the same in both languages"
		head -n 1 "$T/en" | grep -q "^Usage: tunneldoc" || fail "'$c --help' (en) does not start with the usage"
		head -n 1 "$T/de" | grep -q "^Aufruf: tunneldoc" || fail "'$c --help' (de) does not start with the usage"
		for l in en de; do
			# without quoted references to other commands ('tunneldoc --lang en sites --help')
			sed -E "s/'tunneldoc[^']*'//g" "$T/$l" | grep -o -- '--[a-z][a-z-]*' | sed 's/-*$//' | sort -u >"$T/o.$l"
		done
		diff "$T/o.en" "$T/o.de" >"$T/d" || fail "'$c --help' names other options in German: $(cat "$T/d")"
	done
	td --lang de profiles --help | grep -q "Geräteprofile" || fail "German profiles help missing"
	;;
config-diff)
	# both ends' configuration: the changed parameter named with both lines,
	# the cause it explains, no secret in any output, malformed files by line
	C="$SRC/tests/golden/config"
	td config-diff "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/o" 2>"$T/e" || fail "exit $?: $(cat "$T/e")"
	grep -q '^DIFFERS *IKE proposals (phase 1) \[DH group\] - explains: phase1-proposal-mismatch' "$T/o" || fail "DH difference not named: $(cat "$T/o")"
	grep -q 'lsw-west.d/tunnel.conf:13  ike=aes256-sha2_256;modp2048' "$T/o" || fail "left evidence line missing"
	grep -q 'lsw-east.conf:13  ike=aes256-sha2_256;modp1536' "$T/o" || fail "right evidence line missing"
	grep -q 'explains: pfs-mismatch' "$T/o" || fail "PFS difference not named"
	[ "$(grep -c '^DIFFERS' "$T/o")" = 2 ] || fail "want exactly 2 differences: $(cat "$T/o")"
	td config-diff --json "$C/lsw-west.conf" "$C/sw-b.swanctl.conf" >"$T/j" || fail "json: exit $?"
	[ "$(jget "$T/j" 'd["differences"]')" = 1 ] || fail "want 1 difference: $(cat "$T/j")"
	[ "$(jget "$T/j" '[p["param"] for p in d["params"] if p["relation"]=="differs"][0]')" = ts.local ] || fail "the subnet difference is not ts.local"
	[ "$(jget "$T/j" '[p for p in d["params"] if p["param"]=="ts.local"][0]["right"]["line"]')" = 16 ] || fail "right evidence line"
	[ "$(jget "$T/j" '[p for p in d["params"] if p["param"]=="ike.proposals"][0]["relation"]')" = compatible ] || fail "libreswan and swanctl proposals should be compatible"
	td config-diff --all "$C/lsw-west.conf" "$C/sw-b.swanctl.conf" >"$T/a" || fail "--all: exit $?"
	grep -q 'not known' "$T/a" || fail "--all does not show what the files leave to the default"
	! grep -q 'do-not-print-me' "$T/o" "$T/j" "$T/a" || fail "a secret reached the output"
	td --lang de config-diff "$C/lsw-west.conf" "$C/lsw-east.conf" | grep -q '^UNTERSCHIED *IKE-Proposals' || fail "German output"
	td config-diff "$C/bad-outside.conf" "$C/lsw-east.conf" >/dev/null 2>"$T/e"; rc=$?
	[ $rc = 1 ] || fail "malformed: exit $rc, want 1"
	grep -q 'bad-outside.conf:3:' "$T/e" || fail "malformed file not named by line: $(cat "$T/e")"
	td --lang de config-diff "$C/bad-unclosed.swanctl.conf" "$C/lsw-east.conf" 2>&1 | grep -q 'nicht geschlossen' || fail "German error"
	td config-diff "$C/other.conf" "$C/sw-b.swanctl.conf" >/dev/null 2>"$T/e"; rc=$?
	[ $rc = 1 ] && grep -q -- '--left-conn' "$T/e" || fail "unrelated files: exit $rc, $(cat "$T/e")"
	td config-diff --left-conn elsewhere --right-conn westnet "$C/other.conf" "$C/sw-b.swanctl.conf" >/dev/null || fail "named conns: exit $?"
	td config-diff "$C/lsw-west.conf" >/dev/null 2>&1; [ $? = 2 ] || fail "one file is a usage error"
	# behind NAT the addresses are not a difference: A's own address is
	# private, B is given the NAT router's public one
	printf 'conn nat\n    left=10.20.0.2\n    leftid=@a\n    leftsubnet=10.1.0.0/24\n    right=198.51.100.20\n    rightid=@b\n    rightsubnet=10.2.0.0/24\n    authby=secret\n' >"$T/nat-a.conf"
	printf 'conn nat\n    left=198.51.100.20\n    leftid=@b\n    leftsubnet=10.2.0.0/24\n    right=198.51.100.10\n    rightid=@a\n    rightsubnet=10.1.0.0/24\n    authby=secret\n' >"$T/nat-b.conf"
	td config-diff "$T/nat-a.conf" "$T/nat-b.conf" >"$T/n" || fail "NAT: exit $?: $(cat "$T/n")"
	! grep -q '^DIFFERS' "$T/n" || fail "NAT: the addresses reported as a difference: $(cat "$T/n")"
	grep -q '^not known *own address.*\[behind NAT: ' "$T/n" || fail "NAT: not said why the addresses are not compared: $(cat "$T/n")"
	grep -q '^0 differences, ' "$T/n" || fail "NAT: counted as a difference: $(cat "$T/n")"
	td --lang de config-diff --json "$T/nat-a.conf" "$T/nat-b.conf" >"$T/nj" || fail "NAT json: exit $?"
	[ "$(jget "$T/nj" '[p["part"] for p in d["params"] if p["param"]=="addr.local"][0]')" = nat ] || fail "NAT json: $(cat "$T/nj")"
	# a public address that does not match stays a difference
	sed 's/left=10.20.0.2/left=198.51.100.11/' "$T/nat-a.conf" >"$T/pub-a.conf"
	td config-diff "$T/pub-a.conf" "$T/nat-b.conf" | grep -q '^DIFFERS *own address' || fail "a wrong public address is not a difference"
	# issue 18: the pre-shared keys compared in memory, never shown
	printf '198.51.100.10 198.51.100.20 : PSK "planted-key-one"\n: PSK "planted-key-other"\n' >"$T/l.secrets"
	printf ': PSK "planted-key-one"\n' >"$T/same.secrets"
	printf ': PSK "planted-key-two"\n' >"$T/diff.secrets"
	td config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/same.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p1" || fail "secrets: exit $?"
	grep -q '^PSK: equal' "$T/p1" || fail "same keys: $(cat "$T/p1")"
	td config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/diff.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p2" || fail "secrets: exit $?"
	grep -q '^PSK: differs' "$T/p2" && grep -q 'explains: psk-mismatch' "$T/p2" || fail "different keys: $(cat "$T/p2")"
	grep -q 'diff.secrets:1  PSK=\*\*\*' "$T/p2" || fail "the right entry's line is not cited: $(cat "$T/p2")"
	td --lang de config-diff --json --left-secrets "$T/l.secrets" --right-secrets "$T/missing.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p3" || fail "secrets: exit $?"
	[ "$(jget "$T/p3" 'd["psk"]')" = "not readable" ] && grep -q 'missing.secrets nicht lesbar' "$T/p3" || fail "unreadable secrets: $(cat "$T/p3")"
	td config-diff "$C/lsw-west.conf" "$C/lsw-east.conf" | grep -q '^PSK: not compared' || fail "no secrets file: not compared"
	! grep -q 'planted-key' "$T/p1" "$T/p2" "$T/p3" || fail "a pre-shared key reached the output"
	# secrets files that include others (ipsec.secrets, relative to the
	# including file; swanctl.conf inside its secrets section), and one that
	# includes itself: the entry is found and its own file cited
	mkdir -p "$T/sec.d"
	printf '# main\ninclude sec.d/*.secrets\ninclude inc-loop.secrets\n' >"$T/inc-main.secrets"
	printf 'include inc-loop.secrets\n' >"$T/inc-loop.secrets"
	printf '\n198.51.100.10 198.51.100.20 : PSK "planted-key-one"\n' >"$T/sec.d/tunnel.secrets"
	td config-diff --all --left-secrets "$T/inc-main.secrets" --right-secrets "$T/same.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p8" || fail "include: exit $?"
	grep -q '^PSK: equal' "$T/p8" || fail "included ipsec.secrets entry not found: $(cat "$T/p8")"
	grep -q 'sec.d/tunnel.secrets:2  PSK=\*\*\*' "$T/p8" || fail "the included file's line is not cited: $(cat "$T/p8")"
	printf 'secrets {\n  include swsec.d/*.conf\n}\n' >"$T/sw-main.conf"
	mkdir -p "$T/swsec.d"
	printf 'ike-lab {\n  id = 198.51.100.10\n  secret = "planted-key-two"\n}\n' >"$T/swsec.d/lab.conf"
	td config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/sw-main.conf" "$C/lsw-west.conf" "$C/sw-b.swanctl.conf" >"$T/p9" || fail "swanctl include: exit $?"
	grep -q '^PSK: differs' "$T/p9" || fail "included swanctl secret not found: $(cat "$T/p9")"
	grep -q 'swsec.d/lab.conf:3' "$T/p9" || fail "the included swanctl file's line is not cited: $(cat "$T/p9")"
	! grep -q 'planted-key' "$T/p8" "$T/p9" || fail "a pre-shared key reached the output"
	# keys written as 0x (hex) and 0s (base64) compared as the bytes they stand for
	printf ': PSK 0x706c616e7465642d6b65792d6f6e65\n' >"$T/hex.secrets"
	printf ': PSK 0scGxhbnRlZC1rZXktb25l\n' >"$T/b64.secrets"
	printf ': PSK "0x706c616e7465642d6b65792d6f6e65"\n' >"$T/qhex.secrets"
	printf ': PSK 0x706c6\n' >"$T/odd.secrets"
	td config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/hex.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p4" || fail "hex: exit $?"
	grep -q '^PSK: equal' "$T/p4" || fail "0x form of the same key: $(cat "$T/p4")"
	td config-diff --left-secrets "$T/b64.secrets" --right-secrets "$T/hex.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p5" || fail "base64: exit $?"
	grep -q '^PSK: equal' "$T/p5" || fail "0s and 0x forms of the same key: $(cat "$T/p5")"
	td config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/qhex.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p6" || fail "quoted hex: exit $?"
	grep -q '^PSK: differs' "$T/p6" || fail "a quoted 0x... is text, not hex: $(cat "$T/p6")"
	td --lang de config-diff --left-secrets "$T/l.secrets" --right-secrets "$T/odd.secrets" "$C/lsw-west.conf" "$C/lsw-east.conf" >"$T/p7" || fail "odd hex: exit $?"
	grep -q 'odd.secrets:1 ist als 0x geschrieben' "$T/p7" || fail "odd hex digits not named: $(cat "$T/p7")"
	! grep -q 'planted-key\|706c616e\|cGxhbnRl' "$T/p4" "$T/p5" "$T/p6" "$T/p7" || fail "a pre-shared key reached the output"
	# analyze with both configurations: the PFS finding cites the PFS difference
	P="$S/lab-pfs-responder-only-v1"
	td analyze --left-config "$C/lsw-west.conf" --right-config "$C/lsw-east.conf" "$P/left.log" "$P/right.log" >"$T/an" || fail "analyze --left-config: exit $?"
	sed -n '/pfs-mismatch/,/^ *[0-9]*\. \[/p' "$T/an" | grep -q 'lsw-east.conf:14  dh5 (derived from esp)' || fail "the PFS finding does not cite the configuration: $(cat "$T/an")"
	td analyze --json --left-config "$C/lsw-west.conf" --right-config "$C/lsw-east.conf" "$P/left.log" "$P/right.log" >"$T/aj" || fail "analyze --json: exit $?"
	# issue 18: the guide's "PFS set the same?" check answered by the comparison, lines as evidence
	[ "$(jget "$T/aj" '[(i["answer"], i["by"]) for i in d["checklist"]["path"] if i["node"]=="p2-pfs"][0]')" = "('no', 'config')" ] || fail "p2-pfs not answered by the configuration: $(cat "$T/aj")"
	jget "$T/aj" '[i["evidence"] for i in d["checklist"]["path"] if i["node"]=="p2-pfs"][0]' | grep -q 'lsw-east.conf:14 dh5' || fail "p2-pfs evidence does not cite the line"
	td analyze --json "$P/left.log" "$P/right.log" >"$T/aj0" || fail "analyze without configuration"
	[ "$(jget "$T/aj0" '[i["answer"] for i in d["checklist"]["path"] if i["node"]=="p2-pfs"][0]')" = open ] || fail "p2-pfs answered without any configuration"
	[ "$(jget "$T/aj" '[f for f in d["findings"] if f["cause"]=="pfs-mismatch"][0]["config_evidence"][0]["param"]')" = esp.pfs ] || fail "JSON finding lacks config_evidence"
	[ "$(jget "$T/aj" 'd["config"]["differences"]')" = 2 ] || fail "JSON lacks the comparison"
	# issue 18: forced UDP encapsulation on one end explains a blocked UDP 4500, and the finding cites it
	sed 's/^    dpddelay=10/    encapsulation=yes\n    dpddelay=10/; s/modp1536/modp2048/g' "$C/lsw-east.conf" >"$T/enc-east.conf"
	P="$S/lab-udp4500-dropped-v1"
	td config-diff --json "$C/lsw-west.conf" "$T/enc-east.conf" >"$T/ej" || fail "encap: exit $?"
	[ "$(jget "$T/ej" '[(p["param"], p.get("explains")) for p in d["params"] if p["relation"]=="differs"]')" = "[('nat.encapsulation', 'udp4500-blocked')]" ] || fail "encap difference: $(cat "$T/ej")"
	td analyze --json --left-config "$C/lsw-west.conf" --right-config "$T/enc-east.conf" "$P/left.log" "$P/right.log" >"$T/ea" || fail "analyze encap: exit $?"
	[ "$(jget "$T/ea" '[f["config_evidence"][0]["param"] for f in d["findings"] if f["cause"]=="udp4500-blocked"][0]')" = nat.encapsulation ] || fail "the UDP 4500 finding does not cite the encapsulation: $(cat "$T/ea")"
	td analyze --left-config "$C/lsw-west.conf" "$P/left.log" >/dev/null 2>&1; [ $? = 2 ] || fail "one config is a usage error"
	;;
kb-error-languages)
	# a broken kb field: kb-check names the file, the field and what to write
	# instead, in the language asked for, and exits 1
	cp -r "$KB" "$T/kb"
	f=$(ls "$T/kb/signatures/"*.json | head -n 1)
	python3 - "$f" <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["signatures"][1]["cause"]="no-such-cause"; json.dump(d,open(sys.argv[1],"w"))
PY
	for l in en de; do
		"$BIN" --kb "$T/kb" --lang $l kb-check >/dev/null 2>"$T/e.$l"; rc=$?
		[ $rc = 1 ] || fail "$l: exit $rc, want 1: $(cat "$T/e.$l")"
		grep -q "$(basename "$f"): signatures\[1\]\.cause: " "$T/e.$l" || fail "$l: file and field not named: $(cat "$T/e.$l")"
		grep -q '"no-such-cause"' "$T/e.$l" || fail "$l: the wrong value is not named: $(cat "$T/e.$l")"
	done
	grep -q 'unknown cause "no-such-cause": use an id from kb/causes.json' "$T/e.en" || fail "en: no English message: $(cat "$T/e.en")"
	grep -q 'unbekannte Ursache "no-such-cause": eine ID aus kb/causes.json verwenden' "$T/e.de" || fail "de: no German message: $(cat "$T/e.de")"
	# the JSON helpers' messages too: a number out of its range
	cp -r "$KB" "$T/kb2"
	python3 - "$T/kb2/signatures/"*.json <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["signatures"][0]["severity"]="fatal"; json.dump(d,open(sys.argv[1],"w"))
PY
	"$BIN" --kb "$T/kb2" --lang de kb-check >/dev/null 2>"$T/e2"; rc=$?
	[ $rc = 1 ] || fail "severity: exit $rc"
	grep -q 'signatures\[0\]\.severity: unbekannter Wert "fatal" (erlaubt: ' "$T/e2" || fail "de: enum message not German: $(cat "$T/e2")"
	"$BIN" --kb "$T/kb2" --lang en kb-check >/dev/null 2>"$T/e2"
	grep -q 'signatures\[0\]\.severity: unknown value "fatal" (one of: ' "$T/e2" || fail "en: enum message: $(cat "$T/e2")"
	# and the pattern compiler's, inside the loader's
	cp -r "$KB" "$T/kb3"
	python3 - "$T/kb3/signatures/"*.json <<'PY'
import json,sys
d=json.load(open(sys.argv[1])); d["signatures"][0]["patterns"][0]="{x:float} y"; json.dump(d,open(sys.argv[1],"w"))
PY
	"$BIN" --kb "$T/kb3" --lang de kb-check >/dev/null 2>"$T/e3"; rc=$?
	[ $rc = 1 ] || fail "pattern: exit $rc"
	grep -q "signatures\[0\]\.patterns.*: fehlerhaftes Muster \"{x:float} y\": unbekannter Platzhaltertyp 'float' (int, word, hex)" "$T/e3" ||
		fail "de: pattern message not German: $(cat "$T/e3")"
	;;
connect-batch-unreachable)
	# connect --batch to two gateways nobody answers on: exit 1, and per
	# gateway on standard error what failed and what to do, in en and de
	for l in en de; do
		TUNNELDOC_SITES="$T/none.json" timeout 20 "$BIN" --kb "$KB" --lang $l connect --batch --duration 2 \
			--connect-timeout 1 127.0.0.1:1 127.0.0.1:2 >"$T/o.$l" 2>"$T/e.$l"; rc=$?
		[ $rc = 1 ] || fail "$l: exit $rc, want 1: $(cat "$T/e.$l")"
	done
	for gw in 1 2; do
		grep -q "^tunneldoc: .* gateway 127.0.0.1:$gw was not reached, no log came from it; the last attempt: 127.0.0.1:$gw: cannot connect: .*; check the address, the port and that sshd runs" "$T/e.en" ||
			fail "en: gateway $gw not reported: $(cat "$T/e.en")"
		grep -q "^tunneldoc: Gateway .* (127.0.0.1:$gw) wurde nicht erreicht, von ihm kam kein Log; der letzte Versuch: 127.0.0.1:$gw: keine Verbindung: .*; Adresse, Port und laufenden sshd prüfen" "$T/e.de" ||
			fail "de: gateway $gw not reported: $(cat "$T/e.de")"
	done
	grep -q "^tunneldoc: left gateway 127.0.0.1:1 " "$T/e.en" && grep -q "^tunneldoc: right gateway 127.0.0.1:2 " "$T/e.en" || fail "en: sides not named: $(cat "$T/e.en")"
	# a gateway that takes the connection and never speaks SSH: nothing has
	# failed yet when the session ends, which is said as such
	against_silent_gw connect --batch --duration 1 --connect-timeout 10 127.0.0.1:@PORT@ 127.0.0.1:1
	[ $rc = 1 ] || fail "silent gateway: exit $rc, want 1: $(cat "$T/e")"
	grep -q "^tunneldoc: left gateway 127.0.0.1:$port was not reached within the session (1 s), no log came from it; check the address and that SSH is allowed from here, or give a longer --duration" "$T/e" ||
		fail "silent gateway not reported: $(cat "$T/e")"
	# the same for a snapshot, whose session length is --timeout
	against_silent_gw --lang en snapshot --timeout 1 --connect-timeout 10 --out "$T/snap" 127.0.0.1:@PORT@ 127.0.0.1:1
	[ $rc = 1 ] || fail "silent gateway, snapshot: exit $rc, want 1: $(cat "$T/e")"
	grep -q "^tunneldoc: left gateway 127.0.0.1:$port was not reached within the session (1 s), .*or give a longer --timeout$" "$T/e" ||
		fail "snapshot: silent gateway not reported with --timeout: $(cat "$T/e")"
	;;
no-finding-text)
	# a libreswan initiator whose MI3 the responder's log ends before: a
	# negotiation on the ladder and no finding; the text must not say the
	# logs hold no negotiation (and "log ended", not "in progress": a
	# libreswan sender repeats after 0.5 s)
	printf '%s\n' 'Dec 03 00:00:00.900: "A_1": added IKEv1 connection' \
		'Dec 03 00:00:01.000: "A_1" #5: initiating Main Mode' \
		'Dec 03 00:00:01.090: "A_1" #5: STATE_MAIN_I2: sent MI2, expecting MR2' \
		'Dec 03 00:00:01.170: "A_1" #5: STATE_MAIN_I3: sent MI3, expecting MR3' \
		'Dec 03 00:00:03.170: listening for IKE messages' >"$T/l.log"
	printf '%s\n' '00:00:01.04000 "B_1"[1] 77.245.32.68 #6: responding to Main Mode from unknown peer 77.245.32.68' \
		'00:00:01.05000 "B_1"[1] 77.245.32.68 #6: STATE_MAIN_R1: sent MR1, expecting MI2' \
		'00:00:01.13000 "B_1"[1] 77.245.32.68 #6: STATE_MAIN_R2: sent MR2, expecting MI3' >"$T/r.log"
	td --lang en analyze "$T/l.log" "$T/r.log" >"$T/o" || fail "exit $?"
	grep -q "^  MI3 .*log ended" "$T/o" || fail "MI3 row not 'log ended': $(grep MI3 "$T/o")"
	grep -q "recognises as a negotiation" "$T/o" && fail "says no negotiation while the ladder shows one"
	grep -q "^No finding: the knowledge base recognises the negotiations in the ladder" "$T/o" || fail "no-finding text: $(tail -3 "$T/o")"
	td --lang de analyze "$T/l.log" "$T/r.log" | grep -q "^Kein Befund: Die Wissensbasis erkennt die Aushandlungen" || fail "German no-finding text"
	;;
*)
	echo "unknown case $CASE"; exit 2;;
esac
echo "ok [$CASE]"
