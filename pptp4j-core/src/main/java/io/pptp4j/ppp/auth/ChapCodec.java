package io.pptp4j.ppp.auth;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * CHAP packets, PPP protocol 0xC223 (RFC 1994 section 4), with the MS-CHAP-V2 Change-Password packet
 * (RFC 2759 section 7).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Challenge (1), Response (2):
 * |  Value-Size   |  Value ...                      |  Name ...
 * Success (3), Failure (4):
 * |  Message ...
 * MS-CHAP-V2 Change-Password (7), Length 586:
 * | Encrypted-Password (516) | Encrypted-Hash (16) | Peer-Challenge (16) |
 * | Reserved (8)             | NT-Response (24)    | Flags (2)           |
 * </pre>
 *
 * Octets beyond Length are padding. Codes 5 and 6 (RFC 2433 9, 10) are kept raw in either mode; other
 * unknown codes are refused by the strict decoder and kept as {@link ChapPacket.Unknown} by the lenient
 * one. The strict decoder also refuses an empty Value (RFC 1994 4.1: "one or more octets"), a
 * Change-Password whose Length is not 586 or whose Reserved octets are not zero.
 */
public final class ChapCodec {
    private ChapCodec() {}

    public static ChapPacket decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, Layer.CHAP, "CHAP"), mode);
    }

    /** Decodes the packet from the rest of {@code r} (a PPP frame's Information field). */
    public static ChapPacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        AuthCodecs.Header h = AuthCodecs.readHeader(r, Layer.CHAP, code -> "CHAP " + ChapCode.describe(code));
        ByteReader b = h.body();
        ChapCode known = ChapCode.of(h.code()).orElse(null);
        if (known == null && mode.strict()) {
            throw AuthCodecs.unknownCode(Layer.CHAP, h, "1 to 7");
        }
        if (known == null || !isDecodedAsRecord(h.code())) {
            return new ChapPacket.Unknown(h.code(), h.identifier(), b.remainingByteString());
        }
        int id = h.identifier();
        return switch (known) {
            case CHALLENGE -> new ChapPacket.Challenge(id, value(b, mode), b.remainingByteString());
            case RESPONSE -> new ChapPacket.Response(id, value(b, mode), b.remainingByteString());
            case SUCCESS -> new ChapPacket.Success(id, b.remainingByteString());
            case FAILURE -> new ChapPacket.Failure(id, b.remainingByteString());
            case MS_CHAP_V2_CHANGE_PASSWORD -> changePassword(h, b, mode);
            case MS_CHAP_CHANGE_PASSWORD_V1, MS_CHAP_CHANGE_PASSWORD_V2 -> throw new AssertionError(known);
        };
    }

    /** Whether the code has a record of its own (1-4 and 7) rather than {@link ChapPacket.Unknown}. */
    static boolean isDecodedAsRecord(int code) {
        return (code >= 1 && code <= 4) || code == ChapCode.MS_CHAP_V2_CHANGE_PASSWORD.value();
    }

    private static Bytes value(ByteReader b, DecodeMode mode) throws DecodeException {
        int offset = b.offset();
        int size = b.u8("Value-Size");
        if (size > b.remaining()) {
            throw b.errorAt(offset, "Value-Size", "at most " + b.remaining(), Integer.toString(size));
        }
        if (size == 0 && mode.strict()) {
            throw b.errorAt(offset, "Value-Size", "at least 1", "0");
        }
        return b.byteString(size, "Value");
    }

    private static ChapPacket changePassword(AuthCodecs.Header h, ByteReader b, DecodeMode mode) throws DecodeException {
        int length = ChapPacket.ChangePasswordV2.LENGTH;
        if (h.length() < length || (mode.strict() && h.length() != length)) {
            throw b.errorAt(h.lengthOffset(), "Length", Integer.toString(length), Integer.toString(h.length()));
        }
        Bytes encryptedPassword = b.byteString(ChapPacket.ChangePasswordV2.ENCRYPTED_PASSWORD_SIZE, "Encrypted-Password");
        Bytes encryptedHash = b.byteString(16, "Encrypted-Hash");
        Bytes peerChallenge = b.byteString(16, "Peer-Challenge");
        int reservedOffset = b.offset();
        Bytes reserved = b.byteString(8, "Reserved");
        if (mode.strict() && !AuthCodecs.allZero(reserved)) {
            throw b.errorAt(reservedOffset, "Reserved", "0000000000000000", reserved.hex());
        }
        Bytes ntResponse = b.byteString(24, "NT-Response");
        int flags = b.u16("Flags");
        // lenient: octets past 586 inside Length are ignored
        return new ChapPacket.ChangePasswordV2(h.identifier(), encryptedPassword, encryptedHash, peerChallenge,
                reserved, ntResponse, flags);
    }

    public static byte[] encode(ChapPacket packet) {
        ByteWriter w = new ByteWriter(64);
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(ChapPacket packet, ByteWriter w) {
        int start = AuthCodecs.start(w, packet.code(), packet.identifier());
        switch (packet) {
            case ChapPacket.Challenge p -> w.u8(p.value().length()).bytes(p.value()).bytes(p.name());
            case ChapPacket.Response p -> w.u8(p.value().length()).bytes(p.value()).bytes(p.name());
            case ChapPacket.Success p -> w.bytes(p.message());
            case ChapPacket.Failure p -> w.bytes(p.message());
            case ChapPacket.ChangePasswordV2 p -> w.bytes(p.encryptedPassword()).bytes(p.encryptedHash())
                    .bytes(p.peerChallenge()).bytes(p.reserved()).bytes(p.ntResponse()).u16(p.flags());
            case ChapPacket.Unknown p -> w.bytes(p.data());
        }
        AuthCodecs.finish(w, start, "CHAP " + packet.codeName());
    }
}
