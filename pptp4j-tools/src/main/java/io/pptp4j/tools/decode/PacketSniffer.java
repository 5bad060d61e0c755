package io.pptp4j.tools.decode;

import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.gre.GreHeader;

/** Tells what a lone hex string holds, for {@code pptp4j decode HEX} without {@code --as}. */
final class PacketSniffer {
    enum Kind { CONTROL, IPV4, IPV6, GRE, HDLC, PPP }

    private PacketSniffer() {}

    /** The kind, or null when the bytes look like none of them. */
    static Kind sniff(byte[] b) {
        if (b.length >= 8 && u16(b, 2) == ControlMessageCodec.CONTROL_MESSAGE
                && u32(b, 4) == ControlMessageCodec.MAGIC_COOKIE) {
            return Kind.CONTROL;
        }
        if (b.length >= 20 && (b[0] & 0xF0) == 0x40 && (b[9] & 0xFF) == 47) {
            return Kind.IPV4;
        }
        if (b.length >= 40 && (b[0] & 0xF0) == 0x60 && (b[6] & 0xFF) == 47) {
            return Kind.IPV6;
        }
        if (b.length >= 8 && u16(b, 2) == GreHeader.PROTOCOL_PPP) {
            return Kind.GRE;
        }
        if (b.length >= 1 && (b[0] & 0xFF) == 0x7E) {
            return Kind.HDLC;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && b[1] == 0x03) {
            return Kind.PPP;
        }
        if (b.length >= 2 && io.pptp4j.ppp.PppProtocol.of(u16(b, 0)).isPresent()) {
            return Kind.PPP;
        }
        if (b.length >= 1 && (b[0] & 1) == 1 && io.pptp4j.ppp.PppProtocol.of(b[0] & 0xFF).isPresent()) {
            return Kind.PPP;
        }
        return null;
    }

    static int u16(byte[] b, int at) { return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF); }

    static long u32(byte[] b, int at) { return ((long) u16(b, at) << 16) | u16(b, at + 2); }
}
