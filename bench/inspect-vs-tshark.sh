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

# t NAME COMMAND...: runs COMMAND, output in $work/out.NAME; "$work/time.NAME" gets wall, user and system seconds.
# CPU time (user + system) is printed too: on a shared machine it varies less than wall time.
t() { local name="$1"; shift; /usr/bin/time -f "%e %U %S" -o "$work/time.$name" "$@" >"$work/out.$name" 2>"$work/err.$name"; }
t inspect "$here/pptp4j" inspect --json "$work/big.pcap"
t tshark tshark -r "$work/big.pcap" -Y "pptp || gre" -T fields -e frame.number -e ip.src -e ip.dst \
            -e pptp.control_message_type -e pptp.call_id -e pptp.peer_call_id -e gre.key.call_id -e ppp.protocol \
            -e chap.code -e chap.name
read -r ours ours_user ours_sys <"$work/time.inspect"
read -r theirs theirs_user theirs_sys <"$work/time.tshark"
ours_cpu=$(echo "$ours_user + $ours_sys" | bc -l)
theirs_cpu=$(echo "$theirs_user + $theirs_sys" | bc -l)
lines=$(wc -l <"$work/out.tshark")
sessions=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["sessions"]))' "$work/out.inspect")
printf 'capture: %d packets, %d MB (%d copies of the testdata captures); inspect: %d sessions; tshark: %d lines\n' \
    "$packets" "$size" "$copies" "$sessions" "$lines"
printf '%-22s %8s %14s %8s %14s\n' "" "wall s" "packets/s" "CPU s" "packets/CPU s"
row() { printf '%-22s %8.2f %14.0f %8.2f %14.0f\n' "$1" "$2" "$(echo "$packets / $2" | bc -l)" "$3" "$(echo "$packets / $3" | bc -l)"; }
row "pptp4j inspect --json" "$ours" "$ours_cpu"
row "tshark -T fields" "$theirs" "$theirs_cpu"
printf '%-22s %7.1fx %14s %7.1fx\n' "ratio (tshark/pptp4j)" "$(echo "$theirs / $ours" | bc -l)" "" "$(echo "$theirs_cpu / $ours_cpu" | bc -l)"
