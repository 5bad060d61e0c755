#!/usr/bin/env bash
# Scan rate: `pptp4j scan` against `nmap -Pn -n -p1723 --script pptp-version`, in the same run, on the
# same machine. Inside a throwaway network namespace, 127.0.0.0/8 is on lo (so every 127.x.y.z is a
# host); one fast responder (io.pptp4j.tools.scan.BenchResponder: one thread, non-blocking, a fixed
# SCCRP and StopCCRP) listens on 0.0.0.0:1723 and answers every address. Both scanners and the
# responder share the machine's cores. pptp4j scans N addresses (default 127.0.0.0/16, 65,536), nmap a
# smaller slice (default /20, 4,096) to keep the run short; the rates (hosts/s, JVM and nmap start-up
# included) are compared. Both must report every host as PPTP, or the run fails.
# Usage: sudo bench/scan-vs-nmap.sh [PPTP4J_PREFIX [NMAP_PREFIX]]   (defaults 16 and 20)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ours_prefix="${1:-16}"; nmap_prefix="${2:-20}"
[ "$(id -u)" = 0 ] || { echo "needs root (a network namespace)" >&2; exit 1; }
command -v nmap >/dev/null || { echo "needs nmap" >&2; exit 1; }
ns=p4jscan-bench-$$; work="$(mktemp -d)"
cleanup() {
  for p in $(ip netns pids $ns 2>/dev/null); do kill -9 $p 2>/dev/null || true; done
  ip netns del $ns 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$here/pptp4j" --version >/dev/null   # build first, outside the timing
java="$(for d in ${PPTP4J_JAVA_HOME:-} /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/java-25-* /usr/lib/jvm/jdk-25*; do [ -x "$d/bin/java" ] && { echo "$d/bin/java"; break; }; done)"
[ -n "$java" ] || { echo "needs a JDK 25 (set PPTP4J_JAVA_HOME)" >&2; exit 1; }
cp="$here/pptp4j-tools/target/pptp4j.jar:$here/pptp4j-tools/target/lib/*"

ip netns add $ns
ip -n $ns link set lo up
ip netns exec $ns sysctl -qw net.ipv4.tcp_tw_reuse=1 net.ipv4.ip_local_port_range="1024 65000"
ip netns exec $ns "$java" -XX:+UseSerialGC -cp "$cp" io.pptp4j.tools.scan.BenchResponder 0.0.0.0 1723 > "$work/responder.log" 2>&1 &
for i in $(seq 1 100); do grep -q listening "$work/responder.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/responder.log" || { cat "$work/responder.log" >&2; exit 1; }

ours_n=$(( 1 << (32 - ours_prefix) )); nmap_n=$(( 1 << (32 - nmap_prefix) ))
now() { date +%s.%N; }

# a short warm-up of the responder (its JIT), not timed
ip netns exec $ns "$here/pptp4j" scan 127.1.0.0/24 -o jsonl --no-progress >/dev/null 2>&1

s=$(now)
ip netns exec $ns "$here/pptp4j" scan "127.0.0.0/$ours_prefix" -o jsonl --no-progress --concurrency "${CONCURRENCY:-512}" \
   --output "$work/ours.jsonl" 2>"$work/ours.err"
ours=$(echo "$(now) - $s" | bc)
ours_pptp=$(grep -c '"status":"pptp"' "$work/ours.jsonl" || true)
s=$(now)
ip netns exec $ns nmap -Pn -n -p1723 --script pptp-version "127.0.0.0/$nmap_prefix" -oN "$work/nmap.txt" >/dev/null
theirs=$(echo "$(now) - $s" | bc)
nmap_pptp=$(grep -c "^1723/tcp open  pptp" "$work/nmap.txt" || true)

ours_rate=$(echo "$ours_n / $ours" | bc -l); nmap_rate=$(echo "$nmap_n / $theirs" | bc -l)
printf 'responder: io.pptp4j.tools.scan.BenchResponder on 0.0.0.0:1723 in a namespace, %s cores\n' "$(nproc)"
printf 'pptp4j scan 127.0.0.0/%-2s        : %6d hosts, %6d pptp, %7.2f s, %8.0f hosts/s\n' "$ours_prefix" "$ours_n" "$ours_pptp" "$ours" "$ours_rate"
printf 'nmap --script pptp-version /%-2s  : %6d hosts, %6d pptp, %7.2f s, %8.0f hosts/s\n' "$nmap_prefix" "$nmap_n" "$nmap_pptp" "$theirs" "$nmap_rate"
printf 'ratio (pptp4j / nmap)           : %6.1fx\n' "$(echo "$ours_rate / $nmap_rate" | bc -l)"
tail -n1 "$work/ours.err"
[ "$ours_pptp" = "$ours_n" ] && [ "$nmap_pptp" = "$nmap_n" ] || { echo "not every host was reported as PPTP" >&2; exit 1; }
