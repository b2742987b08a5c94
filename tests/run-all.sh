#!/usr/bin/env bash
# tests/run-all.sh - install what the tests need (Debian 12, as root), build
# tunneldoc three ways and run the whole suite:
#   build/       release build: unit, golden (samples, rules, corpus), CLI tests
#   build-asan/  the same tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   build-fuzz/  libFuzzer harnesses (tests/fuzz: lines, kb, tree, sites,
#                checklist, record, ...), each run for TD_FUZZ_SECONDS
#                (default 10), two at a time: about a minute in all
# The real-lab end-to-end tests (tests/lab) and the live SSH tests need root
# (network namespaces). The live tests run in both builds; the lab tests and
# the 185 s live.long-drop run in the release build only: they test the
# daemons, the captures and the judge more than tunneldoc's memory use, and
# the code they run is under ASan in the sample, corpus, rule and live tests.
# Running them twice cost about 19 of CI's 90 minutes.
# Exits non-zero if anything fails. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends build-essential cmake pkg-config \
		libjson-c-dev libssh-dev libncurses-dev libcmocka-dev clang libclang-rt-14-dev \
		python3 tmux ca-certificates \
		man-db groff-base bash-completion shellcheck \
		debootstrap dpkg-dev file debian-archive-keyring >/dev/null
	# the real lab: libreswan, strongSwan, OpenSSH server, iproute2, iptables
	bash tests/lab/install.sh
fi

jobs=$(nproc 2>/dev/null || echo 2)
fuzz_seconds=${TD_FUZZ_SECONDS:-10}

echo "== build (release) =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTD_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
echo "== build (ASan + UBSan) =="
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTD_SANITIZE=ON -DTD_TESTS=ON -DTD_LAB_TESTS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
echo "== build (libFuzzer) =="
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DTD_FUZZ=ON -DTD_TESTS=OFF \
	-DTD_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
cmake --build build-fuzz -j"$jobs"

status=0
echo "== fuzz (${fuzz_seconds}s each) =="
(cd build-fuzz && ctest --output-on-failure -j2) || status=1
echo "== tests under ASan + UBSan =="
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$jobs") || status=1
echo "== tests (release) =="
(cd build && ctest --output-on-failure -j"$jobs") || status=1
# a test that replaced /dev/null by a file would break every later run
# (sshd, the lab) on this machine: say so, and fail
if [ ! -c /dev/null ]; then
	echo "FAIL: /dev/null is no longer a character device: a test replaced it" >&2
	status=1
fi
exit $status
