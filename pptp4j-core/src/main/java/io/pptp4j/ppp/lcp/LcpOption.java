package io.pptp4j.ppp.lcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.FieldChecks;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An LCP Configuration Option (RFC 1661 section 6), one record per option type that pptp4j negotiates
 * or must recognise from PPTP peers; {@link LcpOptionCodec} draws the wire layouts.
 */
public sealed interface LcpOption {

    /** The Type octet. */
    int type();

    /** The RFC's name for the type, e.g. {@code Maximum-Receive-Unit}, or {@code Option 42}. */
    default String name() { return LcpOptionType.nameOf(type()); }

    /** RFC 1661 6.1: the largest Information field the sender can receive (default 1500). */
    record MaximumReceiveUnit(int maximumReceiveUnit) implements LcpOption {
        public MaximumReceiveUnit { FieldChecks.u16(maximumReceiveUnit, "Maximum-Receive-Unit"); }
        public int type() { return LcpOptionType.MAXIMUM_RECEIVE_UNIT.value(); }
    }

    /** RFC 1662 7.1: the control characters (bit n for octet n, 0-31) that the sender wants escaped. */
    record AsyncControlCharacterMap(long accm) implements LcpOption {
        public AsyncControlCharacterMap { FieldChecks.u32(accm, "ACCM"); }
        public int type() { return LcpOptionType.ASYNC_CONTROL_CHARACTER_MAP.value(); }
    }

    /**
     * RFC 1661 6.2: the protocol the sender wants its peer to authenticate with, and its Data: for CHAP
     * (0xC223) the Algorithm octet (RFC 1994 3), for PAP (RFC 1334 2.1) and EAP (RFC 2284 2.1) nothing.
     */
    record AuthenticationProtocol(int protocol, Bytes data) implements LcpOption {
        public AuthenticationProtocol {
            FieldChecks.u16(protocol, "Authentication-Protocol");
            FieldChecks.maxLength(data, 251, "Authentication-Protocol Data");
        }

        public static AuthenticationProtocol pap() { return new AuthenticationProtocol(PppProtocol.PAP.value(), Bytes.EMPTY); }

        public static AuthenticationProtocol eap() { return new AuthenticationProtocol(PppProtocol.EAP.value(), Bytes.EMPTY); }

        public static AuthenticationProtocol chap(ChapAlgorithm algorithm) { return chap(algorithm.value()); }

        public static AuthenticationProtocol chap(int algorithm) {
            FieldChecks.u8(algorithm, "CHAP Algorithm");
            return new AuthenticationProtocol(PppProtocol.CHAP.value(), Bytes.ofInts(algorithm));
        }

        public int type() { return LcpOptionType.AUTHENTICATION_PROTOCOL.value(); }

        /** {@code CHAP}, {@code PAP}, {@code EAP} or hex. */
        public String protocolName() { return PppProtocol.nameOf(protocol); }

        public boolean isChap() { return protocol == PppProtocol.CHAP.value(); }

        /** The raw CHAP Algorithm octet, when this is CHAP with one octet of Data. */
        public OptionalInt algorithm() {
            return isChap() && data.length() == 1 ? OptionalInt.of(data.get(0)) : OptionalInt.empty();
        }

        /** The CHAP algorithm, when this is CHAP with an algorithm pptp4j knows. */
        public Optional<ChapAlgorithm> chapAlgorithm() {
            OptionalInt a = algorithm();
            return a.isPresent() ? ChapAlgorithm.of(a.getAsInt()) : Optional.empty();
        }
    }

    /**
     * RFC 1661 6.3: the link quality protocol the sender wants to receive; for LQR (0xC025) the Data is
     * the 32-bit Reporting-Period in hundredths of a second (RFC 1989), 0 for none.
     */
    record QualityProtocol(int protocol, Bytes data) implements LcpOption {
        public QualityProtocol {
            FieldChecks.u16(protocol, "Quality-Protocol");
            FieldChecks.maxLength(data, 251, "Quality-Protocol Data");
        }

        public static QualityProtocol linkQualityReport(long reportingPeriod) {
            FieldChecks.u32(reportingPeriod, "Reporting-Period");
            byte[] b = {(byte) (reportingPeriod >>> 24), (byte) (reportingPeriod >>> 16), (byte) (reportingPeriod >>> 8),
                    (byte) reportingPeriod};
            return new QualityProtocol(PppProtocol.LQR.value(), Bytes.of(b));
        }

        public int type() { return LcpOptionType.QUALITY_PROTOCOL.value(); }

        public String protocolName() { return PppProtocol.nameOf(protocol); }

        /** The LQR Reporting-Period, when this is LQR with four octets of Data. */
        public OptionalLong reportingPeriod() {
            if (protocol != PppProtocol.LQR.value() || data.length() != 4) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(((long) data.get(0) << 24) | (data.get(1) << 16) | (data.get(2) << 8) | data.get(3));
        }
    }

