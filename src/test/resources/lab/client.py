#!/usr/bin/env python3
"""The lab's client for the proxy tests.
  client.py get VIP PORT SRC[,SRC...] N   N requests from each source address; prints
                                          "SRC server server ..." per source (ERR:... on failure)
  client.py hold VIP PORT SRC             opens GET /ws, prints "HELD server", then every 0.2 s
                                          sends "tick I" and prints "ECHO reply" (or "LOST ..." and ends)"""
import socket
import sys
import time


def get(vip, port, src):
    try:
        s = socket.create_connection((vip, port), timeout=3, source_address=(src, 0))
        s.sendall(b"GET / HTTP/1.0\r\nHost: lab\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        s.close()
        return data.split(b"\r\n\r\n", 1)[1].decode().strip()
    except Exception as e:  # the test reads the failure
        return "ERR:" + type(e).__name__


cmd = sys.argv[1]
if cmd == "get":
    vip, port, sources, n = sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","), int(sys.argv[5])
    for src in sources:
        print(src + " " + " ".join(get(vip, port, src) for _ in range(n)), flush=True)
elif cmd == "hold":
    vip, port, src = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    s = socket.create_connection((vip, port), timeout=60, source_address=(src, 0))
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: lab\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
    f = s.makefile("rb")
    while True:
        line = f.readline()
        if line in (b"\r\n", b""):
            break
    print("HELD " + f.readline().decode().strip(), flush=True)
    i = 0
    while True:
        try:
            s.sendall(b"tick %d\n" % i)
            reply = f.readline().decode().strip()
        except Exception as e:
            print("LOST " + type(e).__name__, flush=True)
            break
        if not reply:
            print("LOST eof", flush=True)
            break
        print("ECHO " + reply, flush=True)
        i += 1
        time.sleep(0.2)
