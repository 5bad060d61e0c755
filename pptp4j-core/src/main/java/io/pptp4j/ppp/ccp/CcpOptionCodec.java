package io.pptp4j.ppp.ccp;

import io.pptp4j.ppp.cp.OptionCodec;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;

/**
 * The Data of the CCP Configuration Options (RFC 1962 section 4). {@link io.pptp4j.ppp.cp.CpCodec}
 * reads Type and Length; pptp4j decodes one option, Microsoft PPC (RFC 3078 section 2):
 *
 * <pre>
 *  Type Length  Data
 *  18     6     Supported Bits (32)
 *
 *   3                   2                   1
 *   1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             |H|                               |M|S|L|D|     |C|
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * A Length other than 6 is an error in strict mode, reported at the offset of the option's Data
 * ({@code CCP Configure-Request: Microsoft PPC at offset 6: expected Length 6, found 5}); in lenient
 * mode the option is kept as {@link CcpOption.Malformed} with that text. Every other type is kept as
 * {@link CcpOption.Unknown} in both modes.
 */
public final class CcpOptionCodec implements OptionCodec<CcpOption> {
    public static final CcpOptionCodec INSTANCE = new CcpOptionCodec();

    private CcpOptionCodec() {}

    @Override
    public CcpOption decode(int type, ByteReader data, DecodeMode mode) throws DecodeException {
        CcpOptionType known = CcpOptionType.of(type).filter(CcpOptionType::hasRecord).orElse(null);
        if (known == null) {
            return new CcpOption.Unknown(type, data.remainingByteString());
        }
        int length = data.length() + 2;
        if (length < known.minLength() || length > known.maxLength()) {
            DecodeException e = data.errorAt(data.startOffset(), known.displayName(), "Length " + known.minLength(),
                    Integer.toString(length));
            if (mode.strict()) {
                throw e;
            }
            return new CcpOption.Malformed(type, Bytes.of(data.allBytes()), e.getMessage());
        }
        return switch (known) {
            case MICROSOFT_PPC -> new CcpOption.MicrosoftPpc(data.u32("Supported Bits"));
            default -> throw new IllegalStateException("no record for CCP option " + known);
        };
    }

    @Override
    public CcpOption unknown(int type, Bytes data) {
        return CcpOptionType.of(type).filter(CcpOptionType::hasRecord).isPresent()
                ? new CcpOption.Malformed(type, data, CcpOptionType.nameOf(type) + " kept raw")
                : new CcpOption.Unknown(type, data);
    }

    @Override
    public CcpOption malformed(int type, Bytes data, String reason) { return new CcpOption.Malformed(type, data, reason); }

    @Override
    public int type(CcpOption option) { return option.type(); }

    @Override
    public void encodeData(CcpOption option, ByteWriter w) {
        switch (option) {
            case CcpOption.MicrosoftPpc o -> w.u32(o.supportedBits());
            case CcpOption.Unknown o -> w.bytes(o.data());
            case CcpOption.Malformed o -> w.bytes(o.data());
        }
    }
}
