package io.pptp4j.capture;

/**
 * Takes a captured packet apart down to its transport payload, filling a reusable {@link Dissection}
 * without allocating (except for the text of a problem). Pure and stateless.
 *
 * <ul>
 * <li>Link: Ethernet II with any number of 802.1Q / 802.1ad tags (IEEE 802.1Q 9.6); Linux cooked
 *   capture v1 (16-octet header, protocol at octet 14) and v2 (20 octets, protocol at octet 0); raw IP
 *   (LINKTYPE_RAW and the DLT_RAW values 12 and 14, told apart by the version nibble), LINKTYPE_IPV4
 *   and LINKTYPE_IPV6; BSD null / OpenBSD loopback (4-octet address family).</li>
 * <li>IPv4 (RFC 791 3.1): the Total Length trims link padding (0 is taken as "the rest of the
 *   frame", as segmentation offload writes it); only the fragment at offset 0 carries the transport
 *   header. IPv6 (RFC 8200 4): Hop-by-Hop, Routing, Fragment and Destination Options headers (and
 *   AH, RFC 4302 2.2) are stepped over. IPv4 or IPv6 inside IPv4 or IPv6 (protocol 4 and 41) is
 *   followed: the innermost IP header gives the addresses.</li>
 * <li>Transport: TCP (RFC 9293 3.1) ports, numbers, flags and data; UDP (RFC 768) ports and data;
 *   GRE (protocol 47) and anything else: the IP payload as it is.</li>
 * </ul>
 */
public final class PacketDissector {
    /** IP headers nested deeper than this are refused (a crafted packet could nest hundreds). */
    public static final int MAX_IP_HEADERS = 8;
    private static final int MAX_IPV6_EXTENSION_HEADERS = 16;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;

    private PacketDissector() {}

    public static Dissection dissect(CapturedPacket p, Dissection d) {
        return dissect(p.frameNumber(), p.timestampNanos(), p.linkType(), p.data(), p.dataOffset(), p.capturedLength(),
                p.originalLength(), d);
    }

    /** Dissects {@code b[offset, offset + capturedLength)}, a packet of link type {@code linkType}, into {@code d}. */
    public static Dissection dissect(long frameNumber, long timestampNanos, int linkType, byte[] b, int offset,
                                     int capturedLength, int originalLength, Dissection d) {
        d.reset(frameNumber, timestampNanos, linkType, b, offset, capturedLength, originalLength);
        int end = offset + capturedLength;
        switch (linkType) {
            case 1 -> ethernet(b, offset, end, d);
            case 113 -> linuxCooked(b, offset, end, 16, 14, d);
            case 276 -> linuxCooked(b, offset, end, 20, 0, d);
            case 12, 14, 101 -> rawIp(b, offset, end, d);
            case 228 -> ipv4(b, offset, end, d);
            case 229 -> ipv6(b, offset, end, d);
            case 0 -> loopback(b, offset, end, false, d);
            case 108 -> loopback(b, offset, end, true, d);
            default -> d.status = DissectionStatus.UNSUPPORTED_LINK_TYPE;
        }
        return d;
    }

    // ---------------------------------------------------------------- link

    private static void ethernet(byte[] b, int pos, int end, Dissection d) {
        if (end - pos < 14) {
            truncated(d, "Ethernet", "header", pos, 14, end - pos);
            return;
        }
        etherPayload(b, pos + 14, end, u16(b, pos + 12), d, "Ethernet");
    }

    private static void linuxCooked(byte[] b, int pos, int end, int headerLength, int protocolAt, Dissection d) {
        String name = headerLength == 16 ? "Linux cooked" : "Linux cooked v2";
        if (end - pos < headerLength) {
            truncated(d, name, "header", pos, headerLength, end - pos);
            return;
        }
        etherPayload(b, pos + headerLength, end, u16(b, pos + protocolAt), d, name);
    }

