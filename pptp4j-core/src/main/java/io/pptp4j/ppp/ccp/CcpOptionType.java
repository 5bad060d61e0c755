package io.pptp4j.ppp.ccp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * CCP Configuration Option types: the compression types of RFC 1962 section 4 and the later IANA
 * assignments (23-27). Only Microsoft PPC (18, the MPPE/MPPC option of RFC 3078 section 2) has its own
 * record; the others are known by name and decode to {@link CcpOption.Unknown}, which the engine
 * Configure-Rejects.
 */
public enum CcpOptionType {
    /** RFC 1962 4.1: Proprietary Compression OUI. */
    OUI(0, "OUI"),
    PREDICTOR_TYPE_1(1, "Predictor type 1"),
    PREDICTOR_TYPE_2(2, "Predictor type 2"),
    PUDDLE_JUMPER(3, "Puddle Jumper"),
    HEWLETT_PACKARD_PPC(16, "Hewlett-Packard PPC"),
    STAC_ELECTRONICS_LZS(17, "Stac Electronics LZS"),
    /** RFC 3078 2: MPPE encryption and MPPC compression share this option. */
    MICROSOFT_PPC(18, "Microsoft PPC", 6, 6),
    GANDALF_FZA(19, "Gandalf FZA"),
    V42BIS(20, "V.42bis compression"),
    BSD_LZW_COMPRESS(21, "BSD LZW Compress"),
    LZS_DCP(23, "LZS-DCP"),
    MAGNALINK_MVRCA(24, "Magnalink MVRCA"),
    DCE(25, "DCE"),
    DEFLATE(26, "Deflate"),
    V44(27, "V.44");

    private static final CodeTable<CcpOptionType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;
    private final int minLength;
    private final int maxLength;

    CcpOptionType(int value, String displayName) {
        this(value, displayName, -1, -1);
    }

    CcpOptionType(int value, String displayName, int minLength, int maxLength) {
        this.value = value;
        this.displayName = displayName;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int value() { return value; }

    /** The RFC's name, e.g. {@code Microsoft PPC}. */
    public String displayName() { return displayName; }

    /** Whether pptp4j decodes this type into its own record (rather than {@link CcpOption.Unknown}). */
    public boolean hasRecord() { return minLength > 0; }

    /** The smallest Length the RFC allows, counting Type and Length; -1 for a type known by name only. */
    public int minLength() { return minLength; }

    /** The largest Length the RFC allows; -1 for a type known by name only. */
    public int maxLength() { return maxLength; }

    public static Optional<CcpOptionType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The option type's name, or {@code Option 42} when it has none here. */
    public static String nameOf(int value) {
        CcpOptionType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Option " + value;
    }
}
