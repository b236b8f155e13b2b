#!/usr/bin/env bash
# Config-parse benchmark: keepalived4j vs keepalived 2.x on one large generated configuration
# (1,000 vrrp_instances; 100 virtual_servers x 100 real_servers). Not a test; CI does not run it.
#
#   sudo benchmarks/config-parse/run.sh            # 5 runs of each variant, then the in-process numbers
#   RUNS=10 KA4J_JAR=/path/keepalived4j.jar sudo benchmarks/config-parse/run.sh
#
# Needs root (it creates a network namespace with eth0..eth3 so that both programs find the
# interfaces the configuration names, and removes it on exit), keepalived, and /usr/bin/time
# (installed with apt-get when missing). Output and the generated file go to
# benchmarks/config-parse/work/ (ignored); the summary is printed and written to
# work/results.txt. docs/bench-config-parse.md records a run.
set -euo pipefail

here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(cd "$here/../.." && pwd)
work=$here/work
runs=${RUNS:-5}
mkdir -p "$work"

# shellcheck source=../../.ci/jdk.sh
. "$repo/.ci/jdk.sh" || exit 1

[[ $(id -u) -eq 0 ]] || { echo "run.sh: needs root for the network namespace" >&2; exit 1; }
command -v keepalived >/dev/null || { echo "run.sh: keepalived not installed (apt-get install keepalived)" >&2; exit 1; }
if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y -q time >/dev/null
fi

# A private copy of the product jar, so a rebuild by someone else mid-run cannot change it.
jar=$work/keepalived4j.jar
if [[ -n ${KA4J_JAR:-} ]]; then
  cp "$KA4J_JAR" "$jar"
else
  (cd "$repo" && .ci/mvn -q -B -o -DskipTests package 2>/dev/null || .ci/mvn -q -B -DskipTests package)
  cp "$repo/target/keepalived4j.jar" "$jar"
fi

conf=$work/bench.conf
java "$here/GenerateConfig.java" "$conf" 1000 100 100

ns=k4j-bench-$$
cleanup() { ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
for i in 0 1 2 3; do
  ip -n "$ns" link add "eth$i" type veth peer name "peer$i"
  ip -n "$ns" link set "eth$i" up
  ip -n "$ns" link set "peer$i" up
done
ip -n "$ns" link set lo up

# One measured run: prints "wall_seconds max_rss_kib exit_status".
measure() {
  local log=$1; shift
  ip netns exec "$ns" /usr/bin/time -v "$@" >"$log.out" 2>"$log.err" || true
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /Maximum resident set size/ { rss = $2 }
    /Exit status/ { rc = $2 }
    END { printf "%.3f %d %d\n", wall, rss, rc }' "$log.err"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

tiny=$work/tiny.conf
printf 'global_defs {\n    router_id tiny\n}\n' >"$tiny"

# As the launcher runs -t: its options for a tool (packaging/jvm-profile.sh) and an AOT cache made
# from an example's -t for this jar, as ./keepalived4j and packaging/install.sh make it.
# shellcheck source=../../packaging/jvm-profile.sh
. "$repo/packaging/jvm-profile.sh"
k4j_jvm_options "$repo/packaging" -t
aot=$work/keepalived4j.aot
k4j_aot_build java "$jar" "$aot" "$repo/examples/seed-004-lvs-dr-master.conf" || echo "run.sh: no AOT cache made" >&2
launcher="${k4j_opts[*]} -XX:AOTCache=$aot -Xlog:aot=off -Xlog:cds=off"

# name|command...: each variant is measured $runs times, alternating, in the namespace.
variants=(
  "keepalived4j -t|java --enable-native-access=ALL-UNNAMED -jar $jar -t -f $conf"
  "keepalived -t|keepalived -t -f $conf"
  "keepalived4j -t, SerialGC C1|java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar -t -f $conf"
  "keepalived4j -t, tiny config|java --enable-native-access=ALL-UNNAMED -jar $jar -t -f $tiny"
  "keepalived -t, tiny config|keepalived -t -f $tiny"
  "keepalived4j -t, launcher options + AOT cache|java --enable-native-access=ALL-UNNAMED $launcher -jar $jar -t -f $conf"
  "keepalived4j -t, tiny, launcher options + AOT|java --enable-native-access=ALL-UNNAMED $launcher -jar $jar -t -f $tiny"
)
for v in "${!variants[@]}"; do : >"$work/variant-$v.txt"; done
for r in $(seq 1 "$runs"); do
  for v in "${!variants[@]}"; do
    # shellcheck disable=SC2086 # the command is split on blanks on purpose
    measure "$work/variant-$v-run-$r" ${variants[$v]#*|} >>"$work/variant-$v.txt"
  done
done

row() {  # variant index -> "wall rss_mib exits"
  local f=$work/variant-$1.txt
  printf '%s %s %s\n' "$(cut -d' ' -f1 "$f" | median)" \
    "$(cut -d' ' -f2 "$f" | median | awk '{ printf "%.1f", $1 / 1024 }')" "$(cut -d' ' -f3 "$f" | sort -u | tr '\n' ' ')"
}

{
  echo "== config-parse benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr)"
  echo "keepalived: $(keepalived -v 2>&1 | head -n 1)"
  echo "java: $(java -version 2>&1 | head -n 1)"
  echo "config: $(wc -c <"$conf") bytes, $(wc -l <"$conf") lines"
  echo "runs: $runs of each variant, interleaved; medians (every run: $work/variant-*.txt)"
  printf '%-32s %10s %16s %8s\n' "" "wall (s)" "peak RSS (MiB)" "exit"
  for v in "${!variants[@]}"; do
    read -r wall rss rc < <(row "$v")
    printf '%-32s %10s %16s %8s\n' "${variants[$v]%%|*}" "$wall" "$rss" "$rc"
  done
  read -r ow orss _ < <(row 0)
  read -r tw trss _ < <(row 1)
  awk -v ow="$ow" -v tw="$tw" -v orss="$orss" -v trss="$trss" \
    'BEGIN { printf "%-32s %10.1f %16.1f\n", "ratio keepalived4j / keepalived", ow / tw, orss / trss }'
  echo
  echo "== in-process (java -cp keepalived4j.jar ParseBench.java)"
  java -cp "$jar" "$here/ParseBench.java" "$conf" 30
  echo
  echo "== keepalived4j -t output, run 1 (first 5 lines; $(grep -c . "$work/variant-0-run-1.err") lines with /usr/bin/time's)"
  sed '/Command being timed/,$d' "$work/variant-0-run-1.err" | head -n 5
  echo "== keepalived -t output, run 1 (first 5 lines)"
  sed '/Command being timed/,$d' "$work/variant-1-run-1.err" | head -n 5 | grep . || echo "(no output: the configuration is clean for keepalived)"
} | tee "$work/results.txt"
