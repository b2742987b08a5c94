#!/usr/bin/env bash
# tests/bench/run.sh [BUILD_DIR] [LINES] [BIG_LINES] - the analyze benchmark.
#
# Generates a log pair of LINES lines per side (default 1,000,000) from the
# real libreswan 4.10 lab logs in kb/samples (startup noise, retries,
# failures; replicated with moved times, serials and addresses) and prints,
# in one run on that pair: tunneldoc analyze's CPU time, wall time, lines per
# CPU-second, peak RSS and instructions per line; the same for lnav (when
# installed) and for grep -c (writing to a file: with >/dev/null GNU grep
# stops at the first match); the console's `open --bench` figures; and, when
# BIG_LINES is given (e.g. 10000000; takes minutes and ~2 GB of /tmp), the
# peak RSS of analyze on a BIG_LINES-per-side pair. Asserts nothing.
set -euo pipefail
B=${1:-build}
N=${2:-1000000}
BIG=${3:-}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
cmake --build "$B" --target bench_analyze tunneldoc >/dev/null
BA="$B/tests/bench_analyze"
TD=$(realpath "$B/tunneldoc")

templates=()
for t in "$SRC"/kb/samples/lab-*-v1; do
	if grep -q 'Libreswan Version 4.10' "$t/left.log" && grep -q 'Libreswan Version 4.10' "$t/right.log"; then
		templates+=("$t")
	fi
done

# instructions of CMD per line, or "not measured" (no PMU, e.g. in a VM)
instructions() {
	local lines=$1 out
	shift
	if ! command -v perf >/dev/null; then
		echo "instructions per line: not measured (perf not installed)"
		return
	fi
	perf stat -x, -e instructions -o "$D/perf.txt" -- "$@" >/dev/null 2>&1 || true
	out=$(grep ',instructions' "$D/perf.txt" || true)
	case "$out" in
	[0-9]*) awk -F, -v n="$lines" '{ printf "instructions per line: %.0f\n", $1 / n }' <<<"$out" ;;
	*) echo "instructions per line: not measured (perf stat -e instructions: ${out%%,*})" ;;
	esac
}

pair() {
	mkdir -p "$D/$1"
	"$BA" gen "$D/$1" "$1" "${templates[@]}"
}

pair "$N"
L="$D/$N/left.log" R="$D/$N/right.log"
lines=$(($("$BA" count "$L") + $("$BA" count "$R")))
echo "== $lines lines (both sides), $(nproc) cores, $(date -u +%FT%TZ)"
"$BA" run analyze "$lines" "$D/out.json" "$TD" analyze --json "$L" "$R"
instructions "$lines" "$TD" analyze --json "$L" "$R"
if command -v lnav >/dev/null; then
	"$BA" run lnav "$lines" "$D/lnav.out" lnav -n -c ';SELECT count(*) FROM all_logs' "$L" "$R"
	instructions "$lines" lnav -n -c ';SELECT count(*) FROM all_logs' "$L" "$R"
else
	echo "lnav: not installed"
fi
"$BA" run grep "$lines" "$D/grep.out" grep -c -e refused -e 'no acceptable' -e retransmission "$L" "$R"
instructions "$lines" grep -c -e refused -e 'no acceptable' -e retransmission "$L" "$R"
echo "== console: $TD open --bench - (200x50 virtual terminal)"
"$TD" open --bench - "$L" "$R"
rm -rf "${D:?}/$N"

if [ -n "$BIG" ]; then
	pair "$BIG"
	L="$D/$BIG/left.log" R="$D/$BIG/right.log"
	lines=$(($("$BA" count "$L") + $("$BA" count "$R")))
	echo "== memory at $lines lines (both sides)"
	"$BA" run analyze "$lines" "$D/out.json" "$TD" analyze --json "$L" "$R"
else
	echo "== memory at 10,000,000 lines per side: not run (give BIG_LINES, e.g. tests/bench/run.sh $B $N 10000000)"
fi
