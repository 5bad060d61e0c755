package io.pptp4j.ppp.ipcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.OptionCodec;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.net.Inet4Address;

/**
 * The Data of the IPCP Configuration Options (RFC 1332 section 3, RFC 1877 section 1).
 * {@link io.pptp4j.ppp.cp.CpCodec} reads Type and Length; the Data is:
 *
 * <pre>
 *  Type Length  Data
 *   1    10     Source-IP-Address (32) | Destination-IP-Address (32)     (RFC 1172 layout, deprecated)
 *   2    &gt;=4    IP-Compression-Protocol (16) | Data ...
 *                 (Van Jacobson 0x002D: Max-Slot-Id (8) | Comp-Slot-Id (8), Length 6)
 *   3     6     IP-Address (32)
 * 129     6     Primary-DNS-Address (32)
 * 130     6     Primary-NBNS-Address (32)
 * 131     6     Secondary-DNS-Address (32)
 * 132     6     Secondary-NBNS-Address (32)
 * </pre>
 *
 * A Length outside these is an error in strict mode, reported at the offset of the option's Data
 * ({@code IPCP Configure-Request: IP-Address at offset 6: expected Length 6, found 5}); in lenient mode
 * the option is kept as {@link IpcpOption.Malformed} with that text. Any other type is kept as
 * {@link IpcpOption.Unknown} in both modes.
 */
public final class IpcpOptionCodec implements OptionCodec<IpcpOption> {
    public static final IpcpOptionCodec INSTANCE = new IpcpOptionCodec();

    private IpcpOptionCodec() {}

    @Override
    public IpcpOption decode(int type, ByteReader data, DecodeMode mode) throws DecodeException {
        IpcpOptionType known = IpcpOptionType.of(type).orElse(null);
        if (known == null) {
            return new IpcpOption.Unknown(type, data.remainingByteString());
        }
        try {
            return decodeKnown(known, data);
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            return new IpcpOption.Malformed(type, Bytes.of(data.allBytes()), e.getMessage());
        }
    }

    private static IpcpOption decodeKnown(IpcpOptionType t, ByteReader data) throws DecodeException {
        int length = data.length() + 2;
        if (length < t.minLength() || length > t.maxLength()) {
            String expected = t.minLength() == t.maxLength() ? "Length " + t.minLength() : "Length " + t.minLength() + " or more";
            throw lengthError(data, t.displayName(), expected, length);
        }
        return switch (t) {
            case IP_ADDRESSES -> new IpcpOption.IpAddresses(address(data, "Source-IP-Address"),
                    address(data, "Destination-IP-Address"));
            case IP_COMPRESSION_PROTOCOL -> ipCompressionProtocol(data);
            case IP_ADDRESS -> new IpcpOption.IpAddress(address(data, "IP-Address"));
            case PRIMARY_DNS_SERVER_ADDRESS -> new IpcpOption.PrimaryDnsServerAddress(address(data, "Primary-DNS-Address"));
            case PRIMARY_NBNS_SERVER_ADDRESS -> new IpcpOption.PrimaryNbnsServerAddress(address(data, "Primary-NBNS-Address"));
            case SECONDARY_DNS_SERVER_ADDRESS -> new IpcpOption.SecondaryDnsServerAddress(address(data, "Secondary-DNS-Address"));
            case SECONDARY_NBNS_SERVER_ADDRESS -> new IpcpOption.SecondaryNbnsServerAddress(address(data, "Secondary-NBNS-Address"));
        };
    }

    private static IpcpOption ipCompressionProtocol(ByteReader data) throws DecodeException {
        int protocol = data.u16("IP-Compression-Protocol");
        // RFC 1332 4.1: Van Jacobson carries Max-Slot-Id and Comp-Slot-Id
        if (protocol == PppProtocol.VJ_COMPRESSED_TCP.value() && data.remaining() != 2) {
            throw lengthError(data, "IP-Compression-Protocol", "Length 6 for Van Jacobson", data.length() + 2);
        }
        return new IpcpOption.IpCompressionProtocol(protocol, data.remainingByteString());
    }

    private static Inet4Address address(ByteReader data, String field) throws DecodeException {
        return Ipcp.ipv4(data.bytes(4, field));
    }

    private static DecodeException lengthError(ByteReader data, String option, String expected, int length) {
        return data.errorAt(data.startOffset(), option, expected, Integer.toString(length));
    }

    @Override
    public IpcpOption unknown(int type, Bytes data) {
        return IpcpOptionType.of(type).isPresent()
                ? new IpcpOption.Malformed(type, data, IpcpOptionType.nameOf(type) + " kept raw")
                : new IpcpOption.Unknown(type, data);
    }

    @Override
    public IpcpOption malformed(int type, Bytes data, String reason) { return new IpcpOption.Malformed(type, data, reason); }

    @Override
    public int type(IpcpOption option) { return option.type(); }

    @Override
    public void encodeData(IpcpOption option, ByteWriter w) {
        switch (option) {
            case IpcpOption.IpAddresses o -> w.bytes(o.sourceAddress().getAddress()).bytes(o.destinationAddress().getAddress());
            case IpcpOption.IpCompressionProtocol o -> w.u16(o.protocol()).bytes(o.data());
            case IpcpOption.IpAddress o -> w.bytes(o.address().getAddress());
            case IpcpOption.PrimaryDnsServerAddress o -> w.bytes(o.address().getAddress());
            case IpcpOption.PrimaryNbnsServerAddress o -> w.bytes(o.address().getAddress());
            case IpcpOption.SecondaryDnsServerAddress o -> w.bytes(o.address().getAddress());
            case IpcpOption.SecondaryNbnsServerAddress o -> w.bytes(o.address().getAddress());
            case IpcpOption.Unknown o -> w.bytes(o.data());
            case IpcpOption.Malformed o -> w.bytes(o.data());
        }
    }
}
