package io.pptp4j.gre;

import java.util.OptionalLong;

/**
 * The enhanced GRE header that carries PPP for PPTP (RFC 2637 section 4.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |C|R|K|S|s|Recur|A| Flags | Ver |         Protocol Type         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Key (HW) Payload Length    |       Key (LW) Call ID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Sequence Number (Optional)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Acknowledgment Number (Optional)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>S (Sequence Number Present) and A (Acknowledgment sequence number present) are not components of
 * their own: they are set exactly when {@link #sequenceNumber()} and {@link #ackNumber()} hold a value.
 * C, R and K are not components either: they decide where the fields after the first word lie
 * (RFC 1701), PPTP fixes them at 0, 0 and 1, and {@link GreCodec} refuses other values in both modes.
 * The remaining reserved bits (s, Recur, Flags) and Ver are kept as received so that a lenient decode
 * can show what a peer sent; {@link #conforming()} says whether they are what RFC 2637 requires.
 *
 * @param strictSourceRoute the s bit (bit 4), 0 in PPTP
 * @param recursionControl Recur (bits 5-7), 0 in PPTP
 * @param flags Flags (bits 9-12), 0 in PPTP
 * @param version Ver (bits 13-15), 1 (enhanced GRE) in PPTP
 * @param protocolType Protocol Type, 0x880B (PPP) in PPTP
 * @param payloadLength the high half of the Key: the size of the payload without the GRE header
 * @param callId the low half of the Key: the peer's Call ID for the session
 * @param sequenceNumber the unsigned 32-bit Sequence Number, present in packets with a payload
 * @param ackNumber the unsigned 32-bit Acknowledgment Number: the highest sequence number received
 */
public record GreHeader(
        boolean strictSourceRoute,
        int recursionControl,
        int flags,
        int version,
        int protocolType,
        int payloadLength,
        int callId,
        OptionalLong sequenceNumber,
        OptionalLong ackNumber) {

    /** Protocol Type for PPP (RFC 2637 4.1). */
    public static final int PROTOCOL_PPP = 0x880B;
    /** Ver of enhanced GRE (RFC 2637 4.1). */
    public static final int VERSION_ENHANCED = 1;
    static final int BIT_CHECKSUM = 0x8000;
    static final int BIT_ROUTING = 0x4000;
    static final int BIT_KEY = 0x2000;
    static final int BIT_SEQUENCE = 0x1000;
    static final int BIT_STRICT_SOURCE_ROUTE = 0x0800;
    static final int BIT_ACK = 0x0080;
    /** Flags, Version and Payload Length, Call ID. */
    public static final int MIN_HEADER_LENGTH = 8;
    /** With both Sequence and Acknowledgment Number. */
    public static final int MAX_HEADER_LENGTH = 16;
    public static final long MAX_SEQUENCE = 0xFFFFFFFFL;

    public GreHeader {
        checkRange("Recur", recursionControl, 7);
        checkRange("Flags", flags, 15);
        checkRange("Ver", version, 7);
        checkRange("Protocol Type", protocolType, 0xFFFF);
        checkRange("Payload Length", payloadLength, 0xFFFF);
        checkRange("Call ID", callId, 0xFFFF);
        if (sequenceNumber == null || ackNumber == null) {
            throw new NullPointerException("use OptionalLong.empty() for an absent number");
        }
        if (sequenceNumber.isPresent()) {
            checkRange("Sequence Number", sequenceNumber.getAsLong(), MAX_SEQUENCE);
        }
        if (ackNumber.isPresent()) {
            checkRange("Acknowledgment Number", ackNumber.getAsLong(), MAX_SEQUENCE);
        }
    }

    private static void checkRange(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside 0.." + max);
        }
    }

    /** A data packet header without an acknowledgment (S=1, A=0): 12 octets. */
    public static GreHeader data(int callId, int payloadLength, long sequenceNumber) {
        return new GreHeader(false, 0, 0, VERSION_ENHANCED, PROTOCOL_PPP, payloadLength, callId,
                OptionalLong.of(sequenceNumber), OptionalLong.empty());
    }

    /** A data packet header with a piggybacked acknowledgment (S=1, A=1): 16 octets. */
    public static GreHeader data(int callId, int payloadLength, long sequenceNumber, long ackNumber) {
        return new GreHeader(false, 0, 0, VERSION_ENHANCED, PROTOCOL_PPP, payloadLength, callId,
                OptionalLong.of(sequenceNumber), OptionalLong.of(ackNumber));
    }

    /** An acknowledgment-only header (S=0, A=1, Payload Length 0): 12 octets (RFC 2637 4.1, 4.4). */
    public static GreHeader ackOnly(int callId, long ackNumber) {
        return new GreHeader(false, 0, 0, VERSION_ENHANCED, PROTOCOL_PPP, 0, callId,
                OptionalLong.empty(), OptionalLong.of(ackNumber));
    }

    /** The S bit. */
    public boolean sequencePresent() { return sequenceNumber.isPresent(); }

    /** The A bit. */
    public boolean ackPresent() { return ackNumber.isPresent(); }

    /** A header without a Sequence Number: it carries no payload, only an acknowledgment. */
    public boolean isAckOnly() { return sequenceNumber.isEmpty(); }

    /** Octets of this header on the wire: 8, 12 or 16. */
    public int headerLength() {
        return MIN_HEADER_LENGTH + (sequencePresent() ? 4 : 0) + (ackPresent() ? 4 : 0);
    }

    /** The first 16 bits as sent: C=0, R=0, K=1, then S, s, Recur, A, Flags, Ver. */
    public int flagsAndVersion() {
        return BIT_KEY
                | (sequencePresent() ? BIT_SEQUENCE : 0)
                | (strictSourceRoute ? BIT_STRICT_SOURCE_ROUTE : 0)
                | recursionControl << 8
                | (ackPresent() ? BIT_ACK : 0)
                | flags << 3
                | version;
    }

    /**
     * Whether the reserved bits, Ver and Protocol Type hold what RFC 2637 4.1 requires and a header
     * without a Sequence Number carries an acknowledgment and no payload: what a strict decode accepts
     * (apart from the Payload Length matching the bytes that follow).
     */
    public boolean conforming() {
        return !strictSourceRoute && recursionControl == 0 && flags == 0 && version == VERSION_ENHANCED
                && protocolType == PROTOCOL_PPP
                && (sequencePresent() || (ackPresent() && payloadLength == 0));
    }
}
