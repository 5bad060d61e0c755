#!/usr/bin/env bash
# Decodes the same large capture with `pptp4j decode --pcap --json` and with tshark printing the same
# fields, in one run, and prints packets per second for both and the ratio.
# Usage: bench/decode-vs-tshark.sh [COPIES]   (default 200 copies of the RRAS capture, about 230 MB)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
copies="${1:-200}"
src="$here/testdata/captures/pptpcrack-windows-rras-session.pcap"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v tshark >/dev/null || { echo "needs tshark" >&2; exit 1; }

# A large capture: the RRAS session's records appended COPIES times after one pcap header.
python3 - "$src" "$work/big.pcap" "$copies" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, 'rb').read()
with open(dst, 'wb') as out:
    out.write(data[:24])
    for _ in range(n):
        out.write(data[24:])
PY
packets=$(( 4587 * copies ))
size=$(du -m "$work/big.pcap" | cut -f1)
"$here/pptp4j" --version >/dev/null   # build first, outside the timing

t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
ours=$(t "$here/pptp4j" decode --pcap "$work/big.pcap" --json)
theirs=$(t tshark -r "$work/big.pcap" -Y "pptp || gre" -T fields -e frame.number -e pptp.control_message_type \
            -e gre.key.call_id -e gre.sequence_number -e gre.ack_number -e ppp.protocol)
printf 'capture: %d packets, %d MB (%d copies of the RRAS session)\n' "$packets" "$size" "$copies"
printf 'pptp4j decode --pcap --json : %6.2f s  %10.0f packets/s\n' "$ours" "$(echo "$packets / $ours" | bc -l)"
printf 'tshark -T fields (same items): %6.2f s  %10.0f packets/s\n' "$theirs" "$(echo "$packets / $theirs" | bc -l)"
printf 'ratio (pptp4j / tshark)     : %6.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
