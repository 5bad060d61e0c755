package io.pptp4j.ppp.lcp;

import io.pptp4j.wire.CodeTable;
import java.util.Map;
import java.util.Optional;

/**
 * LCP Configuration Option types (RFC 1661 section 6 and the documents IANA's "LCP Option Types"
 * registry points to). Types that pptp4j decodes into their own record carry the Length range the RFC
 * allows; the others are known by name only and decode to {@link LcpOption.Unknown}, which the engine
 * Configure-Rejects.
 */
public enum LcpOptionType {
    /** RFC 2153. */
    VENDOR_SPECIFIC(0, "Vendor-Specific"),
    /** RFC 1661 6.1. */
    MAXIMUM_RECEIVE_UNIT(1, "Maximum-Receive-Unit", 4, 4),
    /** RFC 1662 7.1. */
    ASYNC_CONTROL_CHARACTER_MAP(2, "Async-Control-Character-Map", 6, 6),
    /** RFC 1661 6.2. */
    AUTHENTICATION_PROTOCOL(3, "Authentication-Protocol", 4, 255),
    /** RFC 1661 6.3. */
    QUALITY_PROTOCOL(4, "Quality-Protocol", 4, 255),
    /** RFC 1661 6.4. */
    MAGIC_NUMBER(5, "Magic-Number", 6, 6),
    /** Listed by IANA as deprecated; none of the RFCs pptp4j follows defines it. */
    DEPRECATED_QUALITY_PROTOCOL(6, "Quality-Protocol (deprecated)"),
    /** RFC 1661 6.5. */
    PROTOCOL_FIELD_COMPRESSION(7, "Protocol-Field-Compression", 2, 2),
    /** RFC 1661 6.6. */
    ADDRESS_AND_CONTROL_FIELD_COMPRESSION(8, "Address-and-Control-Field-Compression", 2, 2),
    /** RFC 1570 2.1. */
    FCS_ALTERNATIVES(9, "FCS-Alternatives"),
    /** RFC 1570 2.2. */
    SELF_DESCRIBING_PADDING(10, "Self-Describing-Padding"),
    /** RFC 1663. */
    NUMBERED_MODE(11, "Numbered-Mode"),
    MULTI_LINK_PROCEDURE(12, "Multi-Link-Procedure"),
    /** RFC 1570 2.3. */
    CALLBACK(13, "Callback", 3, 255),
    CONNECT_TIME(14, "Connect-Time"),
    /** RFC 1570 2.4. */
    COMPOUND_FRAMES(15, "Compound-Frames"),
    NOMINAL_DATA_ENCAPSULATION(16, "Nominal-Data-Encapsulation"),
    /** RFC 1990 5.1.1. */
    MAXIMUM_RECEIVE_RECONSTRUCTED_UNIT(17, "Maximum-Receive-Reconstructed-Unit", 4, 4),
    /** RFC 1990 5.1.2. */
    SHORT_SEQUENCE_NUMBER_HEADER_FORMAT(18, "Short-Sequence-Number-Header-Format", 2, 2),
    /** RFC 1990 5.1.3. */
    ENDPOINT_DISCRIMINATOR(19, "Endpoint-Discriminator", 3, 255),
    PROPRIETARY(20, "Proprietary"),
    DCE_IDENTIFIER(21, "DCE-Identifier"),
    /** RFC 1934. */
    MULTI_LINK_PLUS_PROCEDURE(22, "Multi-Link-Plus-Procedure"),
    /** RFC 2125 (BACP). */
    LINK_DISCRIMINATOR(23, "Link-Discriminator", 4, 4),
    LCP_AUTHENTICATION_OPTION(24, "LCP-Authentication-Option"),
    CONSISTENT_OVERHEAD_BYTE_STUFFING(25, "COBS"),
    /** RFC 2686. */
    PREFIX_ELISION(26, "Prefix-Elision"),
    /** RFC 2686. */
    MULTILINK_HEADER_FORMAT(27, "Multilink-Header-Format"),
    /** RFC 2484. */
    INTERNATIONALIZATION(28, "Internationalization"),
    /** RFC 2823. */
    SIMPLE_DATA_LINK_ON_SONET_SDH(29, "Simple-Data-Link-on-SONET/SDH");

    private static final CodeTable<LcpOptionType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;
    private final int minLength;
    private final int maxLength;

    LcpOptionType(int value, String displayName) {
        this(value, displayName, -1, -1);
    }

    LcpOptionType(int value, String displayName, int minLength, int maxLength) {
        this.value = value;
        this.displayName = displayName;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int value() { return value; }

    /** The RFC's name, e.g. {@code Maximum-Receive-Unit}. */
    public String displayName() { return displayName; }

    /** Whether pptp4j decodes this type into its own record (rather than {@link LcpOption.Unknown}). */
    public boolean hasRecord() { return minLength > 0; }

    /** The smallest Length the RFC allows, counting Type and Length; -1 for a type known by name only. */
    public int minLength() { return minLength; }

    /** The largest Length the RFC allows (255 when only a minimum is given); -1 for a type known by name only. */
    public int maxLength() { return maxLength; }

    public static Optional<LcpOptionType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The option type's name, or {@code Option 42} when it has none here. */
    public static String nameOf(int value) {
        LcpOptionType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Option " + value;
    }
}
