package io.pptp4j.ppp;

import io.pptp4j.wire.Bytes;

/**
 * One PPP frame as carried in a GRE payload or between HDLC flags, without the FCS.
 *
 * <pre>
 * RFC 1662 3.1 / RFC 1661 2:
 * +----------+----------+----------+-------------+---------+
 * | Address  | Control  | Protocol | Information | Padding |
 * |   0xFF   |   0x03   | 8 or 16  |      *      |    *    |
 * +----------+----------+----------+-------------+---------+
 * </pre>
 *
 * Address and Control are absent when ACFC is in force (RFC 1661 6.6); the Protocol field is one octet
 * when PFC is in force and the value is below 0x100 (RFC 1661 6.5).
 *
 * @param addressControlPresent whether the frame carried FF 03
 * @param protocolCompressed whether the Protocol field was (or is to be) sent in one octet
 * @param protocol the Protocol field value
 * @param information the Information field (and any padding)
 */
public record PppFrame(boolean addressControlPresent, boolean protocolCompressed, int protocol, Bytes information) {
    public PppFrame {
        if (protocol < 0 || protocol > 0xFFFF) {
            throw new IllegalArgumentException("PPP protocol " + protocol + " is not 16 bits");
        }
        if (protocolCompressed && protocol > 0xFF) {
            throw new IllegalArgumentException(String.format("PPP protocol 0x%04X cannot be compressed to one octet", protocol));
        }
    }

    /** A frame with FF 03 and a two-octet Protocol field, as sent before LCP negotiates PFC/ACFC. */
    public static PppFrame of(int protocol, Bytes information) {
        return new PppFrame(true, false, protocol, information);
    }

    public String protocolName() { return PppProtocol.nameOf(protocol); }
}
