#!/usr/bin/env bash
# bench/run.sh: the benchmark of record. berth side by side with the reference daemon (dockerd 20.10 from
# Debian's docker.io), every metric sampled N times with the daemons interleaved (A, B, A, B, ...), reported
# as median, min and max with the ratio berth/dockerd, as a Markdown table (stdout and <out>/bench.md) and
# JSON (<out>/bench.json). Never part of the test suite: numbers vary with the machine.
#
# Usage (as root, after scripts/setup.sh --no-start):
#   bench/run.sh [--samples N] [--install-reference] [--out DIR] [--only ROW[,ROW...]]
#     --samples N           samples per metric (default 5)
#     --only ROWS           measure and report only these rows (their keys, see ROWS below), e.g.
#                           `--only exec` (the container life cycle it belongs to is run, start-up is not);
#                           `logs` names the three log rows (log_lines, log_mbs, logs_100k)
#     --install-reference   install docker.io first, without letting the package start a daemon
#     --out DIR             where bench.md and bench.json go (default bench/out)
#
# Each daemon gets its own temporary socket, data root and exec root (never /var/run/docker.sock); the
# reference dockerd runs in a network namespace of its own (its bridge and veths stay out of the host's),
# with --iptables=false. Its containers run both on its default network ("dockerd") and with --network none
# ("dockerd none"), so that no row is won by doing less work: berth has no default bridge yet. Images come
# from ../shared/fixtures/images (docker load; the pull row from a docker-registry on 127.0.0.1 seeded from
# them), nothing from the network. Everything is stopped and
# removed at the end.
#
# Adding a row: write row_<name> (prints one sample per call, for the daemon in $DK) and add it to ROWS
# with its unit and kind. A row whose feature the daemon lacks prints "n/a".
set -euo pipefail
want() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }  # row: is it measured in this run?
want_any() { local r; for r; do want "$r" && return 0; done; return 1; }

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
FIXTURES="$ROOT/../shared/fixtures/images"
SAMPLES=5
INSTALL_REFERENCE=0
ONLY=""
OUT="$ROOT/bench/out"
while (($#)); do
  case "$1" in
    --samples) SAMPLES=$2; shift 2 ;;
    --install-reference) INSTALL_REFERENCE=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --only) ONLY=$(sed -E 's/(^|,)logs(,|$)/\1log_lines,log_mbs,logs_100k\2/' <<<"$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "bench: run as root" >&2; exit 1; }
for f in busybox-1.docker-archive.tar multilayer-1.docker-archive.tar; do
  [[ -f $FIXTURES/$f ]] || { echo "bench: fixture missing: $FIXTURES/$f" >&2; exit 1; }
done
log() { echo "bench: $*" >&2; }

install_reference() {
  command -v dockerd >/dev/null && return 0
  log "installing docker.io (no daemon is started: policy-rc.d 101, units masked)"
  # policy-rc.d answering 101 stops invoke-rc.d/deb-systemd-invoke from starting docker.service; the masks
  # stop socket activation of docker.socket, were systemd running.
  local restore=""
  if [[ -e /usr/sbin/policy-rc.d ]]; then restore=$(mktemp); cp -p /usr/sbin/policy-rc.d "$restore"; fi
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  systemctl mask docker.service docker.socket containerd.service >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io >&2 || log "docker.io install failed"
  if [[ -n $restore ]]; then mv "$restore" /usr/sbin/policy-rc.d; else rm -f /usr/sbin/policy-rc.d; fi
}
((INSTALL_REFERENCE)) && install_reference
HAVE_DOCKERD=0; command -v dockerd >/dev/null && HAVE_DOCKERD=1
((HAVE_DOCKERD)) || log "dockerd not installed: berth only (run with --install-reference for the reference)"

WORK=$(mktemp -d /tmp/berth-bench.XXXXXX)
mkdir -p "$WORK/samples" "$OUT"
declare -A PID SOCK
REG_PIDS=()
cleanup() {
  for d in berth dockerd; do [[ -n ${PID[$d]:-} ]] && stop_daemon "$d"; done
  for p in "${REG_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  grep " $WORK" /proc/self/mountinfo | awk '{print $5}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf --one-file-system "$WORK"
  ip link del "$BRIDGE" 2>/dev/null || true  # berth's default bridge of this run (it outlives berthd, as docker0)
}
BRIDGE="bbench$$"; BRIDGE=${BRIDGE:0:15}  # berth's default bridge for this run: not another daemon's berth0
trap cleanup EXIT

now_ns() { date +%s%N; }
ms_since() { echo "scale=1; ($(now_ns) - $1) / 1000000" | bc; }

# --- daemons ---------------------------------------------------------------------------------------------
start_daemon() { # name; sets PID and SOCK; prints ms from launch to GET /_ping OK
  local d=$1 dir="$WORK/$1" t
  mkdir -p "$dir"; SOCK[$d]="$dir/docker.sock"
  t=$(now_ns)
  if [[ $d == berth ]]; then
    "$ROOT/bin/berthd" -H "unix://${SOCK[$d]}" ${TLS_ARGS[@]+"${TLS_ARGS[@]}"} --data-root "$dir/data" \
      --exec-root "$dir/exec" --pidfile "$dir/pid" --cgroup-parent /berth-bench --bridge "$BRIDGE" >>"$dir/daemon.log" 2>&1 &
  else
    unshare --net -- sh -c 'ip link set lo up; exec "$@"' sh dockerd -H "unix://${SOCK[$d]}" \
      ${TLS_ARGS[@]+"${TLS_ARGS[@]}"} --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/pid" --iptables=false \
      --cgroup-parent /dockerd-bench >>"$dir/daemon.log" 2>&1 &
  fi
  PID[$d]=$!
  for _ in $(seq 1 6000); do
    if curl -fs --unix-socket "${SOCK[$d]}" http://d/_ping 2>/dev/null | grep -q OK; then ms_since "$t"; return 0; fi
    kill -0 "${PID[$d]}" 2>/dev/null || break
    sleep 0.005
  done
  log "$d did not start; its log:"; tail -20 "$dir/daemon.log" >&2; exit 1
}
stop_daemon() {
  local d=$1 p=${PID[$1]:-}
  [[ -n $p ]] || return 0
  kill -TERM "$p" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  PID[$d]=""
}

# The variants measured: the daemon they run on, and the extra `docker run/create` flags.
VARIANTS=(berth)
((HAVE_DOCKERD)) && VARIANTS+=(dockerd dockerd-none)
daemon_of() { [[ $1 == berth ]] && echo berth || echo dockerd; }
use() { # variant: sets DK (docker command) and NET (network flags)
  V=$1; D=$(daemon_of "$1")
  DK=(docker -H "unix://${SOCK[$D]}"); NET=(); [[ $1 == dockerd-none ]] && NET=(--network none)
  export DOCKER_CONFIG="$WORK/docker-config"
}
timed() { local t; t=$(now_ns); "$@" >/dev/null 2>&1 || { echo n/a; return 0; }; ms_since "$t"; }

# Memory of a daemon: every process whose command line names its directory (berthd's services and conmons;
# dockerd's containerd and shims), plus the daemon itself. Prints "rss pss" in MiB.
daemon_memory() {
  local d=$1 rss=0 pss=0 p
  for p in ${PID[$d]} $(pgrep -f -- "$WORK/$d/" || true); do
    [[ -r /proc/$p/smaps_rollup ]] || continue
    read -r r s < <(awk '/^Rss:/{r=$2} /^Pss:/{s=$2} END{print r, s}' "/proc/$p/smaps_rollup")
    rss=$((rss + r)); pss=$((pss + s))
  done
  echo "$((rss / 1024)) $((pss / 1024))"
}

# --- rows ------------------------------------------------------------------------------------------------
BB=fixture/busybox:1
row_run_rm() { timed "${DK[@]}" run --rm "${NET[@]}" $BB true; }
# with a published ephemeral port: host port reservation + the portmap plugin (berth), docker-proxy (dockerd)
row_run_rm_p() { timed "${DK[@]}" run --rm -p 80 $BB true; }
row_inspect() { timed "${DK[@]}" inspect "$CID"; }
row_ps_a() { timed "${DK[@]}" ps -a; }
row_system_df() { timed "${DK[@]}" system df; }
# docker stats exits 0 even when the daemon answers 501 for every container: ask the API first.
row_stats() {
  local id code; id=$("${DK[@]}" ps -q | head -1)
  code=$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "${SOCK[$D]}" "http://d/containers/$id/stats?stream=0")
  [[ $code == 200 ]] && timed "${DK[@]}" stats --no-stream || echo n/a
}
# /_ping over TLS: both daemons also serve tcp://127.0.0.1:$TLS_PORT with --tlsverify and the same certificates
# (made as Docker's "Protect the Docker daemon socket" guide makes them); dockerd's 127.0.0.1 is the one of its
# own network namespace, so its client runs there (nsenter -n).
TLS_PORT=23760
make_tls_certs() {
  local c=$WORK/tls
  mkdir -p "$c"
  (cd "$c" && {
    openssl genrsa -out ca-key.pem 2048
    openssl req -new -x509 -days 2 -key ca-key.pem -sha256 -subj "/CN=berth-bench-ca" -out ca.pem
    openssl genrsa -out server-key.pem 2048
    openssl req -subj "/CN=localhost" -sha256 -new -key server-key.pem -out server.csr
    printf 'subjectAltName = DNS:localhost,IP:127.0.0.1\nextendedKeyUsage = serverAuth\n' >extfile.cnf
    openssl x509 -req -days 2 -sha256 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
      -out server-cert.pem -extfile extfile.cnf
    openssl genrsa -out key.pem 2048
    openssl req -subj '/CN=client' -new -key key.pem -out client.csr
    echo 'extendedKeyUsage = clientAuth' >extfile-client.cnf
    openssl x509 -req -days 2 -sha256 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem \
      -extfile extfile-client.cnf
    openssl pkcs12 -export -in cert.pem -inkey key.pem -out client.p12 -passout pass:bench
  } >/dev/null 2>&1) || { log "openssl failed: no TLS row"; return 1; }
  TLS_ARGS=(-H "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$c/ca.pem" --tlscert "$c/server-cert.pem"
    --tlskey "$c/server-key.pem")
}
row_ping_tls_rps() {
  [[ -n ${TLS_ARGS[*]:-} ]] || { echo n/a; return; }
  local ns=(); [[ $D == dockerd ]] && ns=(nsenter -t "${PID[dockerd]}" -n)
  BENCH_TLS_DIR=$WORK/tls "${ns[@]}" java "$ROOT/bench/Load.java" rps "tls://127.0.0.1:$TLS_PORT" /_ping 8 2 \
    2>/dev/null || echo n/a
}
row_ping_rps() { java "$ROOT/bench/Load.java" rps "${SOCK[$D]}" /_ping 8 2 2>/dev/null || echo n/a; }
row_list_rps() { java "$ROOT/bench/Load.java" rps "${SOCK[$D]}" "/containers/json?all=1" 8 2 2>/dev/null || echo n/a; }
row_event() { java "$ROOT/bench/Load.java" event "${SOCK[$D]}" $BB 2>/dev/null || echo n/a; }
row_load() {
  "${DK[@]}" rmi -f fixture/multilayer:1 >/dev/null 2>&1 || true
  timed "${DK[@]}" load -q -i "$FIXTURES/multilayer-1.docker-archive.tar"
}
row_commit() {
  local c r
  c=$("${DK[@]}" run -d "${NET[@]}" $BB sh -c 'dd if=/dev/zero of=/blob bs=1M count=1 2>/dev/null; sleep 600') || { echo n/a; return; }
  sleep 0.5
  r=$(timed "${DK[@]}" commit "$c" bench/commit:1); echo "$r"
  "${DK[@]}" rm -f "$c" >/dev/null 2>&1 || true; "${DK[@]}" rmi -f bench/commit:1 >/dev/null 2>&1 || true
}
# Pull of the multi-layer fixture from a local docker-registry (seeded once by skopeo); the bottom layer is
# busybox's, loaded already, so both daemons fetch 5 layers. dockerd lives in its own network namespace, so
# it gets a second registry process on the same storage inside that namespace (start_registries).
REG_PORT=""
start_registries() {
  command -v docker-registry >/dev/null && command -v skopeo >/dev/null || { log "no docker-registry/skopeo: pull is n/a"; return; }
  REG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$WORK/registry" "$REG_PORT" >"$WORK/registry.yml"
  docker-registry serve "$WORK/registry.yml" >>"$WORK/registry.log" 2>&1 & REG_PIDS=($!)
  if [[ -n ${PID[dockerd]:-} ]]; then
    nsenter -t "${PID[dockerd]}" -n docker-registry serve "$WORK/registry.yml" >>"$WORK/registry.log" 2>&1 & REG_PIDS+=($!)
  fi
  for _ in $(seq 1 100); do curl -s "http://127.0.0.1:$REG_PORT/v2/" >/dev/null && break; sleep 0.1; done
  skopeo copy -q "docker-archive:$FIXTURES/multilayer-1.docker-archive.tar" \
    "docker://127.0.0.1:$REG_PORT/bench/multilayer:1" --dest-tls-verify=false >/dev/null 2>&1 || REG_PORT=""
}
row_pull() {
  [[ -n $REG_PORT ]] || { echo n/a; return; }
  "${DK[@]}" rmi -f "127.0.0.1:$REG_PORT/bench/multilayer:1" >/dev/null 2>&1 || true
  timed "${DK[@]}" pull -q "127.0.0.1:$REG_PORT/bench/multilayer:1"
}
# One container's life, each step timed: create, start, exec, inspect, stop -t 0, rm.
lifecycle() {
  local f="$WORK/samples" t id
  t=$(now_ns); id=$("${DK[@]}" create "${NET[@]}" $BB sleep 600 2>/dev/null) || id=""
  if [[ -z $id ]]; then for r in create start exec inspect stop rm; do echo n/a >>"$f/$r.$V"; done; return; fi
  ms_since "$t" >>"$f/create.$V"
  timed "${DK[@]}" start "$id" >>"$f/start.$V"
  timed "${DK[@]}" exec "$id" true >>"$f/exec.$V"
  CID=$id; row_inspect >>"$f/inspect.$V"
  timed "${DK[@]}" stop -t 0 "$id" >>"$f/stop.$V"
  timed "${DK[@]}" rm "$id" >>"$f/rm.$V"
}
# 50 containers (sleep) started by 10 concurrent clients, 5 each; prints ms for all of them.
start_fifty() {
  local t clients=(); t=$(now_ns)
  for _ in $(seq 1 10); do
    ( for _ in 1 2 3 4 5; do "${DK[@]}" run -d "${NET[@]}" $BB sleep 3600 >/dev/null 2>&1 || exit 1; done ) &
    clients+=($!)
  done
  wait "${clients[@]}" || true  # only the clients: a bare wait would wait for the daemons too
  [[ $("${DK[@]}" ps -q | wc -l) -ge 50 ]] && ms_since "$t" || echo n/a
}
# Log throughput: one container prints LOG_LINES lines of 100 bytes as fast as it can (busybox yes | head);
# from `docker run -d` to `docker wait` returning, the daemon has taken every line into the container's log
# (the container cannot exit before its output pipe is drained). Appends lines/s and MB/s (10^6 bytes).
LOG_LINES=1000000
log_write() {
  local f="$WORK/samples" t c s
  t=$(now_ns)
  c=$("${DK[@]}" run -d "${NET[@]}" $BB sh -c "yes $(printf 'x%.0s' $(seq 1 99)) | head -n $LOG_LINES" 2>/dev/null) \
    || { echo n/a >>"$f/log_lines.$V"; echo n/a >>"$f/log_mbs.$V"; return; }
  "${DK[@]}" wait "$c" >/dev/null 2>&1 || true
  s=$(echo "scale=6; ($(now_ns) - $t) / 1000000000" | bc)
  echo "scale=0; $LOG_LINES / $s" | bc >>"$f/log_lines.$V"
  echo "scale=1; $LOG_LINES * 100 / $s / 1000000" | bc >>"$f/log_mbs.$V"
  "${DK[@]}" rm -f "$c" >/dev/null 2>&1 || true
}
# `docker logs` of a container that printed 100 000 numbered lines (busybox seq), to /dev/null.
row_logs_100k() {
  local c r
  c=$("${DK[@]}" run -d "${NET[@]}" $BB seq 1 100000) || { echo n/a; return; }
  "${DK[@]}" wait "$c" >/dev/null 2>&1 || true
  r=$(timed "${DK[@]}" logs "$c"); echo "$r"
  "${DK[@]}" rm -f "$c" >/dev/null 2>&1 || true
}
remove_all() { "${DK[@]}" ps -aq | xargs -r "${DK[@]}" rm -f >/dev/null 2>&1 || true; }

