#!/usr/bin/env bash
# e2e_test.sh BINARY SOURCE_DIR SCENARIO - issue 6: a real lab scenario end
# to end. Brings up the two gateways (real libreswan or strongSwan, sshd on
# each), runs `tunneldoc connect --batch` from the technician namespace to
# both over SSH, initiates the connection, stops tunneldoc (SIGINT) once
# the scenario's evidence is in the logs, and checks the JSON report:
#   - the top finding's cause and chapter (tests/lab/e2e.tsv),
#   - the ladder shows the step where the negotiation stopped (e2e.tsv),
#   - the evidence names both gateways (a line, or "nothing logged"),
#   - both sides streamed over SSH.
# Issue 11: the lab as judge. Both gateways' WAN interfaces are captured
# (lab.sh), the daemons are stopped once the evidence is in (lab.sh stop),
# and tests/lab/judge.py checks every ladder row against the captures.
#
# CHECKS (environment, default "diag judge") says which checks decide the
# exit status: diag (cause, chapter, stop step, both sides), judge (the
# ladder against the captures). Both always run and print their result; the
# last line is "RESULT <scenario> diag=ok|FAIL judge=ok|FAIL". With
# E2E_KEEP=DIR the JSON report, the captures, the logs and the judge's
# table are kept in DIR/<scenario>/.
set -u
BIN=$1
SRC=$2
SCEN=$3
LAB="$SRC/tests/lab/lab.sh"
T=$(mktemp -d)
LABDIR=""

cleanup() {
	[ -n "${TDPID:-}" ] && kill "$TDPID" 2>/dev/null
	[ -n "$LABDIR" ] && TDLAB_DIR=$LABDIR "$LAB" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

fail() {
	echo "FAIL [$SCEN]: $*"
	[ -f "$T/err" ] && sed 's/^/  stderr: /' "$T/err" | tail -n 5
	[ -f "$T/out.json" ] && python3 - "$T/out.json" <<'PY' 2>/dev/null
import json,sys
d=json.load(open(sys.argv[1]))
print("  got:", d["cause"], d["chapter"])
for f in d["findings"][:4]:
    print("   ", f["cause"], f["chapters"], f["source"])
PY
	exit 1
}

row=$(awk -F'\t' -v s="$SCEN" '$1 == s' "$SRC/tests/lab/e2e.tsv")
[ -n "$row" ] || fail "no row for this scenario in tests/lab/e2e.tsv"
IFS=$'\t' read -r _ want_cause want_chapter want_step _ <<<"$row"
CHECKS=${CHECKS:-diag judge}

"$LAB" up "$SCEN" >"$T/vars" 2>"$T/up.err" || { cat "$T/up.err"; fail "lab.sh up failed"; }
set -a
# shellcheck disable=SC1091
. "$T/vars"
set +a
LABDIR=$TDLAB_DIR
ip netns exec "$TDLAB_NS_TECH" env HOME="$T" "$BIN" --kb "$SRC/kb" connect --batch --duration 120 --json \
	--left-profile "$TDLAB_DAEMON_A" --right-profile "$TDLAB_DAEMON_B" -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
	--left-log-file "$TDLAB_LOG_A" --right-log-file "$TDLAB_LOG_B" --record "$T/rec" \
	"$TDLAB_SSH_USER@$TDLAB_MGMT_A" "$TDLAB_SSH_USER@$TDLAB_MGMT_B" >"$T/out.json" 2>"$T/err" &
TDPID=$!
# both streams are up (the lab logs already hold the daemons' start lines)
up=
for _ in $(seq 1 100); do
	[ -s "$T/rec/left.log" ] && [ -s "$T/rec/right.log" ] && up=1 && break
	sleep 0.1
done
[ -n "$up" ] || fail "tunneldoc streamed no line from one of the gateways within 10 s"
TDLAB_DIR=$LABDIR "$LAB" initiate >"$T/initiate" 2>&1 || fail "lab.sh initiate failed: $(tail -n 3 "$T/initiate")"
TDLAB_DIR=$LABDIR "$LAB" wait 60 >/dev/null 2>&1 || fail "the scenario's evidence did not appear in the gateways' logs"
case $SCEN in
working-tunnel-v2 | esp-dropped-v2) TDLAB_DIR=$LABDIR "$LAB" ping 3 >/dev/null 2>&1 ;;
esac
# the evidence is in: stop both daemons at once, then the captures
TDLAB_DIR=$LABDIR "$LAB" stop >/dev/null 2>&1 || fail "lab.sh stop failed"
sleep 2 # the last lines travel over SSH
kill -INT "$TDPID"
wait "$TDPID"
rc=$?
TDPID=""
[ "$rc" -eq 0 ] || fail "tunneldoc exited $rc"