    /** Steps over VLAN tags, then hands IPv4 and IPv6 on. */
    private static void etherPayload(byte[] b, int pos, int end, int type, Dissection d, String link) {
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (end - pos < 4) {
                truncated(d, "802.1Q", "tag", pos, 4, end - pos);
                return;
            }
            if (d.vlanCount++ == 0) {
                d.vlanId = u16(b, pos) & 0x0FFF;
            }
            type = u16(b, pos + 2);
            pos += 4;
        }
        d.etherType = type;
        switch (type) {
            case ETHERTYPE_IPV4 -> ipv4(b, pos, end, d);
            case ETHERTYPE_IPV6 -> ipv6(b, pos, end, d);
            default -> d.status = DissectionStatus.NOT_IP;
        }
    }

    private static void rawIp(byte[] b, int pos, int end, Dissection d) {
        if (end - pos < 1) {
            truncated(d, "IP", "header", pos, 20, 0);
            return;
        }
        int version = (b[pos] & 0xFF) >>> 4;
        switch (version) {
            case 4 -> ipv4(b, pos, end, d);
            case 6 -> ipv6(b, pos, end, d);
            default -> malformed(d, "IP", "Version", pos, "4 or 6", Integer.toString(version));
        }
    }

    private static void loopback(byte[] b, int pos, int end, boolean networkOrder, Dissection d) {
        if (end - pos < 4) {
            truncated(d, "Loopback", "header", pos, 4, end - pos);
            return;
        }
        int family = u32(b, pos);
        // LINKTYPE_NULL: the family is in the capturing host's byte order, which the file does not say
        if (!networkOrder && (family & 0xFFFF0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        d.etherType = -1;
        switch (family) {
            case 2 -> ipv4(b, pos + 4, end, d);
            // AF_INET6 is 10 on Linux, 24 on NetBSD/OpenBSD, 28 on FreeBSD, 30 on macOS
            case 10, 24, 28, 30 -> ipv6(b, pos + 4, end, d);
            default -> d.status = DissectionStatus.NOT_IP;
        }
    }

    // ---------------------------------------------------------------- network

    private static void ipv4(byte[] b, int pos, int end, Dissection d) {
        if (!nextIpHeader(pos, d)) {
            return;
        }
        if (end - pos < 20) {
            truncated(d, "IPv4", "header", pos, 20, end - pos);
            return;
        }
        int version = (b[pos] & 0xFF) >>> 4;
        if (version != 4) {
            malformed(d, "IPv4", "Version", pos, "4", Integer.toString(version));
            return;
        }
        int headerLength = (b[pos] & 0x0F) * 4;
        if (headerLength < 20) {
            malformed(d, "IPv4", "Header Length", pos, "at least 20", Integer.toString(headerLength));
            return;
        }
        if (end - pos < headerLength) {
            truncated(d, "IPv4", "header", pos, headerLength, end - pos);
            return;
        }
        int totalLength = u16(b, pos + 2);
        if (totalLength == 0) {
            totalLength = end - pos;
        } else if (totalLength < headerLength) {
            malformed(d, "IPv4", "Total Length", pos + 2, "at least the header length " + headerLength,
                    Integer.toString(totalLength));
            return;
        }
        d.ipVersion = 4;
        d.ipOffset = pos;
        System.arraycopy(b, pos + 12, d.src, 0, 4);
        System.arraycopy(b, pos + 16, d.dst, 0, 4);
        d.ipIdentification = u16(b, pos + 4);
        int flagsAndOffset = u16(b, pos + 6);
        d.moreFragments = (flagsAndOffset & 0x2000) != 0;
        d.fragmentOffset = (flagsAndOffset & 0x1FFF) * 8;
        d.fragment = d.moreFragments || d.fragmentOffset != 0;
        int protocol = b[pos + 9] & 0xFF;
        int payloadStart = pos + headerLength;
        int payloadEnd = Math.min(pos + totalLength, end);
        ipPayload(b, payloadStart, payloadEnd, totalLength - headerLength, protocol, d);
    }

    private static void ipv6(byte[] b, int pos, int end, Dissection d) {
        if (!nextIpHeader(pos, d)) {
            return;
        }
        if (end - pos < 40) {
            truncated(d, "IPv6", "header", pos, 40, end - pos);
            return;
        }
        int version = (b[pos] & 0xFF) >>> 4;
        if (version != 6) {
            malformed(d, "IPv6", "Version", pos, "6", Integer.toString(version));
            return;
        }
        int payloadLength = u16(b, pos + 4);
        // 0 is a jumbogram (RFC 2675) or an offloaded segment: the rest of the frame
        int wireEnd = payloadLength == 0 ? end : pos + 40 + payloadLength;
        int capturedEnd = Math.min(wireEnd, end);
        d.ipVersion = 6;
        d.ipOffset = pos;
        d.fragment = false;
        d.fragmentOffset = 0;
        d.moreFragments = false;
        d.ipIdentification = -1;
        System.arraycopy(b, pos + 8, d.src, 0, 16);
        System.arraycopy(b, pos + 24, d.dst, 0, 16);
        int next = b[pos + 6] & 0xFF;
        int p = pos + 40;
        for (int count = 0; count < MAX_IPV6_EXTENSION_HEADERS; count++) {
            int headerLength;
            switch (next) {
                case 0, 43, 60 -> { // Hop-by-Hop Options, Routing, Destination Options (RFC 8200 4.3, 4.4, 4.6)
                    if (capturedEnd - p < 2) {
                        truncated(d, "IPv6", "extension header " + next, p, 2, capturedEnd - p);
                        return;
                    }
                    headerLength = ((b[p + 1] & 0xFF) + 1) * 8;
                }
                case 51 -> { // Authentication Header (RFC 4302 2.2): length in 4-octet units, minus 2
                    if (capturedEnd - p < 2) {
                        truncated(d, "IPv6", "extension header 51", p, 2, capturedEnd - p);
                        return;
                    }
                    headerLength = ((b[p + 1] & 0xFF) + 2) * 4;
                }
                case 44 -> { // Fragment (RFC 8200 4.5)
                    if (capturedEnd - p < 8) {
                        truncated(d, "IPv6", "Fragment header", p, 8, capturedEnd - p);
                        return;
                    }
                    int offsetAndFlags = u16(b, p + 2);
                    d.fragment = true;
                    d.fragmentOffset = offsetAndFlags & 0xFFF8;
                    d.moreFragments = (offsetAndFlags & 1) != 0;
                    d.ipIdentification = u32(b, p + 4) & 0xFFFFFFFFL;
                    headerLength = 8;
                }
                default -> {
                    ipPayload(b, p, capturedEnd, wireEnd - p, next, d);
                    return;
                }
            }
            if (wireEnd - p < headerLength) {
                malformed(d, "IPv6", "extension header " + next + " length", p + 1,
                        "at most " + (wireEnd - p) + " bytes", Integer.toString(headerLength));
                return;
            }
            if (capturedEnd - p < headerLength) {
                truncated(d, "IPv6", "extension header " + next, p, headerLength, capturedEnd - p);
                return;
            }
            next = b[p] & 0xFF;
            p += headerLength;
        }
        malformed(d, "IPv6", "extension headers", pos + 40, "at most " + MAX_IPV6_EXTENSION_HEADERS, "more");
    }

    private static boolean nextIpHeader(int pos, Dissection d) {
        if (d.ipHeaderCount == MAX_IP_HEADERS) {
            malformed(d, "IP", "nested IP headers", pos, "at most " + MAX_IP_HEADERS, "more");
            return false;
        }
        d.ipHeaderCount++;
        return true;
    }

    /** What follows the innermost IP header: {@code [start, capturedEnd)} is there, {@code wireLength} bytes were sent. */
    private static void ipPayload(byte[] b, int start, int capturedEnd, int wireLength, int protocol, Dissection d) {
        d.ipProtocol = protocol;
        d.ipPayloadOffset = start;
        d.ipPayloadLength = Math.max(0, capturedEnd - start);
        if (d.fragmentOffset != 0) {
            d.status = DissectionStatus.FRAGMENT;
            d.payloadOffset = start;
            d.payloadLength = d.ipPayloadLength;
            d.payloadWireLength = wireLength;
            return;
        }
        switch (protocol) {
            case Dissection.IP_PROTOCOL_TCP -> tcp(b, start, capturedEnd, wireLength, d);
            case Dissection.IP_PROTOCOL_UDP -> udp(b, start, capturedEnd, wireLength, d);
            case Dissection.IP_PROTOCOL_IPV4 -> ipv4(b, start, capturedEnd, d);
            case Dissection.IP_PROTOCOL_IPV6 -> ipv6(b, start, capturedEnd, d);
            default -> {
                d.payloadOffset = start;
                d.payloadLength = d.ipPayloadLength;
                d.payloadWireLength = wireLength;
            }
        }
    }

    // ---------------------------------------------------------------- transport

    private static void tcp(byte[] b, int pos, int end, int wireLength, Dissection d) {
        if (end - pos < 20) {
            if (wireLength < 20) {
                malformed(d, "TCP", "header", pos, "20 bytes in the IP payload", Integer.toString(wireLength));
            } else {
                truncated(d, "TCP", "header", pos, 20, end - pos);
            }
            return;
        }
        d.srcPort = u16(b, pos);
        d.dstPort = u16(b, pos + 2);
        d.tcpSequence = u32(b, pos + 4) & 0xFFFFFFFFL;
        d.tcpAcknowledgment = u32(b, pos + 8) & 0xFFFFFFFFL;
        int dataOffset = ((b[pos + 12] & 0xFF) >>> 4) * 4;
        d.tcpFlags = (b[pos + 12] & 0x01) << 8 | (b[pos + 13] & 0xFF);
        d.tcpWindow = u16(b, pos + 14);
        if (dataOffset < 20) {
            malformed(d, "TCP", "Data Offset", pos + 12, "at least 20 bytes", Integer.toString(dataOffset));
            return;
        }
        if (dataOffset > wireLength) {
            malformed(d, "TCP", "Data Offset", pos + 12, "at most the IP payload length " + wireLength,
                    Integer.toString(dataOffset));
            return;
        }
        if (dataOffset > end - pos) {
            truncated(d, "TCP", "header", pos, dataOffset, end - pos);
            return;
        }
        d.payloadOffset = pos + dataOffset;
        d.payloadLength = end - pos - dataOffset;
        d.payloadWireLength = wireLength - dataOffset;
    }

    private static void udp(byte[] b, int pos, int end, int wireLength, Dissection d) {
        if (end - pos < 8) {
            if (wireLength < 8) {
                malformed(d, "UDP", "header", pos, "8 bytes in the IP payload", Integer.toString(wireLength));
            } else {
                truncated(d, "UDP", "header", pos, 8, end - pos);
            }
            return;
        }
        d.srcPort = u16(b, pos);
        d.dstPort = u16(b, pos + 2);
        int length = u16(b, pos + 4);
        if (length == 0) {
            length = wireLength; // RFC 2675 4: a jumbogram's UDP length is 0
        } else if (length < 8 || (length > wireLength && !d.moreFragments)) {
            // a first fragment's UDP Length counts the whole datagram
            malformed(d, "UDP", "Length", pos + 4, "8 to " + wireLength, Integer.toString(length));
            return;
        }
        d.payloadOffset = pos + 8;
        d.payloadWireLength = Math.min(length, wireLength) - 8;
        d.payloadLength = Math.min(d.payloadWireLength, end - pos - 8);
    }

    // ---------------------------------------------------------------- helpers

    private static void truncated(Dissection d, String layer, String what, int pos, int needed, int available) {
        d.status = DissectionStatus.TRUNCATED;
        d.problem = layer + ": " + what + " at offset " + (pos - d.packetOffset) + ": expected " + needed
                + " bytes, found " + Math.max(available, 0) + " captured";
    }

    private static void malformed(Dissection d, String layer, String field, int pos, String expected, String found) {
        d.status = DissectionStatus.MALFORMED;
        d.problem = layer + ": " + field + " at offset " + (pos - d.packetOffset) + ": expected " + expected + ", found " + found;
    }

    private static int u16(byte[] b, int i) { return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF); }

    private static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
