package io.pptp4j.tools.testing;

import io.pptp4j.wire.ByteWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds a classic pcap (link type raw IPv4) holding one PPTP session's worth of packets made from
 * bytes our encoders produced: a TCP 1723 connection with a proper handshake and consistent sequence
 * numbers (so that tshark's TCP analysis raises nothing), and GRE packets between the same hosts.
 * Addresses come from the documentation ranges. Checksums are computed (IPv4 and TCP).
 */
public final class SyntheticCapture {
    private static final int LINKTYPE_RAW = 101;
    private static final byte[] CLIENT = {(byte) 192, 0, 2, 10};
    private static final byte[] SERVER = {(byte) 198, 51, 100, 20};
    private static final int CLIENT_PORT = 40000;
    private static final int SERVER_PORT = 1723;

    private final ByteWriter pcap = new ByteWriter(4096);
    private long clientSeq = 1000;
    private long serverSeq = 5000;
    private int frames;
    private int ipId = 1;

    public SyntheticCapture() {
        // pcap global header, written little-endian by hand (magic d4c3b2a1 on the wire)
        pcap.bytes(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0});
        pcap.zeros(8);
        pcap.bytes(le32(65535)).bytes(le32(LINKTYPE_RAW));
        handshake();
    }

    private void handshake() {
        tcp(true, TcpFlags.SYN, new byte[0]);
        clientSeq++;
        tcp(false, TcpFlags.SYN | TcpFlags.ACK, new byte[0]);
        serverSeq++;
        tcp(true, TcpFlags.ACK, new byte[0]);
    }

    private static final class TcpFlags {
        static final int FIN = 0x01, SYN = 0x02, PSH = 0x08, ACK = 0x10;
    }

    /** A control message in its own segment, from the client (PAC) or the server (PNS). */
    public SyntheticCapture control(boolean fromClient, byte[] message) {
        tcp(fromClient, TcpFlags.PSH | TcpFlags.ACK, message);
        if (fromClient) clientSeq += message.length; else serverSeq += message.length;
        tcp(!fromClient, TcpFlags.ACK, new byte[0]);
        return this;
    }

    /** A GRE packet (header and payload as our encoder wrote them). */
    public SyntheticCapture gre(boolean fromClient, byte[] grePacket) {
        ip(fromClient, 47, grePacket);
        return this;
    }

    private void tcp(boolean fromClient, int flags, byte[] payload) {
        ByteWriter t = new ByteWriter(20 + payload.length);
        t.u16(fromClient ? CLIENT_PORT : SERVER_PORT).u16(fromClient ? SERVER_PORT : CLIENT_PORT);
        t.u32(fromClient ? clientSeq : serverSeq);
        t.u32((flags & TcpFlags.ACK) != 0 ? (fromClient ? serverSeq : clientSeq) : 0);
        t.u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
        t.bytes(payload);
        byte[] seg = t.toByteArray();
        int sum = checksum(pseudoHeader(fromClient, 6, seg.length), seg);
        seg[16] = (byte) (sum >>> 8);
        seg[17] = (byte) sum;
        ip(fromClient, 6, seg);
    }

    private byte[] pseudoHeader(boolean fromClient, int protocol, int length) {
        return new ByteWriter(12).bytes(fromClient ? CLIENT : SERVER).bytes(fromClient ? SERVER : CLIENT)
                .u8(0).u8(protocol).u16(length).toByteArray();
    }

    private void ip(boolean fromClient, int protocol, byte[] payload) {
        ByteWriter ip = new ByteWriter(20 + payload.length);
        ip.u8(0x45).u8(0).u16(20 + payload.length).u16(ipId++).u16(0x4000).u8(64).u8(protocol).u16(0);
        ip.bytes(fromClient ? CLIENT : SERVER).bytes(fromClient ? SERVER : CLIENT);
        byte[] header = ip.toByteArray();
        int sum = checksum(new byte[0], header);
        header[10] = (byte) (sum >>> 8);
        header[11] = (byte) sum;
        byte[] packet = new ByteWriter(header.length + payload.length).bytes(header).bytes(payload).toByteArray();
        frames++;
        pcap.bytes(le32(1_700_000_000L + frames)).bytes(le32(0)).bytes(le32(packet.length)).bytes(le32(packet.length));
        pcap.bytes(packet);
    }

    private static int checksum(byte[] prefix, byte[] data) {
        long sum = 0;
        byte[][] parts = {prefix, data};
        for (byte[] p : parts) {
            for (int i = 0; i < p.length; i += 2) {
                int hi = p[i] & 0xFF;
                int lo = i + 1 < p.length ? p[i + 1] & 0xFF : 0;
                sum += (hi << 8) | lo;
            }
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    public int frames() { return frames; }

    /** Ends the TCP connection with FIN from both sides and writes the file. */
    public Path write(Path file) throws IOException {
        tcp(true, TcpFlags.FIN | TcpFlags.ACK, new byte[0]);
        clientSeq++;
        tcp(false, TcpFlags.FIN | TcpFlags.ACK, new byte[0]);
        serverSeq++;
        tcp(true, TcpFlags.ACK, new byte[0]);
        Files.write(file, pcap.toByteArray());
        return file;
    }
}
