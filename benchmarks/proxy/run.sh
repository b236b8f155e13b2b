#!/usr/bin/env bash
# Userspace proxy benchmark: keepalived4j's proxy (--data-plane proxy) against HAProxy in TCP mode
# and nginx's stream module, in the same run on the same machine, each in front of the same two
# nginx backends, with the same number of event-loop threads / workers (PROXY_THREADS). wrk drives
# a keep-alive load and a connection-per-request load (Connection: close) through each proxy in
# turn, the order rotating every round; then each proxy holds IDLE_CONNS idle connections and its
# RSS growth is measured. Requests/s, p50/p99 latency (ratios to HAProxy) and KiB per idle
# connection go to docs/bench-proxy.md. Not a test; CI does not run it.
#
#   sudo benchmarks/proxy/run.sh [SECONDS] [ROUNDS]     # seconds per wrk run (20), rounds (3)
#
# Environment: PROXY_THREADS (1: haproxy nbthread, nginx worker_processes, --proxy-threads),
# CONNS (wrk connections, 50), WRK_THREADS (1), IDLE_CONNS (10000), WARM (s of keep-alive load per
# proxy before round 1, 5), OUT (the report: docs/bench-proxy.md for a run of at least 3 rounds
# of at least 10 s, else the work dir), JFR (1: a JFR profile of keepalived4j during each of its
# runs, in the work dir; it costs keepalived4j some throughput), SYSCALLS (1: `perf trace -s` counts
# every proxy's system calls during its runs; costs all of them throughput), KEEPALIVED4J_JVM_DEFAULTS and
# KEEPALIVED4J_JAVA_OPTS (passed to the launcher; the report names the JVM options used).
# Lab: one namespace k4jpx-<6hex>; on its lo the VIP 10.77.0.1 and the backends 10.77.0.11 and
# 10.77.0.12 (one nginx, port 80, a 612-byte static page); HAProxy listens on VIP:8001, nginx
# stream on VIP:8002, keepalived4j on VIP:8003; wrk and the idle client run in the namespace too.
# Raw data (configs, logs, every wrk output): benchmarks/proxy/work/<stamp>-<hex>/.
# Re-analyse a run: python3 benchmarks/proxy/analyze.py WORKDIR OUT.md
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
SECS=${1:-20}
ROUNDS=${2:-3}
[[ $SECS =~ ^[0-9]+$ && $SECS -ge 1 && $SECS -le 600 && $ROUNDS =~ ^[0-9]+$ && $ROUNDS -ge 1 && $ROUNDS -le 50 ]] \
  || { echo "usage: run.sh [SECONDS (1..600)] [ROUNDS (1..50)]" >&2; exit 2; }
PROXY_THREADS=${PROXY_THREADS:-1}
CONNS=${CONNS:-50}
WRK_THREADS=${WRK_THREADS:-1}
IDLE_CONNS=${IDLE_CONNS:-10000}
WARM=${WARM:-5}

