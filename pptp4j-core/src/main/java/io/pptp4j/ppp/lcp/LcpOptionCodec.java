package io.pptp4j.ppp.lcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.OptionCodec;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;

/**
 * The Data of the LCP Configuration Options (RFC 1661 section 6, RFC 1662 7.1, RFC 1570 2.3,
 * RFC 1990 5.1, RFC 2125). {@link io.pptp4j.ppp.cp.CpCodec} reads Type and Length; the Data is:
 *
 * <pre>
 *  Type Length  Data
 *   1     4     Maximum-Receive-Unit (16)
 *   2     6     ACCM (32)
 *   3    &gt;=4    Authentication-Protocol (16) | Data ...   (CHAP: Algorithm (8), Length 5; PAP, EAP: Length 4)
 *   4    &gt;=4    Quality-Protocol (16) | Data ...          (LQR: Reporting-Period (32), Length 8)
 *   5     6     Magic-Number (32)
 *   7     2     (Protocol-Field-Compression)
 *   8     2     (Address-and-Control-Field-Compression)
 *  13    &gt;=3    Operation (8) | Message ...
 *  17     4     Max-Receive-Reconstructed-Unit (16)
 *  18     2     (Short-Sequence-Number-Header-Format)
 *  19    &gt;=3    Class (8) | Address ...
 *  23     4     Link Discriminator (16)
 * </pre>
 *
 * A Length outside these is an error in strict mode, reported at the offset of the option's Data as
 * {@code LCP Configure-Request: Maximum-Receive-Unit at offset 6: expected Length 4, found 3}; in
 * lenient mode the option is kept as {@link LcpOption.Malformed} with that text as its reason. Any
 * other type is kept as {@link LcpOption.Unknown} in both modes.
 */
public final class LcpOptionCodec implements OptionCodec<LcpOption> {
    public static final LcpOptionCodec INSTANCE = new LcpOptionCodec();

    private LcpOptionCodec() {}

    @Override
    public LcpOption decode(int type, ByteReader data, DecodeMode mode) throws DecodeException {
        LcpOptionType known = LcpOptionType.of(type).filter(LcpOptionType::hasRecord).orElse(null);
        if (known == null) {
            return new LcpOption.Unknown(type, data.remainingByteString());
        }
        try {
            return decodeKnown(known, data);
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            return new LcpOption.Malformed(type, Bytes.of(data.allBytes()), e.getMessage());
        }
    }

    private static LcpOption decodeKnown(LcpOptionType t, ByteReader data) throws DecodeException {
        int length = data.length() + 2;
        if (length < t.minLength() || length > t.maxLength()) {
            String expected = t.minLength() == t.maxLength() ? "Length " + t.minLength() : "Length " + t.minLength() + " or more";
            throw lengthError(data, t.displayName(), expected, length);
        }
        return switch (t) {
            case MAXIMUM_RECEIVE_UNIT -> new LcpOption.MaximumReceiveUnit(data.u16("Maximum-Receive-Unit"));
            case ASYNC_CONTROL_CHARACTER_MAP -> new LcpOption.AsyncControlCharacterMap(data.u32("ACCM"));
            case AUTHENTICATION_PROTOCOL -> authenticationProtocol(data);
            case QUALITY_PROTOCOL -> qualityProtocol(data);
            case MAGIC_NUMBER -> new LcpOption.MagicNumber(data.u32("Magic-Number"));
            case PROTOCOL_FIELD_COMPRESSION -> new LcpOption.ProtocolFieldCompression();
            case ADDRESS_AND_CONTROL_FIELD_COMPRESSION -> new LcpOption.AddressAndControlFieldCompression();
            case CALLBACK -> new LcpOption.Callback(data.u8("Operation"), data.remainingByteString());
            case MAXIMUM_RECEIVE_RECONSTRUCTED_UNIT ->
                    new LcpOption.MaximumReceiveReconstructedUnit(data.u16("Max-Receive-Reconstructed-Unit"));
            case SHORT_SEQUENCE_NUMBER_HEADER_FORMAT -> new LcpOption.ShortSequenceNumberHeaderFormat();
            case ENDPOINT_DISCRIMINATOR -> new LcpOption.EndpointDiscriminator(data.u8("Class"), data.remainingByteString());
            case LINK_DISCRIMINATOR -> new LcpOption.LinkDiscriminator(data.u16("Link Discriminator"));
            default -> throw new IllegalStateException("no record for LCP option " + t);
        };
    }

