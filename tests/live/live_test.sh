#!/usr/bin/env bash
# live_test.sh CASE - live-transport tests of `tunneldoc connect --batch`
# against the real two-gateway lab (tests/lab/lab.sh: network namespaces,
# an OpenSSH server per gateway). Every case builds its own lab and tears it
# down on every exit path. Root only; needs tests/lab/install.sh.
# Usage: live_test.sh BINARY SOURCE_DIR CASE
# Prints `ok [CASE]` or `FAIL [CASE]: why` (exit 1). Without root or the
# lab software the case fails: a live test that cannot run is not a pass.
# TDLIVE_KEEP=1 keeps the temporary directory (and the lab's files) of a
# failed case for inspection.
set -u
BIN=$(readlink -f "$1")
SRC=$(readlink -f "$2")
CASE=$3
LAB="$SRC/tests/lab/lab.sh"
LIB="$SRC/tests/live/livelib.py"
FAKE="$SRC/tests/live/fake_lcos.py"
SCENARIO=psk-mismatch-v1 # libreswan, idle: nothing is initiated, only sshd matters
PY=$(command -v python3)

# Everything of this case lives in $T (the lab in $T/lab); world-readable so
# the lab's ssh user can follow the log files in it.
T=$(mktemp -d /tmp/tdlive.XXXXXX)
chmod 0755 "$T"
PIDS=()
FAILED=0