# ---- prerequisites: say what to install instead of failing obscurely
[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root (a network namespace)" >&2; exit 1; }
STREAM_MODULE=/usr/lib/nginx/modules/ngx_stream_module.so
declare -A pkg=([ip]=iproute2 [ss]=iproute2 [python3]=python3 [nginx]=nginx [haproxy]=haproxy [wrk]=wrk)
missing=()
for c in "${!pkg[@]}"; do command -v "$c" >/dev/null || missing+=("${pkg[$c]}"); done
[[ -f $STREAM_MODULE ]] || missing+=(libnginx-mod-stream)
if ((${#missing[@]})); then
  echo "run.sh: missing packages; install them with: apt-get install -y $(printf '%s\n' "${missing[@]}" | sort -u | paste -sd' ')" >&2
  exit 2
fi
# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1
JCMD=$JAVA_HOME/bin/jcmd
"$repo/keepalived4j" --version >/dev/null   # builds the jar now, not inside a measured run
# Every process started below inherits this: each idle connection is two descriptors in a proxy
# (client and backend side). Without CAP_SYS_RESOURCE (containers) the hard limit cannot be raised:
# then the idle test holds as many connections as fit under it, and the report says so.
NOFILE=$((IDLE_CONNS * 2 + 20000))
ulimit -n "$NOFILE" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)
IDLE_ASKED=$IDLE_CONNS
if ((IDLE_CONNS * 2 + 1000 > NOFILE)); then
  IDLE_CONNS=$(((NOFILE - 1000) / 2))
  echo "run.sh: the open-file limit is $NOFILE and cannot be raised here: $IDLE_CONNS idle connections instead of $IDLE_ASKED" >&2
fi
MAXCONN=$(((NOFILE - 200) / 2))   # HAProxy needs 2 x maxconn + a few descriptors

hex=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
NS=k4jpx-$hex
VIP=10.77.0.1
BACKENDS=(10.77.0.11 10.77.0.12)
PROXIES=(haproxy nginx keepalived4j)
declare -A PORT=([haproxy]=8001 [nginx]=8002 [keepalived4j]=8003)
work=$here/work/$(date -u +%Y%m%dT%H%M%SZ)-$hex
if [[ $SECS -ge 10 && $ROUNDS -ge 3 ]]; then OUT=${OUT:-$repo/docs/bench-proxy.md}; else OUT=${OUT:-$work/bench-proxy.md}; fi
mkdir -p "$work/wrk" "$work/www"

# ---- cleanup: everything we started, by pid; then whatever is left in the namespace; then the namespace
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

inns() { ip netns exec "$NS" "$@"; }
ip netns add "$NS"
ip -n "$NS" link set lo up
for a in "$VIP" "${BACKENDS[@]}"; do ip -n "$NS" addr add "$a/32" dev lo; done
# Connection-per-request leaves tens of thousands of TIME_WAIT sockets on both hops, all inside this
# namespace: a wide port range and TIME_WAIT reuse keep connect() from running out of ports.
inns sysctl -qw net.ipv4.ip_local_port_range="10000 65535" net.ipv4.tcp_tw_reuse=1 \
  net.core.somaxconn=8192 net.ipv4.tcp_max_syn_backlog=8192

# ---- the backends: one nginx, a static page on both addresses, no logs
head -c 612 /dev/zero | tr '\0' 'k' >"$work/www/index.html"
cat >"$work/backend.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile $NOFILE;
pid $work/backend.pid;
error_log $work/backend.error.log warn;
events { worker_connections $((NOFILE - 100)); }
http {
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 600s;
    # the idle connections never send a request: keep them, as the proxies are told to
    client_header_timeout 600s;
    server {
        listen ${BACKENDS[0]}:80 backlog=4096;
        listen ${BACKENDS[1]}:80 backlog=4096;
        root $work/www;
    }
}
EOF

# ---- the three proxies: round robin over the two backends, no logging, PROXY_THREADS threads
cat >"$work/haproxy.cfg" <<EOF
global
    nbthread $PROXY_THREADS
    maxconn $MAXCONN
defaults
    mode tcp
    maxconn $MAXCONN
    timeout connect 2s
    timeout client 10m
    timeout server 10m
listen bench
    bind $VIP:${PORT[haproxy]}
    balance roundrobin
    server s1 ${BACKENDS[0]}:80
    server s2 ${BACKENDS[1]}:80
EOF
cat >"$work/nginx-stream.conf" <<EOF
load_module $STREAM_MODULE;
worker_processes $PROXY_THREADS;
worker_rlimit_nofile $NOFILE;
pid $work/nginx-stream.pid;
error_log $work/nginx-stream.error.log warn;
events { worker_connections $((NOFILE - 100)); }
stream {
    upstream backends {
        server ${BACKENDS[0]}:80;
        server ${BACKENDS[1]}:80;
    }
    server {
        listen $VIP:${PORT[nginx]} backlog=4096$([[ $PROXY_THREADS -gt 1 ]] && echo ' reuseport');
        proxy_pass backends;
        proxy_connect_timeout 2s;
        proxy_timeout 10m;
    }
}
EOF
cat >"$work/keepalived4j.conf" <<EOF
virtual_server $VIP ${PORT[keepalived4j]} {
    lvs_sched rr
    lvs_method NAT
    protocol TCP
    real_server ${BACKENDS[0]} 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
        }
    }
    real_server ${BACKENDS[1]} 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
        }
    }
}
EOF

