#!/usr/bin/env bash
# Flood benchmark: a keepalived4j MASTER and a keepalived 2.2.7 MASTER, each with a keepalived
# 2.2.7 BACKUP, under four kinds of hostile traffic from a third host on the same bridge. Not a
# test; CI does not run it (src/test/java/io/keepalived4j/interop/FloodTest.java is the short CI
# version). Results: docs/bench-flood.md.
#
#   sudo benchmarks/flood/run.sh [SECONDS_PER_FLOOD]     # default 30
#   sudo benchmarks/flood/run.sh quick                   # 5 s floods, 3 s warm-up, report in the work dir
#
# Matrix: {VRRPv2 advert_int 1, VRRPv3 advert_int 0.1} x {arp-storm, arp-vip, vrrp-mismatch,
# vrrp-garbage} x {keepalived4j, keepalived} as the master, a fresh pair of
# daemons per run, the two implementations alternating which goes first. The floods are
# benchmarks/flood/flood.py (seeded, rate-limited); FLOODS may add garbage-no-trailing, vrrp-garbage
# without its "trailing" variant (an advert followed by extra bytes, which keepalived4j accepted
# before its decoder was fixed: see docs/bench-flood.md). What is measured is in
# docs/bench-flood.md ("Method").
#
# Environment: RATE (frames/s, default 20000; 0 = as fast as one sender thread goes), SEED (1),
# IMPLS ("keepalived4j keepalived"), VERSIONS ("2 3"), FLOODS (all four), WARM (s of steady state
# before a flood, default 10), OUT (report, default docs/bench-flood.md; quick: the work dir).
# Lab (all names k4jfl-<6hex>-*, nothing attached to the host's network): namespaces sw (bridge),
# m (master), b (backup), f (flooder) on a random 10.x.0.0/16, so the spoofed sources can be
# thousands of distinct addresses inside the subnet. Raw data: benchmarks/flood/work/<stamp>-<hex>/.
# Re-analyse a run: python3 benchmarks/flood/analyze.py WORKDIR OUT.md
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
QUICK=no
SECONDS_PER_FLOOD=${1:-30}
if [[ $SECONDS_PER_FLOOD == quick ]]; then QUICK=yes; SECONDS_PER_FLOOD=5; fi
[[ $SECONDS_PER_FLOOD =~ ^[0-9]+$ && $SECONDS_PER_FLOOD -ge 1 && $SECONDS_PER_FLOOD -le 600 ]] \
  || { echo "usage: run.sh [SECONDS_PER_FLOOD (1..600)|quick]" >&2; exit 2; }
RATE=${RATE:-20000}
SEED=${SEED:-1}
IMPLS=${IMPLS:-keepalived4j keepalived}
VERSIONS=${VERSIONS:-2 3}
FLOODS=${FLOODS:-arp-storm arp-vip vrrp-mismatch vrrp-garbage}
WARM=${WARM:-10}
SETTLE=3
[[ $QUICK == yes ]] && WARM=${WARM_QUICK:-3}

