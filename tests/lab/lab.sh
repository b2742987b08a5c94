#!/usr/bin/env bash
# tunneldoc lab: two IPsec gateways in network namespaces, with real daemons.
#
#   lab.sh up SCENARIO     build the lab for tests/lab/scenarios/SCENARIO.conf;
#                          prints the lab's variables (see `env`), eval-able
#   lab.sh initiate        gateway A (left) starts the negotiation; for
#                          scenarios with traffic it also waits for the tunnel,
#                          applies a post-establishment fault and pings
#   lab.sh wait [--quiet] [SECS]
#                          wait until the scenario's expected evidence is in
#                          both logs (default: the scenario's EVIDENCE_TIMEOUT);
#                          --quiet: then until both sides are quiet
#   lab.sh ping [COUNT]    client in LAN A pings the client in LAN B
#   lab.sh ping-gw [COUNT] client in LAN A pings gateway A's LAN address
#                          (step 1 of the ping procedure, mGuard guide 1.5)
#   lab.sh ping-remote-gw [COUNT]
#                          client in LAN A pings gateway B's LAN address
#                          through the tunnel (step 2)
#   lab.sh fault NAME      set the router fault: none|drop-udp500|drop-udp4500|
#                          drop-esp|drop-replies|drop-all
#   lab.sh site-fault NAME set the fault at the sites: none|fwdrop-b|badroute-a
#   lab.sh stop            kill both daemons, then stop the captures (the
#                          logs and DIR/gw[ab]/wan.pcap stay until `down`)
#   lab.sh logs            print both gateways' IKE logs (and VPN firewall logs)
#   lab.sh env             print the lab's shell variables
#   lab.sh status          print the daemons' view of the tunnel
#   lab.sh down [--keep]   stop daemons, delete namespaces (and the run dir)
#   lab.sh config SCENARIO DIR
#                          only write both gateways' configurations as `up`
#                          would (DIR/gwa, DIR/gwb: ipsec.conf + ipsec.secrets
#                          for libreswan, swanctl.conf for strongSwan); no
#                          root, no namespaces, no daemons
#
# The run directory is given with --dir DIR or the TDLAB_DIR variable (`up`
# prints TDLAB_DIR=...). Everything happens inside namespaces named
# td<PID>-{tech,gwa,gwb,rtr,lana,lanb}; the root namespace gets no address and
# no route. Requires tests/lab/install.sh to have been run.
set -euo pipefail

LAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCENARIO_DIR="$LAB_HOME/scenarios"
PLUTO=/usr/libexec/ipsec/pluto
WHACK=/usr/libexec/ipsec/whack
CHARON=/usr/lib/ipsec/charon
SWANCTL=/usr/sbin/swanctl
SSH_USER="${TDLAB_SSH_USER:-tdlab}"
SSH_PORT=22
CONN=lab

# Fixed lab addressing (inside namespaces only).
WAN_A=198.51.100.10 RTR_WAN_A=198.51.100.1   # 198.51.100.0/28
NATIN_A=10.20.0.2 NAT_GW_A=10.20.0.1         # NAT_A=yes: gwa behind a masquerading router
WAN_B=198.51.100.20 RTR_WAN_B=198.51.100.17  # 198.51.100.16/28
TECH_MGMT_A=203.0.113.1 MGMT_A=203.0.113.2   # 203.0.113.0/30
TECH_MGMT_B=203.0.113.5 MGMT_B=203.0.113.6   # 203.0.113.4/30
LAN_A=10.1.0.0/24 GW_LAN_A=10.1.0.1 CLIENT_A=10.1.0.10
LAN_B=10.2.0.0/24 GW_LAN_B=10.2.0.1 CLIENT_B=10.2.0.10
BAD_ROUTER_A=10.1.0.254                      # nobody has it (SITE_FAULT=badroute-a)

DIR=""
KEEP=0

# Print a message on stderr.
say() { printf 'lab.sh: %s\n' "$*" >&2; }

# Print a message on stderr and exit non-zero.
die() { say "error: $*"; exit 1; }

# Run a command inside a lab namespace.
nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

# Append one variable to the run's state file.
state_set() { printf '%s=%q\n' "$1" "$2" >>"$DIR/state.env"; }

# Load the run's state file.
state_load() {
  [[ -n "$DIR" ]] || DIR="${TDLAB_DIR:-}"
  [[ -n "$DIR" ]] || die "no run directory: pass --dir DIR or set TDLAB_DIR"
  [[ -f "$DIR/state.env" ]] || die "$DIR is not a lab run directory"
  # shellcheck disable=SC1091
  source "$DIR/state.env"
}

# Wait until a command succeeds, polling every 0.2 s, at most $1 seconds.
wait_for() {
  local limit="$1"; shift
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 0.2
  done
}

# Print the scenario file of a name: scenarios/NAME.conf, or for a matrix
# name CASE-XY (X, Y: l = libreswan, s = strongSwan on gateway A, B) the
# case file scenarios/matrix/CASE.conf.
scenario_file() {
  local name="$1"
  if [[ -f "$SCENARIO_DIR/$name.conf" ]]; then
    printf '%s\n' "$SCENARIO_DIR/$name.conf"
  elif [[ $name =~ ^(.+)-([ls])([ls])$ && -f "$SCENARIO_DIR/matrix/${BASH_REMATCH[1]}.conf" ]]; then
    printf '%s\n' "$SCENARIO_DIR/matrix/${BASH_REMATCH[1]}.conf"
  else
    return 1
  fi
}

# Daemon name of a matrix letter (l, s).
daemon_of() { if [[ $1 == l ]]; then echo libreswan; else echo strongswan; fi; }

# A matrix case's evidence for the pair being run: EVIDENCE_A_L/_S is
# gateway A's pattern when A runs libreswan/strongSwan, EVIDENCE_B_L/_S
# gateway B's (set but empty: B logs nothing); EXPECT_CAUSE_XY and
# EXPECT_CHAPTER_XY override the case's expectation for one pair.
matrix_evidence() {
  local a="${pair:0:1}" b="${pair:1:1}" v
  v="EVIDENCE_A_${a^^}"; [[ -n ${!v+x} ]] && EVIDENCE_A="${!v}"
  v="EVIDENCE_B_${b^^}"; [[ -n ${!v+x} ]] && EVIDENCE_B="${!v}"
  v="EXPECT_CAUSE_$pair"; [[ -n ${!v+x} ]] && EXPECT_CAUSE="${!v}"
  v="EXPECT_CHAPTER_$pair"; [[ -n ${!v+x} ]] && EXPECT_CHAPTER="${!v}"
  return 0
}

