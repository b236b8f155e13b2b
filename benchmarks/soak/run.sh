#!/usr/bin/env bash
# Timing soak of a keepalived4j pair under CPU starvation (docs/bench-soak.md).
#
#   benchmarks/soak/run.sh [MINUTES]      (default 10; needs root)
#
# Two keepalived4j nodes in their own namespaces (k4jsk-<6hex>-a, -b) on a bridge in a third
# (k4jsk-<6hex>-sw), a random 10.x.y.0/24, VRRPv3 advert_int 0.02 (Master_Down_Interval
# 3*20 ms + skew, about 70 ms). Once the master is elected and has run 10 s, BUSY (default 4)
# `sh -c 'while :; do :; done'` loops at nice 0 saturate the host's cores for MINUTES while
# tcpdump records every VRRP packet on the bridge (kernel timestamps). Reported: state changes
# after the initial election (goal 0), CPU and RSS of each daemon, the largest and 99.9th
# percentile gap between the master's adverts, GC and safepoint pauses (-Xlog).
#
# Environment: RT_PRIORITY (vrrp_rt_priority, default 50; "none" for no real-time),
# KEEPALIVED4J_JVM_DEFAULTS=1 (run on the JVM's default flags instead of the launcher's),
# BUSY (number of busy loops), OUT (result directory, default a fresh mktemp -d).
# Nothing leaves the machine: the bridge has no uplink and the namespaces no route out.
set -euo pipefail

MINUTES=${1:-10}
RT_PRIORITY=${RT_PRIORITY:-50}
BUSY=${BUSY:-4}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/k4j-soak.XXXXXX)}
mkdir -p "$OUT"
[[ $(id -u) == 0 ]] || { echo "run.sh: needs root (namespaces, raw sockets)" >&2; exit 1; }

tag=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
SW=k4jsk-$tag-sw A=k4jsk-$tag-a B=k4jsk-$tag-b BR=k4jsk${tag}br
net=10.$((RANDOM % 150 + 100)).$((RANDOM % 250))
vrid=$((RANDOM % 254 + 1))
pids=()

cleanup() {
  set +e
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  for ns in "$A" "$B" "$SW"; do ip netns del "$ns" 2>/dev/null; done
}
trap cleanup EXIT INT TERM

log() { printf '[soak %s] %s\n' "$(date +%T)" "$*" >&2; }

# --- topology ------------------------------------------------------------------------------
ip netns add "$SW"
ip -n "$SW" link set lo up
ip -n "$SW" link add name "$BR" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
ip -n "$SW" link set "$BR" up
i=10
for ns in "$A" "$B"; do
  ip netns add "$ns"
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" link set lo up
  side=k4jsk${tag}${ns: -1}
  ip link add "$side" type veth peer name "${side}p"
  ip link set "$side" netns "$SW"
  ip link set "${side}p" netns "$ns"
  ip -n "$ns" link set "${side}p" name eth0
  ip -n "$SW" link set "$side" master "$BR" up
  ip -n "$ns" addr add "$net.$i/24" dev eth0
  ip -n "$ns" link set eth0 up
  i=$((i + 1))
done

# --- configuration -------------------------------------------------------------------------
conf() { # name priority
  local rt=""
  [[ $RT_PRIORITY != none ]] && rt="vrrp_rt_priority $RT_PRIORITY"
  cat <<EOF
global_defs {
  router_id $1
  $rt
}
vrrp_instance SOAK {
  state BACKUP
  interface eth0
  virtual_router_id $vrid
  version 3
  priority $2
  advert_int 0.02
  virtual_ipaddress {
    $net.100/24
  }
}
EOF
}
conf soak-a 200 >"$OUT/a.conf"
conf soak-b 100 >"$OUT/b.conf"

# Build first, so no build JVM runs under the load and the logs hold only the daemons.
"$repo/keepalived4j" -t -f "$OUT/a.conf" >"$OUT/config-test.txt" 2>&1 || { cat "$OUT/config-test.txt" >&2; exit 1; }

start_node() { # ns name
  KEEPALIVED4J_JAVA_OPTS="-Xlog:gc,safepoint:file=$OUT/jvm-$2.log:uptime" \
    ip netns exec "$1" "$repo/keepalived4j" -n -l -D -G -P -f "$OUT/$2.conf" \
    -p "$OUT/$2.pid" -r "$OUT/$2-vrrp.pid" >"$OUT/$2.log" 2>&1 &
  pids+=($!)
}
start_node "$A" a
start_node "$B" b
pid_a=${pids[0]} pid_b=${pids[1]}
log "nodes a=$pid_a b=$pid_b on $net.0/24 vrid $vrid rt=$RT_PRIORITY jvm=${KEEPALIVED4J_JVM_DEFAULTS:+defaults}; out $OUT"

for _ in $(seq 60); do grep -q "Entering MASTER STATE" "$OUT/a.log" && break; sleep 1; done
grep -q "Entering MASTER STATE" "$OUT/a.log" || { log "node a never became master"; tail "$OUT/a.log" >&2; exit 1; }
sleep 10 # let the JIT and the first GCs settle before measuring

# The scheduling each daemon's VRRP threads really got (policy and priority, via chrt).
for n in a b; do
  pid=$(eval echo "\$pid_$n")
  for t in /proc/"$pid"/task/*; do
    name=$(<"$t/comm")
    [[ $name == k4j-vrrp || $name == k4j-rx-* || $name == "VM Thread" ]] && echo "$n $name: $(chrt -p "${t##*/}" | tr '\n' ' ')"
  done
done >"$OUT/scheduling.txt"

