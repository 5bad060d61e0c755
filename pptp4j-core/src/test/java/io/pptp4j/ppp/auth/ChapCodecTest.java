package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChapCodecTest {
    // chapcrack-mschapv2-only.pcap (moxie0/chapcrack tests/pptp.cap), frame 1: pptpd's MS-CHAPv2 Challenge
    static final String PPTPD_CHALLENGE = "01b0001a10258d4fc024f111512d0b61f9c375aee17070747064";
    // same capture, frame 2: moxie's Response (pptp-linux client)
    static final String MOXIE_RESPONSE = "02b0003b31abfe01e6c759850155b4d8d6258cdb6700000000000000001c93abce8154"
            + "00686baeca315f348469256420598a73ad49006d6f786965";
    // same capture, frame 3: pptpd's Success
    static final String PPTPD_SUCCESS = "03b0003f533d35343634344638314535463138433045453945323637373634393544364243"
            + "374144444642373637204d3d416363657373206772616e746564";
    // pptpcrack-windows-rras-session.pcap (rerange/pptpcrack data/test.pcap), frame 290: RRAS's Challenge
    static final String RRAS_CHALLENGE = "010000241005b2f10bdc3d6c92b6cd160adee148b457494e2d3942414753373056354950";
    // same capture, frame 291: the Windows client's Response
    static final String WINDOWS_CLIENT_RESPONSE = "0200003d31789223b02a0cc515404bca2c696edcff00000000000000008cd6161253ea"
            + "c63fa53cfc6f74692fd73b0768ca63d612f00076706e75736572";
    // same capture, frame 292: RRAS's Success (no " M=" part)
    static final String RRAS_SUCCESS = "0300002e533d39373445373943333530434337444335334642433546334131313443363342"
            + "314546413136453139";

    static Bytes ascii(String s) { return Bytes.of(s.getBytes(StandardCharsets.US_ASCII)); }

    static ChapPacket strict(String hex) throws DecodeException { return ChapCodec.decode(Hex.parse(hex), DecodeMode.STRICT); }

    static String strictError(String hex) {
        try {
            strict(hex);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded " + hex);
    }

    static void assertReencodes(String hex) throws DecodeException {
        assertThat(ChapCodec.encode(strict(hex))).isEqualTo(Hex.parse(hex));
    }

    @Test
    void pptpdChallenge() throws Exception {
        ChapPacket p = strict(PPTPD_CHALLENGE);
        assertThat(p).isEqualTo(new ChapPacket.Challenge(0xb0, Bytes.fromHex("258d4fc024f111512d0b61f9c375aee1"), ascii("pptpd")));
        assertThat(ChapValueSizes.checkChallenge((ChapPacket.Challenge) p, ChapValueSizes.MS_CHAP_V2))
                .isEqualTo(Bytes.fromHex("258d4fc024f111512d0b61f9c375aee1"));
        assertReencodes(PPTPD_CHALLENGE);
    }

    @Test
    void moxieResponse() throws Exception {
        ChapPacket.Response p = (ChapPacket.Response) strict(MOXIE_RESPONSE);
        assertThat(p.identifier()).isEqualTo(0xb0);
        assertThat(p.name()).isEqualTo(ascii("moxie"));
        MsChapV2Response v = MsChapV2Response.parse(p, DecodeMode.STRICT);
        assertThat(v.peerChallenge()).isEqualTo(Bytes.fromHex("abfe01e6c759850155b4d8d6258cdb67"));
        assertThat(v.ntResponse()).isEqualTo(Bytes.fromHex("1c93abce815400686baeca315f348469256420598a73ad49"));
        assertThat(v.flags()).isZero();
        assertThat(v).isEqualTo(MsChapV2Response.of(v.peerChallenge(), v.ntResponse()));
        assertThat(v.toValue()).isEqualTo(p.value());
        assertReencodes(MOXIE_RESPONSE);
    }

    @Test
    void pptpdSuccess() throws Exception {
        ChapPacket.Success p = (ChapPacket.Success) strict(PPTPD_SUCCESS);
        MsChapV2Success s = MsChapV2Success.parse(p.message(), DecodeMode.STRICT);
        assertThat(s.authString()).isEqualTo("54644F81E5F18C0EE9E26776495D6BC7ADDFB767");
        assertThat(s.message()).contains("Access granted");
        assertThat(s.format()).isEqualTo("S=54644F81E5F18C0EE9E26776495D6BC7ADDFB767 M=Access granted");
        assertThat(s.toPacket(0xb0)).isEqualTo(p);
        assertReencodes(PPTPD_SUCCESS);
    }

    @Test
    void windowsRrasChallenge() throws Exception {
        ChapPacket.Challenge p = (ChapPacket.Challenge) strict(RRAS_CHALLENGE);
        assertThat(p).isEqualTo(new ChapPacket.Challenge(0, Bytes.fromHex("05b2f10bdc3d6c92b6cd160adee148b4"),
                ascii("WIN-9BAGS70V5IP")));
        assertReencodes(RRAS_CHALLENGE);
    }

    @Test
    void windowsClientResponse() throws Exception {
        ChapPacket.Response p = (ChapPacket.Response) strict(WINDOWS_CLIENT_RESPONSE);
        assertThat(p.name()).isEqualTo(ascii("vpnuser"));
        MsChapV2Response v = MsChapV2Response.parse(p, DecodeMode.STRICT);
        assertThat(v.peerChallenge()).isEqualTo(Bytes.fromHex("789223b02a0cc515404bca2c696edcff"));
        assertThat(v.ntResponse()).isEqualTo(Bytes.fromHex("8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0"));
        assertReencodes(WINDOWS_CLIENT_RESPONSE);
    }

    @Test
    void windowsRrasSuccessWithoutMessage() throws Exception {
        ChapPacket.Success p = (ChapPacket.Success) strict(RRAS_SUCCESS);
        MsChapV2Success s = MsChapV2Success.parse(p.message(), DecodeMode.STRICT);
        assertThat(s.authenticatorResponse()).isEqualTo(Bytes.fromHex("974E79C350CC7DC53FBC5F3A114C63B1EFA16E19"));
        assertThat(s.message()).isEmpty();
        assertThat(s.format()).isEqualTo("S=974E79C350CC7DC53FBC5F3A114C63B1EFA16E19");
        assertThat(s.toMessage()).isEqualTo(p.message());
        assertReencodes(RRAS_SUCCESS);
    }

    @Test
    void decodesMd5ChapExchangeFromRfcLayout() throws Exception {
        // RFC 1994 4.1: Value-Size 16, Value, Name "router"; Response with an MD5 value, Name "peer"
        String challenge = "01 2a 001b 10 000102030405060708090a0b0c0d0e0f 726f75746572";
        String response = "02 2a 0019 10 f0e0d0c0b0a090807060504030201000 70656572";
        String success = "03 2a 0008 57656c63";
        String failure = "04 2a 0004";
        assertThat(strict(challenge)).isEqualTo(new ChapPacket.Challenge(0x2a,
                Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), ascii("router")));
        ChapPacket.Response r = (ChapPacket.Response) strict(response);
        assertThat(r).isEqualTo(new ChapPacket.Response(0x2a, Bytes.fromHex("f0e0d0c0b0a090807060504030201000"), ascii("peer")));
        assertThat(ChapValueSizes.checkResponse(r, ChapValueSizes.MD5).length()).isEqualTo(16);
        assertThat(strict(success)).isEqualTo(new ChapPacket.Success(0x2a, ascii("Welc")));
        assertThat(strict(failure)).isEqualTo(new ChapPacket.Failure(0x2a, Bytes.EMPTY));
        for (String hex : new String[] {challenge, response, success, failure}) {
            assertReencodes(hex);
        }
    }

    static String changePasswordHex(String reserved, String flags) {
        StringBuilder encryptedPassword = new StringBuilder();
        for (int i = 0; i < 516; i++) {
            encryptedPassword.append(String.format("%02x", i & 0xFF));
        }
        // RFC 2759 7: Code 7, Length 586 (0x024a); Peer-Challenge and NT-Response from RFC 2759 9.2
        return "07 05 024a" + encryptedPassword + "aa".repeat(16) + "21402324255E262A28295F2B3A337C7E" + reserved
                + "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF" + flags;
    }

    @Test
    void decodesMsChapV2ChangePasswordFromRfcLayout() throws Exception {
        String hex = changePasswordHex("0000000000000000", "0000");
        ChapPacket.ChangePasswordV2 p = (ChapPacket.ChangePasswordV2) strict(hex);
        assertThat(p.identifier()).isEqualTo(5);
        assertThat(p.encryptedPassword().length()).isEqualTo(516);
        assertThat(p.encryptedPassword().get(515)).isEqualTo(515 & 0xFF);
        assertThat(p.encryptedHash()).isEqualTo(Bytes.fromHex("aa".repeat(16)));
        assertThat(p.peerChallenge()).isEqualTo(Bytes.fromHex("21402324255E262A28295F2B3A337C7E"));
        assertThat(p.ntResponse()).isEqualTo(Bytes.fromHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"));
        assertThat(p.flags()).isZero();
        assertThat(p).isEqualTo(new ChapPacket.ChangePasswordV2(5, p.encryptedPassword(), p.encryptedHash(),
                p.peerChallenge(), p.ntResponse()));
        assertThat(p.codeName()).isEqualTo("MS-CHAP-V2 Change-Password");
        assertReencodes(hex);
    }

    @Test
    void strictRejectsChangePasswordWithNonZeroReservedLenientKeepsIt() throws Exception {
        String hex = changePasswordHex("0000000000000100", "0000");
        assertThat(strictError(hex)).isEqualTo(
                "CHAP MS-CHAP-V2 Change-Password: Reserved at offset 552: expected 0000000000000000, found 0000000000000100");
        ChapPacket p = ChapCodec.decode(Hex.parse(hex), DecodeMode.LENIENT);
        assertThat(((ChapPacket.ChangePasswordV2) p).reserved()).isEqualTo(Bytes.fromHex("0000000000000100"));
        assertThat(ChapCodec.encode(p)).isEqualTo(Hex.parse(hex));
    }

    @Test
    void rejectsChangePasswordOfWrongLength() {
        assertThat(strictError("07 05 0008 00000000"))
                .isEqualTo("CHAP MS-CHAP-V2 Change-Password: Length at offset 2: expected 586, found 8");
        String tooLong = changePasswordHex("0000000000000000", "0000ff").replaceFirst("024a", "024b");
        assertThat(strictError(tooLong))
                .isEqualTo("CHAP MS-CHAP-V2 Change-Password: Length at offset 2: expected 586, found 587");
    }

    @Test
    void keepsMsChapV1ChangePasswordCodesRawInStrictMode() throws Exception {
        // RFC 2433 9: Code 5, Length 72: four 16-octet hashes, Password Length, Flags
        String v1 = "05 03 0048" + "11".repeat(64) + "0008" + "0001";
        ChapPacket p = strict(v1);
        assertThat(p).isEqualTo(new ChapPacket.Unknown(5, 3, Bytes.fromHex("11".repeat(64) + "00080001")));
        assertThat(p.codeName()).isEqualTo("MS-CHAP Change-Password (version 1)");
        assertThat(strict("06 03 0004").codeName()).isEqualTo("MS-CHAP Change-Password (version 2)");
        assertReencodes(v1);
    }

    @Test
    void strictRejectsUnknownCodeLenientKeepsIt() throws Exception {
        assertThat(strictError("08 01 0004")).isEqualTo("CHAP: Code at offset 0: expected one of 1 to 7, found 8");
        assertThat(ChapCodec.decode(Hex.parse("08 01 0005 ee"), DecodeMode.LENIENT))
                .isEqualTo(new ChapPacket.Unknown(8, 1, Bytes.fromHex("ee")));
    }

    @Test
    void rejectsValueSizeBeyondData() {
        String hex = "02 01 0032 c8" + "00".repeat(45);
        assertThat(strictError(hex)).isEqualTo("CHAP Response: Value-Size at offset 4: expected at most 45, found 200");
    }

    @Test
    void strictRejectsEmptyValueLenientKeepsIt() throws Exception {
        assertThat(strictError("01 01 0005 00")).isEqualTo("CHAP Challenge: Value-Size at offset 4: expected at least 1, found 0");
        assertThat(ChapCodec.decode(Hex.parse("01 01 0005 00"), DecodeMode.LENIENT))
                .isEqualTo(new ChapPacket.Challenge(1, Bytes.EMPTY, Bytes.EMPTY));
    }

    @Test
    void rejectsChallengeWithoutValueSize() {
        assertThat(strictError("01 01 0004"))
                .isEqualTo("CHAP Challenge: Value-Size at offset 4: expected 1 byte, found 0 bytes left");
    }

    @Test
    void rejectsBadLengths() {
        assertThat(strictError("03 01 0002 41")).isEqualTo("CHAP Success: Length at offset 2: expected 4 to 5, found 2");
        assertThat(strictError("03 01 0009 41")).isEqualTo("CHAP Success: Length at offset 2: expected 4 to 5, found 9");
        assertThat(strictError("03 01")).isEqualTo("CHAP: Length at offset 2: expected 2 bytes, found 0 bytes left");
    }

    @Test
    void ignoresPaddingBeyondLength() throws Exception {
        assertThat(strict(RRAS_CHALLENGE + "0000")).isEqualTo(strict(RRAS_CHALLENGE));
    }

    @Test
    void everyTruncationIsADecodeException() {
        for (String hex : new String[] {MOXIE_RESPONSE, changePasswordHex("0000000000000000", "0000")}) {
            byte[] full = Hex.parse(hex);
            for (int n = 0; n < full.length; n++) {
                byte[] cut = Arrays.copyOf(full, n);
                assertThatThrownBy(() -> ChapCodec.decode(cut, DecodeMode.LENIENT)).isInstanceOf(DecodeException.class);
            }
        }
    }

    @Test
    void roundTripsEveryPacketTypeWithLengthFieldEqualToSize() throws Exception {
        ChapPacket[] packets = {
            new ChapPacket.Challenge(1, Bytes.fromHex("0102030405060708"), Bytes.EMPTY),
            new ChapPacket.Response(2, Bytes.of(new byte[255]), ascii("BIGCO\\johndoe")),
            new ChapPacket.Success(3, ascii("S=407A5589115FD0D6209F510FE9C04566932CDA56 M=OK")),
            new ChapPacket.Failure(4, ascii("E=691 R=0")),
            new ChapPacket.ChangePasswordV2(5, Bytes.of(new byte[516]), Bytes.of(new byte[16]), Bytes.of(new byte[16]),
                    Bytes.of(new byte[24])),
            new ChapPacket.Unknown(6, 6, Bytes.of(new byte[1114])),
        };
        for (ChapPacket p : packets) {
            byte[] encoded = ChapCodec.encode(p);
            assertThat(((encoded[2] & 0xFF) << 8) | (encoded[3] & 0xFF)).isEqualTo(encoded.length);
            assertThat(ChapCodec.decode(encoded, DecodeMode.STRICT)).isEqualTo(p);
        }
    }
}
