#!/usr/bin/env python3
"""Writes NAME.streams.tsv: for every TCP stream tshark follows in a capture, each node's endpoint,
the number of bytes it sent and their SHA-256 (tshark -q -z follow,tcp,raw,N).
Usage: follow-all.py CAPTURE.pcap > NAME.streams.tsv"""
import hashlib, subprocess, sys

f = sys.argv[1]
streams = sorted({int(x) for x in subprocess.run(
    ["tshark", "-r", f, "-Y", "tcp", "-T", "fields", "-e", "tcp.stream"],
    capture_output=True, text=True, check=True).stdout.split()})
args = []
for s in streams:
    args += ["-z", f"follow,tcp,raw,{s}"]
out = subprocess.run(["tshark", "-r", f, "-q"] + args, capture_output=True, text=True, check=True).stdout
blocks = out.split("===================================================================\nFollow: tcp,raw\n")[1:]
print("# stream\tnode0\tbytes0\tsha256-0\tnode1\tbytes1\tsha256-1")
for b in blocks:
    lines = b.splitlines()
    stream = lines[0].split()[-1]
    nodes = [l.split(": ", 1)[1] for l in lines if l.startswith("Node ")]
    data = [bytearray(), bytearray()]
    for l in lines[3:]:
        if l.startswith("==="):
            break
        if l.strip():
            data[1 if l.startswith("\t") else 0] += bytes.fromhex(l.strip())
    print("\t".join([stream, nodes[0], str(len(data[0])), hashlib.sha256(data[0]).hexdigest(),
                     nodes[1], str(len(data[1])), hashlib.sha256(data[1]).hexdigest()]))
