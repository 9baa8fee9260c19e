#!/usr/bin/env bash
# Makes berth's class-data sharing archive (berthd/target/berth.jsa, see berthd/.../cds/CdsArchive) right
# after a build, so that the first real start already uses it: one training run of bin/berthd on temporary
# roots and socket, API requests (a self-made busybox image: load, create, start, wait, logs, rm) so that
# the request paths' classes are recorded too, then SIGTERM;
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
# Its own default bridge (the training's containers are on it), deleted after: berthd keeps its bridge, as dockerd
# keeps docker0, and a shared berth0 would mix the leases of several daemons.
BR="bcds$(printf '%05d' $(( $$ % 100000 )))"
trap 'rm -rf --one-file-system "$W"; ip link del dev "$BR" 2>/dev/null || true' EXIT
"$ROOT/bin/berthd" -H "unix://$W/docker.sock" --data-root "$W/data" --exec-root "$W/exec" --pidfile "$W/pid" \
  --cgroup-parent /berth-cds --bridge "$BR" >"$W/berthd.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -fs --unix-socket "$W/docker.sock" http://d/_ping >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$W/berthd.log" >&2; exit 1; }
  sleep 0.05
done
api() { # method path [curl args...]: one Docker API call, its body on stdout
  local m=$1 p=$2; shift 2
  curl -s -X "$m" --unix-socket "$W/docker.sock" "http://d/v1.41$p" "$@" || true
}
# A one-layer image of Debian's busybox-static (setup.sh installs it), as `docker save` lays it out, so that
# the training also runs the image, container and log paths (their classes then come from the archive too:
# measured -17 MiB PSS after the first requests, against an archive of start-up classes only).
make_image() { # dir: writes dir/image.tar, tagged berth-cds/busybox:1
  local d=$1 bb diff cfg
  bb=$(command -v busybox) || return 1
  mkdir -p "$d/rootfs/bin" "$d/img"
  cp "$bb" "$d/rootfs/bin/busybox"; ln -s busybox "$d/rootfs/bin/sh"; ln -s busybox "$d/rootfs/bin/true"
  tar -C "$d/rootfs" -cf "$d/layer.tar" bin
  diff=$(sha256sum "$d/layer.tar" | cut -d' ' -f1)
  printf '{"architecture":"amd64","os":"linux","config":{"Cmd":["sh","-c","echo hello"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$diff" >"$d/config.json"
  cfg=$(sha256sum "$d/config.json" | cut -d' ' -f1)
  mkdir -p "$d/img/$diff"; mv "$d/layer.tar" "$d/img/$diff/layer.tar"; mv "$d/config.json" "$d/img/$cfg.json"
  printf '[{"Config":"%s.json","RepoTags":["berth-cds/busybox:1"],"Layers":["%s/layer.tar"]}]' "$cfg" "$diff" >"$d/img/manifest.json"
  tar -C "$d/img" -cf "$d/image.tar" .
}
for path in /_ping /version /info "/containers/json?all=1" /images/json /containers/nosuch/json /system/df; do
  api GET "$path" >/dev/null
done
if make_image "$W/image"; then
  api POST /images/load --data-binary @"$W/image/image.tar" -H 'Content-Type: application/x-tar' >/dev/null
  for _ in 1 2; do
    id=$(api POST /containers/create -H 'Content-Type: application/json' -d '{"Image":"berth-cds/busybox:1"}' |
      sed -n 's/.*"Id" *: *"\([0-9a-f]*\)".*/\1/p')
    [[ -n $id ]] || break
    api POST "/containers/$id/start" >/dev/null
    api POST "/containers/$id/wait" >/dev/null
    api GET "/containers/$id/json" >/dev/null
    api GET "/containers/$id/logs?stdout=1&stderr=1" >/dev/null
    api GET "/containers/json?all=1" >/dev/null
    api DELETE "/containers/$id?force=1" >/dev/null
  done
  api GET "/images/berth-cds/busybox:1/json" >/dev/null
  api GET "/events?since=0&until=1" --max-time 5 >/dev/null
  api DELETE "/images/berth-cds/busybox:1?force=1" >/dev/null
fi
kill -TERM $pid; wait $pid || true
if [[ -f $JSA ]]; then echo "cds-archive: made $JSA" >&2; else echo "cds-archive: no archive made; see berthd's log:" >&2; tail -5 "$W/berthd.log" >&2; fi
