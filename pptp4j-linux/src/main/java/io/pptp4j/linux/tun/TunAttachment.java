package io.pptp4j.linux.tun;

import io.pptp4j.linux.net.SocketClosedException;
import io.pptp4j.linux.ppp.NetworkAttachment;
import io.pptp4j.linux.ppp.PacketSink;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives each PPP session a TUN device, as pppd gives each a ppp unit: named from a pattern
 * ({@code pptp%d} numbers them), our tunnel address with the peer's as point-to-point destination, an
 * MTU from the negotiated MRU ({@link SessionResult#interfaceMtu()}), up, and the routes asked for.
 *
 * <p>Threads: one platform thread per session reads the device and sends each packet into the session
 * (the send direction); datagrams from the peer are written to the device on the thread that decrypted
 * them, the GRE receive thread (the receive direction). One thread per direction, no queue between.
 * Both directions work in place: the reader reads each datagram into a buffer behind room for the PPP
 * and GRE headers ({@link PppLink#SEND_HEADROOM}), where it is encrypted, framed and sent from; the
 * receive thread writes each decrypted datagram from the GRE receive buffer. In the steady state
 * neither allocates. Batches where the kernel has them: after each blocking read the reader takes what
 * else the device queued (up to the room in the GRE window and {@link PppLink#BATCH_LIMIT}) and sends
 * it all with one {@code sendmmsg}; the GRE receive thread takes up to as many datagrams per
 * {@code recvmmsg}. A TUN device itself reads and writes one packet per system call.
 */
public final class TunAttachment implements NetworkAttachment {
    /** How long the reader waits for room below before it looks again whether the device is still open. */
    private static final long CAPACITY_WAIT_NANOS = 200_000_000L;
    /** The pause when the link below says no at once (it closed before the device): the session is ending. */
    private static final long CLOSED_BELOW_PAUSE_MILLIS = 20;

    private final String namePattern;
    private final List<String> routes;
    private final Consumer<String> log;

    /**
     * @param namePattern a name, or a pattern with {@code %d}
     * @param routes CIDR prefixes routed into the tunnel ({@code ip route add CIDR dev NAME})
     * @param log hears one line per interface created or removed
     */
    public TunAttachment(String namePattern, List<String> routes, Consumer<String> log) {
        TunDevice.checkName(namePattern);
        this.namePattern = namePattern;
        this.routes = List.copyOf(routes);
        this.log = log;
    }

    @Override
    public Endpoint attach(SessionResult result, PacketSink toPeer) throws IOException {
        TunDevice tun = TunDevice.open(namePattern);
        int mtu = result.interfaceMtu();
        try {
            tun.configure(result.localAddress(), result.remoteAddress(), mtu);
            for (String route : routes) {
                tun.addRoute(route);
            }
        } catch (IOException | RuntimeException e) {
            tun.close();
            throw e;
        }
        java.util.concurrent.atomic.AtomicLong oversized = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = Thread.ofPlatform().name("tun-" + tun.name()).daemon().start(() -> {
            // buffers for the life of the session: each datagram is read behind room for the PPP and GRE
            // headers, encrypted and framed where it lies, and sent from there (no copy, no allocation)
            int room = PppLink.SEND_HEADROOM + mtu;
            byte[][] bufs = new byte[PppLink.BATCH_LIMIT][room];
            int[] offs = new int[PppLink.BATCH_LIMIT];
            int[] lens = new int[PppLink.BATCH_LIMIT];
            java.util.Arrays.fill(offs, PppLink.SEND_HEADROOM);
            try {
                while (tun.isOpen()) {
                    // wait for room below before taking the next packet: when the GRE window stays shut the
                    // kernel's queue fills and drops, nothing is encrypted in vain (see PacketSink)
                    long waited = System.nanoTime();
                    if (!toPeer.awaitCapacity(CAPACITY_WAIT_NANOS)) {
                        if (System.nanoTime() - waited < CAPACITY_WAIT_NANOS / 2) {
                            Thread.sleep(CLOSED_BELOW_PAUSE_MILLIS); // the link below closed first: no spin until we are
                        }
                        continue;
                    }
                    int count = 0;
                    int n = tun.read(bufs[0], PppLink.SEND_HEADROOM, mtu);
                    // what else the kernel queued meanwhile, as far as there is room below: one batch
                    // (one sendmmsg) for all
                    int limit = Math.min(PppLink.BATCH_LIMIT, toPeer.room());
                    for (int reads = 1; ; reads++) {
                        if (n <= mtu) {
                            lens[count++] = n;
                        } else {
                            oversized.incrementAndGet(); // the MTU was raised under us: IP's limit is ours
                        }
                        if (count >= limit || reads >= PppLink.BATCH_LIMIT
                                || (n = tun.readNow(bufs[count], PppLink.SEND_HEADROOM, mtu)) < 0) {
                            break;
                        }
                    }
                    try {
                        if (count == 1) {
                            toPeer.sendInPlace(bufs[0], PppLink.SEND_HEADROOM, lens[0]);
                        } else if (count > 1) {
                            toPeer.sendInPlace(bufs, offs, lens, count);
                        }
                    } catch (RuntimeException e) {
                        // a bug below must not end the session's send direction for good: say it, go on
                        if (failures.getAndIncrement() < 3) {
                            log.accept(tun.name() + ": packet dropped: " + e);
                        }
                    }
                }
            } catch (SocketClosedException | InterruptedException closed) {
                // the session ended
            } catch (IOException e) {
                log.accept(tun.name() + ": " + e.getMessage());
            }
        });
        String description = tun.name() + " (" + result.localAddress().getHostAddress() + " peer "
                + result.remoteAddress().getHostAddress() + ", mtu " + mtu + ")";
        log.accept("interface " + description + " up");
        return new Endpoint() {
            @Override
            public void deliver(Bytes ipPacket) {
                byte[] packet = ipPacket.toArray();
                deliverInPlace(packet, 0, packet.length);
            }

            @Override
            public void deliverInPlace(byte[] buf, int off, int len) {
                try {
                    tun.write(buf, off, len); // the device's own lock keeps writes whole
                } catch (IOException e) {
                    // closed under us: the session is ending
                }
            }

            @Override
            public String describe() { return description; }

            @Override
            public void close() {
                tun.close();
                try {
                    reader.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                log.accept("interface " + tun.name() + " removed (" + tun.packetsRead() + " packets out, "
                        + tun.packetsWritten() + " in" + (oversized.get() > 0 ? ", " + oversized.get()
                        + " dropped as larger than the MTU " + mtu : "") + ")");
            }
        };
    }

    @Override
    public String toString() { return "TunAttachment[" + namePattern + ", routes " + routes + "]"; }
}
