package io.pptp4j.ppp.session;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.engine.GreAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallEngine;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Not a test: the engines' data path in one thread, no sockets, to see what the Java side costs per
 * packet. An IP datagram goes into the client's {@link PppSession} (MPPE-128 stateless encryption), its
 * frame into a {@link GreCallEngine} and the GRE codec, then out of the server's GRE engine and session
 * (decryption), acknowledgments flowing back. Prints packets per second and the bytes the JVM allocated
 * per packet (the thread's allocation counter). Run by {@code bench/datapath.sh}.
 */
public final class DataPathBenchmark {
    private DataPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1300;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        SessionLink link = SessionLink.clean(new PppSession(PppSessionTest.server()), new PppSession(PppSessionTest.client("wonderland")));
        link.openBoth();
        if (!link.runUntilBothUp(60 * PppSessionTest.SECOND) || !link.runUntilQuiet(link.now + 10 * PppSessionTest.SECOND)) {
            throw new IllegalStateException("sessions not up");
        }
        GreCallEngine a = new GreCallEngine(GreCallConfig.of(1, 2, 64, 64));
        GreCallEngine b = new GreCallEngine(GreCallConfig.of(2, 1, 64, 64));
        byte[] ip = new byte[size];
        ip[0] = 0x45;
        Bytes datagram = Bytes.of(ip);
        long[] now = {link.now + PppSessionTest.SECOND};
        Pump pump = new Pump(link, a, b);
        pump.run(datagram, 200_000, now); // warm-up
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long delivered = pump.run(datagram, count, now);
        long elapsed = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        if (delivered != count) {
            throw new IllegalStateException("delivered " + delivered + " of " + count);
        }
        System.out.printf("%d-byte datagrams: %.0f packets/s (%.0f Mbit/s of payload) through encrypt+GRE+decrypt in one thread; "
                        + "%.0f bytes allocated per packet%n", size, count * 1e9 / elapsed, count * 8.0 * size * 1e3 / elapsed,
                (double) allocated / count);
    }

    /** Client session -> GRE engine A -> codec -> GRE engine B -> server session, acks back to A. */
    private record Pump(SessionLink link, GreCallEngine a, GreCallEngine b) {
        long run(Bytes datagram, int count, long[] now) throws Exception {
            long delivered = 0;
            for (int i = 0; i < count; i++) {
                now[0] += 10_000;
                for (SessionAction action : link.client.sendDatagram(datagram, now[0])) {
                    if (action instanceof SessionAction.SendFrame f) {
                        delivered += toServer(a.onSend(f.pppFrame(), now[0]), now[0]);
                    }
                }
                delivered += toServer(a.onTick(now[0]), now[0]);
            }
            return delivered;
        }

        private long toServer(List<GreAction> fromA, long now) throws Exception {
            long delivered = 0;
            for (GreAction action : fromA) {
                if (action instanceof GreAction.Transmit t) {
                    GrePacket packet = GreCodec.decode(GreCodec.encode(t.packet()), DecodeMode.STRICT);
                    for (GreAction atB : b.onReceive(packet, now)) {
                        delivered += handleAtB(atB, now);
                    }
                    for (GreAction atB : b.onTick(now)) {
                        delivered += handleAtB(atB, now);
                    }
                }
            }
            return delivered;
        }

        private long handleAtB(GreAction atB, long now) throws Exception {
            switch (atB) {
                case GreAction.Deliver d -> {
                    long n = 0;
                    for (SessionAction s : link.server.onFrame(d.pppFrame(), now)) {
                        if (s instanceof SessionAction.DeliverDatagram) n++;
                    }
                    return n;
                }
                case GreAction.Transmit ack -> {
                    GrePacket back = GreCodec.decode(GreCodec.encode(ack.packet()), DecodeMode.STRICT);
                    a.onReceive(back, now); // acknowledgments open A's window
                    return 0;
                }
                default -> {
                    return 0;
                }
            }
        }
    }
}
