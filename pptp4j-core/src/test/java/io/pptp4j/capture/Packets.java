package io.pptp4j.capture;

import io.pptp4j.wire.Hex;

import java.nio.ByteBuffer;

/** Test support: builds packets layer by layer, outermost last. */
final class Packets {
    private Packets() {}

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    static byte[] ethernet(int etherType, byte[] payload) {
        return concat(Hex.parse("020000000001 020000000002"), u16(etherType), payload);
    }

    /** A tag to put between the addresses and the EtherType: TPID, TCI. */
    static byte[] vlanTag(int tpid, int vlanId) { return concat(u16(tpid), u16(vlanId)); }

    static byte[] ethernetTagged(int etherType, byte[] payload, byte[]... tags) {
        return concat(Hex.parse("020000000001 020000000002"), concat(tags), u16(etherType), payload);
    }

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 0, false, 5, payload);
    }

    static byte[] ipv4(String src, String dst, int protocol, int fragmentOffset, boolean moreFragments, int ihl, byte[] payload) {
        int headerLength = ihl * 4;
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.put((byte) (0x40 | ihl)).put((byte) 0).putShort((short) (headerLength + payload.length)).putShort((short) 0x1234)
                .putShort((short) ((moreFragments ? 0x2000 : 0) | fragmentOffset / 8)).put((byte) 64).put((byte) protocol)
                .putShort((short) 0).put(addr(src)).put(addr(dst));
        b.position(headerLength);
        b.put(payload);
        return b.array();
    }

    /** IPv6 with the given extension headers (each: next header byte first), then {@code protocol}. */
    static byte[] ipv6(String src, String dst, int firstNextHeader, byte[] extensionsAndPayload) {
        ByteBuffer b = ByteBuffer.allocate(40 + extensionsAndPayload.length);
        b.putInt(0x60000000).putShort((short) extensionsAndPayload.length).put((byte) firstNextHeader).put((byte) 64)
                .put(addr(src)).put(addr(dst)).put(extensionsAndPayload);
        return b.array();
    }

    /** An IPv6 options header (Hop-by-Hop or Destination Options) of {@code 8 * (units + 1)} bytes, padded with PadN. */
    static byte[] ipv6Options(int nextHeader, int units) {
        byte[] h = new byte[8 * (units + 1)];
        h[0] = (byte) nextHeader;
        h[1] = (byte) units;
        h[2] = 1; // PadN
        h[3] = (byte) (h.length - 4);
        return h;
    }

    static byte[] ipv6Fragment(int nextHeader, int offset, boolean more, int identification) {
        return ByteBuffer.allocate(8).put((byte) nextHeader).put((byte) 0).putShort((short) (offset | (more ? 1 : 0)))
                .putInt(identification).array();
    }

    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, byte[] payload) {
        return tcp(srcPort, dstPort, seq, ack, flags, 5, payload);
    }

    static byte[] tcp(int srcPort, int dstPort, long seq, long ack, int flags, int dataOffsetWords, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(dataOffsetWords * 4 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt((int) seq).putInt((int) ack)
                .put((byte) (dataOffsetWords << 4 | (flags >> 8 & 1))).put((byte) flags).putShort((short) 8192)
                .putShort((short) 0).putShort((short) 0);
        b.position(dataOffsetWords * 4);
        b.put(payload);
        return b.array();
    }

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    static byte[] u16(int v) { return new byte[] {(byte) (v >> 8), (byte) v}; }

    static byte[] u32(int v) { return ByteBuffer.allocate(4).putInt(v).array(); }

    static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] addr(String text) {
        try {
            return java.net.InetAddress.getByName(text).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Dissection dissect(int linkType, byte[] packet) {
        return PacketDissector.dissect(1, 0, linkType, packet, 0, packet.length, packet.length, new Dissection());
    }
}
