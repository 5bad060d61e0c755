package io.pptp4j.ppp.cp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes and decodes the packets of one control protocol in the LCP format (RFC 1661 section 5):
 * LCP with all its codes, IPCP and IPV6CP with codes 1-7 (RFC 1332 section 2, RFC 5072 section 3),
 * CCP with codes 1-7, 14 and 15 (RFC 1962 section 2).
 *
 * <p>Octets beyond the Length field are padding and ignored (RFC 1661 5); a Length larger than the
 * frame, or smaller than 4, is an error.
 */
public final class CpCodec<O> {
    /** {@link DecodeException#replyCode()} for a code this protocol does not define: answer with Code-Reject. */
    public static final int UNKNOWN_CODE_REPLY = CpCode.CODE_REJECT.value();

    private static final Set<CpCode> BASE = EnumSet.range(CpCode.CONFIGURE_REQUEST, CpCode.CODE_REJECT);

    private final Layer layer;
    private final PppProtocol protocol;
    private final Set<CpCode> codes;
    private final OptionCodec<O> options;

    public CpCodec(Layer layer, PppProtocol protocol, Set<CpCode> codes, OptionCodec<O> options) {
        this.layer = layer;
        this.protocol = protocol;
        this.codes = EnumSet.copyOf(codes);
        this.options = options;
    }

    /** Codes 1-13: RFC 1661 section 5 and RFC 1570. */
    public static Set<CpCode> lcpCodes() { return EnumSet.range(CpCode.CONFIGURE_REQUEST, CpCode.TIME_REMAINING); }

    /** Codes 1-7: an NCP such as IPCP (RFC 1332 2) or IPV6CP (RFC 5072 3). */
    public static Set<CpCode> ncpCodes() { return EnumSet.copyOf(BASE); }

    /** Codes 1-7, 14 and 15: CCP (RFC 1962 2). */
    public static Set<CpCode> ccpCodes() {
        Set<CpCode> s = EnumSet.copyOf(BASE);
        s.add(CpCode.RESET_REQUEST);
        s.add(CpCode.RESET_ACK);
        return s;
    }

    public Layer layer() { return layer; }

    public PppProtocol protocol() { return protocol; }

    public OptionCodec<O> options() { return options; }