cleanup() {
	local p
	[ -n "${TMUXL:-}" ] && TMUX_TMPDIR="$T" tmux -L "$TMUXL" kill-server 2>/dev/null
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	local keep=()
	((FAILED)) && [ -n "${TDLIVE_KEEP:-}" ] && keep=(--keep)
	if [ -f "$T/lab/state.env" ]; then
		"$LAB" --dir "$T/lab" "${keep[@]}" down >/dev/null 2>&1 ||
			echo "live_test.sh: lab down failed for $T/lab" >&2
	fi
	if ((${#keep[@]})); then
		echo "live_test.sh: kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

fail() {
	FAILED=1
	echo "FAIL [$CASE]: $*"
	exit 1
}
jget() { "$PY" "$LIB" json "$@"; }
info() { echo "info [$CASE]: $*" >&2; }

[ "$(id -u)" = 0 ] || fail "needs root (network namespaces)"
{ [ -x /usr/sbin/sshd ] && [ -x /usr/libexec/ipsec/pluto ]; } || fail "lab software missing: run tests/lab/install.sh"
[ -x "$BIN" ] || fail "no binary $BIN"

# Bring up a lab; exports its TDLAB_* variables.
lab_up() {
	local out
	out=$("$LAB" --dir "$T/lab" up "$SCENARIO" 2>"$T/lab-up.err") || fail "lab.sh up failed: $(tail -n 3 "$T/lab-up.err")"
	eval "$out"
	export TDLAB_DIR
	KEYA=$(cut -d' ' -f1,2 "$TDLAB_DIR/gwa/ssh_host_ed25519_key.pub")
	KEYB=$(cut -d' ' -f1,2 "$TDLAB_DIR/gwb/ssh_host_ed25519_key.pub")
	A="$TDLAB_SSH_USER@$TDLAB_MGMT_A"
	B="$TDLAB_SSH_USER@$TDLAB_MGMT_B"
	mkdir -p "$T/home"
}

# tunneldoc connect --batch in the technician namespace, bounded in time;
# HOME is a private directory so root's ~/.ssh plays no part.
td() {
	local dur=$1
	shift
	timeout -k 5 $((dur + 25)) ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" \
		"$BIN" connect --batch --duration "$dur" "$@"
}

# shellcheck source=../lab/testlib.sh
. "$SRC/tests/lab/testlib.sh"

# Succeed when namespace $1 runs tunneldoc's follower of file $2.
follows() { "$PY" "$LIB" follows "$1" "$2"; }

# Succeed when gateway A's namespace runs no sshd.
no_sshd_on_a() { ! ns_has "$TDLAB_NS_GWA" sshd; }

# Start an extra sshd in a gateway's namespace from the lab's config with
# changes: gw (gwa|gwb), port, name, then extra config lines.
extra_sshd() {
	local gw=$1 port=$2 name=$3 ns
	shift 3
	if [ "$gw" = gwa ]; then ns=$TDLAB_NS_GWA; else ns=$TDLAB_NS_GWB; fi
	sed -e "s/^Port .*/Port $port/" -e "s#^PidFile .*#PidFile $T/$name.pid#" \
		"$TDLAB_DIR/$gw/sshd_config" >"$T/$name.conf"
	local l
	for l in "$@"; do
		local key=${l%% *}
		sed -i "/^$key /d" "$T/$name.conf"
		echo "$l" >>"$T/$name.conf"
	done
	ip netns exec "$ns" /usr/sbin/sshd -f "$T/$name.conf" -E "$T/$name.log" </dev/null ||
		fail "extra sshd $name did not start: $(tail -n 3 "$T/$name.log")"
	wait_for 5 test -s "$T/$name.pid" || fail "extra sshd $name wrote no pid file"
}

# Make the log files a.log and b.log (world-readable), with $1 lines each.
make_logs() {
	: >"$T/a.log"
	: >"$T/b.log"
	chmod 0644 "$T/a.log" "$T/b.log"
	if [ "${1:-0}" -gt 0 ]; then
		"$PY" "$LIB" write '{file} seq {n}' 0 "$1" "$T/a.log" "$T/b.log" >/dev/null
	fi
}

# Check a JSON report: side, state, whether it must have lines.
want_side() {
	local out=$1 side=$2 state=$3 got
	got=$(jget "$out" "d['sides']['$side']['connection']['state']") || fail "no JSON report: $(head -c 300 "$out")"
	[ "$got" = "$state" ] || fail "$side state is '$got', want '$state' (error: $(jget "$out" "d['sides']['$side']['connection']['error']"))"
}

# Kill gateway A's ssh server: the listener and every session process.
kill_sshd_a() {
	local p
	for p in $(ip netns pids "$TDLAB_NS_GWA"); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = sshd ] && kill -KILL "$p" 2>/dev/null
	done
	wait_for 5 no_sshd_on_a || fail "sshd in $TDLAB_NS_GWA survived SIGKILL"
}

# Start gateway A's ssh server again, exactly as lab.sh starts it.
restart_sshd_a() {
	rm -f "$TDLAB_DIR/gwa/sshd.pid"
	ip netns exec "$TDLAB_NS_GWA" /usr/sbin/sshd -f "$TDLAB_DIR/gwa/sshd_config" -E "$TDLAB_DIR/gwa/sshd.log" </dev/null ||
		fail "sshd of gateway A did not restart"
	wait_for 5 test -s "$TDLAB_DIR/gwa/sshd.pid" || fail "restarted sshd wrote no pid file"
}

# Rotation cases: stream for $1 s from empty logs, then a writer that
# opens each file by name for every line ($2 s between lines, for $3 s),
# as a daemon that follows a rotation does.
rot_start() {
	lab_up
	make_logs 0
	td "$1" --json --record "$T/rec" -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
		--left-log-file "$T/a.log" --right-log-file "$T/b.log" "$A" "$B" >"$T/out.json" 2>"$T/err" &
	PIDS+=($!)
	tdpid=$!
	wait_for 8 follows "$TDLAB_NS_GWA" "$T/a.log" || fail "no follower of a.log on gateway A after 8 s: $(cat "$T/err")"
	wait_for 8 follows "$TDLAB_NS_GWB" "$T/b.log" || fail "no follower of b.log on gateway B after 8 s: $(cat "$T/err")"
	"$PY" "$LIB" write '{file} seq {n}' "$2" --seconds "$3" --reopen "$T/a.log" "$T/b.log" >"$T/written" &
	PIDS+=($!)
	wrpid=$!
}

# A connection field of a side in the JSON report.
conn() { jget "$T/out.json" "d['sides']['$1']['connection']['$2']"; }

# After the writer and tunneldoc ended: every line written reached each
# side once and in order (whatever files it went through on the way).
rot_check() {
	local n side f
	wait "$wrpid" || fail "the writer failed"
	wait "$tdpid"
	rc=$?
	[ $rc -eq 0 ] || fail "exit $rc: $(cat "$T/err")"
	n=$(cat "$T/written")
	[ "$n" -gt 100 ] || fail "the writer wrote only $n lines"
	for side in left right; do
		f=a.log
		[ $side = right ] && f=b.log
		awk -v n="$n" -v f=$f 'BEGIN { for (i = 1; i <= n; i++) print f " seq " i }' >"$T/want.$side"
		why=$("$PY" "$LIB" sameseq "$T/want.$side" "$T/rec/$side.log") ||
			fail "$side did not get the $n lines written once and in order: $why; JSON: $(jget "$T/out.json" "d['sides']['$side']['connection']")"
		want_side "$T/out.json" $side streaming
		[ "$(conn $side lines_received)" = "$n" ] || fail "$side lines_received $(conn $side lines_received), want $n"
	done
	[ "$(conn right reconnects)" = 0 ] || fail "right reconnects $(conn right reconnects), want 0"
	[ "$(conn right rotations_followed)" = 0 ] || fail "right followed a rotation that did not happen"
}

case "$CASE" in
stream-once-in-order)
	lab_up
	make_logs 50 # lines 1-50 come as backlog, 51-200 live
	td 10 --json --record "$T/rec" -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
		--left-log-file "$T/a.log" --right-log-file "$T/b.log" "$A" "$B" >"$T/out.json" 2>"$T/err" &
	PIDS+=($!)
	tdpid=$!
	wait_for 8 follows "$TDLAB_NS_GWA" "$T/a.log" || fail "no follower of a.log on gateway A after 8 s: $(cat "$T/err")"
	wait_for 8 follows "$TDLAB_NS_GWB" "$T/b.log" || fail "no follower of b.log on gateway B after 8 s: $(cat "$T/err")"
	"$PY" "$LIB" write '{file} seq {n}' 0.01 150 --from 51 "$T/a.log" "$T/b.log" >/dev/null
	wait "$tdpid"
	rc=$?
	[ $rc -eq 0 ] || fail "exit $rc: $(cat "$T/err")"
	for f in left.log right.log left.times right.times session.json; do
		[ -f "$T/rec/$f" ] || fail "--record wrote no $f"
	done
	why=$("$PY" "$LIB" sameseq "$T/a.log" "$T/rec/left.log") || fail "left.log is not a.log: $why"
	why=$("$PY" "$LIB" sameseq "$T/b.log" "$T/rec/right.log") || fail "right.log is not b.log: $why"
	for side in left right; do
		want_side "$T/out.json" $side streaming
		n=$(jget "$T/out.json" "d['sides']['$side']['connection']['lines_received']")
		[ "$n" = 200 ] || fail "$side lines_received $n, want 200"
		n=$(jget "$T/out.json" "d['sides']['$side']['lines']")
		[ "$n" = 200 ] || fail "$side lines $n, want 200"
		n=$(jget "$T/out.json" "d['sides']['$side']['connection']['reconnects']")
		[ "$n" = 0 ] || fail "$side reconnects $n, want 0"
		n=$(wc -l <"$T/rec/$side.times")
		[ "$n" = 200 ] || fail "$side.times has $n lines, want 200"
		sort -n -c "$T/rec/$side.times" 2>/dev/null || fail "$side.times not in order"
		grep -Evq '^1[0-9]{12}$' "$T/rec/$side.times" && fail "$side.times holds something else than ms since 1970"
	done
	[ "$(jget "$T/rec/session.json" "d['sides']['left']['lines']")" = 200 ] || fail "session.json: left lines"
	;;

hostkey-unknown)
	lab_up
	make_logs 3
	: >"$T/kh"
	td 3 --json -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" --log-file "$T/a.log" "$A" "$B" >"$T/out.json" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "exit $rc, want 1 (no gateway reachable): $(cat "$T/err")"
	for t in "$A" "$B"; do
		grep -F "$t" "$T/err" | grep -q "unknown host key" || fail "no 'unknown host key' for $t: $(cat "$T/err")"
		grep -F "$t" "$T/err" | grep -q "SHA256:" || fail "no SHA256 fingerprint for $t: $(cat "$T/err")"
	done
	fa=$(ssh-keygen -lf "$TDLAB_DIR/gwa/ssh_host_ed25519_key.pub" | cut -d' ' -f2)
	grep -F "$A" "$T/err" | grep -qF "$fa" || fail "the fingerprint shown for A is not A's ($fa): $(cat "$T/err")"
	[ "$(grep -c . "$T/err")" = 2 ] || fail "want one error line per side: $(cat "$T/err")"
	want_side "$T/out.json" left failed
	want_side "$T/out.json" right failed
	[ ! -s "$T/kh" ] || fail "known_hosts was written without --accept-new"
	;;

hostkey-accept-new)
	lab_up
	make_logs 3
	: >"$T/kh"
	td 3 --json --accept-new -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" --log-file "$T/a.log" "$A" "$B" >"$T/out.json" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] || fail "exit $rc: $(cat "$T/err")"
	for side in left right; do
		want_side "$T/out.json" $side streaming
		[ "$(jget "$T/out.json" "d['sides']['$side']['connection']['lines_received']")" = 3 ] || fail "$side did not receive the 3 lines"
	done
	grep -q "^$TDLAB_MGMT_A " "$T/kh" || fail "known_hosts lacks $TDLAB_MGMT_A: $(cat "$T/kh")"
	grep -q "^$TDLAB_MGMT_B " "$T/kh" || fail "known_hosts lacks $TDLAB_MGMT_B: $(cat "$T/kh")"
	grep -qF "$TDLAB_MGMT_A $KEYA" "$T/kh" || fail "the key added for A is not A's host key"
	grep -qF "$TDLAB_MGMT_B $KEYB" "$T/kh" || fail "the key added for B is not B's host key"
	# the file it wrote is good for a strict second session
	td 2 --json -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" --log-file "$T/a.log" "$A" "$B" >"$T/out2.json" 2>"$T/err2"
	rc=$?
	[ $rc -eq 0 ] || fail "second run with the written known_hosts: exit $rc: $(cat "$T/err2")"
	want_side "$T/out2.json" left streaming
	want_side "$T/out2.json" right streaming
	[ "$(grep -c . "$T/kh")" = 2 ] || fail "known_hosts has $(grep -c . "$T/kh") lines after two runs, want 2"
	;;