sample() { # row variant: appends one sample of row_<row> on variant to its file
  use "$2"; "row_$1" >>"$WORK/samples/$1.$2"
}
interleave() { # row variants...: SAMPLES rounds, each variant once per round
  local row=$1; shift
  for _ in $(seq 1 "$SAMPLES"); do for v in "$@"; do sample "$row" "$v"; done; done
}

# --- the run ---------------------------------------------------------------------------------------------
DAEMONS=(berth); ((HAVE_DOCKERD)) && DAEMONS+=(dockerd)
"$ROOT/scripts/cds-archive.sh" || true  # berth's class-data sharing archive, if it is missing or stale
log "warm-up start of each daemon"
for d in "${DAEMONS[@]}"; do start_daemon "$d" >/dev/null; stop_daemon "$d"; done
[[ -f $ROOT/berthd/target/berth.jsa ]] || log "warning: berth has no CDS archive; its start-up is measured without"

if want startup; then
  log "start-up ($SAMPLES samples each)"
  for _ in $(seq 1 "$SAMPLES"); do
    for d in "${DAEMONS[@]}"; do start_daemon "$d" >>"$WORK/samples/startup.$d"; stop_daemon "$d"; done
  done
fi
TLS_ARGS=()
want ping_tls_rps && make_tls_certs
for d in "${DAEMONS[@]}"; do start_daemon "$d" >/dev/null; done
for d in "${DAEMONS[@]}"; do
  use "$d"; "${DK[@]}" load -q -i "$FIXTURES/busybox-1.docker-archive.tar" >/dev/null
