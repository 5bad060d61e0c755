package io.pptp4j.tools.inspect;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes IP packets to a classic pcap file (draft-ietf-opsawg-pcap section 4, 5) of link type
 * LINKTYPE_RAW (101): each record is one IPv4 or IPv6 packet, told apart by its version nibble.
 * Microsecond timestamps, little-endian, as libpcap writes on x86.
 */
final class RawPcapWriter implements AutoCloseable {
    static final int LINKTYPE_RAW = 101;
    private static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    private static final int SNAPLEN = 262_144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    private long packets;

    RawPcapWriter(Path file) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        header.putInt(MAGIC_MICROSECONDS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_RAW);
        out.write(header.array(), 0, 24);
    }

    void write(long timestampNanos, byte[] packet) throws IOException {
        header.clear();
        header.putInt((int) Math.floorDiv(timestampNanos, 1_000_000_000L))
                .putInt((int) (Math.floorMod(timestampNanos, 1_000_000_000L) / 1000))
                .putInt(packet.length).putInt(packet.length);
        out.write(header.array(), 0, 16);
        out.write(packet);
        packets++;
    }

    long packets() { return packets; }

    @Override
    public void close() throws IOException { out.close(); }
}