hostkey-changed)
	lab_up
	make_logs 3
	# A's address carries B's host key
	printf '%s %s\n%s %s\n' "$TDLAB_MGMT_A" "$KEYB" "$TDLAB_MGMT_B" "$KEYB" >"$T/kh"
	cp "$T/kh" "$T/kh.orig"
	for opt in "" --accept-new; do
		td 3 --json $opt -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" --log-file "$T/a.log" "$A" "$B" >"$T/out.json" 2>"$T/err"
		rc=$?
		[ $rc -eq 0 ] || fail "${opt:-strict}: exit $rc, want 0 (B reachable): $(cat "$T/err")"
		grep -F "$A" "$T/err" | grep -q "CHANGED" || fail "${opt:-strict}: no CHANGED for $A: $(cat "$T/err")"
		grep -F "$B" "$T/err" && fail "${opt:-strict}: an error for B: $(cat "$T/err")"
		want_side "$T/out.json" left failed
		want_side "$T/out.json" right streaming
		jget "$T/out.json" "d['sides']['left']['connection']['error']" | grep -q CHANGED || fail "${opt:-strict}: JSON left error lacks CHANGED"
		[ "$(jget "$T/out.json" "d['sides']['right']['lines']")" = 3 ] || fail "${opt:-strict}: right side has not the 3 lines"
		[ "$(jget "$T/out.json" "d['sides']['left']['lines']")" = 0 ] || fail "${opt:-strict}: left side has lines"
		cmp -s "$T/kh" "$T/kh.orig" || fail "${opt:-strict}: known_hosts was changed: $(cat "$T/kh")"
	done
	;;

wrong-key)
	lab_up
	make_logs 3
	ssh-keygen -q -t ed25519 -N '' -C not-authorized -f "$T/wrong_key"
	td 3 --json -i "$T/wrong_key" --known-hosts "$TDLAB_KNOWN_HOSTS" --log-file "$T/a.log" "$A" "$B" >"$T/out.json" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "exit $rc, want 1: $(cat "$T/err")"
	for t in "$A" "$B"; do
		grep -F "$t" "$T/err" | grep -q "authentication failed" || fail "no 'authentication failed' for $t: $(cat "$T/err")"
	done
	[ "$(grep -c . "$T/err")" = 2 ] || fail "want one error line per side: $(cat "$T/err")"
	want_side "$T/out.json" left failed
	want_side "$T/out.json" right failed
	;;

