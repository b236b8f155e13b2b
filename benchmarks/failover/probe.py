# Copied unchanged from /work/shared/lab/failover.sh so both benchmarks probe the same way.
# probe.py VIP PORT OUT.csv : one HTTP GET every 10 ms (non-blocking, 300 ms timeout each).
# Stops after 1 s of uninterrupted success following a failure (never before 2 s), or after 30 s.
import selectors, socket, sys, time, errno
vip, port, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
INTERVAL, TIMEOUT, MAXDUR, STABLE, MINDUR = 0.010, 0.300, 30.0, 1.0, 2.0
fam = socket.AF_INET6 if ':' in vip else socket.AF_INET
sel = selectors.DefaultSelector()
req = b"GET / HTTP/1.0\r\nHost: vip\r\n\r\n"
results = []            # (start, end, ok, detail)
live = {}               # fd -> [sock, start, state, buf]
last_fail_start = None
def finish(fd, ok, detail):
    global last_fail_start
    s, start, _, _ = live.pop(fd)
    try: sel.unregister(s)
    except (KeyError, ValueError): pass
    s.close()
    results.append((start, time.time(), ok, detail))
    if not ok and (last_fail_start is None or start > last_fail_start): last_fail_start = start
t0 = time.time(); nxt = t0
while True:
    now = time.time()
    if now - t0 > MAXDUR: break
    if last_fail_start is not None and now - t0 > MINDUR and now - last_fail_start > STABLE + TIMEOUT + 0.02: break
    if now >= nxt:
        s = socket.socket(fam, socket.SOCK_STREAM); s.setblocking(False)
        rc = s.connect_ex((vip, port))
        live[s.fileno()] = [s, now, 'conn', b'']
        if rc in (0, errno.EINPROGRESS): sel.register(s, selectors.EVENT_WRITE)
        else: finish(s.fileno(), 0, errno.errorcode.get(rc, str(rc)))
        nxt += INTERVAL
        if nxt < now: nxt = now + INTERVAL
    for key, ev in sel.select(timeout=max(0.0, min(nxt - time.time(), 0.005))):
        s = key.fileobj; fd = s.fileno(); st = live[fd]
        if st[2] == 'conn':
            err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err: finish(fd, 0, errno.errorcode.get(err, str(err))); continue
            s.send(req); st[2] = 'read'; sel.modify(s, selectors.EVENT_READ)
        else:
            try: d = s.recv(4096)
            except OSError as e: finish(fd, 0, errno.errorcode.get(e.errno, 'err')); continue
            st[3] += d
            if not d or b"\r\n\r\n" in st[3]:
                head = st[3].split(b"\r\n\r\n")[0].decode(errors='replace').split("\r\n")
                lb = next((l.split(':', 1)[1].strip() for l in head if l.lower().startswith('x-lb:')), '?')
                finish(fd, 1 if ' 200 ' in head[0] else 0, lb)
    now = time.time()
    for fd, st in list(live.items()):
        if now - st[1] > TIMEOUT: finish(fd, 0, 'timeout')
with open(out, 'w') as f:
    f.write("start,end,ok,detail\n")
    for r in sorted(results): f.write("%.6f,%.6f,%d,%s\n" % r)
