package io.pptp4j.ppp.ipcp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/** IPCP Configuration Option types (RFC 1332 section 3, RFC 1877 section 1) with the Length each allows. */
public enum IpcpOptionType {
    /** RFC 1332 3.1 (deprecated; format from RFC 1172). */
    IP_ADDRESSES(1, "IP-Addresses", 10, 10),
    /** RFC 1332 3.2. */
    IP_COMPRESSION_PROTOCOL(2, "IP-Compression-Protocol", 4, 255),
    /** RFC 1332 3.3. */
    IP_ADDRESS(3, "IP-Address", 6, 6),
    /** RFC 1877 1.1. */
    PRIMARY_DNS_SERVER_ADDRESS(129, "Primary-DNS-Server-Address", 6, 6),
    /** RFC 1877 1.2. */
    PRIMARY_NBNS_SERVER_ADDRESS(130, "Primary-NBNS-Server-Address", 6, 6),
    /** RFC 1877 1.3. */
    SECONDARY_DNS_SERVER_ADDRESS(131, "Secondary-DNS-Server-Address", 6, 6),
    /** RFC 1877 1.4. */
    SECONDARY_NBNS_SERVER_ADDRESS(132, "Secondary-NBNS-Server-Address", 6, 6);

    private static final CodeTable<IpcpOptionType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;
    private final int minLength;
    private final int maxLength;

    IpcpOptionType(int value, String displayName, int minLength, int maxLength) {
        this.value = value;
        this.displayName = displayName;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    public int value() { return value; }

    /** The RFC's name, e.g. {@code Primary-DNS-Server-Address}. */
    public String displayName() { return displayName; }

    /** The smallest Length the RFC allows, counting Type and Length. */
    public int minLength() { return minLength; }

    /** The largest Length the RFC allows (255 when only a minimum is given). */
    public int maxLength() { return maxLength; }

    public static Optional<IpcpOptionType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The option type's name, or {@code Option 42} when it has none here. */
    public static String nameOf(int value) {
        IpcpOptionType t = BY_VALUE.get(value);
        return t != null ? t.displayName : "Option " + value;
    }
}
