package io.pptp4j.linux.ppp;

import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.wire.Bytes;
import java.io.IOException;

/**
 * Where the IP datagrams of a PPP session go once its network phase is up: a TUN device
 * ({@code io.pptp4j.linux.tun.TunAttachment}) or nowhere ({@link #NONE}). pppd's counterpart is the ppp
 * unit it creates after IPCP opens.
 */
@FunctionalInterface
public interface NetworkAttachment {

    /**
     * Attaches one session.
     *
     * @param result what PPP negotiated: addresses, MRU, MPPE
     * @param toPeer sends an IP datagram to the peer through the session (encrypted when MPPE runs), with
     *        the flow control of the link below
     * @return the receiving end for datagrams from the peer; closed when the session ends
     */
    Endpoint attach(SessionResult result, PacketSink toPeer) throws IOException;

    /** One session's end of the attachment. */
    interface Endpoint extends AutoCloseable {
        /** A datagram from the peer. */
        void deliver(Bytes ipPacket);

        /** A datagram from the peer at {@code buf[off, off + len)}, valid during the call only. */
        default void deliverInPlace(byte[] buf, int off, int len) { deliver(Bytes.of(buf, off, off + len)); }

        /** What it is, for logs: {@code pptp0 (mtu 1396)}. */
        String describe();

        @Override
        void close();
    }

    /** Datagrams from the peer are dropped; nothing is sent. */
    NetworkAttachment NONE = (result, toPeer) -> new Endpoint() {
        @Override
        public void deliver(Bytes ipPacket) { }

        @Override
        public String describe() { return "no interface"; }

        @Override
        public void close() { }
    };
}
