#!/usr/bin/env bash
# tests/pkg/deb_test.sh BINARY_DIR SOURCE_DIR - the Debian package, end to end
# (issue 7): build the .deb with the project's own build (cpack -G DEB in
# BINARY_DIR, a configured and built tree), inspect it, install it with
# `apt install ./tunneldoc_*.deb` into a clean Debian 12 root
# (debootstrap --variant=minbase, cached as a tarball), let apt pull in the
# runtime dependencies from the Debian mirror, run tunneldoc there from
# directories outside the source tree (--version, analyze, analyze --json,
# kb-check, man page, completion, the --demo console in a tmux terminal),
# then remove it again.
#
# Needs root and, on the host: cmake (cpack), dpkg-dev (dpkg-shlibdeps),
# file, debootstrap, debian-archive-keyring, tmux, python3, and access to the
# Debian mirror. It installs nothing on the host and never touches the
# host's /usr: everything runs in a private work directory, and every mount
# (/proc in the root) is made in a private mount namespace (unshare), so it
# disappears with the process that made it, on every exit path.
#
# Environment:
#   TD_PKG_CACHE    where the debootstrapped root is kept as a tarball
#                   (default /var/cache/tunneldoc-test/bookworm-minbase.tar)
#   TD_PKG_MIRROR   Debian mirror (default http://deb.debian.org/debian)
#   TD_PKG_SECURITY security mirror (default http://deb.debian.org/debian-security)
#   TD_PKG_KEEP=1   keep the work directory (printed) for inspection
# shellcheck disable=SC2016 # ${Package} etc. are dpkg-query's, not the shell's
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8

NPASS=0
T0=$SECONDS
# fd 3 is the real stdout: a trap can fire while a command's output goes to a log
exec 3>&1
ok() { NPASS=$((NPASS + 1)); echo "ok - $*"; }
fail() {
	echo "FAIL: $*" >&3
	echo "deb: $NPASS passed, 1 failed" >&3
	exit 1
}
# show the last lines of a log, indented, after a failure message
logtail() { echo "--- last lines of $1 ---"; tail -n "${2:-25}" "$1" | sed 's/^/  /'; echo "--- end ---"; }

