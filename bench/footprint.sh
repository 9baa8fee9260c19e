#!/usr/bin/env bash
# bench/footprint.sh: berth's start-up and idle footprint per process, in numbers that the load of other work on
# the machine does not distort: CPU seconds (user + sys from /proc/<pid>/stat) each JVM spent until GET /_ping
# first answered OK, and each process's RSS and PSS (/proc/<pid>/smaps_rollup) a few seconds later, idle.
# Wall time to /_ping is printed too, but on a shared machine only the CPU columns compare across runs.
#
# Usage (as root, after the build and scripts/cds-archive.sh):
#   bench/footprint.sh [--samples N] [--settle SECONDS]
#     --samples N        starts of berthd (default 3); prints one table per start, then the medians
#     --settle SECONDS   idle time between /_ping OK and the memory reading (default 3)
# Extra JVM flags to try without a rebuild: BERTH_SERVICE_JAVA_OPTS, BERTHD_JAVA_OPTS (see README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
SAMPLES=3
SETTLE=3
while (($#)); do
  case "$1" in
    --samples) SAMPLES=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "footprint: run as root" >&2; exit 1; }
TICK=$(getconf CLK_TCK)
W=$(mktemp -d /tmp/berth-footprint.XXXXXX)
PID=""
cleanup() {
  if [[ -n $PID ]]; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PID" 2>/dev/null || true
  fi
  rm -rf --one-file-system "$W"
}
trap cleanup EXIT

cpu_s() { # pid: user + sys seconds so far (fields 14 and 15 of /proc/<pid>/stat, after the command's ")")
  [[ -r /proc/$1/stat ]] || { echo 0; return; }
  awk -v t="$TICK" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$1/stat"
}
name_of() { # pid: berthd, or the service named by -Dberth.service=
  tr '\0' '\n' <"/proc/$1/cmdline" | sed -n 's/^-Dberth.service=//p' | head -1 | grep . || echo berthd
}
mem_kib() { # pid: "rss pss" in KiB
  awk '/^Rss:/{r=$2} /^Pss:/{s=$2} END{print r+0, s+0}' "/proc/$1/smaps_rollup" 2>/dev/null || echo "0 0"
}
jvms() { # the daemon's processes: berthd and its service JVMs (setsid execs java, so the child is the JVM)
  echo "$PID"; pgrep -P "$PID" -f 'berth.service=' || true
}

for s in $(seq 1 "$SAMPLES"); do
  d="$W/$s"; mkdir -p "$d"
  t0=$(date +%s%N)
  "$ROOT/bin/berthd" -H "unix://$d/docker.sock" --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/pid" \
    --cgroup-parent "/berth-footprint-$$" >"$d/berthd.log" 2>&1 &
  PID=$!
  ok=0
  for _ in $(seq 1 6000); do
    if curl -fs --unix-socket "$d/docker.sock" http://d/_ping 2>/dev/null | grep -q OK; then ok=1; break; fi
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.005
  done
  wall=$(( ($(date +%s%N) - t0) / 1000000 ))
  ((ok)) || { echo "footprint: berthd did not start:" >&2; tail -20 "$d/berthd.log" >&2; exit 1; }
  declare -A CPU=()
  for p in $(jvms); do CPU[$(name_of "$p")]=$(cpu_s "$p"); done
  sleep "$SETTLE"
  echo "start $s: launch → /_ping OK $wall ms (wall), load average $(cut -d' ' -f1 /proc/loadavg)"
  printf '  %-16s %8s %8s %8s\n' process "CPU s" "RSS MiB" "PSS MiB"
  tc=0; tr=0; tp=0
  for p in $(jvms); do
    n=$(name_of "$p"); read -r r q < <(mem_kib "$p")
    printf '  %-16s %8s %8d %8d\n' "$n" "${CPU[$n]:-?}" $((r / 1024)) $((q / 1024))
    echo "$n ${CPU[$n]:-0} $r $q" >>"$W/rows"
    tc=$(echo "$tc + ${CPU[$n]:-0}" | bc); tr=$((tr + r)); tp=$((tp + q))
  done
  printf '  %-16s %8s %8d %8d\n' total "$tc" $((tr / 1024)) $((tp / 1024))
  echo "total $tc $tr $tp" >>"$W/rows"; echo "wall $wall 0 0" >>"$W/rows"
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  unset CPU
done
echo "median of $SAMPLES starts:"
printf '  %-16s %8s %8s %8s\n' process "CPU s" "RSS MiB" "PSS MiB"
for n in berthd api-gateway engine-service storage-service monitor-service total; do
  awk -v n="$n" '$1 == n { c[++k] = $2; r[k] = $3; p[k] = $4 }
    function med(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
    END { if (k) printf "  %-16s %8.2f %8d %8d\n", n, med(c, k), med(r, k) / 1024, med(p, k) / 1024 }' "$W/rows"
done
awk '$1 == "wall" { print $2 }' "$W/rows" | sort -n \
  | awk '{ w[NR] = $1 } END { printf "  launch → /_ping OK: %d ms (wall, median)\n", NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2 }'
