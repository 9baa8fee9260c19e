#!/usr/bin/env bash
# Makes berth's class-data sharing archive (berthd/target/berth.jsa, see berthd/.../cds/CdsArchive) right
# after a build, so that the first real start already uses it: one training run of bin/berthd on temporary
# roots and socket, a few API requests so that the request paths' classes are recorded too, then SIGTERM;
# berthd dumps the archive as it stops. Without this step berthd makes the archive during its first run.
# Run as root (berthd needs it). Does nothing if the archive is current.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
LIB="$ROOT/berthd/target/lib"
JSA="$ROOT/berthd/target/berth.jsa"
if [[ -f $JSA && -f $JSA.stamp && -z $(find "$LIB" -newer "$JSA" -print -quit) ]]; then
  echo "cds-archive: $JSA is current" >&2; exit 0
fi
W=$(mktemp -d /tmp/berth-cds.XXXXXX)
trap 'rm -rf --one-file-system "$W"' EXIT
"$ROOT/bin/berthd" -H "unix://$W/docker.sock" --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/pid" \
  --cgroup-parent /berth-cds >"$W/berthd.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -fs --unix-socket "$W/docker.sock" http://d/_ping >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$W/berthd.log" >&2; exit 1; }
  sleep 0.05
done
for path in /version /info /containers/json?all=1 /images/json "/containers/nosuch/json" /system/df; do
  curl -s --unix-socket "$W/docker.sock" "http://d/v1.41$path" >/dev/null || true
done
kill -TERM $pid; wait $pid || true
if [[ -f $JSA ]]; then echo "cds-archive: made $JSA" >&2; else echo "cds-archive: no archive made; see berthd's log:" >&2; tail -5 "$W/berthd.log" >&2; fi