    public CpPacket<O> decode(byte[] packet, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(packet, layer, layer.displayName()), mode);
    }

    /** Decodes the packet from the rest of {@code r}. */
    public CpPacket<O> decode(ByteReader r, DecodeMode mode) throws DecodeException {
        int codeOffset = r.offset();
        int code = r.u8("Code");
        int identifier = r.u8("Identifier");
        int lengthOffset = r.offset();
        int length = r.u16("Length");
        int available = r.remaining() + 4;
        if (length < 4 || length > available) {
            throw r.errorAt(lengthOffset, "Length", "4 to " + available, Integer.toString(length));
        }
        CpCode known = CpCode.of(code).filter(codes::contains).orElse(null);
        String context = layer.displayName() + " " + (known != null ? known.displayName() : "Code " + code);
        ByteReader body = r.slice(length - 4, "Data", layer, context);
        r.rest(layer, context); // RFC 1661 5: octets outside the Length are padding
        if (known == null) {
            if (mode.strict()) {
                throw r.errorAt(codeOffset, "Code", "one of " + codeList(), Integer.toString(code), UNKNOWN_CODE_REPLY);
            }
            return new CpPacket.UnknownCode<>(code, identifier, body.remainingByteString());
        }
        return switch (known) {
            case CONFIGURE_REQUEST -> new CpPacket.ConfigureRequest<>(identifier, decodeOptions(body, mode));
            case CONFIGURE_ACK -> new CpPacket.ConfigureAck<>(identifier, decodeOptions(body, mode));
            case CONFIGURE_NAK -> new CpPacket.ConfigureNak<>(identifier, decodeOptions(body, mode));
            case CONFIGURE_REJECT -> new CpPacket.ConfigureReject<>(identifier, decodeOptions(body, mode));
            case TERMINATE_REQUEST -> new CpPacket.TerminateRequest<>(identifier, body.remainingByteString());
            case TERMINATE_ACK -> new CpPacket.TerminateAck<>(identifier, body.remainingByteString());
            case CODE_REJECT -> new CpPacket.CodeReject<>(identifier, body.remainingByteString());
            case PROTOCOL_REJECT -> new CpPacket.ProtocolReject<>(identifier, body.u16("Rejected-Protocol"),
                    body.remainingByteString());
            case ECHO_REQUEST -> new CpPacket.EchoRequest<>(identifier, body.u32("Magic-Number"), body.remainingByteString());
            case ECHO_REPLY -> new CpPacket.EchoReply<>(identifier, body.u32("Magic-Number"), body.remainingByteString());
            case DISCARD_REQUEST -> new CpPacket.DiscardRequest<>(identifier, body.u32("Magic-Number"), body.remainingByteString());
            case IDENTIFICATION -> new CpPacket.Identification<>(identifier, body.u32("Magic-Number"), body.remainingByteString());
            case TIME_REMAINING -> new CpPacket.TimeRemaining<>(identifier, body.u32("Magic-Number"),
                    body.u32("Seconds-Remaining"), body.remainingByteString());
            case RESET_REQUEST -> new CpPacket.ResetRequest<>(identifier, body.remainingByteString());
            case RESET_ACK -> new CpPacket.ResetAck<>(identifier, body.remainingByteString());
        };
    }

    private String codeList() {
        StringBuilder sb = new StringBuilder();
        for (CpCode c : codes) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(c.value());
        }
        return sb.toString();
    }

    /**
     * RFC 1661 6: each option is Type, Length (counting Type and Length, so at least 2), Data. In lenient
     * mode an option whose Length runs past the packet ends the list with a raw, malformed option.
     */
    public List<O> decodeOptions(ByteReader r, DecodeMode mode) throws DecodeException {
        List<O> list = new ArrayList<>();
        while (r.hasRemaining()) {
            int start = r.offset();
            int type = r.u8("Option Type");
            if (!r.hasRemaining()) {
                if (mode.strict()) {
                    throw r.error("Option Length", "1 byte", "0 bytes left");
                }
                list.add(options.malformed(type, Bytes.EMPTY, "no Length octet at offset " + r.offset()));
                break;
            }
            int lengthOffset = r.offset();
            int length = r.u8("Option Length");
            if (length < 2 || length - 2 > r.remaining()) {
                if (mode.strict()) {
                    throw r.errorAt(lengthOffset, "Option Length", "2 to " + (r.remaining() + 2), Integer.toString(length));
                }
                list.add(options.malformed(type, r.remainingByteString(),
                        "option " + type + " at offset " + start + ": Length " + length + " does not fit"));
                break;
            }
            ByteReader data = r.slice(length - 2, "Option Data", r.layer(), r.context());
            list.add(options.decode(type, data, mode));
        }
        return list;
    }

    public byte[] encode(CpPacket<O> packet) {
        ByteWriter w = new ByteWriter(64);
        encode(packet, w);
        return w.toByteArray();
    }

    public void encode(CpPacket<O> packet, ByteWriter w) {
        int start = w.size();
        w.u8(packet.code()).u8(packet.identifier()).u16(0);
        switch (packet) {
            case CpPacket.ConfigureRequest<O> p -> encodeOptions(p.options(), w);
            case CpPacket.ConfigureAck<O> p -> encodeOptions(p.options(), w);
            case CpPacket.ConfigureNak<O> p -> encodeOptions(p.options(), w);
            case CpPacket.ConfigureReject<O> p -> encodeOptions(p.options(), w);
            case CpPacket.TerminateRequest<O> p -> w.bytes(p.data());
            case CpPacket.TerminateAck<O> p -> w.bytes(p.data());
            case CpPacket.CodeReject<O> p -> w.bytes(p.rejectedPacket());
            case CpPacket.ProtocolReject<O> p -> w.u16(p.rejectedProtocol()).bytes(p.rejectedInformation());
            case CpPacket.EchoRequest<O> p -> w.u32(p.magicNumber()).bytes(p.data());
            case CpPacket.EchoReply<O> p -> w.u32(p.magicNumber()).bytes(p.data());
            case CpPacket.DiscardRequest<O> p -> w.u32(p.magicNumber()).bytes(p.data());
            case CpPacket.Identification<O> p -> w.u32(p.magicNumber()).bytes(p.message());
            case CpPacket.TimeRemaining<O> p -> w.u32(p.magicNumber()).u32(p.secondsRemaining()).bytes(p.message());
            case CpPacket.ResetRequest<O> p -> w.bytes(p.data());
            case CpPacket.ResetAck<O> p -> w.bytes(p.data());
            case CpPacket.UnknownCode<O> p -> w.bytes(p.data());
        }
        int length = w.size() - start;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(layer.displayName() + " packet of " + length + " bytes exceeds Length");
        }
        w.setU16(start + 2, length);
    }

    public void encodeOptions(List<O> list, ByteWriter w) {
        for (O o : list) {
            int start = w.size();
            w.u8(options.type(o)).u8(0);
            options.encodeData(o, w);
            int length = w.size() - start;
            if (length > 255) {
                throw new IllegalArgumentException(layer.displayName() + " option " + options.type(o) + " of " + length + " bytes");
            }
            w.setU8(start + 1, length);
        }
    }
}
