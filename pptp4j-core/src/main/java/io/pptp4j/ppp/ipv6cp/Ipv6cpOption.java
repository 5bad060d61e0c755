package io.pptp4j.ppp.ipv6cp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** An IPV6CP Configuration Option (RFC 5072 section 4); {@link Ipv6cpOptionCodec} draws the wire layouts. */
public sealed interface Ipv6cpOption {

    /** The Type octet. */
    int type();

    /** The RFC's name for the type, e.g. {@code Interface-Identifier}, or {@code Option 42}. */
    default String name() { return Ipv6cpOptionType.nameOf(type()); }

    /**
     * RFC 5072 4.1: the 64-bit interface identifier the sender wants for its end of the link, most
     * significant bit first (0 when it has no good source of uniqueness and asks the peer for one).
     */
    record InterfaceIdentifier(long identifier) implements Ipv6cpOption {
        public static InterfaceIdentifier of(Bytes eightOctets) {
            if (eightOctets.length() != 8) {
                throw new IllegalArgumentException("an Interface-Identifier has 8 octets, not " + eightOctets.length());
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | eightOctets.get(i);
            }
            return new InterfaceIdentifier(v);
        }

        public int type() { return Ipv6cpOptionType.INTERFACE_IDENTIFIER.value(); }

        /** The identifier as eight octets. */
        public Bytes octets() {
            byte[] b = new byte[8];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (identifier >>> (56 - 8 * i));
            }
            return Bytes.of(b);
        }

        /** RFC 5072 4.1 bit 6, the "u" (universal/local) bit: set when derived from a global IEEE identifier. */
        public boolean universal() { return (identifier & (1L << 57)) != 0; }

        /** {@code fcd3:335c:f10e:5c31}: the form of the low half of an IPv6 address. */
        public String display() {
            return Long.toHexString(identifier >>> 48) + ":" + Long.toHexString((identifier >>> 32) & 0xFFFF) + ":"
                    + Long.toHexString((identifier >>> 16) & 0xFFFF) + ":" + Long.toHexString(identifier & 0xFFFF);
        }
    }

    /** RFC 2472 4.2 (dropped from RFC 5072): the IPv6 header compression the sender can receive. */
    record Ipv6CompressionProtocol(int protocol, Bytes data) implements Ipv6cpOption {
        public Ipv6CompressionProtocol {
            if (protocol < 0 || protocol > 0xFFFF) {
                throw new IllegalArgumentException("IPv6-Compression-Protocol " + protocol + " is not 16 bits");
            }
            Objects.requireNonNull(data, "data");
            if (data.length() > 251) {
                throw new IllegalArgumentException("IPv6-Compression-Protocol Data of " + data.length() + " octets exceeds 251");
            }
        }

        public int type() { return Ipv6cpOptionType.IPV6_COMPRESSION_PROTOCOL.value(); }

        public String protocolName() { return PppProtocol.nameOf(protocol); }
    }

    /**
     * An option type pptp4j does not know, kept raw in both modes for the engine to Configure-Reject. A
     * known type cannot be held here, so that decoding the encoded form gives the same value back.
     */
    record Unknown(int type, Bytes data) implements Ipv6cpOption {
        public Unknown {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            if (Ipv6cpOptionType.of(type).isPresent()) {
                throw new IllegalArgumentException("IPV6CP option " + type + " (" + Ipv6cpOptionType.nameOf(type) + ") has its own record");
            }
            Objects.requireNonNull(data, "data");
            if (data.length() > 253) {
                throw new IllegalArgumentException("Option Data of " + data.length() + " octets exceeds 253");
            }
        }
    }

    /**
     * A known option whose Length is wrong, kept by the lenient decoder with the error text as
     * {@code reason}; encoding writes {@code data} back as it was.
     */
    record Malformed(int type, Bytes data, String reason) implements Ipv6cpOption {
        public Malformed {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
