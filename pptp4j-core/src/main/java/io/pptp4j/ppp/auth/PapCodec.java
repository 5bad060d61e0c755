package io.pptp4j.ppp.auth;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * Password Authentication Protocol packets, PPP protocol 0xC023 (RFC 1334 section 2.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * Authenticate-Request (1):
 * | Peer-ID Length|  Peer-Id ...  | Passwd-Length |  Password ...
 * Authenticate-Ack (2), Authenticate-Nak (3):
 * |  Msg-Length   |  Message  ...
 * </pre>
 *
 * Octets beyond Length are padding. Octets inside Length after the last field are refused by the strict
 * decoder and ignored by the lenient one; an unknown Code is refused by the strict decoder and kept as
 * {@link PapPacket.Unknown} by the lenient one.
 */
public final class PapCodec {
    private PapCodec() {}

    public static PapPacket decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, Layer.PAP, "PAP"), mode);
    }

    /** Decodes the packet from the rest of {@code r} (a PPP frame's Information field). */
    public static PapPacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        AuthCodecs.Header h = AuthCodecs.readHeader(r, Layer.PAP, code -> "PAP " + PapCode.describe(code));
        ByteReader b = h.body();
        PapCode known = PapCode.of(h.code()).orElse(null);
        if (known == null) {
            if (mode.strict()) {
                throw AuthCodecs.unknownCode(Layer.PAP, h, "1, 2, 3");
            }
            return new PapPacket.Unknown(h.code(), h.identifier(), b.remainingByteString());
        }
        PapPacket packet = switch (known) {
            case AUTHENTICATE_REQUEST -> new PapPacket.AuthenticateRequest(h.identifier(),
                    AuthCodecs.counted(b, "Peer-ID-Length", "Peer-ID"),
                    AuthCodecs.counted(b, "Passwd-Length", "Password"));
            case AUTHENTICATE_ACK -> new PapPacket.AuthenticateAck(h.identifier(), message(b));
            case AUTHENTICATE_NAK -> new PapPacket.AuthenticateNak(h.identifier(), message(b));
        };
        if (mode.strict()) {
            b.expectEnd("Trailing Data");
        }
        return packet;
    }

    private static Bytes message(ByteReader b) throws DecodeException {
        // RFC 1334 2.2.2 requires Msg-Length, but a reply with Length 4 says the same as an empty
        // message, so it is read as one (it re-encodes with Msg-Length 0)
        if (!b.hasRemaining()) {
            return Bytes.EMPTY;
        }
        return AuthCodecs.counted(b, "Msg-Length", "Message");
    }

    public static byte[] encode(PapPacket packet) {
        ByteWriter w = new ByteWriter(64);
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(PapPacket packet, ByteWriter w) {
        int start = AuthCodecs.start(w, packet.code(), packet.identifier());
        switch (packet) {
            case PapPacket.AuthenticateRequest p -> w.u8(p.peerId().length()).bytes(p.peerId())
                    .u8(p.password().length()).bytes(p.password());
            case PapPacket.AuthenticateAck p -> w.u8(p.message().length()).bytes(p.message());
            case PapPacket.AuthenticateNak p -> w.u8(p.message().length()).bytes(p.message());
            case PapPacket.Unknown p -> w.bytes(p.data());
        }
        AuthCodecs.finish(w, start, "PAP " + packet.codeName());
    }
}
