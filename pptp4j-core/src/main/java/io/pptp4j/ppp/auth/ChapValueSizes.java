package io.pptp4j.ppp.auth;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.util.OptionalInt;

/**
 * The sizes of the CHAP Value field for each algorithm that LCP's Authentication-Protocol option can
 * name (RFC 1994 3: 5 for MD5; RFC 2433 4: 0x80 for MS-CHAP; RFC 2759 2: 0x81 for MS-CHAP-V2), and checks
 * of a Challenge or Response against them. The algorithm is the option's raw Algorithm octet.
 *
 * <ul>
 * <li>MD5: any challenge of one or more octets (RFC 1994 4.1); a 16-octet response.</li>
 * <li>MS-CHAP: an 8-octet challenge (RFC 2433 5); a 49-octet response (RFC 2433 6).</li>
 * <li>MS-CHAP-V2: a 16-octet challenge (RFC 2759 3); a 49-octet response (RFC 2759 4).</li>
 * </ul>
 *
 * Errors point at the Value-Size octet, offset 4 of the CHAP packet.
 */
public final class ChapValueSizes {
    public static final int MD5 = 0x05;
    public static final int MS_CHAP = 0x80;
    public static final int MS_CHAP_V2 = 0x81;

    public static final int MS_CHAP_CHALLENGE_SIZE = 8;
    public static final int MS_CHAP_V2_CHALLENGE_SIZE = 16;
    public static final int MD5_RESPONSE_SIZE = 16;
    public static final int MS_CHAP_RESPONSE_SIZE = 49;

    /** Where Value-Size sits in a CHAP Challenge or Response. */
    static final int VALUE_SIZE_OFFSET = 4;

    private ChapValueSizes() {}

    /** {@code MD5}, {@code MS-CHAP} or {@code MS-CHAP-V2}. */
    public static String algorithmName(int algorithm) {
        return switch (algorithm) {
            case MD5 -> "MD5";
            case MS_CHAP -> "MS-CHAP";
            case MS_CHAP_V2 -> "MS-CHAP-V2";
            default -> throw unknownAlgorithm(algorithm);
        };
    }

    /** The challenge size the algorithm fixes; empty for MD5, whose challenge may be any length from 1. */
    public static OptionalInt challengeSize(int algorithm) {
        return switch (algorithm) {
            case MD5 -> OptionalInt.empty();
            case MS_CHAP -> OptionalInt.of(MS_CHAP_CHALLENGE_SIZE);
            case MS_CHAP_V2 -> OptionalInt.of(MS_CHAP_V2_CHALLENGE_SIZE);
            default -> throw unknownAlgorithm(algorithm);
        };
    }

    public static int responseSize(int algorithm) {
        return switch (algorithm) {
            case MD5 -> MD5_RESPONSE_SIZE;
            case MS_CHAP, MS_CHAP_V2 -> MS_CHAP_RESPONSE_SIZE;
            default -> throw unknownAlgorithm(algorithm);
        };
    }

    /**
     * The Challenge's value if its size suits the algorithm, e.g. for MS-CHAP-V2 and 8 octets:
     * {@code CHAP Challenge: Value-Size at offset 4: expected 16 for MS-CHAP-V2, found 8}.
     */
    public static Bytes checkChallenge(ChapPacket.Challenge challenge, int algorithm) throws DecodeException {
        OptionalInt size = challengeSize(algorithm);
        int found = challenge.value().length();
        if (size.isPresent() ? found != size.getAsInt() : found == 0) {
            throw sizeError("CHAP Challenge",
                    (size.isPresent() ? Integer.toString(size.getAsInt()) : "at least 1") + " for " + algorithmName(algorithm),
                    found);
        }
        return challenge.value();
    }

    /** The Response's value if its size suits the algorithm (16 for MD5, 49 for MS-CHAP and MS-CHAP-V2). */
    public static Bytes checkResponse(ChapPacket.Response response, int algorithm) throws DecodeException {
        int size = responseSize(algorithm);
        int found = response.value().length();
        if (found != size) {
            throw sizeError("CHAP Response", size + " for " + algorithmName(algorithm), found);
        }
        return response.value();
    }

    private static DecodeException sizeError(String context, String expected, int found) {
        return new DecodeException(Layer.CHAP, context, "Value-Size", VALUE_SIZE_OFFSET, expected, Integer.toString(found));
    }

    private static IllegalArgumentException unknownAlgorithm(int algorithm) {
        return new IllegalArgumentException("CHAP algorithm " + Hex.u8(algorithm)
                + " is not MD5 (0x05), MS-CHAP (0x80) or MS-CHAP-V2 (0x81)");
    }
}
