#!/usr/bin/env bash
# bench/run.sh: berth's speed and memory, side by side with the reference daemon (dockerd 20.10 from
# Debian's docker.io) when it is installed. Never part of the test suite: numbers vary with the machine.
#
# Usage (as root, after scripts/setup.sh --no-start):
#   bench/run.sh [--runs N] [--install-reference]
#     --runs N              containers per measurement (default 20)
#     --install-reference   apt-get install docker.io first (dockerd is only measured if present)
#
# Each daemon gets its own temporary socket, data root and exec root (never /var/run/docker.sock), and is
# stopped and cleaned up at the end. Measured, per daemon:
#   start-up     seconds from launch until GET /_ping answers OK
#   load         seconds for `docker load` of the busybox fixture
#   run --rm     mean seconds of `docker run --rm fixture/busybox:1 true` over N runs (sequential)
#   exec         mean seconds of `docker exec CONTAINER true` over N runs in one running container (sequential)
#   RSS idle     resident memory of the daemon's whole process tree after the runs, in MiB
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
FIXTURE="$ROOT/../shared/fixtures/images/busybox-1.docker-archive.tar"
RUNS=20
INSTALL_REFERENCE=0
while (($#)); do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --install-reference) INSTALL_REFERENCE=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "bench: run as root" >&2; exit 1; }
[[ -f $FIXTURE ]] || { echo "bench: fixture missing: $FIXTURE" >&2; exit 1; }
if ((INSTALL_REFERENCE)) && ! command -v dockerd >/dev/null; then
  # policy-rc.d 101 keeps the package from starting a dockerd on /var/run/docker.sock.
  restore=""; [[ -e /usr/sbin/policy-rc.d ]] && restore=$(mktemp) && cp -p /usr/sbin/policy-rc.d "$restore"
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io >&2 || true
  if [[ -n $restore ]]; then mv "$restore" /usr/sbin/policy-rc.d; else rm -f /usr/sbin/policy-rc.d; fi
fi

WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
    kill -KILL "$p" 2>/dev/null || true
  done
  grep " $WORK" /proc/self/mountinfo | awk '{print $5}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l; }

wait_ping() { # socket
  for _ in $(seq 1 600); do
    if curl -fs --unix-socket "$1" http://localhost/_ping >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "bench: daemon on $1 not ready" >&2; return 1
}

tree_rss_mib() { # pid: RSS of the process and all its descendants
  local pids
  pids=$(ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1]=$2 } END { for (p in parent) { q=p; while (q != "" && q != 0) { if (q == root) { print p; break } q=parent[q] } } }')
  ps -o rss= -p "$(echo "$pids" | paste -sd, -)" | awk '{s+=$1} END {printf "%.0f", s/1024}'
}

measure() { # name socket pid
  local name=$1 sock=$2 pid=$3 t
  export DOCKER_HOST="unix://$sock" DOCKER_CONFIG="$WORK/$name-config"
  t=$(now); docker load -q -i "$FIXTURE" >/dev/null; local load; load=$(elapsed "$t")
  docker run --rm fixture/busybox:1 true >/dev/null  # warm-up
  t=$(now)
  for _ in $(seq 1 "$RUNS"); do docker run --rm fixture/busybox:1 true >/dev/null; done
  local run; run=$(echo "($(now) - $t) / $RUNS" | bc -l)
  docker run -d --name bench-exec fixture/busybox:1 sleep 600 >/dev/null
  docker exec bench-exec true  # warm-up
  t=$(now)
  for _ in $(seq 1 "$RUNS"); do docker exec bench-exec true; done
  local exec; exec=$(echo "($(now) - $t) / $RUNS" | bc -l)
  docker rm -f bench-exec >/dev/null
  sleep 2
  printf '| %-8s | %8.2f | %6.2f | %10.3f | %7.3f | %9s |\n' "$name" "$STARTUP" "$load" "$run" "$exec" \
    "$(tree_rss_mib "$pid")"
}

echo "| daemon   | start-up s | load s | run --rm s | exec s | RSS MiB |"
echo "|----------|-----------:|-------:|-----------:|-------:|--------:|"

b="$WORK/berth"; mkdir -p "$b"
t=$(now)
"$ROOT/bin/berthd" -H "unix://$b/docker.sock" --data-root "$b/data" --exec-root "$b/exec" \
  --pidfile "$b/berthd.pid" --cgroup-parent /berth-bench >"$b/berthd.log" 2>&1 &
PIDS+=($!); BERTHD=$!
wait_ping "$b/docker.sock"; STARTUP=$(elapsed "$t")
measure berth "$b/docker.sock" "$BERTHD"

if command -v dockerd >/dev/null; then
  d="$WORK/dockerd"; mkdir -p "$d"
  t=$(now)
  dockerd -H "unix://$d/docker.sock" --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/dockerd.pid" \
    --bridge none --iptables=false --ip-masq=false --cgroup-parent /dockerd-bench >"$d/dockerd.log" 2>&1 &
  PIDS+=($!); DOCKERD=$!
  wait_ping "$d/docker.sock"; STARTUP=$(elapsed "$t")
  measure dockerd "$d/docker.sock" "$DOCKERD"
else
  echo "(dockerd not installed: run with --install-reference to measure the reference side by side)"
fi
