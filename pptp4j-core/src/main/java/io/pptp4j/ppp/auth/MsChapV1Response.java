package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.AuthCodecs.checkExact;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * The Value of an MS-CHAP (v1) Response packet, RFC 2433 section 6:
 *
 * <pre>
 * 24 octets: LAN Manager compatible challenge response   (LmChallengeResponse, zero-filled when unused)
 * 24 octets: Windows NT compatible challenge response    (NtChallengeResponse)
 *  1 octet : "Use Windows NT compatible challenge response" flag
 * </pre>
 *
 * The strict decoder refuses a flag other than 0 or 1.
 */
public record MsChapV1Response(Bytes lmResponse, Bytes ntResponse, int flags) {
    public static final int SIZE = 49;
    public static final int CHALLENGE_RESPONSE_SIZE = 24;
    private static final String CONTEXT = "MS-CHAP Response";

    public MsChapV1Response {
        checkExact(lmResponse, CHALLENGE_RESPONSE_SIZE, "LM-Challenge-Response");
        checkExact(ntResponse, CHALLENGE_RESPONSE_SIZE, "NT-Challenge-Response");
        if (flags < 0 || flags > 255) {
            throw new IllegalArgumentException("Flags " + flags + " is not one octet");
        }
    }

    /** The value RFC 2433 6 says a peer SHOULD send: LM response zero-filled, flag 1. */
    public static MsChapV1Response of(Bytes ntResponse) {
        return new MsChapV1Response(Bytes.of(new byte[CHALLENGE_RESPONSE_SIZE]), ntResponse, 1);
    }

    /** RFC 2433 6: 1 means the NT response is there and preferred; 0 that only the LM response counts. */
    public boolean useNtResponse() { return flags == 1; }

    /**
     * The Response's Value as MS-CHAP; offsets in errors count from the start of the CHAP packet (the
     * Value starts at 5), e.g. {@code MS-CHAP Response: Flags at offset 53: expected 0 or 1, found 2}.
     */
    public static MsChapV1Response parse(ChapPacket.Response response, DecodeMode mode) throws DecodeException {
        ChapValueSizes.checkResponse(response, ChapValueSizes.MS_CHAP);
        return decode(MsChapValues.valueReader(response.value()), mode);
    }

    /** Reads the 49 octets from {@code r}. */
    public static MsChapV1Response decode(ByteReader r, DecodeMode mode) throws DecodeException {
        ByteReader v = r.slice(SIZE, "Value", Layer.CHAP, CONTEXT);
        Bytes lm = v.byteString(CHALLENGE_RESPONSE_SIZE, "LM-Challenge-Response");
        Bytes nt = v.byteString(CHALLENGE_RESPONSE_SIZE, "NT-Challenge-Response");
        int flagsOffset = v.offset();
        int flags = v.u8("Flags");
        if (mode.strict() && flags > 1) {
            throw v.errorAt(flagsOffset, "Flags", "0 or 1", Integer.toString(flags));
        }
        return new MsChapV1Response(lm, nt, flags);
    }

    public void encode(ByteWriter w) {
        w.bytes(lmResponse).bytes(ntResponse).u8(flags);
    }

    /** The 49-octet Value for a {@link ChapPacket.Response}. */
    public Bytes toValue() {
        ByteWriter w = new ByteWriter(SIZE);
        encode(w);
        return Bytes.of(w.toByteArray());
    }
}
