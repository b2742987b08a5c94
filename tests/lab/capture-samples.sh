#!/usr/bin/env bash
# Capture real daemon logs of every lab scenario into kb/samples/lab-NAME/.
#
#   capture-samples.sh [SCENARIO...]    default: every tests/lab/scenarios/*.conf
#
# For each scenario: lab.sh up, initiate, wait (bounded) until the scenario's
# evidence is in both gateways' logs, copy the IKE logs to left.log (gateway
# A, the initiator) and right.log (gateway B), write expect.json (and
# traffic.txt for scenarios that ping), lab.sh down. A scenario whose
# evidence does not show up writes no sample and makes the run fail.
# Set CAPTURE_OUT to write somewhere other than kb/samples.
set -euo pipefail

LAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$LAB_HOME/../.." && pwd)"
LAB="$LAB_HOME/lab.sh"
OUT="${CAPTURE_OUT:-$REPO/kb/samples}"
CURRENT_DIR=""
SUMMARY=()

# Print a message on stderr.
say() { printf 'capture: %s\n' "$*" >&2; }

# Stop the lab that is currently up, if any.
cleanup() {
  if [[ -n "$CURRENT_DIR" ]]; then
    "$LAB" down --dir "$CURRENT_DIR" || true
    CURRENT_DIR=""
  fi
}

# Escape a string for a JSON string literal.
json_str() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

# Name and version of the daemon that wrote a log, read from its start line.
daemon_version() {
  local log="$1" v
  v="$(sed -n 's/.*Starting Pluto (Libreswan Version \([^ ]*\).*/libreswan \1/p' "$log" | head -n1)"
  [[ -n "$v" ]] || v="$(sed -n 's/.*Starting IKE charon daemon (strongSwan \([^,]*\),.*/strongSwan \1/p' "$log" | head -n1)"
  printf '%s' "${v:-unknown daemon}"
}

# Write the traffic evidence (pings, firewall log, router counters).
write_traffic() {
  local dst="$1" start
  {
    if [[ -f "$TDLAB_DIR/ping-before.txt" ]]; then
      echo "# lana -> lanb ping right after the tunnel came up"
      cat "$TDLAB_DIR/ping-before.txt"
      echo
    fi
    if [[ -f "$TDLAB_DIR/ping.txt" ]]; then
      echo "# lana -> lanb ping${FAULT_NOTE}"
      cat "$TDLAB_DIR/ping.txt"
      echo
    fi
    if [[ -f "$TDLAB_DIR/dmesg.start" ]]; then
      start="$(cat "$TDLAB_DIR/dmesg.start")"
      echo "# kernel log, VPN firewall rules of both gateways (iptables LOG, fw-vpn_*)"
      dmesg | tail -n +"$((start + 1))" | grep 'fw-vpn_' || true
      echo
    fi
    echo "# router fault rules (packets/bytes dropped)"
    ip netns exec "$TDLAB_NS_RTR" iptables -L TDFAULT -v -n -x || true
  } >"$dst/traffic.txt"
}

# Capture one scenario into $OUT/lab-NAME.
capture_one() {
  local name="$1" t0=$SECONDS env dst tmp ok=1 version
  say "=== $name"
  env="$("$LAB" up "$name")" || { SUMMARY+=("$name FAILED(up) $((SECONDS - t0))s"); return 1; }
  eval "$env"
  CURRENT_DIR="$TDLAB_DIR"
  export TDLAB_DIR
  "$LAB" initiate || ok=0
  if ((ok)) && "$LAB" wait; then
    sleep 0.3 # let the lines that follow the evidence in the same instant land
  else
    ok=0
  fi
  if ((ok)); then
    dst="$OUT/lab-$name"
    tmp="$OUT/.lab-$name.tmp"
    rm -rf "$tmp"
    mkdir -p "$tmp"
    cp "$TDLAB_LOG_A" "$tmp/left.log"
    cp "$TDLAB_LOG_B" "$tmp/right.log"
    version="$(daemon_version "$TDLAB_LOG_A")"
    {
      printf '{\n  "cause": %s,\n  "chapter": %s,\n' \
        "$(json_str "$TDLAB_EXPECT_CAUSE")" "$(json_str "$TDLAB_EXPECT_CHAPTER")"
      printf '  "source": %s\n}\n' \
        "$(json_str "real $version in the tunneldoc lab, scenario $name, captured $(date -u +%Y-%m-%d)")"
    } >"$tmp/expect.json"
    FAULT_NOTE=""
    if grep -q '^FAULT_APPLIED=' "$TDLAB_DIR/state.env"; then
      FAULT_NOTE=" after the router started to $(sed -n 's/^FAULT_APPLIED=//p' "$TDLAB_DIR/state.env")"
    fi
    [[ -f "$TDLAB_DIR/ping.txt" ]] && write_traffic "$tmp"
    rm -rf "$dst"
    mv "$tmp" "$dst"
    SUMMARY+=("$name ok $((SECONDS - t0))s -> ${dst#"$REPO"/}")
  else
    say "no evidence for $name; last lines of the logs:"
    tail -n 5 "$TDLAB_LOG_A" "$TDLAB_LOG_B" >&2 || true
    SUMMARY+=("$name FAILED(no evidence) $((SECONDS - t0))s")
  fi
  cleanup
  ((ok))
}

# Capture the named scenarios (or all) and print a summary.
main() {
  local names=() n failed=0 t0=$SECONDS
  [[ "$(id -u)" == 0 ]] || { say "must run as root"; exit 1; }
  if (($#)); then
    names=("$@")
  else
    for n in "$LAB_HOME"/scenarios/*.conf; do
      n="${n##*/}"
      names+=("${n%.conf}")
    done
  fi
  trap cleanup EXIT
  trap 'cleanup; exit 130' INT TERM
  mkdir -p "$OUT"
  FAULT_NOTE=""
  for n in "${names[@]}"; do
    capture_one "$n" || failed=$((failed + 1))
  done
  printf '%s\n' "${SUMMARY[@]}"
  printf 'captured %d of %d scenarios in %ds\n' "$((${#names[@]} - failed))" "${#names[@]}" "$((SECONDS - t0))"
  ((failed == 0))
}

main "$@"
