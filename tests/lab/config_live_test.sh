#!/usr/bin/env bash
# config_live_test.sh BINARY SOURCE_DIR SCENARIO MODE - issue 18 live: the
# lab's gateways (real daemons, real OpenSSH), `tunneldoc connect --batch`
# fetches both configurations over SSH (--config-cmd: the files the daemons
# run with) and has each gateway hash salt||PSK itself (--left-secrets /
# --right-secrets: the secrets files on the gateways). MODE readable: the
# ssh user may read both secrets; MODE right-unreadable: the right one stays
# root-only. Checks the JSON: the comparison ("config"), "PSK: equal",
# "differs" or "not readable (permission)" as the scenario and MODE say,
# the top finding citing the configuration difference, and that no planted
# key is in the JSON, the text report, stderr or the recording (the SSH
# transcript of what came over the channel).
set -u
BIN=$1
SRC=$2
SCEN=$3
MODE=$4
LAB="$SRC/tests/lab/lab.sh"
T=$(mktemp -d)
chmod 0755 "$T"
LABDIR=""
cleanup() {
	[ -n "${TDPID:-}" ] && kill "$TDPID" 2>/dev/null
	[ -n "$LABDIR" ] && TDLAB_DIR=$LABDIR "$LAB" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT INT TERM
fail() { echo "FAIL [$SCEN $MODE]: $*"; [ -f "$T/err" ] && sed 's/^/  stderr: /' "$T/err" | tail -n 8; exit 1; }

row=$(awk -F'\t' -v s="$SCEN" '$1 == s' "$SRC/tests/lab/e2e.tsv")
[ -n "$row" ] || fail "no row for this scenario in tests/lab/e2e.tsv"
IFS=$'\t' read -r _ want_cause _ <<<"$row"

"$LAB" up "$SCEN" >"$T/vars" 2>"$T/up.err" || { cat "$T/up.err"; fail "lab.sh up failed"; }
set -a
# shellcheck disable=SC1091
. "$T/vars"
set +a
LABDIR=$TDLAB_DIR
conf_of() { if [ -f "$1/ipsec.conf" ]; then echo "$1/ipsec.conf"; else echo "$1/swanctl.conf"; fi; }
sec_of() { if [ -f "$1/ipsec.secrets" ]; then echo "$1/ipsec.secrets"; else echo "$1/swanctl.conf"; fi; }
CA=$(conf_of "$LABDIR/gwa") CB=$(conf_of "$LABDIR/gwb") SA=$(sec_of "$LABDIR/gwa") SB=$(sec_of "$LABDIR/gwb")
# the ssh user reads the configurations; the secrets as MODE says
chgrp "$TDLAB_SSH_USER" "$CA" "$CB" && chmod 0640 "$CA" "$CB"
chgrp "$TDLAB_SSH_USER" "$SA" && chmod 0640 "$SA"
if [ "$MODE" = readable ]; then chgrp "$TDLAB_SSH_USER" "$SB" && chmod 0640 "$SB"; else chown root:root "$SB" && chmod 0600 "$SB"; fi
[ "$MODE" = readable ] || [ "$SB" != "$CB" ] || fail "right-unreadable needs a separate secrets file (libreswan on B)"
keys=$(sed -n 's/.*PSK "\(.*\)".*/\1/p; s/.*secret = "\(.*\)".*/\1/p' "$SA" "$SB" | sort -u)
[ -n "$keys" ] || fail "no planted key found in $SA $SB"

ip netns exec "$TDLAB_NS_TECH" env HOME="$T" "$BIN" --kb "$SRC/kb" connect --batch --duration 120 --json \
	--left-profile "$TDLAB_DAEMON_A" --right-profile "$TDLAB_DAEMON_B" -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
	--left-log-file "$TDLAB_LOG_A" --right-log-file "$TDLAB_LOG_B" --record "$T/rec" --report "$T/report.txt" \
	--left-config-cmd "cat $CA" --right-config-cmd "cat $CB" --left-secrets "$SA" --right-secrets "$SB" \
	"$TDLAB_SSH_USER@$TDLAB_MGMT_A" "$TDLAB_SSH_USER@$TDLAB_MGMT_B" >"$T/out.json" 2>"$T/err" &
TDPID=$!
up=
for _ in $(seq 1 150); do
	[ -s "$T/rec/left.log" ] && [ -s "$T/rec/right.log" ] && up=1 && break
	sleep 0.1
done
[ -n "$up" ] || fail "tunneldoc streamed no line from one of the gateways within 15 s"
sleep 3 # the configuration and the PSK hashes are fetched first
TDLAB_DIR=$LABDIR "$LAB" initiate >"$T/initiate" 2>&1 || fail "lab.sh initiate failed: $(tail -n 3 "$T/initiate")"
TDLAB_DIR=$LABDIR "$LAB" wait 60 >/dev/null 2>&1 || fail "the scenario's evidence did not appear in the gateways' logs"
TDLAB_DIR=$LABDIR "$LAB" stop >/dev/null 2>&1 || fail "lab.sh stop failed"
sleep 2
kill -INT "$TDPID"
wait "$TDPID"
rc=$?
TDPID=""
[ "$rc" -eq 0 ] || fail "tunneldoc exited $rc"
if [ "$want_cause" = psk-mismatch ]; then want_psk=differs; else want_psk=equal; fi
[ "$MODE" = readable ] || want_psk="not readable"
python3 - "$T/out.json" "$want_cause" "$want_psk" <<'PY' || fail "the live comparison is not right (see above)"
import json, sys
d = json.load(open(sys.argv[1]))
cause, want_psk = sys.argv[2], sys.argv[3]
err = []
c = d.get("config")
if c is None:
    err.append("no configuration comparison in the JSON")
else:
    if c["psk"] != want_psk:
        err.append(f"psk {c['psk']} ({c.get('psk_why')}), want {want_psk}")
    if want_psk == "not readable" and "permission" not in c.get("psk_why", ""):
        err.append(f"psk_why does not say permission: {c.get('psk_why')}")
    diff = [p["param"] for p in c["params"] if p["relation"] == "differs"]
    want = ["auth.psk"] if want_psk == "differs" else []
    if cause != "psk-mismatch" and cause != "established" and not diff:
        err.append("no difference named")
    if cause in ("established", "psk-mismatch") and diff != want:
        err.append(f"differences {diff}, want {want}")
    for p in c["params"]:
        for side in ("left", "right"):
            v = p[side]
            if v.get("set") and not v["file"].startswith(side + ":"):
                err.append(f"{p['param']} {side}: file {v['file']} is not named by its gateway")
    print(f"  psk: {c['psk']}  differences: {diff}")
top = d["findings"][0] if d["findings"] else None
if top is None or top["cause"] != cause:
    err.append(f"top finding {top and top['cause']}, want {cause}")
elif want_psk == "differs" and [e["param"] for e in top.get("config_evidence", [])] != ["auth.psk"]:
    err.append(f"the finding does not cite the PSK difference: {top.get('config_evidence')}")
for e in err:
    print("  " + e)
sys.exit(1 if err else 0)
PY
case $want_psk in
equal) grep -q '^PSK: equal' "$T/report.txt" || fail "report: no 'PSK: equal'" ;;
differs) grep -q '^PSK: differs' "$T/report.txt" || fail "report: no 'PSK: differs'" ;;
*) grep -q '^PSK: not readable' "$T/report.txt" || fail "report: no 'PSK: not readable'" ;;
esac
# no planted key anywhere: JSON, report, stderr, the recording
for k in $keys; do
	if grep -rlF -- "$k" "$T/out.json" "$T/report.txt" "$T/err" "$T/rec"; then fail "the key '$k' reached the files above"; fi
done
echo "ok [$SCEN $MODE] psk $want_psk"
