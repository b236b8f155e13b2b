#!/usr/bin/env bash
# Health-check benchmark: 1,000 real servers x HTTP_GET every second against a local nginx, run
# by keepalived4j (delay_loop 1) and, in the same run, by HAProxy (option httpchk, check inter 1s,
# no traffic). Reports CPU-seconds per 1,000 checks, checks/s and RSS side by side (ratios), and
# the largest gap between keepalived4j's VRRP adverts (VRRPv3, advert_int 0.1) during its run.
# keepalived 2.2.7 cannot be the peer: without kernel IPVS its checker exits at start.
# Not a test; CI does not run it. Results: docs/bench-checkers.md.
#
#   sudo benchmarks/checkers/run.sh [SECONDS]     # measured seconds per implementation, default 60
#
# Environment: SERVERS (1000), WARM (s before measuring, default 15), OUT (docs/bench-checkers.md).
# Lab: one namespace k4jck-<6hex> (lo, and a veth pair for the VRRP instance); nginx listens on
# port 8080 of every address, the real servers are 127.1.x.y:8080 (all of 127/8 is local), so
# nothing ever leaves the namespace. Raw data: benchmarks/checkers/work/<stamp>-<hex>/.
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
SECS=${1:-60}
[[ $SECS =~ ^[0-9]+$ && $SECS -ge 5 && $SECS -le 3600 ]] || { echo "usage: run.sh [SECONDS (5..3600)]" >&2; exit 2; }
SERVERS=${SERVERS:-1000}
WARM=${WARM:-15}