reconnect)
	lab_up
	make_logs 0
	# a log line that looks like tunneldoc's resume marker must not choose
	# the command of the reconnect (it names no file of the profile)
	echo "@@tunneldoc-from 1 /nonexistent'; touch '$T/pwned'; echo '" >"$T/a.log"
	td 20 --json --record "$T/rec" -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
		--left-log-file "$T/a.log" --right-log-file "$T/b.log" "$A" "$B" >"$T/out.json" 2>"$T/err" &
	PIDS+=($!)
	tdpid=$!
	wait_for 8 follows "$TDLAB_NS_GWA" "$T/a.log" || fail "no follower of a.log on gateway A after 8 s: $(cat "$T/err")"
	wait_for 8 follows "$TDLAB_NS_GWB" "$T/b.log" || fail "no follower of b.log on gateway B after 8 s: $(cat "$T/err")"
	# a numbered line every 50 ms to both files for 12 s
	"$PY" "$LIB" write '{file} seq {n} ms={ms}' 0.05 --seconds 12 "$T/a.log" "$T/b.log" >"$T/written" &
	PIDS+=($!)
	wrpid=$!
	sleep 2
	# gateway A's ssh server dies: the listener and every session process
	kill_ms=$(date +%s%3N)
	for p in $(ip netns pids "$TDLAB_NS_GWA"); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = sshd ] && kill -KILL "$p" 2>/dev/null
	done
	wait_for 5 no_sshd_on_a || fail "sshd in $TDLAB_NS_GWA survived SIGKILL"
	sleep 3
	# and comes back exactly as lab.sh starts it
	rm -f "$TDLAB_DIR/gwa/sshd.pid"
	ip netns exec "$TDLAB_NS_GWA" /usr/sbin/sshd -f "$TDLAB_DIR/gwa/sshd_config" -E "$TDLAB_DIR/gwa/sshd.log" </dev/null ||
		fail "sshd of gateway A did not restart"
	wait_for 5 test -s "$TDLAB_DIR/gwa/sshd.pid" || fail "restarted sshd wrote no pid file"
	up_ms=$(date +%s%3N)
	wait "$wrpid" || fail "the writer failed"
	wait "$tdpid"
	rc=$?
	[ $rc -eq 0 ] || fail "exit $rc: $(cat "$T/err")"
	n=$(cat "$T/written")
	why=$("$PY" "$LIB" sameseq "$T/a.log" "$T/rec/left.log") || fail "left side (the one that reconnected) did not get a.log once and in order: $why; JSON: $(jget "$T/out.json" "d['sides']['left']['connection']")"
	why=$("$PY" "$LIB" sameseq "$T/b.log" "$T/rec/right.log") || fail "right side did not get b.log once and in order: $why"
	want_side "$T/out.json" left streaming
	want_side "$T/out.json" right streaming
	r=$(jget "$T/out.json" "d['sides']['left']['connection']['reconnects']")
	[ "$r" -ge 1 ] || fail "left reconnects $r, want >= 1"
	r=$(jget "$T/out.json" "d['sides']['right']['connection']['reconnects']")
	[ "$r" = 0 ] || fail "right reconnects $r, want 0 (B was never down)"
	[ -e "$T/pwned" ] && fail "a marker-like log line ran a command on the gateway"
	got=$(jget "$T/out.json" "d['sides']['left']['connection']['lines_received']")
	[ "$got" = $((n + 1)) ] || fail "left lines_received $got, want $((n + 1)) (with the marker-like line)"
	got=$(jget "$T/out.json" "d['sides']['right']['connection']['lines_received']")
	[ "$got" = "$n" ] || fail "right lines_received $got, want $n"
	# B kept streaming while A was down: no gap over 1 s in its receive times
	read -r gap inside < <("$PY" "$LIB" gaps "$T/rec/right.times" "$kill_ms" "$up_ms")
	[ "$gap" -le 1000 ] || fail "right side stalled for ${gap} ms during A's outage ($kill_ms..$up_ms)"
	[ "$inside" -ge $(((up_ms - kill_ms) / 50 / 2)) ] || fail "right side received only $inside lines during A's $((up_ms - kill_ms)) ms outage"
	info "$n lines per side; A down for $((up_ms - kill_ms)) ms; left reconnects $(jget "$T/out.json" "d['sides']['left']['connection']['reconnects']"); right: $inside lines, largest gap $gap ms during the outage"
	;;
lancom-pty | lancom-pty-first-try)
	lab_up
	make_logs 0
	# a fake LCOS console behind an extra sshd on gateway A, port 2222
	cp "$FAKE" "$T/fake_lcos.py"
	chmod 0644 "$T/fake_lcos.py"
	: >"$T/lcos.expect"
	chmod 0666 "$T/lcos.expect"
	extra_sshd gwa 2222 sshd-lcos "ForceCommand /usr/bin/python3 $T/fake_lcos.py --expect $T/lcos.expect"
	cp "$TDLAB_KNOWN_HOSTS" "$T/kh"
	echo "[$TDLAB_MGMT_A]:2222 $KEYA" >>"$T/kh"
	# lancom-pty checks the stream and gives the connection time for a few
	# attempts (backoff 1, 2, 4, 8 s); lancom-pty-first-try checks that the
	# first login to a healthy console already works
	if [ "$CASE" = lancom-pty ]; then dur=16; else dur=5; fi
	td $dur --json --record "$T/rec" -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" \
		--left-profile lancom --right-log-file "$T/b.log" "$A:2222" "$B" >"$T/out.json" 2>"$T/err"
	rc=$?
	[ $rc -eq 0 ] || fail "exit $rc: $(cat "$T/err")"
	if [ "$CASE" = lancom-pty-first-try ]; then
		# a healthy console: the first login opens the pty session
		logins=$(grep -c '^Accepted publickey' "$T/sshd-lcos.log")
		[ "$logins" = 1 ] || fail "$logins logins to the console for one session, want 1; JSON left connection: $(jget "$T/out.json" "d['sides']['left']['connection']")"
		e=$(jget "$T/out.json" "d['sides']['left']['connection']['error']")
		[ "$e" = None ] || fail "left error '$e' on a healthy console, want null"
		r=$(jget "$T/out.json" "d['sides']['left']['connection']['reconnects']")
		[ "$r" = 0 ] || fail "left reconnects $r, want 0"
		[ -s "$T/lcos.expect" ] || fail "the fake console never got 'trace + vpn-status'"
		want_side "$T/out.json" left streaming
	else
		[ -s "$T/lcos.expect" ] || fail "the fake console never got 'trace + vpn-status' in ${dur} s ($(grep -c '^Accepted publickey' "$T/sshd-lcos.log") logins); JSON left connection: $(jget "$T/out.json" "d['sides']['left']['connection']")"
		want_side "$T/out.json" left streaming
		want_side "$T/out.json" right streaming
		L="$T/rec/left.log"
		LC_ALL=C grep -q $'\x1b' "$L" && fail "escape sequences in left.log: $(LC_ALL=C grep -m1 $'\x1b' "$L" | cat -A)"
		LC_ALL=C grep -q $'\r' "$L" && fail "CR in left.log"
		grep -q 'trace + vpn-status' "$L" && fail "the echo of the command was recorded: $(grep 'trace + vpn-status' "$L")"
		grep -q '^> *$' "$L" && fail "the prompt was recorded as a line"
		grep -q 'LANCOM 1781VA' "$L" && fail "the banner before the prompt was recorded"
		[ "$(grep -cx 'VPN: poll timeout for BUGFIX (213.23.254.24)' "$L")" = 6 ] || fail "want 6 'VPN: poll timeout for BUGFIX' lines: $(head -n 20 "$L" | cat -A)"
		grep -qx 'VPN: Error: IFC-X-Line-polling-failed (0x1307) for BUGFIX (213.23.254.24)' "$L" || fail "no 0x1307 error line"
		why=$("$PY" "$LIB" subseq "$T/lcos.expect" "$L") || fail "the trace is not in left.log as printed: $why"
		d=$(jget "$T/out.json" "d['sides']['left']['dialect']")
		[ "$d" = lancom ] || fail "left dialect '$d', want lancom"
		c=$(jget "$T/out.json" "d['cause']")
		[ "$c" = poll-timeout ] || fail "cause '$c', want poll-timeout"
		c=$(jget "$T/out.json" "d['findings'][0]['cause']")
		[ "$c" = poll-timeout ] || fail "first finding '$c', want poll-timeout"
		p=$(jget "$T/out.json" "d['sides']['left']['connection']['profile']")
		[ "$p" = lancom ] || fail "left profile '$p', want lancom"
	fi
	;;

