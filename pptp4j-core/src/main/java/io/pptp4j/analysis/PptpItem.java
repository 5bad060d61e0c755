package io.pptp4j.analysis;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.wire.DecodeException;

/**
 * What {@link PptpTrafficDecoder} finds in captured traffic, in capture order: a control message of a
 * TCP 1723 stream, a GRE packet with its PPP content, or an item that did not decode. {@code frame} is
 * the 1-based frame number; for a control message it is the frame whose segment completed it (as
 * Wireshark reports a reassembled PDU).
 */
public sealed interface PptpItem {

    long frame();

    long timestampNanos();

    /** Source address (and port for TCP), e.g. {@code 192.0.2.1:1723} or {@code 2001:db8::1}. */
    String source();

    String destination();

    record Control(long frame, long timestampNanos, String source, String destination, ControlMessage message)
            implements PptpItem {}

    /**
     * A GRE packet; {@code ppp} is null for an ack-only packet or when the payload did not decode,
     * in which case {@code pppError} says why.
     */
    record Gre(long frame, long timestampNanos, String source, String destination, GrePacket packet,
               PppMessage ppp, DecodeException pppError) implements PptpItem {

        /** True when the PPP layer or anything inside it did not decode. */
        public boolean malformed() {
            return pppError != null || (ppp != null && ppp.content() instanceof PppMessage.Malformed);
        }
    }

    /** Bytes that did not decode as PPTP or GRE, with the reason. */
    record Malformed(long frame, long timestampNanos, String source, String destination, String reason)
            implements PptpItem {}

    /** Bytes of a TCP 1723 stream that were never captured: messages across the hole are lost. */
    record Gap(long frame, long timestampNanos, String source, String destination, long missingBytes)
            implements PptpItem {}
}
