# shellcheck shell=bash
# Sourced by ./keepalived4j and the installed wrapper: k4j_jvm_options DIR ARGS... fills the array
# k4j_opts with DIR/jvm-options, plus DIR/jvm-options-proxy when ARGS start the daemon with the
# userspace proxy (see that file). KEEPALIVED4J_JVM_DEFAULTS=1 leaves both out.
k4j_jvm_options() {
  local dir=$1 line conf=/etc/keepalived/keepalived.conf proxy=1 prev=""
  shift
  k4j_opts=()
  # HotSpot suspends threads (JFR's sampler, some diagnostics) with SIGUSR2 unless told otherwise,
  # and SIGUSR2 is keepalived's "write the stats": give the JVM a free real-time signal instead.
  export _JAVA_SR_SIGNUM=${_JAVA_SR_SIGNUM:-44}
  [[ ${KEEPALIVED4J_JVM_DEFAULTS:-0} == 1 ]] && return 0
  # A subcommand (demo, check, lvs, genhash, ...) or -t/-v/-h is a short-lived tool, no daemon: it
  # gets no fixed, pre-touched heap (that costs a -t run time and 64 MiB it does not use).
  local tool=0
  [[ $# -gt 0 && $1 != -* ]] && tool=1
  for a in "$@"; do
    case $a in
      -t | --config-test | --config-test=* | -v | --version | -h | --help) tool=1 ;;
    esac
  done
  while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    if ((tool)) && [[ $line == -Xms* || $line == -Xmn* || $line == -Xmx* || $line == -XX:+AlwaysPreTouch ]]; then
      continue
    fi
    k4j_opts+=("$line")
  done <"$dir/jvm-options"
  ((tool)) && return 0
  for a in "$@"; do
    case $prev in
      -f | --use-file) conf=$a ;;
      --data-plane) [[ $a == none || $a == ipvs ]] && proxy=0 ;;
    esac
    case $a in
      -P | --vrrp | -t | --config-test | --config-test=* | -v | --version | -h | --help) proxy=0 ;;
      --data-plane=none | --data-plane=ipvs) proxy=0 ;;
      --use-file=*) conf=${a#--use-file=} ;;
      -f?*) conf=${a#-f} ;;
    esac
    prev=$a
  done
  if ((proxy)) && [[ -r $conf ]] && grep -Eq '^[[:space:]]*virtual_server[[:space:]]' "$conf" 2>/dev/null \
    && [[ -r $dir/jvm-options-proxy ]]; then
    while IFS= read -r line; do
      [[ -z $line || $line == \#* ]] || k4j_opts+=("$line")
    done <"$dir/jvm-options-proxy"
  fi
}

# The JDK's AOT cache (JEP 483/514): the classes a `-t` run of CONF loads and links, with their
# profiles, mapped at start instead of loaded again (-t on a small file: 0.38 s -> 0.15 s; the
# daemon's start reads the configuration the same way). Built where it is used (install time, or
# the checkout's first start after a build), never committed: a cache is tied to its JDK and jar.
# k4j_aot_build JAVA JAR CACHE CONF, after k4j_jvm_options (the cache is made under those options).
k4j_aot_build() {
  local java=$1 jar=$2 cache=$3 conf=$4 tmp
  tmp=$cache.tmp.$$
  # -t exits non-zero when CONF names interfaces this host lacks: the classes were loaded all the same.
  "$java" --enable-native-access=ALL-UNNAMED "${k4j_opts[@]}" -XX:AOTCacheOutput="$tmp" -Xlog:aot=off -Xlog:cds=off \
    -jar "$jar" -t -f "$conf" >/dev/null 2>&1 || true
  if [[ -s $tmp ]]; then
    mv -f "$tmp" "$cache"
  fi
  rm -f "$tmp" "$tmp.config"
  [[ -s $cache && ! $jar -nt $cache ]]
}

# k4j_aot_option JAR CACHE: adds the cache to k4j_opts when it was made from this JAR (not older
# than it). A cache the JVM cannot use (another JDK) is skipped silently (-Xlog off), never fatal.
k4j_aot_option() {
  [[ ${KEEPALIVED4J_JVM_DEFAULTS:-0} == 1 ]] && return 0
  if [[ -s $2 && ! $1 -nt $2 ]]; then
    k4j_opts+=("-XX:AOTCache=$2" -Xlog:aot=off -Xlog:cds=off)
  fi
  return 0
}