# Background jobs are started with "ip netns exec" directly, not through a shell function (whose
# subshell would be $!): ip and the launcher exec in place, so $! is the proxy's own pid: HAProxy's (-db: one process), nginx's master, keepalived4j's java.
declare -A PID
ip netns exec "$NS" nginx -e "$work/backend.error.log" -c "$work/backend.conf" -g 'daemon off;' </dev/null >"$work/backend.out" 2>&1 &
BACKEND=$!; BG+=("$BACKEND")
ip netns exec "$NS" haproxy -db -f "$work/haproxy.cfg" </dev/null >"$work/haproxy.log" 2>&1 &
PID[haproxy]=$!; BG+=("${PID[haproxy]}")
ip netns exec "$NS" nginx -e "$work/nginx-stream.error.log" -c "$work/nginx-stream.conf" -g 'daemon off;' </dev/null >"$work/nginx-stream.out" 2>&1 &
PID[nginx]=$!; BG+=("${PID[nginx]}")
# a GC and safepoint log (one line per pause) tells a pause from a slow event loop. With JFR=1:
# HotSpot suspends threads for JFR's execution samples with SIGUSR2, which keepalived4j handles
# itself (stats dump): every sample became a "SIGUSR2 handler" thread and no sample was taken.
# _JAVA_SR_SIGNUM moves HotSpot's suspend signal elsewhere.
[[ ${JFR:-0} == 1 ]] && export _JAVA_SR_SIGNUM=39
KEEPALIVED4J_JAVA_OPTS="${KEEPALIVED4J_JAVA_OPTS:-} -Xlog:gc,safepoint:file=$work/k4j.gc.log:uptime" \
  ip netns exec "$NS" "$repo/keepalived4j" -n -l -G -f "$work/keepalived4j.conf" --data-plane proxy \
  --proxy-threads "$PROXY_THREADS" --proxy-max-connections $((IDLE_CONNS * 5)) \
  -p "$work/k4j.pid" -c "$work/k4j.checkers.pid" -r "$work/k4j.vrrp.pid" </dev/null >"$work/keepalived4j.log" 2>&1 &
PID[keepalived4j]=$!; BG+=("${PID[keepalived4j]}")

