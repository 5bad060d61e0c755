#!/usr/bin/env bash
# Memory held per idle control connection and per call: pptp4j's server against pptpd (poptop, one
# pptpctrl process per connection), measured the same way: the sum of private memory (USS: Private_Clean +
# Private_Dirty from /proc/PID/smaps_rollup, which pages shared with other processes cannot distort) over
# the server's process tree, before and after N clients, divided by N. For the JVM a full GC runs first.
# The ppp program behind pptpd is a stand-in (`sleep`, pppd cannot run here) and is not counted.
# Runs as root, in two throwaway network namespaces (203.0.113.0/24); removes them on exit.
# Usage: sudo bench/control-memory.sh [N]   (default 200)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-200}"
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)" >&2; exit 1; }
work="$(mktemp -d)"; srv=p4jb-srv-$$; cli=p4jb-cli-$$
cleanup() {
  for ns in $srv $cli; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill -9 $p 2>/dev/null || true; done
    ip netns del $ns 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add $srv; ip netns add $cli
ip link add p4jb0 netns $cli type veth peer name p4jb1 netns $srv
ip -n $cli addr add 203.0.113.1/24 dev p4jb0; ip -n $srv addr add 203.0.113.2/24 dev p4jb1
for ns in $srv $cli; do ip -n $ns link set lo up; done
ip -n $cli link set p4jb0 up; ip -n $srv link set p4jb1 up
"$here/pptp4j" --version >/dev/null

uss_tree() { # KiB of private memory of a process and its descendants, leaving out `sleep`
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null; for c in $(pgrep -P "$1" 2>/dev/null); do pgrep -P "$c" 2>/dev/null; done); do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = sleep ] && continue
    total=$(( total + $(awk '/^Private_(Clean|Dirty):/{s+=$2} END{print s+0}' /proc/$p/smaps_rollup 2>/dev/null || echo 0) ))
  done
  echo $total
}

cat > "$work/clients.py" <<'PY'
import socket, struct, sys, time
host, n, fifo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def msg(t, body):
    return struct.pack('>HHIHH', 12 + len(body), 1, 0x1A2B3C4D, t, 0) + body
def readmsg(s):
    h = b''
    while len(h) < 2: h += s.recv(2 - len(h))
    ln = struct.unpack('>H', h)[0]
    while len(h) < ln:
        chunk = s.recv(ln - len(h))
        if not chunk: raise SystemExit('closed')
        h += chunk
    return h
sccrq = msg(1, struct.pack('>HHIIHH', 0x0100, 0, 1, 1, 0, 1) + b'bench'.ljust(64, b'\0') + b'bench'.ljust(64, b'\0'))
socks = []
for i in range(n):
    s = socket.create_connection((host, 1723), timeout=10)
    s.sendall(sccrq); readmsg(s); socks.append(s)
print('connections', flush=True); open(fifo).read()
for i, s in enumerate(socks):
    ocrq = msg(7, struct.pack('>HHIIIIHHHH', i + 1, i + 1, 300, 100000000, 3, 3, 64, 0, 0, 0) + b'\0' * 128)
    s.sendall(ocrq); readmsg(s)
print('calls', flush=True); open(fifo).read()
PY

measure() { # name, server pid, gc command
  local name=$1 pid=$2 gc=$3 base conns calls
  sleep 1; eval "$gc"; base=$(uss_tree $pid)
  mkfifo "$work/go"
  ip netns exec $cli python3 "$work/clients.py" 203.0.113.2 $n "$work/go" > "$work/clients.out" &
  local cpid=$!
  for i in $(seq 1 600); do grep -q connections "$work/clients.out" 2>/dev/null && break; sleep 0.1; done
  sleep 1; eval "$gc"; conns=$(uss_tree $pid)
  echo go > "$work/go"
  for i in $(seq 1 600); do grep -q calls "$work/clients.out" 2>/dev/null && break; sleep 0.1; done
  sleep 1; eval "$gc"; calls=$(uss_tree $pid)
  echo go > "$work/go"; wait $cpid || true; rm -f "$work/go"
  printf '%-8s baseline %7d KiB | per idle control connection %6.1f KiB | per call %6.1f KiB  (N=%d)\n' \
    "$name" "$base" "$(echo "($conns - $base) / $n" | bc -l)" "$(echo "($calls - $conns) / $n" | bc -l)" "$n"
}

# pptp4j
jdk=$(ls -d /usr/lib/jvm/*25* | head -1)
ip netns exec $srv "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -jar "$here/pptp4j-tools/target/pptp4j.jar" \
  server --listen 203.0.113.2 --calls discard --max-calls 1 > "$work/pptp4j.log" 2>&1 &
jpid=$!
for i in $(seq 1 100); do grep -q listening "$work/pptp4j.log" && break; sleep 0.1; done
measure pptp4j $jpid "$jdk/bin/jcmd $jpid GC.run >/dev/null"
kill $jpid; wait $jpid 2>/dev/null || true

# pptpd
printf '#!/bin/sh\nexec sleep 600\n' > "$work/ppp"; chmod +x "$work/ppp"
printf 'nodefaultroute\n' > "$work/options"
cat > "$work/pptpd.conf" <<CONF
ppp $work/ppp
option $work/options
listen 203.0.113.2
connections $((n + 10))
localip 203.0.113.250
remoteip 203.0.113.10-240
CONF
ip netns exec $srv pptpd --fg --conf "$work/pptpd.conf" --pidfile "$work/pptpd.pid" > /dev/null 2>&1 &
ppid=$!
for i in $(seq 1 100); do ip netns exec $srv ss -Hltn | grep -q ':1723' && break; sleep 0.1; done
measure pptpd $ppid true
