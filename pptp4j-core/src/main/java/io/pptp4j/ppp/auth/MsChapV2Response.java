package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.AuthCodecs.checkExact;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * The Value of an MS-CHAP-V2 Response packet, RFC 2759 section 4:
 *
 * <pre>
 * 16 octets: Peer-Challenge
 *  8 octets: Reserved, must be zero
 * 24 octets: NT-Response
 *  1 octet : Flags (reserved, MUST be zero)
 * </pre>
 *
 * The strict decoder refuses non-zero Reserved octets or Flags; the lenient one keeps them.
 */
public record MsChapV2Response(Bytes peerChallenge, Bytes reserved, Bytes ntResponse, int flags) {
    public static final int SIZE = 49;
    public static final int PEER_CHALLENGE_SIZE = 16;
    public static final int RESERVED_SIZE = 8;
    public static final int NT_RESPONSE_SIZE = 24;
    private static final String CONTEXT = "MS-CHAP-V2 Response";

    public MsChapV2Response {
        checkExact(peerChallenge, PEER_CHALLENGE_SIZE, "Peer-Challenge");
        checkExact(reserved, RESERVED_SIZE, "Reserved");
        checkExact(ntResponse, NT_RESPONSE_SIZE, "NT-Response");
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("Flags " + flags + " is not one octet");
        }
    }

    /** The value as a peer sends it: Reserved zero, Flags zero. */
    public static MsChapV2Response of(Bytes peerChallenge, Bytes ntResponse) {
        return new MsChapV2Response(peerChallenge, Bytes.of(new byte[RESERVED_SIZE]), ntResponse, 0);
    }

    /**
     * The Response's Value as MS-CHAP-V2; offsets in errors count from the start of the CHAP packet (the
     * Value starts at 5), e.g.
     * {@code MS-CHAP-V2 Response: Reserved at offset 21: expected 0000000000000000, found 0000000000000001}.
     */
    public static MsChapV2Response parse(ChapPacket.Response response, DecodeMode mode) throws DecodeException {
        ChapValueSizes.checkResponse(response, ChapValueSizes.MS_CHAP_V2);
        return decode(MsChapValues.valueReader(response.value()), mode);
    }

    /** Reads the 49 octets from {@code r} (a CHAP Response Value, or the same layout inside EAP). */
    public static MsChapV2Response decode(ByteReader r, DecodeMode mode) throws DecodeException {
        ByteReader v = r.slice(SIZE, "Value", Layer.CHAP, CONTEXT);
        Bytes peerChallenge = v.byteString(PEER_CHALLENGE_SIZE, "Peer-Challenge");
        int reservedOffset = v.offset();
        Bytes reserved = v.byteString(RESERVED_SIZE, "Reserved");
        if (mode.strict() && !AuthCodecs.allZero(reserved)) {
            throw v.errorAt(reservedOffset, "Reserved", "0000000000000000", reserved.hex());
        }
        Bytes ntResponse = v.byteString(NT_RESPONSE_SIZE, "NT-Response");
        int flagsOffset = v.offset();
        int flags = v.u8("Flags");
        if (mode.strict() && flags != 0) {
            throw v.errorAt(flagsOffset, "Flags", "0", Integer.toString(flags));
        }
        return new MsChapV2Response(peerChallenge, reserved, ntResponse, flags);
    }

    public void encode(ByteWriter w) {
        w.bytes(peerChallenge).bytes(reserved).bytes(ntResponse).u8(flags);
    }

    /** The 49-octet Value for a {@link ChapPacket.Response}. */
    public Bytes toValue() {
        ByteWriter w = new ByteWriter(SIZE);
        encode(w);
        return Bytes.of(w.toByteArray());
    }
}
