#!/usr/bin/env python3
"""CPU and RSS of every process in one or more network namespaces over a window.
  sample.py WINDOW NS [NS...]  ->  one line per namespace: "NS cpu_percent_of_one_core rss_kib nprocs"
CPU: utime+stime (clock ticks) of all processes in the namespace at the start and the end of the
window (processes that exist at both ends), as a percentage of one core. RSS: VmRSS summed at the end."""
import os
import sys
import time

TICK = os.sysconf('SC_CLK_TCK')


def pids(ns):
    out = os.popen('ip netns pids %s 2>/dev/null' % ns).read().split()
    return [int(p) for p in out]


def cpu(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime (after the comm field)
    except OSError:
        return None


def rss(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


window = float(sys.argv[1])
namespaces = sys.argv[2:]
start = {ns: {p: cpu(p) for p in pids(ns)} for ns in namespaces}
t0 = time.monotonic()
time.sleep(window)
elapsed = time.monotonic() - t0
for ns in namespaces:
    ticks = 0
    now = pids(ns)
    for p in now:
        a, b = start[ns].get(p), cpu(p)
        if a is not None and b is not None:
            ticks += b - a
    print('%s %.2f %d %d' % (ns, 100.0 * ticks / TICK / elapsed, sum(rss(p) for p in now), len(now)))
