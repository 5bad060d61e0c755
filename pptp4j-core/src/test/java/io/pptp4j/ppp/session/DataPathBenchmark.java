package io.pptp4j.ppp.session;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
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
 * frame into a {@link GreCallEngine}, then out of the server's GRE engine and session (decryption),
 * acknowledgments flowing back. Two ways, as the adapters use them: {@code in-place} (the data path of
 * the TUN reader and the GRE receive thread: one buffer, headers written in front, encryption and
 * decryption where the bytes lie) and {@code events} (values and action lists, what the in-place path
 * falls back to off the steady state). Prints packets per second and the bytes the JVM allocated per
 * packet (the thread's allocation counter). Run by {@code bench/datapath.sh}.
 */
public final class DataPathBenchmark {
    private static final int HEADROOM = PppSession.SEND_HEADROOM + GreHeader.MAX_HEADER_LENGTH;

    private DataPathBenchmark() {}

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1300;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        boolean inPlace = args.length <= 2 || args[2].equals("in-place");
        SessionLink link = SessionLink.clean(new PppSession(PppSessionTest.server()), new PppSession(PppSessionTest.client("wonderland")));
        link.openBoth();
        if (!link.runUntilBothUp(60 * PppSessionTest.SECOND) || !link.runUntilQuiet(link.now + 10 * PppSessionTest.SECOND)) {
            throw new IllegalStateException("sessions not up");
        }
        GreCallEngine a = new GreCallEngine(GreCallConfig.of(1, 2, 64, 64));
        GreCallEngine b = new GreCallEngine(GreCallConfig.of(2, 1, 64, 64));
        long[] now = {link.now + PppSessionTest.SECOND};
        Pump pump = inPlace ? new InPlace(link, a, b, size) : new Events(link, a, b, size);
        pump.run(200_000, now); // warm-up
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long delivered = pump.run(count, now);
        long elapsed = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        if (delivered != count) {
            throw new IllegalStateException("delivered " + delivered + " of " + count);
        }
        System.out.printf("%-8s %4d-byte datagrams: %7.0f packets/s (%5.0f Mbit/s of payload) through encrypt+GRE+decrypt in one thread; "
                        + "%.1f bytes allocated per packet%n", inPlace ? "in-place" : "events", size, count * 1e9 / elapsed,
                count * 8.0 * size * 1e3 / elapsed, (double) allocated / count);
    }

    private interface Pump {
        long run(int count, long[] now) throws Exception;
    }

    /** As the adapters' steady state: one buffer per direction, everything where it lies. */
    private record InPlace(SessionLink link, GreCallEngine a, GreCallEngine b, byte[] buf, byte[] acks, int size) implements Pump {
        InPlace(SessionLink link, GreCallEngine a, GreCallEngine b, int size) {
            this(link, a, b, new byte[HEADROOM + size], new byte[GreHeader.MAX_HEADER_LENGTH], size);
            buf[HEADROOM] = 0x45;
            a.writeAckOnlyInPlace(); // as GreCall does
            b.writeAckOnlyInPlace();
        }

        public long run(int count, long[] now) throws Exception {
            long delivered = 0;
            for (int i = 0; i < count; i++) {
                now[0] += 10_000;
                int frame = link.client.sendDatagramInPlace(buf, HEADROOM, size);
                if (frame < 0 || !a.canTransmitNow()) {
                    throw new IllegalStateException("not the steady state at packet " + i);
                }
                int start = a.transmitInPlace(buf, frame, HEADROOM + size - frame, now[0]);
                toA(a.takeActions(), now[0]);
                // the wire: the receiver reads the packet where it lies
                int length = HEADROOM + size - start;
                int headerLength = GreCodec.steadyStateHeaderLength(buf, start, length);
                if (b.receiveInSequence(GreCodec.callIdAt(buf, start), GreCodec.sequenceNumberAt(buf, start),
                        GreCodec.ackNumberAt(buf, start), now[0])) {
                    int at = link.server.receiveInPlace(buf, start + headerLength, length - headerLength);
                    if (at == HEADROOM) {
                        delivered++;
                    }
                } else {
                    // off the steady state (the first packet syncs the receiver): the event path
                    GrePacket packet = GreCodec.decode(java.util.Arrays.copyOfRange(buf, start, start + length), DecodeMode.STRICT);
                    for (GreAction action : b.onReceive(packet, now[0])) {
                        if (action instanceof GreAction.Deliver d) {
                            delivered += link.server.onFrame(d.pppFrame(), now[0]).stream()
                                    .filter(x -> x instanceof SessionAction.DeliverDatagram).count();
                        }
                    }
                }
                toA(b.takeActions(), now[0]);
                toA(b.onTick(now[0]), now[0]);
                if (b.ackOnlyDue() && b.writeAckOnly(acks, 0) > 0) {
                    a.receiveAckOnly(GreCodec.callIdAt(acks, 0), GreCodec.ackNumberAt(acks, 0), now[0]);
                    toA(a.takeActions(), now[0]);
                }
            }
            return delivered;
        }

        /** B's acknowledgments back to A, encoded into a buffer and read in place as the transport does. */
        private void toA(List<GreAction> actions, long now) {
            if (actions.isEmpty()) {
                return; // as GreCall: even an empty list's iterator is an object
            }
            for (GreAction action : actions) {
                if (action instanceof GreAction.Transmit t && t.packet().header().callId() == 1) {
                    GreCodec.encodeHeader(t.packet().header(), acks, 0);
                    a.receiveAckOnly(GreCodec.callIdAt(acks, 0), GreCodec.ackNumberAt(acks, 0), now);
                    a.takeActions();
                }
            }
        }
    }

    /** Values and action lists: client session -> GRE engine A -> codec -> GRE engine B -> server session. */
    private record Events(SessionLink link, GreCallEngine a, GreCallEngine b, Bytes datagram) implements Pump {
        Events(SessionLink link, GreCallEngine a, GreCallEngine b, int size) {
            this(link, a, b, datagram(size));
        }

        private static Bytes datagram(int size) {
            byte[] ip = new byte[size];
            ip[0] = 0x45;
            return Bytes.of(ip);
        }

        public long run(int count, long[] now) throws Exception {
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
