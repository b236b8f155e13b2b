"""Analyse a failover benchmark run and write docs/bench-failover.md.

  analyze.py WORKDIR OUT.md     all runs in WORKDIR/runs -> report (keeps the hand-written
                                analysis between the ANALYSIS markers of an existing OUT.md)
  analyze.py --one RUNBASE      one line for run.sh's progress output

Client view from the probe CSV (outage = first success after the failure - first failed probe,
10 ms probe slots, as in the lab's failover.sh); protocol view from the bridge capture: lb1's last
advert (priority > 0) and its priority-0 advert -> lb2's first advert, checked against
Master_Down_Interval (host death) and Skew_Time (graceful), RFC 3768 section 6.1 / RFC 5798 6.1.
"""
import csv, glob, os, statistics, subprocess, sys

TOL_MS = 5  # timer wake-up and capture slack allowed on top of a bound (keepalived shows +1 ms)
START, END = '<!-- ANALYSIS START (hand-written, kept by analyze.py) -->', '<!-- ANALYSIS END -->'


def meta_of(b):
    return dict(l.rstrip('\n').split('=', 1) for l in open(b + '.meta') if '=' in l)


def capture(b, m):
    """(time, src, prio) of VRID 51 adverts and (time, eth.src, arp src ip) of ARPs."""
    out = subprocess.run(['tshark', '-r', b + '.pcap', '-n', '-T', 'fields', '-E', 'separator=,',
                          '-e', 'frame.time_epoch', '-e', 'ip.src', '-e', 'vrrp.prio', '-e', 'vrrp.virt_rtr_id',
                          '-e', 'arp.src.proto_ipv4', '-e', 'eth.src'],
                         capture_output=True, text=True).stdout.splitlines()
    adverts, arps = [], []
    for l in out:
        t, src, prio, vrid, arpsrc, ethsrc = (l.split(',') + [''] * 6)[:6]
        if prio and vrid == '51':
            adverts.append((float(t), src, int(prio)))
        elif arpsrc:
            arps.append((float(t), ethsrc, arpsrc))
    return adverts, arps


def log_time(path, needle):
    try:
        for l in open(path, errors='replace'):
            if needle in l:
                return float(l.split()[0])
    except (OSError, ValueError):
        pass
    return None


def analyse(b):
    m = meta_of(b)
    inj, adv = float(m['inject']), float(m['adv'])
    prio_b = int(m.get('prio_backup', 90))
    pr = [(float(r['start']), int(r['ok']), r['detail']) for r in csv.DictReader(open(b + '.probe.csv'))]
    # The outage window ends at the first probe served by the new master (lb2) after the
    # injection and starts at the first failed probe after lb1's last success and after
    # injection - 10 ms; failures before that are glitches of a loaded machine (haproxy or the
    # client stalled), not failover, and are counted apart.
    first_ok = min((p[0] for p in pr if p[1] and p[2] == 'lb2' and p[0] > inj), default=None)
    last_ok1 = max((p[0] for p in pr if p[1] and p[0] < (first_ok or 1e18) and p[2] != 'lb2'), default=None)
    # A probe started more than one slot (10 ms) before the injection cannot fail because of it.
    start = max(last_ok1 or 0, inj - 0.010)
    fails = [p for p in pr if not p[1] and p[0] > start and p[0] < (first_ok or 1e18)]
    first_fail = min((p[0] for p in fails), default=None)
    glitches = sum(1 for p in pr if not p[1] and p[0] <= start)
    adverts, arps = capture(b, m)
    lb1, lb2 = m['lb1_ip'], m['lb2_ip']
    first2 = min((t for t, s, _ in adverts if s == lb2 and t > inj - 0.001), default=None)
    last1 = max((t for t, s, p in adverts if s == lb1 and p > 0 and t < (first2 or 1e18)), default=None)
    own = [t for t, s, p in adverts if s == lb1 and p > 0 and t <= (last1 or 0)]
    gaps = [b_ - a for a, b_ in zip(own, own[1:])]
    prio0 = min((t for t, s, p in adverts if s == lb1 and p == 0), default=None)
    garp = min((t for t, e, ip in arps if e == m['lb2_mac'] and ip == m['vip'] and first2 and t >= first2 - 0.001),
               default=None)
    skew = (256 - prio_b) / 256 * adv
    mdi = 3 * adv + skew
    ms = lambda x: None if x is None else round(x * 1000, 1)
    d = lambda a, b_: None if a is None or b_ is None else ms(a - b_)
    r = dict(tag=os.path.basename(b), impl=m['impl'], ver=m['ver'], adv=adv, variant=m['variant'],
             phase=ms(float(m['phase'])), outage=d(first_ok, first_fail), inj_to_ok=d(first_ok, inj),
             nfail=len(fails), glitch=glitches, inj_since_lastadv=d(inj, last1), lastadv_to_lb2adv=d(first2, last1),
             prio0_to_lb2adv=d(first2, prio0), lb2adv_to_garp=d(garp, first2),
             lb1_late_max=ms(max(gaps) - adv) if gaps else None,
             log_master=d(log_time(b + '.lb2.log', '(VI_1) Entering MASTER STATE'), inj),
             mdi=ms(mdi), skew=ms(skew), vip_left=m.get('vip_left_on_lb1', '?'),
             errors='/'.join(sorted({p[2] for p in fails})))
    # a host death must be silent: a priority-0 advert means the kill let the daemon shut down
    # Where a graceful takeover spends its time, from the capture and lb2's log (the timestamp
    # the run's python filter put on each line, the same for both daemons).
    rx = log_time(b + '.lb2.log', '(VI_1) Backup received priority 0 advertisement')
    tmo = log_time(b + '.lb2.log', '(VI_1) Receive advertisement timeout')
    mst = log_time(b + '.lb2.log', '(VI_1) Entering MASTER STATE')
    r['inj_to_prio0'] = d(prio0, inj)
    r['rx_lag'] = d(rx, prio0) if m['variant'] == 'term' else None
    r['timer_lag'] = None if rx is None or tmo is None or m['variant'] != 'term' else round((tmo - rx - skew) * 1000, 1)
    r['master_to_adv'] = d(first2, mst)
    r['prio0_in_hostdeath'] = r['variant'] == 'linkdown' and prio0 is not None
    if r['variant'] == 'linkdown':
        measured, bound, name = r['lastadv_to_lb2adv'], r['mdi'], 'MDI'
    else:
        measured, bound, name = r['prio0_to_lb2adv'], r['skew'], 'Skew'
    if r['prio0_in_hostdeath']:
        r['bound'] = 'INVALID (priority-0 advert in a host death)'
        r['bound_ok'] = False
    elif measured is None:
        r['bound'] = f'n/a (no takeover in capture)'
        r['bound_ok'] = False
    else:
        over = round(measured - bound, 1)
        r['bound_ok'] = over <= TOL_MS
        r['bound'] = f"{'ok' if r['bound_ok'] else 'OVER'} ({name} {bound:g}, {over:+g})"
    return r


