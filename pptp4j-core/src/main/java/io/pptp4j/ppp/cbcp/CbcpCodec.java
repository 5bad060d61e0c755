package io.pptp4j.ppp.cbcp;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Callback Control Protocol packets, PPP protocol 0xC029 ([MS-CBCP] section 2.2; run after
 * authentication when LCP's Callback option carried Operation 6, RFC 1570 2.3). The packet has the LCP
 * format; only codes 1-3 exist.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Callback Configuration Options ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Option:
 * | Callback Type |    Length     | Callback Delay| Callback Address ...
 *   (type 1 stops after Length; types 2-4 have the Delay and zero or more addresses)
 * Callback Address:
 * | Address Type  |  Address (ASCII) ...                    |  0x00 |
 * </pre>
 *
 * Windows RRAS offers "No callback" alone ({@code 01 01 00 06 01 02}) and the Windows client echoes it.
 * Octets beyond Length are padding. The strict decoder refuses unknown codes, packets without options,
 * option Lengths that do not fit and known options with bad data; the lenient one keeps unknown codes as
 * {@link CbcpPacket.Unknown} and bad options as {@link CbcpOption.Malformed}. Unknown option types are
 * kept as {@link CbcpOption.Unknown} in either mode.
 */
public final class CbcpCodec {
    private CbcpCodec() {}

    public static CbcpPacket decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, Layer.CBCP, "CBCP"), mode);
    }

    /** Decodes the packet from the rest of {@code r} (a PPP frame's Information field). */
    public static CbcpPacket decode(ByteReader r, DecodeMode mode) throws DecodeException {
        ByteReader p = r.rest(Layer.CBCP, "CBCP");
        int codeOffset = p.offset();
        int code = p.u8("Code");
        int identifier = p.u8("Identifier");
        int lengthOffset = p.offset();
        int length = p.u16("Length");
        String context = "CBCP " + CbcpCode.describe(code);
        p.context(context);
        int available = p.remaining() + 4;
        if (length < 4 || length > available) {
            throw p.errorAt(lengthOffset, "Length", "4 to " + available, Integer.toString(length));
        }
        ByteReader body = p.slice(length - 4, "Data", Layer.CBCP, context);
        CbcpCode known = CbcpCode.of(code).orElse(null);
        if (known == null) {
            if (mode.strict()) {
                throw new DecodeException(Layer.CBCP, "CBCP", "Code", codeOffset, "one of 1, 2, 3", Integer.toString(code));
            }
            return new CbcpPacket.Unknown(code, identifier, body.remainingByteString());
        }
        if (mode.strict() && !body.hasRemaining()) {
            // [MS-CBCP] 2.2.4: a Request offers at least one option, a Response and an Ack carry the chosen one
            throw body.error("Options", "at least one option", "none");
        }
        List<CbcpOption> options = decodeOptions(body, mode);
        return switch (known) {
            case CALLBACK_REQUEST -> new CbcpPacket.CallbackRequest(identifier, options);
            case CALLBACK_RESPONSE -> new CbcpPacket.CallbackResponse(identifier, options);
            case CALLBACK_ACK -> new CbcpPacket.CallbackAck(identifier, options);
        };
    }

    /** Reads options until the end of {@code r}. */
    public static List<CbcpOption> decodeOptions(ByteReader r, DecodeMode mode) throws DecodeException {
        List<CbcpOption> list = new ArrayList<>();
        while (r.hasRemaining()) {
            int type = r.u8("Option Type");
            if (!r.hasRemaining()) {
                if (mode.strict()) {
                    throw r.error("Option Length", "1 byte", "0 bytes left");
                }
                list.add(new CbcpOption.Malformed(type, Bytes.EMPTY, "no Length octet at offset " + r.offset()));
                break;
            }
            int lengthOffset = r.offset();
            int length = r.u8("Option Length");
            if (length < 2 || length - 2 > r.remaining()) {
                if (mode.strict()) {
                    throw r.errorAt(lengthOffset, "Option Length", "2 to " + (r.remaining() + 2), Integer.toString(length));
                }
                list.add(new CbcpOption.Malformed(type, r.remainingByteString(),
                        "Option Length at offset " + lengthOffset + ": " + length + " does not fit"));
                break;
            }
            ByteReader data = r.slice(length - 2, "Option Data", Layer.CBCP, r.context());
            list.add(decodeOption(type, lengthOffset, data, mode));
        }
        return list;
    }

    private static CbcpOption decodeOption(int type, int lengthOffset, ByteReader data, DecodeMode mode)
            throws DecodeException {
        CbcpOptionType known = CbcpOptionType.of(type).orElse(null);
        if (known == null) {
            return new CbcpOption.Unknown(type, data.remainingByteString());
        }
        Bytes raw = Bytes.of(data.allBytes());
        try {
            return switch (known) {
                case NO_CALLBACK -> {
                    if (data.hasRemaining()) {
                        throw data.errorAt(lengthOffset, "Option Length", "2", Integer.toString(data.length() + 2));
                    }
                    yield new CbcpOption.NoCallback();
                }
                case USER_SPECIFIED_NUMBER -> new CbcpOption.UserSpecifiedNumber(data.u8("Callback Delay"), addresses(data));
                case PRE_SPECIFIED_NUMBER -> new CbcpOption.PreSpecifiedNumber(data.u8("Callback Delay"), addresses(data));
                case ANY_OF_LIST -> new CbcpOption.AnyOfList(data.u8("Callback Delay"), addresses(data));
            };
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            return new CbcpOption.Malformed(type, raw, e.getMessage());
        }
    }

    private static List<CbcpAddress> addresses(ByteReader data) throws DecodeException {
        List<CbcpAddress> list = new ArrayList<>();
        while (data.hasRemaining()) {
            int addressType = data.u8("Address Type");
            int n = 0;
            while (data.peekU8(n) > 0) {
                n++;
            }
            if (data.peekU8(n) != 0) {
                throw data.error("Address", "a NUL-terminated string", n + " byte" + (n == 1 ? "" : "s") + " without a NUL");
            }
            String address = new String(data.bytes(n, "Address"), StandardCharsets.ISO_8859_1);
            data.skip(1, "Address NUL");
            list.add(new CbcpAddress(addressType, address));
        }
        return list;
    }

    public static byte[] encode(CbcpPacket packet) {
        ByteWriter w = new ByteWriter(32);
        encode(packet, w);
        return w.toByteArray();
    }

    public static void encode(CbcpPacket packet, ByteWriter w) {
        int start = w.size();
        w.u8(packet.code()).u8(packet.identifier()).u16(0);
        switch (packet) {
            case CbcpPacket.CallbackRequest p -> encodeOptions(p.options(), w);
            case CbcpPacket.CallbackResponse p -> encodeOptions(p.options(), w);
            case CbcpPacket.CallbackAck p -> encodeOptions(p.options(), w);
            case CbcpPacket.Unknown p -> w.bytes(p.data());
        }
        int length = w.size() - start;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("CBCP " + packet.codeName() + " of " + length + " bytes does not fit the Length field");
        }
        w.setU16(start + 2, length);
    }

    public static void encodeOptions(List<CbcpOption> options, ByteWriter w) {
        for (CbcpOption o : options) {
            int start = w.size();
            w.u8(o.type()).u8(0);
            switch (o) {
                case CbcpOption.NoCallback n -> { }
                case CbcpOption.UserSpecifiedNumber u -> encodeCallback(u.delay(), u.addresses(), w);
                case CbcpOption.PreSpecifiedNumber u -> encodeCallback(u.delay(), u.addresses(), w);
                case CbcpOption.AnyOfList u -> encodeCallback(u.delay(), u.addresses(), w);
                case CbcpOption.Unknown u -> w.bytes(u.data());
                case CbcpOption.Malformed m -> w.bytes(m.data());
            }
            int length = w.size() - start;
            if (length > 255) {
                throw new IllegalArgumentException("CBCP option " + o.type() + " of " + length + " bytes does not fit its Length");
            }
            w.setU8(start + 1, length);
        }
    }

    private static void encodeCallback(int delay, List<CbcpAddress> addresses, ByteWriter w) {
        w.u8(delay);
        for (CbcpAddress a : addresses) {
            w.u8(a.addressType()).bytes(a.address().getBytes(StandardCharsets.ISO_8859_1)).u8(0);
        }
    }
}
