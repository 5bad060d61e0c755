package io.pptp4j.capture;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * What {@link PacketDissector} found in one packet: a mutable view filled again for every packet, so
 * that dissecting a capture allocates nothing per packet. Offsets index {@link #buffer()}, the array
 * that holds the packet; addresses are those of the innermost IP header (the Zeek sample carries
 * IPv4 in IPv6: the IPv4 addresses count). Fields that a packet does not have read -1 (ports,
 * protocol, EtherType) or 0 (IP version).
 *
 * <p>Copy what must outlive the next packet; {@link #srcAddress()} and the other object-returning
 * helpers allocate and are meant for display.
 */
public final class Dissection {
    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;
    public static final int TCP_ECE = 0x40;
    public static final int TCP_CWR = 0x80;

    public static final int IP_PROTOCOL_ICMP = 1;
    public static final int IP_PROTOCOL_IPV4 = 4;
    public static final int IP_PROTOCOL_TCP = 6;
    public static final int IP_PROTOCOL_UDP = 17;
    public static final int IP_PROTOCOL_IPV6 = 41;
    public static final int IP_PROTOCOL_GRE = 47;

    long frameNumber;
    long timestampNanos;
    int linkType;
    byte[] buffer;
    int packetOffset;
    int capturedLength;
    int originalLength;
    DissectionStatus status;
    String problem;

    int etherType;
    int vlanCount;
    int vlanId;

    int ipVersion;
    int ipOffset;
    int ipHeaderCount;
    final byte[] src = new byte[16];
    final byte[] dst = new byte[16];
    int ipProtocol;
    int ipPayloadOffset;
    int ipPayloadLength;
    boolean fragment;
    int fragmentOffset;
    boolean moreFragments;
    long ipIdentification;

    int srcPort;
    int dstPort;
    long tcpSequence;
    long tcpAcknowledgment;
    int tcpFlags;
    int tcpWindow;

    int payloadOffset;
    int payloadLength;
    int payloadWireLength;

    public Dissection() { reset(0, 0, -1, null, 0, 0, 0); }

    void reset(long frameNumber, long timestampNanos, int linkType, byte[] buffer, int offset, int capturedLength, int originalLength) {
        this.frameNumber = frameNumber;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.buffer = buffer;
        this.packetOffset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        status = DissectionStatus.COMPLETE;
        problem = null;
        etherType = -1;
        vlanCount = 0;
        vlanId = -1;
        ipVersion = 0;
        ipOffset = -1;
        ipHeaderCount = 0;
        ipProtocol = -1;
        ipPayloadOffset = -1;
        ipPayloadLength = 0;
        fragment = false;
        fragmentOffset = 0;
        moreFragments = false;
        ipIdentification = -1;
        srcPort = -1;
        dstPort = -1;
        tcpSequence = 0;
        tcpAcknowledgment = 0;
        tcpFlags = 0;
        tcpWindow = 0;
        payloadOffset = -1;
        payloadLength = 0;
        payloadWireLength = 0;
    }

    public long frameNumber() { return frameNumber; }

    public long timestampNanos() { return timestampNanos; }

    public int linkType() { return linkType; }

    /** The array holding the packet (the capture decoder's window or scratch array). */
    public byte[] buffer() { return buffer; }

    /** Index in {@link #buffer()} of the packet's first byte. */
    public int packetOffset() { return packetOffset; }

    public int capturedLength() { return capturedLength; }

    public int originalLength() { return originalLength; }

    public DissectionStatus status() { return status; }

    /**
     * For {@link DissectionStatus#MALFORMED} and {@link DissectionStatus#TRUNCATED}: what is wrong,
     * with the offset counted from the start of the packet, e.g. {@code IPv4: Header Length at offset
     * 14: expected at least 20, found 16}; else null.
     */
    public String problem() { return problem; }

    /** The EtherType (or Linux cooked protocol) that the link layer names for its payload after VLAN tags; -1 when none. */
    public int etherType() { return etherType; }

    /** Number of 802.1Q / 802.1ad tags. */
    public int vlanCount() { return vlanCount; }

    /** VLAN identifier of the outermost tag; -1 when untagged. */
    public int vlanId() { return vlanId; }

    /** 4 or 6 for the innermost IP header; 0 when there is no IP. */
    public int ipVersion() { return ipVersion; }

    /** Index in {@link #buffer()} of the innermost IP header; -1 when none. */
    public int ipOffset() { return ipOffset; }

    /** How many IP headers the packet stacks (2 for IPv4 in IPv6). */
    public int ipHeaderCount() { return ipHeaderCount; }

    /** Length of the addresses: 4, 16, or 0 when there is no IP. */
    public int addressLength() { return ipVersion == 4 ? 4 : ipVersion == 6 ? 16 : 0; }

    /** The innermost source address in {@code address[0, addressLength())}; a shared array, do not keep it. */
    public byte[] srcAddressBytes() { return src; }

    public byte[] dstAddressBytes() { return dst; }

    /** The innermost IPv4 source address as an int (most significant byte first); only when {@link #ipVersion()} is 4. */
    public int srcIpv4() { return ipv4(src); }

    public int dstIpv4() { return ipv4(dst); }

    private static int ipv4(byte[] a) {
        return (a[0] & 0xFF) << 24 | (a[1] & 0xFF) << 16 | (a[2] & 0xFF) << 8 | (a[3] & 0xFF);
    }

    /** Allocates. */
    public InetAddress srcAddress() { return ipVersion == 0 ? null : IpAddresses.toInetAddress(src, 0, addressLength()); }

    public InetAddress dstAddress() { return ipVersion == 0 ? null : IpAddresses.toInetAddress(dst, 0, addressLength()); }

    /** Text form (tshark's), allocates; null when there is no IP. */
    public String srcAddressString() { return ipVersion == 0 ? null : IpAddresses.format(src, 0, addressLength()); }

    public String dstAddressString() { return ipVersion == 0 ? null : IpAddresses.format(dst, 0, addressLength()); }

    /** The protocol after the innermost IP header and its extension headers (6 TCP, 17 UDP, 47 GRE); -1 when none. */
    public int ipProtocol() { return ipProtocol; }

    /** Index in {@link #buffer()} of what follows the innermost IP header (and IPv6 extension headers). */
    public int ipPayloadOffset() { return ipPayloadOffset; }

    /** Captured bytes of the IP payload, trimmed to the IP length (no Ethernet padding). */
    public int ipPayloadLength() { return ipPayloadLength; }

    /** Whether the innermost IP datagram is a fragment (first or later). */
    public boolean fragment() { return fragment; }

    /** Offset in bytes of this fragment in its datagram; 0 for the first. */
    public int fragmentOffset() { return fragmentOffset; }

    public boolean moreFragments() { return moreFragments; }

    /** IPv4 Identification or IPv6 fragment header Identification; -1 when the packet has neither. */
    public long ipIdentification() { return ipIdentification; }

    public boolean isTcp() { return status == DissectionStatus.COMPLETE && ipProtocol == IP_PROTOCOL_TCP; }

    public boolean isUdp() { return status == DissectionStatus.COMPLETE && ipProtocol == IP_PROTOCOL_UDP; }

    public boolean isGre() { return status == DissectionStatus.COMPLETE && ipProtocol == IP_PROTOCOL_GRE; }

    /** TCP or UDP source port; -1 for other protocols. */
    public int srcPort() { return srcPort; }

    public int dstPort() { return dstPort; }

    /** TCP Sequence Number, 0 to 2^32 - 1. */
    public long tcpSequence() { return tcpSequence; }

    /** TCP Acknowledgment Number, meaningful with {@link #TCP_ACK}. */
    public long tcpAcknowledgment() { return tcpAcknowledgment; }

    /** The TCP flag bits ({@link #TCP_FIN} ... {@link #TCP_CWR}, and 0x100 for NS). */
    public int tcpFlags() { return tcpFlags; }

    public boolean tcpFlag(int flag) { return (tcpFlags & flag) != 0; }

    public int tcpWindow() { return tcpWindow; }

    /**
     * Index in {@link #buffer()} of the payload: TCP or UDP data; for GRE and other protocols the
     * whole IP payload (the GRE header and what it carries); -1 when there is none.
     */
    public int payloadOffset() { return payloadOffset; }

    /** Captured payload bytes at {@link #payloadOffset()}. */
    public int payloadLength() { return payloadLength; }

    /** Payload length as the headers state it; more than {@link #payloadLength()} when the snap length cut it. */
    public int payloadWireLength() { return payloadWireLength; }

    public boolean payloadTruncated() { return payloadLength < payloadWireLength; }

    /** A copy of the captured payload. */
    public byte[] copyPayload() {
        return payloadOffset < 0 ? new byte[0] : Arrays.copyOfRange(buffer, payloadOffset, payloadOffset + payloadLength);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("frame ").append(frameNumber).append(' ').append(status);
        if (ipVersion != 0) {
            sb.append(' ').append(srcAddressString());
            if (srcPort >= 0) {
                sb.append(':').append(srcPort);
            }
            sb.append(" -> ").append(dstAddressString());
            if (dstPort >= 0) {
                sb.append(':').append(dstPort);
            }
            sb.append(" proto ").append(ipProtocol).append(" payload ").append(payloadLength);
        }
        if (problem != null) {
            sb.append(": ").append(problem);
        }
        return sb.toString();
    }
}
