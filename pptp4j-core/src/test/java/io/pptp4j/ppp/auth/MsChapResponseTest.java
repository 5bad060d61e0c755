package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MsChapResponseTest {
    // RFC 2433 B.2: NtChallengeResponse for password "MyPw" and challenge 102DB5DF085D3041
    static final String RFC2433_NT_RESPONSE = "4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61";
    // RFC 2433 6: Response, Identifier 3, Length 58, Value-Size 49: LM response zero-filled, NT response, flag 1; Name "User"
    static final String MS_CHAP_V1_RESPONSE = "02 03 003a 31" + "00".repeat(24) + RFC2433_NT_RESPONSE + "01" + "55736572";

    static Bytes ascii(String s) { return Bytes.of(s.getBytes(StandardCharsets.US_ASCII)); }

    static ChapPacket.Response response(String valueHex) {
        return new ChapPacket.Response(1, Bytes.fromHex(valueHex), ascii("User"));
    }

    @Test
    void decodesMsChapV1ResponseFromRfcLayout() throws Exception {
        ChapPacket.Response p = (ChapPacket.Response) ChapCodec.decode(Hex.parse(MS_CHAP_V1_RESPONSE), DecodeMode.STRICT);
        assertThat(p.name()).isEqualTo(ascii("User"));
        MsChapV1Response v = MsChapV1Response.parse(p, DecodeMode.STRICT);
        assertThat(v.lmResponse()).isEqualTo(Bytes.of(new byte[24]));
        assertThat(v.ntResponse()).isEqualTo(Bytes.fromHex(RFC2433_NT_RESPONSE));
        assertThat(v.useNtResponse()).isTrue();
        assertThat(v).isEqualTo(MsChapV1Response.of(Bytes.fromHex(RFC2433_NT_RESPONSE)));
        assertThat(ChapCodec.encode(new ChapPacket.Response(3, v.toValue(), ascii("User"))))
                .isEqualTo(Hex.parse(MS_CHAP_V1_RESPONSE));
    }

    @Test
    void msChapV1FlagZeroMeansLanManagerResponse() throws Exception {
        MsChapV1Response v = MsChapV1Response.parse(response("11".repeat(24) + "22".repeat(24) + "00"), DecodeMode.STRICT);
        assertThat(v.useNtResponse()).isFalse();
        assertThat(v.lmResponse()).isEqualTo(Bytes.fromHex("11".repeat(24)));
    }

    @Test
    void strictRejectsMsChapV1FlagsOtherThanZeroOrOne() throws Exception {
        ChapPacket.Response r = response("00".repeat(48) + "02");
        assertThatThrownBy(() -> MsChapV1Response.parse(r, DecodeMode.STRICT))
                .hasMessage("MS-CHAP Response: Flags at offset 53: expected 0 or 1, found 2");
        assertThat(MsChapV1Response.parse(r, DecodeMode.LENIENT).flags()).isEqualTo(2);
    }

    @Test
    void rejectsMsChapV1ValueOfWrongSize() {
        assertThatThrownBy(() -> MsChapV1Response.parse(response("00".repeat(48)), DecodeMode.LENIENT))
                .hasMessage("CHAP Response: Value-Size at offset 4: expected 49 for MS-CHAP, found 48");
    }

    @Test
    void msChapV2ResponseRoundTrips() throws Exception {
        // RFC 2759 9.2: PeerChallenge and NT-Response for User / clientPass
        MsChapV2Response v = MsChapV2Response.of(Bytes.fromHex("21402324255E262A28295F2B3A337C7E"),
                Bytes.fromHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"));
        assertThat(v.toValue()).isEqualTo(Bytes.fromHex("21402324255E262A28295F2B3A337C7E" + "0000000000000000"
                + "82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF" + "00"));
        assertThat(MsChapV2Response.parse(new ChapPacket.Response(1, v.toValue(), ascii("User")), DecodeMode.STRICT))
                .isEqualTo(v);
    }

    @Test
    void strictRejectsNonZeroReservedInMsChapV2Response() throws Exception {
        ChapPacket.Response r = response("ab".repeat(16) + "0000000000000001" + "cd".repeat(24) + "00");
        assertThatThrownBy(() -> MsChapV2Response.parse(r, DecodeMode.STRICT))
                .hasMessage("MS-CHAP-V2 Response: Reserved at offset 21: expected 0000000000000000, found 0000000000000001");
        MsChapV2Response lenient = MsChapV2Response.parse(r, DecodeMode.LENIENT);
        assertThat(lenient.reserved()).isEqualTo(Bytes.fromHex("0000000000000001"));
        assertThat(lenient.toValue()).isEqualTo(r.value());
    }

    @Test
    void strictRejectsNonZeroFlagsInMsChapV2Response() {
        ChapPacket.Response r = response("ab".repeat(16) + "00".repeat(8) + "cd".repeat(24) + "01");
        assertThatThrownBy(() -> MsChapV2Response.parse(r, DecodeMode.STRICT))
                .hasMessage("MS-CHAP-V2 Response: Flags at offset 53: expected 0, found 1");
    }

    @Test
    void rejectsMsChapV2ValueOfWrongSize() {
        assertThatThrownBy(() -> MsChapV2Response.parse(response("00".repeat(50)), DecodeMode.STRICT))
                .hasMessage("CHAP Response: Value-Size at offset 4: expected 49 for MS-CHAP-V2, found 50");
    }

    @Test
    void valueRecordsRefuseWrongFieldSizes() {
        assertThatThrownBy(() -> MsChapV2Response.of(Bytes.of(new byte[15]), Bytes.of(new byte[24])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Peer-Challenge is 15 bytes; it must be 16");
        assertThatThrownBy(() -> MsChapV1Response.of(Bytes.of(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("NT-Challenge-Response is 16 bytes; it must be 24");
    }
}
