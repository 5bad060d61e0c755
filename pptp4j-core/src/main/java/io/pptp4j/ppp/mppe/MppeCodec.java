package io.pptp4j.ppp.mppe;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;

/**
 * The MPPE packet (RFC 3078 section 3.1), the Information field of a PPP frame whose Protocol is 0x00FD
 * (which {@link io.pptp4j.ppp.PppFrameCodec} has already read, compressed to {@code FD} or not):
 *
 * <pre>
 *  0                   1
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |A|B|C|D|    Coherency Count    |      Encrypted Data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Strict mode refuses a packet with bit D clear, which MPPE never sends (only MPPC without encryption
 * would); lenient mode keeps it.
 */
public final class MppeCodec {
    private MppeCodec() {}

    public static MppePacket decode(byte[] information, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(information, Layer.MPPE, "MPPE"), mode);
    }

    /** Decodes the packet from the rest of {@code r}; errors name {@code MPPE} and count offsets as {@code r} does. */
    public static MppePacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        ByteReader body = r.rest(Layer.MPPE, "MPPE");
        int headerOffset = body.offset();
        int value = body.u16("MPPE Header");
        MppeHeader header = MppeHeader.of(value);
        if (mode.strict() && !header.encrypted()) {
            throw body.errorAt(headerOffset, "Bit D", "1 (encrypted)", "0 in header " + Hex.u16(value));
        }
        return new MppePacket(header, body.remainingByteString());
    }

    public static byte[] encode(MppePacket packet) {
        ByteWriter w = new ByteWriter(packet.length());
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(MppePacket packet, ByteWriter w) {
        w.u16(packet.header().value()).bytes(packet.payload());
    }
}
