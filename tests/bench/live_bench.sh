#!/usr/bin/env bash
# tests/bench/live_bench.sh [BINARY] [SOURCE_DIR] - the live-transport
# benchmark: bring up the lab (tests/lab/lab.sh), run
# `tunneldoc connect --batch --record DIR` against both gateways following a
# log file each, while a writer appends lines that carry their own write time
# (ms since 1970):
#   latency     200 lines/s per file for 5 s
#   throughput  as fast as possible, at most 10,000 lines/s per file, for 5 s
# Then compares DIR/{left,right}.times with the embedded write times and
# prints, per gateway and phase, median / p99 / max latency, the write and
# delivery rates in lines/s, and lost, repeated and reordered lines.
# Prints numbers; asserts nothing (exit 1 only when the lab or the run could
# not be set up). Root only; needs tests/lab/install.sh.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(readlink -f "${2:-$HERE/../..}")
BIN=$(readlink -f "${1:-$SRC/build/tunneldoc}")
LAB="$SRC/tests/lab/lab.sh"
LIB="$SRC/tests/live/livelib.py"
PY=$(command -v python3)
LAT_RATE=200 LAT_SECS=5
TP_RATE=10000 TP_SECS=5
DURATION=$((LAT_SECS + TP_SECS + 5))
# a line the size of a typical charon log line, carrying write time and number
FMT='Nov 23 18:33:19.123 14[NET] <lab|1> bench {file} ms={ms} seq={n} phase=PHASE received packet: from 198.51.100.20[4500] to 198.51.100.10[4500] (108 bytes)'

[ "$(id -u)" = 0 ] || { echo "live_bench.sh: needs root (network namespaces)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "live_bench.sh: no binary $BIN" >&2; exit 1; }

T=$(mktemp -d /tmp/tdbench.XXXXXX)
chmod 0755 "$T"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	[ -f "$T/lab/state.env" ] && "$LAB" --dir "$T/lab" down >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# shellcheck source=../lab/testlib.sh
. "$SRC/tests/lab/testlib.sh"

out=$("$LAB" --dir "$T/lab" up psk-mismatch-v1 2>"$T/lab-up.err") || { cat "$T/lab-up.err" >&2; exit 1; }
eval "$out"
mkdir -p "$T/home"
: >"$T/a.log"
: >"$T/b.log"
chmod 0644 "$T/a.log" "$T/b.log"

timeout -k 5 $((DURATION + 30)) ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" \
	"$BIN" connect --batch --duration "$DURATION" --json --record "$T/rec" \
	-i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
	--left-log-file "$T/a.log" --right-log-file "$T/b.log" \
	"$TDLAB_SSH_USER@$TDLAB_MGMT_A" "$TDLAB_SSH_USER@$TDLAB_MGMT_B" >"$T/out.json" 2>"$T/err" &
PIDS+=($!)
tdpid=$!
{ wait_for 10 "$PY" "$LIB" follows "$TDLAB_NS_GWA" "$T/a.log" && wait_for 10 "$PY" "$LIB" follows "$TDLAB_NS_GWB" "$T/b.log"; } ||
	{ echo "live_bench.sh: tunneldoc is not following the logs after 10 s: $(cat "$T/err")" >&2; exit 1; }

"$PY" "$LIB" write "${FMT/PHASE/latency}" "$(awk "BEGIN{print 1/$LAT_RATE}")" --seconds "$LAT_SECS" \
	"$T/a.log" "$T/b.log" >"$T/n.latency"
"$PY" "$LIB" write "${FMT/PHASE/throughput}" "$(awk "BEGIN{print 1/$TP_RATE}")" --seconds "$TP_SECS" \
	--from 1000001 "$T/a.log" "$T/b.log" >"$T/n.throughput"
rc=0
wait "$tdpid" || rc=$?
[ $rc -eq 0 ] || { echo "live_bench.sh: tunneldoc exit $rc: $(cat "$T/err")" >&2; exit 1; }

echo "tunneldoc connect --batch live benchmark ($(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "writer: latency phase $LAT_RATE lines/s for ${LAT_SECS}s, throughput phase up to $TP_RATE lines/s for ${TP_SECS}s, both files; session ${DURATION}s"
for side in left right; do
	if [ $side = left ]; then f=a.log gw="A ($TDLAB_MGMT_A)"; else f=b.log gw="B ($TDLAB_MGMT_B)"; fi
	"$PY" "$LIB" latency "$T/rec/$side.log" "$T/rec/$side.times" "$T/$f" >"$T/$side.res"
	"$PY" - "$T/$side.res" "$side" "$gw" "$T/out.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
side, gw = sys.argv[2], sys.argv[3]
conn = json.load(open(sys.argv[4]))["sides"][side]["connection"]
print(f"\n{side} = gateway {gw}: state {conn['state']}, lines_received {conn['lines_received']}, reconnects {conn['reconnects']}")
print(f"  {'phase':<11} {'written':>8} {'received':>8} {'lost':>5} {'write/s':>8} {'recv/s':>8} {'median':>8} {'p99':>8} {'max':>8}")
for ph in ("latency", "throughput"):
    x = r.get(ph)
    if not x:
        continue
    print(f"  {ph:<11} {x['written']:>8} {x['received']:>8} {x['lost']:>5} {x['write_rate']:>8.0f} {x['recv_rate']:>8.0f}"
          f" {x['median']:>6} ms {x['p99']:>5} ms {x['max']:>5} ms")
u = r["_"]
lost = sum(r[p]["lost"] for p in r if p != "_")
print(f"  lost lines: {lost} ({'none' if lost == 0 else 'SOME LOST'}), repeated: {u['duplicates']}, out of order: {u['out_of_order']}"
      f"; recorded {u['lines_recorded']} lines, {u['times_recorded']} times")
PY
done
echo
echo "recv/s: lines of the phase / (last arrival - first write of the phase); latency: receive time - embedded write time"
