package io.pptp4j.ppp;

import io.pptp4j.wire.CodeTable;
import java.util.Optional;

/**
 * PPP Protocol field values (RFC 1661 section 2; IANA "PPP DLL Protocol Numbers"). The values pptp4j
 * runs, and the ones seen from PPTP peers that it must at least recognise by name.
 */
public enum PppProtocol {
    IPV4(0x0021, "IP"),
    APPLETALK(0x0029, "AppleTalk"),
    IPX(0x002B, "IPX"),
    VJ_COMPRESSED_TCP(0x002D, "Van Jacobson Compressed TCP/IP"),
    VJ_UNCOMPRESSED_TCP(0x002F, "Van Jacobson Uncompressed TCP/IP"),
    MULTILINK(0x003D, "Multi-Link"),
    NETBIOS_FRAMING(0x003F, "NETBIOS Framing"),
    IPV6(0x0057, "IPv6"),
    COMPRESSED_DATAGRAM(0x00FD, "Compressed datagram"),
    IPCP(0x8021, "IPCP"),
    ATCP(0x8029, "ATCP"),
    IPXCP(0x802B, "IPXCP"),
    NBFCP(0x803F, "NBFCP"),
    ECP(0x8053, "ECP"),
    IPV6CP(0x8057, "IPV6CP"),
    CCP(0x80FD, "CCP"),
    LCP(0xC021, "LCP"),
    PAP(0xC023, "PAP"),
    LQR(0xC025, "LQR"),
    CBCP(0xC029, "CBCP"),
    BACP(0xC02B, "BACP"),
    BAP(0xC02D, "BAP"),
    CHAP(0xC223, "CHAP"),
    EAP(0xC227, "EAP");

    private static final CodeTable<PppProtocol> BY_VALUE = CodeTable.of(values(), c -> c.value);

    private final int value;
    private final String displayName;

    PppProtocol(int value, String displayName) {
        this.value = value;
        this.displayName = displayName;
    }

    public int value() { return value; }

    public String displayName() { return displayName; }

    public static Optional<PppProtocol> of(int value) { return Optional.ofNullable(BY_VALUE.get(value)); }

    /** The protocol's name, or {@code 0x80FB}-style hex when it has none here. */
    public static String nameOf(int value) {
        PppProtocol p = BY_VALUE.get(value);
        return p != null ? p.displayName : String.format("0x%04X", value);
    }
}
