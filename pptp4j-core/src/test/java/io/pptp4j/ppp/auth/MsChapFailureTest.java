package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MsChapFailureTest {
    static final String V2_CHALLENGE = "5B5D7C7D7B3F2F3E3C2C602132262628"; // RFC 2759 9.2 AuthenticatorChallenge

    static String error(String text, DecodeMode mode) {
        try {
            MsChapFailure.parse(text, mode);
        } catch (io.pptp4j.wire.DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed " + text);
    }

    @Test
    void formatsMsChapV2Form() {
        MsChapFailure f = MsChapFailure.of(691, true, Bytes.fromHex(V2_CHALLENGE), 3, "Authentication failed");
        assertThat(f.format()).isEqualTo("E=691 R=1 C=5B5D7C7D7B3F2F3E3C2C602132262628 V=3 M=Authentication failed");
        assertThat(f.text()).isEqualTo(f.format());
        assertThat(f.error()).contains(MsChapError.ERROR_AUTHENTICATION_FAILURE);
    }

    @Test
    void decodesMsChapV2FailurePacketWithChallengeAndVersion() throws Exception {
        String text = "E=691 R=1 C=5B5D7C7D7B3F2F3E3C2C602132262628 V=3 M=Authentication failed";
        // RFC 2759 6: Failure, Identifier 9, Length 4 + 72
        String hex = "04 09 004c" + Hex.of(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ChapPacket.Failure p = (ChapPacket.Failure) ChapCodec.decode(Hex.parse(hex), DecodeMode.STRICT);
        MsChapFailure f = MsChapFailure.parse(p.message(), DecodeMode.STRICT);
        assertThat(f.errorCode()).isEqualTo(691);
        assertThat(f.retry()).isTrue();
        assertThat(f.challenge()).contains(Bytes.fromHex(V2_CHALLENGE));
        assertThat(f.version()).isEqualTo(OptionalInt.of(3));
        assertThat(f.message()).contains("Authentication failed");
        assertThat(f.toPacket(9)).isEqualTo(p);
        assertThat(ChapCodec.encode(f.toPacket(9))).isEqualTo(Hex.parse(hex));
    }

    @Test
    void decodesMsChapV1FailurePacketWithoutChallengeOrVersion() throws Exception {
        // RFC 2433 8: Failure, Identifier 4, Length 13, "E=691 R=1"
        byte[] packet = Hex.parse("04 04 000d 453d363931 20 523d31");
        ChapPacket.Failure p = (ChapPacket.Failure) ChapCodec.decode(packet, DecodeMode.STRICT);
        MsChapFailure f = MsChapFailure.parse(p.message(), DecodeMode.STRICT);
        assertThat(f).isEqualTo(MsChapFailure.of(691, true));
        assertThat(f.challenge()).isEmpty();
        assertThat(f.version()).isEmpty();
        assertThat(f.message()).isEmpty();
        assertThat(ChapCodec.encode(f.toPacket(4))).isEqualTo(packet);
    }

    @Test
    void parsesMsChapV1FailureWithEightOctetChallengeAndVersion() throws Exception {
        // RFC 2433 8: C= is 16 hex digits (8 octets) for MS-CHAP v1; the challenge is RFC 2433 B.2's
        MsChapFailure f = MsChapFailure.parse("E=648 R=0 C=102DB5DF085D3041 V=2", DecodeMode.STRICT);
        assertThat(f.error()).contains(MsChapError.ERROR_PASSWD_EXPIRED);
        assertThat(f.retry()).isFalse();
        assertThat(f.challenge()).contains(Bytes.fromHex("102DB5DF085D3041"));
        assertThat(f.version()).isEqualTo(OptionalInt.of(2));
        assertThat(f.format()).isEqualTo("E=648 R=0 C=102DB5DF085D3041 V=2");
    }

    @Test
    void toleratesFieldOrderExtraSpacesAndUnknownFields() throws Exception {
        String text = "  R=1   X=whatever V=3 E=691  C=5b5d7c7d7b3f2f3e3c2c602132262628 ";
        MsChapFailure f = MsChapFailure.parse(text, DecodeMode.STRICT);
        assertThat(f.errorCode()).isEqualTo(691);
        assertThat(f.retry()).isTrue();
        assertThat(f.challenge()).contains(Bytes.fromHex(V2_CHALLENGE));
        assertThat(f.version()).isEqualTo(OptionalInt.of(3));
        assertThat(f.message()).isEmpty();
        assertThat(f.text()).isEqualTo(text);
        assertThat(f.format()).isEqualTo("E=691 R=1 C=5B5D7C7D7B3F2F3E3C2C602132262628 V=3");
    }

    @Test
    void readsEverythingAfterMessageFieldAsText() throws Exception {
        MsChapFailure f = MsChapFailure.parse("E=691 R=1 M=bad E=1 thing ", DecodeMode.STRICT);
        assertThat(f.errorCode()).isEqualTo(691);
        assertThat(f.message()).contains("bad E=1 thing ");
    }

    @Test
    void keepsErrorCodesNotOnTheList() throws Exception {
        MsChapFailure f = MsChapFailure.parse("E=1234 R=0", DecodeMode.STRICT);
        assertThat(f.errorCode()).isEqualTo(1234);
        assertThat(f.error()).isEmpty();
        assertThat(MsChapError.describe(1234)).isEqualTo("1234");
        assertThat(MsChapError.describe(709)).isEqualTo("709 ERROR_CHANGING_PASSWORD");
    }

    @Test
    void acceptsTenDigitZeroPaddedErrorCode() throws Exception {
        MsChapFailure f = MsChapFailure.parse("E=0000000691 R=1", DecodeMode.STRICT);
        assertThat(f.error()).contains(MsChapError.ERROR_AUTHENTICATION_FAILURE);
        assertThat(f.format()).isEqualTo("E=691 R=1");
        assertThat(error("E=99999999999 R=1", DecodeMode.LENIENT)).isEqualTo(
                "MS-CHAP Failure: E= at offset 2: expected a decimal error code, found \"99999999999\" (11 characters)");
    }

    @Test
    void rejectsMissingErrorCode() {
        assertThat(error("R=1 V=3", DecodeMode.LENIENT)).isEqualTo("MS-CHAP Failure: E= at offset 0: expected an E= field, found none");
    }

    @Test
    void rejectsNonDecimalErrorCode() {
        assertThat(error("E=69x R=1", DecodeMode.LENIENT))
                .isEqualTo("MS-CHAP Failure: E= at offset 2: expected a decimal error code, found \"69x\" (3 characters)");
    }

    @Test
    void rejectsRetryFlagOtherThanZeroOrOne() {
        assertThat(error("E=691 R=2", DecodeMode.LENIENT))
                .isEqualTo("MS-CHAP Failure: R= at offset 8: expected 0 or 1, found \"2\" (1 character)");
    }

    @Test
    void rejectsChallengeOfWrongLength() {
        assertThat(error("E=691 R=1 C=ABC V=3", DecodeMode.LENIENT))
                .isEqualTo("MS-CHAP Failure: C= at offset 12: expected 16 or 32 hex digits, found \"ABC\" (3 characters)");
    }

    @Test
    void rejectsNonDecimalVersion() {
        assertThat(error("E=691 R=1 V=three", DecodeMode.LENIENT))
                .isEqualTo("MS-CHAP Failure: V= at offset 12: expected a decimal version, found \"three\" (5 characters)");
    }

    @Test
    void rejectsRepeatedField() {
        assertThat(error("E=691 E=692 R=1", DecodeMode.LENIENT))
                .isEqualTo("MS-CHAP Failure: E= at offset 6: expected one E= field, found a second");
    }

    @Test
    void strictRequiresRetryFlagLenientReadsItAsZero() throws Exception {
        assertThat(error("E=691", DecodeMode.STRICT)).isEqualTo("MS-CHAP Failure: R= at offset 0: expected an R= field, found none");
        MsChapFailure f = MsChapFailure.parse("E=691", DecodeMode.LENIENT);
        assertThat(f.retry()).isFalse();
        assertThat(f.format()).isEqualTo("E=691 R=0");
        assertThat(f.text()).isEqualTo("E=691");
    }

    @Test
    void refusesTextThatContradictsFields() {
        assertThatThrownBy(() -> new MsChapFailure(691, true, Optional.empty(), OptionalInt.empty(), Optional.empty(), "E=691 R=0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsChapFailure.of(691, true, Bytes.fromHex("0102"), 3, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("C= is 2 octets; it must be 8 or 16");
    }
}
