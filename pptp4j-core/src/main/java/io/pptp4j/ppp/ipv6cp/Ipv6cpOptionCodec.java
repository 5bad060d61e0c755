package io.pptp4j.ppp.ipv6cp;

import io.pptp4j.ppp.cp.OptionCodec;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;

/**
 * The Data of the IPV6CP Configuration Options (RFC 5072 section 4; RFC 2472 4.2 for type 2).
 * {@link io.pptp4j.ppp.cp.CpCodec} reads Type and Length; the Data is:
 *
 * <pre>
 *  Type Length  Data
 *   1    10     Interface-Identifier (64)
 *   2    &gt;=4    IPv6-Compression-Protocol (16) | Data ...
 * </pre>
 *
 * A Length outside these is an error in strict mode, reported at the offset of the option's Data
 * ({@code IPV6CP Configure-Request: Interface-Identifier at offset 6: expected Length 10, found 6}); in
 * lenient mode the option is kept as {@link Ipv6cpOption.Malformed} with that text. Any other type is
 * kept as {@link Ipv6cpOption.Unknown} in both modes.
 */
public final class Ipv6cpOptionCodec implements OptionCodec<Ipv6cpOption> {
    public static final Ipv6cpOptionCodec INSTANCE = new Ipv6cpOptionCodec();

    private Ipv6cpOptionCodec() {}

    @Override
    public Ipv6cpOption decode(int type, ByteReader data, DecodeMode mode) throws DecodeException {
        Ipv6cpOptionType known = Ipv6cpOptionType.of(type).orElse(null);
        if (known == null) {
            return new Ipv6cpOption.Unknown(type, data.remainingByteString());
        }
        try {
            return decodeKnown(known, data);
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            return new Ipv6cpOption.Malformed(type, Bytes.of(data.allBytes()), e.getMessage());
        }
    }

    private static Ipv6cpOption decodeKnown(Ipv6cpOptionType t, ByteReader data) throws DecodeException {
        int length = data.length() + 2;
        if (length < t.minLength() || length > t.maxLength()) {
            String expected = t.minLength() == t.maxLength() ? "Length " + t.minLength() : "Length " + t.minLength() + " or more";
            throw data.errorAt(data.startOffset(), t.displayName(), expected, Integer.toString(length));
        }
        return switch (t) {
            case INTERFACE_IDENTIFIER -> new Ipv6cpOption.InterfaceIdentifier((data.u32("Interface-Identifier") << 32)
                    | data.u32("Interface-Identifier"));
            case IPV6_COMPRESSION_PROTOCOL -> new Ipv6cpOption.Ipv6CompressionProtocol(data.u16("IPv6-Compression-Protocol"),
                    data.remainingByteString());
        };
    }

    @Override
    public Ipv6cpOption unknown(int type, Bytes data) {
        return Ipv6cpOptionType.of(type).isPresent()
                ? new Ipv6cpOption.Malformed(type, data, Ipv6cpOptionType.nameOf(type) + " kept raw")
                : new Ipv6cpOption.Unknown(type, data);
    }

    @Override
    public Ipv6cpOption malformed(int type, Bytes data, String reason) { return new Ipv6cpOption.Malformed(type, data, reason); }

    @Override
    public int type(Ipv6cpOption option) { return option.type(); }

    @Override
    public void encodeData(Ipv6cpOption option, ByteWriter w) {
        switch (option) {
            case Ipv6cpOption.InterfaceIdentifier o -> w.u32(o.identifier() >>> 32).u32(o.identifier() & 0xFFFFFFFFL);
            case Ipv6cpOption.Ipv6CompressionProtocol o -> w.u16(o.protocol()).bytes(o.data());
            case Ipv6cpOption.Unknown o -> w.bytes(o.data());
            case Ipv6cpOption.Malformed o -> w.bytes(o.data());
        }
    }
}