# The processes a proxy's memory and CPU are counted over: the pid and its descendants (nginx's workers).
tree() {
  local todo=("$1") p out=()
  while ((${#todo[@]})); do
    p=${todo[0]}; todo=("${todo[@]:1}"); out+=("$p")
    # shellcheck disable=SC2207
    todo+=($(cat /proc/"$p"/task/*/children 2>/dev/null))
  done
  echo "${out[@]}"
}
rss_kb() { local p s=0; for p in $(tree "$1"); do s=$((s + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo "$s"; }
# cpu_ticks PID: "USER SYSTEM" clock ticks of the tree so far
cpu_ticks() {
  local p u=0 k=0 a b
  for p in $(tree "$1"); do
    read -r a b < <(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12, $13}') || continue
    u=$((u + ${a:-0})) k=$((k + ${b:-0}))
  done
  echo "$u $k"
}
alive() { [[ -d /proc/$1 && $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }
# heap_kb PID: keepalived4j's Java heap in use after a full GC (RSS cannot show it: the launcher's
# heap is fixed and pre-touched, so objects on it cost no new resident pages)
heap_kb() {
  "$JCMD" "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  "$JCMD" "$1" GC.heap_info 2>/dev/null \
    | awk '/ total [0-9]+K, used [0-9]+K/ {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i+1); gsub(/[K,]/, "", v); s += v}} END {print s + 0}'
}
# get PORT: one HTTP request through a proxy; prints the body's length or fails
get() {
  inns python3 - "$VIP" "$1" <<'EOF'
import socket, sys
s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=3)
s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
if not head.startswith(b"HTTP/1.1 200"):
    sys.exit("bad response: " + head[:80].decode(errors="replace"))
print(len(body))
EOF
}
wait_ready() { # wait_ready NAME: a 200 with the page through the proxy within 60 s (keepalived4j builds and starts a JVM)
  local i n
  for i in $(seq 120); do
    alive "${PID[$1]}" || { echo "run.sh: $1 exited; see $work" >&2; return 1; }
    if n=$(get "${PORT[$1]}" 2>/dev/null) && [[ $n == 612 ]]; then return 0; fi
    sleep 0.5
  done
  echo "run.sh: $1 did not serve the page on $VIP:${PORT[$1]} within 60 s" >&2; return 1
}
sleep 0.5
for p in "${PROXIES[@]}"; do wait_ready "$p"; done
for p in "${PROXIES[@]}"; do echo "pid_$p=${PID[$p]} $(cat /proc/${PID[$p]}/comm)"; done >"$work/pids.txt"

{
  echo "lab=$NS"; echo "seconds=$SECS"; echo "rounds=$ROUNDS"; echo "proxy_threads=$PROXY_THREADS"
  echo "conns=$CONNS"; echo "wrk_threads=$WRK_THREADS"; echo "idle_conns=$IDLE_CONNS"; echo "idle_asked=$IDLE_ASKED"; echo "nofile=$NOFILE"; echo "warm=$WARM"
  echo "started=$(date -u +%FT%TZ)"; echo "kernel=$(uname -r)"; echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "mem=$(awk '/MemTotal/ {print $2 " kB"}' /proc/meminfo)"
  echo "loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "haproxy=$(haproxy -v | head -1 | awk '{print $3}')"
  echo "nginx=$(nginx -v 2>&1 | sed 's/.*nginx\///')"
  echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "keepalived4j=$("$repo/keepalived4j" --version 2>&1 | head -1)"
  echo "java=$(java -version 2>&1 | head -1)"
  if [[ ${KEEPALIVED4J_JVM_DEFAULTS:-0} == 1 ]]; then jopts="(the JVM's defaults)"; else jopts=$(grep -v '^#' "$repo/packaging/jvm-options" | paste -sd' '); fi
  echo "jvm_options=$jopts${KEEPALIVED4J_JAVA_OPTS:+ $KEEPALIVED4J_JAVA_OPTS}"
  echo "commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$work/machine.txt"
echo "run.sh: lab $NS up; ${ROUNDS} round(s) x 2 loads x 3 proxies x ${SECS}s; work $work" >&2

# thread_ticks PID: "NAME TICKS" per thread (keepalived4j: which of the JVM's threads used the CPU)
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do
    echo "$(tr ' ' _ <"$t/comm" 2>/dev/null) $(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done 2>/dev/null | awk 'NF == 2 {s[$1] += $2} END {for (n in s) print n, s[n]}' | LC_ALL=C sort
}
# one_wrk NAME LOAD FILE SECONDS: wrk through one proxy; the proxy's CPU ticks around it go in
# FILE.meta, keepalived4j's per thread in FILE.threads (and with JFR=1 a JFR profile in FILE.jfr)
one_wrk() {
  local name=$1 load=$2 f=$3 s=$4 u0 k0 u1 k1 hdr=()
  [[ $load == close ]] && hdr=(-H 'Connection: close')
  if [[ $name == keepalived4j ]]; then
    thread_ticks "${PID[$name]}" >"$f.threads0"
    [[ ${JFR:-0} == 1 ]] && "$JCMD" "${PID[$name]}" JFR.start name=bench settings=profile filename="$f.jfr" >/dev/null
  fi
  local tr=""
  if [[ ${SYSCALLS:-0} == 1 ]]; then
    perf trace -s -p "$(tree "${PID[$name]}" | tr ' ' ,)" -o "$f.syscalls" </dev/null >/dev/null 2>&1 &
    tr=$!; BG+=("$tr"); sleep 1
  fi
  read -r u0 k0 < <(cpu_ticks "${PID[$name]}")
  # in the background: a trapped Ctrl-C or SIGTERM interrupts "wait" at once, not after the run
  ip netns exec "$NS" wrk -t"$WRK_THREADS" -c"$CONNS" -d"${s}s" --latency "${hdr[@]}" "http://$VIP:${PORT[$name]}/" >"$f" 2>&1 &
  local wp=$!; BG+=("$wp")
  wait "$wp" || true
  read -r u1 k1 < <(cpu_ticks "${PID[$name]}")
  if [[ -n $tr ]]; then kill -INT "$tr" 2>/dev/null || true; wait "$tr" 2>/dev/null || true; fi
  if [[ $name == keepalived4j ]]; then
    if [[ ${JFR:-0} == 1 ]]; then
      "$JCMD" "${PID[$name]}" JFR.stop name=bench >/dev/null
      # exceptions constructed during the run (JFR counts them all, and samples only some)
      "$JAVA_HOME/bin/jfr" print --events jdk.ExceptionStatistics "$f.jfr" \
        | awk '/throwables =/ {if (first == "") first = $3; last = $3} END {print "throwables=" (last - first)}' >"$f.jfrstat"
    fi
    thread_ticks "${PID[$name]}" | LC_ALL=C join -a1 - "$f.threads0" | awk '{print $1, $2 - ($3 + 0)}' | sort -k2,2nr >"$f.threads"
    rm -f "$f.threads0"
  fi
  printf 'proxy=%s\nload=%s\ncpu_ticks=%s\nuser_ticks=%s\nsys_ticks=%s\nhz=%s\nalive=%s\nloadavg=%s\n' "$name" "$load" \
    $((u1 - u0 + k1 - k0)) $((u1 - u0)) $((k1 - k0)) \
    "$(getconf CLK_TCK)" "$(alive "${PID[$name]}" && echo yes || echo no)" "$(cut -d' ' -f1 /proc/loadavg)" >"$f.meta"
  if [[ -f $f.jfrstat ]]; then cat "$f.jfrstat" >>"$f.meta"; rm -f "$f.jfrstat"; fi
  alive "${PID[$name]}" || { echo "run.sh: $name died during $f" >&2; return 1; }
}

for p in "${PROXIES[@]}"; do
  echo "run.sh: warm-up $p (${WARM}s keep-alive)" >&2
  one_wrk "$p" keepalive "$work/wrk/warm-$p.txt" "$WARM"
done
for ((r = 1; r <= ROUNDS; r++)); do
  # rotate the order (a b c, b c a, c a b, ...) so the machine's drift hits every proxy alike
  order=()
  for ((i = 0; i < ${#PROXIES[@]}; i++)); do order+=("${PROXIES[$(((r - 1 + i) % ${#PROXIES[@]}))]}"); done
  for load in keepalive close; do
    for p in "${order[@]}"; do
      f=$work/wrk/r$r-$load-$p.txt
      one_wrk "$p" "$load" "$f" "$SECS"
      echo "run.sh: round $r $load $p: $(awk '/^Requests\/sec/ {print $2 " req/s"}' "$f") $(grep -E 'Socket errors|Non-2xx' "$f" | paste -sd' ' || true)" >&2
    done
  done
done

# ---- idle connections: RSS before and while IDLE_CONNS idle connections are held through each proxy
backend_conns() { inns ss -Htn state established '( sport = :80 )' | wc -l; }
for p in "${PROXIES[@]}"; do
  b=$work/idle-$p
  # connections from the loads above are gone (TIME_WAIT holds no process memory)
  for i in $(seq 100); do [[ $(backend_conns) -lt 10 ]] && break; sleep 0.2; done
  sleep 2
  h0="-"; [[ $p == keepalived4j ]] && h0=$(heap_kb "${PID[$p]}") && sleep 1
  r0=$(rss_kb "${PID[$p]}")
  ip netns exec "$NS" python3 "$here/idle.py" "$VIP" "${PORT[$p]}" "$IDLE_CONNS" 120 >"$b.client" 2>&1 &
  ic=$!; BG+=("$ic")
  for i in $(seq 1200); do grep -qs '^connected' "$b.client" && break; alive "$ic" || break; sleep 0.1; done
  # every client connection is also a connection to a backend once the proxy has connected it
  for i in $(seq 300); do n=$(backend_conns); [[ $n -ge $IDLE_CONNS ]] && break; sleep 0.2; done
  sleep 3
  r1=$(rss_kb "${PID[$p]}")
  n=$(backend_conns)
  h1="-"; [[ $p == keepalived4j ]] && h1=$(heap_kb "${PID[$p]}")
  kill -TERM "$ic" 2>/dev/null || true; wait "$ic" 2>/dev/null || true
  printf 'proxy=%s\nrss0_kb=%s\nrss1_kb=%s\nbackend_conns=%s\nheap0_kb=%s\nheap1_kb=%s\nclient=%s\n' \
    "$p" "$r0" "$r1" "$n" "$h0" "$h1" "$(paste -sd' ' "$b.client")" >"$b.meta"
  echo "run.sh: idle $p: RSS $r0 -> $r1 KiB with $n backend connections ($(paste -sd' ' "$b.client"))" >&2
done

for p in "${PROXIES[@]}"; do echo "rss_end_$p=$(rss_kb "${PID[$p]}")"; done >>"$work/machine.txt"
echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"
echo "finished=$(date -u +%FT%TZ)" >>"$work/machine.txt"
for p in "${PROXIES[@]}"; do kill -TERM "${PID[$p]}" 2>/dev/null || true; wait "${PID[$p]}" 2>/dev/null || true; done
python3 "$here/analyze.py" "$work" "$OUT"
