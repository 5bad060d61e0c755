#!/usr/bin/env python3
"""Writes NAME.tsv, the dissection tshark makes of every frame of a capture, in the terms of
io.pptp4j.capture.Dissection: frame, status, IP version, innermost source and destination address,
IP protocol, ports, captured payload length ('-' where not applicable, '*' where not checked).
Usage: expected-dissections.py ../../../../../../../../testdata/captures/NAME.pcap > NAME.tsv
(tshark 4.x with IP reassembly off, so that fragments read as captured)."""
import subprocess, sys

FIELDS = ["frame.number", "frame.protocols", "ip.src", "ip.dst", "ip.proto", "ip.len", "ip.hdr_len",
          "ip.frag_offset", "ipv6.src", "ipv6.dst", "ipv6.plen", "ipv6.nxt", "ipv6.fraghdr.nxt",
          "ipv6.fraghdr.offset", "ipv6.hopopts.len_oct", "tcp.srcport", "tcp.dstport", "tcp.len",
          "udp.srcport", "udp.dstport", "udp.length"]
IP_EXT = {"ipv6.fraghdr", "ipv6.hopopts", "ipv6.routing", "ipv6.dstopts"}
PROTO = {"tcp": 6, "udp": 17, "gre": 47, "icmp": 1, "igmp": 2, "icmpv6": 58}

cmd = ["tshark", "-r", sys.argv[1], "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
       "-T", "fields", "-E", "aggregator=|", "-E", "occurrence=a"]
for f in FIELDS:
    cmd += ["-e", f]
out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
for line in out.splitlines():
    v = dict(zip(FIELDS, [x.split("|") if x else [] for x in line.split("\t")]))
    n = v["frame.number"][0]
    layers = v["frame.protocols"][0].split(":")
    i = 0
    while i < len(layers) and layers[i] in ("eth", "ethertype", "vlan", "sll", "null", "raw"):
        i += 1
    chain = []
    while i < len(layers) and (layers[i] in ("ip", "ipv6") or layers[i] in IP_EXT):
        chain.append(layers[i])
        i += 1
    if not chain:
        print(f"{n}\tNOT_IP")
        continue
    nxt = layers[i] if i < len(layers) else "data"
    ips = [c for c in chain if c in ("ip", "ipv6")]
    inner = ips[-1]
    k = ips.count(inner) - 1
    if inner == "ip":
        src, dst = v["ip.src"][k], v["ip.dst"][k]
        proto = int(v["ip.proto"][k])
        ip_payload = int(v["ip.len"][k]) - int(v["ip.hdr_len"][k])
        fragment = int(v["ip.frag_offset"][k]) != 0
    else:
        src, dst = v["ipv6.src"][k], v["ipv6.dst"][k]
        ip_payload = int(v["ipv6.plen"][k])
        if "ipv6.hopopts" in chain:
            ip_payload -= int(v["ipv6.hopopts.len_oct"][0])
        fragment = False
        if "ipv6.fraghdr" in chain:
            ip_payload -= 8
            proto = int(v["ipv6.fraghdr.nxt"][0])
            fragment = int(v["ipv6.fraghdr.offset"][0]) != 0
        else:
            proto = PROTO.get(nxt, int(v["ipv6.nxt"][k]))
    version = 4 if inner == "ip" else 6
    if fragment:
        print(f"{n}\tFRAGMENT\t{version}\t{src}\t{dst}\t{proto}\t-\t-\t{ip_payload}")
    elif proto == 6:
        print(f"{n}\tCOMPLETE\t{version}\t{src}\t{dst}\t6\t{v['tcp.srcport'][0]}\t{v['tcp.dstport'][0]}\t{v['tcp.len'][0]}")
    elif proto == 17:
        length = min(int(v["udp.length"][0]), ip_payload) - 8
        print(f"{n}\tCOMPLETE\t{version}\t{src}\t{dst}\t17\t{v['udp.srcport'][0]}\t{v['udp.dstport'][0]}\t{length}")
    else:
        print(f"{n}\tCOMPLETE\t{version}\t{src}\t{dst}\t{proto}\t-\t-\t{ip_payload}")
