#!/usr/bin/env bash
# Failover benchmark: client-visible VRRP failover of keepalived->keepalived vs
# keepalived4j->keepalived4j pairs, in a private network-namespace lab. Not a test; CI does not
# run it. Method after /work/shared/lab/failover.sh (see docs/bench-failover.md).
#
#   sudo benchmarks/failover/run.sh [REPS] [SEED]      # default REPS=5, SEED=1
#
# Matrix: {VRRPv2 advert_int 1, VRRPv3 advert_int 0.1} x {linkdown (host death), term (graceful)}
# x REPS x {keepalived, keepalived4j}. Both implementations replay the same seeded failure
# phases (offset after one of lb1's captured adverts), interleaved run by run.
#
# Lab (all names k4jbf-<6hex>-*, nothing attached to the host's network): bridge in its own
# namespace, nodes client, lb1, lb2, rs1, rs2 on a random 10.x.y.0/24. haproxy in lb1/lb2 serves
# the VIP (.100) over rs1/rs2 (python http.server), so only VRRP failover is measured.
# Quick checks: CONFIGS="3" VARIANTS="term" IMPLS="keepalived4j" OUT=/tmp/x.md run.sh 1 (a subset,
# reported elsewhere). Diagnostics: K4J_JAVA_OPTS is given to keepalived4j's JVM as
# JAVA_TOOL_OPTIONS, with @RUN@ replaced by the run's file prefix, e.g.
#   K4J_JAVA_OPTS='-Xlog:gc*,safepoint:file=@RUN@.gc.log:uptime,time'   (not for recorded runs)
# Raw data: benchmarks/failover/work/<stamp>-<hex>/ (ignored). Report: docs/bench-failover.md.
# Re-analyse a recorded run: python3 benchmarks/failover/analyze.py WORKDIR docs/bench-failover.md
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
REPS=${1:-5}
SEED=${2:-1}
CONFIGS=${CONFIGS:-2 3}
VARIANTS=${VARIANTS:-linkdown term}
IMPLS=${IMPLS:-keepalived keepalived4j}
K4J_JAVA_OPTS=${K4J_JAVA_OPTS:-}
OUT=${OUT:-$repo/docs/bench-failover.md}
lab=/work/shared/lab

