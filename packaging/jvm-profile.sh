# shellcheck shell=bash
# Sourced by ./keepalived4j and the installed wrapper: k4j_jvm_options DIR ARGS... fills the array
# k4j_opts with DIR/jvm-options, plus DIR/jvm-options-proxy when ARGS start the daemon with the
# userspace proxy (see that file). KEEPALIVED4J_JVM_DEFAULTS=1 leaves both out.
k4j_jvm_options() {
  local dir=$1 line conf=/etc/keepalived/keepalived.conf proxy=1 prev=""
  shift
  k4j_opts=()
  [[ ${KEEPALIVED4J_JVM_DEFAULTS:-0} == 1 ]] && return 0
  while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] || k4j_opts+=("$line")
  done <"$dir/jvm-options"
  # A subcommand (demo, check, lvs, genhash, ...) is no daemon.
  [[ $# -gt 0 && $1 != -* ]] && return 0
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
