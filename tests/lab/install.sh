#!/usr/bin/env bash
# Install everything the tunneldoc lab needs on Debian 12 (idempotent).
#
# strongSwan (charon + swanctl + kernel-libipsec) comes as packages; libreswan
# conflicts with strongSwan in Debian, so only its libraries are installed
# and the libreswan package itself is unpacked into a private prefix
# (LAB_LIBRESWAN_PREFIX, default /opt/tunneldoc-lab/libreswan).
# /usr/libexec/ipsec is made a link to the unpacked tree because pluto runs
# /usr/libexec/ipsec/addconn by that fixed path.
set -euo pipefail

PREFIX="${LAB_LIBRESWAN_PREFIX:-/opt/tunneldoc-lab/libreswan}"
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  iproute2 iptables iputils-ping procps openssh-server openssh-client tcpdump python3
  strongswan-charon strongswan-swanctl libcharon-extra-plugins
  libnss3-tools libnss3 libnspr4 libevent-core-2.1-7 libevent-pthreads-2.1-7
  libunbound8 libldns3 libcurl3-nss libcap-ng0 libaudit1 dns-root-data
  libcrypt1 libldap-2.5-0 libpam0g libselinux1 libsystemd0 python3-cryptography
)

# Print a message on stderr.
say() { printf 'install.sh: %s\n' "$*" >&2; }

# Succeed when every package in the arguments is installed.
all_installed() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

# Install the Debian packages (runs apt-get update only when needed).
install_packages() {
  if all_installed "${PKGS[@]}"; then
    say "packages already installed"
    return 0
  fi
  if all_installed libreswan; then
    say "removing the libreswan package (conflicts with strongSwan; the lab uses a private copy)"
    apt-get remove -y -q libreswan >/dev/null
  fi
  apt-get update -q >/dev/null
  # keep the packages' services (sshd, ...) from starting in the root namespace
  local policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    policy=1
  fi
  if ! apt-get install -y -q --no-install-recommends "${PKGS[@]}" >/dev/null; then
    ((policy)) && rm -f /usr/sbin/policy-rc.d
    say "apt-get install failed"
    return 1
  fi
  ((policy)) && rm -f /usr/sbin/policy-rc.d
  say "packages installed"
}

# Unpack the libreswan package into PREFIX unless already there.
install_libreswan() {
  if [[ -x "$PREFIX/usr/libexec/ipsec/pluto" && -x "$PREFIX/usr/libexec/ipsec/whack" ]]; then
    say "libreswan already unpacked in $PREFIX"
    return 0
  fi
  local tmp deb
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && apt-get download -q libreswan >/dev/null 2>&1); then
    apt-get update -q >/dev/null
    (cd "$tmp" && apt-get download -q libreswan >/dev/null 2>&1) || { rm -rf "$tmp"; say "cannot download libreswan"; return 1; }
  fi
  deb="$(find "$tmp" -maxdepth 1 -name 'libreswan_*.deb' | head -n1)"
  rm -rf "$PREFIX.new"
  mkdir -p "$PREFIX.new"
  dpkg -x "$deb" "$PREFIX.new"
  cp "$deb" "$PREFIX.new/"
  rm -rf "$PREFIX" "$tmp"
  mv "$PREFIX.new" "$PREFIX"
  say "libreswan $(dpkg-deb -f "$PREFIX"/libreswan_*.deb Version) unpacked in $PREFIX"
}

# Point /usr/libexec/ipsec at the private libreswan tree.
link_libexec() {
  local want="$PREFIX/usr/libexec/ipsec"
  if [[ -L /usr/libexec/ipsec ]]; then
    [[ "$(readlink /usr/libexec/ipsec)" == "$want" ]] && return 0
    rm -f /usr/libexec/ipsec
  elif [[ -e /usr/libexec/ipsec ]]; then
    say "/usr/libexec/ipsec exists and is not a link; moving it to /usr/libexec/ipsec.orig"
    rm -rf /usr/libexec/ipsec.orig
    mv /usr/libexec/ipsec /usr/libexec/ipsec.orig
  fi
  mkdir -p /usr/libexec
  ln -s "$want" /usr/libexec/ipsec
  say "/usr/libexec/ipsec -> $want"
}

# Keep the packaged daemons from running in the root namespace.
stop_system_services() {
  local s
  for s in strongswan strongswan-starter ssh; do
    if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
      systemctl disable --now "$s" >/dev/null 2>&1 || true
    fi
  done
}

# Check that the installed tools can run.
verify() {
  "$PREFIX/usr/libexec/ipsec/pluto" --version >/dev/null 2>&1 || {
    say "pluto does not run (missing library?)"
    ldd "$PREFIX/usr/libexec/ipsec/pluto" | grep 'not found' >&2 || true
    return 1
  }
  [[ -x /usr/lib/ipsec/charon ]] || { say "charon missing"; return 1; }
  [[ -e /usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so ]] || { say "kernel-libipsec plugin missing"; return 1; }
  for c in swanctl certutil ssh ping iptables ip tcpdump python3; do
    command -v "$c" >/dev/null || { say "$c missing"; return 1; }
  done
  [[ -x /usr/sbin/sshd ]] || { say "sshd missing"; return 1; }
  say "ok: $("$PREFIX/usr/libexec/ipsec/pluto" --version 2>&1 | head -n1), charon $(dpkg-query -W -f='${Version}' strongswan-charon)"
}

# Install and verify.
main() {
  [[ "$(id -u)" == 0 ]] || { say "must run as root"; exit 1; }
  install_packages
  install_libreswan
  link_libexec
  stop_system_services
  verify
}

main "$@"
