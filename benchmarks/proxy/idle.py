#!/usr/bin/env python3
"""Opens N idle TCP connections to HOST:PORT and holds them until SIGTERM/SIGINT.

usage: idle.py HOST PORT N [TIMEOUT_S]

Connects in batches of 500 (non-blocking, epoll), so a proxy's accept backlog is never the
limit, then prints one line "connected OK FAILED" and waits without sending a byte. On
SIGTERM it prints "still_open K" (connections the far side has not closed meanwhile: a proxy
that drops idle connections shows here) and exits. The caller raises RLIMIT_NOFILE (ulimit -n).
"""
import errno
import selectors
import signal
import socket
import sys
import time

BATCH = 500


def main():
    host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 60.0
    sel = selectors.EpollSelector()
    held, failed = [], 0
    deadline = time.monotonic() + timeout
    for start in range(0, n, BATCH):
        pending = 0
        for _ in range(min(BATCH, n - start)):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            rc = s.connect_ex((host, port))
            if rc in (0, errno.EINPROGRESS):
                sel.register(s, selectors.EVENT_WRITE)
                pending += 1
            else:
                s.close()
                failed += 1
        while pending and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=1.0):
                s = key.fileobj
                sel.unregister(s)
                pending -= 1
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    held.append(s)
                else:
                    s.close()
                    failed += 1
        if pending:  # timed out: give up on what is still connecting
            for key in list(sel.get_map().values()):
                sel.unregister(key.fileobj)
                key.fileobj.close()
                failed += 1
            break
    print(f"connected {len(held)} {failed}", flush=True)

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    still = 0
    for s in held:
        try:
            still += s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) != b""
        except BlockingIOError:
            still += 1  # nothing to read and not closed: still open
        except OSError:
            pass
        s.close()
    print(f"still_open {still}", flush=True)


if __name__ == "__main__":
    main()
