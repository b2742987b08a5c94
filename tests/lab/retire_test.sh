#!/usr/bin/env bash
# retire_test.sh BINARY SOURCE_DIR [SCENARIO] - issue 13 item 4: a fault
# removed mid-session retires its finding. Real gateways (default
# udp4500-dropped-v1: libreswan, NAT-T forced, the router drops UDP 4500),
# the console (tunneldoc connect) in a real terminal (tmux) in the
# technician's namespace, logged in to both gateways over SSH:
#   1. gateway A initiates; MI3 never arrives and both sides give up: the
#      finding "udp4500-blocked" is the current top finding
#   2. the fault is removed (lab.sh fault none) and A initiates again: the
#      tunnel comes up; the finding is marked resolved, with the time and
#      the line that resolved it, listed below the current one; the
#      checklist follows the current top finding ("established") and says so
#   3. the session report (JSON) and `tunneldoc report` of the recording
#      keep the finding as resolved, with that line
# TD_RETIRE_KEEP=DIR keeps the recorded logs there (tests/golden/retire/
# was made from such a recording).
# shellcheck disable=SC2016  # the conditions of "until_ok all '...'" are eval'd late
set -u
BIN=$1
SRC=$2
SCEN=${3:-udp4500-dropped-v1}
CASE=retire-$SCEN
KB="$SRC/kb"
LAB="$SRC/tests/lab/lab.sh"
T=$(mktemp -d)
chmod 0755 "$T"
SOCK="tdretire$$"
WAIT=${TD_TUI_WAIT:-40}
LABDIR=""

# shellcheck source=tests/tui/tuilib.sh
. "$SRC/tests/tui/tuilib.sh"
cleanup() {
	tm kill-server >/dev/null 2>&1
	[ -n "$LABDIR" ] && TDLAB_DIR=$LABDIR "$LAB" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

"$LAB" up "$SCEN" >"$T/vars" 2>"$T/up.err" || { cat "$T/up.err"; fail "lab.sh up failed"; }
set -a
# shellcheck disable=SC1091
. "$T/vars"
set +a
LABDIR=$TDLAB_DIR
labx() { TDLAB_DIR=$LABDIR "$LAB" "$@" >>"$T/lab.out" 2>&1; }

TD_PREFIX="ip netns exec $TDLAB_NS_TECH env HOME=$T"
start 200 50 connect --left-profile "$TDLAB_DAEMON_A" --right-profile "$TDLAB_DAEMON_B" \
	-i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
	--left-log-file "$TDLAB_LOG_A" --right-log-file "$TDLAB_LOG_B" \
	--record "$T/rec" --report "$T/report.json" \
	"$TDLAB_SSH_USER@$TDLAB_MGMT_A" "$TDLAB_SSH_USER@$TDLAB_MGMT_B"
until_ok all '[ -s "$T/rec/left.log" ] && [ -s "$T/rec/right.log" ]' || fail "no lines streamed from both gateways"

# 1. the fault: the finding is current
labx initiate || fail "lab.sh initiate failed: $(tail -n 3 "$T/lab.out")"
labx wait 60 || fail "the scenario's evidence did not appear in the gateways' logs"
key 3
until_ok all 'view_is findings && body | grep -q "^ *1\. \[error\] MI3 is lost on the way: UDP 4500 blocked" && status_has "top finding: udp4500-blocked"' ||
	fail "with UDP 4500 dropped the top finding is not udp4500-blocked"
has "[resolved]" && fail "a finding is resolved before the fault was removed"

# 2. the fault removed, the tunnel comes up: the finding retires
labx fault none || fail "lab.sh fault none failed"
labx initiate || fail "lab.sh initiate (again) failed: $(tail -n 3 "$T/lab.out")"
until_ok all 'status_has "top finding: established"' || fail "after the fault was removed the top finding is not 'established'"
until_ok all 'body | grep -q "^ *[2-9]\. \[resolved\] \[error\] MI3 is lost on the way"' ||
	fail "the udp4500-blocked finding is not listed as resolved below the current one"
body | grep -q "^ *1\. \[info\]" || fail "the current finding is not listed first"
# select the resolved finding: its detail says when and which line resolved it
n=$(body | grep -m1 -n "\[resolved\] \[error\] MI3 is lost" | cut -d: -f1)
for ((i = 1; i < n; i++)); do key Down; done
until_ok all 'body | grep -qE "^resolved at [0-9]{2}:[0-9]{2}:[0-9]{2} by (left|right) line [0-9]+: .*(SA established|established)"' ||
	fail "the resolved finding does not show the time and the line that resolved it"
key 4
until_ok all 'view_is checklist && body_has "the checklist follows the current top finding:" && body_has "resolved)"' ||
	fail "the checklist does not say it follows the current top finding"
body | grep -q "(mguard 1.3.3)" && fail "the checklist still walks the resolved finding's chapter (1.3.3)"

type_text q
until_ok has "EXIT:" || fail "q did not end the console"
has "EXIT:0" || fail "the console did not exit 0"
[ -s "$T/report.json" ] || fail "no report written"
[ -n "${TD_RETIRE_KEEP:-}" ] && mkdir -p "$TD_RETIRE_KEEP" && cp "$T/rec/left.log" "$T/rec/right.log" "$TD_RETIRE_KEEP/"

check_json() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fs = d["findings"]
err = []
if d["cause"] != "established":
    err.append(f"top cause {d['cause']}, want established")
old = [f for f in fs if f["cause"] == "udp4500-blocked"]
if not old or not old[0]["resolved"]:
    err.append(f"udp4500-blocked is not resolved: {old}")
else:
    r = old[0]["resolved"]
    if not r.get("line") or "established" not in (r.get("text") or ""):
        err.append(f"the resolving line is not an 'established' line: {r}")
    if "resolved at" not in r.get("said", ""):
        err.append(f"no words for the resolution: {r}")
    cur = [i for i, f in enumerate(fs) if not f["resolved"]]
    res = [i for i, f in enumerate(fs) if f["resolved"]]
    if cur and res and max(cur) > min(res):
        err.append("a resolved finding is listed above a current one")
for x in err:
    print("  " + x)
sys.exit(1 if err else 0)
PY
}
check_json "$T/report.json" || fail "the session report does not keep the finding as resolved"
"$BIN" --kb "$KB" report --json "$T/rec" >"$T/again.json" 2>"$T/err" || fail "report DIR failed: $(cat "$T/err")"
check_json "$T/again.json" || fail "tunneldoc report of the recording does not retire the finding"
echo "ok [$CASE]"
