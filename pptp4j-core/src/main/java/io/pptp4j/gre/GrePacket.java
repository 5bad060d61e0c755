package io.pptp4j.gre;

import io.pptp4j.wire.Bytes;

/**
 * One PPTP GRE packet (RFC 2637 section 4): the enhanced GRE header and the PPP packet it carries,
 * without any HDLC framing.
 *
 * <p>The payload is never longer than the header's Payload Length. It is shorter only when a lenient
 * decode found fewer bytes than the Payload Length announced ({@link #truncated()}); an encoder given
 * such a packet writes the Payload Length as it stands, which is how a prober builds a malformed packet.
 *
 * @param header the GRE header
 * @param payload the PPP packet (empty in an acknowledgment-only packet)
 */
public record GrePacket(GreHeader header, Bytes payload) {
    public GrePacket {
        if (payload.length() > header.payloadLength()) {
            throw new IllegalArgumentException("payload of " + payload.length()
                    + " bytes is longer than the Payload Length " + header.payloadLength());
        }
    }

    /** A data packet without an acknowledgment; the Payload Length is the payload's size. */
    public static GrePacket data(int callId, long sequenceNumber, Bytes payload) {
        return new GrePacket(GreHeader.data(callId, payload.length(), sequenceNumber), payload);
    }

    /** A data packet with a piggybacked acknowledgment; the Payload Length is the payload's size. */
    public static GrePacket data(int callId, long sequenceNumber, long ackNumber, Bytes payload) {
        return new GrePacket(GreHeader.data(callId, payload.length(), sequenceNumber, ackNumber), payload);
    }

    /** An acknowledgment-only packet (RFC 2637 4.4): 12 octets, no payload. */
    public static GrePacket ackOnly(int callId, long ackNumber) {
        return new GrePacket(GreHeader.ackOnly(callId, ackNumber), Bytes.EMPTY);
    }

    /** Whether fewer payload bytes arrived than the Payload Length announced (lenient decodes only). */
    public boolean truncated() { return payload.length() < header.payloadLength(); }

    /** Octets this packet takes when encoded: the header and the payload present. */
    public int encodedLength() { return header.headerLength() + payload.length(); }
}
