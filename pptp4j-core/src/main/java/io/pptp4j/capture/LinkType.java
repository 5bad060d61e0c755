package io.pptp4j.capture;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * The link-layer header types (tcpdump.org "LINK-LAYER HEADER TYPES", the LINKTYPE_ values that pcap
 * and pcapng files carry) that {@link PacketDissector} takes apart. Files may hold others; packets
 * keep the raw value and {@link #describe(int)} names it.
 */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the byte order of the host that captured. */
    NULL(0, "BSD loopback"),
    ETHERNET(1, "Ethernet"),
    /** DLT_RAW as most systems number it; the capture files use 101 but old ones carry the DLT. */
    RAW_DLT12(12, "Raw IP (DLT 12)"),
    /** DLT_RAW as OpenBSD numbers it. */
    RAW_DLT14(14, "Raw IP (DLT 14)"),
    RAW(101, "Raw IP"),
    /** OpenBSD loopback: the address family in network byte order. */
    LOOP(108, "OpenBSD loopback"),
    LINUX_SLL(113, "Linux cooked v1"),
    IPV4(228, "Raw IPv4"),
    IPV6(229, "Raw IPv6"),
    LINUX_SLL2(276, "Linux cooked v2");

    private static final CodeTable<LinkType> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    LinkType(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<LinkType> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The link type's name with its number, e.g. {@code Ethernet (1)} or {@code 147} when unknown here. */
    public static String describe(int value) {
        LinkType t = BY_VALUE.get(value);
        return t != null ? t.displayName + " (" + value + ")" : Integer.toString(value);
    }
}
