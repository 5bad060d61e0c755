package io.pptp4j.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class CcpOptionCodecTest {

    private static void assertRoundTrip(CpPacket<CcpOption> packet, int expectedLength) throws DecodeException {
        byte[] wire = Ccp.CODEC.encode(packet);
        assertThat(wire).hasSize(expectedLength);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).as("Length field").isEqualTo(expectedLength);
        assertThat(Ccp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
    }

    @Test
    void everyOptionAndCcpCodeRoundTrips() throws DecodeException {
        List<CcpOption> options = List.of(
                new CcpOption.Unknown(0, Bytes.fromHex("00000c01")),
                new CcpOption.Unknown(17, Bytes.fromHex("000103")),
                CcpOption.MicrosoftPpc.of(SupportedBit.values()),
                new CcpOption.MicrosoftPpc(0xFFFFFFFFL),
                new CcpOption.Unknown(26, Bytes.fromHex("7808")));
        int optionsLength = 6 + 5 + 6 + 6 + 4;
        assertRoundTrip(new CpPacket.ConfigureRequest<>(1, options), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureAck<>(1, options), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureNak<>(2, options), 4 + optionsLength);
        assertRoundTrip(new CpPacket.ConfigureReject<>(3, options), 4 + optionsLength);
        assertRoundTrip(new CpPacket.TerminateRequest<>(4, Bytes.EMPTY), 4);
        assertRoundTrip(new CpPacket.TerminateAck<>(4, Bytes.EMPTY), 4);
        assertRoundTrip(new CpPacket.CodeReject<>(5, Bytes.fromHex("10010004")), 8);
        assertRoundTrip(new CpPacket.ResetRequest<>(6, Bytes.EMPTY), 4);
        assertRoundTrip(new CpPacket.ResetAck<>(6, Bytes.fromHex("abcd")), 6);
    }

    @Test
    void rejectsEchoRequestCodeAsNotACcpCode() {
        assertThatThrownBy(() -> Ccp.CODEC.decode(Hex.parse("0901000800000000"), DecodeMode.STRICT))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.replyCode()).isEqualTo(7))
                .hasMessage("CCP: Code at offset 0: expected one of 1, 2, 3, 4, 5, 6, 7, 14, 15, found 9");
    }

    @Test
    void rejectsShortMicrosoftPpcInStrictMode() {
        assertThatThrownBy(() -> Ccp.CODEC.decode(Hex.parse("01010009" + "1205010000"), DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("CCP Configure-Request: Microsoft PPC at offset 6: expected Length 6, found 5");
        assertThatThrownBy(() -> Ccp.CODEC.decode(Hex.parse("0301000f" + "1a047808" + "120701000040ff"), DecodeMode.STRICT))
                .hasMessage("CCP Configure-Nak: Microsoft PPC at offset 10: expected Length 6, found 7");
    }

    @Test
    void lenientKeepsMalformedMicrosoftPpcAndGoesOn() throws DecodeException {
        byte[] wire = Hex.parse("0101000d" + "1205010000" + "1a047808");
        CpPacket<CcpOption> p = Ccp.CODEC.decode(wire, DecodeMode.LENIENT);
        assertThat(((CpPacket.ConfigureRequest<CcpOption>) p).options()).containsExactly(
                new CcpOption.Malformed(18, Bytes.fromHex("010000"),
                        "CCP Configure-Request: Microsoft PPC at offset 6: expected Length 6, found 5"),
                new CcpOption.Unknown(26, Bytes.fromHex("7808")));
        assertThat(Ccp.CODEC.encode(p)).isEqualTo(wire);
    }

    @Test
    void keepsOtherCompressionTypesRawWithTheirNames() throws DecodeException {
        byte[] wire = Hex.parse("01010011" + "1a047808" + "11050001" + "03" + "1502" + "fe02");
        CpPacket<CcpOption> p = Ccp.CODEC.decode(wire, DecodeMode.STRICT);
        List<CcpOption> options = ((CpPacket.ConfigureRequest<CcpOption>) p).options();
        assertThat(options).containsExactly(new CcpOption.Unknown(26, Bytes.fromHex("7808")),
                new CcpOption.Unknown(17, Bytes.fromHex("000103")), new CcpOption.Unknown(21, Bytes.EMPTY),
                new CcpOption.Unknown(254, Bytes.EMPTY));
        assertThat(options).extracting(CcpOption::name)
                .containsExactly("Deflate", "Stac Electronics LZS", "BSD LZW Compress", "Option 254");
    }

    @Test
    void namesEveryKnownCompressionType() {
        assertThat(List.of(0, 1, 2, 3, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27)).extracting(CcpOptionType::nameOf)
                .containsExactly("OUI", "Predictor type 1", "Predictor type 2", "Puddle Jumper", "Hewlett-Packard PPC",
                        "Stac Electronics LZS", "Microsoft PPC", "Gandalf FZA", "V.42bis compression", "BSD LZW Compress",
                        "LZS-DCP", "Magnalink MVRCA", "DCE", "Deflate", "V.44");
        assertThat(CcpOptionType.nameOf(22)).isEqualTo("Option 22");
    }

    @Test
    void supportedBitsHaveTheirRfc3078Values() {
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.H).supportedBits()).isEqualTo(0x01000000L);
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.M).supportedBits()).isEqualTo(0x80L);
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.S).supportedBits()).isEqualTo(0x40L);
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.L).supportedBits()).isEqualTo(0x20L);
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.D).supportedBits()).isEqualTo(0x10L);
        assertThat(CcpOption.MicrosoftPpc.of(SupportedBit.C).supportedBits()).isEqualTo(0x01L);
        assertThat(SupportedBit.DEFINED).isEqualTo(0x010000F1L);
    }

    @Test
    void namedAccessorsAndLettersFollowTheBits() {
        var all = new CcpOption.MicrosoftPpc(0x010000F1L);
        assertThat(all.bitLetters()).isEqualTo("H,M,S,L,D,C");
        assertThat(all.stateless() && all.mppe56() && all.mppe128() && all.mppe40() && all.obsoleteD() && all.mppc()).isTrue();
        assertThat(all.reservedBits()).isZero();
        var none = new CcpOption.MicrosoftPpc(0);
        assertThat(none.bitLetters()).isEmpty();
        assertThat(none.describe()).isEqualTo("none");
        assertThat(none.encrypts()).isFalse();
        assertThat(none.strongestEncryption()).isEmpty();
        assertThat(CcpOption.MicrosoftPpc.fromLetters("L").strongestEncryption()).contains(SupportedBit.L);
        assertThat(CcpOption.MicrosoftPpc.fromLetters("m, l").strongestEncryption()).contains(SupportedBit.M);
        assertThat(CcpOption.MicrosoftPpc.fromLetters("HMSLDC")).isEqualTo(all);
    }

    @Test
    void keepsReservedBitsVisible() {
        var odd = new CcpOption.MicrosoftPpc(0x01000140L);
        assertThat(odd.bitLetters()).isEqualTo("H,S");
        assertThat(odd.reservedBits()).isEqualTo(0x100L);
        assertThat(odd.describe()).isEqualTo("H,S +0x00000100");
        assertThat(odd.with(SupportedBit.L).supportedBits()).isEqualTo(0x01000160L);
    }

    @Test
    void refusesBadLettersAndUnknownOfMicrosoftPpc() {
        assertThatThrownBy(() -> CcpOption.MicrosoftPpc.fromLetters("H,X"))
                .hasMessage("'X' in 'H,X' is not one of H, M, S, L, D, C");
        assertThatThrownBy(() -> new CcpOption.Unknown(18, Bytes.fromHex("01000040")))
                .hasMessage("CCP option 18 (Microsoft PPC) has its own record");
        assertThatThrownBy(() -> new CcpOption.MicrosoftPpc(0x100000000L)).isInstanceOf(IllegalArgumentException.class);
    }
}
