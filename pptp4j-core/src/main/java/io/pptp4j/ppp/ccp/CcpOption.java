package io.pptp4j.ppp.ccp;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.Hex;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/** A CCP Configuration Option (RFC 1962 section 4); {@link CcpOptionCodec} draws the wire layouts. */
public sealed interface CcpOption {

    /** The Type octet. */
    int type();

    /** The RFC's name for the type, e.g. {@code Microsoft PPC}, or {@code Option 42}. */
    default String name() { return CcpOptionType.nameOf(type()); }

    /**
     * Type 18, the MPPE/MPPC option (RFC 3078 section 2): the 32-bit Supported Bits, kept whole so that a
     * reserved bit a peer sets is seen (and can be Nak'd) rather than lost.
     */
    record MicrosoftPpc(long supportedBits) implements CcpOption {
        public MicrosoftPpc {
            if (supportedBits < 0 || supportedBits > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("Supported Bits " + supportedBits + " is not 32 bits");
            }
        }

        public static MicrosoftPpc of(SupportedBit... bits) {
            long v = 0;
            for (SupportedBit b : bits) {
                v |= b.mask();
            }
            return new MicrosoftPpc(v);
        }

        public static MicrosoftPpc of(Set<SupportedBit> bits) { return of(bits.toArray(SupportedBit[]::new)); }

        /** From letters as {@link #bitLetters()} writes them, {@code "H,S"} (commas and spaces optional). */
        public static MicrosoftPpc fromLetters(String letters) {
            long v = 0;
            for (char c : letters.toCharArray()) {
                if (c == ',' || c == ' ') {
                    continue;
                }
                char letter = c;
                v |= SupportedBit.ofLetter(c).orElseThrow(() -> new IllegalArgumentException(
                        "'" + letter + "' in '" + letters + "' is not one of H, M, S, L, D, C")).mask();
            }
            return new MicrosoftPpc(v);
        }

        /** H,S: stateless MPPE with 128-bit keys, what Windows RRAS and pptpd settle on. */
        public static MicrosoftPpc stateless128() { return of(SupportedBit.H, SupportedBit.S); }

        public int type() { return CcpOptionType.MICROSOFT_PPC.value(); }

        public boolean has(SupportedBit bit) { return (supportedBits & bit.mask()) != 0; }

        /** H: stateless mode. */
        public boolean stateless() { return has(SupportedBit.H); }

        /** M: 56-bit session keys. */
        public boolean mppe56() { return has(SupportedBit.M); }

        /** S: 128-bit session keys. */
        public boolean mppe128() { return has(SupportedBit.S); }

        /** L: 40-bit session keys. */
        public boolean mppe40() { return has(SupportedBit.L); }

        /** D: obsolete. */
        public boolean obsoleteD() { return has(SupportedBit.D); }

        /** C: MPPC compression. */
        public boolean mppc() { return has(SupportedBit.C); }

        /** Whether any of the encryption options S, M, L is set. */
        public boolean encrypts() { return mppe128() || mppe56() || mppe40(); }

        /** The defined bits that are set. */
        public Set<SupportedBit> bits() {
            Set<SupportedBit> s = EnumSet.noneOf(SupportedBit.class);
            for (SupportedBit b : SupportedBit.values()) {
                if (has(b)) {
                    s.add(b);
                }
            }
            return s;
        }

        /** The reserved bits that are set (RFC 3078 2: they MUST be 0). */
        public long reservedBits() { return supportedBits & ~SupportedBit.DEFINED; }

        /** RFC 3078 2.1: the strongest encryption option set, S before M before L. */
        public Optional<SupportedBit> strongestEncryption() {
            return mppe128() ? Optional.of(SupportedBit.S) : mppe56() ? Optional.of(SupportedBit.M)
                    : mppe40() ? Optional.of(SupportedBit.L) : Optional.empty();
        }

        /** The same bits with {@code bit} set too. */
        public MicrosoftPpc with(SupportedBit bit) { return new MicrosoftPpc(supportedBits | bit.mask()); }

        /** The same bits with {@code bit} clear. */
        public MicrosoftPpc without(SupportedBit bit) { return new MicrosoftPpc(supportedBits & ~bit.mask()); }

        /** The letters of the defined bits that are set, most significant first: {@code "H,S"}; empty for none. */
        public String bitLetters() {
            StringJoiner j = new StringJoiner(",");
            for (SupportedBit b : bits()) {
                j.add(b.name());
            }
            return j.toString();
        }

        /** {@link #bitLetters()} plus any reserved bits, for display: {@code "H,S"}, {@code "none"}, {@code "S +0x00000100"}. */
        public String describe() {
            String letters = bitLetters();
            String s = letters.isEmpty() ? "none" : letters;
            return reservedBits() == 0 ? s : s + " +" + Hex.u32(reservedBits());
        }
    }

    /**
     * An option pptp4j does not decode, kept raw in both modes for the engine to Configure-Reject: a type
     * known by name only ({@link #name()} gives it) or one not assigned. Microsoft PPC cannot be held here,
     * so that decoding the encoded form gives the same value back.
     */
    record Unknown(int type, Bytes data) implements CcpOption {
        public Unknown {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            if (CcpOptionType.of(type).filter(CcpOptionType::hasRecord).isPresent()) {
                throw new IllegalArgumentException("CCP option " + type + " (" + CcpOptionType.nameOf(type) + ") has its own record");
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
    record Malformed(int type, Bytes data, String reason) implements CcpOption {
        public Malformed {
            if (type < 0 || type > 0xFF) {
                throw new IllegalArgumentException("Option Type " + type + " is not one octet");
            }
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
