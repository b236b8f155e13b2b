# inject.py: inject the failure at a fixed phase of the master's advert cycle.
#
#   inject.py SW_NS BRIDGE LB1_IP MIN_WAIT PHASE SIGNAL PIDS LINKDOWN_NS OUT_META
#
# Watches lb1's adverts on the bridge (tcpdump in the switch namespace, immediate mode), waits
# at least MIN_WAIT seconds, takes the next advert's capture time T, sleeps until T + PHASE, then
# sends SIGNAL (KILL or TERM) to the pids in PIDS (comma-separated, main pid first) and, when
# LINKDOWN_NS is not "-", runs `ip -n LINKDOWN_NS link set eth0 down`.
# KILL freezes every pid (SIGSTOP, children first) before killing them: keepalived's VRRP child
# asks for SIGTERM on its parent's death (prctl PR_SET_PDEATHSIG), so killing the parent first
# lets the child send a priority-0 advert before its own SIGKILL lands; a first attempt with
# plain sequential SIGKILLs turned 3 of 5 keepalived "host deaths" into graceful shutdowns. Anchoring on a captured
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
    order = pids if signum == signal.SIGTERM else list(reversed(pids))
    steps = [signal.SIGSTOP, signal.SIGKILL] if signum == signal.SIGKILL else [signum]
    for step in steps:
        for p in order:
            try:
                os.kill(p, step)
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
