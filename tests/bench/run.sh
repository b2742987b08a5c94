#!/usr/bin/env bash
# tests/bench/run.sh [BUILD_DIR] [LINES] - the analyze benchmark: generate a
# pluto log pair (LINES per side, default 1,000,000) and time
# `tunneldoc analyze` on it at two sizes, to show time and memory scaling.
# Prints numbers; asserts nothing.
set -euo pipefail
B=${1:-build}
N=${2:-1000000}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
cmake --build "$B" --target bench_analyze tunneldoc >/dev/null
for n in $((N / 10)) "$N"; do
	mkdir -p "$D/$n"
	"$B/tests/bench_analyze" gen "$D/$n" "$n"
	"$B/tests/bench_analyze" run "$B/tunneldoc" "$D/$n"
done
