#!/usr/bin/env bash
# VRRP efficiency benchmark (issue 12): CPU and RSS of a MASTER and a BACKUP node running N VRRPv3
# instances, keepalived 2.2.7 and keepalived4j in the same run, in a private namespace lab (a
# bridge and two nodes; nothing touches the host's network). Not a test; CI does not run it.
#
#   sudo benchmarks/vrrp-efficiency/run.sh [N] [ADVERT_INT] [WINDOW] [SETTLE]
#       defaults: 100 instances, advert_int 0.1 (1,000 adverts/s), 10 s window after 12 s settling
#   sudo benchmarks/vrrp-efficiency/run.sh 1000 1          # the issue's second point
#
# Each implementation runs both nodes (lb1 MASTER priority 150, lb2 BACKUP priority 100, one VIP per
# instance); after SETTLE seconds the script checks that lb1 holds every VIP and lb2 none, then
# samples the whole process tree of each node (benchmarks/vrrp-efficiency/sample.py) over WINDOW
# seconds: CPU as % of one core, RSS summed (and per thread in <work>/<impl>-threads.txt). Output: a
# markdown table on stdout; raw files in
# benchmarks/vrrp-efficiency/work/<stamp>-<hex>/ (ignored). IMPLS="keepalived4j" runs one only;
# K4J_JAVA_OPTS goes to keepalived4j's JVM (e.g. JFR for profiling, not for recorded runs).
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
N=${1:-100}
INT=${2:-0.1}
WINDOW=${3:-10}
SETTLE=${4:-12}
IMPLS=${IMPLS:-keepalived keepalived4j}
K4J_JAVA_OPTS=${K4J_JAVA_OPTS:-}

