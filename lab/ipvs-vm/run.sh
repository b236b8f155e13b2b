#!/usr/bin/env bash
# Runs a shell script inside Debian's own kernel (linux-image-amd64, which has IPVS as modules) in
# qemu with software emulation (TCG: KVM on the development machine cannot boot a stock kernel,
# see README.md), and prints the guest's serial console. The guest has no network device: nothing
# leaves the machine. Its initramfs holds static busybox, the IPVS modules (every scheduler),
# and Debian's ipvsadm, strace and keepalived with their libraries, so a guest script can drive
# IPVS with the reference tools and capture the netlink bytes they exchange with the kernel.
#
#   lab/ipvs-vm/run.sh GUEST_SCRIPT [LOG]       (root: apt-get download/install on first use)
#
# The guest runs GUEST_SCRIPT with busybox sh after mounting proc/sys/dev/run/tmp and loading the
# modules, then powers off. Lines it prints appear on stdout (and in LOG when given); the last line
# is "GUEST_EXIT <status>". Downloads and the unpacked kernel are cached in $K4J_VM_CACHE
# (default /var/cache/keepalived4j/ipvs-vm); the initramfs is rebuilt when this script or the
# host's tools change. K4J_VM_LIMIT (seconds, default 120) bounds a boot; K4J_VM_MEM (MiB, 256).
set -euo pipefail
here=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
GUEST=${1:?usage: run.sh GUEST_SCRIPT [LOG]}
LOG=${2:-}
[[ -r $GUEST ]] || { echo "run.sh: cannot read $GUEST" >&2; exit 2; }
CACHE=${K4J_VM_CACHE:-/var/cache/keepalived4j/ipvs-vm}
LIMIT=${K4J_VM_LIMIT:-120}
MEM=${K4J_VM_MEM:-256}
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

# Module load order from each module's depends= (the .deb has no modules.dep). crc32c_generic: libcrc32c
# asks the crypto API for crc32c at init, which would need a modprobe in the guest.
python3 - "$MODDIR" crc32c_generic ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr \
    ip_vs_dh ip_vs_sh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh >"$CACHE/modules.list" <<'PY'
import os, re, sys
moddir, wanted = sys.argv[1], sys.argv[2:]
path = {}
for root, _, files in os.walk(moddir):
    for f in files:
        if f.endswith('.ko'): path[f[:-3].replace('-', '_')] = os.path.relpath(os.path.join(root, f), moddir)
def deps(m):
    data = open(os.path.join(moddir, path[m]), 'rb').read()
    mm = re.search(rb'\x00depends=([^\x00]*)\x00', data)
    return [d.replace('-', '_') for d in mm.group(1).decode().split(',') if d] if mm else []
order, seen = [], set()
def visit(m):
    if m in seen or m not in path: return
    seen.add(m)
    for d in deps(m): visit(d)
    order.append(m)
for w in wanted: visit(w)
for m in order: print(path[m])
PY

IR=$(mktemp -d)
trap 'rm -rf "$IR"' EXIT
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
while read -r m; do cp "$MODDIR/$m" "$IR/lib/modules/"; basename "$m"; done <"$CACHE/modules.list" >"$IR/modules.order"
cp "$GUEST" "$IR/guest.sh"
cat >"$IR/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp
ip link set lo up
for m in $(cat /modules.order); do insmod /lib/modules/$m || echo "GUEST insmod $m FAILED"; done
echo "GUEST_START $(uname -r) uptime $(cut -d' ' -f1 /proc/uptime)"
sh /guest.sh
echo "GUEST_EXIT $?"
poweroff -f
INIT
chmod +x "$IR/init"
(cd "$IR" && find . | "$CACHE/bb/bin/busybox" cpio -o -H newc 2>/dev/null) | gzip -1 >"$CACHE/initramfs.cpio.gz"

# Boot, bounded; the console is copied to stdout (and LOG). qemu is our child, killed by PID at the limit.
python3 - "$LIMIT" "${LOG:-/dev/null}" -accel tcg -m "$MEM" -smp 1 -nodefaults -no-user-config -display none \
    -serial stdio -monitor none -nic none -no-reboot \
    -kernel "$CACHE/vmlinux-$KVER" -initrd "$CACHE/initramfs.cpio.gz" \
    -append "console=ttyS0 quiet loglevel=3 panic=-1 rdinit=/init" <<'PY'
import subprocess, sys, threading
limit, log, args = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
p = subprocess.Popen(['qemu-system-x86_64'] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                     stdin=subprocess.DEVNULL)
timer = threading.Timer(limit, p.kill)
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