# --- soak ----------------------------------------------------------------------------------
lines_a=$(wc -l <"$OUT/a.log") lines_b=$(wc -l <"$OUT/b.log")
# Three vantage points, all with kernel timestamps: the master's eth0 (egress: taken in the
# sending thread's own system call), the bridge (after the veth hand-off, a softirq), and the
# backup's eth0 (ingress: what its receive thread could have seen).
capture() { # ns dev name
  ip netns exec "$1" tcpdump -i "$2" -n -s 96 -B 8192 -w "$OUT/$3.pcap" 'ip proto 112' 2>"$OUT/tcpdump-$3.txt" &
  pids+=($!)
  capture_pids+=($!)
}
capture_pids=()
capture "$SW" "$BR" bridge
capture "$A" eth0 at-a
capture "$B" eth0 at-b
# Hypervisor steal time (/proc/stat cpu field 8, USER_HZ ticks), once a second: a guest vCPU
# the host does not run delays even a real-time thread.
(while sleep 1; do echo "$(date +%s.%N) $(awk '/^cpu /{print $9}' /proc/stat)"; done) >"$OUT/steal.txt" &
pids+=($!)
steal_pid=$!
sleep 1
cpu() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; } # utime+stime, USER_HZ=100
# A process's uptime in seconds (for the JVM logs' uptime stamps): now minus its start (field 22).
uptime_of() { awk -v up="$(cut -d' ' -f1 /proc/uptime)" '{sub(/.*\) /, ""); printf "%.3f", up - $20 / 100}' "/proc/$1/stat"; }
cpu_a0=$(cpu "$pid_a") cpu_b0=$(cpu "$pid_b") t0=$(date +%s.%N)
up_a0=$(uptime_of "$pid_a") up_b0=$(uptime_of "$pid_b")
busy_pids=()
for _ in $(seq "$BUSY"); do
  nice -n 0 sh -c 'while :; do :; done' &
  pids+=($!)
  busy_pids+=($!)
done
log "soaking for $MINUTES min with $BUSY busy loops"
sleep $((MINUTES * 60))
cpu_a1=$(cpu "$pid_a") cpu_b1=$(cpu "$pid_b") t1=$(date +%s.%N)
end_a=$(wc -l <"$OUT/a.log") end_b=$(wc -l <"$OUT/b.log")
up_a1=$(uptime_of "$pid_a") up_b1=$(uptime_of "$pid_b")
host_load=$(cut -d' ' -f1-3 /proc/loadavg)
rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %s kB  ", $1, $2}' "/proc/$1/status"; }
rss_a=$(rss "$pid_a") rss_b=$(rss "$pid_b")
for p in "${busy_pids[@]}" "$steal_pid"; do kill "$p"; done
sleep 1
for p in "${capture_pids[@]}"; do kill -INT "$p"; done
for p in "${capture_pids[@]}"; do wait "$p" 2>/dev/null || true; done

# --- report --------------------------------------------------------------------------------
{
  echo "soak: $MINUTES min, $BUSY busy loops at nice 0 on $(nproc) cores, load average at end: $host_load"
  echo "jvm: $(. "$repo/.ci/jdk.sh" && java -version 2>&1 | head -1)"
  echo "settings: vrrp_rt_priority=$RT_PRIORITY, JVM flags: $([[ ${KEEPALIVED4J_JVM_DEFAULTS:-0} == 1 ]] && echo "JVM defaults" || grep -o '^tuned=(.*)' "$repo/keepalived4j")"
  sed 's/^/scheduling: /' "$OUT/scheduling.txt"
  for n in a b; do
    skip=$(eval echo "\$lines_$n") end=$(eval echo "\$end_$n")
    changes=$(sed -n "$((skip + 1)),${end}p" "$OUT/$n.log" | grep -c "Entering .* STATE" || true)
    echo "node $n: state changes during soak: $changes"
  done
  awk -v a0="$cpu_a0" -v a1="$cpu_a1" -v b0="$cpu_b0" -v b1="$cpu_b1" -v t0="$t0" -v t1="$t1" 'BEGIN {
    s = t1 - t0
    printf "cpu: a %.2f s (%.2f%% of one core), b %.2f s (%.2f%%) over %.0f s\n", (a1-a0)/100, (a1-a0)/s, (b1-b0)/100, (b1-b0)/s, s }'
  echo "memory: a $rss_a / b $rss_b"
  for c in at-a bridge at-b; do
    echo "capture $c: $(grep -E "packets (captured|dropped by kernel)" "$OUT/tcpdump-$c.txt" | tr '\n' ' ')"
    tcpdump -r "$OUT/$c.pcap" -n -tt 2>/dev/null | python3 "$repo/benchmarks/soak/gaps.py" "$net.10" "$net.11" "$OUT/steal.txt" | sed "s/^/  $c: /"
  done
  awk -v t0="$t0" -v t1="$t1" '$1 >= t0 && $1 <= t1 { if (!first) first = $2; last = $2; if (p != "" && $2 - p > 0) { n++; list = list sprintf(" %.0f(+%d)", $1, $2 - p) } p = $2 }
    END { printf "steal: %d ticks (%.2f s) during the soak, in %d one-second samples:%s\n", last - first, (last - first) / 100, n, substr(list, 1, 400) }' "$OUT/steal.txt"
  for n in a b; do
    python3 "$repo/benchmarks/soak/jvmlog.py" "$n" "$OUT/jvm-$n.log" "$(eval echo "\$up_${n}0")" "$(eval echo "\$up_${n}1")"
  done
} | tee "$OUT/report.txt"
