package io.pptp4j.ppp.ipv6cp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/** IPV6CP Configuration Option types (RFC 5072 section 4) with the Length each allows. */
public enum Ipv6cpOptionType {
    /** RFC 5072 4.1. */
    INTERFACE_IDENTIFIER(1, "Interface-Identifier", 10, 10),
    /** RFC 2472 4.2, removed by RFC 5072 (Appendix B) but still assigned. */
    IPV6_COMPRESSION_PROTOCOL(2, "IPv6-Compression-Protocol", 4, 255);

    private static final CodeTable<Ipv6cpOptionType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;
    private final int minLength;
    private final int maxLength;

    Ipv6cpOptionType(int value, String displayName, int minLength, int maxLength) {
        this.value = value;
        this.displayName = displayName;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int value() { return value; }

    /** The RFC's name, e.g. {@code Interface-Identifier}. */
    public String displayName() { return displayName; }

    /** The smallest Length the RFC allows, counting Type and Length. */
    public int minLength() { return minLength; }

    /** The largest Length the RFC allows (255 when only a minimum is given). */
    public int maxLength() { return maxLength; }

    public static Optional<Ipv6cpOptionType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The option type's name, or {@code Option 42} when it has none here. */
    public static String nameOf(int value) {
        Ipv6cpOptionType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Option " + value;
    }
}
