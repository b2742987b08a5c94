#!/usr/bin/env bash
# config_test.sh BINARY SOURCE_DIR - issue 18, lab acceptance of config-diff:
# for every configuration fault scenario of the lab (PSK, phase 1, phase 2,
# PFS, traffic selectors, ID, encapsulation) and for working tunnels, on
# libreswan and strongSwan in every pairing (ll ss ls sl: each daemon as
# initiator A and as responder B), both gateways' configurations are written
# exactly as `lab.sh up` gives them to the daemons (`lab.sh config`, no
# daemons needed), and `tunneldoc config-diff` on them, in both orders
# (A left and B left), must name exactly the changed parameter and nothing
# else, with the cause it explains, each side's value cited by a file:line
# that holds that key; a working tunnel has no difference. The pre-shared
# keys are compared ("PSK: equal" / "PSK: differs") and never appear in any
# output.
set -u
BIN=$1
SRC=$2
LAB="$SRC/tests/lab/lab.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0 runs=0

# case                     param (A left)   param (B left)   explains
CASES="
established-v1             -                -                -
established-v2             -                -                -
psk-mismatch-v1            auth.psk         auth.psk         psk-mismatch
psk-mismatch-v2            auth.psk         auth.psk         psk-mismatch
aggressive-psk-mismatch-v1 auth.psk         auth.psk         psk-mismatch
p1-proposal-v1             ike.proposals    ike.proposals    phase1-proposal-mismatch
p1-proposal-v2             ike.proposals    ike.proposals    phase1-proposal-mismatch
p2-proposal-v1             esp.proposals    esp.proposals    phase2-proposal-mismatch
p2-proposal-v2             esp.proposals    esp.proposals    phase2-proposal-mismatch
pfs-responder-only-v1      esp.pfs          esp.pfs          pfs-mismatch
pfs-responder-only-v2      esp.pfs          esp.pfs          pfs-mismatch
subnet-mismatch-v1         ts.local         ts.remote        subnet-mismatch
subnet-mismatch-v2         ts.local         ts.remote        subnet-mismatch
id-mismatch-v1             id.local         id.remote        id-mismatch
id-mismatch-v2             id.local         id.remote        id-mismatch
encap-mismatch-v1          nat.encapsulation nat.encapsulation udp4500-blocked
"

fail() { echo "FAIL [$1]: $2"; fails=$((fails + 1)); }

# The configuration file of one gateway directory.
conf_of() { if [ -f "$1/ipsec.conf" ]; then echo "$1/ipsec.conf"; else echo "$1/swanctl.conf"; fi; }

# check NAME JSON TEXT WANT_PARAM WANT_CAUSE: the JSON and text of one run.
check() {
	local name=$1 json=$2 text=$3 want=$4 cause=$5 got
	got=$(python3 - "$json" "$want" "$cause" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want, cause = sys.argv[2], sys.argv[3]
diff = [p for p in d["params"] if p["relation"] == "differs"]
errs = []
if want == "-":
    if diff or d["differences"] != 0:
        errs.append("working tunnel, want no difference, got %s" % [p["param"] for p in diff])
    if d["psk"] != "equal":
        errs.append("PSK: want equal, got %s" % d["psk"])
else:
    if [p["param"] for p in diff] != [want] or d["differences"] != 1:
        errs.append("want exactly %s, got %s" % (want, [p["param"] for p in diff]))
    want_psk = "differs" if want == "auth.psk" else "equal"
    if d["psk"] != want_psk:
        errs.append("PSK: want %s, got %s" % (want_psk, d["psk"]))
    for p in diff:
        if cause != "-" and p.get("explains") != cause:
            errs.append("%s explains %s, want %s" % (p["param"], p.get("explains"), cause))
        for side in ("left", "right"):
            v = p[side]
            if not v.get("set"):
                errs.append("%s: %s side not set" % (p["param"], side))
                continue
            # evidence: the cited line holds the key (its last part) and, unless a secret, the value
            lines = open(v["file"]).read().split("\n")
            line = lines[v["line"] - 1] if 0 < v["line"] <= len(lines) else ""
            key = v["key"].split(".")[-1]
            if key not in line and not (key == "PSK" and "PSK" in line):
                errs.append("%s %s: %s:%d does not hold %s: %r" % (p["param"], side, v["file"], v["line"], key, line))
            if v["value"] != "***" and not v.get("derived") and v["value"].split(",")[0] not in line:
                errs.append("%s %s: %s:%d does not hold %s" % (p["param"], side, v["file"], v["line"], v["value"]))
for e in errs:
    print(e)
PY
)
	[ -z "$got" ] || { fail "$name" "$got"; return; }
	if [ "$want" = - ]; then
		grep -q '^DIFFERS' "$text" && fail "$name" "text names a difference: $(cat "$text")"
		grep -q '^PSK: equal' "$text" || fail "$name" "text does not say 'PSK: equal'"
	else
		[ "$(grep -c '^DIFFERS' "$text")" = 1 ] || fail "$name" "text: want one DIFFERS line: $(cat "$text")"
		if [ "$want" = auth.psk ]; then
			grep -q '^PSK: differs' "$text" || fail "$name" "text does not say 'PSK: differs'"
		fi
	fi
	# the keys never appear, whatever the order
	if grep -q 'lab-psk-[AB]-throwaway' "$json" "$text"; then fail "$name" "a pre-shared key reached the output"; fi
}

while read -r scen pa pb cause; do
	[ -n "$scen" ] || continue
	for pair in ll ss ls sl; do
		n=$scen-$pair d=$T/$n
		"$LAB" config "$n" "$d" 2>"$T/err" || { fail "$n" "lab.sh config: $(cat "$T/err")"; continue; }
		a=$(conf_of "$d/gwa") b=$(conf_of "$d/gwb")
		grep -q 'lab-psk-A-throwaway' "$d/gwa/"* || fail "$n" "gateway A's secret not written (the test would prove nothing)"
		for order in ab ba; do
			runs=$((runs + 1))
			if [ $order = ab ]; then l=$a r=$b want=$pa; else l=$b r=$a want=$pb; fi
			"$BIN" config-diff --json "$l" "$r" >"$T/j" 2>"$T/e" || { fail "$n/$order" "exit $?: $(cat "$T/e")"; continue; }
			"$BIN" config-diff "$l" "$r" >"$T/t" 2>>"$T/e" || { fail "$n/$order" "text: exit $?"; continue; }
			check "$n/$order" "$T/j" "$T/t" "$want" "$cause"
		done
	done
done <<<"$CASES"

echo "config_test: $runs comparisons, $fails failures"
[ "$runs" -ge 120 ] || { echo "FAIL: only $runs comparisons ran"; exit 1; }
[ "$fails" = 0 ]