[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (a network namespace)" >&2; exit 1; }
declare -A pkg=([ip]=iproute2 [tcpdump]=tcpdump [python3]=python3 [nginx]=nginx [haproxy]=haproxy)
missing=()
for c in "${!pkg[@]}"; do command -v "$c" >/dev/null || missing+=("${pkg[$c]}"); done
if ((${#missing[@]})); then
  echo "run.sh: missing commands; install them with: apt-get install -y ${missing[*]}" >&2
  exit 2
fi
# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1
"$repo/keepalived4j" --version >/dev/null   # builds the jar now, not inside a measured run

hex=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
NS=k4jck-$hex
work=$here/work/$(date -u +%Y%m%dT%H%M%SZ)-$hex
OUT=${OUT:-$repo/docs/bench-checkers.md}
mkdir -p "$work"
HZ=$(getconf CLK_TCK)

BG=()
ours() { [[ $(awk '{print $4}' "/proc/$1/stat" 2>/dev/null) == "$$" ]]; }
cleanup() {
  trap - EXIT INT TERM
  local p
  for p in "${BG[@]}"; do ours "$p" && kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.5
  if [[ -e /run/netns/$NS ]]; then
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip netns del "$NS" 2>/dev/null || true
  fi
  echo "run.sh: namespace $NS removed; raw data in $work" >&2
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add k4jv0 type veth peer name k4jv1
ip -n "$NS" link set k4jv0 up
ip -n "$NS" link set k4jv1 up
ip -n "$NS" addr add 10.77.0.1/24 dev k4jv0
# Background jobs are started with "ip netns exec" directly (it execs in place), so $! is the
# daemon's own pid, whose CPU time and RSS are measured.

# The real servers: 127.1.x.y, x.y from 0.1 on.
addr() { echo "127.1.$(($1 / 250)).$(($1 % 250 + 1))"; }

# ---- nginx: one small page, an access log per run (counted to get checks/s)
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx.error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    server {
        listen 8080 reuseport backlog=4096;
        location = /health-k4j { access_log $work/k4j.access.log; return 200 "ok\n"; }
        location = /health-haproxy { access_log $work/haproxy.access.log; return 200 "ok\n"; }
    }
}
EOF
ip netns exec "$NS" nginx -c "$work/nginx.conf" -g 'daemon off;' </dev/null >"$work/nginx.out" 2>&1 &
BG+=($!)
sleep 1

# ---- keepalived4j: VRRPv3 at 0.1 s on k4jv0 plus the 1,000 checkers, nothing forwards
{
  cat <<EOF
global_defs {
    router_id bench
    vrrp_version 3
}
vrrp_instance VI_1 {
    state MASTER
    interface k4jv0
    virtual_router_id 51
    priority 100
    advert_int 0.1
    virtual_ipaddress {
        10.77.0.100/24
    }
}
virtual_server 10.77.0.100 80 {
    delay_loop 1
    lvs_sched rr
    lvs_method NAT
    protocol TCP
EOF
  for ((i = 0; i < SERVERS; i++)); do
    echo "    real_server $(addr "$i") 8080 { HTTP_GET { url { path /health-k4j
            status_code 200 }
        connect_timeout 2 } }"
  done
  echo "}"
} >"$work/keepalived4j.conf"

# ---- haproxy: the same 1,000 servers, checks only
{
  cat <<EOF
global
    maxconn 8192
    log stderr format raw local0 err
defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s
    timeout check 2s
listen bench
    bind 127.0.0.1:18080
    option httpchk GET /health-haproxy
    balance roundrobin
EOF
  for ((i = 0; i < SERVERS; i++)); do
    echo "    server s$i $(addr "$i"):8080 check inter 1s"
  done
} >"$work/haproxy.cfg"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
count() { [[ -f $1 ]] && wc -l <"$1" || echo 0; }

# measure NAME PID LOG: CPU ticks and checks over SECS after WARM; prints "cpu_s checks rss_kb"
measure() {
  local pid=$2 log=$3 c0 c1 n0 n1
  sleep "$WARM"
  c0=$(cpu_ticks "$pid"); n0=$(count "$log")
  sleep "$SECS"
  c1=$(cpu_ticks "$pid"); n1=$(count "$log")
  echo "$(python3 -c "print(($c1 - $c0) / $HZ)") $((n1 - n0)) $(rss_kb "$pid")"
}

echo "run.sh: keepalived4j, $SERVERS checkers, ${WARM}s warm-up + ${SECS}s" >&2
ip netns exec "$NS" tcpdump -i k4jv1 -nn -U -w "$work/adverts.pcap" 'ip proto 112' </dev/null >"$work/tcpdump.out" 2>&1 &
TD=$!; BG+=("$TD")
ip netns exec "$NS" "$repo/keepalived4j" -n -l -G -f "$work/keepalived4j.conf" --data-plane none \
  -p "$work/k4j.pid" -r "$work/k4j.vrrp.pid" -c "$work/k4j.checkers.pid" </dev/null >"$work/keepalived4j.log" 2>&1 &
K=$!; BG+=("$K")
read -r k_cpu k_checks k_rss < <(measure keepalived4j "$K" "$work/k4j.access.log")
kill -TERM "$K"; wait "$K" 2>/dev/null || true
kill -TERM "$TD"; wait "$TD" 2>/dev/null || true

echo "run.sh: haproxy, $SERVERS servers, ${WARM}s warm-up + ${SECS}s" >&2
ip netns exec "$NS" haproxy -db -f "$work/haproxy.cfg" </dev/null >"$work/haproxy.log" 2>&1 &
H=$!; BG+=("$H")
read -r h_cpu h_checks h_rss < <(measure haproxy "$H" "$work/haproxy.access.log")
kill -TERM "$H"; wait "$H" 2>/dev/null || true

gap=$(python3 - "$work/adverts.pcap" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
magic = struct.unpack('<I', data[:4])[0]
endian, nano = ('<', False) if magic in (0xa1b2c3d4, 0xa1b23c4d) else ('>', False)
nano = magic in (0xa1b23c4d, 0x4d3cb2a1)
off, times = 24, []
while off + 16 <= len(data):
    sec, frac, incl, _ = struct.unpack(endian + 'IIII', data[off:off + 16])
    times.append(sec + frac / (1e9 if nano else 1e6))
    off += 16 + incl
gaps = [b - a for a, b in zip(times, times[1:])]
print(f"{max(gaps) * 1000:.1f} {len(times)}" if gaps else "n/a 0")
EOF
)
read -r gap_ms adverts <<<"$gap"

per1k() { python3 -c "print(f'{$1 / max($2, 1) * 1000:.3f}')"; }
k_per=$(per1k "$k_cpu" "$k_checks"); h_per=$(per1k "$h_cpu" "$h_checks")
ratio=$(python3 -c "print(f'{$k_per / max($h_per, 1e-9):.2f}')")
rss_ratio=$(python3 -c "print(f'{$k_rss / max($h_rss, 1):.2f}')")
{
  echo "# Health-check benchmark"
  echo
  echo "Recorded by \`sudo benchmarks/checkers/run.sh $SECS\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -r))."
  echo "$SERVERS real servers x HTTP_GET (\`delay_loop 1\`) against nginx in a private namespace; HAProxy"
  echo "$(haproxy -v | head -1 | awk '{print $3}') does the same checks (\`option httpchk\`, \`check inter 1s\`, no traffic)."
  echo "${WARM} s of warm-up, then ${SECS} s measured per implementation, one after the other."
  echo
  echo "| | keepalived4j | HAProxy | ratio |"
  echo "|---|---|---|---|"
  echo "| checks/s (nginx access log) | $(python3 -c "print(f'{$k_checks / $SECS:.0f}')") | $(python3 -c "print(f'{$h_checks / $SECS:.0f}')") | |"
  echo "| CPU-seconds per 1,000 checks | $k_per | $h_per | $ratio |"
  echo "| RSS at the end (MiB) | $(python3 -c "print(f'{$k_rss / 1024:.1f}')") | $(python3 -c "print(f'{$h_rss / 1024:.1f}')") | $rss_ratio |"
  echo
  echo "keepalived4j's VRRPv3 adverts (advert_int 0.1) during its run: $adverts captured, largest gap $gap_ms ms."
  echo
  echo "Goal (issue 8): no more CPU than HAProxy per check, adverts on time."
} >"$OUT"
cat "$OUT"
