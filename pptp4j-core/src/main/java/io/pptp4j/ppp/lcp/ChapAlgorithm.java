package io.pptp4j.ppp.lcp;

import io.pptp4j.wire.CodeTable;
import io.pptp4j.wire.Hex;
import java.util.Optional;

/**
 * The Algorithm octet of the Authentication-Protocol option when the protocol is CHAP (0xC223),
 * RFC 1994 section 3: 5 for MD5 (RFC 1994), 0x80 for MS-CHAP (RFC 2433 4), 0x81 for MS-CHAP-v2
 * (RFC 2759 2).
 */
public enum ChapAlgorithm {
    MD5(0x05, "MD5"),
    MS_CHAP(0x80, "MS-CHAP"),
    MS_CHAP_V2(0x81, "MS-CHAP-v2");

    private static final CodeTable<ChapAlgorithm> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    ChapAlgorithm(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<ChapAlgorithm> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The algorithm's name, or {@code 0x06}-style hex when it has none here. */
    public static String describe(int value) {
        ChapAlgorithm a = BY_VALUE.get(value);
        return a != null ? a.displayName : Hex.u8(value);
    }
}
