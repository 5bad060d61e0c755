package io.pptp4j.linux.ppp;

import io.pptp4j.wire.Bytes;
import java.util.function.Consumer;

/**
 * Where packets go (PPP frames to a call's GRE session, IP datagrams into a PPP session), with the flow
 * control a source that can wait may use: a TUN reader waits for {@link #awaitCapacity} before it reads
 * the next packet, so that a full GRE window leaves packets in the kernel's queue (dropped there if it
 * overflows) instead of dropping them after they were numbered and encrypted. That matters for MPPE:
 * every encrypted packet advances the coherency count, and in stateless mode a receiver that misses 4096
 * in a row can no longer tell how far the key moved (RFC 3078 section 8).
 */
public interface PacketSink {
    void send(Bytes packet);

    /**
     * The data path's {@link #send}: the packet at {@code buf[off, off + len)}, which the sink may change
     * in place (encrypt it, put headers in the free octets before {@code off}: see the sink), and which is
     * the caller's again on return. The default copies it into {@link #send}.
     */
    default void sendInPlace(byte[] buf, int off, int len) { send(Bytes.of(buf, off, off + len)); }

    /**
     * {@link #sendInPlace} for {@code count} packets {@code bufs[i][offs[i], offs[i] + lens[i])} in order,
     * which a sink may hand on as one batch (one system call for all). The default sends them one by one.
     */
    default void sendInPlace(byte[][] bufs, int[] offs, int[] lens, int count) {
        for (int i = 0; i < count; i++) {
            sendInPlace(bufs[i], offs[i], lens[i]);
        }
    }

    /** How many packets a sender may give now without one being dropped for want of room; at least 1 after {@link #awaitCapacity} said true. */
    default int room() { return 1; }

    /**
     * Waits up to {@code timeoutNanos} until a packet given now would go on at once (for GRE: the send
     * window has room and nothing is queued); true when it would.
     */
    default boolean awaitCapacity(long timeoutNanos) throws InterruptedException { return true; }

    /** A sink without flow control. */
    static PacketSink of(Consumer<Bytes> consumer) { return consumer::accept; }
}
