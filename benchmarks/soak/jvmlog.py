"""GC pauses and safepoints from a -Xlog:gc,safepoint:file=...:uptime log.

usage: python3 jvmlog.py NODE FILE [FROM TO]

FROM and TO (JVM uptime in seconds) limit the report to the soak; startup pauses are listed
separately.

A GC pause stops every Java thread, the VRRP loop included; a safepoint's "Reaching safepoint"
is how long the VM waited for all threads to stop (a starved thread makes it long), "Total" is
how long Java code was stopped.
"""
import re
import sys

node, path = sys.argv[1], sys.argv[2]
start, end = (float(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) > 4 else (0.0, float("inf"))
pauses, reach, total, kinds, before = [], [], [], {}, []
with open(path) as f:
    for line in f:
        m = re.match(r"\[(\d+\.\d+)s\]", line)
        up = float(m.group(1)) if m else 0.0
        if up < start:
            m = re.search(r"(\d+\.\d+)ms$", line)
            if m and "Pause" in line:
                before.append(float(m.group(1)))
            continue
        if up > end:
            break
        m = re.search(r"GC\(\d+\) (Pause [^(]*?)\s*(\(.*\))? \S+ (\d+\.\d+)ms$", line)
        if m:
            pauses.append(float(m.group(3)))
            kinds[m.group(1)] = kinds.get(m.group(1), 0) + 1
            continue
        m = re.search(r"Reaching safepoint: (\d+) ns.*Total: (\d+) ns", line)
        if m:
            reach.append(int(m.group(1)) / 1e6)
            total.append(int(m.group(2)) / 1e6)


def top(v):
    return f"max {max(v):.3f} ms" if v else "none"


print(f"jvm {node}: before the soak {len(before)} GC pauses ({top(before)}); during: GC pauses {len(pauses)} ({', '.join(f'{k} x{n}' for k, n in kinds.items()) or '-'}), {top(pauses)}"
      f"{f', sum {sum(pauses):.1f} ms' if pauses else ''}; safepoints {len(total)}: reaching {top(reach)}, total {top(total)}")
