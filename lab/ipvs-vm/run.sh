#!/usr/bin/env bash
# Runs a shell script inside Debian's own kernel (linux-image-amd64, which has IPVS as modules) in
# qemu with software emulation (TCG: KVM on the development machine cannot boot a stock kernel,
# see README.md), and prints the guest's serial console. The guest has no network device unless
# K4J_VM_TAP names a host tap. Its initramfs holds static busybox, the IPVS modules (every
# scheduler), dummy, and Debian's ipvsadm, strace and keepalived with their libraries, so a guest
# script can drive IPVS with the reference tools and capture the netlink bytes they exchange with
# the kernel; with K4J_VM_JAVA it also runs a JDK (and so keepalived4j itself) from the host.
#
#   lab/ipvs-vm/run.sh GUEST_SCRIPT [LOG]       (root: apt-get download/install on first use)
#
# The guest runs GUEST_SCRIPT with busybox sh after mounting proc/sys/dev/run/tmp, loading the
# modules, mounting the shares and sourcing /guest.env, then powers off. Lines it prints appear on
# stdout (and in LOG when given); the last line is "GUEST_EXIT <status>", and run.sh exits 0 when
# that status is 0, 1 when it is not, 3 when the guest did not finish in time, 2 on a usage error.
# Downloads and the unpacked kernel are cached in $K4J_VM_CACHE (default
# /var/cache/keepalived4j/ipvs-vm); the initramfs is built afresh for every boot, in a temp dir.
#
# Optional environment (all unset: the guest of the IPVS captures, unchanged):
#   K4J_VM_LIMIT=120        seconds a boot may take, then qemu is killed
#   K4J_VM_MEM=256          guest memory in MiB (1024 when K4J_VM_JAVA is set)
#   K4J_VM_SHARE=d1:d2:...  host directories mounted read-only over 9p AT THE SAME PATH in the guest
#   K4J_VM_JAVA=/jdk/home   a JDK: its libraries' system dependencies (ldd) go into the initramfs and
#                           the JDK directory is shared, so /jdk/home/bin/java runs in the guest
#   K4J_VM_TAP=tapname      one virtio-net NIC (the guest's eth0) on this existing host tap; run.sh
#                           must run where the tap is (e.g. ip netns exec NS lab/ipvs-vm/run.sh ...)
#   K4J_VM_MAC=52:54:..     that NIC's MAC (default: random, locally administered)
#   K4J_VM_ENV="A=1 B=2"    NAME=VALUE exported to the guest script (written to /guest.env); one per
#                           line, or several on a line separated by blanks (values without blanks)
#   K4J_VM_FILES="h:g ..."  host file or directory h copied into the initramfs at guest path g
#                           (blank- or newline-separated)
#   K4J_VM_MODULES="m ..."  more modules of the guest kernel to load (with their depends=)
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
GUEST=${1:?usage: run.sh GUEST_SCRIPT [LOG]}
LOG=${2:-}
[[ -r $GUEST ]] || { echo "run.sh: cannot read $GUEST" >&2; exit 2; }
CACHE=${K4J_VM_CACHE:-/var/cache/keepalived4j/ipvs-vm}
LIMIT=${K4J_VM_LIMIT:-120}
JAVA_HOME_VM=${K4J_VM_JAVA:-}
if [[ -n $JAVA_HOME_VM ]]; then
  JAVA_HOME_VM=$(readlink -f "$JAVA_HOME_VM")
  [[ -x $JAVA_HOME_VM/bin/java && -f $JAVA_HOME_VM/lib/server/libjvm.so ]] \
    || { echo "run.sh: K4J_VM_JAVA=$K4J_VM_JAVA is no JDK home (bin/java, lib/server/libjvm.so)" >&2; exit 2; }
  MEM=${K4J_VM_MEM:-1024}
else
  MEM=${K4J_VM_MEM:-256}
fi
# The 9p shares: K4J_VM_SHARE plus the JDK, each an existing directory, without duplicates, parents
# before children (the guest mounts them in this order).
SHARES=()
IFS=: read -r -a share_args <<<"${K4J_VM_SHARE:-}"
[[ -n $JAVA_HOME_VM ]] && share_args+=("$JAVA_HOME_VM")
for d in "${share_args[@]}"; do
  [[ -z $d ]] && continue
  [[ -d $d ]] || { echo "run.sh: K4J_VM_SHARE: $d is not a directory" >&2; exit 2; }
  d=$(readlink -f "$d")
  [[ $d == *[,[:space:]]* ]] && { echo "run.sh: K4J_VM_SHARE: commas and blanks in $d are not supported" >&2; exit 2; }
  SHARES+=("$d")
