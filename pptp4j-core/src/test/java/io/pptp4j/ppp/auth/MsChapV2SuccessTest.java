package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MsChapV2SuccessTest {
    static final String RRAS_AUTH = "974E79C350CC7DC53FBC5F3A114C63B1EFA16E19";

    @Test
    void formatsTheRfcForm() {
        MsChapV2Success s = MsChapV2Success.of(Bytes.fromHex(RRAS_AUTH), "Access granted");
        assertThat(s.format()).isEqualTo("S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E19 M=Access granted");
        assertThat(s.text()).isEqualTo(s.format());
        assertThat(s.toMessage().latin1()).isEqualTo(s.format());
    }

    @Test
    void formatsRfc2759HashExampleAuthenticatorResponse() {
        // RFC 2759 9.2: AuthenticatorResponse "S=407A5589115FD0D6209F510FE9C04566932CDA56"
        assertThat(MsChapV2Success.of(Bytes.fromHex("407a5589115fd0d6209f510fe9c04566932cda56")).format())
                .isEqualTo("S=407A5589115FD0D6209F510FE9C04566932CDA56");
    }

    @Test
    void acceptsMissingMessagePartAsWindowsRrasSendsIt() throws Exception {
        MsChapV2Success s = MsChapV2Success.parse("S=" + RRAS_AUTH, DecodeMode.STRICT);
        assertThat(s.authenticatorResponse()).isEqualTo(Bytes.fromHex(RRAS_AUTH));
        assertThat(s.message()).isEmpty();
        assertThat(s).isEqualTo(MsChapV2Success.of(Bytes.fromHex(RRAS_AUTH)));
    }

    @Test
    void toleratesExtraSpacesAndKeepsRawText() throws Exception {
        String text = "S=" + RRAS_AUTH + "   M=Welcome  home ";
        MsChapV2Success s = MsChapV2Success.parse(text, DecodeMode.STRICT);
        assertThat(s.message()).contains("Welcome  home ");
        assertThat(s.text()).isEqualTo(text);
        assertThat(s.format()).isEqualTo("S=" + RRAS_AUTH + " M=Welcome  home ");
        assertThat(s.toMessage().latin1()).isEqualTo(text);
    }

    @Test
    void keepsEmptyMessageApartFromMissingOne() throws Exception {
        assertThat(MsChapV2Success.parse("S=" + RRAS_AUTH + " M=", DecodeMode.STRICT).message()).contains("");
    }

    @Test
    void rejectsAuthStringOfWrongLength() {
        String text = "S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E1 M=Access granted";
        assertThatThrownBy(() -> MsChapV2Success.parse(text, DecodeMode.LENIENT)).hasMessage(
                "MS-CHAP-V2 Success: S= at offset 2: expected 40 upper-case hex digits, "
                        + "found \"974E79C350CC7DC53FBC5F3A114C63B1EFA16E1\" (39 characters)");
    }

    @Test
    void rejectsNonHexAuthString() {
        assertThatThrownBy(() -> MsChapV2Success.parse("S=" + "G".repeat(40), DecodeMode.LENIENT)).hasMessage(
                "MS-CHAP-V2 Success: S= at offset 2: expected 40 upper-case hex digits, found \"" + "G".repeat(40)
                        + "\" (40 characters)");
    }

    @Test
    void strictRejectsLowerCaseHexLenientAcceptsIt() throws Exception {
        String lower = "S=" + RRAS_AUTH.toLowerCase() + " M=ok";
        assertThatThrownBy(() -> MsChapV2Success.parse(lower, DecodeMode.STRICT)).hasMessage(
                "MS-CHAP-V2 Success: S= at offset 2: expected 40 upper-case hex digits, found \""
                        + RRAS_AUTH.toLowerCase() + "\" (40 characters)");
        MsChapV2Success s = MsChapV2Success.parse(lower, DecodeMode.LENIENT);
        assertThat(s.authenticatorResponse()).isEqualTo(Bytes.fromHex(RRAS_AUTH));
        assertThat(s.format()).isEqualTo("S=" + RRAS_AUTH + " M=ok");
        assertThat(s.text()).isEqualTo(lower);
    }

    @Test
    void rejectsMissingAuthString() {
        assertThatThrownBy(() -> MsChapV2Success.parse("M=hello", DecodeMode.LENIENT))
                .hasMessage("MS-CHAP-V2 Success: S= at offset 0: expected \"S=\", found \"M=hello\" (7 characters)");
    }

    @Test
    void strictRejectsTextAfterAuthStringThatIsNotMessage() throws Exception {
        String text = "S=" + RRAS_AUTH + " junk";
        assertThatThrownBy(() -> MsChapV2Success.parse(text, DecodeMode.STRICT)).hasMessage(
                "MS-CHAP-V2 Success: M= at offset 43: expected \"M=\" or the end of the message, found \"junk\" (4 characters)");
        assertThat(MsChapV2Success.parse(text, DecodeMode.LENIENT).message()).isEmpty();
    }

    @Test
    void refusesTextThatContradictsFields() {
        assertThatThrownBy(() -> new MsChapV2Success(Bytes.fromHex(RRAS_AUTH), Optional.of("x"), "S=" + RRAS_AUTH + " M=y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MsChapV2Success(Bytes.fromHex(RRAS_AUTH), Optional.empty(), "nonsense"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
