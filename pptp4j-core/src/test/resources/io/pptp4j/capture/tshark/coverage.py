#!/usr/bin/env python3
"""Writes NAME.coverage.tsv: for every TCP connection with data in a capture, each side's endpoint,
byte count and SHA-256 of the bytes its segments cover, in sequence order, each byte taken from the
first segment captured that holds it. A connection's bytes start after a SYN, or at the first data
segment when the SYN was not captured; segments after a RST or after both FINs are left out.
This is a byte map, not a stream state machine: an oracle for TcpReassembler that does not share its
design. Usage: coverage.py CAPTURE.pcap > NAME.coverage.tsv"""
import hashlib, subprocess, sys

out = subprocess.run(["tshark", "-r", sys.argv[1], "-Y", "tcp", "-T", "fields", "-e", "ip.src", "-e", "ipv6.src",
                      "-e", "ip.dst", "-e", "ipv6.dst", "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "tcp.seq_raw",
                      "-e", "tcp.flags", "-e", "tcp.payload", "-E", "occurrence=f"],
                     capture_output=True, text=True, check=True).stdout
conns = {}
order = []
for line in out.splitlines():
    s4, s6, d4, d6, sp, dp, seq, flags, payload = line.split("\t")
    src = (s4 or "[" + s6 + "]") + ":" + sp
    dst = (d4 or "[" + d6 + "]") + ":" + dp
    key = frozenset((src, dst))
    c = conns.get(key)
    if c is None:
        c = conns[key] = {"closed": False, "fin": set(), "base": {}, "bytes": {src: {}, dst: {}}}
        order.append(key)
    if c["closed"]:
        continue
    flags = int(flags, 16)
    seq = int(seq)
    if flags & 4:
        c["closed"] = True
        continue
    if flags & 2:
        c["base"].setdefault(src, (seq + 1) % 2**32)
    data = bytes.fromhex(payload) if payload else b""
    start = (seq + 1) % 2**32 if flags & 2 else seq
    if data:
        base = c["base"].setdefault(src, start)
        m = c["bytes"][src]
        for i, b in enumerate(data):
            rel = (start + i - base) % 2**32
            if rel < 2**31:
                m.setdefault(rel, b)
    if flags & 1:
        c["fin"].add(src)
        if len(c["fin"]) == 2:
            c["closed"] = True
print("# endpoint0\tbytes0\tsha256-0\tendpoint1\tbytes1\tsha256-1")
for key in order:
    c = conns[key]
    sides = []
    for ep in sorted(key):
        m = c["bytes"][ep]
        data = bytes(m[k] for k in sorted(m))
        sides.append(f"{ep}\t{len(data)}\t{hashlib.sha256(data).hexdigest()}")
    if any(c["bytes"][ep] for ep in key):
        print("\t".join(sides))