# ---- prerequisites: say what to install instead of failing obscurely
[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (network namespaces, raw sockets)" >&2; exit 1; }
declare -A pkg=([ip]=iproute2 [tcpdump]=tcpdump [python3]=python3 [keepalived]=keepalived [stdbuf]=coreutils)
missing=()
for c in "${!pkg[@]}"; do command -v "$c" >/dev/null || missing+=("${pkg[$c]}"); done
if ((${#missing[@]})); then
  echo "run.sh: missing commands; install them with: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1
JCMD=$JAVA_HOME/bin/jcmd
# Build the jar now (the launcher does it on first use), so no build lands inside a measured run.
"$repo/keepalived4j" --version >/dev/null

# ---- names, addresses, work directory
hex=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
P=k4jfl-$hex
BR=k4jfl${hex}br
NODES=(m b f)
declare -A HOST=([m]=11 [b]=12 [f]=13)
NET=10.$((RANDOM % 150 + 100))
VIP=$NET.0.100
VRID=51
work=$here/work/$(date -u +%Y%m%dT%H%M%SZ)-$hex
OUT=${OUT:-$([[ $QUICK == yes ]] && echo "$work/bench-flood.md" || echo "$repo/docs/bench-flood.md")}
mkdir -p "$work/runs"
mac() { printf '02:4c:%s:%s:%s:%02x' "${hex:0:2}" "${hex:2:2}" "${hex:4:2}" "$1"; }
ns() { echo "$P-$1"; }
port() { echo "k4jfl$hex$1"; }

# ---- cleanup: everything we started, by pid; then the namespaces
BG=()
# A pid is signalled only while it is still ours: a child of this shell (every background job
# here is one; ip netns exec, stdbuf and the launcher exec in place), or a process inside one of
# our namespaces; a pid that exited may have been reused by someone else's process.
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

# ---- lab: a bridge in its own namespace, one veth port per node, a /16
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
    ip netns exec "$(ns "$n")" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$(ns "$n")" link set lo up
    ip -n "$sw" link add "$(port "$n")" type veth peer name eth0 netns "$(ns "$n")"
    ip -n "$sw" link set "$(port "$n")" master "$BR" up
    ip -n "$(ns "$n")" link set eth0 address "$(mac "$h")" up
    ip -n "$(ns "$n")" addr add "$NET.0.$h/16" dev eth0
  done
}

conf() { # conf NAME STATE PRIO VERSION ADVERT_INT
  local auth=""
  [[ $4 == 2 ]] && auth="authentication {
        auth_type PASS
        auth_pass secret12
    }"
  cat <<EOF
global_defs {
    router_id $1
    vrrp_version $4
}

vrrp_instance VI_1 {
    state $2
    interface eth0
    virtual_router_id $VRID
    priority $3
    advert_int $5
    $auth
    virtual_ipaddress {
        $VIP/16 dev eth0
    }
}
EOF
}

# ---- daemons
# start_daemon IMPL NODE CONF BASE -> DPID: the daemon's main pid (keepalived's parent, or
# keepalived4j's java: the launcher, ip netns exec and stdbuf exec in place)
start_daemon() {
  local impl=$1 n=$2 cfg=$3 base=$4 cmd=(keepalived)
  rm -f "$base.pid" "$base.vrrp.pid"
  if [[ $impl == keepalived4j ]]; then
    cmd=(env "KEEPALIVED4J_JAVA_OPTS=-Xlog:gc:file=$base.gc.log:timemillis" "$repo/keepalived4j")
  fi
  ip netns exec "$(ns "$n")" stdbuf -oL -eL "${cmd[@]}" -n -l -D -G -P -f "$cfg" \
    -p "$base.pid" -r "$base.vrrp.pid" </dev/null >"$base.log" 2>&1 &
  DPID=$!
  BG+=("$DPID")
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
lines() { wc -l <"$1" 2>/dev/null || echo 0; }
now() { date +%s.%N; }
rx() { ip netns exec "$(ns "$1")" cat /sys/class/net/eth0/statistics/rx_packets /sys/class/net/eth0/statistics/rx_dropped | paste -sd' '; }
gc_now() { # gc_now PID: a full GC in keepalived4j's JVM (jstat cannot work: the launcher sets -XX:-UsePerfData)
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || echo "run.sh: jcmd $1 GC.run failed" >&2
}

# ---- one run
one_run() { # one_run IMPL VER FLOOD TAG
  local impl=$1 ver=$2 flood=$3 tag=$4
  local b=$work/runs/$tag adv=1 n
  [[ $ver == 3 ]] && adv=0.1
  for n in m b; do ip -n "$(ns "$n")" addr del "$VIP/16" dev eth0 2>/dev/null || true; done
  conf master MASTER 100 "$ver" "$adv" >"$b.m.conf"
  conf backup BACKUP 90 "$ver" "$adv" >"$b.b.conf"
  start_daemon "$impl" m "$b.m.conf" "$b.m"; local pm=$DPID
  wait_log "$b.m.log" 'Entering MASTER STATE' 30
  start_daemon keepalived b "$b.b.conf" "$b.b"; local pb=$DPID
  wait_log "$b.b.log" 'Entering BACKUP STATE' 30
  python3 "$here/sample.py" "$pm" 0.5 "$b.rss" & local ps=$!; BG+=("$ps")
  ip -n "$(ns m)" -o monitor address >"$b.monitor" 2>&1 & local pmon=$!; BG+=("$pmon")
  sleep "$WARM"
  if [[ $impl == keepalived4j ]]; then gc_now "$pm"; sleep 1; fi
  # the master's and the backup's adverts, from their switch ports (kernel timestamps, direction in)
  ip netns exec "$(ns sw)" tcpdump -i "$(port m)" -Q in -nn -U -B 4096 -w "$b.m.pcap" 'ip proto 112 or arp' </dev/null >"$b.m.tcpdump" 2>&1 &
  local tm=$!; BG+=("$tm")
  ip netns exec "$(ns sw)" tcpdump -i "$(port b)" -Q in -nn -U -B 4096 -w "$b.b.pcap" 'ip proto 112' </dev/null >"$b.b.tcpdump" 2>&1 &
  local tb=$!; BG+=("$tb")
  sleep 2
  local lm0 lb0 mon0 rx0 t0 t1 t2 lm1 lb1 mon1 rx1 kind=$flood extra=()
  if [[ $flood == garbage-no-trailing ]]; then kind=vrrp-garbage extra=(--without trailing); fi
  lm0=$(lines "$b.m.log") lb0=$(lines "$b.b.log") mon0=$(lines "$b.monitor") rx0=$(rx m) t0=$(now)
  ip netns exec "$(ns f)" python3 "$here/flood.py" --iface eth0 --kind "$kind" --seconds "$SECONDS_PER_FLOOD" \
    --rate "$RATE" --seed "$SEED" --net "$NET.0.0/16" --vip "$VIP" --vrid "$VRID" --version "$ver" \
    --advert-int "$adv" --password secret12 --prio 100 --target "$NET.0.11" "$(mac 11)" \
    --exclude "$NET.0.12" --exclude "$NET.0.13" "${extra[@]}" >"$b.flood.json"
  t1=$(now)
  sleep "$SETTLE"
  lm1=$(lines "$b.m.log") lb1=$(lines "$b.b.log") mon1=$(lines "$b.monitor") rx1=$(rx m) t2=$(now)
  kill -INT "$tm" "$tb" 2>/dev/null || true; wait "$tm" "$tb" 2>/dev/null || true
  if [[ $impl == keepalived4j ]]; then gc_now "$pm"; fi
  sleep 1
  local vip_held=no
  ip -n "$(ns m)" -4 addr show dev eth0 | grep -q "$VIP/" && vip_held=yes
  kill -TERM "$ps" "$pmon" 2>/dev/null || true; wait "$ps" "$pmon" 2>/dev/null || true
  {
    echo "impl=$impl"; echo "ver=$ver"; echo "adv=$adv"; echo "flood=$flood"; echo "seconds=$SECONDS_PER_FLOOD"
    echo "rate_target=$RATE"; echo "seed=$SEED"
    echo "t0=$t0"; echo "t1=$t1"; echo "t2=$t2"
    echo "master_ip=$NET.0.11"; echo "backup_ip=$NET.0.12"; echo "vip=$VIP"; echo "master_pid=$pm"
    echo "m_lines0=$lm0"; echo "m_lines1=$lm1"; echo "b_lines0=$lb0"; echo "b_lines1=$lb1"
    echo "mon0=$mon0"; echo "mon1=$mon1"; echo "rx0=$rx0"; echo "rx1=$rx1"; echo "vip_held_at_end=$vip_held"
  } >"$b.meta"
  stop_daemon "$pb" "$b.b" b
  stop_daemon "$pm" "$b.m" m
  # keepalived logs a line per hostile packet: keep the measured window's lines countable, not the disk full
  for n in m b; do
    if [[ $(stat -c %s "$b.$n.log") -gt 10000000 ]]; then gzip -1 "$b.$n.log"; fi
  done
  echo "run.sh: $tag done: $(python3 "$here/analyze.py" --one "$b")" >&2
}

lab_up
echo "run.sh: lab $P up on $NET.0.0/16; ${SECONDS_PER_FLOOD}s per flood at $RATE/s; work $work" >&2
{
  echo "lab=$P"; echo "net=$NET.0.0/16"; echo "seconds=$SECONDS_PER_FLOOD"; echo "rate=$RATE"; echo "seed=$SEED"
  echo "warm=$WARM"; echo "settle=$SETTLE"; echo "quick=$QUICK"
  echo "started=$(date -u +%FT%TZ)"; echo "kernel=$(uname -r)"; echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "mem=$(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "keepalived=$(keepalived --version 2>&1 | head -1)"
  echo "keepalived4j=$("$repo/keepalived4j" --version 2>&1 | head -1)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "python=$(python3 --version 2>&1)"
  echo "commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$work/machine.txt"

i=0
for ver in $VERSIONS; do
  for flood in $FLOODS; do
    i=$((i + 1))
    impls=($IMPLS)
    # alternate which implementation goes first, so slow drift of the machine hits both alike
    if ((i % 2 == 0 && ${#impls[@]} == 2)); then impls=("${impls[1]}" "${impls[0]}"); fi
    for impl in "${impls[@]}"; do
      one_run "$impl" "$ver" "$flood" "$impl-v$ver-$flood"
    done
  done
done
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"
echo "finished=$(date -u +%FT%TZ)" >>"$work/machine.txt"
python3 "$here/analyze.py" "$work" "$OUT"