done
if want_any rss_idle pss_idle; then
  sleep 3
  for d in "${DAEMONS[@]}"; do read -r r p < <(daemon_memory "$d"); echo "$r" >"$WORK/samples/rss_idle.$d"; echo "$p" >"$WORK/samples/pss_idle.$d"; done
fi

log "latencies"
for v in "${VARIANTS[@]}"; do use "$v"; "${DK[@]}" run --rm "${NET[@]}" $BB true >/dev/null 2>&1 || true; done
want run_rm && interleave run_rm "${VARIANTS[@]}"
want run_rm_p && interleave run_rm_p "${DAEMONS[@]}"  # no "--network none" variant: it would publish nothing
if want_any create start exec inspect stop rm; then
  for _ in $(seq 1 "$SAMPLES"); do for v in "${VARIANTS[@]}"; do use "$v"; lifecycle; done; done
fi
want event && interleave event "${DAEMONS[@]}"
want system_df && interleave system_df "${DAEMONS[@]}"
want load && interleave load "${DAEMONS[@]}"
if want pull; then start_registries; interleave pull "${DAEMONS[@]}"; fi
want commit && interleave commit "${VARIANTS[@]}"
want ping_rps && interleave ping_rps "${DAEMONS[@]}"
want ping_tls_rps && interleave ping_tls_rps "${DAEMONS[@]}"
if want_any log_lines log_mbs; then
  log "log throughput ($LOG_LINES lines per sample)"
  for _ in $(seq 1 "$SAMPLES"); do for d in "${DAEMONS[@]}"; do use "$d"; log_write; done; done
