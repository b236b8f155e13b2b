# Guest script (lab/ipvs-vm/run.sh, busybox sh): the IPVS table comparison. Each daemon named in
# K4J_DAEMONS runs the comparison configuration in checker-only mode, one after the other in the same
# boot, against the same real servers (busybox httpd processes on addresses of a dummy interface), and
# the `ipvsadm -Ln` table is printed after each phase:
#
#   K4J_SECTION <name>.start    the daemon started and its checks settled
#   K4J_SECTION <name>.down     after the listeners of $K4J_KILL were stopped and the checkers saw it
#   K4J_SECTION <name>.up       after those listeners were started again and the checkers saw it
#   K4J_SECTION <name>.stopped  after the daemon exited on SIGTERM: what it leaves behind
#   K4J_SECTION <name>.events   one line per phase: how long it waited, and whether a bound was hit
#   K4J_SECTION <name>.log      the daemon's stdout/stderr
#   K4J_END                     after the last daemon
#
# A section runs until the next K4J_SECTION or K4J_END line. Between two daemons the table is flushed
# (ipvsadm -C) and every listener runs again. The waits do not depend on what a daemon logs: a phase is
# over when the table says so (start: the expected number of services, every listening real server with
# a weight > 0 and no weight > 0 on an address of $K4J_DEAD; down: no weight > 0 on an address of
# $K4J_KILL; up: each address of $K4J_KILL with a weight > 0), and then the table did not change for
# $K4J_STABLE seconds; every wait is bounded (a hit bound, or a daemon that exits by itself, is reported
# in .events and makes the script exit 1 after printing everything).
#
# Environment (all optional):
#   K4J_DAEMONS        names of the daemons to run, in order (default: keepalived); a name is [A-Za-z0-9_]
#   K4J_DAEMON_<name>  command line of daemon <name> (default for "keepalived": keepalived; for any other
#                      name: $K4J_DAEMON)
#   K4J_DAEMON         command line for a name without its own K4J_DAEMON_<name> (default: keepalived)
#   K4J_DAEMON_OPTS    options every daemon gets (default: -C -n -l -D -f $K4J_CONF)
#   K4J_EXTRA_<name>   extra options of daemon <name>, after K4J_DAEMON_OPTS (default: none, except
#                      "--data-plane ipvs" for the name keepalived4j)
#   K4J_CONF           the configuration in the guest (default /etc/keepalived/compare.conf)
#   K4J_RS             real-server listeners ADDR:PORT, IPv6 as [ADDR]:PORT (default: those of
#                      src/test/resources/ipvs/compare/keepalived.conf)
#   K4J_DEAD           real-server addresses that get no listener (default: 10.231.24.21)
#   K4J_KILL           listeners stopped for "down" and started again for "up" (default: 10.231.1.22:80
#                      10.231.25.21:80 10.231.26.21:80, in the plain, inhibit_on_failure, quorum services)
#   K4J_SERVICES       number of IPVS services the configuration makes (default 11)
#   K4J_START_WAIT     bound of the wait for the start condition (includes the daemon's own start-up),
#                      seconds (default 90)
#   K4J_WAIT           bound of the other waits for a condition, and of each wait for a stable table,
#                      seconds (default 30)
#   K4J_STABLE         seconds the table must stay unchanged to end a phase (default 3)
#   K4J_STOP_WAIT      bound of the wait for the daemon's exit after SIGTERM, seconds (default 20)
#
# lab/ipvs-vm/compare-run.sh runs this script with the configuration of src/test/resources/ipvs/compare/.

CONF=${K4J_CONF:-/etc/keepalived/compare.conf}
DAEMONS=${K4J_DAEMONS:-keepalived}
DAEMON_OPTS=${K4J_DAEMON_OPTS:--C -n -l -D -f $CONF}
RS=${K4J_RS:-10.231.1.21:80 10.231.1.22:80 10.231.2.21:80 10.231.2.22:80 10.231.4.21:80 10.231.4.22:80 10.231.21.21:80 10.231.21.22:80 10.231.22.21:80 [fd00:231:23::21]:80 [fd00:231:23::22]:80 10.231.25.21:80 10.231.25.22:80 10.231.26.21:80 10.231.26.22:80}
DEAD=${K4J_DEAD:-10.231.24.21}
KILL=${K4J_KILL:-10.231.1.22:80 10.231.25.21:80 10.231.26.21:80}
SERVICES=${K4J_SERVICES:-11}
WAIT=${K4J_WAIT:-30}
START_WAIT=${K4J_START_WAIT:-90}
STABLE=${K4J_STABLE:-3}
STOP_WAIT=${K4J_STOP_WAIT:-20}
failed=0

