#!/usr/bin/env bash
# Throughput through a PPTP tunnel, pptp4j against poptop, in one run.
#
#  1. pptp4j's whole tunnel: `pptp4j connect --tun` to `pptp4j server --secrets` (MS-CHAP v2, MPPE-128
#     stateless), two network namespaces joined by a veth. UDP datagrams flood from the client's
#     namespace through its TUN device to the server's tunnel address for a fixed time; a sink on the
#     server counts what arrives: packets/s with small datagrams, Mbit/s with 1300-byte ones (the payload
#     each way crosses TUN, PPP, MPPE-128 RC4, GRE and raw sockets twice).
#  2. poptop's userspace GRE relay: pptpd with its `ppp` option naming an echo program (`cat` on a raw
#     pty, the fastest possible PPP peer: pppd cannot run here), loaded with GRE frames by a generator
#     that opens a control connection and a call and sends enhanced GRE at pptpd closed loop (at most 32
#     frames not yet echoed: flooded open loop, pptpd collapses to a few hundred packets/s), counting
#     the echoes. pptpd does no PPP and no encryption: it only moves frames between GRE and HDLC on a pty.
#  3. The same generator against `pptp4j server --calls echo`: our relay without PPP, like for like.
# Prints each figure and the ratios. Runs as root in throwaway namespaces (203.0.113.0/24 on the veth,
# 198.51.100.0/24 inside the tunnel); removes them on exit. Bounded: about 2 minutes.
# Usage: sudo bench/tunnel-throughput.sh [SECONDS_PER_PHASE]   (default 8; SKIP_TUNNEL=1 runs the relays only)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-8}"
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces, raw sockets, TUN)" >&2; exit 1; }
command -v pptpd >/dev/null || { echo "needs pptpd (apt-get install pptpd)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "needs python3 (the load generators)" >&2; exit 1; }
work="$(mktemp -d)"; srv=p4jt-srv-$$; cli=p4jt-cli-$$
cleanup() {
  [ -n "${KEEP_LOGS:-}" ] && cp "$work"/*.log "$work"/*.jfr "$KEEP_LOGS"/ 2>/dev/null   # KEEP_LOGS=DIR keeps the logs and recordings
  for ns in $srv $cli; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill $p 2>/dev/null || true; done
  done
  sleep 1
  for ns in $srv $cli; do
    for p in $(ip netns pids $ns 2>/dev/null); do kill -9 $p 2>/dev/null || true; done
    ip netns del $ns 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add $srv; ip netns add $cli
ip link add p4jt0 netns $cli type veth peer name p4jt1 netns $srv
ip -n $cli addr add 203.0.113.1/24 dev p4jt0; ip -n $srv addr add 203.0.113.2/24 dev p4jt1
for ns in $srv $cli; do ip -n $ns link set lo up; done
ip -n $cli link set p4jt0 up; ip -n $srv link set p4jt1 up
"$here/pptp4j" --version >/dev/null
jdk=$(ls -d /usr/lib/jvm/*25* | head -1)
pptp4j() { "$jdk/bin/java" ${JAVA_EXTRA:-} --enable-native-access=ALL-UNNAMED -jar "$here/pptp4j-tools/target/pptp4j.jar" "$@"; }
# Allocation on the data path, measured, not assumed: the tunnel's two JVMs run with a flight recording
# of each thread's allocation total every second (jdk.ThreadAllocationStatistics). For the data path's
# threads (tun-*, gre-receive-*) the growth from the moment the floods start (the session is up, its
# classes loaded) to the end is summed and divided by the packets that crossed.
thread_bytes() { # file.jfr EPOCH_SECONDS -> bytes the data path's threads allocated after EPOCH_SECONDS
  "$jdk/bin/jfr" print --json --events jdk.ThreadAllocationStatistics "$1" | python3 -c '
import datetime, json, sys
t0 = float(sys.argv[1]); base = {}; last = {}
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]; name = (v.get("thread") or {}).get("javaName") or ""
    if not (name.startswith("tun-") or name.startswith("gre-receive-")):
        continue
    at = datetime.datetime.fromisoformat(v["startTime"]).timestamp()
    last[name] = max(last.get(name, 0), v["allocated"])
    if at <= t0:
        base[name] = max(base.get(name, 0), v["allocated"])
grown = {k: last[k] - base.get(k, 0) for k in last}
print(" ".join(f"{k}={v}" for k, v in sorted(grown.items())), file=sys.stderr)
print(sum(grown.values()))' "$2"
}

cat > "$work/udp.py" <<'PY'
# udp.py sink ADDR PORT SECONDS | udp.py flood ADDR PORT SIZE SECONDS
import socket, sys, time
mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
if mode == 'sink':
    secs = float(sys.argv[4])
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind((addr, port)); s.settimeout(30)
    s.recv(65535)                              # the first datagram starts the clock
    n = b = 0; t0 = time.monotonic(); s.settimeout(0.5)
    while time.monotonic() - t0 < secs:
        try:
            d = s.recv(65535)
        except socket.timeout:
            continue
        n += 1; b += len(d)
    el = time.monotonic() - t0
    print(f'{n / el:.0f} {b * 8 / el / 1e6:.1f}', flush=True)
else:
    size, secs = int(sys.argv[4]), float(sys.argv[5])
    payload = b'\xa5' * size; s.connect((addr, port)); t0 = time.monotonic(); i = 0
    while True:
        for _ in range(256):
            try:
                s.send(payload)
            except OSError:
                pass                           # ENOBUFS from a full TUN queue: go on
        i += 256
        if time.monotonic() - t0 > secs + 1: break
PY

cat > "$work/gre.py" <<'PY'
# gre.py SERVER SIZE SECONDS: a PPTP call (SCCRQ, OCRQ), then enhanced GRE (RFC 2637 4.1) at the server,
# closed loop: at most WINDOW frames sent and not yet echoed, so that the rate is what the far side
# sustains (pptpd's relay collapses to a few hundred packets/s when flooded open loop). A second process
# counts the echoes. Prints "packets/s Mbit/s" of echoed frames.
import multiprocessing as mp, socket, struct, sys, time
server, size, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
WINDOW = 32
def msg(t, body): return struct.pack('>HHIHH', 12 + len(body), 1, 0x1A2B3C4D, t, 0) + body
def readmsg(s):
    h = b''
    while len(h) < 2: h += s.recv(2 - len(h))
    ln = struct.unpack('>H', h)[0]
    while len(h) < ln:
        c = s.recv(ln - len(h))
        if not c: raise SystemExit('control connection closed')
        h += c
    return h
c = socket.create_connection((server, 1723), timeout=10)
c.sendall(msg(1, struct.pack('>HHIIHH', 0x0100, 0, 1, 1, 0, 1) + b'bench'.ljust(64, b'\0') + b'bench'.ljust(64, b'\0')))
readmsg(c)
c.sendall(msg(7, struct.pack('>HHIIIIHHHH', 7, 7, 300, 100000000, 3, 3, 64, 0, 0, 0) + b'\0' * 128))
ocrp = readmsg(c); peer_call = struct.unpack('>H', ocrp[12:14])[0]; result = ocrp[16]
if result != 1: raise SystemExit(f'call refused: result {result}')
last_seq = mp.Value('l', -1, lock=False); echoed = mp.Value('l', 0, lock=False)
stop = mp.Event(); counts = mp.Array('d', 2)
def receive():
    r = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47); r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    r.settimeout(0.2); n = b = 0; t0 = None
    while not stop.is_set():
        try:
            d = r.recv(65535)
        except socket.timeout:
            continue
        ihl = (d[0] & 15) * 4; g = d[ihl:]
        if len(g) < 8 or g[2:4] != b'\x88\x0b' or struct.unpack('>H', g[6:8])[0] != 7: continue
        if g[0] & 0x10: last_seq.value = struct.unpack('>I', g[8:12])[0]
        plen = struct.unpack('>H', g[4:6])[0]
        if plen == 0: continue
        if t0 is None: t0 = time.monotonic()
        n += 1; b += plen; echoed.value = n
    el = time.monotonic() - t0 if t0 else 1
    counts[0] = n / el; counts[1] = b * 8 / el / 1e6
def send():
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 47); s.connect((server, 0))
    frame = b'\xff\x03\x00\x21' + b'\x5a' * size; seq = 0; t0 = time.monotonic(); base = echoed.value
    while time.monotonic() - t0 < secs:
        if seq - (echoed.value - base) >= WINDOW:
            if time.monotonic() - last_progress > 0.05:
                base -= 1                      # a frame lost on the way: write it off after 50 ms
                last_progress = time.monotonic()
            continue
        last_progress = time.monotonic()
        ack = last_seq.value
        if ack >= 0:
            h = struct.pack('>BBHHHII', 0x30, 0x81, 0x880b, len(frame), peer_call, seq, ack)
        else:
            h = struct.pack('>BBHHHI', 0x30, 0x01, 0x880b, len(frame), peer_call, seq)
        try:
            s.send(h + frame)
        except OSError:
            pass
        seq += 1
rp = mp.Process(target=receive); rp.start(); time.sleep(0.3)
sp = mp.Process(target=send); sp.start(); sp.join(); time.sleep(0.5); stop.set(); rp.join()
print(f'{counts[0]:.0f} {counts[1]:.1f}', flush=True)
c.close()
PY

if [ -z "${SKIP_TUNNEL:-}" ]; then
echo "pptp4j tunnel: MS-CHAP v2, MPPE-128 stateless, TUN at both ends, ${secs} s per figure"
umask 077; printf 'alice * "bench pass" *\n' > "$work/secrets"; printf 'bench pass\n' > "$work/password"
ip netns exec $srv bash -c "$(declare -f pptp4j); jdk=$jdk here=$here JAVA_EXTRA=-XX:StartFlightRecording=filename=$work/server.jfr,dumponexit=true,jdk.ThreadAllocationStatistics#period=1s${JFR_SETTINGS:+,settings=$JFR_SETTINGS}; pptp4j server --listen 203.0.113.2 --secrets $work/secrets \
  --local-ip 198.51.100.1 --remote-ip 198.51.100.10-20" > "$work/server.log" 2>&1 &
for i in $(seq 1 100); do grep -q listening "$work/server.log" && break; sleep 0.1; done
ip netns exec $cli bash -c "$(declare -f pptp4j); jdk=$jdk here=$here JAVA_EXTRA=-XX:StartFlightRecording=filename=$work/client.jfr,dumponexit=true,jdk.ThreadAllocationStatistics#period=1s${JFR_SETTINGS:+,settings=$JFR_SETTINGS}; pptp4j connect 203.0.113.2 --user alice \
  --password-file $work/password --tun vpn0 --hold 120" > "$work/client.log" 2>&1 &
for i in $(seq 1 300); do grep -q 'tunnel ' "$work/client.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'tunnel ' "$work/client.log" || { cat "$work/client.log" "$work/server.log"; exit 1; }
ip netns exec $cli ping -c 3 -i 0.2 -q 198.51.100.1 > /dev/null
tunnel() { # size -> "pps mbps"
  ip netns exec $srv python3 "$work/udp.py" sink 198.51.100.1 9000 "$secs" > "$work/sink.out" &
  local sink=$!; sleep 0.5
  ip netns exec $cli timeout $((secs + 10)) python3 "$work/udp.py" flood 198.51.100.1 9000 "$1" "$secs" || true
  wait $sink; cat "$work/sink.out"
}
sleep 1.5; flood_start=$(date +%s.%N)   # the allocation figures count from here
read -r t_pps _ <<< "$(tunnel 64)"
read -r t_pps_large t_mbps <<< "$(tunnel 1300)"
printf '  pptp4j tunnel      %8d packets/s (64-byte UDP)   %7.1f Mbit/s (1300-byte UDP)\n' "$t_pps" "$t_mbps"
for p in $(ip netns pids $cli); do kill $p 2>/dev/null || true; done
for p in $(ip netns pids $srv); do kill $p 2>/dev/null || true; done
for i in $(seq 1 100); do [ -z "$(ip netns pids $cli)$(ip netns pids $srv)" ] && break; sleep 0.1; done
sleep 1
packets=$(( (t_pps + t_pps_large) * secs ))
if [ -s "$work/client.jfr" ] && [ -s "$work/server.jfr" ] && [ "$packets" -gt 0 ]; then
  c_bytes=$(thread_bytes "$work/client.jfr" "$flood_start" 2>"$work/client.threads")
  s_bytes=$(thread_bytes "$work/server.jfr" "$flood_start" 2>"$work/server.threads")
  echo "  client threads: $(cat "$work/client.threads")"; echo "  server threads: $(cat "$work/server.threads")"
  printf '  allocated on the data path during the floods (tun-*, gre-receive-* threads): client %d B, server %d B\n' "$c_bytes" "$s_bytes"
  printf '  over %d packets carried: %.1f bytes per packet, both ends together\n' "$packets" "$(echo "($c_bytes + $s_bytes) / $packets" | bc -l)"
fi
else t_pps=0; t_mbps=0; fi   # SKIP_TUNNEL=1: the relays only (for trying the script)

relay() { # name -> "pps mbps" for 64- and 1300-byte frames
  read -r r_pps _ <<< "$(ip netns exec $cli timeout $((secs + 20)) python3 "$work/gre.py" 203.0.113.2 64 "$secs")"
  read -r _ r_mbps <<< "$(ip netns exec $cli timeout $((secs + 20)) python3 "$work/gre.py" 203.0.113.2 1300 "$secs")"
  printf '  %-18s %8d packets/s (64-byte frames)  %7.1f Mbit/s (1300-byte frames)\n' "$1" "$r_pps" "$r_mbps"
}

echo "GRE relays (a call flooded with GRE, frames echoed back by the far side)"
# pptpctrl relays GRE only once the ppp program has written: greet with an HDLC-framed LCP
# Configure-Request (RFC 1662: FCS-16, every octet below 0x20 escaped), then echo every byte back
cat > "$work/greet.py" <<'PY'
import sys
frame = bytes([0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04])
fcs = 0xffff
for b in frame:
    fcs ^= b
    for _ in range(8):
        fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
frame += bytes([(fcs ^ 0xffff) & 0xff, (fcs ^ 0xffff) >> 8])
out = bytearray([0x7e])
for b in frame:
    out += bytes([0x7d, b ^ 0x20]) if b < 0x20 or b in (0x7d, 0x7e) else bytes([b])
out.append(0x7e)
sys.stdout.buffer.write(out); sys.stdout.flush()
PY
printf '#!/bin/sh\nstty raw -echo\npython3 %s\nexec cat\n' "$work/greet.py" > "$work/echo"; chmod 755 "$work/echo"
printf 'nodefaultroute\n' > "$work/options"
cat > "$work/pptpd.conf" <<CONF
ppp $work/echo
option $work/options
listen 203.0.113.2
localip 203.0.113.250
remoteip 203.0.113.10-240
CONF
ip netns exec $srv pptpd --fg --conf "$work/pptpd.conf" --pidfile "$work/pptpd.pid" > /dev/null 2>&1 &
for i in $(seq 1 100); do ip netns exec $srv ss -Hltn | grep -q ':1723' && break; sleep 0.1; done
relay "pptpd + cat"; p_pps=$r_pps; p_mbps=$r_mbps
for p in $(ip netns pids $srv); do kill $p 2>/dev/null || true; done
sleep 1
ip netns exec $srv bash -c "$(declare -f pptp4j); jdk=$jdk here=$here; pptp4j server --listen 203.0.113.2 --calls echo" \
  > "$work/echo.log" 2>&1 &
for i in $(seq 1 100); do grep -q listening "$work/echo.log" && break; sleep 0.1; done
relay "pptp4j --calls echo"; e_pps=$r_pps; e_mbps=$r_mbps

echo "ratios"
printf '  pptp4j tunnel (PPP + MPPE-128 + TUN) / pptpd relay: %.2fx packets/s, %.2fx Mbit/s\n' \
  "$(echo "$t_pps / $p_pps" | bc -l)" "$(echo "$t_mbps / $p_mbps" | bc -l)"
printf '  pptp4j relay / pptpd relay:                         %.2fx packets/s, %.2fx Mbit/s\n' \
  "$(echo "$e_pps / $p_pps" | bc -l)" "$(echo "$e_mbps / $p_mbps" | bc -l)"