fi
want logs_100k && interleave logs_100k "${DAEMONS[@]}"

log "50 containers, one variant at a time (dockerd's two variants share one daemon)"
for v in "${VARIANTS[@]}"; do
  want_any start50 rss_50 pss_50 ps_a list_rps stats stats25 || break
  use "$v"
  remove_all
  start_fifty >"$WORK/samples/start50.$v"
  sleep 2
  read -r r p < <(daemon_memory "$D"); echo "$r" >"$WORK/samples/rss_50.$v"; echo "$p" >"$WORK/samples/pss_50.$v"
  for _ in $(seq 1 "$SAMPLES"); do row_ps_a >>"$WORK/samples/ps_a.$v"; done
  for _ in $(seq 1 3); do row_list_rps >>"$WORK/samples/list_rps.$v"; done
  for _ in $(seq 1 "$SAMPLES"); do row_stats >>"$WORK/samples/stats.$v"; done
  # issue 7's figure: 25 running (dockerd about 2.1 s here, podman 0.6 s)
  "${DK[@]}" ps -q | tail -n 25 | xargs -r "${DK[@]}" rm -f >/dev/null 2>&1 || true
  for _ in $(seq 1 "$SAMPLES"); do row_stats >>"$WORK/samples/stats25.$v"; done
  remove_all
