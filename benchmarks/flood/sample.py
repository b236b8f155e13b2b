#!/usr/bin/env python3
"""Samples a process tree's memory and CPU until the root process exits (or SIGTERM).

usage: sample.py ROOT_PID INTERVAL_S OUT_FILE

One line per sample: "EPOCH RSS_KB CPU_TICKS NPROCS", where RSS_KB is the sum of VmRSS over the
root and all its descendants (keepalived: parent and VRRP child; keepalived4j: the java process)
and CPU_TICKS the sum of their utime + stime (USER_HZ) so far.
"""
import os
import signal
import sys
import time


def tree(root):
    pids, todo = [], [root]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return pids


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0  # a zombie has no VmRSS


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def main():
    root, interval, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(out, "a", buffering=1) as f:
        next_at = time.monotonic()
        while os.path.exists(f"/proc/{root}"):
            rss = cpu = n = 0
            for p in tree(root):
                try:
                    rss += rss_kb(p)
                    cpu += cpu_ticks(p)
                    n += 1
                except (OSError, IndexError, ValueError):
                    pass  # exited between listing and reading
            if n:
                f.write(f"{time.time():.3f} {rss} {cpu} {n}\n")
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))


if __name__ == "__main__":
    main()
