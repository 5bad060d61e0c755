package io.pptp4j.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test support: writes small pcap and pcapng files in either byte order, block by block. */
final class CaptureFiles {
    private CaptureFiles() {}

    /** A classic pcap file. */
    static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;
        private final boolean nanos;

        Pcap(ByteOrder order, boolean nanos, int snapLen, int linkType) {
            this.order = order;
            this.nanos = nanos;
            ByteBuffer h = ByteBuffer.allocate(24).order(order);
            h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(snapLen).putInt(linkType);
            out.writeBytes(h.array());
        }

        Pcap packet(long timestampNanos, int originalLength, byte[] data) {
            ByteBuffer h = ByteBuffer.allocate(16).order(order);
            long seconds = timestampNanos / 1_000_000_000L;
            long fraction = timestampNanos % 1_000_000_000L;
            h.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(data.length).putInt(originalLength);
            out.writeBytes(h.array());
            out.writeBytes(data);
            return this;
        }

        byte[] bytes() { return out.toByteArray(); }
    }

    /** A pcapng file; a new Section Header Block may switch the byte order. */
    static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        Pcapng section(ByteOrder sectionOrder) {
            order = sectionOrder;
            ByteBuffer body = buffer(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0A0D0D0A, body);
        }

        /** An Interface Description Block; {@code tsresol} < 0 leaves the option out; {@code tsoffset} 0 too. */
        Pcapng iface(int linkType, int snapLen, int tsresol, long tsoffset) {
            ByteBuffer body = buffer(64).putShort((short) linkType).putShort((short) 0).putInt(snapLen);
            // an option pptp4j does not use, to be stepped over: if_name "eth0"
            body.putShort((short) 2).putShort((short) 4).put(new byte[] {'e', 't', 'h', '0'});
            if (tsresol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            if (tsoffset != 0) {
                body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
            }
            body.putShort((short) 0).putShort((short) 0);
            return block(1, body);
        }

        Pcapng enhanced(int interfaceId, long timestampUnits, int originalLength, byte[] data) {
            ByteBuffer body = buffer(20 + pad(data.length) + 12).putInt(interfaceId).putInt((int) (timestampUnits >>> 32))
                    .putInt((int) timestampUnits).putInt(data.length).putInt(originalLength).put(data).position(20 + pad(data.length));
            // an epb_flags option, to be stepped over
            body.putShort((short) 2).putShort((short) 4).putInt(0).putShort((short) 0).putShort((short) 0);
            return block(6, body);
        }

        Pcapng simple(int originalLength, byte[] data) {
            ByteBuffer body = buffer(4 + pad(data.length)).putInt(originalLength).put(data).position(4 + pad(data.length));
            return block(3, body);
        }

        Pcapng obsolete(int interfaceId, long timestampUnits, int originalLength, byte[] data) {
            ByteBuffer body = buffer(20 + pad(data.length)).putShort((short) interfaceId).putShort((short) 0)
                    .putInt((int) (timestampUnits >>> 32)).putInt((int) timestampUnits).putInt(data.length)
                    .putInt(originalLength).put(data).position(20 + pad(data.length));
            return block(2, body);
        }

        /** A block of a type that carries no packet (statistics, name resolution, custom). */
        Pcapng other(int type, int bodyLength) {
            ByteBuffer body = buffer(bodyLength);
            body.position(bodyLength);
            return block(type, body);
        }

        byte[] bytes() { return out.toByteArray(); }

        private ByteBuffer buffer(int capacity) { return ByteBuffer.allocate(capacity).order(order); }

        private Pcapng block(int type, ByteBuffer body) {
            int bodyLength = body.position();
            int total = 12 + bodyLength;
            ByteBuffer b = ByteBuffer.allocate(total).order(order);
            b.putInt(type).putInt(total).put(body.array(), 0, bodyLength).putInt(total);
            out.writeBytes(b.array());
            return this;
        }

        private static int pad(int n) { return (n + 3) & ~3; }
    }
}
