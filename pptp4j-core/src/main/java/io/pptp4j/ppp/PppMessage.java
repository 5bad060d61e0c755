package io.pptp4j.ppp;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;

/**
 * A PPP frame with its Information field decoded as far as pptp4j understands the protocol: a
 * control-protocol packet ({@code CpPacket} of LCP, IPCP, IPV6CP or CCP), an authentication packet
 * (PAP, CHAP, EAP), a CBCP packet, an MPPE packet, a network-layer {@link Datagram}, or the raw bytes of
 * a protocol it only names. In lenient decoding a content that did not decode is a {@link Malformed}.
 *
 * @param frame the frame as decoded by {@link PppFrameCodec}
 * @param content the decoded Information field (one of the types above)
 */
public record PppMessage(PppFrame frame, Object content) {

    public int protocol() { return frame.protocol(); }

    public String protocolName() { return frame.protocolName(); }

    /** A network-layer packet (IPv4 0x0021, IPv6 0x0057) carried in clear: PPP data without MPPE. */
    public record Datagram(int protocol, Bytes packet) {
        public String name() { return PppProtocol.nameOf(protocol) + " datagram"; }
    }

    /** Information of a protocol that pptp4j names but does not decode. */
    public record Opaque(int protocol, Bytes information) {
        public String name() { return PppProtocol.nameOf(protocol); }
    }

    /** An Information field that did not decode (lenient mode only). */
    public record Malformed(int protocol, Bytes information, String reason, int offset) {
        public Malformed(int protocol, Bytes information, DecodeException e) {
            this(protocol, information, e.getMessage(), e.offset());
        }

        public String name() { return "Malformed " + PppProtocol.nameOf(protocol); }
    }
}
