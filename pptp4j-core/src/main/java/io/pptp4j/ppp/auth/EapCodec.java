package io.pptp4j.ppp.auth;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * PPP EAP packets, PPP protocol 0xC227 (RFC 2284 section 2.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Request (1), Response (2):
 * |     Type      |  Type-Data ...
 * Success (3), Failure (4): nothing more, Length 4
 * </pre>
 *
 * Octets beyond Length are padding. A Success or Failure whose Length is not 4 is refused by the strict
 * decoder; the lenient one ignores the extra octets. An unknown Code is refused by the strict decoder and
 * kept as {@link EapPacket.Unknown} by the lenient one. Type-Data stays raw.
 */
public final class EapCodec {
    private EapCodec() {}

    public static EapPacket decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, Layer.EAP, "EAP"), mode);
    }

    /** Decodes the packet from the rest of {@code r} (a PPP frame's Information field). */
    public static EapPacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        AuthCodecs.Header h = AuthCodecs.readHeader(r, Layer.EAP, code -> "EAP " + EapCode.describe(code));
        ByteReader b = h.body();
        EapCode known = EapCode.of(h.code()).orElse(null);
        if (known == null) {
            if (mode.strict()) {
                throw AuthCodecs.unknownCode(Layer.EAP, h, "1, 2, 3, 4");
            }
            return new EapPacket.Unknown(h.code(), h.identifier(), b.remainingByteString());
        }
        int id = h.identifier();
        return switch (known) {
            case REQUEST -> new EapPacket.Request(id, b.u8("Type"), b.remainingByteString());
            case RESPONSE -> new EapPacket.Response(id, b.u8("Type"), b.remainingByteString());
            case SUCCESS -> { checkEmpty(h, mode); yield new EapPacket.Success(id); }
            case FAILURE -> { checkEmpty(h, mode); yield new EapPacket.Failure(id); }
        };
    }

    private static void checkEmpty(AuthCodecs.Header h, DecodeMode mode) throws DecodeException {
        if (mode.strict() && h.length() != 4) {
            throw h.body().errorAt(h.lengthOffset(), "Length", "4", Integer.toString(h.length()));
        }
    }

    public static byte[] encode(EapPacket packet) {
        ByteWriter w = new ByteWriter(64);
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(EapPacket packet, ByteWriter w) {
        int start = AuthCodecs.start(w, packet.code(), packet.identifier());
        switch (packet) {
            case EapPacket.Request p -> w.u8(p.type()).bytes(p.typeData());
            case EapPacket.Response p -> w.u8(p.type()).bytes(p.typeData());
            case EapPacket.Success p -> { }
            case EapPacket.Failure p -> { }
            case EapPacket.Unknown p -> w.bytes(p.data());
        }
        AuthCodecs.finish(w, start, "EAP " + packet.codeName());
    }
}
