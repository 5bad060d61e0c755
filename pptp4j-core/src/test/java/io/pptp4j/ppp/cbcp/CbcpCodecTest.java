package io.pptp4j.ppp.cbcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CbcpCodecTest {
    // pptpcrack-windows-rras-session.pcap (rerange/pptpcrack data/test.pcap), frame 293: RRAS's Callback Request
    static final String RRAS_CALLBACK_REQUEST = "010100060102";
    // same capture, frame 294: the Windows client's Callback Response
    static final String WINDOWS_CLIENT_CALLBACK_RESPONSE = "020100060102";
    // same capture, frame 295: RRAS's Callback Ack
    static final String RRAS_CALLBACK_ACK = "030100060102";

    static CbcpPacket strict(String hex) throws DecodeException { return CbcpCodec.decode(Hex.parse(hex), DecodeMode.STRICT); }

    static CbcpPacket lenient(String hex) throws DecodeException { return CbcpCodec.decode(Hex.parse(hex), DecodeMode.LENIENT); }

    static String strictError(String hex) {
        try {
            strict(hex);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded " + hex);
    }

    static void assertReencodes(String hex) throws DecodeException {
        assertThat(CbcpCodec.encode(strict(hex))).isEqualTo(Hex.parse(hex));
    }

    @Test
    void windowsRrasCallbackRequest() throws Exception {
        CbcpPacket p = strict(RRAS_CALLBACK_REQUEST);
        assertThat(p).isEqualTo(new CbcpPacket.CallbackRequest(1, List.of(new CbcpOption.NoCallback())));
        assertThat(p.codeName()).isEqualTo("Callback Request");
        assertReencodes(RRAS_CALLBACK_REQUEST);
    }

    @Test
    void windowsClientCallbackResponse() throws Exception {
        assertThat(strict(WINDOWS_CLIENT_CALLBACK_RESPONSE))
                .isEqualTo(new CbcpPacket.CallbackResponse(1, List.of(new CbcpOption.NoCallback())));
        assertReencodes(WINDOWS_CLIENT_CALLBACK_RESPONSE);
    }

    @Test
    void windowsRrasCallbackAck() throws Exception {
        assertThat(strict(RRAS_CALLBACK_ACK)).isEqualTo(new CbcpPacket.CallbackAck(1, List.of(new CbcpOption.NoCallback())));
        assertReencodes(RRAS_CALLBACK_ACK);
    }

    @Test
    void decodesRequestOfferingEveryCallbackType() throws Exception {
        // [MS-CBCP] 2.2.4.1: No callback; user-specified number with delay 0 and one empty PSTN address;
        // pre-specified number with delay 0 and no address
        String hex = "01 02 000e 0102 0205000100 030300";
        CbcpPacket.CallbackRequest p = (CbcpPacket.CallbackRequest) strict(hex);
        assertThat(p.options()).containsExactly(new CbcpOption.NoCallback(),
                new CbcpOption.UserSpecifiedNumber(0, List.of(CbcpAddress.phone(""))),
                new CbcpOption.PreSpecifiedNumber(0, List.of()));
        assertThat(p.options().get(1).typeName()).isEqualTo("Callback to a user-specified number");
        assertReencodes(hex);
    }

    @Test
    void decodesResponseWithUserNumberAndDelay() throws Exception {
        // [MS-CBCP] 2.2.4.2: Callback to "5551234" after 12 seconds
        String hex = "02 02 0010 02 0c 0c 01 35353531323334 00";
        assertThat(strict(hex)).isEqualTo(new CbcpPacket.CallbackResponse(2,
                List.of(new CbcpOption.UserSpecifiedNumber(12, List.of(CbcpAddress.phone("5551234"))))));
        assertReencodes(hex);
    }

    @Test
    void decodesListOfNumbers() throws Exception {
        String hex = "01 03 0011 04 0d 05 01 313131 00 01 323232 00";
        assertThat(strict(hex)).isEqualTo(new CbcpPacket.CallbackRequest(3,
                List.of(new CbcpOption.AnyOfList(5, List.of(CbcpAddress.phone("111"), CbcpAddress.phone("222"))))));
        assertReencodes(hex);
    }

    @Test
    void keepsUnknownOptionTypeRawInStrictMode() throws Exception {
        assertThat(strict("01 01 0007 09 03 aa"))
                .isEqualTo(new CbcpPacket.CallbackRequest(1, List.of(new CbcpOption.Unknown(9, Bytes.fromHex("aa")))));
        assertReencodes("01 01 0007 09 03 aa");
    }

    @Test
    void strictRejectsOptionLengthBeyondPacketLenientKeepsItRaw() throws Exception {
        assertThat(strictError("01 01 0006 01 05"))
                .isEqualTo("CBCP Callback Request: Option Length at offset 5: expected 2 to 2, found 5");
        assertThat(lenient("01 01 0006 01 05")).isEqualTo(new CbcpPacket.CallbackRequest(1,
                List.of(new CbcpOption.Malformed(1, Bytes.EMPTY, "Option Length at offset 5: 5 does not fit"))));
    }

    @Test
    void strictRejectsNoCallbackWithDataLenientKeepsItRaw() throws Exception {
        assertThat(strictError("01 01 0007 01 03 00")).isEqualTo("CBCP Callback Request: Option Length at offset 5: expected 2, found 3");
        assertThat(lenient("01 01 0007 01 03 00")).isEqualTo(new CbcpPacket.CallbackRequest(1, List.of(
                new CbcpOption.Malformed(1, Bytes.fromHex("00"), "CBCP Callback Request: Option Length at offset 5: expected 2, found 3"))));
        assertThat(CbcpCodec.encode(lenient("01 01 0007 01 03 00"))).isEqualTo(Hex.parse("01 01 0007 01 03 00"));
    }

    @Test
    void rejectsAddressWithoutNul() {
        assertThat(strictError("02 01 000a 02 06 00 01 3132"))
                .isEqualTo("CBCP Callback Response: Address at offset 8: expected a NUL-terminated string, found 2 bytes without a NUL");
    }

    @Test
    void rejectsCallbackOptionWithoutDelay() {
        assertThat(strictError("02 01 0006 03 02"))
                .isEqualTo("CBCP Callback Response: Callback Delay at offset 6: expected 1 byte, found 0 bytes left");
    }

    @Test
    void rejectsOptionWithoutLengthOctet() throws Exception {
        assertThat(strictError("02 01 0005 01")).isEqualTo("CBCP Callback Response: Option Length at offset 5: expected 1 byte, found 0 bytes left");
        assertThat(lenient("02 01 0005 01")).isEqualTo(new CbcpPacket.CallbackResponse(1,
                List.of(new CbcpOption.Malformed(1, Bytes.EMPTY, "no Length octet at offset 5"))));
    }

    @Test
    void strictRejectsPacketWithoutOptions() throws Exception {
        assertThat(strictError("01 01 0004")).isEqualTo("CBCP Callback Request: Options at offset 4: expected at least one option, found none");
        assertThat(lenient("01 01 0004")).isEqualTo(new CbcpPacket.CallbackRequest(1, List.of()));
    }

    @Test
    void strictRejectsUnknownCodeLenientKeepsIt() throws Exception {
        assertThat(strictError("04 01 0004")).isEqualTo("CBCP: Code at offset 0: expected one of 1, 2, 3, found 4");
        assertThat(lenient("04 01 0006 0102")).isEqualTo(new CbcpPacket.Unknown(4, 1, Bytes.fromHex("0102")));
    }

    @Test
    void rejectsBadLength() {
        assertThat(strictError("01 01 0003 0102")).isEqualTo("CBCP Callback Request: Length at offset 2: expected 4 to 6, found 3");
        assertThat(strictError("01 01 0009 0102")).isEqualTo("CBCP Callback Request: Length at offset 2: expected 4 to 6, found 9");
    }

    @Test
    void ignoresPaddingBeyondLength() throws Exception {
        assertThat(strict(RRAS_CALLBACK_ACK + "00000000")).isEqualTo(strict(RRAS_CALLBACK_ACK));
    }

    @Test
    void everyTruncationIsADecodeException() {
        byte[] full = Hex.parse("02 02 0010 02 0c 0c 01 35353531323334 00");
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThatThrownBy(() -> CbcpCodec.decode(cut, DecodeMode.LENIENT)).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void addressRefusesNul() {
        assertThatThrownBy(() -> CbcpAddress.phone("12\u00003")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address has a NUL or a character beyond one octet at 2");
    }
}
