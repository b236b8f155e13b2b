#!/usr/bin/env python3
"""CPU and RSS of every process in one or more network namespaces over a window.
  sample.py WINDOW NS [NS...]  ->  one line per namespace: "NS cpu_percent_of_one_core rss_kib nprocs"
CPU: utime+stime (clock ticks) of all processes in the namespace at the start and the end of the
window (processes that exist at both ends), as a percentage of one core. RSS: VmRSS summed at the end.
With THREADS=FILE in the environment, FILE also gets each thread's CPU (schedstat, nanoseconds) and
context switches per second over the same window: where a node's time goes."""
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


def threads(pid):
    """{tid: (name, cpu_ns, voluntary + involuntary switches)} of one process."""
    out = {}
    try:
        tids = os.listdir('/proc/%d/task' % pid)
    except OSError:
        return out
    for tid in tids:
        base = '/proc/%d/task/%s/' % (pid, tid)
        try:
            with open(base + 'comm') as f:
                name = f.read().strip()
            with open(base + 'schedstat') as f:
                ns = int(f.read().split()[0])
            switches = 0
            with open(base + 'status') as f:
                for line in f:
                    if line.startswith(('voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches')):
                        switches += int(line.split()[1])
            out[tid] = (name, ns, switches)
        except OSError:
            pass
    return out


window = float(sys.argv[1])
namespaces = sys.argv[2:]
start = {ns: {p: cpu(p) for p in pids(ns)} for ns in namespaces}
report = os.environ.get('THREADS')
first = {ns: {p: threads(p) for p in pids(ns)} for ns in namespaces} if report else {}
t0 = time.monotonic()
time.sleep(window)
elapsed = time.monotonic() - t0
if report:
    with open(report, 'a') as f:
        for ns in namespaces:
            for p, before in first[ns].items():
                for tid, (name, ns1, sw1) in sorted(threads(p).items(), key=lambda t: -t[1][1]):
                    if tid in before:
                        _, ns0, sw0 = before[tid]
                        f.write('%s %d %s %s %.3f %% %.0f switches/s\n' % (ns, p, tid, name, 100.0 * (ns1 - ns0) / 1e9 / elapsed,
                                                                     (sw1 - sw0) / elapsed))
for ns in namespaces:
    ticks = 0
    now = pids(ns)
    for p in now:
        a, b = start[ns].get(p), cpu(p)
        if a is not None and b is not None:
            ticks += b - a
    print('%s %.2f %d %d' % (ns, 100.0 * ticks / TICK / elapsed, sum(rss(p) for p in now), len(now)))