    /** RFC 1661 6.4: loop-back detection; zero is illegal on the wire but representable here so it can be Nak'd. */
    record MagicNumber(long magicNumber) implements LcpOption {
        public MagicNumber { FieldChecks.u32(magicNumber, "Magic-Number"); }
        public int type() { return LcpOptionType.MAGIC_NUMBER.value(); }
    }

    /** RFC 1661 6.5: the sender can receive one-octet Protocol fields. */
    record ProtocolFieldCompression() implements LcpOption {
        public int type() { return LcpOptionType.PROTOCOL_FIELD_COMPRESSION.value(); }
    }

    /** RFC 1661 6.6: the sender can receive frames without Address and Control fields. */
    record AddressAndControlFieldCompression() implements LcpOption {
        public int type() { return LcpOptionType.ADDRESS_AND_CONTROL_FIELD_COMPRESSION.value(); }
    }

    /** RFC 1570 2.3: the sender asks to be called back; see {@link CallbackOperation}. */
    record Callback(int operation, Bytes message) implements LcpOption {
        public Callback {
            FieldChecks.u8(operation, "Operation");
            FieldChecks.maxLength(message, 252, "Callback Message");
        }

        public static Callback of(CallbackOperation operation, Bytes message) { return new Callback(operation.value(), message); }

        public int type() { return LcpOptionType.CALLBACK.value(); }

        public Optional<CallbackOperation> callbackOperation() { return CallbackOperation.of(operation); }
    }

    /** RFC 1990 5.1.1: the sender implements Multilink and can reassemble packets this large. */
    record MaximumReceiveReconstructedUnit(int maximumReceiveReconstructedUnit) implements LcpOption {
        public MaximumReceiveReconstructedUnit { FieldChecks.u16(maximumReceiveReconstructedUnit, "Maximum-Receive-Reconstructed-Unit"); }
        public int type() { return LcpOptionType.MAXIMUM_RECEIVE_RECONSTRUCTED_UNIT.value(); }
    }

    /** RFC 1990 5.1.2: the sender wants Multilink fragments with 12-bit sequence numbers. */
    record ShortSequenceNumberHeaderFormat() implements LcpOption {
        public int type() { return LcpOptionType.SHORT_SEQUENCE_NUMBER_HEADER_FORMAT.value(); }
    }

    /**
     * RFC 1990 5.1.3: identifies the sending system for Multilink bundling. The Address length is not
     * checked against the Class when decoding (see {@link #addressLengthValid()}): a peer that offers
     * this option is answered with a Configure-Reject, whatever its Address.
     */
    record EndpointDiscriminator(int endpointClass, Bytes address) implements LcpOption {
        public EndpointDiscriminator {
            FieldChecks.u8(endpointClass, "Class");
            FieldChecks.maxLength(address, 252, "Endpoint-Discriminator Address");
        }

        public static EndpointDiscriminator of(EndpointClass endpointClass, Bytes address) {
            return new EndpointDiscriminator(endpointClass.value(), address);
        }

        public int type() { return LcpOptionType.ENDPOINT_DISCRIMINATOR.value(); }

        public Optional<EndpointClass> knownClass() { return EndpointClass.of(endpointClass); }

        /** Whether the Address length is one that RFC 1990 5.1.3 allows for the Class (false for an unknown Class). */
        public boolean addressLengthValid() {
            return knownClass().map(c -> c.allowsAddressLength(address.length())).orElse(false);
        }
    }

    /** RFC 2125 (BACP): a 16-bit value naming this link within a Multilink bundle. */
    record LinkDiscriminator(int linkDiscriminator) implements LcpOption {
        public LinkDiscriminator { FieldChecks.u16(linkDiscriminator, "Link-Discriminator"); }
        public int type() { return LcpOptionType.LINK_DISCRIMINATOR.value(); }
    }

    /**
     * An option pptp4j does not decode, kept raw in both modes for the engine to Configure-Reject: a type
     * known by name only ({@link #name()} gives it) or one not assigned at all. A type that has its own
     * record cannot be held here, so that decoding the encoded form gives the same value back.
     */
    record Unknown(int type, Bytes data) implements LcpOption {
        public Unknown {
            FieldChecks.u8(type, "Option Type");
            if (LcpOptionType.of(type).filter(LcpOptionType::hasRecord).isPresent()) {
                throw new IllegalArgumentException("LCP option " + type + " (" + LcpOptionType.nameOf(type)
                        + ") has its own record");
            }
            FieldChecks.maxLength(data, 253, "Option Data");
        }
    }

    /**
     * A known option whose Length is wrong, kept by the lenient decoder with the error text as
     * {@code reason}; encoding writes {@code data} back as it was.
     */
    record Malformed(int type, Bytes data, String reason) implements LcpOption {
        public Malformed {
            FieldChecks.u8(type, "Option Type");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
