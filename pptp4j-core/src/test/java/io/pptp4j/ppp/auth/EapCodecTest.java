package io.pptp4j.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RFC 2284 layouts. The Windows RRAS capture (pptpcrack-windows-rras-session.pcap) has no EAP packet: RRAS
 * offers EAP (0xC227) only inside LCP Configure-Requests (frames 276, 279), and the client Naks it in favour
 * of CHAP (frame 281), so there is no golden EAP packet from a real peer here.
 */
class EapCodecTest {
    static EapPacket strict(String hex) throws DecodeException { return EapCodec.decode(Hex.parse(hex), DecodeMode.STRICT); }

    static String strictError(String hex) {
        try {
            strict(hex);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded " + hex);
    }

    static void assertReencodes(String hex) throws DecodeException {
        assertThat(EapCodec.encode(strict(hex))).isEqualTo(Hex.parse(hex));
    }

    @Test
    void decodesIdentityExchangeFromRfcLayout() throws Exception {
        // RFC 2284 2.2.1 and 3.1: Request/Identity with no Type-Data; Response/Identity "vpnuser"
        EapPacket request = strict("01 01 0005 01");
        assertThat(request).isEqualTo(new EapPacket.Request(1, 1, Bytes.EMPTY));
        assertThat(((EapPacket.Request) request).eapType()).contains(EapType.IDENTITY);
        EapPacket response = strict("02 01 000c 01 76706e75736572");
        assertThat(response).isEqualTo(new EapPacket.Response(1, 1, Bytes.fromHex("76706e75736572")));
        assertReencodes("01 01 0005 01");
        assertReencodes("02 01 000c 01 76706e75736572");
    }

    @Test
    void decodesMd5ChallengeAndNak() throws Exception {
        // RFC 2284 3.4: MD5-Challenge Type-Data is Value-Size, Value, Name; kept raw here
        String md5 = "01 02 0016 04 10 00112233445566778899aabbccddeeff";
        assertThat(strict(md5)).isEqualTo(new EapPacket.Request(2, 4, Bytes.fromHex("10 00112233445566778899aabbccddeeff")));
        // RFC 2284 3.3: Nak naming the type the peer wants instead (26, EAP-MSCHAP-V2)
        EapPacket.Response nak = (EapPacket.Response) strict("02 02 0006 03 1a");
        assertThat(nak.eapType()).contains(EapType.NAK);
        assertThat(nak.typeData()).isEqualTo(Bytes.fromHex("1a"));
        assertThat(EapType.of(nak.typeData().get(0))).contains(EapType.MSCHAP_V2);
        assertReencodes(md5);
        assertReencodes("02 02 0006 03 1a");
    }

    @Test
    void decodesSuccessAndFailure() throws Exception {
        assertThat(strict("03 02 0004")).isEqualTo(new EapPacket.Success(2));
        assertThat(strict("04 02 0004")).isEqualTo(new EapPacket.Failure(2));
        assertThat(strict("04 02 0004 0000").codeName()).isEqualTo("Failure");
        assertReencodes("03 02 0004");
        assertReencodes("04 02 0004");
    }

    @Test
    void strictRejectsSuccessWithDataLenientIgnoresIt() throws Exception {
        assertThat(strictError("03 02 0006 abcd")).isEqualTo("EAP Success: Length at offset 2: expected 4, found 6");
        assertThat(EapCodec.decode(Hex.parse("03 02 0006 abcd"), DecodeMode.LENIENT)).isEqualTo(new EapPacket.Success(2));
    }

    @Test
    void rejectsRequestWithoutType() {
        assertThat(strictError("01 01 0004")).isEqualTo("EAP Request: Type at offset 4: expected 1 byte, found 0 bytes left");
    }

    @Test
    void rejectsBadLength() {
        assertThat(strictError("02 01 0003 01")).isEqualTo("EAP Response: Length at offset 2: expected 4 to 5, found 3");
        assertThat(strictError("02 01 0010 01")).isEqualTo("EAP Response: Length at offset 2: expected 4 to 5, found 16");
    }

    @Test
    void strictRejectsUnknownCodeLenientKeepsIt() throws Exception {
        assertThat(strictError("05 01 0004")).isEqualTo("EAP: Code at offset 0: expected one of 1, 2, 3, 4, found 5");
        assertThat(EapCodec.decode(Hex.parse("05 01 0005 09"), DecodeMode.LENIENT))
                .isEqualTo(new EapPacket.Unknown(5, 1, Bytes.fromHex("09")));
    }

    @Test
    void namesTypes() {
        assertThat(EapType.describe(26)).isEqualTo("EAP-MSCHAP-V2");
        assertThat(EapType.describe(29)).isEqualTo("EAP-MSCHAPv2 (Cisco)");
        assertThat(EapType.describe(254)).isEqualTo("Expanded");
        assertThat(EapType.describe(99)).isEqualTo("Type 99");
        assertThat(EapType.of(43)).contains(EapType.FAST);
    }

    @Test
    void everyTruncationIsADecodeException() {
        byte[] full = Hex.parse("02 01 000c 01 76706e75736572");
        for (int n = 0; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThatThrownBy(() -> EapCodec.decode(cut, DecodeMode.LENIENT)).isInstanceOf(DecodeException.class);
        }
    }
}
