package io.pptp4j.ppp.ipcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.Bytes;
import java.net.Inet4Address;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An IPCP Configuration Option (RFC 1332 section 3, RFC 1877); {@link IpcpOptionCodec} draws the wire
 * layouts. Addresses are {@link Inet4Address}es made from their four octets, never looked up; 0.0.0.0
 * ({@link Ipcp#UNSPECIFIED}) asks the peer to supply the address in a Configure-Nak.
 */
public sealed interface IpcpOption {

    /** The Type octet. */
    int type();

    /** The RFC's name for the type, e.g. {@code IP-Address}, or {@code Option 42}. */
    default String name() { return IpcpOptionType.nameOf(type()); }

    /** The options that carry a single IPv4 address: IP-Address and the four RFC 1877 server addresses. */
    sealed interface SingleAddress extends IpcpOption {
        Inet4Address address();

        /** Whether the address is 0.0.0.0, a request that the peer supply one. */
        default boolean isUnspecified() { return address().equals(Ipcp.UNSPECIFIED); }
    }

    /**
     * RFC 1332 3.1 (deprecated): the sender's address and the one it wants its peer to use, in the RFC 1172
     * layout.
     */
    record IpAddresses(Inet4Address sourceAddress, Inet4Address destinationAddress) implements IpcpOption {
        public IpAddresses {
            Objects.requireNonNull(sourceAddress, "Source-IP-Address");
            Objects.requireNonNull(destinationAddress, "Destination-IP-Address");
        }

        public int type() { return IpcpOptionType.IP_ADDRESSES.value(); }
    }

    /**
     * RFC 1332 3.2: the header compression the sender can receive; for Van Jacobson (0x002D, RFC 1332 4.1)
     * the Data is Max-Slot-Id and Comp-Slot-Id.
     */
    record IpCompressionProtocol(int protocol, Bytes data) implements IpcpOption {
        public IpCompressionProtocol {
            if (protocol < 0 || protocol > 0xFFFF) {
                throw new IllegalArgumentException("IP-Compression-Protocol " + protocol + " is not 16 bits");
            }
            Objects.requireNonNull(data, "data");
            if (data.length() > 251) {
                throw new IllegalArgumentException("IP-Compression-Protocol Data of " + data.length() + " octets exceeds 251");
            }
        }

        /**
         * Van Jacobson TCP/IP header compression with slots 0 to {@code maxSlotId}, and whether the slot
         * identifier may be compressed.
         */
        public static IpCompressionProtocol vanJacobson(int maxSlotId, boolean compSlotId) {
            if (maxSlotId < 0 || maxSlotId > 0xFF) {
                throw new IllegalArgumentException("Max-Slot-Id " + maxSlotId + " is not one octet");
            }
            return new IpCompressionProtocol(PppProtocol.VJ_COMPRESSED_TCP.value(), Bytes.ofInts(maxSlotId, compSlotId ? 1 : 0));
        }

        public int type() { return IpcpOptionType.IP_COMPRESSION_PROTOCOL.value(); }

        public String protocolName() { return PppProtocol.nameOf(protocol); }

        /** Whether this is Van Jacobson compression in the RFC 1332 4.1 layout (two octets of Data). */
        public boolean isVanJacobson() { return protocol == PppProtocol.VJ_COMPRESSED_TCP.value() && data.length() == 2; }

        /** Van Jacobson Max-Slot-Id: one less than the number of slots. */
        public OptionalInt maxSlotId() { return isVanJacobson() ? OptionalInt.of(data.get(0)) : OptionalInt.empty(); }

        /** Van Jacobson Comp-Slot-Id: 1 when the slot identifier may be compressed, 0 when not. */
        public OptionalInt compSlotId() { return isVanJacobson() ? OptionalInt.of(data.get(1)) : OptionalInt.empty(); }
    }

    /** RFC 1332 3.3: the address the sender wants for its end of the link, 0.0.0.0 to ask for one. */
    record IpAddress(Inet4Address address) implements SingleAddress {
        public IpAddress { Objects.requireNonNull(address, "IP-Address"); }
        public int type() { return IpcpOptionType.IP_ADDRESS.value(); }
    }

    /** RFC 1877 1.1. */
    record PrimaryDnsServerAddress(Inet4Address address) implements SingleAddress {
        public PrimaryDnsServerAddress { Objects.requireNonNull(address, "Primary-DNS-Address"); }
        public int type() { return IpcpOptionType.PRIMARY_DNS_SERVER_ADDRESS.value(); }
    }

    /** RFC 1877 1.2. */
    record PrimaryNbnsServerAddress(Inet4Address address) implements SingleAddress {
        public PrimaryNbnsServerAddress { Objects.requireNonNull(address, "Primary-NBNS-Address"); }
        public int type() { return IpcpOptionType.PRIMARY_NBNS_SERVER_ADDRESS.value(); }
    }

    /** RFC 1877 1.3. */
    record SecondaryDnsServerAddress(Inet4Address address) implements SingleAddress {
        public SecondaryDnsServerAddress { Objects.requireNonNull(address, "Secondary-DNS-Address"); }
        public int type() { return IpcpOptionType.SECONDARY_DNS_SERVER_ADDRESS.value(); }
    }

    /** RFC 1877 1.4. */
    record SecondaryNbnsServerAddress(Inet4Address address) implements SingleAddress {
        public SecondaryNbnsServerAddress { Objects.requireNonNull(address, "Secondary-NBNS-Address"); }
        public int type() { return IpcpOptionType.SECONDARY_NBNS_SERVER_ADDRESS.value(); }
    }

    /**
     * An option type pptp4j does not know, kept raw in both modes for the engine to Configure-Reject. A
     * known type cannot be held here, so that decoding the encoded form gives the same value back.
     */
    record Unknown(int type, Bytes data) implements IpcpOption {
        public Unknown {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            if (IpcpOptionType.of(type).isPresent()) {
                throw new IllegalArgumentException("IPCP option " + type + " (" + IpcpOptionType.nameOf(type) + ") has its own record");
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
    record Malformed(int type, Bytes data, String reason) implements IpcpOption {
        public Malformed {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