ssh-config-proxy)
	# ~/.ssh/config: Host aliases with HostName, User, IdentityFile,
	# UserKnownHostsFile, and a ProxyCommand (jump-host style) for gw-a
	lab_up
	make_logs 5
	cat >"$T/sshcfg" <<EOF
Host gw-a
  HostName $TDLAB_MGMT_A
  User $TDLAB_SSH_USER
  IdentityFile $TDLAB_SSH_KEY
  UserKnownHostsFile $TDLAB_KNOWN_HOSTS
  ProxyCommand bash -c 'touch $T/proxy-used; exec 3<>/dev/tcp/%h/%p; cat <&3 & exec cat >&3'
Host gw-b
  HostName $TDLAB_MGMT_B
  User $TDLAB_SSH_USER
  IdentityFile $TDLAB_SSH_KEY
  UserKnownHostsFile $TDLAB_KNOWN_HOSTS
EOF
	td 4 --json --ssh-config "$T/sshcfg" --left-log-file "$T/a.log" --right-log-file "$T/b.log" gw-a gw-b >"$T/out.json" 2>"$T/err" ||
		fail "exit $?: $(cat "$T/err")"
	want_side "$T/out.json" left streaming
	want_side "$T/out.json" right streaming
	[ -f "$T/proxy-used" ] || fail "the ProxyCommand of gw-a was not used"
	for side in left right; do
		n=$(jget "$T/out.json" "d['sides']['$side']['connection']['lines_received']")
		[ "$n" = 5 ] || fail "$side received $n lines, want 5"
	done
	;;
site-book)
	# connect SITE from the site book: left through a jump host (ssh -W,
	# here gateway A itself: the jump sshd forwards to its own address),
	# right with user, port, log file and profile from the book
	lab_up
	make_logs 5
	mkdir -p "$T/home/.ssh" "$T/home/.config/tunneldoc"
	cat >"$T/home/.ssh/config" <<EOF
Host $TDLAB_MGMT_A $TDLAB_MGMT_B
  IdentityFile $TDLAB_SSH_KEY
  UserKnownHostsFile $TDLAB_KNOWN_HOSTS
  StrictHostKeyChecking yes
  BatchMode yes
EOF
	# each side's configuration command from the book (issue 18): two
	# files that differ in the DH group of phase 1 only
	printf 'conn lab\n    left=198.51.100.10\n    right=198.51.100.20\n    leftsubnet=10.1.0.0/24\n    rightsubnet=10.2.0.0/24\n    ike=aes256-sha2_256;modp2048\n' >"$T/a.conf"
	printf 'conn lab\n    left=198.51.100.20\n    right=198.51.100.10\n    leftsubnet=10.2.0.0/24\n    rightsubnet=10.1.0.0/24\n    ike=aes256-sha2_256;modp1536\n' >"$T/b.conf"
	chmod 0644 "$T/a.conf" "$T/b.conf"
	cat >"$T/home/.config/tunneldoc/sites.json" <<EOF
{"sites": {"lab-tunnel": {"description": "the lab",
  "left": {"host": "$TDLAB_MGMT_A", "user": "$TDLAB_SSH_USER", "jump": "$TDLAB_SSH_USER@$TDLAB_MGMT_A",
           "log_file": "$T/a.log", "profile": "libreswan", "config_cmd": "cat $T/a.conf"},
  "right": {"host": "$TDLAB_MGMT_B", "user": "$TDLAB_SSH_USER", "port": 22, "log_file": "$T/b.log", "profile": "libreswan",
            "config_cmd": "cat $T/b.conf"}}}}
EOF
	ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" "$BIN" sites >"$T/list" 2>"$T/err" || fail "sites: exit $?: $(cat "$T/err")"
	grep -q "^lab-tunnel .*$TDLAB_SSH_USER@$TDLAB_MGMT_A (libreswan)" "$T/list" || fail "sites does not list the site: $(cat "$T/list")"
	# the jump goes through OpenSSH's ssh -W with the same ssh config (libssh
	# and ssh read the passwd home, not $HOME: hence --ssh-config)
	td 4 --json --ssh-config "$T/home/.ssh/config" --known-hosts "$TDLAB_KNOWN_HOSTS" lab-tunnel >"$T/out.json" 2>"$T/err" || fail "connect SITE: exit $?: $(cat "$T/err")"
	want_side "$T/out.json" left streaming
	want_side "$T/out.json" right streaming
	[ "$(jget "$T/out.json" "d['sides']['left']['connection']['target']")" = "$TDLAB_SSH_USER@$TDLAB_MGMT_A" ] || fail "left target not from the book"
	[ "$(jget "$T/out.json" "d['sides']['right']['connection']['target']")" = "$TDLAB_SSH_USER@$TDLAB_MGMT_B:22" ] || fail "right target not from the book"
	[ "$(jget "$T/out.json" "d['sides']['left']['connection']['profile']")" = libreswan ] || fail "profile not from the book"
	# through the jump, tunneldoc's own login arrives from gateway A itself
	grep -q "Accepted publickey for $TDLAB_SSH_USER from $TDLAB_MGMT_A " "$TDLAB_DIR/gwa/sshd.log" ||
		fail "gateway A's sshd saw no login from the jump host: $(grep Accepted "$TDLAB_DIR/gwa/sshd.log" | tail -n 3)"
	for side in left right; do
		n=$(jget "$T/out.json" "d['sides']['$side']['connection']['lines_received']")
		[ "$n" = 5 ] || fail "$side received $n lines, want 5"
	done
	# the configurations came through the book's commands, over SSH
	[ "$(jget "$T/out.json" "[p['param'] for p in d['config']['params'] if p['relation'] == 'differs']")" = "['ike.proposals']" ] ||
		fail "the book's config_cmd did not give the comparison: $(jget "$T/out.json" "d.get('config')")"
	# a malformed book: an error naming line and field for connect SITE,
	# and no effect on connect with two gateways on the command line
	sed -i 's/"port": 22,/"port": "ssh",/' "$T/home/.config/tunneldoc/sites.json"
	td 2 --json --known-hosts "$TDLAB_KNOWN_HOSTS" lab-tunnel >/dev/null 2>"$T/err"
	[ $? -eq 1 ] || fail "malformed book: connect SITE should exit 1"
	grep -q "sites.json:4: sites.lab-tunnel.right.port: must be a port number" "$T/err" || fail "malformed book: no line and field: $(cat "$T/err")"
	td 2 --json -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" --left-log-file "$T/a.log" --right-log-file "$T/b.log" \
		"$A" "$B" >"$T/out.json" 2>"$T/err" || fail "a malformed book stopped connect with two gateways: $(cat "$T/err")"
	want_side "$T/out.json" left streaming
	# a jump value that would become an option of the local ssh is refused
	# with the field named, in both languages, and nothing runs
	sed -i -e 's/"port": "ssh",/"port": 22,/' -e "s#\"jump\": \"[^\"]*\"#\"jump\": \"-oProxyCommand=touch%20$T/pwned\"#" \
		"$T/home/.config/tunneldoc/sites.json"
	grep -q '"jump": "-oProxyCommand' "$T/home/.config/tunneldoc/sites.json" || fail "test setup: the jump was not replaced"
	for lang in en de; do
		timeout -k 5 30 ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" "$BIN" --lang $lang connect --batch --duration 2 \
			--json --known-hosts "$TDLAB_KNOWN_HOSTS" lab-tunnel >/dev/null 2>"$T/err.$lang"
		[ $? -eq 1 ] || fail "a jump starting with '-' was not refused ($lang): $(cat "$T/err.$lang")"
	done
	grep -q "sites.lab-tunnel.left.jump: must not start with '-'" "$T/err.en" || fail "no English message naming the field: $(cat "$T/err.en")"
	grep -q "sites.lab-tunnel.left.jump: darf nicht mit '-' beginnen" "$T/err.de" || fail "no German message naming the field: $(cat "$T/err.de")"
	[ -e "$T/pwned" ] && fail "the jump value ran as an ssh option"
	;;
