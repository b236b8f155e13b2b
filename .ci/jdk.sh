# shellcheck shell=bash
# Sourceable: finds a JDK 25+ and exports JAVA_HOME and PATH to use it.
#
#   . .ci/jdk.sh || exit 1
#
# Search order (the launcher ./keepalived4j and .ci/mvn share this file, so they always agree):
#   1. $JAVA_HOME, if its bin/java is 25+;
#   2. `java` on PATH, if it is 25+ (JAVA_HOME becomes the JDK it belongs to);
#   3. the newest /usr/lib/jvm/* whose bin/java is 25+.
# Debian 12's default java is 17, which can neither build nor run keepalived4j; that is why
# step 3 exists. Returns non-zero with a message on stderr when nothing fits.

k4j_min_java=25

# The JDK that a java binary belongs to: /usr/bin/java is usually a chain of alternatives
# symlinks, and the real binary sits in $JDK/bin.
k4j_home_of() { dirname "$(dirname "$(readlink -f "$1")")"; }

# Prints the feature release (17, 21, 25...) of the java binary $1; fails if it is not one.
# The JDK's `release` file answers without starting a JVM (the launcher runs this on every
# start, and each JVM start costs ~100 ms); without that file we ask the binary itself.
k4j_java_feature() {
  local java=$1 home out
  [[ -x $java ]] || return 1
  home=$(k4j_home_of "$java")
  if [[ -r $home/release ]]; then
    out=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" | head -n 1)
  fi
  if [[ ! ${out:-} =~ ^[0-9]+$ ]]; then
    # java.specification.version is "25" for JDK 25 (and "1.8" for ancient ones, which then fail below).
    out=$("$java" -XshowSettings:properties -version 2>&1 \
          | sed -n 's/^ *java\.specification\.version = \([0-9][0-9.]*\)$/\1/p' | head -n 1)
  fi
  [[ $out =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$out"
}

# True when $1 is a java binary of release >= k4j_min_java.
k4j_java_ok() {
  local v
  v=$(k4j_java_feature "$1") || return 1
  (( v >= k4j_min_java ))
}

k4j_find_jdk() {
  local home="" j best="" best_v=0 v d
  if [[ -n ${JAVA_HOME:-} ]] && k4j_java_ok "$JAVA_HOME/bin/java"; then
    home=$JAVA_HOME
  elif j=$(command -v java 2>/dev/null) && k4j_java_ok "$j"; then
    home=$(k4j_home_of "$j")
  else
    for d in /usr/lib/jvm/*/; do
      d=${d%/}
      [[ -L $d ]] && continue   # Debian's version-less aliases (e.g. default-java) point at real dirs we visit anyway
      v=$(k4j_java_feature "$d/bin/java") || continue
      if (( v >= k4j_min_java && v > best_v )); then best_v=$v; best=$d; fi
    done
    home=$best
  fi
  if [[ -z $home ]]; then
    printf 'keepalived4j: no JDK %s or newer found (looked at JAVA_HOME=%s, java on PATH: %s, /usr/lib/jvm/*).\n' \
      "$k4j_min_java" "${JAVA_HOME:-<unset>}" "$(command -v java 2>/dev/null || echo none)" >&2
    printf 'keepalived4j: install a JDK %s+ (e.g. Temurin under /usr/lib/jvm) or point JAVA_HOME at one.\n' "$k4j_min_java" >&2
    return 1
  fi
  export JAVA_HOME=$home
  case ":$PATH:" in
    ":$home/bin:"*) ;;                      # already first: keep PATH tidy when sourced repeatedly
    *) export PATH="$home/bin:$PATH" ;;
  esac
}

k4j_find_jdk
