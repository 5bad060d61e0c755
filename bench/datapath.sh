#!/usr/bin/env bash
# The Java side of the data path in one thread, without sockets: an IP datagram through the client's PPP
# session (MPPE-128 stateless encryption), GRE engine and codec, then the server's GRE engine and PPP
# session (decryption), acknowledgments flowing back. Prints packets/s and the bytes allocated per packet
# for 64- and 1300-byte datagrams, the in-place path (what the TUN reader and the GRE receive thread run
# in the steady state) and the event path (values and action lists, the fallback), and their ratio.
# Bounded: a few seconds per run.
# Usage: bench/datapath.sh [COUNT]   (default 1000000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-1000000}"
cd "$here"
mvn -q -B -o -pl pptp4j-core test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt \
    -Dmdep.includeScope=test >/dev/null
jdk=$(ls -d /usr/lib/jvm/*25* | head -1)
cp="pptp4j-core/target/test-classes:pptp4j-core/target/classes:$(cat target/bench-cp.txt 2>/dev/null || cat pptp4j-core/target/bench-cp.txt)"
for size in 64 1300; do
  for way in in-place events; do
    "$jdk/bin/java" -XX:+UseSerialGC -cp "$cp" io.pptp4j.ppp.session.DataPathBenchmark "$size" "$count" "$way" \
      | tee "pptp4j-core/target/datapath-$way-$size.txt"
  done
  ours=$(sed -n 's/.*: *\([0-9]*\) packets\/s.*/\1/p' "pptp4j-core/target/datapath-in-place-$size.txt")
  theirs=$(sed -n 's/.*: *\([0-9]*\) packets\/s.*/\1/p' "pptp4j-core/target/datapath-events-$size.txt")
  printf '%d-byte datagrams: in-place / events = %.2fx packets/s\n' "$size" "$(echo "$ours / $theirs" | bc -l)"
done
