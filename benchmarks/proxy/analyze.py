#!/usr/bin/env python3
"""Turns a benchmarks/proxy/run.sh work directory into the markdown report.

usage: analyze.py WORKDIR OUT.md

Reads WORKDIR/machine.txt, WORKDIR/wrk/r<round>-<load>-<proxy>.txt (raw wrk output) with its
.meta (the proxy's CPU ticks during the run), WORKDIR/idle-<proxy>.meta and the proxies' logs.
Ratios are to HAProxy in the same round; the "median" rows are the median of the rounds' values
and of the rounds' ratios.
"""
import glob
import os
import re
import statistics
import sys

PROXIES = ["haproxy", "nginx", "keepalived4j"]
LABEL = {"haproxy": "HAProxy (TCP mode)", "nginx": "nginx stream", "keepalived4j": "keepalived4j proxy"}
LOADS = [("keepalive", "Keep-alive load"), ("close", "Connection-per-request load (`Connection: close`)")]
UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def kv(path):
    out = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8", errors="replace"):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text)
    return float(m.group(1)) * UNIT[m.group(2)] if m else None


def parse_wrk(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    r = {"rps": None, "p50": None, "p99": None, "requests": None, "errors": "", "raw": text}
    if m := re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M):
        r["rps"] = float(m.group(1))
    for pct in ("50", "99"):
        if m := re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M):
            r["p" + pct] = ms(m.group(1))
    if m := re.search(r"^\s+(\d+) requests in", text, re.M):
        r["requests"] = int(m.group(1))
    errs = []
    if m := re.search(r"Socket errors: (.*)", text):
        errs.append("socket errors: " + m.group(1).strip())
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        errs.append(f"non-2xx: {m.group(1)}")
    if r["rps"] is None:
        errs.append("no result: " + " ".join(text.split())[:120])
    r["errors"] = "; ".join(errs)
    meta = kv(path + ".meta")
    r["cpu_per_10k"] = r["sys_share"] = None
    if meta.get("cpu_ticks") and r["requests"]:
        r["cpu_per_10k"] = int(meta["cpu_ticks"]) / int(meta.get("hz", 100)) / r["requests"] * 1e4
        if meta.get("sys_ticks") and int(meta["cpu_ticks"]):
            r["sys_share"] = int(meta["sys_ticks"]) / int(meta["cpu_ticks"])
    r["alive"] = meta.get("alive", "?")
    r["syscalls"] = {}
    if os.path.exists(path + ".syscalls"):
        for line in open(path + ".syscalls", encoding="utf-8", errors="replace"):
            f = line.split()
            if len(f) >= 3 and f[1].isdigit() and f[2].isdigit() and re.fullmatch(r"[a-z_0-9]+", f[0]):
                c = r["syscalls"].setdefault(f[0], [0, 0])
                c[0] += int(f[1])
                c[1] += int(f[2])
    r["throwables"] = int(meta["throwables"]) if meta.get("throwables", "").isdigit() else None
    return r


def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def pct(v):
    return "n/a" if v is None else f"{v * 100:.0f}%"


def ratio(a, b):
    return None if a is None or not b else a / b


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def log_lines(path, pattern):
    if not os.path.exists(path):
        return []
    rx = re.compile(pattern)
    return [l.rstrip("\n") for l in open(path, encoding="utf-8", errors="replace") if rx.search(l)]