# ---- prerequisites: say what to install instead of failing obscurely
[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (network namespaces, raw sockets)" >&2; exit 1; }
declare -A pkg=([ip]=iproute2 [haproxy]=haproxy [tshark]=tshark [tcpdump]=tcpdump [python3]=python3
                [keepalived]=keepalived [stdbuf]=coreutils)
missing=()
for c in "${!pkg[@]}"; do command -v "$c" >/dev/null || missing+=("${pkg[$c]}"); done
if ((${#missing[@]})); then
  echo "run.sh: missing commands; install them with: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1
# Build the jar now (the launcher does it on first use), so no build lands inside a measured run.
"$repo/keepalived4j" --version >/dev/null

# ---- names, addresses, work directory
hex=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
P=k4jbf-$hex
NODES=(client lb1 lb2 rs1 rs2)
declare -A HOST=([client]=10 [lb1]=11 [lb2]=12 [rs1]=21 [rs2]=22)
NET=10.$((RANDOM % 254 + 1)).$((RANDOM % 256))
NET6=fd00:${hex:0:4}:${hex:4:2}
VIP=$NET.100
BR=k4j${hex}br
work=$here/work/$(date -u +%Y%m%dT%H%M%SZ)-$hex
mkdir -p "$work/runs" "$work/conf" "$work/www"
mac() { printf '02:4b:%s:%s:%s:%02x' "${hex:0:2}" "${hex:2:2}" "${hex:4:2}" "$1"; }
ns() { echo "$P-$1"; }

# ---- cleanup: everything we started, by pid; then the namespaces
BG=()
# A pid is signalled only while it is still ours: a child of this shell (every background job
# here is one: ip netns exec, stdbuf and the launcher exec), or a process inside one of our
# namespaces; a pid that exited may have been reused by someone else's process.
ours() { [[ $(awk '{print $4}' "/proc/$1/stat" 2>/dev/null) == "$$" ]]; }
in_ns() { [[ -e /proc/$1/ns/net && $(stat -Lc %i "/proc/$1/ns/net" 2>/dev/null) == $(stat -Lc %i "/run/netns/$2" 2>/dev/null) ]]; }
cleanup() {
  trap - EXIT INT TERM
  local p n
  for p in "${BG[@]}"; do ours "$p" && kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.3
  for n in "${NODES[@]}" sw; do
    [[ -e /run/netns/$(ns "$n") ]] || continue
    for p in $(ip netns pids "$(ns "$n")" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  done
  for p in "${BG[@]}"; do ours "$p" && kill -KILL "$p" 2>/dev/null || true; done
  for n in "${NODES[@]}" sw; do ip netns del "$(ns "$n")" 2>/dev/null || true; done
  echo "run.sh: lab $P removed; raw data in $work" >&2
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

# ---- lab
lab_up() {
  local sw n h
  sw=$(ns sw)
  ip netns add "$sw"
  ip netns exec "$sw" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$sw" link set lo up
  ip -n "$sw" link add "$BR" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$sw" link set "$BR" up
  for n in "${NODES[@]}"; do
    h=${HOST[$n]}
    ip netns add "$(ns "$n")"
    # same sysctls as the lab's lab.sh (haproxy binds the VIP before it is configured)
    ip netns exec "$(ns "$n")" sysctl -qw \
      net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.all.accept_dad=0 \
      net.ipv6.conf.default.accept_ra=0 net.ipv6.conf.all.accept_ra=0 \
      net.ipv6.conf.default.router_solicitations=0 \
      net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
      net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.default.arp_ignore=1 \
      net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.default.arp_announce=2 \
      net.ipv4.ip_nonlocal_bind=1 net.ipv6.ip_nonlocal_bind=1
    ip -n "$(ns "$n")" link set lo up
    ip -n "$sw" link add "k4j$hex$n" type veth peer name eth0 netns "$(ns "$n")"
    ip -n "$sw" link set "k4j$hex$n" master "$BR" up
    ip -n "$(ns "$n")" link set eth0 address "$(mac "$h")" up
    ip -n "$(ns "$n")" addr add "$NET.$h/24" dev eth0
    ip -n "$(ns "$n")" -6 addr add "$NET6::$h/64" dev eth0 nodad
  done
  for n in rs1 rs2; do
    mkdir -p "$work/www/$n"; echo "$n" >"$work/www/$n/index.html"
    ip netns exec "$(ns "$n")" python3 -m http.server 80 --bind :: --directory "$work/www/$n" \
      </dev/null >"$work/http-$n.log" 2>&1 &
    BG+=($!)
  done
  sed "s/10\.200\.0\./$NET./g" "$lab/haproxy/haproxy.cfg" >"$work/conf/haproxy.cfg"
  for n in lb1 lb2; do
    ip netns exec "$(ns "$n")" env LB_NAME="$n" haproxy -db -f "$work/conf/haproxy.cfg" \
      </dev/null >"$work/haproxy-$n.log" 2>&1 &
    BG+=($!)
  done
  # keepalived configurations: the lab's files with this lab's addresses, used by both daemons
  local f
  for f in "$lab"/keepalived/*.conf; do
    sed -e "s/10\.200\.0\./$NET./g" -e "s/fd00:200::/$NET6::/g" "$f" >"$work/conf/$(basename "$f")"
  done
  # wait (bounded) for the whole data path: client -> haproxy in each LB -> rs1/rs2
  local i ok
  for n in lb1 lb2; do
    ok=no
    for i in $(seq 100); do
      if ip netns exec "$(ns client)" python3 -c "import urllib.request,sys; urllib.request.urlopen('http://$NET.${HOST[$n]}/', timeout=0.3)" 2>/dev/null; then
        ok=yes; break
      fi
      sleep 0.1
    done
    [[ $ok == yes ]] || { echo "run.sh: haproxy in $n does not serve (see $work/haproxy-$n.log)" >&2; exit 1; }
  done
}

# ---- daemons
# start_daemon IMPL NODE CONF BASE -> sets DPID (the daemon's main pid: keepalived's parent or
# keepalived4j's java process; the launcher execs java, `ip netns exec` and stdbuf exec too).
# Output gets a millisecond timestamp per line (a python filter reading a fifo).
start_daemon() {
  local impl=$1 n=$2 conf=$3 base=$4
  rm -f "$base.fifo" "$base.pid" "$base.vrrp.pid"
  mkfifo "$base.fifo"
  python3 -u -c 'import sys,time
for l in sys.stdin: sys.stdout.write("%.3f %s" % (time.time(), l))' <"$base.fifo" >"$base.log" 2>&1 &
  BG+=($!)
  local cmd=(keepalived)
  if [[ $impl == keepalived4j ]]; then
    cmd=("$repo/keepalived4j")
    [[ -n $K4J_JAVA_OPTS ]] && cmd=(env "JAVA_TOOL_OPTIONS=${K4J_JAVA_OPTS//@RUN@/$base}" "${cmd[@]}")
  fi
  ip netns exec "$(ns "$n")" stdbuf -oL -eL "${cmd[@]}" -n -l -D -G -P -f "$conf" \
    -p "$base.pid" -r "$base.vrrp.pid" </dev/null >"$base.fifo" 2>&1 &
  DPID=$!
  BG+=("$DPID")
}

# the pids a host death must kill: keepalived parent + VRRP child; keepalived4j: its java process
daemon_pids() { # daemon_pids IMPL MAINPID BASE
  local out=$2 i
  if [[ $1 == keepalived ]]; then
    for i in $(seq 100); do [[ -s $3.vrrp.pid ]] && break; sleep 0.02; done
    [[ -s $3.vrrp.pid ]] && out+=",$(<"$3.vrrp.pid")"
  fi
  echo "$out"
}

gone() { [[ ! -d /proc/$1 ]] || [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }
stop_daemon() { # stop_daemon PID BASE NODE: TERM, wait up to 10 s, then KILL (parent and VRRP child)
  local p=$1 base=$2 node=$3 i v=
  [[ -s $base.vrrp.pid ]] && v=$(<"$base.vrrp.pid")
  kill -TERM "$p" 2>/dev/null || true
  for i in $(seq 200); do gone "$p" && break; sleep 0.05; done
  gone "$p" || { echo "run.sh: $p ignored SIGTERM for 10 s, killing" >&2; kill -KILL "$p" 2>/dev/null || true; }
  [[ -n $v ]] && in_ns "$v" "$(ns "$node")" && kill -KILL "$v" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}

wait_log() { # wait_log FILE REGEX TIMEOUT_S
  local i
  for i in $(seq $(($3 * 20))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  echo "run.sh: '$2' not in $1 after $3 s" >&2; return 1
}
wait_vip() { # wait_vip NODE TIMEOUT_S
  local i
  for i in $(seq $(($2 * 20))); do
    ip -n "$(ns "$1")" -4 addr show dev eth0 | grep -q "$VIP/" && return 0
    sleep 0.05
  done
  echo "run.sh: VIP never appeared on $1" >&2; return 1
}

# ---- one run
one_run() { # one_run IMPL VER ADV VARIANT PHASE TAG
  local impl=$1 ver=$2 adv=$3 variant=$4 phase=$5 tag=$6
  local b=$work/runs/$tag
  local n
  for n in lb1 lb2; do
    ip -n "$(ns "$n")" addr del "$VIP/24" dev eth0 2>/dev/null || true   # a kill -9'd master leaves it
    ip -n "$(ns "$n")" -6 addr del "$NET6::100/64" dev eth0 2>/dev/null || true
  done
  ip -n "$(ns lb1)" link set eth0 up
  ip -n "$(ns client)" neigh flush dev eth0
  start_daemon "$impl" lb1 "$work/conf/lb1-v$ver.conf" "$b.lb1"; local p1=$DPID
  wait_vip lb1 30
  start_daemon "$impl" lb2 "$work/conf/lb2-v$ver.conf" "$b.lb2"; local p2=$DPID
  wait_log "$b.lb2.log" '(VI_1) Entering BACKUP STATE' 30
  # let lb2 settle in BACKUP (and the JIT warm up) for the same time with both implementations
  sleep "$(python3 -c "print(max(3.0, 5*$adv))")"
  local kill_pids; kill_pids=$(daemon_pids "$impl" "$p1" "$b.lb1")
  ip netns exec "$(ns sw)" tcpdump -i "$BR" -nn -U -w "$b.pcap" 'ip proto 112 or arp' </dev/null >/dev/null 2>&1 &
  local td=$!; BG+=("$td")
  sleep 0.3
  ip netns exec "$(ns client)" python3 "$here/probe.py" "$VIP" 80 "$b.probe.csv" &
  local pr=$!; BG+=("$pr")
  printf 'impl=%s\nver=%s\nadv=%s\nvariant=%s\nlb1_ip=%s\nlb2_ip=%s\nvip=%s\nlb2_mac=%s\nprio_backup=90\n' \
    "$impl" "$ver" "$adv" "$variant" "$NET.11" "$NET.12" "$VIP" "$(mac 12)" >"$b.meta"
  local sig=TERM ld=-
  # graceful: SIGTERM to the main pid only (keepalived's parent stops its VRRP child itself)
  if [[ $variant == linkdown ]]; then sig=KILL; ld=$(ns lb1); else kill_pids=$p1; fi
  python3 "$here/inject.py" "$(ns sw)" "$BR" "$NET.11" 1.0 "$phase" "$sig" "$kill_pids" "$ld" "$b.meta"
  wait "$pr" || true
  sleep 0.2
  kill -INT "$td" 2>/dev/null || true; wait "$td" 2>/dev/null || true
  local vip_left=no
  ip -n "$(ns lb1)" -4 addr show dev eth0 | grep -q "$VIP/" && vip_left=yes
  echo "vip_left_on_lb1=$vip_left" >>"$b.meta"
  stop_daemon "$p2" "$b.lb2" lb2
  stop_daemon "$p1" "$b.lb1" lb1
  rm -f "$b.lb1.fifo" "$b.lb2.fifo"
  echo "run.sh: $tag done ($(python3 "$here/analyze.py" --one "$b"))" >&2
}

lab_up
echo "run.sh: lab $P up on $NET.0/24; REPS=$REPS SEED=$SEED; work $work" >&2
{
  echo "reps=$REPS"; echo "seed=$SEED"; echo "lab=$P"; echo "net=$NET.0/24"
  echo "started=$(date -u +%FT%TZ)"; echo "kernel=$(uname -r)"; echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "mem=$(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "keepalived=$(keepalived --version 2>&1 | head -1)"
  echo "keepalived4j=$("$repo/keepalived4j" --version 2>&1 | head -1)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "haproxy=$(haproxy -v | head -1)"
  echo "tshark=$(tshark --version 2>/dev/null | head -1)"
  echo "commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$work/machine.txt"

# Seeded phases, one per (config, variant, rep), shared by both implementations: an offset in
# [5 %, 95 %) of advert_int after one of lb1's adverts (inject.py anchors on the capture).
for ver in $CONFIGS; do
  adv=1; [[ $ver == 3 ]] && adv=0.1
  for variant in $VARIANTS; do
    mapfile -t phases < <(python3 -c "
import random; r = random.Random('$SEED-v$ver-$variant')
for _ in range($REPS): print(round($adv * (0.05 + 0.9 * r.random()), 4))")
    for rep in $(seq "$REPS"); do
      phase=${phases[$((rep - 1))]}
      # alternate which implementation goes first, so slow drift of the machine hits both alike
      impls=(keepalived keepalived4j); ((rep % 2 == 0)) && impls=(keepalived4j keepalived)
      for impl in "${impls[@]}"; do
        [[ " $IMPLS " == *" $impl "* ]] || continue
        one_run "$impl" "$ver" "$adv" "$variant" "$phase" "$impl-v$ver-$variant-$rep"
      done
    done
  done
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"
echo "finished=$(date -u +%FT%TZ)" >>"$work/machine.txt"
python3 "$here/analyze.py" "$work" "$OUT"