[ -r "$CONF" ] || { echo "compare.sh: no configuration at $CONF (K4J_CONF)"; exit 2; }

now() { cut -d' ' -f1 /proc/uptime; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
addr_of() { a=${1%:*}; a=${a#[}; echo "${a%]}"; }      # ADDR:PORT or [ADDR]:PORT -> ADDR
pidfile() { echo "/tmp/rs/$(addr_of "$1" | tr ':.' '__')_${1##*:}.pid"; }
table() { ipvsadm -Ln 2>&1; }

# Real servers: a dummy interface holding every real-server address (lo when the kernel has no dummy).
RSIF=k4jrs
if ip link add $RSIF type dummy 2>/dev/null; then
  echo 0 >/proc/sys/net/ipv6/conf/$RSIF/accept_dad
  ip link set $RSIF up
else
  RSIF=lo
  echo "compare.sh: no dummy interface (module dummy not loaded): the real servers' addresses go on lo"
fi
rs_addrs= kill_addrs=
for ep in $RS; do rs_addrs="$rs_addrs $(addr_of "$ep")"; done
for ep in $KILL; do kill_addrs="$kill_addrs $(addr_of "$ep")"; done
for a in $rs_addrs $DEAD; do
  case $a in
    *:*) ip -6 addr add "$a/128" dev $RSIF nodad 2>/dev/null || ip -6 addr add "$a/128" dev $RSIF ;;
    *) ip addr add "$a/32" dev $RSIF ;;
  esac || { echo "compare.sh: cannot add $a to $RSIF"; exit 2; }
done
mkdir -p /tmp/www /tmp/rs
echo "real server" >/tmp/www/index.html

# listening ADDR:PORT: exit 0 when a TCP socket listens on exactly that address and port.
listening() {
  netstat -ltn 2>/dev/null | awk -v want="$(addr_of "$1"):${1##*:}" '$6 == "LISTEN" && $4 == want { f = 1 } END { exit !f }'
}
start_rs() {
  httpd -f -p "$1" -h /tmp/www &
  echo $! >"$(pidfile "$1")"
  t0=$(now)
  until listening "$1"; do
    [ "$(awk -v e="$(elapsed "$t0")" 'BEGIN { print (e > 5) }')" = 1 ] && { echo "compare.sh: $1 does not listen"; return 1; }
    sleep 0.1
  done
}
stop_rs() {
  pid=$(cat "$(pidfile "$1")")
  kill "$pid"; wait "$pid" 2>/dev/null
  rm -f "$(pidfile "$1")"
}
ensure_rs() { for ep in $RS; do [ -e "$(pidfile "$ep")" ] || start_rs "$ep" || exit 2; done; }

# Table predicates (the table is read from stdin). weighted ADDR...: each address is a destination with
# a weight > 0 in some service; unweighted ADDR...: none is; services N: N services are listed.
dest_weights() {
  awk '$1 == "->" && $2 != "RemoteAddress:Port" { a = $2; sub(/:[0-9]+$/, "", a); sub(/^\[/, "", a); sub(/\]$/, "", a); print a, $4 }'
}
weighted() {
  t=$(cat | dest_weights)
  for a in "$@"; do echo "$t" | awk -v a="$a" '$1 == a && $2 > 0 { f = 1 } END { exit !f }' || return 1; done
}
unweighted() {
  t=$(cat | dest_weights)
  for a in "$@"; do echo "$t" | awk -v a="$a" '$1 == a && $2 > 0 { f = 1 } END { exit f }' || return 1; done
}
services() { [ "$(awk '$1 == "TCP" || $1 == "UDP" || $1 == "SCTP" || $1 == "FWM"' | wc -l)" -eq "$1" ]; }

# settle NAME PHASE BOUND CONDITION...: wait (at most BOUND s) until "table | CONDITION" holds, then until
# the table stays the same for $STABLE s (at most $WAIT s more); one line in the events file. A daemon
# that exits ends the wait (condition=daemon-exited).
settle() {
  name=$1 phase=$2 bound=$3; shift 3
  t0=$(now) cond=ok stable=ok
  until table | "$@"; do
    kill -0 "$dpid" 2>/dev/null || { cond=daemon-exited; break; }
    [ "$(awk -v e="$(elapsed "$t0")" -v w="$bound" 'BEGIN { print (e > w) }')" = 1 ] && { cond=timeout; break; }
    sleep 0.5
  done
  tc=$(elapsed "$t0")
  prev=$(table) since=$(now)
  while [ "$(awk -v e="$(elapsed "$since")" -v s="$STABLE" 'BEGIN { print (e >= s) }')" = 0 ]; do
    [ "$(awk -v e="$(elapsed "$since")" -v w="$WAIT" 'BEGIN { print (e > w) }')" = 1 ] && { stable=timeout; break; }
    sleep 0.5
    cur=$(table)
    [ "$cur" = "$prev" ] || { prev=$cur; since=$(now); }
  done
  echo "$phase condition=$cond after=${tc}s stable=$stable total=$(elapsed "$t0")s" >>"/tmp/$name.events"
  [ $cond = ok ] && [ $stable = ok ] || failed=1
}
section() { echo "K4J_SECTION $1"; }

all_start() {
  t=$(cat)
  echo "$t" | services "$SERVICES" && echo "$t" | weighted $rs_addrs && echo "$t" | unweighted $DEAD
}
kill_down() { unweighted $kill_addrs; }
kill_up() { weighted $kill_addrs; }

syslogd -n -O /tmp/syslog &     # keepalived logs to syslog too; without /dev/log, -l puts it on the console
syslog_pid=$!
ensure_rs

for name in $DAEMONS; do
  case $name in *[!A-Za-z0-9_]*|'') echo "compare.sh: bad daemon name '$name'"; exit 2 ;; esac
  eval "cmd=\${K4J_DAEMON_$name:-}"
  [ -n "$cmd" ] || { [ "$name" = keepalived ] && cmd=keepalived || cmd=${K4J_DAEMON:-keepalived}; }
  eval "set_extra=\${K4J_EXTRA_$name+set}"
  if [ "$set_extra" = set ]; then eval "extra=\$K4J_EXTRA_$name"
  elif [ "$name" = keepalived4j ]; then extra="--data-plane ipvs"
  else extra=; fi
  ipvsadm -C
  ensure_rs
  : >"/tmp/$name.events"
  echo "command: $cmd $DAEMON_OPTS${extra:+ $extra}" >>"/tmp/$name.events"
  t_run=$(now)
  # shellcheck disable=SC2086 # word splitting of the command line is intended
  $cmd $DAEMON_OPTS $extra >"/tmp/$name.log" 2>&1 &
  dpid=$!

  settle "$name" start "$START_WAIT" all_start
  section "$name.start"; table

  for ep in $KILL; do stop_rs "$ep"; done
  settle "$name" down "$WAIT" kill_down
  section "$name.down"; table

  for ep in $KILL; do start_rs "$ep" || exit 2; done
  settle "$name" up "$WAIT" kill_up
  section "$name.up"; table

  kill -TERM "$dpid" 2>/dev/null
  t0=$(now) how=exited
  while kill -0 "$dpid" 2>/dev/null; do
    [ "$(awk -v e="$(elapsed "$t0")" -v w="$STOP_WAIT" 'BEGIN { print (e > w) }')" = 1 ] && {
      how=killed; kill -KILL "$dpid"; failed=1; break; }
    sleep 0.2
  done
  wait "$dpid"; rc=$?
  echo "stopped $how status=$rc after=$(elapsed "$t0")s" >>"/tmp/$name.events"
  section "$name.stopped"; table
  echo "run $(elapsed "$t_run")s" >>"/tmp/$name.events"
  section "$name.events"; cat "/tmp/$name.events"
  section "$name.log"; cat "/tmp/$name.log"
done
echo "K4J_END"

for ep in $RS; do [ -e "$(pidfile "$ep")" ] && stop_rs "$ep"; done
kill "$syslog_pid"; wait "$syslog_pid" 2>/dev/null
exit $failed