if [ -n "${E2E_KEEP:-}" ]; then
	K="$E2E_KEEP/$SCEN"
	rm -rf "$K" && mkdir -p "$K"
	cp "$T/out.json" "$K/report.json"
	cp "$TDLAB_PCAP_A" "$K/a.pcap"
	cp "$TDLAB_PCAP_B" "$K/b.pcap"
	cp "$TDLAB_LOG_A" "$K/left.log"
	cp "$TDLAB_LOG_B" "$K/right.log"
fi
verdict_diag=ok verdict_judge=ok
echo "judge [$SCEN]: the ladder against the captures"
python3 "$SRC/tests/lab/judge.py" ${E2E_KEEP:+--json "$E2E_KEEP/$SCEN/judge.json"} \
	"$T/out.json" "$TDLAB_PCAP_A" "$TDLAB_LOCAL_A" "$TDLAB_PCAP_B" "$TDLAB_WAN_B" || verdict_judge=FAIL
echo "diagnosis [$SCEN]: want $want_cause, $want_chapter, ladder step $want_step"
python3 - "$T/out.json" "$want_cause" "$want_chapter" "$want_step" <<'PY' || verdict_diag=FAIL
import json, sys
d = json.load(open(sys.argv[1]))
cause, chapter, step = sys.argv[2], sys.argv[3], sys.argv[4]
err = []
for side in ("left", "right"):
    c = d["sides"][side].get("connection") or {}
    if c.get("state") != "streaming" or not c.get("lines_received"):
        err.append(f"{side}: not streaming over SSH ({c})")
top = d["findings"][0] if d["findings"] else None
if top is None:
    err.append("no finding")
else:
    if top["cause"] != cause:
        err.append(f"cause {top['cause']}, want {cause}")
    if chapter not in top["chapters"]:
        err.append(f"chapters {top['chapters']}, want {chapter}")
    sides = {e["side"] for e in top["evidence"]}
    if cause != "established" and sides != {"left", "right"}:
        err.append(f"evidence names only {sorted(sides)}")
    neg = top.get("negotiation")
    rows = [r for r in d["rows"] if r["negotiation"] == neg] if neg else []
    steps = [r["step"] for r in rows]
    if step not in steps:
        err.append(f"ladder of negotiation {neg} has steps {steps}, want {step}")
    else:
        r = rows[steps.index(step)]
        print(f"  ladder stops at {step}: {r['status']}")
for e in err:
    print("  " + e)
sys.exit(1 if err else 0)
PY
[ "$verdict_diag" = ok ] || python3 - "$T/out.json" <<'PY' 2>/dev/null
import json,sys
d=json.load(open(sys.argv[1]))
print("  got:", d["cause"], d["chapter"])
for f in d["findings"][:4]:
    print("   ", f["cause"], f["chapters"], f["source"])
PY
echo "RESULT $SCEN diag=$verdict_diag judge=$verdict_judge"
for c in $CHECKS; do
	case $c in
	diag) [ "$verdict_diag" = ok ] || fail "the diagnosis does not match (see above)" ;;
	judge) [ "$verdict_judge" = ok ] || fail "the ladder does not match the captures (see above)" ;;
	esac
done
echo "ok [$SCEN] ($CHECKS)"
