"""Gaps between consecutive VRRP adverts, from `tcpdump -n -tt` lines on stdin.

usage: tcpdump -r vrrp.pcap -n -tt | python3 gaps.py MASTER_IP BACKUP_IP

Prints, for the master's adverts, the count, the median, 99th, 99.9th percentile and largest
gap (ms), with the time of the largest, and how many adverts the backup sent (any is a sign it
believed the master dead) and how many priority-0 adverts (a master giving up) were seen.
"""
import re
import sys

master, backup = sys.argv[1], sys.argv[2]
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
