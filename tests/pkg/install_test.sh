#!/usr/bin/env bash
# install_test.sh BUILD_DIR SOURCE_DIR - `cmake --install` puts the binary,
# the knowledge base, the man page and the bash completion in the usual
# places under a prefix, and the installed binary finds its knowledge base
# at run time from any directory, without kb/ in the working directory;
# --kb and TUNNELDOC_KB override it.
set -u
BUILD=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL [install]: $*"; exit 1; }

cmake --install "$BUILD" --prefix "$T/usr" >"$T/install.log" 2>&1 || fail "cmake --install: $(tail -n 5 "$T/install.log")"
B="$T/usr/bin/tunneldoc"
for f in bin/tunneldoc share/tunneldoc/kb/causes.json share/tunneldoc/kb/tree/mguard.json \
	share/tunneldoc/kb/samples/mguard-1.3.3-udp4500/left.log share/man/man1/tunneldoc.1.gz \
	share/bash-completion/completions/tunneldoc; do
	[ -e "$T/usr/$f" ] || fail "not installed: $f"
done
[ -e "$T/usr/share/tunneldoc/kb/SCHEMA.md" ] && fail "the schema notes are installed as data"
S="$T/usr/share/tunneldoc/kb/samples/mguard-1.3.3-udp4500"

# from a directory without kb/, with no TUNNELDOC_KB: the installed kb
mkdir "$T/elsewhere"
cd "$T/elsewhere" || fail "cd"
env -u TUNNELDOC_KB "$B" --version >"$T/v" || fail "--version exit $?"
grep -Eq '^knowledge base: [0-9a-f]{12}$' "$T/v" || fail "--version: no kb revision: $(cat "$T/v")"
env -u TUNNELDOC_KB "$B" analyze "$S/left.log" "$S/right.log" >"$T/o" 2>"$T/e" || fail "analyze from elsewhere: $(cat "$T/e")"
grep -q "udp4500-blocked" "$T/o" || fail "analyze from elsewhere found nothing"
# the installed kb is the source kb: same revision
[ "$(env -u TUNNELDOC_KB "$B" --version | tail -n 1)" = "$(env -u TUNNELDOC_KB "$B" --kb "$SRC/kb" --version | tail -n 1)" ] ||
	fail "the installed kb differs from the source kb"
# overrides: TUNNELDOC_KB, then --kb (a broken kb proves which one is read)
cp -r "$T/usr/share/tunneldoc/kb" "$T/kb2"
printf '{"causes": [' >"$T/kb2/causes.json"
TUNNELDOC_KB="$T/kb2" "$B" analyze "$S/left.log" >/dev/null 2>"$T/e"
[ $? -eq 1 ] && grep -q "$T/kb2/causes.json" "$T/e" || fail "TUNNELDOC_KB is not honoured: $(cat "$T/e")"
TUNNELDOC_KB="$T/kb2" "$B" --kb "$T/usr/share/tunneldoc/kb" analyze "$S/left.log" >/dev/null 2>"$T/e" ||
	fail "--kb does not win over TUNNELDOC_KB: $(cat "$T/e")"
echo "ok [install]"