done

# --- report ----------------------------------------------------------------------------------------------
# ROWS: key|what|unit|better (lower or higher)
ROWS=(
  "startup|start-up to /_ping OK|ms|lower"
  "rss_idle|idle RSS, all processes|MiB|lower"
  "pss_idle|idle PSS, all processes|MiB|lower"
  "rss_50|RSS with 50 running|MiB|lower"
  "pss_50|PSS with 50 running|MiB|lower"
  "run_rm|run --rm true|ms|lower"
  "run_rm_p|run --rm -p 80 true (default bridge, published port)|ms|lower"
  "create|create|ms|lower"
  "start|start|ms|lower"
  "stop|stop -t 0|ms|lower"
  "rm|rm|ms|lower"
  "exec|exec true|ms|lower"
  "inspect|inspect|ms|lower"
  "ps_a|ps -a with 50|ms|lower"
  "ping_rps|/_ping, 8 keep-alive clients|req/s|higher"
  "ping_tls_rps|/_ping over TCP + TLS (--tlsverify, same certificates), 8 keep-alive clients|req/s|higher"
  "list_rps|/containers/json?all=1 with 50, 8 clients|req/s|higher"
  "event|event latency (create reply → event; < 0: event first)|ms|lower"
  "stats|stats --no-stream with 50 running|ms|lower"
  "stats25|stats --no-stream with 25 running|ms|lower"
  "system_df|system df|ms|lower"
  "load|load of the multi-layer fixture|ms|lower"
  "commit|commit of a 1 MiB change|ms|lower"
  "pull|pull of the multi-layer fixture from a local registry|ms|lower"
  "start50|50 containers started by 10 concurrent clients|ms|lower"
  "log_lines|log write, one container, 10^6 lines of 100 B|lines/s|higher"
  "log_mbs|log write, one container, 10^6 lines of 100 B|MB/s|higher"
  "logs_100k|docker logs of 100 000 lines|ms|lower"
)
stat3() { # file: "median min max" or "n/a"
  [[ -s $1 ]] && ! grep -q 'n/a' "$1" || { echo "n/a"; return; }
  sort -g "$1" | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%g %g %g\n", m, v[1], v[NR]}'
}
ratio() { # a ratio of medians, for positive values only (event latency may be negative)
  [[ $1 == n/a || $2 == n/a ]] && { echo n/a; return; }
  local a=${1%% *} b=${2%% *}
  [[ $(echo "$a > 0 && $b > 0" | bc -l) == 1 ]] || { echo n/a; return; }
  echo "scale=2; $a / $b" | bc -l | sed 's/^\./0./'
}
cell() { [[ $1 == n/a ]] && echo n/a || { read -r m lo hi <<<"$1"; echo "$m ($lo–$hi)"; }; }
for_variant() { # row variant: the samples of that variant (rows measured per daemon use the daemon's)
  local f="$WORK/samples/$1.$2"; [[ -f $f ]] || f="$WORK/samples/$1.$(daemon_of "$2")"; stat3 "$f"
}
{
  echo "berth $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') vs $(dockerd --version 2>/dev/null || echo 'no dockerd'); $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg); $SAMPLES samples, median (min–max)"
  echo
  echo "| metric | unit | berth | dockerd | berth/dockerd | dockerd --network none | berth/none |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  for r in "${ROWS[@]}"; do
    IFS='|' read -r key what unit _ <<<"$r"
    want "$key" || continue
    b=$(for_variant "$key" berth); d=n/a; n=n/a
    if ((HAVE_DOCKERD)); then d=$(for_variant "$key" dockerd); n=$(for_variant "$key" dockerd-none); fi
    [[ $n == "$d" && ! -f $WORK/samples/$key.dockerd-none ]] && nn="(same)" || nn=$(cell "$n")
    echo "| $what | $unit | $(cell "$b") | $(cell "$d") | $(ratio "$b" "$d") | $nn | $(ratio "$b" "$n") |"
  done
} | tee "$OUT/bench.md"
{
  echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"samples\": $SAMPLES, \"cores\": $(nproc), \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"rows\": ["
  first=1
  for r in "${ROWS[@]}"; do
    IFS='|' read -r key what unit better <<<"$r"
    want "$key" || continue
    ((first)) || echo ","; first=0
    printf '  {"key": "%s", "metric": "%s", "unit": "%s", "better": "%s"' "$key" "$what" "$unit" "$better"
    for v in berth dockerd dockerd-none; do
      s=n/a; { [[ $v == berth ]] || ((HAVE_DOCKERD)); } && s=$(for_variant "$key" "$v")
      if [[ $s == n/a ]]; then printf ', "%s": null' "$v"
      else read -r m lo hi <<<"$s"; printf ', "%s": {"median": %s, "min": %s, "max": %s}' "$v" "$m" "$lo" "$hi"; fi
    done
    printf '}'
  done
  echo; echo "]}"
} >"$OUT/bench.json"
log "wrote $OUT/bench.md and $OUT/bench.json"
