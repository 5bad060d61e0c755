package io.pptp4j.linux.gre;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.gre.engine.SendFailure;
import java.net.Inet4Address;

/** Where a {@link GreCall} hands its packets: the {@link GreTransport}'s socket, or a test's in-memory link. */
@FunctionalInterface
interface GrePacketSender {
    /**
     * Sends {@code packet} to {@code peer}; returns null when it went out, or why it did not. Never
     * throws for a failed send: the call goes on (RFC 2637 4: GRE is unreliable, PPP above recovers).
     */
    SendFailure send(GrePacket packet, Inet4Address peer);

    /**
     * Sends the encoded GRE packet at {@code buf[off, off + len)} as it is, the data path's way (no
     * values, no copy into another Java buffer); the same answers as {@link #send}.
     */
    /**
     * Sends the encoded packets {@code bufs[i][offs[i], offs[i] + lens[i])}, {@code i < count}, in order,
     * in as few system calls as the transport can; returns how many went out before the first that did
     * not (which the caller sends again with {@link #sendEncoded} to learn why). The default sends them
     * one by one.
     */
    default int sendEncodedBatch(byte[][] bufs, int[] offs, int[] lens, int count, Inet4Address peer) {
        for (int i = 0; i < count; i++) {
            if (sendEncoded(bufs[i], offs[i], lens[i], peer) != null) {
                return i;
            }
        }
        return count;
    }

    default SendFailure sendEncoded(byte[] buf, int off, int len, Inet4Address peer) {
        try {
            return send(GreCodec.decode(java.util.Arrays.copyOfRange(buf, off, off + len), DecodeMode.STRICT), peer);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("not a GRE packet: " + e.getMessage(), e);
        }
    }
}
