#!/usr/bin/env bash
# Inspects the same large capture with `pptp4j inspect --json` and with tshark printing PPTP/GRE fields
# (`-T fields`), in one run, and prints packets per second for both and the ratio.
# The capture: the records of every capture in testdata/captures (all Ethernet, microsecond pcap)
# appended COPIES times after one pcap header.
# Copies replay the same TCP segments, so the reassembler drops all but the first copy of each control
# stream as retransmissions (as tshark's analysis flags them); GRE is inspected in every copy.
# Usage: bench/inspect-vs-tshark.sh [COPIES]   (default 200 copies, 972,400 packets, about 237 MB)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-200}"
work="$(mktemp -d)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT; [ -n "${KEEP:-}" ] && echo "work: $work" >&2
command -v tshark >/dev/null || { echo "needs tshark" >&2; exit 1; }

packets=$(python3 - "$here/testdata/captures" "$work/big.pcap" "$copies" <<'PY'
import struct, sys, glob, os
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = sorted(glob.glob(os.path.join(src, '*.pcap')))
records, count = [], 0
for f in files:
    data = open(f, 'rb').read()
    # each file in its own byte order; records are rewritten little-endian
    e = '<' if struct.unpack('<I', data[:4])[0] == 0xa1b2c3d4 else '>'
    assert struct.unpack(e + 'I', data[:4])[0] == 0xa1b2c3d4, f + ': microsecond pcap expected'
    assert struct.unpack(e + 'I', data[20:24])[0] == 1, f + ': Ethernet expected'
    at = 24
    while at + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack(e + 'IIII', data[at:at + 16])
        records.append(struct.pack('<IIII', sec, usec, incl, orig) + data[at + 16:at + 16 + incl])
        at += 16 + incl
        count += 1
records = b''.join(records)
header = struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1)
with open(dst, 'wb') as out:
    out.write(header)
    for _ in range(n):
        out.write(records)
print(count * n)
PY
)
size=$(du -m "$work/big.pcap" | cut -f1)
"$here/pptp4j" --version >/dev/null   # build first, outside the timing

# t NAME COMMAND...: the seconds COMMAND takes, its output in $work/out.NAME
t() { local name="$1" s e; shift; s=$(date +%s.%N); "$@" >"$work/out.$name" 2>"$work/err.$name"; e=$(date +%s.%N); echo "$e - $s" | bc; }
ours=$(t inspect "$here/pptp4j" inspect --json "$work/big.pcap")
theirs=$(t tshark tshark -r "$work/big.pcap" -Y "pptp || gre" -T fields -e frame.number -e ip.src -e ip.dst \
            -e pptp.control_message_type -e pptp.call_id -e pptp.peer_call_id -e gre.key.call_id -e ppp.protocol \
            -e chap.code -e chap.name)
lines=$(wc -l <"$work/out.tshark")
sessions=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sessions"]))' "$work/out.inspect")
printf 'capture: %d packets, %d MB (%d copies of the testdata captures); inspect found %d sessions\n' \
    "$packets" "$size" "$copies" "$sessions"
printf 'pptp4j inspect --json       : %6.2f s  %10.0f packets/s\n' "$ours" "$(echo "$packets / $ours" | bc -l)"
printf 'tshark -T fields (%d lines) : %6.2f s  %10.0f packets/s\n' "$lines" "$theirs" "$(echo "$packets / $theirs" | bc -l)"
printf 'ratio (pptp4j / tshark)     : %6.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
