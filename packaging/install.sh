#!/usr/bin/env bash
# Installs keepalived4j for production: a root-owned copy of the jar and its JVM options under
# $PREFIX/lib/keepalived4j, and $PREFIX/sbin/keepalived4j, a wrapper that only runs that jar (it
# never builds or reads the checkout), plus a systemd unit (Type=notify: the daemon says READY,
# RELOADING and STOPPING and feeds WatchdogSec from its VRRP loop; reload is SIGHUP). Build the
# jar first, as any user:
#
#   .ci/mvn -B -DskipTests package          # target/keepalived4j.jar
#   sudo packaging/install.sh               # PREFIX=/usr/local, unit in /etc/systemd/system
#   sudo systemctl daemon-reload && sudo systemctl enable --now keepalived4j
#
# Environment: PREFIX (default /usr/local), DESTDIR (staging root, default none), UNIT_DIR
# (default /etc/systemd/system; empty: no unit), JAR (default target/keepalived4j.jar), RUNTIME:
# "jdk" (default: the wrapper finds a JDK 25+ at each start) or "jlink" (a private Java runtime
# under $PREFIX/lib/keepalived4j/runtime, made with this machine's JDK 25: the install then needs
# no JDK on the host; re-run install.sh to take a JDK's security updates).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
repo=$(dirname "$here")
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}
unit_dir=${UNIT_DIR-/etc/systemd/system}
jar=${JAR:-$repo/target/keepalived4j.jar}
runtime=${RUNTIME:-jdk}
# What the daemon and its libraries use (jdeps --print-module-deps over the classes and the
# dependencies: Netty wants jdk.unsupported and java.logging, Logback java.xml, java.naming and
# java.management, our CPU-time reading jdk.management).
jlink_modules=java.base,java.logging,java.management,java.naming,java.xml,jdk.management,jdk.unsupported

[[ $(id -u) == 0 ]] || { echo "install.sh: run as root (the installed files must be root's)" >&2; exit 1; }
[[ -f $jar ]] || { echo "install.sh: $jar is missing: build it first (.ci/mvn -B -DskipTests package)" >&2; exit 1; }
[[ $runtime == jdk || $runtime == jlink ]] || { echo "install.sh: RUNTIME must be jdk or jlink, not '$runtime'" >&2; exit 1; }

lib=$dest$prefix/lib/keepalived4j
sbin=$dest$prefix/sbin
install -d -o root -g root -m 0755 "$lib" "$sbin"
install -o root -g root -m 0644 "$jar" "$lib/keepalived4j.jar"
install -o root -g root -m 0644 "$repo/packaging/jvm-options" "$lib/jvm-options"
install -o root -g root -m 0644 "$repo/packaging/jvm-options-proxy" "$lib/jvm-options-proxy"
install -o root -g root -m 0644 "$repo/packaging/jvm-profile.sh" "$lib/jvm-profile.sh"
install -o root -g root -m 0644 "$repo/.ci/jdk.sh" "$lib/jdk.sh"
if [[ $runtime == jlink ]]; then
  # shellcheck source=../.ci/jdk.sh
  . "$repo/.ci/jdk.sh" || exit 1
  rm -rf "$lib/runtime"
  # The CDS archive is the JDK's own start-up speed-up (a JDK ships one; a jlink image must make it).
  "$JAVA_HOME/bin/jlink" --add-modules "$jlink_modules" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive --output "$lib/runtime" >/dev/null
  chown -R root:root "$lib/runtime"
  chmod -R go-w "$lib/runtime"
else
  # A runtime from an earlier RUNTIME=jlink install would otherwise still be preferred.
  rm -rf "$lib/runtime"
fi

# The AOT cache (packaging/jvm-profile.sh), made now by the java the wrapper will find, from an
# example's -t. Only for a real install: the cache names the jar's path, which DESTDIR changes.
rm -f "$lib/keepalived4j.aot"
if [[ -z $dest ]]; then
  (
    if [[ -x $lib/runtime/bin/java ]]; then
      export JAVA_HOME=$lib/runtime PATH=$lib/runtime/bin:$PATH
    else
      # shellcheck source=../.ci/jdk.sh
      . "$repo/.ci/jdk.sh" || exit 1
    fi
    # shellcheck source=jvm-profile.sh
    . "$repo/packaging/jvm-profile.sh"
    k4j_jvm_options "$lib" -t
    if k4j_aot_build java "$lib/keepalived4j.jar" "$lib/keepalived4j.aot" "$repo/examples/seed-004-lvs-dr-master.conf"; then
      chmod 0644 "$lib/keepalived4j.aot"
    else
      echo "install.sh: no AOT cache made (the daemon starts without it)" >&2
    fi
  )