snapshot)
	lab_up
	make_logs 50
	# a debug log that printed a secret: the bundle must not keep it
	echo 'Nov 23 10:00:00 gw pluto[1]: | conn x: psk="tdsecret-4711"' >>"$T/a.log"
	timeout -k 5 60 ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" "$BIN" snapshot --out "$T/snap" \
		--profile libreswan -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" --backlog 20 \
		--left-log-file "$T/a.log" --right-log-file "$T/b.log" "$A" "$B" >"$T/out" 2>"$T/err" ||
		fail "snapshot exit $?: $(cat "$T/err")"
	grep -q "snapshot written to: $T/snap" "$T/out" || fail "no summary: $(cat "$T/out")"
	tail -n 20 "$T/a.log" | head -n 19 | cmp -s - <(head -n 19 "$T/snap/left.log") || fail "left.log is not the last 20 lines of a.log"
	grep -q 'tdsecret' "$T/snap/left.log" && fail "the PSK reached the snapshot: $(grep tdsecret "$T/snap/left.log")"
	grep -q 'conn x: psk=.*\*\*\*' "$T/snap/left.log" || fail "the PSK line was not kept redacted: $(tail -n 1 "$T/snap/left.log")"
	for f in "$T"/snap/*; do
		[ "$(stat -c %a "$f")" = 600 ] || fail "$f is mode $(stat -c %a "$f"), want 600"
	done
	tail -n 20 "$T/b.log" | cmp -s - "$T/snap/right.log" || fail "right.log is not the last 20 lines of b.log"
	[ "$(grep -c . "$T/snap/left.times")" = 20 ] || fail "left.times does not hold 20 receive times"
	grep -q '^\$ ipsec trafficstatus' "$T/snap/left-status.txt" || fail "left-status.txt lacks the status commands"
	jget "$T/snap/session.json" "d['kind']" | grep -qx snapshot || fail "session.json kind is not snapshot"
	# a command with quotes reaches the gateway's shell intact
	timeout -k 5 60 ip netns exec "$TDLAB_NS_TECH" env HOME="$T/home" "$BIN" snapshot --out "$T/snap2" \
		--profile libreswan -i "$TDLAB_SSH_KEY" --known-hosts "$TDLAB_KNOWN_HOSTS" \
		--log-cmd "echo 'it'\''s quoted'" "$A" "$B" >"$T/out2" 2>"$T/err2" ||
		fail "snapshot --log-cmd exit $?: $(cat "$T/err2")"
	grep -qx "it's quoted" "$T/snap2/left.log" || fail "--log-cmd with quotes did not run as given: $(head -c 300 "$T/snap2/left.log")"
	# a snapshot directory is input for analyze (and open)
	"$BIN" --kb "$SRC/kb" analyze --json "$T/snap" >"$T/an.json" || fail "analyze DIR failed"
	[ "$(jget "$T/an.json" "d['sides']['left']['lines']")" = 20 ] || fail "analyze DIR did not read left.log"
	;;
console-hostkey)
	# the console asks for each unknown host key (y accepts), then streams
	lab_up
	make_logs 5
	: >"$T/kh"
	TMUXL=tdlive$$
	cat >"$T/run.sh" <<EOF
ip netns exec $TDLAB_NS_TECH env HOME=$T/home LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $BIN connect \
  -i $TDLAB_SSH_KEY --known-hosts $T/kh --left-log-file $T/a.log --right-log-file $T/b.log $A $B
echo EXIT:\$?
exec sleep 60
EOF
	TMUX_TMPDIR="$T" tmux -L "$TMUXL" -f /dev/null new-session -d -x 220 -y 40 "bash $T/run.sh" || fail "tmux did not start"
	screen() { TMUX_TMPDIR="$T" tmux -L "$TMUXL" capture-pane -p; }
	# the gateway that answers first is asked first: answer what is shown
	asked=""
	for _ in 1 2; do
		wait_for 20 eval 'q=$(screen | grep -o "[0-9.]* ssh-ed25519 SHA256:[^ ]* - unknown host key" | grep -vF -- "${asked:-none} ") && [ -n "$q" ]' ||
			fail "no (further) host key question: $(screen | tail -n 3)"
		gw=${q%% *}
		case $gw in "$TDLAB_MGMT_A" | "$TDLAB_MGMT_B") ;; *) fail "question for an unknown host: $q" ;; esac
		asked="$asked $gw"
		TMUX_TMPDIR="$T" tmux -L "$TMUXL" send-keys y
		wait_for 10 eval '! screen | grep -qF "$gw ssh-ed25519 SHA256:" || screen | grep -qE "$gw.*\[live\]"' || true
	done
	case "$asked" in *"$TDLAB_MGMT_A"*) ;; *) fail "gateway A was never asked" ;; esac
	case "$asked" in *"$TDLAB_MGMT_B"*) ;; *) fail "gateway B was never asked" ;; esac
	wait_for 15 eval '[ "$(screen | grep -o "5 lines \[live\]" | wc -l)" = 2 ]' ||
		fail "both sides should stream 5 lines: $(screen | tail -n 2)"
	{ grep -q "^$TDLAB_MGMT_A " "$T/kh" && grep -q "^$TDLAB_MGMT_B " "$T/kh"; } || fail "accepted keys not written: $(cat "$T/kh")"
	TMUX_TMPDIR="$T" tmux -L "$TMUXL" send-keys q
	wait_for 10 eval 'screen | grep -q "EXIT:0"' || fail "q did not end the console with status 0"
	;;
console-config)
	# issue 18: the live console reads both configurations once both sides
	# stream (--config-cmd here; the profiles' files otherwise), compares
	# them in view 5 and says so; a side whose command gives nothing is
	# named in view 5 with the reason, and nothing is compared
	lab_up
	make_logs 5
	printf 'conn lab\n    left=198.51.100.10\n    right=198.51.100.20\n    leftsubnet=10.1.0.0/24\n    rightsubnet=10.2.0.0/24\n    ike=aes256-sha2_256;modp2048\n' >"$T/a.conf"
	printf 'conn lab\n    left=198.51.100.20\n    right=198.51.100.10\n    leftsubnet=10.2.0.0/24\n    rightsubnet=10.1.0.0/24\n    ike=aes256-sha2_256;modp1536\n' >"$T/b.conf"
	chmod 0644 "$T/a.conf" "$T/b.conf"
	TMUXL=tdlive$$
	screen() { TMUX_TMPDIR="$T" tmux -L "$TMUXL" capture-pane -p; }
	for run in good bad; do
		rcmd="cat $T/b.conf"
		[ $run = bad ] && rcmd="cat $T/missing.conf"
		cat >"$T/run.sh" <<EOF
ip netns exec $TDLAB_NS_TECH env HOME=$T/home LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $BIN connect \
  -i $TDLAB_SSH_KEY --known-hosts $TDLAB_KNOWN_HOSTS --left-log-file $T/a.log --right-log-file $T/b.log \
  --left-config-cmd "cat $T/a.conf" --right-config-cmd "$rcmd" $A $B
echo EXIT:\$?
exec sleep 60
EOF
		TMUX_TMPDIR="$T" tmux -L "$TMUXL" -f /dev/null new-session -d -x 200 -y 40 "bash $T/run.sh" || fail "tmux did not start"
		wait_for 20 eval '[ "$(screen | grep -o "5 lines \[live\]" | wc -l)" = 2 ]' ||
			fail "$run: both sides should stream 5 lines: $(screen | tail -n 2)"
		TMUX_TMPDIR="$T" tmux -L "$TMUXL" send-keys 5
		if [ $run = good ]; then
			wait_for 20 eval 'screen | grep -q "1 difference" && screen | grep -q "DIFFERS    IKE proposals (phase 1) \[DH group\] - explains: phase1-proposal-mismatch"' ||
				fail "view 5 does not show the live comparison: $(screen)"
			screen | grep -q "ike=aes256-sha2_256;modp1536" || fail "view 5 lacks the right side's line: $(screen)"
		else
			wait_for 20 eval 'screen | grep -q "The configurations were not compared: right: "' ||
				fail "view 5 does not say why nothing was compared: $(screen)"
			screen | grep -q "DIFFERS" && fail "a comparison shown although the right side gave nothing"
		fi
		TMUX_TMPDIR="$T" tmux -L "$TMUXL" send-keys q
		wait_for 10 eval 'screen | grep -q "EXIT:0"' || fail "$run: q did not end the console with status 0"
		TMUX_TMPDIR="$T" tmux -L "$TMUXL" kill-server 2>/dev/null
	done
	;;
password-batch)
	lab_up
	make_logs 3
	# password-only ssh servers on both gateways, port 2223
	extra_sshd gwa 2223 sshd-pw-a "PubkeyAuthentication no" "PasswordAuthentication yes"
	extra_sshd gwb 2223 sshd-pw-b "PubkeyAuthentication no" "PasswordAuthentication yes"
	cp "$TDLAB_KNOWN_HOSTS" "$T/kh"
	printf '[%s]:2223 %s\n[%s]:2223 %s\n' "$TDLAB_MGMT_A" "$KEYA" "$TDLAB_MGMT_B" "$KEYB" >>"$T/kh"
	td 3 --json -i "$TDLAB_SSH_KEY" --known-hosts "$T/kh" --log-file "$T/a.log" "$A:2223" "$B:2223" >"$T/out.json" 2>"$T/err"
	rc=$?
	[ $rc -eq 1 ] || fail "exit $rc, want 1: $(cat "$T/err")"
	for t in "$A:2223" "$B:2223"; do
		grep -F "$t" "$T/err" | grep -i password | grep -qi console || fail "the error for $t does not say that passwords need the console: $(cat "$T/err")"
	done
	;;

rotate-then-outage)
	# the log of gateway A rotates (mv, the writer goes on in a new file),
	# 3 s later A's sshd dies for longer than the rotated file took to fill
	rot_start 26 0.02 15
	sleep 3
	mv "$T/a.log" "$T/a.log.1"
	sleep 3
	kill_sshd_a
	sleep 6
	restart_sshd_a
	rot_check
	[ "$(conn left reconnects)" -ge 1 ] || fail "left never reconnected"
	[ "$(conn left rotations_followed)" = 1 ] || fail "left rotations_followed $(conn left rotations_followed), want 1"
	[ "$(wc -l <"$T/a.log")" -gt "$(wc -l <"$T/a.log.1")" ] || fail "the new file is not longer than the rotated one"
	;;

two-rotations)
	# two rotations while A's sshd is down (the old file is then a.log.2,
	# a.log.1 was never seen), then a third one while connected
	rot_start 28 0.02 16
	sleep 3
	kill_sshd_a
	sleep 1
	mv "$T/a.log" "$T/a.log.1"
	sleep 1.5
	mv "$T/a.log.1" "$T/a.log.2"
	mv "$T/a.log" "$T/a.log.1"
	sleep 1.5
	restart_sshd_a
	sleep 5
	mv "$T/a.log.2" "$T/a.log.3"
	mv "$T/a.log.1" "$T/a.log.2"
	mv "$T/a.log" "$T/a.log.1"
	rot_check
	[ "$(conn left rotations_followed)" = 3 ] || fail "left rotations_followed $(conn left rotations_followed), want 3"
	[ "$(conn left rotation_gaps)" = 0 ] || fail "left reports a gap: $(jget "$T/out.json" "d['sides']['left']['connection']")"
	;;

copytruncate)
	# logrotate copytruncate: copy, then the file shrinks in place (the
	# writer is held while it happens, as nothing written in between
	# would be in either file); then a reconnect inside the shrunk file
	rot_start 24 0.02 14
	sleep 3
	kill -STOP "$wrpid"
	sleep 0.8
	cp "$T/a.log" "$T/a.log.1"
	: >"$T/a.log"
	kill -CONT "$wrpid"
	sleep 3
	kill_sshd_a
	sleep 3
	restart_sshd_a
	rot_check
	[ "$(conn left truncations)" = 1 ] || fail "left truncations $(conn left truncations), want 1"
	[ "$(conn left reconnects)" -ge 1 ] || fail "left never reconnected"
	;;

replaced-shorter)
	# the log is replaced by a shorter file that starts with lines already
	# delivered; the writer goes on in it; then a reconnect inside it
	rot_start 24 0.02 14
	sleep 3
	kill -STOP "$wrpid"
	sleep 0.8
	head -n 10 "$T/a.log" >"$T/a.log.new"
	mv "$T/a.log.new" "$T/a.log"
	kill -CONT "$wrpid"
	sleep 3
	kill_sshd_a
	sleep 3
	restart_sshd_a
	rot_check
	[ "$(conn left replacements)" = 1 ] || fail "left replacements $(conn left replacements), want 1"
	[ "$(conn left reconnects)" -ge 1 ] || fail "left never reconnected"
	;;

long-drop)
	# the management link of gateway A silently drops everything for
	# 185 s (longer than the TCP keepalive); the status line says how long
	# nothing came, the connection comes back, nothing is lost or repeated
	lab_up
	make_logs 0
	TMUXL=tdlive$$
	cat >"$T/run.sh" <<EOF
ip netns exec $TDLAB_NS_TECH env HOME=$T/home LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $BIN connect --batch \
  --duration 290 --json --record $T/rec -i $TDLAB_SSH_KEY --known-hosts $TDLAB_KNOWN_HOSTS \
  --left-log-file $T/a.log --right-log-file $T/b.log $A $B >$T/out.json
echo EXIT:\$?
exec sleep 60
EOF
	TMUX_TMPDIR="$T" tmux -L "$TMUXL" -f /dev/null new-session -d -x 400 -y 10 "bash $T/run.sh" || fail "tmux did not start"
	screen() { TMUX_TMPDIR="$T" tmux -L "$TMUXL" capture-pane -p; }
	wait_for 10 follows "$TDLAB_NS_GWA" "$T/a.log" || fail "no follower of a.log on gateway A: $(screen)"
	wait_for 10 follows "$TDLAB_NS_GWB" "$T/b.log" || fail "no follower of b.log on gateway B: $(screen)"
	"$PY" "$LIB" write '{file} seq {n}' 0.5 --seconds 250 "$T/a.log" "$T/b.log" >"$T/written" &
	PIDS+=($!)
	wrpid=$!
	sleep 8
	drop() { ip netns exec "$TDLAB_NS_GWA" iptables "$1" INPUT -p tcp -j DROP && ip netns exec "$TDLAB_NS_GWA" iptables "$1" OUTPUT -p tcp -j DROP; }
	drop -I || fail "iptables in $TDLAB_NS_GWA failed"
	sleep 60
	s1=$(screen | grep -o 'left: [^|]*' | tail -n 1)
	echo "$s1" | grep -qE 'nothing received for ([5-9][0-9]|1[0-9][0-9]) s' || fail "after 60 s of drop the status line does not say how long nothing came: $s1"
	sleep 125
	s2=$(screen | grep -o 'left: [^|]*' | tail -n 1)
	echo "$s2" | grep -qE 'nothing received for (1[6-9][0-9]|2[0-9][0-9]) s' || fail "after 185 s of drop the status line does not say how long nothing came: $s2"
	screen | grep -o 'right: [^|]*' | tail -n 1 | grep -q 'nothing received' && fail "the right side (never dropped) says nothing came: $(screen)"
	drop -D || fail "could not lift the drop"
	wait "$wrpid" || fail "the writer failed"
	wait_for 60 eval 'screen | grep -q "EXIT:"' || fail "tunneldoc did not end: $(screen)"
	screen | grep -q "EXIT:0" || fail "tunneldoc failed: $(screen)"
	n=$(cat "$T/written")
	for side in left right; do
		f=a.log
		[ $side = right ] && f=b.log
		why=$("$PY" "$LIB" sameseq "$T/$f" "$T/rec/$side.log") || fail "$side did not get $f once and in order: $why; JSON: $(jget "$T/out.json" "d['sides']['$side']['connection']")"
		[ "$(conn $side lines_received)" = "$n" ] || fail "$side lines_received $(conn $side lines_received), want $n"
		want_side "$T/out.json" $side streaming
	done
	[ "$(conn left reconnects)" -ge 1 ] || fail "left was not reconnected after the drop"
	ls=$(conn left longest_silence_ms)
	{ [ "$ls" -ge 185000 ] && [ "$ls" -lt 290000 ]; } || fail "left longest_silence_ms $ls, want the drop (185 s) and the time to reconnect"
	rs=$(conn right longest_silence_ms)
	[ "$rs" -lt 15000 ] || fail "right longest_silence_ms $rs: the heartbeat of an idle but healthy stream should keep it short"
	info "left: silent for $ls ms, reconnects $(conn left reconnects); status during the drop: $s2"
	;;

*)
	echo "unknown case $CASE"
	exit 2
	;;
esac
echo "ok [$CASE]"
