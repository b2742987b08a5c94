# testlib.sh - shell helpers the lab-based tests and benchmarks share.
# Source it; it defines functions only.

# Wait (at most $1 s) until the command in the remaining arguments succeeds.
wait_for() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		((SECONDS < end)) || return 1
		sleep 0.1
	done
}

# Succeed when namespace $1 runs a process named $2 whose command line
# contains $3 (optional).
ns_has() {
	local p
	for p in $(ip netns pids "$1" 2>/dev/null); do
		[ "$(cat /proc/"$p"/comm 2>/dev/null)" = "$2" ] || continue
		[ -z "${3:-}" ] && return 0
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$3" && return 0
	done
	return 1
}