done
if ((${#SHARES[@]})); then
  mapfile -t SHARES < <(printf '%s\n' "${SHARES[@]}" | awk '!seen[$0]++ {print length($0) "\t" $0}' | sort -s -n -k1,1 | cut -f2-)
fi
TAP=${K4J_VM_TAP:-}
if [[ -n $TAP && ! -e /sys/class/net/$TAP ]]; then
  echo "run.sh: K4J_VM_TAP=$TAP: no such interface here (run.sh must run in the tap's namespace)" >&2; exit 2
fi
MAC=${K4J_VM_MAC:-$(printf '52:54:00:%02x:%02x:%02x' $((RANDOM % 256)) $((RANDOM % 256)) $((RANDOM % 256)))}
mkdir -p "$CACHE/debs"

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
command -v ipvsadm >/dev/null || need+=(ipvsadm)
command -v strace >/dev/null || need+=(strace)
command -v keepalived >/dev/null || need+=(keepalived)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  [[ $(id -u) == 0 ]] || { echo "run.sh: missing ${need[*]}: apt-get install ${need[*]} (as root)" >&2; exit 2; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

# Sessions may boot guests in parallel: one at a time prepares the cache (downloads, unpacking).
exec 9>"$CACHE/.lock"
flock -w 600 9 || { echo "run.sh: $CACHE/.lock stays locked" >&2; exit 2; }

# The kernel package linux-image-amd64 points at (e.g. linux-image-6.1.0-57-amd64) and static busybox.
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[[ -n $KPKG ]] || { echo "run.sh: apt knows no linux-image-amd64 (apt-get update?)" >&2; exit 2; }
(
  cd "$CACHE/debs"
  ls "$KPKG"_*.deb >/dev/null 2>&1 || apt-get download -q "$KPKG" >/dev/null
  ls busybox-static_*.deb >/dev/null 2>&1 || apt-get download -q busybox-static >/dev/null
)
if [[ ! -d $CACHE/kroot-$KPKG/boot ]]; then
  rm -rf "$CACHE"/kroot-*; mkdir "$CACHE/kroot-$KPKG"; dpkg-deb -x "$CACHE/debs/$KPKG"_*.deb "$CACHE/kroot-$KPKG"
fi
if [[ ! -x $CACHE/bb/bin/busybox ]]; then
  rm -rf "$CACHE/bb"; mkdir "$CACHE/bb"; dpkg-deb -x "$CACHE/debs"/busybox-static_*.deb "$CACHE/bb"
fi
KROOT=$CACHE/kroot-$KPKG
KVER=$(ls "$KROOT/lib/modules" | head -1)
MODDIR=$KROOT/lib/modules/$KVER

# The uncompressed kernel (PVH entry: qemu boots it without BIOS or decompressor, 2.5 s to a shell).
if [[ ! -s $CACHE/vmlinux-$KVER ]]; then
  python3 - "$KROOT/boot/vmlinuz-$KVER" "$CACHE/vmlinux.xz" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
open(sys.argv[2], 'wb').write(d[d.find(b'\xfd7zXZ\x00'):])
PY
  xz -dc "$CACHE/vmlinux.xz" >"$CACHE/vmlinux-$KVER.tmp" 2>/dev/null || true  # trailing bytes after the stream
  mv "$CACHE/vmlinux-$KVER.tmp" "$CACHE/vmlinux-$KVER"; rm -f "$CACHE/vmlinux.xz"
fi

flock -u 9; exec 9>&-

IR=$(mktemp -d)
WORK=$(mktemp -d)
trap 'rm -rf "$IR" "$WORK"' EXIT

# Module load order from each module's depends= (the .deb has no modules.dep). crc32c_generic: libcrc32c
# asks the crypto API for crc32c at init, which would need a modprobe in the guest. dummy: guest
# scripts make interfaces for VIPs and real servers. virtio_pci and 9p for the shares, virtio_net
# for the tap (its depends= bring virtio, virtio_ring, net_failover, 9pnet...).
modules=(crc32c_generic ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr
  ip_vs_dh ip_vs_sh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh dummy)
((${#SHARES[@]})) && modules+=(virtio_pci 9pnet_virtio 9p)
[[ -n $TAP ]] && modules+=(virtio_pci virtio_net)
read -r -a extra_modules <<<"${K4J_VM_MODULES:-}"
modules+=("${extra_modules[@]}")
python3 - "$MODDIR" "${modules[@]}" >"$WORK/modules.list" <<'PY'
import os, re, sys
moddir, wanted = sys.argv[1], sys.argv[2:]
path, builtin = {}, set()
if os.path.exists(os.path.join(moddir, 'modules.builtin')):
    builtin = {os.path.basename(l.strip())[:-3].replace('-', '_') for l in open(os.path.join(moddir, 'modules.builtin'))}
for root, _, files in os.walk(moddir):
    for f in files:
        if f.endswith('.ko'): path[f[:-3].replace('-', '_')] = os.path.relpath(os.path.join(root, f), moddir)
def deps(m):
    data = open(os.path.join(moddir, path[m]), 'rb').read()
    mm = re.search(rb'\x00depends=([^\x00]*)\x00', data)
    return [d.replace('-', '_') for d in mm.group(1).decode().split(',') if d] if mm else []
order, seen = [], set()
def visit(m):
    if m in seen or m in builtin: return
    if m not in path: sys.exit('run.sh: the guest kernel has no module ' + m + ' (built in? see its config)')
    seen.add(m)
    for d in deps(m): visit(d)
    order.append(m)
for w in wanted: visit(w)
for m in order: print(path[m])
PY

mkdir -p "$IR"/{bin,sbin,usr/sbin,usr/bin,proc,sys,dev,run,tmp,etc/keepalived,lib/modules,lib64,lib/x86_64-linux-gnu}
cp "$CACHE/bb/bin/busybox" "$IR/bin/busybox"
for tool in /usr/sbin/ipvsadm /usr/bin/strace /usr/sbin/keepalived; do
  cp "$tool" "$IR$tool"
  for lib in $(ldd "$tool" | awk '/=>/ && $3 ~ /^\// {print $3} /ld-linux/ {print $1}'); do
    mkdir -p "$IR$(dirname "$lib")"; cp -L "$lib" "$IR$lib"
  done
done
echo "root:x:0:0:root:/root:/bin/sh" >"$IR/etc/passwd"
echo "root:x:0:" >"$IR/etc/group"
# What a JVM (and any libc program) asks of the system: its host name resolves, files-only NSS.
printf '127.0.0.1 localhost\n127.0.1.1 k4j-guest\n::1 localhost ip6-localhost\n' >"$IR/etc/hosts"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$IR/etc/nsswitch.conf"
echo k4j-guest >"$IR/etc/hostname"
mkdir -p "$IR/root"
while read -r m; do cp "$MODDIR/$m" "$IR/lib/modules/"; basename "$m"; done <"$WORK/modules.list" >"$IR/modules.order"
if [[ -n $JAVA_HOME_VM ]]; then
  # The JDK itself comes over 9p; the system libraries its launcher and libraries link against come
  # in the initramfs (not the GUI ones: no X11 or ALSA in a headless daemon). Libraries inside the
  # JDK are found by their RPATH on the share. libgcc_s: glibc dlopens it to unwind a thread on
  # pthread_exit/cancel.
  for f in "$JAVA_HOME_VM/bin/java" "$JAVA_HOME_VM"/lib/*.so "$JAVA_HOME_VM/lib/server/libjvm.so"; do
    case ${f##*/} in libawt_xawt.so|libjsound.so|libsplashscreen.so) continue ;; esac
    ldd "$f" 2>/dev/null | awk '/=>/ && $3 ~ /^\// {print $3} /^[[:space:]]*\/[^ ]*ld-linux/ {print $1}'
  done | sort -u | grep -v "^$JAVA_HOME_VM/" >"$WORK/jdk.libs" || true
  for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1; do [[ -e $extra ]] && echo "$extra"; done >>"$WORK/jdk.libs"
  while read -r lib; do mkdir -p "$IR$(dirname "$lib")"; cp -L "$lib" "$IR$lib"; done <"$WORK/jdk.libs"
fi
: >"$IR/shares"
for i in "${!SHARES[@]}"; do echo "k4j$i ${SHARES[$i]}" >>"$IR/shares"; done
: >"$IR/guest.env"
if [[ -n ${K4J_VM_ENV:-} ]]; then
  if [[ $K4J_VM_ENV == *$'\n'* ]]; then mapfile -t envs <<<"$K4J_VM_ENV"; else read -r -a envs <<<"$K4J_VM_ENV"; fi
  for kv in "${envs[@]}"; do
    [[ -z $kv ]] && continue
    [[ $kv =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || { echo "run.sh: K4J_VM_ENV: not NAME=VALUE: $kv" >&2; exit 2; }
    printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}" >>"$IR/guest.env"
  done
fi
if [[ -n ${K4J_VM_FILES:-} ]]; then
  read -r -d '' -a files <<<"$K4J_VM_FILES" || true
  for hg in "${files[@]}"; do
    h=${hg%%:*} g=${hg#*:}
    [[ $hg == *:* && -e $h && $g == /* ]] || { echo "run.sh: K4J_VM_FILES: not HOSTPATH:/GUESTPATH: $hg" >&2; exit 2; }
    mkdir -p "$IR$(dirname "$g")"; cp -a "$h" "$IR$g"
  done
fi
cp "$GUEST" "$IR/guest.sh"
cat >"$IR/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp
mkdir -p /dev/shm /dev/pts; mount -t tmpfs tmpfs /dev/shm; mount -t devpts devpts /dev/pts
hostname k4j-guest
ip link set lo up
for m in $(cat /modules.order); do
  args=; [ "$m" = dummy.ko ] && args=numdummies=0   # no dummy0: guest scripts add their own
  insmod /lib/modules/$m $args || echo "GUEST insmod $m FAILED"
done
while read -r tag dir; do
  mkdir -p "$dir"
  mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose "$tag" "$dir" || echo "GUEST mount $dir FAILED"
done </shares
echo "GUEST_START $(uname -r) uptime $(cut -d' ' -f1 /proc/uptime)"
cd /
sh -c '. /guest.env && exec sh /guest.sh'
echo "GUEST_EXIT $?"
poweroff -f
INIT
chmod +x "$IR/init"
(cd "$IR" && find . | "$CACHE/bb/bin/busybox" cpio -o -H newc 2>/dev/null) | gzip -1 >"$WORK/initramfs.cpio.gz"

devices=()
for i in "${!SHARES[@]}"; do
  devices+=(-fsdev "local,id=k4jfs$i,path=${SHARES[$i]},security_model=none,readonly=on"
            -device "virtio-9p-pci,fsdev=k4jfs$i,mount_tag=k4j$i")
done
[[ -n $TAP ]] && devices+=(-netdev "tap,id=k4jnet,ifname=$TAP,script=no,downscript=no"
                           -device "virtio-net-pci,netdev=k4jnet,mac=$MAC")

# Boot, bounded; the console is copied to stdout (and LOG). qemu is our child, killed by PID at the limit.
python3 - "$LIMIT" "${LOG:-/dev/null}" -accel tcg -m "$MEM" -smp 1 -nodefaults -no-user-config -display none \
    -serial stdio -monitor none -nic none -no-reboot "${devices[@]}" \
    -kernel "$CACHE/vmlinux-$KVER" -initrd "$WORK/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet loglevel=3 panic=-1 rdinit=/init" <<'PY'
import subprocess, sys, threading
limit, log, args = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
p = subprocess.Popen(['qemu-system-x86_64'] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     stdin=subprocess.DEVNULL)
timer = threading.Timer(limit, p.kill)
timer.daemon = True  # an error below must not leave the interpreter waiting for the limit
timer.start()
exit_seen = None
with open(log, 'w') as f:
    for raw in p.stdout:
        line = raw.decode(errors='replace').rstrip('\r\n')
        print(line, flush=True)
        f.write(line + '\n')
        if line.startswith('GUEST_EXIT '):
            exit_seen = line.split()[1]
timer.cancel()
p.wait()
if exit_seen is None:
    print('run.sh: the guest did not finish within %.0f s' % limit, file=sys.stderr)
    sys.exit(3)
sys.exit(0 if exit_seen == '0' else 1)
PY