[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (network namespaces, raw sockets)" >&2; exit 1; }
for c in ip keepalived python3; do
  command -v "$c" >/dev/null || { echo "run.sh: missing $c (apt-get install iproute2 keepalived python3)" >&2; exit 2; }
done
((N >= 1 && N <= 1000)) || { echo "run.sh: N must be 1..1000 (VIDs, and one VIP each)" >&2; exit 2; }
# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1
"$repo/keepalived4j" --version >/dev/null   # build the jar now, not inside a measured run

hex=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
P=k4jve-$hex
NET=10.$((RANDOM % 254 + 1)).$((RANDOM % 256))
BR=k4j${hex}ve
work=$here/work/$(date -u +%Y%m%dT%H%M%SZ)-$hex
mkdir -p "$work"
ns() { echo "$P-$1"; }

BG=()
ours() { [[ $(awk '{print $4}' "/proc/$1/stat" 2>/dev/null) == "$$" ]]; }
cleanup() {
  trap - EXIT INT TERM
  local p n
  for p in "${BG[@]}"; do ours "$p" && kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for n in lb1 lb2 sw; do
    [[ -e /run/netns/$(ns "$n") ]] || continue
    for p in $(ip netns pids "$(ns "$n")" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$(ns "$n")" 2>/dev/null || true
  done
}
trap cleanup EXIT INT TERM

# ---- lab: a bridge in its own namespace, lb1 and lb2 on veths
# 250 instances per interface (VRIDs 1..250): eth0, eth1, ... each on a bridge of its own (a VRID
# is unique only within one segment).
IFACES=$(( (N + 249) / 250 ))
ip netns add "$(ns sw)"
for k in $(seq 0 $((IFACES - 1))); do
  ip -n "$(ns sw)" link add "$BR$k" type bridge
  ip -n "$(ns sw)" link set "$BR$k" type bridge mcast_snooping 0 stp_state 0 forward_delay 0
  ip -n "$(ns sw)" link set "$BR$k" up
done
i=1
for n in lb1 lb2; do
  ip netns add "$(ns "$n")"
  ip -n "$(ns "$n")" link set lo up
  for k in $(seq 0 $((IFACES - 1))); do
    ip link add "k4j${hex}v$i$k" netns "$(ns sw)" type veth peer name "eth$k" netns "$(ns "$n")"
    ip -n "$(ns sw)" link set "k4j${hex}v$i$k" master "$BR$k" up
    ip -n "$(ns "$n")" addr add "$NET.$((10 + i + 20 * k))/24" dev "eth$k"
    ip -n "$(ns "$n")" link set "eth$k" up
  done
  i=$((i + 1))
done

# ---- configuration: N VRRPv3 instances, one VIP each (172.20.x.y, never routed anywhere)
conf() { # conf NODE STATE PRIORITY
  {
    echo "global_defs {"
    echo "    router_id $1"
    echo "    vrrp_version 3"
    echo "}"
    for v in $(seq "$N"); do
      cat <<EOT
vrrp_instance VI_$v {
    state $2
    interface eth$(( (v - 1) / 250 ))
    virtual_router_id $(( (v - 1) % 250 + 1 ))
    priority $3
    advert_int $INT
    virtual_ipaddress {
        172.20.$((v / 250)).$((v % 250 + 1))/32
    }
}
EOT
    done
  } >"$work/$1.conf"
}
conf lb1 MASTER 150
conf lb2 BACKUP 100

start() { # start IMPL NODE
  local impl=$1 n=$2 base=$work/$1-$2
  local cmd=(keepalived)
  if [[ $impl == keepalived4j ]]; then
    cmd=("$repo/keepalived4j" --control-socket none)
    [[ -n $K4J_JAVA_OPTS ]] && cmd=(env "JAVA_TOOL_OPTIONS=${K4J_JAVA_OPTS//@RUN@/$base}" "${cmd[@]}")
  fi
  ip netns exec "$(ns "$n")" "${cmd[@]}" -n -l -P -f "$work/$n.conf" -p "$base.pid" -r "$base.vrrp.pid" \
    </dev/null >"$base.log" 2>&1 &
  BG+=($!)
  STARTED=$!
}

# Waits until no process is left in the nodes' namespaces (keepalived's parent exits before its
# VRRP child is gone); after 10 s kills what is left, and says so. The next implementation must not
# start next to the previous one: same VRIDs, same addresses.
drain() { # drain IMPL
  local n p left=
  for _ in $(seq 100); do
    left=$(for n in lb1 lb2; do ip netns pids "$(ns "$n")" 2>/dev/null; done)
    [[ -z $left ]] && return 0
    sleep 0.1
  done
  echo "run.sh: $1: processes still in the nodes' namespaces 10 s after the stop, killed: $(echo $left)" >&2
  for p in $left; do kill -KILL "$p" 2>/dev/null || true; done
  sleep 0.5
}

vips() { ip -n "$(ns "$1")" -o addr show | grep -c ' 172\.20\.' || true; }

rows=()
for impl in $IMPLS; do
  # Not p1=$(start ...): the daemon would be a child of that subshell, not ours, and never stopped.
  # The MASTER first, the BACKUP once it holds every VIP: started together, keepalived 2.2.7 at
  # times never converges (its lb1 stays BACKUP, "received lower priority (100) advert ...
  # discarding", while lb2 holds VIPs), and the measurement is of the steady state, not the race.
  start "$impl" lb1; p1=$STARTED
  for _ in $(seq 150); do [[ $(vips lb1) == "$N" ]] && break; sleep 0.1; done
  start "$impl" lb2; p2=$STARTED
  sleep "$SETTLE"
  for p in "$p1" "$p2"; do
    kill -0 "$p" 2>/dev/null || { echo "run.sh: $impl: a daemon (pid $p) has exited; see $work/$impl-*.log" >&2; exit 1; }
  done
  m=$(vips lb1); b=$(vips lb2)
  if [[ $m != "$N" || $b != 0 ]]; then
    echo "run.sh: $impl: after ${SETTLE}s lb1 holds $m of $N VIPs and lb2 $b (expected $N and 0); see $work" >&2
    exit 1
  fi
  # one window for both nodes: sample.py prints a line per namespace
  out=$(THREADS="$work/$impl-threads.txt" python3 "$here/sample.py" "$WINDOW" "$(ns lb1)" "$(ns lb2)")
  read -r _ c1 r1 n1 <<<"$(sed -n 1p <<<"$out")"
  read -r _ c2 r2 n2 <<<"$(sed -n 2p <<<"$out")"
  echo "$impl master_cpu=$c1 master_rss_kib=$r1 master_procs=$n1 backup_cpu=$c2 backup_rss_kib=$r2 backup_procs=$n2" \
    | tee -a "$work/results.txt"
  rows+=("| $impl | $c1 % | $c2 % | $((r1 / 1024)) MiB | $((r2 / 1024)) MiB |")
  for p in "$p1" "$p2"; do ours "$p" && kill -TERM "$p" 2>/dev/null || true; done
  for p in "$p1" "$p2"; do for _ in $(seq 100); do ours "$p" || break; kill -0 "$p" 2>/dev/null || break; sleep 0.1; done; done
  drain "$impl"
  sleep 2
done

echo
echo "$N VRRPv3 instances at advert_int $INT (MASTER lb1 -> BACKUP lb2), ${WINDOW} s window after ${SETTLE} s; CPU in % of one core, whole process tree"
echo
echo "| implementation | MASTER CPU | BACKUP CPU | MASTER RSS | BACKUP RSS |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
