#!/usr/bin/env bash
# Sets berth up on a Debian 12 machine and starts the daemon (run as root):
#   sudo scripts/setup.sh [berthd flags...]   install packages, build, then run bin/berthd in the foreground
#   sudo scripts/setup.sh --no-start          install packages and build only
#   sudo scripts/setup.sh --deps-only         install packages only (scripts/test.sh uses this)
# Packages: the JDK and Maven to build; runc and conmon to run containers; busybox-static, iproute2, procps,
# util-linux (setsid, mount) and ca-certificates; python3 and python3-docker (docker-py, with websocket-client)
# for the end-to-end tests that drive a pseudo-terminal and docker-py; tini (docker run --init: bind-mounted as
# /sbin/docker-init, as dockerd's docker-init). Packages already installed are skipped,
# and apt-get is not called at all when nothing is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PACKAGES=(openjdk-17-jdk-headless maven runc conmon busybox-static iproute2 procps util-linux ca-certificates
  python3 python3-docker docker-compose tini
  docker-registry apache2-utils skopeo btrfs-progs prometheus chromium containernetworking-plugins iptables)
# docker-registry, prometheus: tests start their own on free loopback ports with temp configs (the packages'
# own services are kept from starting at install, below); apache2-utils: htpasswd for registry auth tests;
# skopeo: OCI index fixtures for pull; btrfs-progs: the btrfs driver on a loop file; chromium: the metrics
# page in headless mode; containernetworking-plugins: /usr/lib/cni for networks (bridge, host-local, portmap,
# loopback, tuning: the engine runs them for every container on a network); iptables: the bridge plugin's
# masquerade rules and portmap's DNAT (Debian's is the nf_tables backend).

mode=start
berthd_args=()
for arg in "$@"; do
  case "$arg" in
    --no-start) mode=build ;;
    --deps-only) mode=deps ;;
    *) berthd_args+=("$arg") ;;
  esac
done

log() { echo "setup: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root (berthd mounts filesystems and runs containers): sudo $0 $*"
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep packages' daemons (docker-registry on :5000, prometheus on :9090) from starting at install:
  # policy-rc.d answering 101 makes invoke-rc.d skip them. Removed again after the install.
  policy_made=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && policy_made=1
  fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  if ((policy_made)); then rm -f /usr/sbin/policy-rc.d; fi
else
  log "packages present: ${PACKAGES[*]}"
fi

if ! grep -qw overlay /proc/filesystems; then
  modprobe overlay 2>/dev/null || log "warning: overlayfs is not available; use --storage-driver vfs"
fi
if ! command -v docker >/dev/null; then
  log "warning: no docker CLI on PATH; berth serves it, and the end-to-end tests drive /usr/local/bin/docker"
fi

[[ $mode == deps ]] && exit 0

log "building (mvn -B -DskipTests package)"
(cd "$ROOT" && mvn -B -ntp -q -Dstyle.color=never -DskipTests package)
log "built: $ROOT/berthd/target/lib"
# The class-data sharing archive all five JVMs map (README "Notes for the next engineer"); a failure here
# only costs start-up time, so it does not stop the set-up.
"$ROOT/scripts/cds-archive.sh" || log "warning: no class-data sharing archive made; berthd makes it on its first run"

if [[ $mode == build ]]; then
  log "start the daemon with: $ROOT/bin/berthd [flags]"
  exit 0
fi
log "starting berthd ${berthd_args[*]:-} (stop it with Ctrl-C or SIGTERM)"
exec "$ROOT/bin/berthd" "${berthd_args[@]}"
