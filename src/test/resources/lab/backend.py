#!/usr/bin/env python3
"""A real server for the proxy lab tests: HTTP/1.0 answers its name (so TCP_CHECK and HTTP_GET
pass and a client sees which server answered); GET /ws switches to a line echo prefixed with its
name and holds the connection (a WebSocket stand-in).  usage: backend.py NAME ADDRESS PORT"""
import socketserver
import sys

name, address, port = sys.argv[1], sys.argv[2], int(sys.argv[3])


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        request = self.rfile.readline()
        if not request:
            return  # a TCP_CHECK: connect and close
        parts = request.split()
        path = parts[1].decode() if len(parts) > 1 else "/"
        while True:
            header = self.rfile.readline()
            if not header or header in (b"\r\n", b"\n"):
                break
        if path == "/ws":
            self.wfile.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                             b"Connection: Upgrade\r\n\r\n" + name.encode() + b"\n")
            self.wfile.flush()
            for line in self.rfile:
                self.wfile.write(name.encode() + b":" + line)
                self.wfile.flush()
            return
        body = (name + "\n").encode()
        self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n" % len(body) + body)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server((address, port), Handler).serve_forever()
