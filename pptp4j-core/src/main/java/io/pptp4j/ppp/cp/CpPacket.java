package io.pptp4j.ppp.cp;

import io.pptp4j.wire.Bytes;
import java.util.List;

/**
 * A packet of LCP or of a protocol that reuses its format (IPCP, IPV6CP, CCP, ECP...), RFC 1661 section 5:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Data ...
 * +-+-+-+-+
 * </pre>
 *
 * {@code O} is the protocol's option type (its own sealed interface, e.g. {@code LcpOption}).
 */
public sealed interface CpPacket<O> {

    int identifier();

    /** The code on the wire. */
    int code();

    /** The RFC's name for the code, or {@code Code 42} for an unknown one. */
    default String name() {
        return CpCode.of(code()).map(CpCode::displayName).orElse("Code " + code());
    }

    /** RFC 1661 5.1: the options the sender wants, in order. */
    record ConfigureRequest<O>(int identifier, List<O> options) implements CpPacket<O> {
        public ConfigureRequest { options = List.copyOf(options); checkId(identifier); }
        public int code() { return CpCode.CONFIGURE_REQUEST.value(); }
    }

    /** RFC 1661 5.2: every option of the request, exactly as received. */
    record ConfigureAck<O>(int identifier, List<O> options) implements CpPacket<O> {
        public ConfigureAck { options = List.copyOf(options); checkId(identifier); }
        public int code() { return CpCode.CONFIGURE_ACK.value(); }
    }

    /** RFC 1661 5.3: acceptable options with the values the sender would accept instead. */
    record ConfigureNak<O>(int identifier, List<O> options) implements CpPacket<O> {
        public ConfigureNak { options = List.copyOf(options); checkId(identifier); }
        public int code() { return CpCode.CONFIGURE_NAK.value(); }
    }

    /** RFC 1661 5.4: options that are not recognisable or not acceptable, exactly as received. */
    record ConfigureReject<O>(int identifier, List<O> options) implements CpPacket<O> {
        public ConfigureReject { options = List.copyOf(options); checkId(identifier); }
        public int code() { return CpCode.CONFIGURE_REJECT.value(); }
    }

    /** RFC 1661 5.5. */
    record TerminateRequest<O>(int identifier, Bytes data) implements CpPacket<O> {
        public TerminateRequest { checkId(identifier); }
        public int code() { return CpCode.TERMINATE_REQUEST.value(); }
    }

    /** RFC 1661 5.5. */
    record TerminateAck<O>(int identifier, Bytes data) implements CpPacket<O> {
        public TerminateAck { checkId(identifier); }
        public int code() { return CpCode.TERMINATE_ACK.value(); }
    }

    /** RFC 1661 5.6: the rejected packet, starting at its Code field, truncated to the peer's MRU. */
    record CodeReject<O>(int identifier, Bytes rejectedPacket) implements CpPacket<O> {
        public CodeReject { checkId(identifier); }
        public int code() { return CpCode.CODE_REJECT.value(); }
    }

    /** RFC 1661 5.7 (LCP only): the rejected protocol and its Information field. */
    record ProtocolReject<O>(int identifier, int rejectedProtocol, Bytes rejectedInformation) implements CpPacket<O> {
        public ProtocolReject { checkId(identifier); checkU16(rejectedProtocol, "Rejected-Protocol"); }
        public int code() { return CpCode.PROTOCOL_REJECT.value(); }
    }

    /** RFC 1661 5.8 (LCP only). */
    record EchoRequest<O>(int identifier, long magicNumber, Bytes data) implements CpPacket<O> {
        public EchoRequest { checkId(identifier); checkU32(magicNumber); }
        public int code() { return CpCode.ECHO_REQUEST.value(); }
    }

    /** RFC 1661 5.8 (LCP only). */
    record EchoReply<O>(int identifier, long magicNumber, Bytes data) implements CpPacket<O> {
        public EchoReply { checkId(identifier); checkU32(magicNumber); }
        public int code() { return CpCode.ECHO_REPLY.value(); }
    }

    /** RFC 1661 5.9 (LCP only). */
    record DiscardRequest<O>(int identifier, long magicNumber, Bytes data) implements CpPacket<O> {
        public DiscardRequest { checkId(identifier); checkU32(magicNumber); }
        public int code() { return CpCode.DISCARD_REQUEST.value(); }
    }

    /** RFC 1570 2.1 (LCP only): a message, often the peer's software name (Windows sends "MSRASV5.20"). */
    record Identification<O>(int identifier, long magicNumber, Bytes message) implements CpPacket<O> {
        public Identification { checkId(identifier); checkU32(magicNumber); }
        public int code() { return CpCode.IDENTIFICATION.value(); }
    }

    /** RFC 1570 2.2 (LCP only): seconds remaining in this session, 0xFFFFFFFF for no limit. */
    record TimeRemaining<O>(int identifier, long magicNumber, long secondsRemaining, Bytes message) implements CpPacket<O> {
        public TimeRemaining { checkId(identifier); checkU32(magicNumber); checkU32(secondsRemaining); }
        public int code() { return CpCode.TIME_REMAINING.value(); }
    }

    /** RFC 1962 2.1 (CCP only). */
    record ResetRequest<O>(int identifier, Bytes data) implements CpPacket<O> {
        public ResetRequest { checkId(identifier); }
        public int code() { return CpCode.RESET_REQUEST.value(); }
    }

    /** RFC 1962 2.2 (CCP only). */
    record ResetAck<O>(int identifier, Bytes data) implements CpPacket<O> {
        public ResetAck { checkId(identifier); }
        public int code() { return CpCode.RESET_ACK.value(); }
    }

    /**
     * A code this protocol does not define (kept by the lenient decoder; the strict decoder refuses it
     * with {@link CpCodec#UNKNOWN_CODE_REPLY} so that the engine answers with a Code-Reject).
     */
    record UnknownCode<O>(int code, int identifier, Bytes data) implements CpPacket<O> {
        public UnknownCode { checkId(identifier); if (code < 0 || code > 255) throw new IllegalArgumentException("code " + code); }
    }

    private static void checkId(int identifier) {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("Identifier " + identifier + " is not one octet");
        }
    }

    private static void checkU16(int v, String field) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + v + " is not 16 bits");
        }
    }

    private static void checkU32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Magic-Number " + v + " is not 32 bits");
        }
    }
}