fi

# The wrapper: the private runtime if there is one, else the JDK 25 search (the same as the
# checkout's), the JVM options, the jar. Nothing else.
tmp=$(mktemp)
cat >"$tmp" <<WRAPPER
#!/usr/bin/env bash
# keepalived4j, installed by packaging/install.sh: runs $prefix/lib/keepalived4j/keepalived4j.jar.
set -euo pipefail
lib=$prefix/lib/keepalived4j
if [[ -x \$lib/runtime/bin/java ]]; then
  export JAVA_HOME=\$lib/runtime PATH=\$lib/runtime/bin:\$PATH
else
  # shellcheck source=/dev/null
  . "\$lib/jdk.sh" || exit 1
fi
# shellcheck source=/dev/null
. "\$lib/jvm-profile.sh"
k4j_jvm_options "\$lib" "\$@"
k4j_aot_option "\$lib/keepalived4j.jar" "\$lib/keepalived4j.aot"
opts=("\${k4j_opts[@]}")
# shellcheck disable=SC2206
extra=(\${KEEPALIVED4J_JAVA_OPTS:-})
exec java --enable-native-access=ALL-UNNAMED "\${opts[@]}" "\${extra[@]}" -jar "\$lib/keepalived4j.jar" "\$@"
WRAPPER
install -o root -g root -m 0755 "$tmp" "$sbin/keepalived4j"
rm -f "$tmp"

if [[ -n $unit_dir ]]; then
  install -d -m 0755 "$dest$unit_dir"
  tmp=$(mktemp)
  cat >"$tmp" <<UNIT
[Unit]
Description=keepalived4j: VRRP failover and load balancing (keepalived-compatible)
After=network-online.target
Wants=network-online.target
ConditionFileNotEmpty=/etc/keepalived/keepalived.conf

[Service]
# The daemon sends READY=1 once its instances run, RELOADING=1/READY=1 around a reload and
# STOPPING=1 when it stops (sd_notify over \$NOTIFY_SOCKET); only the main process may.
Type=notify
NotifyAccess=main
# Extra flags (e.g. KEEPALIVED4J_OPTIONS="-D" or "-S 0") and KEEPALIVED4J_JAVA_OPTS go here.
EnvironmentFile=-/etc/default/keepalived4j
ExecStart=$prefix/sbin/keepalived4j -n -f /etc/keepalived/keepalived.conf \$KEEPALIVED4J_OPTIONS
# keepalived's reload: SIGHUP (a configuration that fails its check keeps the old one running).
ExecReload=/bin/kill -HUP \$MAINPID
# The JVM starts in about a second; the pre-touched heap and a slow disk may take longer.
TimeoutStartSec=60
# A stop ends within 10 s (priority-0 adverts, VIPs removed); allow for the JVM's exit.
TimeoutStopSec=20
# Pinged every 5 s by a task that runs on the VRRP loop: a hung loop or JVM misses it and is
# killed and restarted (the daemon's own loop watchdog normally stops it sooner, cleanly).
WatchdogSec=10
# A daemon that stopped itself because a component kept failing exits 1, and a missed watchdog
# is a failure too: start it again.
Restart=on-failure
RestartSec=2
# SIGTERM to the daemon only (it stops its scripts itself); what is left after the stop is killed.
KillMode=mixed

[Install]
WantedBy=multi-user.target
UNIT
  install -o root -g root -m 0644 "$tmp" "$dest$unit_dir/keepalived4j.service"
  rm -f "$tmp"
fi
own_runtime=""
[[ $runtime == jlink ]] && own_runtime=", its own Java runtime in $lib/runtime"
echo "installed: $sbin/keepalived4j -> $lib/keepalived4j.jar${unit_dir:+, $dest$unit_dir/keepalived4j.service}$own_runtime"