def main():
    work, out = sys.argv[1], sys.argv[2]
    m = kv(os.path.join(work, "machine.txt"))
    secs, rounds = int(m.get("seconds", 0)), int(m.get("rounds", 0))
    runs = {}
    for path in glob.glob(os.path.join(work, "wrk", "r*-*-*.txt")):
        name = os.path.basename(path)[:-4]
        rnd, load, proxy = name.split("-", 2)
        runs[(int(rnd[1:]), load, proxy)] = parse_wrk(path)
    L = []
    w = L.append
    w("# Userspace proxy benchmark")
    w("")
    w(f"Recorded by `sudo benchmarks/proxy/run.sh {secs} {rounds}` on {m.get('started', '?')[:10]} "
      f"({m.get('nproc', '?')} cores, {m.get('cpu', '?')}, kernel {m.get('kernel', '?')}; load average "
      f"{m.get('loadavg_start', '?')} at the start, {m.get('loadavg_end', '?')} at the end: the machine is shared).")
    w(f"HAProxy {m.get('haproxy', '?')} in TCP mode, nginx {m.get('nginx', '?')} stream and keepalived4j's userspace proxy "
      f"(`--data-plane proxy`, commit {m.get('commit', '?')}, the launcher's JVM options: `{m.get('jvm_options', '')}`), "
      f"each with {m.get('proxy_threads', '?')} thread(s)/worker(s), round robin over the same two nginx backends "
      f"(one nginx worker, a 612-byte static page), no logging; all in one network namespace, over its loopback.")
    w(f"wrk {m.get('wrk', '?')} (`-t{m.get('wrk_threads', '?')} -c{m.get('conns', '?')} -d{secs}s --latency`, plus "
      f"`-H 'Connection: close'` for the connection-per-request load) runs {secs} s per proxy and load; after "
      f"{m.get('warm', '?')} s of keep-alive warm-up per proxy, {rounds} round(s), the proxies' order rotating "
      f"each round (HAProxy, nginx, keepalived4j; then nginx, keepalived4j, HAProxy; ...). wrk, the proxy and the "
      f"backend share the {m.get('nproc', '?')} cores, so a proxy that uses less CPU leaves more to the others: "
      f"the CPU column is the proxy's own CPU time per 10,000 requests. Ratios are to HAProxy in the same round; "
      f"the median row gives the median of the rounds' values and of the rounds' ratios. Raw wrk output: "
      f"`benchmarks/proxy/work/{os.path.basename(work.rstrip('/'))}/wrk/` (not committed).")
    w("")
    verdict = {}
    for load, title in LOADS:
        w(f"## {title}")
        w("")
        w("| round | proxy | req/s | x HAProxy | p50 (ms) | x HAProxy | p99 (ms) | x HAProxy | proxy CPU-s / 10k req | of it in the kernel | errors |")
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        per = {p: {"rps": [], "p50": [], "p99": [], "rr": [], "r50": [], "r99": [], "cpu": [], "sys": []} for p in PROXIES}
        for rnd in range(1, rounds + 1):
            base = runs.get((rnd, load, "haproxy"))
            for p in PROXIES:
                r = runs.get((rnd, load, p))
                if r is None:
                    continue
                rr = ratio(r["rps"], base and base["rps"])
                r50 = ratio(r["p50"], base and base["p50"])
                r99 = ratio(r["p99"], base and base["p99"])
                for k, v in (("rps", r["rps"]), ("p50", r["p50"]), ("p99", r["p99"]), ("rr", rr), ("r50", r50),
                             ("r99", r99), ("cpu", r["cpu_per_10k"]), ("sys", r["sys_share"])):
                    per[p][k].append(v)
                w(f"| {rnd} | {LABEL[p]} | {fmt(r['rps'], ',.0f')} | {fmt(rr, '.2f')} | {fmt(r['p50'], '.3f')} | "
                  f"{fmt(r50, '.2f')} | {fmt(r['p99'], '.3f')} | {fmt(r99, '.2f')} | {fmt(r['cpu_per_10k'], '.3f')} | "
                  f"{pct(r['sys_share'])} | "
                  f"{r['errors'] or '-'}{'' if r['alive'] == 'yes' else ' (proxy died)'} |")
        for p in PROXIES:
            d = per[p]
            mr = {k: med(v) for k, v in d.items()}
            verdict[(load, p)] = mr
            w(f"| **median** | **{LABEL[p]}** | **{fmt(mr['rps'], ',.0f')}** | **{fmt(mr['rr'], '.2f')}** | "
              f"**{fmt(mr['p50'], '.3f')}** | **{fmt(mr['r50'], '.2f')}** | **{fmt(mr['p99'], '.3f')}** | "
              f"**{fmt(mr['r99'], '.2f')}** | **{fmt(mr['cpu'], '.3f')}** | **{pct(mr['sys'])}** | |")
        w("")
    sc = [(key, r) for key, r in sorted(runs.items()) if r["syscalls"] and r["requests"]]
    if sc:
        w("System calls per request (`SYSCALLS=1`: `perf trace -s` on the proxy's processes, which slows them; "
          "calls (of which failed), the most frequent first):")
        w("")
        for (rnd, load, p), r in sc:
            calls = sorted(r["syscalls"].items(), key=lambda kv_: -kv_[1][0])
            total = sum(c for c, _ in r["syscalls"].values()) / r["requests"]
            w(f"- round {rnd} {load} {LABEL[p]}: {total:.1f} in all; " + ", ".join(
                f"{n} {c / r['requests']:.2f}" + (f" ({e / r['requests']:.2f})" if e else "")
                for n, (c, e) in calls[:10]))
        w("")
    jfr = [(key, r) for key, r in sorted(runs.items()) if r["throwables"] is not None and r["requests"]]
    if jfr:
        w("JFR was on for keepalived4j's runs (`JFR=1`; it costs throughput, so these runs are not its best): "
          "exceptions constructed per request (`jdk.ExceptionStatistics`): " + ", ".join(
              f"round {rnd} {load} {r['throwables'] / r['requests']:.2f}" for (rnd, load, _), r in jfr) + ".")
        w("")
    gc = os.path.join(work, "k4j.gc.log")
    if os.path.exists(gc):
        text = open(gc, encoding="utf-8", errors="replace").read()
        # the full GCs the idle test asks for (jcmd GC.run) are the benchmark's, not the proxy's
        pauses = [float(x) for x in re.findall(r"GC\(\d+\) Pause (?!Full \(Diagnostic).* ([\d.]+)ms$", text, re.M)]
        if pauses:
            w(f"keepalived4j's JVM over the whole run (`k4j.gc.log`, without the idle test's own full GCs): "
              f"{len(pauses)} GC pauses, {sum(pauses):.0f} ms in all, the longest {max(pauses):.1f} ms.")
            w("")
    w(f"## Memory per idle connection ({int(m.get('idle_conns', 0)):,} idle connections)")
    w("")
    w(f"Each proxy in turn holds {int(m.get('idle_conns', 0)):,} client connections that send nothing (and as many "
      f"connections to the backends, opened at accept by all three); RSS of the proxy's processes (nginx: master and "
      f"workers) before the client connects and 3 s after the backends see them all, after the loads above.")
    if m.get("idle_asked") and m.get("idle_asked") != m.get("idle_conns"):
        w(f"{int(m['idle_asked']):,} were asked for, but this machine's open-file limit is {m.get('nofile')} "
          f"per process and cannot be raised (no CAP_SYS_RESOURCE), and a proxy needs two descriptors per "
          f"connection: so {int(m['idle_conns']):,}, the most that fit.")
    w("")
    w("| proxy | RSS before (MiB) | RSS with idle connections (MiB) | RSS KiB per connection | Java heap KiB per connection | total KiB per connection | x HAProxy | backend connections seen | client |")
    w("|---|---|---|---|---|---|---|---|---|")
    idle = {p: kv(os.path.join(work, f"idle-{p}.meta")) for p in PROXIES}
    n_idle = int(m.get("idle_conns", 1)) or 1

    def rss_per_conn(p):
        d = idle[p]
        try:
            return (int(d["rss1_kb"]) - int(d["rss0_kb"])) / n_idle
        except (KeyError, ValueError):
            return None

    def heap_per_conn(p):
        d = idle[p]
        try:
            return (int(d["heap1_kb"]) - int(d["heap0_kb"])) / n_idle
        except (KeyError, ValueError):
            return None

    def per_conn(p):
        r, h = rss_per_conn(p), heap_per_conn(p)
        return None if r is None else r + (h or 0)
    for p in PROXIES:
        d = idle[p]
        try:
            r0, r1 = int(d["rss0_kb"]) / 1024, int(d["rss1_kb"]) / 1024
        except (KeyError, ValueError):
            r0 = r1 = None
        w(f"| {LABEL[p]} | {fmt(r0, '.1f')} | {fmt(r1, '.1f')} | {fmt(rss_per_conn(p), '.2f')} | "
          f"{fmt(heap_per_conn(p), '.2f') if p == 'keepalived4j' else '-'} | **{fmt(per_conn(p), '.2f')}** | "
          f"{fmt(ratio(per_conn(p), per_conn('haproxy')), '.2f')} | {d.get('backend_conns', '?')} | {d.get('client', '?')} |")
    k = idle["keepalived4j"]
    try:
        h0, h1 = int(k["heap0_kb"]), int(k["heap1_kb"])
        w("")
        w(f"keepalived4j's RSS alone hides what its connections cost on the Java heap: the launcher's heap is "
          f"fixed and pre-touched (`-Xms64m -Xmx64m -XX:+AlwaysPreTouch`), resident before the first connection, "
          f"so the total adds the growth of the heap in use after a full GC (`jcmd GC.run`, `GC.heap_info`): "
          f"{h0 / 1024:.1f} MiB before, {h1 / 1024:.1f} MiB with the idle connections. At that rate the 64 MiB heap "
          f"holds about {max(0, 64 * 1024 - h0) / max((h1 - h0) / n_idle, 1e-9):,.0f} connections.")
    except (KeyError, ValueError):
        pass
    w("")
    w("## Against the goal")
    w("")
    w("Goal (the issue): at least HAProxy's throughput and no worse p99 in both loads, no more memory per idle connection.")
    w("")
    for load, title in LOADS:
        v = verdict.get((load, "keepalived4j"), {})
        rr, r99 = v.get("rr"), v.get("r99")
        w(f"- {title.split(' (')[0]}: throughput {fmt(rr, '.2f')} x HAProxy ({'met' if rr and rr >= 1 else 'not met'}), "
          f"p99 {fmt(r99, '.2f')} x HAProxy ({'met' if r99 and r99 <= 1 else 'not met'}).")
    pk, ph = per_conn("keepalived4j"), per_conn("haproxy")
    w(f"- Idle memory: {fmt(pk, '.2f')} KiB per connection (RSS and Java heap) vs HAProxy's {fmt(ph, '.2f')} "
      f"({'met' if pk is not None and ph is not None and pk <= ph else 'not met'}).")
    w("")
    w("## Errors and log lines")
    w("")
    errs = [(key, r["errors"]) for key, r in sorted(runs.items()) if r["errors"]]
    if errs:
        for (rnd, load, p), e in errs:
            w(f"- round {rnd}, {load}, {LABEL[p]}: {e}")
    else:
        w("- wrk: no socket errors and no non-2xx responses in any run.")
    for name, path, pattern in (
            ("keepalived4j", "keepalived4j.log", r"WARN|ERROR|Exception|not run by this release"),
            ("HAProxy", "haproxy.log", r"\S"),
            ("nginx stream", "nginx-stream.error.log", r"\S"),
            ("backend nginx", "backend.error.log", r"\S")):
        lines = log_lines(os.path.join(work, path), pattern)
        if lines:
            w(f"- {name} (`{path}`), {len(lines)} line(s), first: `{lines[0][:200]}`")
        else:
            w(f"- {name} (`{path}`): nothing logged" + (" (no warning, error, exception or 'not run' note)" if name == "keepalived4j" else ""))
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")
    print("\n".join(L))


if __name__ == "__main__":
    main()
