package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;

/** Where a connected call's PPP frames go: GRE on a raw socket in production, anything in a test. */
public interface DataPlane extends AutoCloseable {

    /**
     * Opens the GRE session of a call that the control connection just connected.
     *
     * @param local our address (the one the control connection uses)
     * @param peer the peer's address
     * @param call what the control connection agreed: both Call IDs, the peer's window and delay
     * @param deliver receives the PPP frames the peer sends, in order; in place on the data path
     */
    Call open(Inet4Address local, Inet4Address peer, ControlAction.CallConnected call, io.pptp4j.linux.ppp.PacketSink deliver)
            throws IOException;

    /**
     * Gets ready to carry calls on {@code local}: opens the raw GRE socket now, before any call is
     * connected. Without it, a peer's first GRE packet may arrive while no socket for IP protocol 47
     * exists, and the kernel answers with ICMP Protocol Unreachable, which pptp-linux takes as fatal.
     */
    default void prepare(Inet4Address local) throws IOException {}

    /**
     * A call is about to be placed with {@code localCallId}: GRE from {@code peer} for it that arrives
     * before {@link #open} (the server's first LCP packet right behind its Outgoing-Call-Reply) is kept for
     * the call instead of dropped.
     */
    default void expect(Inet4Address local, Inet4Address peer, int localCallId) throws IOException {}

    /** One call's GRE session. */
    interface Call extends AutoCloseable, io.pptp4j.linux.ppp.PacketSink {
        @Override
        void send(Bytes pppFrame);

        /**
         * {@link #send} for the data path: the frame at {@code buf[off, off + len)} with
         * {@link io.pptp4j.gre.GreHeader#MAX_HEADER_LENGTH} free octets before it for the GRE header.
         */
        @Override
        default void sendInPlace(byte[] buf, int off, int len) { send(Bytes.of(buf, off, off + len)); }

        GreCallCounters counters();

        @Override
        void close();
    }

    @Override
    void close();
}
