#!/bin/bash
# Run real keepalived (2.2.7) in config-test mode (-t) on one or more config files, each inside a
# throw-away network namespace that has interfaces eth0..eth3 (veth pairs, up).
# Usage (as root): examples/config-test.sh FILE...   (extra keepalived options via KA_OPTS, e.g. KA_OPTS=-P)
# Prints, per file: "=================== FILE", keepalived's stderr/stdout, and "exit=N".
# The namespace and the host-side veths it creates are always removed (trap), by name.
set -u
KA=${KEEPALIVED:-/usr/sbin/keepalived}
NS=k4j-seed-$(openssl rand -hex 3)
HOSTIFS=()
cleanup() {
    for h in "${HOSTIFS[@]}"; do ip link del "$h" 2>/dev/null; done
    ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT INT TERM
ip netns add "$NS" || exit 99
ip netns exec "$NS" ip link set lo up
tag=$(openssl rand -hex 2)
for i in 0 1 2 3; do
    h=k4js${tag}$i
    ip link add "$h" type veth peer name "eth$i" netns "$NS" || exit 99
    HOSTIFS+=("$h")
    ip link set "$h" up
    ip netns exec "$NS" ip link set "eth$i" up
done
for f in "$@"; do
    f=$(readlink -f "$f")
    echo "=================== $f"
    out=$(mktemp) err=$(mktemp)
    ip netns exec "$NS" "$KA" ${KA_OPTS:-} -t -f "$f" >"$out" 2>"$err"
    rc=$?
    sed 's/^/  /' "$err"                 # keepalived -t reports on stderr
    sed 's/^/  [stdout] /' "$out"        # normally empty
    rm -f "$out" "$err"
    echo "  exit=$rc"
done
