# inject.py: inject the failure at a fixed phase of the master's advert cycle.
#
#   inject.py SW_NS BRIDGE LB1_IP MIN_WAIT PHASE SIGNAL PIDS LINKDOWN_NS OUT_META
#
# Watches lb1's adverts on the bridge (tcpdump in the switch namespace, immediate mode), waits
# at least MIN_WAIT seconds, takes the next advert's capture time T, sleeps until T + PHASE, then
# sends SIGNAL (KILL or TERM) to every pid in PIDS (comma-separated, in order) and, when
# LINKDOWN_NS is not "-", runs `ip -n LINKDOWN_NS link set eth0 down`. Anchoring on a captured
# advert (rather than on the probe start, as the lab's failover.sh does) means a seeded PHASE is
# the same point of the advert cycle for both implementations, so their runs are comparable
# pairwise: for host death the expected outage is Master_Down_Interval - PHASE.
import os, signal, subprocess, sys, time

sw, br, src, min_wait, phase, sig, pids, linkdown_ns, out = sys.argv[1:10]
min_wait, phase = float(min_wait), float(phase)
pids = [int(p) for p in pids.split(',') if p]
signum = {'KILL': signal.SIGKILL, 'TERM': signal.SIGTERM}[sig]
tcpdump = subprocess.Popen(
    ['ip', 'netns', 'exec', sw, 'tcpdump', '-l', '-nn', '-tt', '--immediate-mode', '-i', br,
     f'ip proto 112 and src host {src}'],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    t0 = time.time()
    t_adv = None
    for line in tcpdump.stdout:
        if time.time() - t0 > 15:
            break
        if time.time() - t0 >= min_wait:
            t_adv = float(line.split()[0])
            break
    if t_adv is None:
        sys.exit(f'inject.py: no advert from {src} seen on {br} in {sw}')
    target = t_adv + phase
    delay = target - time.time()
    if delay > 0:
        time.sleep(delay)
    t_inj = time.time()
    for p in pids:
        try:
            os.kill(p, signum)
        except ProcessLookupError:
            pass
    if linkdown_ns != '-':
        subprocess.run(['ip', '-n', linkdown_ns, 'link', 'set', 'eth0', 'down'], check=True)
    with open(out, 'a') as f:
        f.write(f'anchor_advert={t_adv:.6f}\nphase={phase:.6f}\ninject={t_inj:.6f}\n'
                f'inject_late_ms={(t_inj - target) * 1000:.3f}\n')
finally:
    tcpdump.terminate()
    tcpdump.wait()
