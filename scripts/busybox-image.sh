#!/bin/bash
# Builds a busybox root filesystem from Debian's busybox-static (/bin/busybox, installed by
# scripts/setup.sh) and imports it into the daemon DOCKER_HOST names as busybox:latest (or the reference
# given as the first argument), with `docker import`:
#   bin/busybox plus one symlink per applet (busybox --list-full), /etc/passwd and /etc/group (root,
#   daemon, nobody as Debian's busybox image has them), empty /dev /proc /sys /tmp (1777) /root (0700),
#   CMD ["sh"].
# Usage: DOCKER_HOST=unix:///tmp/berth.sock scripts/busybox-image.sh [reference]
set -euo pipefail

ref="${1:-busybox:latest}"
busybox="${BUSYBOX:-/bin/busybox}"
docker="${DOCKER:-docker}"

die() { echo "busybox-image: $*" >&2; exit 1; }

[ -x "$busybox" ] || die "$busybox not found: install Debian's busybox-static (sudo scripts/setup.sh --deps-only)"
if ldd "$busybox" >/dev/null 2>&1; then
  die "$busybox is linked dynamically; it needs Debian's busybox-static, not busybox"
fi
command -v "$docker" >/dev/null || die "no docker CLI ($docker) on PATH"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,dev,proc,sys,root,home,var,tmp}
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
"$busybox" --list-full | while read -r applet; do
  [ "$applet" = "bin/busybox" ] && continue
  mkdir -p "$root/$(dirname "$applet")"
  ln -sf /bin/busybox "$root/$applet"
done
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
daemon:x:1:
nogroup:x:65534:
GROUP
tar --numeric-owner --owner=0 --group=0 -C "$root" -cf "$work/rootfs.tar" .
"$docker" import --change 'CMD ["sh"]' --message "busybox-static $("$busybox" | head -1 | awk '{print $2}') from Debian" \
  "$work/rootfs.tar" "$ref"