def fmt(v):
    return '' if v is None else (f'{v:g}' if isinstance(v, float) else str(v))


def table(rows, cols):
    out = ['| ' + ' | '.join(cols) + ' |', '|' + '---|' * len(cols)]
    out += ['| ' + ' | '.join(fmt(r[c]) for c in cols) + ' |' for r in rows]
    return '\n'.join(out)


def med(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 1) if xs else None


def report(work, out_md):
    rows = [analyse(p[:-5]) for p in sorted(glob.glob(os.path.join(work, 'runs', '*.meta')))]
    mach = dict(l.rstrip('\n').split('=', 1) for l in open(os.path.join(work, 'machine.txt')) if '=' in l)
    keyorder = lambda r: (r['ver'], r['variant'], int(r['tag'].rsplit('-', 1)[1]), r['impl'])
    rows.sort(key=keyorder)
    groups = {}
    for r in rows:
        groups.setdefault((r['ver'], r['adv'], r['variant']), {}).setdefault(r['impl'], []).append(r)
    summ, proto = [], []
    for (ver, adv, var), by in groups.items():
        ka, kj = by.get('keepalived', []), by.get('keepalived4j', [])
        mk, mj = med(r['outage'] for r in ka), med(r['outage'] for r in kj)
        pkey = 'lastadv_to_lb2adv' if var == 'linkdown' else 'prio0_to_lb2adv'
        pk, pj = med(r[pkey] for r in ka), med(r[pkey] for r in kj)
        first = (ka or kj)[0]
        bound = first['mdi'] if var == 'linkdown' else first['skew']
        summ.append(dict(config=f'VRRPv{ver} advert_int {adv:g}s', variant=var, runs=f'{len(ka)} / {len(kj)}',
                         keepalived=mk, keepalived4j=mj,
                         ratio=None if not mk or mj is None else round(mj / mk, 3),
                         ka_runs=', '.join(fmt(r['outage']) for r in ka),
                         k4j_runs=', '.join(fmt(r['outage']) for r in kj)))
        proto.append(dict(config=f'VRRPv{ver} advert_int {adv:g}s', variant=var,
                          measured=('last advert' if var == 'linkdown' else 'prio-0 advert') + " -> lb2's first advert",
                          bound=f"{'MDI' if var == 'linkdown' else 'Skew_Time'} {bound:g}",
                          keepalived=pk, keepalived4j=pj,
                          ratio=None if not pk or pj is None else round(pj / pk, 3),
                          within=f"{sum(r['bound_ok'] for r in ka)}/{len(ka)} , {sum(r['bound_ok'] for r in kj)}/{len(kj)}"))
    keep = ''
    if os.path.exists(out_md):
        old = open(out_md).read()
        if START in old and END in old:
            keep = old[old.index(START) + len(START):old.index(END)]
    if not keep.strip():
        keep = '\n_(no analysis written yet)_\n'
    ratios = [s['ratio'] for s in summ if s['ratio'] is not None]
    over = [r['tag'] for r in rows if not r['bound_ok']]
    text = f"""# Failover benchmark: keepalived4j vs keepalived 2.2.7

Client-visible VRRP failover of a keepalived->keepalived pair and a keepalived4j->keepalived4j
pair, host death and graceful shutdown, VRRPv2 (advert_int 1) and VRRPv3 (advert_int 0.1), plus
the protocol view from a capture. Not a test: CI does not run it. Generated by
`benchmarks/failover/analyze.py` from the run in `{os.path.relpath(work, os.path.dirname(os.path.dirname(os.path.abspath(out_md))))}`
(raw data not committed: probe CSVs, pcaps, daemon logs).

## The exact command

```
sudo benchmarks/failover/run.sh {mach.get('reps')} {mach.get('seed')}        # run.sh [REPS] [SEED], defaults 5 1
```

Needs root, `iproute2`, `haproxy`, `tcpdump`, `tshark`, `python3`, `keepalived`, and a JDK 25
(the `./keepalived4j` launcher builds the jar first). `run.sh` names what is missing and the
`apt-get install -y ...` line to fix it. On this machine `haproxy` was missing and was installed
with `apt-get install -y haproxy` (Debian 12 package, {mach.get('haproxy', '?')}).

## Method

The method of `/work/shared/lab/failover.sh` (see its `failover.md`), in a private lab:

- Lab `{mach.get('lab')}`: namespaces `<lab>-sw` (the bridge, no address), `-client`, `-lb1`,
  `-lb2`, `-rs1`, `-rs2` on {mach.get('net')} (random 10.x subnet per run of `run.sh`), VIP `.100`.
  haproxy (the lab's `haproxy.cfg`) in lb1 and lb2 serves the VIP over rs1/rs2 (python
  `http.server`), so the data path is identical for both implementations and only VRRP differs.
- VRRP configuration: the lab's `keepalived/lb{{1,2}}-v{{2,3}}.conf` with this lab's addresses, the
  same files for both daemons (lb1 MASTER prio 100, lb2 BACKUP prio 90, VRID 51; the v3 files also
  carry the IPv6 instance VI_6, VRID 52). Both run as `DAEMON -n -l -D -G -P -f CONF -p PID -r VRRPPID`
  in their namespace (keepalived4j through the `./keepalived4j` launcher, which execs `java`).
- Per run: fresh daemons; lb1 is started and must own the VIP, then lb2 must log
  `(VI_1) Entering BACKUP STATE`; then max(3 s, 5 x advert_int) of settling (JVM start and JIT
  warm-up are therefore not in the measurement). tcpdump captures VRRP + ARP on the bridge; the
  probe (the lab's `probe.py`, copied) starts an HTTP GET to the VIP every 10 ms from `client`
  (300 ms timeout each, non-blocking).
- Failure phase: `inject.py` watches lb1's adverts live (tcpdump `--immediate-mode` in the switch
  namespace), waits >= 1 s, takes the next captured advert and injects the failure PHASE seconds
  after it. PHASE = advert_int x (0.05 + 0.9 x U), U from `random.Random("SEED-vVER-VARIANT")`:
  the same {mach.get('reps')} phases for both implementations, whose runs are interleaved (run i of
  keepalived next to run i of keepalived4j, order alternating), so each pair of runs is comparable.
  - `linkdown` (host death): SIGKILL keepalived's parent and VRRP child / keepalived4j's java
    process, then `ip -n lb1 link set eth0 down`.
  - `term` (graceful): SIGTERM to the daemon (keepalived's parent): priority-0 advert, VIP removed.
- Client view: **outage** = start of the first probe served by lb2 after the injection - start
  of the first failed probe after lb1's last successful one and after injection - 10 ms (10 ms
  probe slots), i.e. the lab's definition made robust to probes that time out on a loaded machine
  while lb1 still serves (`glitch` counts those; they are not part of the outage); `nfail` = failed probes in the
  window; `inj_to_ok` = first success from lb2 - injection.
- Protocol view (from the pcap, tshark): `lastadv_to_lb2adv` = lb1's last advert with priority > 0
  -> lb2's first advert; `prio0_to_lb2adv` = lb1's priority-0 advert -> lb2's first advert;
  `inj_since_lastadv` = injection - lb1's last advert (should equal PHASE); `lb2adv_to_garp` = lb2's
  first advert -> its first gratuitous ARP for the VIP; `lb1_late_max` = the master's worst advert
  lateness in the capture before the failure (largest gap between lb1's adverts - advert_int), a
  measure of how late this machine ran the daemon's timers; `inj_to_prio0` = SIGTERM -> lb1's
  priority-0 advert on the wire. From lb2's log (each line time-stamped by the run's python filter
  as it arrives, identical for both daemons, so comparable but ~0.1-1 ms late): `rx_lag` = prio-0
  advert on the wire -> `Backup received priority 0 advertisement`; `timer_lag` = `Receive
  advertisement timeout` - that line - Skew_Time; `master_to_adv` = `Entering MASTER STATE` ->
  lb2's first advert on the wire (negative: the advert left before the line was logged); `log_master` = injection -> lb2's
  `(VI_1) Entering MASTER STATE` log line (the python timestamp filter adds a little delay).
- Bounds (RFC 3768 / RFC 5798 section 6.1, backup priority 90): Skew_Time = (256 - 90) / 256 x
  advert_int, Master_Down_Interval (MDI) = 3 x advert_int + Skew_Time: v2 648 / 3648 ms, v3 65 / 365 ms.
  Host death must take over within MDI of the last advert, graceful within Skew_Time of the
  priority-0 advert; `ok` allows {TOL_MS} ms of timer and capture slack (column shows the excess).

## Machine

| | |
|---|---|
| CPU | {mach.get('nproc')} x {mach.get('cpu')} (shared with other workloads: load average {mach.get('loadavg_start')} at start, {mach.get('loadavg_end')} at end) |
| memory | {mach.get('mem')} |
| kernel | Linux {mach.get('kernel')} |
| keepalived | {mach.get('keepalived')} (Debian package) |
| keepalived4j | {mach.get('keepalived4j')}, commit {mach.get('commit')}, {mach.get('java')} |
| haproxy | {mach.get('haproxy')} |
| tshark | {mach.get('tshark')} |
| run | {mach.get('started')} .. {mach.get('finished')}, REPS={mach.get('reps')}, SEED={mach.get('seed')} |

## Results: client-visible outage (ms, median of {mach.get('reps')} runs)

Ratio = keepalived4j / keepalived (goal: <= 1.0). Worst ratio: {max(ratios) if ratios else 'n/a'}.

{table(summ, ['config', 'variant', 'runs', 'keepalived', 'keepalived4j', 'ratio', 'ka_runs', 'k4j_runs'])}

## Protocol view: takeover time on the wire (ms, median)

Runs within the bound (keepalived , keepalived4j) in the last column. Runs over the bound:
{', '.join(over) if over else 'none'}.

{table(proto, ['config', 'variant', 'measured', 'bound', 'keepalived', 'keepalived4j', 'ratio', 'within'])}

## Per run

Times in ms. `phase` is the seeded offset after lb1's advert at which the failure was injected.

{table(rows, ['tag', 'phase', 'outage', 'inj_to_ok', 'nfail', 'glitch', 'errors', 'log_master', 'vip_left'])}

## Protocol view per run (from the capture)

{table(rows, ['tag', 'inj_since_lastadv', 'lastadv_to_lb2adv', 'inj_to_prio0', 'prio0_to_lb2adv', 'rx_lag', 'timer_lag', 'master_to_adv', 'lb2adv_to_garp', 'lb1_late_max', 'bound'])}

## Analysis

{START}{keep}{END}
"""
    os.makedirs(os.path.dirname(os.path.abspath(out_md)), exist_ok=True)
    with open(out_md, 'w') as f:
        f.write(text)
    print(f'analyze.py: wrote {out_md}: ' + '; '.join(
        f"{s['config']} {s['variant']} {s['keepalived']} / {s['keepalived4j']} ms (ratio {s['ratio']})" for s in summ))


if __name__ == '__main__':
    if sys.argv[1] == '--one':
        r = analyse(sys.argv[2])
        print(f"outage {fmt(r['outage'])} ms, phase {fmt(r['phase'])}, since last advert {fmt(r['inj_since_lastadv'])}, "
              f"takeover {fmt(r['lastadv_to_lb2adv'] if r['variant'] == 'linkdown' else r['prio0_to_lb2adv'])} ms, {r['bound']}")
    else:
        report(sys.argv[1], sys.argv[2])
