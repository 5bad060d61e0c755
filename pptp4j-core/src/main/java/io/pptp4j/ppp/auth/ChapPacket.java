package io.pptp4j.ppp.auth;

import static io.pptp4j.ppp.auth.AuthCodecs.checkCode;
import static io.pptp4j.ppp.auth.AuthCodecs.checkExact;
import static io.pptp4j.ppp.auth.AuthCodecs.checkIdentifier;
import static io.pptp4j.ppp.auth.AuthCodecs.checkLength;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/**
 * A CHAP packet (RFC 1994 section 4) as MD5-CHAP, MS-CHAP (RFC 2433) and MS-CHAP-V2 (RFC 2759) share it;
 * {@link ChapCodec} draws the layouts. The Value and Message fields stay raw here: MS-CHAP gives them
 * sub-formats ({@link MsChapV1Response}, {@link MsChapV2Response}, {@link MsChapV2Success},
 * {@link MsChapFailure}) that only the negotiated algorithm tells apart.
 */
public sealed interface ChapPacket {

    int identifier();

    /** The Code on the wire. */
    int code();

    /** The RFC's name for the code, or {@code Code 9}. */
    default String codeName() { return ChapCode.describe(code()); }

    /**
     * RFC 1994 4.1: the authenticator's challenge Value (8 octets for MS-CHAP, 16 for MS-CHAP-V2, see
     * {@link ChapValueSizes}) and its Name.
     */
    record Challenge(int identifier, Bytes value, Bytes name) implements ChapPacket {
        public Challenge {
            checkIdentifier(identifier);
            checkLength(value, 0, 255, "Value");
            Objects.requireNonNull(name, "Name");
        }

        @Override
        public int code() { return ChapCode.CHALLENGE.value(); }
    }

    /** RFC 1994 4.1: the peer's response Value and its (user) Name. */
    record Response(int identifier, Bytes value, Bytes name) implements ChapPacket {
        public Response {
            checkIdentifier(identifier);
            checkLength(value, 0, 255, "Value");
            Objects.requireNonNull(name, "Name");
        }

        @Override
        public int code() { return ChapCode.RESPONSE.value(); }
    }

    /** RFC 1994 4.2; for MS-CHAP-V2 the message is {@code S=<auth_string> M=<message>} (RFC 2759 5). */
    record Success(int identifier, Bytes message) implements ChapPacket {
        public Success {
            checkIdentifier(identifier);
            Objects.requireNonNull(message, "Message");
        }

        @Override
        public int code() { return ChapCode.SUCCESS.value(); }
    }

    /** RFC 1994 4.2; for MS-CHAP the message is {@code E=... R=... C=... V=... M=...} (RFC 2433 8, RFC 2759 6). */
    record Failure(int identifier, Bytes message) implements ChapPacket {
        public Failure {
            checkIdentifier(identifier);
            Objects.requireNonNull(message, "Message");
        }

        @Override
        public int code() { return ChapCode.FAILURE.value(); }
    }

    /**
     * MS-CHAP-V2 Change-Password, code 7 (RFC 2759 section 7), sent after a Failure with E=648. Not to be
     * confused with the MS-CHAP (v1) "Change Password Packet (version 2)", code 6, which is kept raw.
     *
     * @param encryptedPassword 516 octets: the new password's PWBLOCK encrypted with the old hash
     * @param encryptedHash 16 octets: the old hash encrypted with the new hash
     * @param peerChallenge 16 octets
     * @param reserved 8 octets, zero (the strict decoder refuses anything else)
     * @param ntResponse 24 octets, computed on the new password and the Failure's challenge
     * @param flags two octets, reserved (RFC 2759 7: "always clear")
     */
    record ChangePasswordV2(int identifier, Bytes encryptedPassword, Bytes encryptedHash, Bytes peerChallenge,
                            Bytes reserved, Bytes ntResponse, int flags) implements ChapPacket {
        public static final int ENCRYPTED_PASSWORD_SIZE = 516;
        /** The Length of the packet: 4 + 516 + 16 + 16 + 8 + 24 + 2. */
        public static final int LENGTH = 586;

        public ChangePasswordV2 {
            checkIdentifier(identifier);
            checkExact(encryptedPassword, ENCRYPTED_PASSWORD_SIZE, "Encrypted-Password");
            checkExact(encryptedHash, 16, "Encrypted-Hash");
            checkExact(peerChallenge, 16, "Peer-Challenge");
            checkExact(reserved, 8, "Reserved");
            checkExact(ntResponse, 24, "NT-Response");
            if (flags < 0 || flags > 0xFFFF) {
                throw new IllegalArgumentException("Flags " + flags + " is not 16 bits");
            }
        }

        /** The packet as a peer sends it: Reserved zero, no flags. */
        public ChangePasswordV2(int identifier, Bytes encryptedPassword, Bytes encryptedHash, Bytes peerChallenge,
                                Bytes ntResponse) {
            this(identifier, encryptedPassword, encryptedHash, peerChallenge, Bytes.of(new byte[8]), ntResponse, 0);
        }

        @Override
        public int code() { return ChapCode.MS_CHAP_V2_CHANGE_PASSWORD.value(); }
    }

    /**
     * A packet kept raw: the deprecated MS-CHAP change-password codes 5 and 6 (RFC 2433 9 and 10), in
     * either mode, and, in lenient mode, codes no CHAP variant defines. {@link #codeName()} gives the RFC 2433
     * name for 5 and 6.
     */
    record Unknown(int code, int identifier, Bytes data) implements ChapPacket {
        public Unknown {
            checkCode(code);
            checkIdentifier(identifier);
            Objects.requireNonNull(data, "data");
            if (ChapCodec.isDecodedAsRecord(code)) {
                throw new IllegalArgumentException("CHAP code " + code + " has its own record: " + ChapCode.describe(code));
            }
        }
    }
}