# Load a scenario file on top of the defaults.
scenario_load() {
  local name="$1" file pair=""
  file="$(scenario_file "$name")" || die "unknown scenario '$name' (no $SCENARIO_DIR/$name.conf, no matrix case)"
  [[ $file == */matrix/* ]] && pair="${name##*-}"
  DAEMON=libreswan IKE=1 DAEMON_A="" DAEMON_B="" PAIRS="ll ss ls sl"
  NAT_A=no AGGRESSIVE=no DPD_TIMEOUT=6 QUIET=2 CAPTURE=yes
  PSK_A=lab-psk-A-throwaway PSK_B=lab-psk-A-throwaway
  IKE_A="" IKE_B="" ESP_A="" ESP_B="" PFS_A=no PFS_B=no
  LSUBNET_A=$LAN_A RSUBNET_A=$LAN_B LSUBNET_B=$LAN_B RSUBNET_B=$LAN_A
  ID_A="" PEERID_A="" ID_B="" PEERID_B=""
  NATT_A=no NATT_B=no CONN_B=yes
  FAULT=none FAULT_AFTER_UP=no SITE_FAULT=none SITE_FAULT_AFTER_UP=no
  PING=no FWLOG=no DPD_DELAY=0
  EXPECT_CAUSE="" EXPECT_CHAPTER="" EVIDENCE_A="" EVIDENCE_B="" EVIDENCE_TIMEOUT=30
  DESCRIPTION=""
  AUTH=psk CERT_A=a CERT_B=b CA_A=ca CA_B=ca PIN_B=""
  # shellcheck disable=SC1090
  source "$file"
  if [[ -n $pair ]]; then
    [[ " $PAIRS " == *" $pair "* ]] || die "matrix case $(basename "$file" .conf) does not run as $pair (PAIRS=$PAIRS)"
    DAEMON_A="$(daemon_of "${pair:0:1}")" DAEMON_B="$(daemon_of "${pair:1:1}")"
    matrix_evidence
  fi
  DAEMON_A="${DAEMON_A:-$DAEMON}" DAEMON_B="${DAEMON_B:-$DAEMON}"
  case "$AUTH" in psk) ;; cert)
    # certificates (certs.py): the IDs are the certificates' names
    ID_A="${ID_A:-@gwa.lab}" PEERID_A="${PEERID_A:-@gwb.lab}"
    ID_B="${ID_B:-@gwb.lab}" PEERID_B="${PEERID_B:-@gwa.lab}" ;;
    *) die "$file: AUTH must be psk or cert" ;; esac
  if [[ $DAEMON_A == "$DAEMON_B" ]]; then DAEMON=$DAEMON_A; else DAEMON=mixed; fi
  case "$DAEMON_A$DAEMON_B" in libreswanlibreswan|strongswanstrongswan|libreswanstrongswan|strongswanlibreswan) ;;
    *) die "$file: DAEMON must be libreswan or strongswan" ;; esac
  case "$IKE" in 1|2) ;; *) die "$file: IKE must be 1 or 2" ;; esac
  case "$SITE_FAULT" in none|fwdrop-b|badroute-a) ;;
    *) die "$file: SITE_FAULT must be none, fwdrop-b or badroute-a" ;; esac
  SCENARIO="$name"
}

# Make sure the unprivileged ssh test user exists and can log in with a key.
ensure_user() {
  if ! getent passwd "$SSH_USER" >/dev/null; then
    useradd --system --create-home --home-dir "/var/lib/$SSH_USER" --shell /bin/sh "$SSH_USER"
  fi
  # '!' in the password field makes sshd treat the account as locked.
  usermod -p '*' "$SSH_USER"
  mkdir -p /run/sshd
}

# Let the ssh test user use a daemon's control socket (read-only status
# commands over SSH): group of the user, mode 0660.
share_socket() {
  chgrp "$(id -gn "$SSH_USER")" "$1" && chmod 0660 "$1"
}

# Create the six namespaces and the veth links between them.
net_create() {
  local n
  local nss=(tech gwa gwb rtr lana lanb)
  [[ $NAT_A == yes ]] && nss+=(nata)
  for n in "${nss[@]}"; do
    ip netns add "$ID-$n"
    echo "$ID-$n" >>"$DIR/namespaces"
    ip -n "$ID-$n" link set lo up
    # IPv4 only: keeps IPv6 link-local chatter out of the daemons' logs
    nsx "$ID-$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  # management links tech <-> gateways
  ip -n "$NS_TECH" link add mgmta type veth peer name mgmt netns "$NS_GWA"
  ip -n "$NS_TECH" link add mgmtb type veth peer name mgmt netns "$NS_GWB"
  # WAN: gateways <-> router (NAT_A: gateway A <-> NAT router <-> router)
  if [[ $NAT_A == yes ]]; then
    ip -n "$NS_GWA" link add wan type veth peer name lan netns "$NS_NATA"
    ip -n "$NS_NATA" link add wan type veth peer name wana netns "$NS_RTR"
  else
    ip -n "$NS_GWA" link add wan type veth peer name wana netns "$NS_RTR"
  fi
  ip -n "$NS_GWB" link add wan type veth peer name wanb netns "$NS_RTR"
  # LANs: gateways <-> clients
  ip -n "$NS_GWA" link add lan type veth peer name eth0 netns "$NS_LANA"
  ip -n "$NS_GWB" link add lan type veth peer name eth0 netns "$NS_LANB"

  ip -n "$NS_TECH" addr add "$TECH_MGMT_A/30" dev mgmta
  ip -n "$NS_TECH" addr add "$TECH_MGMT_B/30" dev mgmtb
  ip -n "$NS_GWA" addr add "$MGMT_A/30" dev mgmt
  ip -n "$NS_GWB" addr add "$MGMT_B/30" dev mgmt
  if [[ $NAT_A == yes ]]; then
    ip -n "$NS_GWA" addr add "$NATIN_A/24" dev wan
    ip -n "$NS_NATA" addr add "$NAT_GW_A/24" dev lan
    ip -n "$NS_NATA" addr add "$WAN_A/28" dev wan
    ip -n "$NS_NATA" link set lan up
    ip -n "$NS_NATA" link set wan up
    ip -n "$NS_NATA" route add default via "$RTR_WAN_A"
    nsx "$NS_NATA" sysctl -qw net.ipv4.ip_forward=1
    nsx "$NS_NATA" iptables -t nat -A POSTROUTING -o wan -j MASQUERADE
  else
    ip -n "$NS_GWA" addr add "$WAN_A/28" dev wan
  fi
  ip -n "$NS_GWB" addr add "$WAN_B/28" dev wan
  ip -n "$NS_RTR" addr add "$RTR_WAN_A/28" dev wana
  ip -n "$NS_RTR" addr add "$RTR_WAN_B/28" dev wanb
  ip -n "$NS_GWA" addr add "$GW_LAN_A/24" dev lan
  ip -n "$NS_GWB" addr add "$GW_LAN_B/24" dev lan
  ip -n "$NS_LANA" addr add "$CLIENT_A/24" dev eth0
  ip -n "$NS_LANB" addr add "$CLIENT_B/24" dev eth0
  for n in "$NS_TECH:mgmta" "$NS_TECH:mgmtb" "$NS_GWA:mgmt" "$NS_GWB:mgmt" \
           "$NS_GWA:wan" "$NS_GWB:wan" "$NS_RTR:wana" "$NS_RTR:wanb" \
           "$NS_GWA:lan" "$NS_GWB:lan" "$NS_LANA:eth0" "$NS_LANB:eth0"; do
    ip -n "${n%%:*}" link set "${n#*:}" up
  done
  if [[ $NAT_A == yes ]]; then ip -n "$NS_GWA" route add default via "$NAT_GW_A"
  else ip -n "$NS_GWA" route add default via "$RTR_WAN_A"; fi
  ip -n "$NS_GWB" route add default via "$RTR_WAN_B"
  ip -n "$NS_LANA" route add default via "$GW_LAN_A"
  ip -n "$NS_LANB" route add default via "$GW_LAN_B"
  for n in "$NS_GWA" "$NS_GWB" "$NS_RTR"; do
    nsx "$n" sysctl -qw net.ipv4.ip_forward=1
  done
  nsx "$NS_RTR" iptables -N TDFAULT
  nsx "$NS_RTR" iptables -A FORWARD -j TDFAULT
  wait_for 5 nsx "$NS_GWA" ping -c1 -W1 "$WAN_B" || die "WAN A -> B does not answer"
}

# Replace the router's fault rules with the named fault.
fault_set() {
  local f="$1"
  nsx "$NS_RTR" iptables -F TDFAULT
  case "$f" in
    none) ;;
    drop-udp500) nsx "$NS_RTR" iptables -A TDFAULT -p udp --dport 500 -j DROP ;;
    drop-udp4500) nsx "$NS_RTR" iptables -A TDFAULT -p udp --dport 4500 -j DROP ;;
    drop-replies)
      # the responder's (gateway B's) IKE messages to A; A's requests pass
      nsx "$NS_RTR" iptables -A TDFAULT -i wanb -p udp --sport 500 -j DROP
      nsx "$NS_RTR" iptables -A TDFAULT -i wanb -p udp --sport 4500 -j DROP
      ;;
    drop-all) nsx "$NS_RTR" iptables -A TDFAULT -j DROP ;;
    drop-esp)
      # raw ESP, and ESP in UDP 4500 (kernel-libipsec always encapsulates);
      # IKE on 4500 (non-ESP marker 0) and NAT-T keepalives still pass
      nsx "$NS_RTR" iptables -A TDFAULT -p esp -j DROP
      nsx "$NS_RTR" iptables -A TDFAULT -p udp --dport 4500 -m length --length 0:29 -j RETURN
      nsx "$NS_RTR" iptables -A TDFAULT -p udp --dport 4500 -m u32 --u32 "0>>22&0x3C@8=0" -j RETURN
      nsx "$NS_RTR" iptables -A TDFAULT -p udp --dport 4500 -j DROP
      ;;
    *) die "unknown fault '$f'" ;;
  esac
  say "router fault: $f"
}

# Capture the IKE traffic (UDP 500/4500, ESP) on both gateways' WAN
# interfaces, from before the daemons start: DIR/gwX/wan.pcap. The router
# between them drops the faults, so the captures show what each side sent
# and what arrived.
capture_start() {
  local gw ns
  for gw in gwa gwb; do
    if [[ $gw == gwa ]]; then ns=$NS_GWA; else ns=$NS_GWB; fi
    nsx "$ns" tcpdump -i wan -n -s 0 -U -Z root -w "$DIR/$gw/wan.pcap" \
      'udp port 500 or udp port 4500 or esp' </dev/null >/dev/null 2>"$DIR/$gw/tcpdump.err" &
    echo $! >"$DIR/$gw/tcpdump.pid"
  done
  for gw in gwa gwb; do
    wait_for 10 grep -q "listening on wan" "$DIR/$gw/tcpdump.err" \
      || die "tcpdump on $gw did not start (see $DIR/$gw/tcpdump.err)"
  done
  chmod 0644 "$DIR/gwa/wan.pcap" "$DIR/gwb/wan.pcap" 2>/dev/null || true
}

# Stop a process of this lab by its pid file (signal, pid file); waits
# (bounded) until it is gone.
stop_pidfile() {
  local sig="$1" f="$2" pid
  [[ -f $f ]] || return 0
  pid="$(cat "$f")"
  rm -f "$f"
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  kill "-$sig" "$pid" 2>/dev/null || return 0
  wait_for 5 sh -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
}

# Freeze the evidence: kill both daemons at once (no goodbye messages, the
# logs end where they are), then stop the captures once the last packets
# in flight are in them. Logs and captures stay in DIR; `down` removes them.
cmd_stop() {
  state_load
  local gw pid
  # daemon.pid is the background subshell that started the daemon (nsx is
  # a function): the daemon is its child. Killing only the subshell left
  # the daemons running while the captures stopped one after the other, so
  # a packet sent in between was "sent, never arrived" (a flaky judge).
  for gw in gwa gwb; do
    pid="$(cat "$DIR/$gw/daemon.pid" 2>/dev/null || true)"
    [[ $pid =~ ^[0-9]+$ ]] && pkill -KILL -P "$pid" 2>/dev/null
  done
  for gw in gwa gwb; do stop_pidfile KILL "$DIR/$gw/daemon.pid" & done
  wait
  sleep 0.5
  # both captures at once: neither outlives the other by a polling step
  for gw in gwa gwb; do stop_pidfile INT "$DIR/$gw/tcpdump.pid" & done
  wait
  say "daemons and captures stopped"
}

# Create the ssh test user key, host keys, known_hosts and start both sshd.
ssh_setup() {
  local gw ns addr d
  mkdir -p "$DIR/ssh"
  ssh-keygen -q -t ed25519 -N '' -C "tunneldoc-lab-user" -f "$DIR/ssh/id_ed25519"
  cp "$DIR/ssh/id_ed25519.pub" "$DIR/ssh/authorized_keys"
  chmod 0644 "$DIR/ssh/authorized_keys"
  : >"$DIR/ssh/known_hosts"
  for gw in gwa gwb; do
    if [[ $gw == gwa ]]; then ns=$NS_GWA addr=$MGMT_A; else ns=$NS_GWB addr=$MGMT_B; fi
    d="$DIR/$gw"
    ssh-keygen -q -t ed25519 -N '' -C "$gw" -f "$d/ssh_host_ed25519_key"
    printf '%s %s\n' "$addr" "$(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >>"$DIR/ssh/known_hosts"
    cat >"$d/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress $addr
HostKey $d/ssh_host_ed25519_key
PidFile $d/sshd.pid
AuthorizedKeysFile $DIR/ssh/authorized_keys
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $SSH_USER root
PrintMotd no
X11Forwarding no
Subsystem sftp internal-sftp
LogLevel VERBOSE
EOF
    # /run/sshd again right before: other tests on the machine may remove it
    mkdir -p /run/sshd "$d/run"
    # sshd (and every login) sees this gateway's daemon sockets where the
    # tools look by default, as on a real gateway: its own /run (a tmpfs in
    # a private mount namespace) with /run/pluto -> the gateway's pluto
    # rundir and /run/charon.vici -> its vici socket, so the profiles'
    # status commands (ipsec trafficstatus, swanctl --list-sas) work as
    # they are over SSH; on a libreswan gateway `ipsec` is libreswan's
    # (this machine's /usr/sbin/ipsec is strongSwan's, install.sh keeps
    # libreswan's apart)
    local lsw_ipsec=""
    if [[ $gw == gwa && $DAEMON_A == libreswan ]] || [[ $gw == gwb && $DAEMON_B == libreswan ]]; then
      lsw_ipsec="${LAB_LIBRESWAN_PREFIX:-/opt/tunneldoc-lab/libreswan}/usr/sbin/ipsec"
      [[ -x $lsw_ipsec ]] || lsw_ipsec=""
    fi
    nsx "$ns" unshare --mount --propagation private sh -c \
      'mount -t tmpfs -o mode=0755 tdlab-run /run && mkdir -p /run/sshd &&
       ln -s "$1/run" /run/pluto && ln -s "$1/charon.vici" /run/charon.vici &&
       { [ -z "$2" ] || mount --bind "$2" /usr/sbin/ipsec; } &&
       exec /usr/sbin/sshd -f "$1/sshd_config" -E "$1/sshd.log"' sh "$d" "$lsw_ipsec" </dev/null ||
      say "sshd in $ns: $(tail -n 2 "$d/sshd.log" 2>/dev/null | tr '\n' ' ')"
    wait_for 10 test -s "$d/sshd.pid" || die "sshd in $ns did not start: $(tail -n 3 "$d/sshd.log" 2>/dev/null | tr '\n' ' ')"
  done
}

# Print an algorithm list in libreswan's words: the scenarios may use
# strongSwan's (sha256 is libreswan's sha2_256).
lsw_alg() { sed -E 's/sha(256|384|512)/sha2_\1/g' <<<"$1"; }

# Print strongSwan's ESP proposal for a side: with PFS the DH group is part
# of the proposal (modp2048 unless the proposal names one).
sws_esp() {
  local esp="$1" pfs="$2"
  [[ $pfs == yes ]] || { printf '%s' "$esp"; return; }
  [[ -n $esp ]] || esp=aes128-sha256
  [[ $esp == *modp* || $esp == *ecp* || $esp == *curve* ]] || esp="$esp-modp2048"
  printf '%s' "$esp"
}

# Write a libreswan configuration for one gateway (arguments: a or b).
lsw_config() {
  local side="$1" d="$2" me peer lsub rsub ike esp pfs id peerid natt conn psk gwname=gw$1
  if [[ $side == a ]]; then
    me=$LOCAL_A peer=$WAN_B lsub=$LSUBNET_A rsub=$RSUBNET_A ike=$IKE_A esp=$ESP_A
    pfs=$PFS_A id=$ID_A peerid=$PEERID_A natt=$NATT_A conn=yes psk=$PSK_A
  else
    me=$WAN_B peer=$WAN_A lsub=$LSUBNET_B rsub=$RSUBNET_B ike=$IKE_B esp=$ESP_B
    pfs=$PFS_B id=$ID_B peerid=$PEERID_B natt=$NATT_B conn=$CONN_B psk=$PSK_B
  fi
  {
    echo "config setup"
    echo "    ikev1-policy=accept"
    echo "    logfile=$d/pluto.log"
    echo "    logtime=yes"
    echo "    logappend=no"
    echo "    dumpdir=$d/run"
    echo "    listen=$me"
    echo "    uniqueids=yes"
    if [[ $conn == yes ]]; then
      echo
      echo "conn $CONN"
      if [[ $IKE == 1 ]]; then echo "    ikev2=no"; else echo "    ikev2=yes"; fi
      if [[ $AUTH == cert ]]; then
        echo "    authby=rsasig"
        echo "    leftcert=$gwname"
        echo "    leftsendcert=always"
        [[ $side == b && -n $PIN_B ]] && echo "    rightcert=gwa-old"
      else
        echo "    authby=secret"
      fi
      echo "    type=tunnel"
      echo "    left=$me"
      [[ -n $id ]] && echo "    leftid=$id"
      echo "    leftsubnet=$lsub"
      echo "    right=$peer"
      [[ -n $peerid ]] && echo "    rightid=$peerid"
      echo "    rightsubnet=$rsub"
      [[ -n $ike ]] && echo "    ike=$(lsw_alg "$ike")"
      [[ -n $esp ]] && echo "    esp=$(lsw_alg "$esp")"
      echo "    pfs=$pfs"
      [[ $AGGRESSIVE == yes ]] && echo "    aggressive=yes"
      if [[ $DPD_DELAY != 0 ]]; then
        echo "    dpddelay=${DPD_DELAY%s}"
        echo "    dpdtimeout=${DPD_TIMEOUT%s}"
        echo "    dpdaction=clear"
      fi
      echo "    encapsulation=$natt"
      echo "    keyingtries=1"
      echo "    retransmit-interval=500"
      echo "    retransmit-timeout=6s"
      echo "    auto=add"
    fi
  } >"$d/ipsec.conf"
  printf ': PSK "%s"\n' "$psk" >"$d/ipsec.secrets"
  chmod 0600 "$d/ipsec.secrets"
}

# Put a gateway's certificate, key and trusted CA (and, PIN_B, A's old
# certificate on B) into its NSS database (arguments: a|b DIR).
lsw_certs() {
  local side="$1" d="$2" own ca
  if [[ $side == a ]]; then own=$CERT_A ca=$CA_A; else own=$CERT_B ca=$CA_B; fi
  pk12util -i "$DIR/pki/$own.p12" -d "sql:$d/nss" -W '' >/dev/null
  # ca=none: no CA at all (a peer certificate pinned alone, PIN_B)
  [[ $ca == none ]] || certutil -A -d "sql:$d/nss" -n labca -t 'CT,,' -a -i "$DIR/pki/$ca.pem"
  if [[ $side == b && -n $PIN_B ]]; then
    certutil -A -d "sql:$d/nss" -n gwa-old -t 'P,,' -a -i "$DIR/pki/$PIN_B.pem"
  fi
}

# Put a gateway's certificate, key and trusted CA (and, PIN_B, A's old
# certificate on B) where swanctl reads them: x509/, private/, x509ca/ next
# to swanctl.conf (arguments: a|b DIR).
sws_certs() {
  local side="$1" d="$2" own ca
  if [[ $side == a ]]; then own=$CERT_A ca=$CA_A; else own=$CERT_B ca=$CA_B; fi
  mkdir -p "$d/x509" "$d/x509ca" "$d/private"
  chmod 0700 "$d/private"
  cp "$DIR/pki/$own.pem" "$d/x509/own.pem"
  install -m 0600 "$DIR/pki/$own.key" "$d/private/own.key"
  [[ $ca == none ]] || cp "$DIR/pki/$ca.pem" "$d/x509ca/ca.pem"
  [[ $side == b && -n $PIN_B ]] && cp "$DIR/pki/$PIN_B.pem" "$d/x509/peer-old.pem"
  return 0
}

# Start pluto in one gateway namespace (arguments: a|b).
lsw_start() {
  local side="$1" ns d
  if [[ $side == a ]]; then ns=$NS_GWA d=$DIR/gwa; else ns=$NS_GWB d=$DIR/gwb; fi
  mkdir -p "$d/nss" "$d/run" "$d/ipsec.d"
  certutil -N -d "sql:$d/nss" --empty-password
  [[ $AUTH == cert ]] && lsw_certs "$side" "$d"
  lsw_config "$side" "$d"
  : >"$d/pluto.log"
  chmod 0644 "$d/pluto.log"
  nsx "$ns" "$PLUTO" --nofork --config "$d/ipsec.conf" --rundir "$d/run" \
    --nssdir "$d/nss" --secretsfile "$d/ipsec.secrets" --logfile "$d/pluto.log" \
    --ipsecdir "$d/ipsec.d" </dev/null >"$d/pluto.out" 2>&1 &
  echo $! >"$d/daemon.pid"
  wait_for 10 test -S "$d/run/pluto.ctl" || die "pluto in $ns did not start (see $d/pluto.out)"
  share_socket "$d/run/pluto.ctl"
  if [[ $side == a || $CONN_B == yes ]]; then
    wait_for 10 grep -q "\"$CONN\": added IKEv. connection" "$d/pluto.log" \
      || nsx "$ns" /usr/libexec/ipsec/addconn --config "$d/ipsec.conf" --ctlsocket "$d/run/pluto.ctl" "$CONN" >&2
  fi
  wait_for 10 grep -q "listening for IKE messages" "$d/pluto.log" || true
  say "pluto started in $ns"
}

# Write strongswan.conf and swanctl.conf for one gateway (arguments: a|b DIR).
sws_config() {
  local side="$1" d="$2" me peer lsub rsub ike esp id peerid natt psk pfs esplevel=1
  if [[ $side == a ]]; then
    me=$LOCAL_A peer=$WAN_B lsub=$LSUBNET_A rsub=$RSUBNET_A ike=$IKE_A esp=$ESP_A
    id=$ID_A peerid=$PEERID_A natt=$NATT_A psk=$PSK_A pfs=$PFS_A
  else
    me=$WAN_B peer=$WAN_A lsub=$LSUBNET_B rsub=$RSUBNET_B ike=$IKE_B esp=$ESP_B
    id=$ID_B peerid=$PEERID_B natt=$NATT_B psk=$PSK_B pfs=$PFS_B
  fi
  [[ $PING == yes ]] && esplevel=2
  cat >"$d/strongswan.conf" <<EOF
charon {
  load_modular = yes
  install_routes = no
  routing_table = 0
  retransmit_tries = 3
  retransmit_timeout = 1.0
  retransmit_base = 1.4
  # AGGRESSIVE=yes: strongSwan answers Aggressive Mode with PSK only with this
  i_dont_care_about_security_and_use_aggressive_mode_psk = $AGGRESSIVE
  syslog {
    daemon {
      default = -1
    }
  }
  filelog {
    lab {
      path = $d/charon.log
      time_format = %b %e %T
      time_add_ms = yes
      ike_name = yes
      append = no
      flush_line = yes
      default = 1
      esp = $esplevel
    }
  }
  plugins {
    include /etc/strongswan.d/charon/*.conf
    kernel-libipsec {
      load = yes
    }
    bypass-lan {
      load = no
    }
    # not needed in the lab; they only add noise to the log
    stroke {
      load = no
    }
    forecast {
      load = no
    }
    farp {
      load = no
    }
    ha {
      load = no
    }
    dhcp {
      load = no
    }
    eap-radius {
      load = no
    }
    led {
      load = no
    }
    lookip {
      load = no
    }
    vici {
      socket = unix://$d/charon.vici
    }
  }
}
swanctl {
  socket = unix://$d/charon.vici
}
EOF
  {
    echo "connections {"
    echo "  $CONN {"
    echo "    version = $IKE"
    echo "    local_addrs = $me"
    echo "    remote_addrs = $peer"
    [[ -n $ike ]] && echo "    proposals = $ike"
    [[ $AGGRESSIVE == yes ]] && echo "    aggressive = yes"
    # strongSwan detects NAT by itself ("auto"); yes forces UDP encapsulation
    if [[ $natt == yes ]]; then echo "    encap = yes"; else echo "    encap = no"; fi
    echo "    mobike = no"
    # libreswan sends a certificate request only with rightca= set (4.10
    # ikev1_main.c send_cr, ikev2_certreq.c): without one, strongSwan's
    # default (ifasked) sends no certificate and pluto logs "no certificate
    # matched"; always, like libreswan's leftsendcert=always
    [[ $AUTH == cert ]] && echo "    send_cert = always"
    echo "    keyingtries = 1"
    echo "    dpd_delay = $DPD_DELAY"
    [[ $DPD_DELAY == 0 ]] || echo "    dpd_timeout = ${DPD_TIMEOUT%s}s"
    echo "    local {"
    if [[ $AUTH == cert ]]; then
      echo "      auth = pubkey"
      echo "      certs = own.pem"
    else
      echo "      auth = psk"
    fi
    [[ -n $id ]] && echo "      id = $id"
    echo "    }"
    echo "    remote {"
    if [[ $AUTH == cert ]]; then echo "      auth = pubkey"; else echo "      auth = psk"; fi
    [[ $AUTH == cert && $side == b && -n $PIN_B ]] && echo "      certs = peer-old.pem"
    [[ -n $peerid ]] && echo "      id = $peerid"
    echo "    }"
    echo "    children {"
    echo "      $CONN {"
    echo "        local_ts = $lsub"
    echo "        remote_ts = $rsub"
    esp="$(sws_esp "$esp" "$pfs")"
    [[ -n $esp ]] && echo "        esp_proposals = $esp"
    echo "        start_action = none"
    echo "      }"
    echo "    }"
    echo "  }"
    echo "}"
    echo "secrets {"
    echo "  ike-$CONN {"
    echo "    secret = \"$psk\""
    echo "  }"
    echo "}"
  } >"$d/swanctl.conf"
  chmod 0600 "$d/swanctl.conf"
}

# Start charon in one gateway namespace and load its connection (a|b).
sws_start() {
  local side="$1" ns d rsub gwlan
  if [[ $side == a ]]; then ns=$NS_GWA d=$DIR/gwa rsub=$RSUBNET_A gwlan=$GW_LAN_A
  else ns=$NS_GWB d=$DIR/gwb rsub=$RSUBNET_B gwlan=$GW_LAN_B; fi
  sws_config "$side" "$d"
  [[ $AUTH == cert ]] && sws_certs "$side" "$d"
  : >"$d/charon.log"
  chmod 0644 "$d/charon.log"
  # a private /run per charon keeps pid files and sockets apart
  nsx "$ns" env STRONGSWAN_CONF="$d/strongswan.conf" \
    sh -c "mount -t tmpfs none /run && exec $CHARON" </dev/null >"$d/charon.out" 2>&1 &
  echo $! >"$d/daemon.pid"
  wait_for 10 test -S "$d/charon.vici" || die "charon in $ns did not start (see $d/charon.out)"
  share_socket "$d/charon.vici"
  # for status commands of the ssh test user: swanctl without its default
  # plugin list, which names plugins Debian does not ship (noise on stderr)
  printf 'swanctl {\n  load = random\n}\n' >"$d/swanctl-status.conf"
  chmod 0644 "$d/swanctl-status.conf"
  STRONGSWAN_CONF="$d/strongswan.conf" swanctl --load-all --file "$d/swanctl.conf" \
    --uri "unix://$d/charon.vici" >"$d/swanctl-load.out" 2>&1 \
    || { cat "$d/swanctl-load.out" >&2; die "swanctl could not load $d/swanctl.conf"; }
  wait_for 10 ip -n "$ns" link show ipsec0 || die "no ipsec0 in $ns (kernel-libipsec not loaded?)"
  # install_routes = no: route the remote LAN into the userspace ESP device
  ip -n "$ns" route replace "$rsub" dev ipsec0 src "$gwlan"
  say "charon started in $ns"
}

# Print the nf_log_all_netns value that other running labs found before the
# first of them switched it on (one line per LOG rule; empty: no other lab
# with a VPN firewall log is running). The value travels in the comment of
# their LOG rules, so a lab that ends never switches logging off under
# another one, and the last one restores the machine's own setting.
nflog_orig_of_other_labs() {
  local ns
  for ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
    [[ $ns =~ ^td[0-9a-z]+-gwa$ && $ns != "${NS_GWA:-}" ]] || continue
    ip netns exec "$ns" iptables -S 2>/dev/null | grep -o 'tdlab-nflog-orig=[0-9]' || true
  done | sed 's/.*=//'
}

# Pick the firewall names of both gateways: 3 random characters unique among
# the running labs, plus A or B. The kernel allows 29 characters of LOG
# prefix and "fw-vpn_-out-1 act=ACCEPT " takes 25 of them.
fwname_pick() {
  local used="" ns tok chars=abcdefghijklmnopqrstuvwxyz0123456789
  for ns in $(ip netns list 2>/dev/null | cut -d' ' -f1); do
    [[ $ns =~ ^td[0-9a-z]+-gw[ab]$ ]] || continue
    # (a lab without VPN firewall log has no prefix: grep finds nothing)
    used+=" $({ ip netns exec "$ns" iptables -S 2>/dev/null | grep -o 'fw-vpn_[^ "-]*' || true; } | tr '\n' ' ')"
  done
  for _ in $(seq 1 100); do
    tok=""
    for _ in 1 2 3; do tok+="${chars:RANDOM % ${#chars}:1}"; done
    [[ $used == *"fw-vpn_${tok}A"* || $used == *"fw-vpn_${tok}B"* ]] || break
  done
  FWNAME_A="${tok}A" FWNAME_B="${tok}B"
}

# Background reader of the kernel log (internal subcommand `fwlog-reader`,
# started by `up` in its own session): appends each gateway's VPN firewall
# lines to its fw.log as syslog lines, the way an mGuard writes them
# ("Dec  1 06:40:01 gwa kernel: fw-vpn_...-out-1 act=ACCEPT IN=... OUT=...
# SRC=..."; the MAC= field of the kernel's LOG target is left out, mGuard
# lines have none). Only lines that appear after it started and carry this
# lab's prefixes.
cmd_fwlog_reader() {
  state_load
  local line gw ts
  echo "$$" >"$DIR/fwlog-reader.pid"
  dmesg --follow-new --kernel --notime --nopager --color=never |
    while IFS= read -r line; do
      case "$line" in
        "fw-vpn_$FWNAME_A-"*) gw=gwa ;;
        "fw-vpn_$FWNAME_B-"*) gw=gwb ;;
        *) continue ;;
      esac
      if [[ $line =~ ^(.*)\ MAC=[^\ ]*(\ .*)$ ]]; then
        line="${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
      fi
      line="${line%"${line##*[! ]}"}"
      printf -v ts '%(%b %e %H:%M:%S)T' -1
      printf '%s %s kernel: %s\n' "$ts" "$gw" "$line" >>"$DIR/$gw/fw.log"
    done
}

# Succeed when the firewall log reader's dmesg has opened the kernel log.
fwlog_reader_ready() {
  local pg p fd
  pg="$(cat "$DIR/fwlog-reader.pid" 2>/dev/null)" || return 1
  [[ -n $pg ]] || return 1
  for p in $(pgrep -g "$pg" -x dmesg); do
    for fd in "/proc/$p/fd/"*; do
      [[ "$(readlink "$fd" 2>/dev/null)" == /dev/kmsg ]] && return 0
    done
  done
  return 1
}

# Succeed while a process group has a live (not zombie) member.
group_alive() {
  ps -e -o pgid=,stat= | awk -v pg="$1" '$1 == pg && $2 !~ /^Z/ { f = 1 } END { exit !f }'
}

# Stop the firewall log reader (its whole process group, after checking
# that the pid still is this lab's reader).
fwlog_reader_stop() {
  local pg
  [[ -f "$DIR/fwlog-reader.pid" ]] || return 0
  pg="$(cat "$DIR/fwlog-reader.pid" 2>/dev/null || true)"
  rm -f "$DIR/fwlog-reader.pid"
  [[ $pg =~ ^[0-9]+$ ]] || return 0
  { tr '\0' ' ' <"/proc/$pg/cmdline"; } 2>/dev/null | grep -qF -- "$DIR fwlog-reader" || return 0
  kill -TERM -- "-$pg" 2>/dev/null || true
  for _ in $(seq 1 25); do
    group_alive "$pg" || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pg" 2>/dev/null || true
}

# Give each gateway a VPN firewall log like an mGuard's: iptables LOG rules
# with the gateway's own prefix for ICMP entering the tunnel
# (fw-vpn_NAME-out-1: FORWARD and OUTPUT -o ipsec0) and leaving it
# (fw-vpn_NAME-in-1: FORWARD and INPUT -i ipsec0); a reader of the kernel
# log (shared by all namespaces) sorts the lines into gwa/fw.log and
# gwb/fw.log.
fwlog_setup() {
  local ns name orig log
  orig="$(nflog_orig_of_other_labs | head -n1)"
  [[ -n $orig ]] || orig="$(sysctl -n net.netfilter.nf_log_all_netns 2>/dev/null || true)"
  dmesg | wc -l >"$DIR/dmesg.start"
  setsid "$LAB_HOME/lab.sh" --dir "$DIR" fwlog-reader </dev/null >/dev/null 2>>"$DIR/fwlog-reader.err" &
  echo $! >"$DIR/fwlog-reader.pid"   # the reader writes it again (same pid)
  wait_for 10 fwlog_reader_ready || die "the firewall log reader did not start (see $DIR/fwlog-reader.err)"
  for ns in "$NS_GWA" "$NS_GWB"; do
    if [[ $ns == "$NS_GWA" ]]; then name=$FWNAME_A; else name=$FWNAME_B; fi
    log=(-p icmp -m comment --comment "tdlab-nflog-orig=${orig:-x}" -j LOG --log-prefix)
    nsx "$ns" iptables -A FORWARD -o ipsec0 "${log[@]}" "fw-vpn_$name-out-1 act=ACCEPT "
    nsx "$ns" iptables -A OUTPUT -o ipsec0 "${log[@]}" "fw-vpn_$name-out-1 act=ACCEPT "
    nsx "$ns" iptables -A FORWARD -i ipsec0 "${log[@]}" "fw-vpn_$name-in-1 act=ACCEPT "
    nsx "$ns" iptables -A INPUT -i ipsec0 "${log[@]}" "fw-vpn_$name-in-1 act=ACCEPT "
  done
  # last, so that a lab ending meanwhile sees this one's rules and keeps it on
  if [[ -n $orig ]]; then
    echo "$orig" >"$DIR/nf_log_all_netns.orig"
    sysctl -qw net.netfilter.nf_log_all_netns=1 || say "cannot enable kernel logging from namespaces"
  fi
}

# Switch kernel logging from namespaces back to what it was before the first
# lab, unless another lab with a VPN firewall log is still running. Called
# after this lab's namespaces are gone.
nflog_restore() {
  local orig
  [[ -f "$DIR/nf_log_all_netns.orig" ]] || return 0
  orig="$(cat "$DIR/nf_log_all_netns.orig")"
  rm -f "$DIR/nf_log_all_netns.orig"
  [[ $orig =~ ^[0-9]$ ]] || return 0
  [[ -z "$(nflog_orig_of_other_labs)" ]] || return 0
  [[ "$(sysctl -n net.netfilter.nf_log_all_netns 2>/dev/null)" == "$orig" ]] ||
    sysctl -qw net.netfilter.nf_log_all_netns="$orig" || true
}

# Replace the fault at the sites with the named one: none, fwdrop-b (gateway
# B drops everything coming out of the tunnel before its VPN firewall logs
# it), badroute-a (the LAN A client's default route points at an address
# nobody has).
site_fault_set() {
  local f="$1"
  case "$f" in none|fwdrop-b|badroute-a) ;; *) die "unknown site fault '$f'" ;; esac
  while nsx "$NS_GWB" iptables -t raw -D PREROUTING -i ipsec0 -j DROP 2>/dev/null; do :; done
  ip -n "$NS_LANA" route replace default via "$GW_LAN_A"
  case "$f" in
    fwdrop-b) nsx "$NS_GWB" iptables -t raw -I PREROUTING -i ipsec0 -j DROP ;;
    badroute-a) ip -n "$NS_LANA" route replace default via "$BAD_ROUTER_A" ;;
  esac
  say "site fault: $f"
}

# Build the whole lab for a scenario and print its variables.
cmd_up() {
  local name="${1:-}" n
  [[ -n "$name" ]] || die "usage: lab.sh up SCENARIO"
  [[ "$(id -u)" == 0 ]] || die "must run as root"
  scenario_load "$name"
  [[ -x $PLUTO && -x $CHARON ]] || die "lab software missing: run tests/lab/install.sh"
  ID="td$$"
  for n in tech gwa gwb rtr lana lanb; do
    [[ -e "/run/netns/$ID-$n" ]] && ID="td$$r$RANDOM"
  done
  if [[ -z "$DIR" ]]; then DIR="/tmp/tunneldoc-lab.$ID"; fi
  [[ -e "$DIR" && -n "$(ls -A "$DIR" 2>/dev/null)" ]] && die "$DIR exists and is not empty"
  mkdir -p "$DIR/gwa" "$DIR/gwb"
  chmod 0755 "$DIR" "$DIR/gwa" "$DIR/gwb"
  : >"$DIR/state.env"
  : >"$DIR/namespaces"
  trap 'rc=$?; if ((rc != 0)); then say "up failed, cleaning up"; teardown; rm -rf "$DIR"; fi' EXIT
  trap 'exit 130' INT TERM
  NS_TECH="$ID-tech" NS_GWA="$ID-gwa" NS_GWB="$ID-gwb" NS_RTR="$ID-rtr"
  NS_LANA="$ID-lana" NS_LANB="$ID-lanb" NS_NATA=""
  [[ $NAT_A == yes ]] && NS_NATA="$ID-nata"
  LOCAL_A=$WAN_A
  [[ $NAT_A == yes ]] && LOCAL_A=$NATIN_A
  PCAP_A="" PCAP_B=""
  [[ $CAPTURE == yes ]] && PCAP_A="$DIR/gwa/wan.pcap" PCAP_B="$DIR/gwb/wan.pcap"
  for n in DIR ID SCENARIO NS_TECH NS_GWA NS_GWB NS_RTR NS_LANA NS_LANB NS_NATA DAEMON IKE \
           DAEMON_A DAEMON_B NAT_A LOCAL_A PCAP_A PCAP_B QUIET \
           FAULT FAULT_AFTER_UP SITE_FAULT SITE_FAULT_AFTER_UP PING FWLOG \
           EXPECT_CAUSE EXPECT_CHAPTER \
           EVIDENCE_A EVIDENCE_B EVIDENCE_TIMEOUT DESCRIPTION; do
    state_set "$n" "${!n}"
  done
  if [[ $DAEMON_A == libreswan ]]; then LOG_A="$DIR/gwa/pluto.log"; else LOG_A="$DIR/gwa/charon.log"; fi
  if [[ $DAEMON_B == libreswan ]]; then LOG_B="$DIR/gwb/pluto.log"; else LOG_B="$DIR/gwb/charon.log"; fi
  state_set LOG_A "$LOG_A"
  state_set LOG_B "$LOG_B"
  FWLOG_A="" FWLOG_B="" FWNAME_A="" FWNAME_B=""
  if [[ $FWLOG == yes ]]; then
    FWLOG_A="$DIR/gwa/fw.log" FWLOG_B="$DIR/gwb/fw.log"
    : >"$FWLOG_A"
    : >"$FWLOG_B"
    chmod 0644 "$FWLOG_A" "$FWLOG_B"
    fwname_pick
  fi
  for n in FWLOG_A FWLOG_B FWNAME_A FWNAME_B; do state_set "$n" "${!n}"; done
  say "building lab $ID for scenario $SCENARIO in $DIR"
  ensure_user
  net_create
  ssh_setup
  [[ $CAPTURE == yes ]] && capture_start
  if [[ $AUTH == cert ]]; then
    python3 "$LAB_HOME/certs.py" "$DIR/pki" || die "certs.py could not make the lab's certificates"
  fi
  if [[ $DAEMON_A == libreswan ]]; then lsw_start a; else sws_start a; fi
  if [[ $DAEMON_B == libreswan ]]; then lsw_start b; else sws_start b; fi
  [[ $FWLOG == yes ]] && fwlog_setup
  if [[ $FAULT_AFTER_UP == yes ]]; then fault_set none; else fault_set "$FAULT"; fi
  if [[ $SITE_FAULT_AFTER_UP != yes && $SITE_FAULT != none ]]; then site_fault_set "$SITE_FAULT"; fi
  trap - EXIT INT TERM
  say "lab $ID is up"
  cmd_env
}

# Write both gateways' configurations into a directory without building
# the lab (arguments: SCENARIO DIR): the files `up` gives the daemons.
cmd_config() {
  local name="${1:-}" out="${2:-}" s
  [[ -n $name && -n $out ]] || die "usage: lab.sh config SCENARIO DIR"
  scenario_load "$name"
  [[ $AUTH == psk ]] || die "$name: lab.sh config writes only PSK scenarios' configurations"
  LOCAL_A=$WAN_A
  [[ $NAT_A == yes ]] && LOCAL_A=$NATIN_A
  DIR="$out"
  for s in a b; do
    mkdir -p "$out/gw$s"
    local daemon=$DAEMON_A
    [[ $s == b ]] && daemon=$DAEMON_B
    if [[ $daemon == libreswan ]]; then lsw_config "$s" "$out/gw$s"; else sws_config "$s" "$out/gw$s"; fi
  done
}

# Print the shell command that shows a gateway's daemon status (a|b); run
# by the ssh test user on the gateway.
status_cmd() {
  local d="$DIR/gw$1" daemon=$DAEMON_A
  [[ $1 == b ]] && daemon=$DAEMON_B
  if [[ $daemon == strongswan ]]; then
    printf 'STRONGSWAN_CONF=%q %s --list-sas --uri unix://%q' \
      "$d/swanctl-status.conf" "$SWANCTL" "$d/charon.vici"
  else
    printf '%s --ctlsocket %q --status' "$WHACK" "$d/run/pluto.ctl"
  fi
}

# Print the shell command that streams a gateway's IKE log and VPN firewall
# log from their start (a|b); run by the ssh test user on the gateway.
log_cmd() {
  local log fw
  if [[ $1 == a ]]; then log=$LOG_A fw=${FWLOG_A:-}; else log=$LOG_B fw=${FWLOG_B:-}; fi
  printf 'tail -q -n +1 -F %q' "$log"
  [[ -z $fw ]] || printf ' %q' "$fw"
}

# Print the lab's variables as shell assignments.
cmd_env() {
  local v
  local -A out=(
    [TDLAB_DIR]="$DIR" [TDLAB_ID]="$ID" [TDLAB_SCENARIO]="$SCENARIO"
    [TDLAB_DAEMON]="$DAEMON" [TDLAB_IKE]="$IKE" [TDLAB_CONN]="$CONN"
    [TDLAB_DAEMON_A]="$DAEMON_A" [TDLAB_DAEMON_B]="$DAEMON_B"
    [TDLAB_PCAP_A]="$PCAP_A" [TDLAB_PCAP_B]="$PCAP_B" [TDLAB_LOCAL_A]="$LOCAL_A"
    [TDLAB_NAT_A]="$NAT_A" [TDLAB_NS_NATA]="$NS_NATA"
    [TDLAB_NS_TECH]="$NS_TECH" [TDLAB_NS_GWA]="$NS_GWA" [TDLAB_NS_GWB]="$NS_GWB"
    [TDLAB_NS_RTR]="$NS_RTR" [TDLAB_NS_LANA]="$NS_LANA" [TDLAB_NS_LANB]="$NS_LANB"
    [TDLAB_MGMT_A]="$MGMT_A" [TDLAB_MGMT_B]="$MGMT_B" [TDLAB_WAN_A]="$WAN_A" [TDLAB_WAN_B]="$WAN_B"
    [TDLAB_CLIENT_A]="$CLIENT_A" [TDLAB_CLIENT_B]="$CLIENT_B"
    [TDLAB_SSH_PORT]="$SSH_PORT" [TDLAB_SSH_USER]="$SSH_USER"
    [TDLAB_SSH_KEY]="$DIR/ssh/id_ed25519" [TDLAB_KNOWN_HOSTS]="$DIR/ssh/known_hosts"
    [TDLAB_LOG_A]="$LOG_A" [TDLAB_LOG_B]="$LOG_B"
    [TDLAB_GW_LAN_A]="$GW_LAN_A" [TDLAB_GW_LAN_B]="$GW_LAN_B"
    [TDLAB_FWLOG_A]="${FWLOG_A:-}" [TDLAB_FWLOG_B]="${FWLOG_B:-}"
    [TDLAB_FWNAME_A]="${FWNAME_A:-}" [TDLAB_FWNAME_B]="${FWNAME_B:-}"
    [TDLAB_STATUS_CMD_A]="$(status_cmd a)" [TDLAB_STATUS_CMD_B]="$(status_cmd b)"
    [TDLAB_LOG_CMD_A]="$(log_cmd a)" [TDLAB_LOG_CMD_B]="$(log_cmd b)"
    [TDLAB_GW_PING_CMD_A]="ping -c 3 -W 2 -I $GW_LAN_A $GW_LAN_B"
    [TDLAB_GW_PING_CMD_B]="ping -c 3 -W 2 -I $GW_LAN_B $GW_LAN_A"
    [TDLAB_EXPECT_CAUSE]="$EXPECT_CAUSE" [TDLAB_EXPECT_CHAPTER]="$EXPECT_CHAPTER"
    [TDLAB_DESCRIPTION]="$DESCRIPTION"
  )
  for v in $(printf '%s\n' "${!out[@]}" | sort); do
    printf '%s=%q\n' "$v" "${out[$v]}"
  done
}

# Succeed when a gateway's log shows an established tunnel (CHILD/IPsec
# SA; arguments: daemon, log).
side_established() {
  if [[ $1 == strongswan ]]; then grep -q "CHILD_SA $CONN{[0-9]*} established" "$2"
  else grep -Eq "IPsec SA established|established Child SA" "$2"; fi
}

# Succeed when both gateways log an established tunnel (CHILD/IPsec SA).
tunnel_established() {
  side_established "$DAEMON_A" "$LOG_A" && side_established "$DAEMON_B" "$LOG_B"
}

# Start the negotiation on gateway A; run post-establishment steps.
cmd_initiate() {
  state_load
  local d="$DIR/gwa"
  if [[ $DAEMON_A == libreswan ]]; then
    nsx "$NS_GWA" "$WHACK" --ctlsocket "$d/run/pluto.ctl" --name "$CONN" --initiate --asynchronous >&2
  else
    # detaches after 1 s; the daemon carries on with the negotiation
    STRONGSWAN_CONF="$d/strongswan.conf" swanctl --initiate --child "$CONN" --timeout 1 \
      --uri "unix://$d/charon.vici" >"$d/initiate.out" 2>&1 || true
  fi
  say "gateway A initiated $CONN"
  if [[ $FAULT_AFTER_UP == yes || $SITE_FAULT_AFTER_UP == yes || $PING == yes ]]; then
    wait_for 30 tunnel_established || die "tunnel not established within 30 s"
    say "tunnel established"
    cmd_ping 3 >"$DIR/ping-before.txt" 2>&1 || true
    if [[ $FAULT_AFTER_UP == yes ]]; then
      fault_set "$FAULT"
      state_set FAULT_APPLIED "$FAULT"
    fi
    if [[ $SITE_FAULT_AFTER_UP == yes ]]; then
      site_fault_set "$SITE_FAULT"
      state_set SITE_FAULT_APPLIED "$SITE_FAULT"
    fi
    if cmd_ping 5 >"$DIR/ping.txt" 2>&1; then say "ping through the tunnel: ok"
    else say "ping through the tunnel: FAILED"; fi
  fi
}

# Succeed when both logs hold the scenario's expected evidence.
evidence_present() {
  [[ -z "$EVIDENCE_A" ]] || grep -Eq -- "$EVIDENCE_A" "$LOG_A" || return 1
  [[ -z "$EVIDENCE_B" ]] || grep -Eq -- "$EVIDENCE_B" "$LOG_B"
}

# Succeed when neither log nor capture has grown for QUIET seconds (the
# daemons gave up or are done).
quiet() {
  local now f m newest=0
  now="$(date +%s)"
  for f in "$LOG_A" "$LOG_B" ${PCAP_A:+"$PCAP_A"} ${PCAP_B:+"$PCAP_B"}; do
    m="$(stat -c %Y "$f" 2>/dev/null || echo 0)"
    ((m > newest)) && newest=$m
  done
  ((now - newest >= QUIET))
}

# Wait (bounded) until the scenario's evidence is in both gateways' logs;
# with --quiet, or when the scenario names no evidence, also until both
# sides have been quiet for QUIET seconds.
cmd_wait() {
  state_load
  local limit="$EVIDENCE_TIMEOUT" q=0 end
  while (($#)); do
    case "$1" in --quiet) q=1 ;; *) limit="$1" ;; esac
    shift
  done
  [[ -n "$EVIDENCE_A$EVIDENCE_B" ]] || q=1
  end=$((SECONDS + limit))
  if ! wait_for "$limit" evidence_present; then
    say "no evidence of $SCENARIO after ${limit}s (A: /$EVIDENCE_A/, B: /${EVIDENCE_B:-}/)"
    return 1
  fi
  say "evidence of $SCENARIO is in the logs"
  if ((q)); then
    wait_for $((end - SECONDS > 1 ? end - SECONDS : 1)) quiet || say "still not quiet after ${limit}s"
  fi
  return 0
}

# Ping an address from the LAN A client (arguments: address, count).
ping_from_lana() {
  local dst="$1" count="${2:-3}"
  nsx "$NS_LANA" ping -n -c "$count" -i 0.3 -W 1 "$dst"
}

# Ping the LAN B client from the LAN A client (argument: count).
cmd_ping() {
  [[ -n "${NS_LANA:-}" ]] || state_load
  ping_from_lana "$CLIENT_B" "${1:-3}"
}

# Print both gateways' IKE logs.
cmd_logs() {
  state_load
  printf '==> gateway A (left, %s) %s <==\n' "$NS_GWA" "$LOG_A"
  cat "$LOG_A"
  printf '\n==> gateway B (right, %s) %s <==\n' "$NS_GWB" "$LOG_B"
  cat "$LOG_B"
  if [[ $FWLOG == yes && -n "${FWLOG_A:-}" ]]; then
    printf '\n==> gateway A VPN firewall log %s <==\n' "$FWLOG_A"
    cat "$FWLOG_A"
    printf '\n==> gateway B VPN firewall log %s <==\n' "$FWLOG_B"
    cat "$FWLOG_B"
  fi
}

# Print the daemon of a gateway (gwa|gwb).
gw_daemon() { if [[ $1 == gwa ]]; then echo "$DAEMON_A"; else echo "$DAEMON_B"; fi; }

# Print the daemons' status of the tunnel on both gateways.
cmd_status() {
  state_load
  local gw d ns
  for gw in gwa gwb; do
    d="$DIR/$gw"
    if [[ $gw == gwa ]]; then ns=$NS_GWA; else ns=$NS_GWB; fi
    printf '==> %s <==\n' "$gw"
    if [[ "$(gw_daemon "$gw")" == libreswan ]]; then
      nsx "$ns" "$WHACK" --ctlsocket "$d/run/pluto.ctl" --trafficstatus || true
      nsx "$ns" "$WHACK" --ctlsocket "$d/run/pluto.ctl" --status | grep -E "^000 #|STATE_" || true
    else
      STRONGSWAN_CONF="$d/strongswan.conf" swanctl --list-sas --uri "unix://$d/charon.vici" || true
    fi
  done
  printf '==> router fault rules <==\n'
  nsx "$NS_RTR" iptables -L TDFAULT -v -n || true
}

# Set the router's fault from the command line.
cmd_fault() {
  state_load
  fault_set "${1:?usage: lab.sh fault none|drop-udp500|drop-udp4500|drop-esp|drop-replies|drop-all}"
}

# Set the fault at the sites from the command line.
cmd_site_fault() {
  state_load
  site_fault_set "${1:?usage: lab.sh site-fault none|fwdrop-b|badroute-a}"
}

# Stop the firewall log reader, kill every process in the lab's namespaces,
# delete the namespaces and restore kernel logging from namespaces.
teardown() {
  local ns pids pid
  fwlog_reader_stop
  [[ -f "$DIR/namespaces" ]] || return 0
  while read -r ns; do
    [[ -n "$ns" && -e "/run/netns/$ns" ]] || continue
    pids="$(ip netns pids "$ns" 2>/dev/null || true)"
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 25); do
      pids="$(ip netns pids "$ns" 2>/dev/null || true)"
      [[ -z "$pids" ]] && break
      sleep 0.2
    done
    for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
  done <"$DIR/namespaces"
  while read -r ns; do
    [[ -n "$ns" && -e "/run/netns/$ns" ]] || continue
    ip netns del "$ns" 2>/dev/null || say "could not delete namespace $ns"
  done <"$DIR/namespaces"
  nflog_restore
}

# Stop the lab and remove its run directory (unless --keep).
cmd_down() {
  state_load
  teardown
  if ((KEEP)); then
    say "lab $ID is down; files kept in $DIR"
  else
    rm -rf "$DIR"
    say "lab $ID is down"
  fi
}

# Print usage (the comment block at the top of this file).
usage() { sed -n '2,/^[^#]/p' "${BASH_SOURCE[0]}" | sed -n 's/^# \{0,1\}//p'; }

# Parse options and run the subcommand.
main() {
  local args=()
  while (($#)); do
    case "$1" in
      --dir) DIR="${2:?--dir needs a path}"; shift 2 ;;
      --dir=*) DIR="${1#--dir=}"; shift ;;
      --keep) KEEP=1; shift ;;
      -h|--help) usage; exit 0 ;;
      *) args+=("$1"); shift ;;
    esac
  done
  set -- "${args[@]}"
  local cmd="${1:-}"
  (($#)) && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down ;;
    initiate) cmd_initiate ;;
    stop) cmd_stop ;;
    wait) cmd_wait "$@" ;;
    ping) state_load; cmd_ping "$@" ;;
    ping-gw) state_load; ping_from_lana "$GW_LAN_A" "$@" ;;
    ping-remote-gw) state_load; ping_from_lana "$GW_LAN_B" "$@" ;;
    fault) cmd_fault "$@" ;;
    site-fault) cmd_site_fault "$@" ;;
    fwlog-reader) cmd_fwlog_reader ;;
    logs) cmd_logs ;;
    status) cmd_status ;;
    env) state_load; cmd_env ;;
    config) cmd_config "$@" ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
