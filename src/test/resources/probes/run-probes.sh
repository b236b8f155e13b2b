#!/bin/bash
# Run every probe through real keepalived 2.2.7 `-t` inside a throw-away network namespace
# (lo + eth0..eth3, veth pairs, up) and print: file <TAB> exit <TAB> args.
# exit is 0..255, "hang" (killed by `timeout 10`) or "segv"/"sig<N>" (killed by a signal).
# Extra keepalived args for a probe come from a first-line marker "# k4j-args: ARGS".
# Fixtures: *-world-writable.sh is a script that probes name as "${_PWD}/NAME"; git cannot store
# its mode, so it is made world-writable (0777) here before the probes run.
# Usage (root): run-probes.sh [--check] [OUTDIR] [FILE...]
#   FILE: probe file names (default: all *.conf + the deliberately absent ones listed in ABSENT)
#   --check: also compare each exit with expected.tsv; prints MISMATCH lines, exit 1 if any.
#   KEEPALIVED=/path/to/other-binary run-probes.sh --check   runs another implementation against the corpus.
# Stdout/stderr of each run are written to OUTDIR/<file>.out (default /tmp/k4j-probe-out), with the
# probe directory prefix removed from paths (so messages read "(NNN-name.conf: Line N) ...").
set -u
DIR=$(cd "$(dirname "$0")" && pwd)
CHECK=0; if [ "${1:-}" = "--check" ]; then CHECK=1; shift; fi
OUT=${1:-/tmp/k4j-probe-out}; shift || true
BAD=0
KA=${KEEPALIVED:-/usr/sbin/keepalived}
mkdir -p "$OUT"
NS=k4j-probe-$(openssl rand -hex 3)
HOSTS=()
cleanup() {
  for h in "${HOSTS[@]}"; do ip link del "$h" 2>/dev/null; done
  ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT
ip netns add "$NS" || exit 1
for i in 0 1 2 3; do
  h=k4jp$(openssl rand -hex 3)
  ip link add "$h" type veth peer name eth$i netns "$NS" || exit 1
  HOSTS+=("$h")
  ip link set "$h" up
  ip netns exec "$NS" ip link set eth$i up
done
ip netns exec "$NS" ip link set lo up
# probes listed in expected.tsv whose file deliberately does not exist ("name|args")
ABSENT=("005-nonexistent-file.conf|" "159-nonexistent-file-all-config.conf|-e")
if [ $# -gt 0 ]; then FILES=("$@"); else
  FILES=(); for f in "$DIR"/*.conf; do FILES+=("$(basename "$f")"); done
  for a in "${ABSENT[@]}"; do FILES+=("${a%%|*}"); done
fi
cd "$DIR"
chmod 0777 ./*-world-writable.sh 2>/dev/null
for f in "${FILES[@]}"; do
  args=""
  for a in "${ABSENT[@]}"; do [ "${a%%|*}" = "$f" ] && args=${a#*|}; done
  [ -f "$f" ] && args=$(head -c 300 "$f" | head -n1 | sed -n 's/^# k4j-args: *//p')
  # shellcheck disable=SC2086
  timeout -k 2 10 ip netns exec "$NS" "$KA" -t -f "$DIR/$f" $args >"$OUT/$f.out" 2>&1 </dev/null
  rc=$?
  case $rc in
    124|137) rc=hang ;;
    139) rc=segv ;;
    13[0-9]|14[0-9]) rc=sig$((rc-128)) ;;
  esac
  sed -i "s#$DIR/##g" "$OUT/$f.out"
  printf '%s\t%s\t%s\n' "$f" "$rc" "$args"
  if [ $CHECK = 1 ]; then
    exp=$(awk -F'\t' -v f="$f" '$1==f {print $2}' "$DIR/expected.tsv")
    if [ "$exp" != "$rc" ]; then echo "MISMATCH $f expected=$exp got=$rc"; BAD=1; fi
  fi
done
exit $BAD
