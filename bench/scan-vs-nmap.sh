#!/usr/bin/env bash
# Scan rate: `pptp4j scan` against `nmap -Pn -n -p1723 --script pptp-version`, in the same run, on the
# same machine. Inside a throwaway network namespace 127.0.0.0/8 is on lo, so every 127.x.y.z is a
# host; one fast responder (bench/pptp-responder.c: one thread, epoll, a fixed SCCRP and StopCCRP)
# listens on 0.0.0.0:1723 and answers every address. Scanners and responder share the machine's cores.
# pptp4j scans 127.0.0.0/16 (65,536 addresses), nmap a /20 slice (4,096) to keep the run short; rates
# are hosts per second of wall-clock time, start-up included (the JVM's too). The two are run in
# turn, ROUNDS times (other work on a shared machine comes and goes), and the best round of each is
# compared. Every host must be reported as PPTP by both, or the run fails.
# Usage: sudo bench/scan-vs-nmap.sh [ROUNDS [PPTP4J_PREFIX [NMAP_PREFIX]]]   (defaults 3, 16, 20)
# Extra options for pptp4j scan in PPTP4J_SCAN_OPTIONS (e.g. --pipeline).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"; ours_prefix="${2:-16}"; nmap_prefix="${3:-20}"
[ "$(id -u)" = 0 ] || { echo "needs root (a network namespace)" >&2; exit 1; }
for t in nmap gcc bc; do command -v $t >/dev/null || { echo "needs $t" >&2; exit 1; }; done
ns=p4jscan-bench-$$; work="$(mktemp -d)"
cleanup() {
  for p in $(ip netns pids $ns 2>/dev/null); do kill -9 $p 2>/dev/null || true; done
  ip netns del $ns 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$here/pptp4j" --version >/dev/null   # build first, outside the timing
gcc -O2 -Wall -o "$work/pptp-responder" "$here/bench/pptp-responder.c"

ip netns add $ns
ip -n $ns link set lo up
ip netns exec $ns sysctl -qw net.ipv4.tcp_tw_reuse=1 net.ipv4.ip_local_port_range="1024 65000"
ip netns exec $ns "$work/pptp-responder" 1723 > "$work/responder.log" 2>&1 &
disown
for i in $(seq 1 50); do grep -q listening "$work/responder.log" 2>/dev/null && break; sleep 0.1; done
grep -q listening "$work/responder.log" || { cat "$work/responder.log" >&2; exit 1; }

ours_n=$(( 1 << (32 - ours_prefix) )); nmap_n=$(( 1 << (32 - nmap_prefix) ))
now() { date +%s.%N; }
best_ours=0; best_nmap=0
printf 'responder: bench/pptp-responder.c on 0.0.0.0:1723 in a namespace; %s cores; load before: %s\n' \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  s=$(now)
  # shellcheck disable=SC2086
  ip netns exec $ns "$here/pptp4j" scan "127.0.0.0/$ours_prefix" -o jsonl --no-progress ${PPTP4J_SCAN_OPTIONS:-} \
     --output "$work/ours.jsonl" 2>"$work/ours.err"
  ours=$(echo "$(now) - $s" | bc)
  ours_pptp=$(grep -c '"status":"pptp"' "$work/ours.jsonl" || true)
  s=$(now)
  ip netns exec $ns nmap -Pn -n -p1723 --script pptp-version "127.0.0.0/$nmap_prefix" -oN "$work/nmap.txt" >/dev/null
  theirs=$(echo "$(now) - $s" | bc)
  nmap_pptp=$(grep -c '^1723/tcp open  pptp' "$work/nmap.txt" || true)
  [ "$ours_pptp" = "$ours_n" ] && [ "$nmap_pptp" = "$nmap_n" ] \
    || { echo "round $r: not every host was reported as PPTP ($ours_pptp/$ours_n, nmap $nmap_pptp/$nmap_n)" >&2; exit 1; }
  ours_rate=$(echo "$ours_n / $ours" | bc -l); nmap_rate=$(echo "$nmap_n / $theirs" | bc -l)
  printf 'round %d: pptp4j %6d hosts in %6.2f s = %6.0f hosts/s | nmap %5d hosts in %6.2f s = %5.0f hosts/s | %4.1fx | pptp4j own count %s, load %s\n' \
    "$r" "$ours_n" "$ours" "$ours_rate" "$nmap_n" "$theirs" "$nmap_rate" "$(echo "$ours_rate / $nmap_rate" | bc -l)" \
    "$(grep -o '([0-9]*/s)' "$work/ours.err" | tail -n1)" "$(cut -d' ' -f1 /proc/loadavg)"
  [ "$(echo "$ours_rate > $best_ours" | bc)" = 1 ] && best_ours=$ours_rate
  [ "$(echo "$nmap_rate > $best_nmap" | bc)" = 1 ] && best_nmap=$nmap_rate
done
printf 'pptp4j scan 127.0.0.0/%d%s: best %8.0f hosts/s\n' "$ours_prefix" "${PPTP4J_SCAN_OPTIONS:+ $PPTP4J_SCAN_OPTIONS}" "$best_ours"
printf 'nmap -Pn -n -p1723 --script pptp-version 127.0.0.0/%d: best %8.0f hosts/s\n' "$nmap_prefix" "$best_nmap"
printf 'ratio (pptp4j / nmap): %.1fx\n' "$(echo "$best_ours / $best_nmap" | bc -l)"
printf 'pptp4j said: %s\n' "$(tail -n1 "$work/ours.err")"
printf 'load after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