[ $# -eq 2 ] || { echo "usage: $0 BINARY_DIR SOURCE_DIR" >&2; exit 2; }
[ -d "$1" ] || fail "BINARY_DIR '$1' is not a directory"
[ -d "$2" ] || fail "SOURCE_DIR '$2' is not a directory"
BIN_DIR=$(cd "$1" && pwd -P)
SRC_DIR=$(cd "$2" && pwd -P)
[ -f "$BIN_DIR/CPackConfig.cmake" ] || fail "$BIN_DIR has no CPackConfig.cmake: configure it with cmake first (cmake -S SOURCE_DIR -B BINARY_DIR)"
[ -f "$SRC_DIR/kb/causes.json" ] || fail "$SRC_DIR is not the tunneldoc source tree (no kb/causes.json)"

CACHE_DIR=${TD_PKG_CACHE:-/var/cache/tunneldoc-test}
CACHE_TAR=$CACHE_DIR/bookworm-minbase.tar
MIRROR=${TD_PKG_MIRROR:-http://deb.debian.org/debian}
SECURITY=${TD_PKG_SECURITY:-http://deb.debian.org/debian-security}
SAMPLE=/usr/share/tunneldoc/kb/samples/mguard-1.3.3-udp4500
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# ---- what the host must have (nothing is installed here) ----
[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap, chroot and mount need it)"
need() { command -v "$1" >/dev/null || fail "'$1' is missing on the host: apt-get install $2"; }
need cpack cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev
need objdump "binutils (comes with dpkg-dev)"
need file file
need debootstrap debootstrap
need tmux tmux
need python3 python3
need unshare util-linux
need chroot coreutils
need timeout coreutils
[ -f "$KEYRING" ] || fail "$KEYRING is missing on the host: apt-get install debian-archive-keyring"

W=$(mktemp -d "${TMPDIR:-/tmp}/tunneldoc-deb.XXXXXX")
ROOT=$W/root
SOCK=tdpkg$$
export TMUX_TMPDIR=$W
unset TMUX TMUX_PANE
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }

# mount points below $W that the host can see (there should never be any)
mounts_below() { awk -v w="$W/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo; }
cleanup() {
	local rc=$? m
	trap - EXIT INT TERM HUP
	tm kill-server >/dev/null 2>&1 || true
	# belt and braces: the namespaces keep mounts off the host, but if one
	# ever shows up, unmount it before anything is deleted
	for m in $(mounts_below | sort -r); do umount -l "$m" 2>/dev/null || true; done
	if [ -n "$(mounts_below)" ]; then
		echo "FAIL: still mounted below $W (left in place, not deleted): $(mounts_below | tr '\n' ' ')" >&3
		rc=1
	elif [ "${TD_PKG_KEEP:-0}" = 1 ]; then
		echo "work directory kept: $W" >&3
	else
		rm -rf --one-file-system "$W"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM HUP

# inroot DIR CMD...: run CMD inside the root with DIR as working directory,
# a clean environment and a /proc of its own. The mount is made in a new,
# private mount namespace: the host never sees it and it vanishes with the
# command, however the command or this script ends.
cat >"$W/inroot.sh" <<'EOF'
#!/bin/sh
set -e
root=$1 dir=$2
shift 2
mount -t proc proc "$root/proc"
exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
	LANG=C.UTF-8 TERM="${TD_TERM:-dumb}" DEBIAN_FRONTEND=noninteractive \
	${http_proxy:+http_proxy=$http_proxy} \
	/bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$dir" "$@"
EOF
inroot() { unshare --mount --propagation private -- sh "$W/inroot.sh" "$ROOT" "$@"; }

# ---- 1. build the package with the project's build ----
t=$SECONDS
mkdir "$W/out"
(cd "$BIN_DIR" && cpack -G DEB --config "$BIN_DIR/CPackConfig.cmake" -B "$W/out") >"$W/cpack.log" 2>&1 ||
	{ logtail "$W/cpack.log"; fail "cpack -G DEB failed in $BIN_DIR (log above)"; }
shopt -s nullglob
debs=("$W"/out/tunneldoc_*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "cpack made ${#debs[@]} tunneldoc_*.deb files in $W/out, expected 1: $(ls "$W/out")"
DEB=${debs[0]}
DEBNAME=$(basename "$DEB")
ok "cpack built $DEBNAME ($((SECONDS - t)) s)"

# ---- 2. inspect it ----
dpkg-deb -I "$DEB" >"$W/info.txt" || fail "dpkg-deb -I $DEBNAME failed: not a valid package"
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = tunneldoc ] || fail "Package is '$(field Package)', not tunneldoc"
VERSION=$(field Version)
ARCH=$(field Architecture)
[ "$ARCH" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$ARCH', not $(dpkg --print-architecture)"
DEPENDS=$(field Depends)
echo "   Depends: $DEPENDS"
[ -n "$DEPENDS" ] || fail "the package has no Depends: dpkg-shlibdeps did not run (CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON, dpkg-dev installed?)"
for lib in libc6 libjson-c5 libssh-4 libncursesw6; do
	printf '%s\n' "$DEPENDS" | tr ',|' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$lib" ||
		fail "Depends lacks $lib: '$DEPENDS'"
done
ok "Depends names libc6, libjson-c5, libssh-4 and libncursesw6 (from dpkg-shlibdeps)"
{ [ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ]; } || fail "Maintainer or Description missing in the control file"

dpkg-deb -c "$DEB" >"$W/contents.txt" || fail "dpkg-deb -c $DEBNAME failed"
awk '{ print $6 }' "$W/contents.txt" | sed 's|^\./|/|; s|/$||' | grep -v '^$' >"$W/files.txt"
has_file() { grep -qxF -- "$1" "$W/files.txt"; }
for f in /usr/bin/tunneldoc /usr/share/tunneldoc/kb/causes.json \
	"$SAMPLE/left.log" "$SAMPLE/right.log" /usr/share/bash-completion/completions/tunneldoc; do
	has_file "$f" || fail "the package does not contain $f"
done
has_file /usr/share/man/man1/tunneldoc.1.gz || has_file /usr/share/man/man1/tunneldoc.1 ||
	fail "the package has no man page /usr/share/man/man1/tunneldoc.1(.gz)"
bad=$(grep -v '^/usr\(/\|$\)' "$W/files.txt" || true)
[ -z "$bad" ] || fail "files outside /usr: $bad"
bad=$(grep '^/usr/local\(/\|$\)' "$W/files.txt" || true)
[ -z "$bad" ] || fail "files under /usr/local: $bad"
bad=$(awk '$2 != "root/root" { print $6 }' "$W/contents.txt")
[ -z "$bad" ] || fail "files not owned by root/root: $bad"
# the whole knowledge base is there (SCHEMA.md is for authors only)
(cd "$SRC_DIR/kb" && find . -type f ! -name SCHEMA.md | sed 's|^\.|/usr/share/tunneldoc/kb|' | sort) >"$W/kb.want"
grep '^/usr/share/tunneldoc/kb/' "$W/files.txt" | sort >"$W/kb.have" || true
missing=$(comm -23 "$W/kb.want" "$W/kb.have" | head -5)
[ -z "$missing" ] || fail "kb files missing from the package: $missing"
ok "contents: /usr/bin/tunneldoc, the whole kb/ with samples, man page, completion; nothing outside /usr, nothing under /usr/local"

mkdir "$W/x"
dpkg-deb -x "$DEB" "$W/x"
# no path of the build machine: neither the build nor the source directory
# (debug info, __FILE__) in any packaged file
for p in "$BIN_DIR" "$SRC_DIR"; do
	hits=$(grep -rlaF -- "$p" "$W/x" | sed "s|^$W/x||" || true)
	[ -z "$hits" ] || fail "packaged files contain the build path $p: $hits (strip the binary: CPACK_STRIP_FILES ON)"
done
# the program's compiled-in data directory must be where the package puts kb/
if grep -qaF /usr/local/ "$W/x/usr/bin/tunneldoc"; then
	fail "/usr/bin/tunneldoc has a /usr/local path compiled in ($(grep -aoE '/usr/local/[[:alnum:]/._-]*' "$W/x/usr/bin/tunneldoc" | sort -u | tr '\n' ' ')) but the package installs to /usr: TD_DATADIR comes from CMAKE_INSTALL_PREFIX, which must be /usr for the package"
fi
grep -qaF /usr/share/tunneldoc "$W/x/usr/bin/tunneldoc" || fail "/usr/bin/tunneldoc does not name /usr/share/tunneldoc (TD_DATADIR)"
if file -b "$W/x/usr/bin/tunneldoc" | grep -q 'with debug_info\|not stripped'; then
	fail "/usr/bin/tunneldoc is not stripped ($(file -b "$W/x/usr/bin/tunneldoc" | sed 's/.*, //'))"
fi
ok "no build paths in the package; the binary is stripped and looks for its kb under /usr/share/tunneldoc"

# what the built program says about the source tree's kb: the installed one must match
KBREV=$("$BIN_DIR/tunneldoc" --kb "$SRC_DIR/kb" --version | sed -n 's/^knowledge base: //p')
{ [ -n "$KBREV" ] && [ "$KBREV" != "(not found)" ]; } || fail "$BIN_DIR/tunneldoc --kb $SRC_DIR/kb --version gave no kb revision"

# ---- 3. a clean Debian 12 root (debootstrap once, then from the cache) ----
t=$SECONDS
if [ ! -s "$CACHE_TAR" ]; then
	echo "   no $CACHE_TAR yet: debootstrap --variant=minbase bookworm (once, about a minute)"
	mkdir -p "$CACHE_DIR" "$W/boot"
	# debootstrap mounts /proc and /sys in the target itself: a private
	# namespace keeps those mounts from outliving it
	timeout 1200 unshare --mount --propagation private -- \
		debootstrap --variant=minbase --keyring="$KEYRING" bookworm "$W/boot" "$MIRROR" >"$W/debootstrap.log" 2>&1 ||
		{ logtail "$W/debootstrap.log"; fail "debootstrap bookworm from $MIRROR failed (log above; is the mirror reachable?)"; }
	rm -f "$W"/boot/var/cache/apt/archives/*.deb
	rm -rf "$W"/boot/var/lib/apt/lists/*
	tar --numeric-owner -C "$W/boot" -cf "$CACHE_TAR.$$.tmp" . || fail "could not write $CACHE_TAR"
	mv -f "$CACHE_TAR.$$.tmp" "$CACHE_TAR"
	rm -rf --one-file-system "${W:?}/boot"
	ok "debootstrap bookworm minbase, cached as $CACHE_TAR ($((SECONDS - t)) s)"
	t=$SECONDS
fi
mkdir "$ROOT"
tar --numeric-owner -C "$ROOT" -xpf "$CACHE_TAR" || fail "could not unpack $CACHE_TAR (delete it to have it made again)"
grep -q '^12\.' "$ROOT/etc/debian_version" || fail "$CACHE_TAR is not a Debian 12 root ($(cat "$ROOT/etc/debian_version" 2>/dev/null)); delete it to have it made again"
[ ! -e "$ROOT/usr/bin/tunneldoc" ] || fail "the clean root already has /usr/bin/tunneldoc"
# a fresh Debian 12 as installed: main, updates and security
cat >"$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
rm -f "$ROOT/etc/resolv.conf"
cat /etc/resolv.conf >"$ROOT/etc/resolv.conf" 2>/dev/null || true
# the host's apt proxy, if it has one
apt-config dump 2>/dev/null | grep -i '^Acquire::\(http\|https\)::Proxy ' >"$ROOT/etc/apt/apt.conf.d/01proxy" || rm -f "$ROOT/etc/apt/apt.conf.d/01proxy"
ok "clean Debian $(cat "$ROOT/etc/debian_version") root in $ROOT ($((SECONDS - t)) s)"

# ---- 4. apt install ./tunneldoc_*.deb, dependencies from the mirror ----
t=$SECONDS
inroot / dpkg-query -W -f '${Package}\n' >"$W/before.txt"
for lib in libjson-c5 libssh-4 libncursesw6; do
	! grep -qx "$lib" "$W/before.txt" || fail "the clean root already has $lib: it cannot show that apt pulls it in"
done
cp "$DEB" "$ROOT/tmp/"
inroot / timeout 600 apt-get -q update >"$W/apt-update.log" 2>&1 ||
	{ logtail "$W/apt-update.log"; fail "apt-get update in the root failed (log above; is $MIRROR reachable?)"; }
# exactly what the user types (apt, not apt-get: the warning about apt's CLI goes to the log)
inroot / timeout 900 apt install -y "./tmp/$DEBNAME" >"$W/apt-install.log" 2>&1 ||
	{ logtail "$W/apt-install.log" 40; fail "apt install -y ./tmp/$DEBNAME failed in the clean root (log above)"; }
inroot / dpkg-query -W -f '${Package} ${db:Status-Status}\n' >"$W/after.txt"
inroot / apt-mark showauto >"$W/auto.txt"
grep -qx 'tunneldoc installed' "$W/after.txt" || fail "tunneldoc is not installed after apt install: $(grep '^tunneldoc ' "$W/after.txt")"
! grep -qx tunneldoc "$W/auto.txt" || fail "tunneldoc is marked automatically installed"
for lib in libjson-c5 libssh-4 libncursesw6; do
	grep -qx "$lib installed" "$W/after.txt" || fail "$lib was not installed with tunneldoc"
	grep -qx "$lib" "$W/auto.txt" || fail "$lib is installed but not as a dependency (not marked auto)"
done
# and every Depends of the package is satisfied
for alt in $(printf '%s\n' "$DEPENDS" | tr -d ' ' | tr ',' '\n' | sed 's/([^)]*)//g'); do
	sat=0
	for p in $(printf '%s\n' "$alt" | tr '|' ' '); do
		grep -qx "${p%%:*} installed" "$W/after.txt" && sat=1
	done
	[ $sat = 1 ] || fail "dependency '$alt' is not installed in the root"
done
new=$(grep ' installed$' "$W/after.txt" | cut -d' ' -f1 | grep -vxF -f "$W/before.txt" | tr '\n' ' ')
ok "apt install ./tmp/$DEBNAME pulled in libjson-c5, libssh-4, libncursesw6 ($((SECONDS - t)) s; new: $new)"
inroot / ldd /usr/bin/tunneldoc >"$W/ldd.txt" 2>&1 || { cat "$W/ldd.txt"; fail "ldd /usr/bin/tunneldoc failed in the root"; }
! grep -q 'not found' "$W/ldd.txt" || fail "unresolved libraries in the root: $(grep 'not found' "$W/ldd.txt")"
ok "ldd resolves every library of /usr/bin/tunneldoc in the root"

# ---- 5. tunneldoc from outside the source tree ----
for dir in / /tmp; do
	out=$(inroot "$dir" tunneldoc --version 2>&1) || fail "tunneldoc --version in $dir exited non-zero: $out"
	printf '%s\n' "$out" | head -1 | grep -qxF "tunneldoc ${VERSION%%-*}" ||
		fail "tunneldoc --version in $dir: first line is not 'tunneldoc ${VERSION%%-*}': $out"
	printf '%s\n' "$out" | grep -qxF "knowledge base: $KBREV" ||
		fail "tunneldoc --version in $dir does not report the installed kb ($KBREV): $out"
	inroot "$dir" tunneldoc analyze "$SAMPLE/left.log" "$SAMPLE/right.log" >"$W/analyze.txt" 2>&1 ||
		{ logtail "$W/analyze.txt"; fail "tunneldoc analyze (in $dir) exited non-zero"; }
	grep -q 'cause: udp4500-blocked' "$W/analyze.txt" ||
		{ logtail "$W/analyze.txt" 40; fail "tunneldoc analyze (in $dir) did not report udp4500-blocked"; }
	ok "in $dir: tunneldoc --version ($(printf '%s' "$out" | tr '\n' ' ')) and analyze finds udp4500-blocked"
done
inroot /tmp sh -c "tunneldoc analyze --json $SAMPLE/left.log $SAMPLE/right.log >/tmp/analyze.json" 2>"$W/json.err" ||
	{ logtail "$W/json.err"; fail "tunneldoc analyze --json exited non-zero"; }
python3 - "$ROOT/tmp/analyze.json" "$KBREV" <<'EOF' || fail "tunneldoc analyze --json: output is not the expected JSON (see above)"
import json, sys
with open(sys.argv[1]) as f:
    d = json.load(f)
top = d["findings"][0]
assert d["cause"] == "udp4500-blocked", "top-level cause is %r" % d["cause"]
assert top["cause"] == "udp4500-blocked", "first finding is %r" % top["cause"]
assert d["kb_revision"] == sys.argv[2], "kb_revision %r, expected %r" % (d["kb_revision"], sys.argv[2])
EOF
ok "tunneldoc analyze --json is valid JSON with udp4500-blocked first"
inroot / tunneldoc kb-check >"$W/kbcheck.txt" 2>&1 || { logtail "$W/kbcheck.txt"; fail "tunneldoc kb-check exited non-zero in the root"; }
ok "tunneldoc kb-check: $(tail -1 "$W/kbcheck.txt")"

if inroot / sh -c 'command -v man' >/dev/null 2>&1; then
	man=$(inroot / man -w tunneldoc 2>&1) || fail "man -w tunneldoc in the root: $man"
	case $man in /usr/share/man/man1/tunneldoc.1*) ;; *) fail "man -w tunneldoc found '$man'" ;; esac
	inroot / sh -c 'man tunneldoc 2>&1 >/dev/null' >"$W/man.err" || { logtail "$W/man.err"; fail "man tunneldoc failed in the root"; }
	[ ! -s "$W/man.err" ] || { logtail "$W/man.err"; fail "man tunneldoc warns (groff/man-db, above)"; }
	ok "man -w tunneldoc: $man; man tunneldoc renders without warnings"
else
	[ -f "$ROOT/usr/share/man/man1/tunneldoc.1.gz" ] || [ -f "$ROOT/usr/share/man/man1/tunneldoc.1" ] ||
		fail "no man page installed under /usr/share/man/man1"
	ok "man page installed (man-db not in the root)"
fi
comp=/usr/share/bash-completion/completions/tunneldoc
inroot / bash -n "$comp" 2>"$W/comp.err" || { logtail "$W/comp.err"; fail "$comp has a bash syntax error"; }
inroot / bash -c ". $comp && complete -p tunneldoc" >"$W/comp.txt" 2>&1 ||
	{ logtail "$W/comp.txt"; fail "sourcing $comp does not register a completion for tunneldoc"; }
ok "bash completion: $(cat "$W/comp.txt")"

# the console: a real terminal (a tmux pane on the host) running the chroot
cat >"$W/demo.sh" <<EOF
TD_TERM=xterm-256color unshare --mount --propagation private -- sh '$W/inroot.sh' '$ROOT' /tmp tunneldoc --demo
echo "EXIT:\$?"
exec sleep 120
EOF
tm new-session -d -s demo -x 160 -y 45 "bash '$W/demo.sh'" || fail "tmux new-session failed"
screen() { tm capture-pane -p -J -t demo >"$W/screen" 2>/dev/null || true; }
wait_for() { # wait_for SECONDS GREP-ARGS...
	local n=$(($1 * 10))
	shift
	while [ $n -gt 0 ]; do
		screen
		grep -q "$@" "$W/screen" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
show_screen() { echo "--- screen ---"; sed 's/ *$//' "$W/screen" | awk 'NF { n = NR } { l[NR] = $0 } END { for (i = 1; i <= n; i++) print l[i] }'; echo "--- end of screen ---"; }
wait_for 15 -F -e ' tunneldoc | ' -e 'EXIT:' || { show_screen; fail "tunneldoc --demo showed nothing within 15 s"; }
head -1 "$W/screen" | grep -qF ' tunneldoc | ' || { show_screen; fail "tunneldoc --demo did not start the console"; }
wait_for 15 -F 'initiating Main Mode' || { show_screen; fail "tunneldoc --demo: the replay never showed 'initiating Main Mode'"; }
tm send-keys -t demo q
wait_for 10 -F 'EXIT:' || { show_screen; fail "tunneldoc --demo did not quit on q"; }
grep -qx 'EXIT:0' "$W/screen" || { show_screen; fail "tunneldoc --demo exited with $(grep -o 'EXIT:[0-9]*' "$W/screen")"; }
tm kill-server >/dev/null 2>&1 || true
ok "tunneldoc --demo in a terminal (from /tmp): the console replays 'initiating Main Mode', q quits with 0"

# ---- 6. remove ----
inroot / apt-get remove -y tunneldoc >"$W/apt-remove.log" 2>&1 || { logtail "$W/apt-remove.log"; fail "apt-get remove -y tunneldoc failed"; }
[ ! -e "$ROOT/usr/bin/tunneldoc" ] || fail "/usr/bin/tunneldoc is still there after apt-get remove"
[ ! -e "$ROOT/usr/share/tunneldoc" ] || fail "/usr/share/tunneldoc is still there after apt-get remove: $(find "$ROOT/usr/share/tunneldoc" | head -3)"
! inroot / sh -c 'command -v tunneldoc' >/dev/null 2>&1 || fail "tunneldoc still on PATH after apt-get remove"
ok "apt-get remove -y tunneldoc: binary and kb gone"

[ -z "$(mounts_below)" ] || fail "mounts visible on the host below $W: $(mounts_below)"
ok "no mount below $W visible on the host"
echo "deb: total $((SECONDS - T0)) s"
echo "deb: $NPASS passed, 0 failed"
