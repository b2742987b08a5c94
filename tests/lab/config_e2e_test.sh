#!/usr/bin/env bash
# config_e2e_test.sh BINARY SOURCE_DIR SCENARIO - issue 18 in the lab: a
# configuration fault scenario run with the real daemons (lab.sh up,
# initiate, wait until its evidence is logged, stop), then `tunneldoc analyze
# --left-config/--right-config` on both gateways' logs and the configurations
# the daemons ran with. The top finding must be the scenario's cause
# (tests/lab/e2e.tsv) and cite the configuration difference that explains
# it: the parameter, both sides' file:line, each line holding the key. The
# pre-shared keys never appear in the text, JSON or report.
set -u
BIN=$1
SRC=$2
SCEN=$3
LAB="$SRC/tests/lab/lab.sh"
T=$(mktemp -d)
LABDIR=""
cleanup() {
	[ -n "$LABDIR" ] && TDLAB_DIR=$LABDIR "$LAB" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL [$SCEN]: $*"; exit 1; }

row=$(awk -F'\t' -v s="$SCEN" '$1 == s' "$SRC/tests/lab/e2e.tsv")
[ -n "$row" ] || fail "no row for this scenario in tests/lab/e2e.tsv"
IFS=$'\t' read -r _ want_cause _ <<<"$row"
case $want_cause in
psk-mismatch) want_param=auth.psk ;;
phase1-proposal-mismatch) want_param=ike.proposals ;;
phase2-proposal-mismatch) want_param=esp.proposals ;;
pfs-mismatch) want_param=esp.pfs ;;
subnet-mismatch) want_param=ts.local ;;
id-mismatch) want_param=id.local ;;
*) fail "$want_cause is not a configuration fault" ;;
esac

"$LAB" up "$SCEN" >"$T/vars" 2>"$T/up.err" || { cat "$T/up.err"; fail "lab.sh up failed"; }
set -a
# shellcheck disable=SC1091
. "$T/vars"
set +a
LABDIR=$TDLAB_DIR
TDLAB_DIR=$LABDIR "$LAB" initiate >"$T/initiate" 2>&1 || fail "lab.sh initiate failed: $(tail -n 3 "$T/initiate")"
TDLAB_DIR=$LABDIR "$LAB" wait 60 >/dev/null 2>&1 || fail "the scenario's evidence did not appear in the gateways' logs"
TDLAB_DIR=$LABDIR "$LAB" stop >/dev/null 2>&1 || fail "lab.sh stop failed"
conf_of() { if [ -f "$1/ipsec.conf" ]; then echo "$1/ipsec.conf"; else echo "$1/swanctl.conf"; fi; }
CA=$(conf_of "$LABDIR/gwa") CB=$(conf_of "$LABDIR/gwb")
cfg=(--left-config "$CA" --right-config "$CB")
"$BIN" --kb "$SRC/kb" analyze --json "${cfg[@]}" --report "$T/report.txt" "$TDLAB_LOG_A" "$TDLAB_LOG_B" >"$T/out.json" 2>"$T/err" \
	|| fail "analyze --json exit $?: $(cat "$T/err")"
"$BIN" --kb "$SRC/kb" analyze "${cfg[@]}" "$TDLAB_LOG_A" "$TDLAB_LOG_B" >"$T/out.txt" 2>>"$T/err" || fail "analyze exit $?"
python3 - "$T/out.json" "$want_cause" "$want_param" <<'PY' || fail "the finding does not cite the configuration (see above)"
import json, sys
d = json.load(open(sys.argv[1]))
cause, param = sys.argv[2], sys.argv[3]
err = []
top = d["findings"][0] if d["findings"] else None
if top is None or top["cause"] != cause:
    err.append(f"top finding {top and top['cause']}, want {cause}")
else:
    ev = top.get("config_evidence") or []
    if [e["param"] for e in ev] != [param]:
        err.append(f"config_evidence {[e['param'] for e in ev]}, want [{param}]")
    for e in ev:
        for side in ("left", "right"):
            v = e[side]
            line = open(v["file"]).read().split("\n")[v["line"] - 1]
            key = v["key"].split(".")[-1]
            if key not in line:
                err.append(f"{side}: {v['file']}:{v['line']} does not hold {key}: {line!r}")
            print(f"  {side}: {v['file']}:{v['line']} {v['key']}={v['value']}")
# the guide's "same ..." check answered by the comparison (PSK, PFS)
node = {"auth.psk": "p1-psk", "esp.pfs": "p2-pfs"}.get(param)
if node is not None:
    items = [i for i in d["checklist"]["path"] if i["node"] == node]
    if not items or items[0]["by"] != "config" or "left " not in (items[0]["evidence"] or ""):
        err.append(f"checklist {node} not answered by the configuration: {items}")
    else:
        print(f"  checklist {node}: {items[0]['answer']} by config: {items[0]['evidence']}")
for e in err:
    print("  " + e)
sys.exit(1 if err else 0)
PY
# the text names the difference under the finding; the keys are nowhere
grep -q "$want_cause" "$T/out.txt" || fail "text: no $want_cause"
grep -q 'DIFFERS\|differs' "$T/out.txt" || fail "text: the configuration difference is not shown"
if [ "$want_param" = auth.psk ]; then grep -q '^PSK: differs' "$T/out.txt" "$T/report.txt" || fail "text: no 'PSK: differs'"; fi
grep -l 'lab-psk-[AB]-throwaway' "$T/out.json" "$T/out.txt" "$T/report.txt" && fail "a pre-shared key reached an output"
echo "ok [$SCEN] finding $want_cause cites $want_param"
