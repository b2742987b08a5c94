#!/usr/bin/env bash
# kb_build_test.sh SOURCE_DIR - a malformed knowledge base fails the build,
# and the build's message names the file and the field (the kb-valid
# build step runs `tunneldoc kb-check`).
set -u
SRC=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL [kb-build]: $*"; exit 1; }

mkdir "$T/src"
(cd "$SRC" && tar cf - --exclude='./build*' --exclude=./.git .) | (cd "$T/src" && tar xf -) || fail "cannot copy the source tree"
python3 - "$T/src/kb/tree/lancom.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["nodes"][2]["kind"] = "maybe"
json.dump(d, open(sys.argv[1], "w"))
PY
cmake -S "$T/src" -B "$T/b" -DTD_TESTS=OFF >"$T/cfg.log" 2>&1 || fail "configure failed: $(tail -n 5 "$T/cfg.log")"
if cmake --build "$T/b" -j2 >"$T/build.log" 2>&1; then
	fail "the build succeeded with a malformed kb"
fi
grep -q "lancom.json" "$T/build.log" && grep -q 'nodes\[2\].kind: unknown value "maybe"' "$T/build.log" ||
	fail "the build failed without naming file and field: $(grep -i -m3 'error\|tunneldoc:' "$T/build.log")"
# and the same tree with the kb repaired builds
cp "$SRC/kb/tree/lancom.json" "$T/src/kb/tree/lancom.json"
cmake --build "$T/b" -j2 >"$T/build2.log" 2>&1 || fail "the repaired kb does not build: $(tail -n 5 "$T/build2.log")"
echo "ok [kb-build]"