    private static LcpOption authenticationProtocol(ByteReader data) throws DecodeException {
        int protocol = data.u16("Authentication-Protocol");
        // RFC 1994 3: CHAP carries one Algorithm octet; RFC 1334 2.1, RFC 2284 2.1: PAP and EAP none
        int expectedData = protocol == PppProtocol.CHAP.value() ? 1
                : protocol == PppProtocol.PAP.value() || protocol == PppProtocol.EAP.value() ? 0 : -1;
        if (expectedData >= 0 && data.remaining() != expectedData) {
            throw lengthError(data, "Authentication-Protocol", "Length " + (4 + expectedData) + " for "
                    + PppProtocol.nameOf(protocol), data.length() + 2);
        }
        return new LcpOption.AuthenticationProtocol(protocol, data.remainingByteString());
    }

    private static LcpOption qualityProtocol(ByteReader data) throws DecodeException {
        int protocol = data.u16("Quality-Protocol");
        // RFC 1989: LQR carries a four-octet Reporting-Period
        if (protocol == PppProtocol.LQR.value() && data.remaining() != 4) {
            throw lengthError(data, "Quality-Protocol", "Length 8 for LQR", data.length() + 2);
        }
        return new LcpOption.QualityProtocol(protocol, data.remainingByteString());
    }

    private static DecodeException lengthError(ByteReader data, String option, String expected, int length) {
        return data.errorAt(data.startOffset(), option, expected, Integer.toString(length));
    }

    @Override
    public LcpOption unknown(int type, Bytes data) {
        return LcpOptionType.of(type).filter(LcpOptionType::hasRecord).isPresent()
                ? new LcpOption.Malformed(type, data, LcpOptionType.nameOf(type) + " kept raw")
                : new LcpOption.Unknown(type, data);
    }

    @Override
    public LcpOption malformed(int type, Bytes data, String reason) { return new LcpOption.Malformed(type, data, reason); }

    @Override
    public int type(LcpOption option) { return option.type(); }

    @Override
    public void encodeData(LcpOption option, ByteWriter w) {
        switch (option) {
            case LcpOption.MaximumReceiveUnit o -> w.u16(o.maximumReceiveUnit());
            case LcpOption.AsyncControlCharacterMap o -> w.u32(o.accm());
            case LcpOption.AuthenticationProtocol o -> w.u16(o.protocol()).bytes(o.data());
            case LcpOption.QualityProtocol o -> w.u16(o.protocol()).bytes(o.data());
            case LcpOption.MagicNumber o -> w.u32(o.magicNumber());
            case LcpOption.ProtocolFieldCompression o -> { }
            case LcpOption.AddressAndControlFieldCompression o -> { }
            case LcpOption.Callback o -> w.u8(o.operation()).bytes(o.message());
            case LcpOption.MaximumReceiveReconstructedUnit o -> w.u16(o.maximumReceiveReconstructedUnit());
            case LcpOption.ShortSequenceNumberHeaderFormat o -> { }
            case LcpOption.EndpointDiscriminator o -> w.u8(o.endpointClass()).bytes(o.address());
            case LcpOption.LinkDiscriminator o -> w.u16(o.linkDiscriminator());
            case LcpOption.Unknown o -> w.bytes(o.data());
            case LcpOption.Malformed o -> w.bytes(o.data());
        }
    }
}
