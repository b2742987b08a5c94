#!/usr/bin/env bash
# matrix.sh - run the lab matrix with the judge and print a summary table.
#
#   tests/lab/matrix.sh [-j N] [-b BINARY] [-o DIR] [REGEX]
#
# Runs tests/lab/e2e_test.sh for every scenario of tests/lab/e2e.tsv whose
# name matches REGEX (default: all), N at a time (default 2; every lab has
# its own namespaces), with both checks reported: the diagnosis (cause,
# chapter, stop step) and the judge (every ladder row against the packet
# captures of both gateways). Each scenario's output, JSON report, captures,
# logs and judge table stay in DIR/<scenario>/ (default
# /tmp/tunneldoc-matrix.<pid>). Prints one line per scenario and a summary;
# exit status 0 when every scenario passed both checks.
# Root, tests/lab/install.sh, a built tunneldoc (default build/tunneldoc).
set -uo pipefail

LAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$LAB_HOME/../.." && pwd)"
JOBS=2 BIN="$REPO/build/tunneldoc" OUT="/tmp/tunneldoc-matrix.$$" FILTER="."
while getopts "j:b:o:h" o; do
  case $o in
    j) JOBS=$OPTARG ;;
    b) BIN=$OPTARG ;;
    o) OUT=$OPTARG ;;
    *) sed -n '2,/^[^#]/p' "${BASH_SOURCE[0]}" | sed -n 's/^# \{0,1\}//p'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -gt 0 ]] && FILTER=$1
[[ -x $BIN ]] || { echo "matrix.sh: no tunneldoc at $BIN (build first or -b)" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
mkdir -p "$OUT"

# Run one scenario; its output goes to OUT/<scenario>.out.
run_one() {
  local s="$1" t0=$SECONDS rc
  CHECKS="diag judge" E2E_KEEP="$OUT" timeout 240 bash "$LAB_HOME/e2e_test.sh" "$BIN" "$REPO" "$s" >"$OUT/$s.out" 2>&1
  rc=$?
  echo "TIME $((SECONDS - t0))" >>"$OUT/$s.out"
  printf '%-36s %s\n' "$s" "$(grep -h '^RESULT' "$OUT/$s.out" | cut -d' ' -f3- || true)${rc:+ rc=$rc}" >&2
}
export -f run_one
export OUT BIN REPO LAB_HOME

awk -F'\t' 'NR > 1 { print $1 }' "$LAB_HOME/e2e.tsv" | grep -E -- "$FILTER" >"$OUT/list"
echo "matrix.sh: $(wc -l <"$OUT/list") scenarios, $JOBS at a time, output in $OUT" >&2
t0=$SECONDS
xargs -P "$JOBS" -I{} bash -c 'run_one "$@"' _ {} <"$OUT/list"

python3 - "$OUT" "$LAB_HOME/e2e.tsv" "$((SECONDS - t0))" <<'PY'
import json, os, re, sys
out, tsv, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])
want = {}
for l in open(tsv).read().splitlines()[1:]:
    f = l.split("\t")
    want[f[0]] = f
names = open(os.path.join(out, "list")).read().split()
print(f"{'scenario':36} {'diag':5} {'judge':5} {'lost':>4} {'fails':>5} {'s':>4}  want / got")
tot = {"diag": 0, "judge": 0, "both": 0}
for n in names:
    txt = open(os.path.join(out, n + ".out"), errors="replace").read() if os.path.exists(os.path.join(out, n + ".out")) else ""
    m = re.search(r"^RESULT \S+ diag=(\S+) judge=(\S+)", txt, re.M)
    d, j = (m.group(1), m.group(2)) if m else ("ERR", "ERR")
    t = re.search(r"^TIME (\d+)", txt, re.M)
    jf = os.path.join(out, n, "judge.json")
    lost = fails = "-"
    if os.path.exists(jf):
        jj = json.load(open(jf))
        lost, fails = jj.get("lost_on_wire", "-"), len(jj.get("fails", []))
    got = ""
    rf = os.path.join(out, n, "report.json")
    if os.path.exists(rf):
        try:
            r = json.load(open(rf))
            got = f"{r.get('cause')} {r.get('chapter')}"
        except ValueError:
            got = "bad json"
    elif not m:
        last = [l for l in txt.splitlines() if l.startswith("FAIL")]
        got = last[-1][:60] if last else "no result"
    w = want.get(n, ["", "?", "?"])
    print(f"{n:36} {d:5} {j:5} {lost!s:>4} {fails!s:>5} {t.group(1) if t else '?':>4}  {w[1]} {w[2]} / {got}")
    tot["diag"] += d == "ok"
    tot["judge"] += j == "ok"
    tot["both"] += d == "ok" and j == "ok"
print(f"{len(names)} scenarios in {secs}s: diagnosis ok {tot['diag']}, judge ok {tot['judge']}, both {tot['both']}")
# every judge failure, one per line, for the ladder's authors
with open(os.path.join(out, "failures.txt"), "w") as f:
    for n in names:
        jf = os.path.join(out, n, "judge.json")
        if os.path.exists(jf):
            for x in json.load(open(jf)).get("fails", []):
                print(f"{n}\t{x}", file=f)
print(f"judge failures, one per line: {os.path.join(out, 'failures.txt')}")
sys.exit(0 if tot["both"] == len(names) else 1)
PY
