"""Gaps between consecutive VRRP adverts, from `tcpdump -n -tt` lines on stdin.

usage: tcpdump -r vrrp.pcap -n -tt | python3 gaps.py MASTER_IP BACKUP_IP [STEAL_FILE]

With STEAL_FILE (lines "EPOCH STEAL_TICKS", one a second), each gap over 40 ms is listed with the
hypervisor steal time of the samples that overlap it.

Prints, for the master's adverts, the count, the median, 99th, 99.9th percentile and largest
gap (ms), with the time of the largest, and how many adverts the backup sent (any is a sign it
believed the master dead) and how many priority-0 adverts (a master giving up) were seen.
"""
import re
import sys

master, backup = sys.argv[1], sys.argv[2]
steal = []
if len(sys.argv) > 3:
    with open(sys.argv[3]) as f:
        steal = [(float(a), int(b)) for a, b in (line.split() for line in f if line.strip())]
times, backup_adverts, prio0 = [], 0, 0
line_re = re.compile(r"^(\d+\.\d+) IP (\S+) > \S+: VRRPv3, Advertisement, vrid \d+, prio (\d+)")
for line in sys.stdin:
    m = line_re.match(line)
    if not m:
        continue
    t, src, prio = float(m.group(1)), m.group(2), int(m.group(3))
    if prio == 0:
        prio0 += 1
    if src == master:
        times.append(t)
    elif src == backup:
        backup_adverts += 1

gaps = sorted((b - a, a) for a, b in zip(times, times[1:]))
if not gaps:
    print("adverts: none captured from", master)
    sys.exit(0)


def pct(p):
    return gaps[min(len(gaps) - 1, int(p * len(gaps)))][0] * 1000


largest, at = gaps[-1]
over = {limit: sum(1 for g, _ in gaps if g * 1000 > limit) for limit in (25, 40, 60)}
print(f"adverts from master {master}: {len(times)} over {times[-1] - times[0]:.0f} s; gap ms: "
      f"median {pct(0.5):.2f}, p99 {pct(0.99):.2f}, p99.9 {pct(0.999):.2f}, max {largest * 1000:.2f} "
      f"(at {at:.3f}); gaps > 25/40/60 ms: {over[25]}/{over[40]}/{over[60]}")
print(f"adverts from backup {backup}: {backup_adverts}; priority-0 adverts: {prio0}")


def steal_during(a, b):
    """Steal ticks of the one-second samples that end within [a, b + 1 s]."""
    ticks = 0
    for (t0, s0), (t1, s1) in zip(steal, steal[1:]):
        if t1 >= a and t0 <= b:
            ticks += s1 - s0
    return ticks


if steal:
    long_gaps = sorted((at, g) for g, at in gaps if g > 0.040)
    with_steal = [(at, g, steal_during(at, at + g)) for at, g in long_gaps]
    n = sum(1 for _, _, st in with_steal if st > 0)
    print(f"gaps > 40 ms: {len(long_gaps)}, {n} of them overlap hypervisor steal; "
          + ", ".join(f"{g * 1000:.0f} ms at {at:.2f} (steal {st * 10} ms)" for at, g, st in with_steal[:12]))
