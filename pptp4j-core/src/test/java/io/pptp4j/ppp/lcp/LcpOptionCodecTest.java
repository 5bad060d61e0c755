package io.pptp4j.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class LcpOptionCodecTest {

    /** One of every option record, with the Length each must be encoded with. */
    static final List<LcpOption> EVERY_OPTION = List.of(
            new LcpOption.MaximumReceiveUnit(1400),
            new LcpOption.AsyncControlCharacterMap(0x000A0000L),
            LcpOption.AuthenticationProtocol.pap(),
            LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MD5),
            LcpOption.AuthenticationProtocol.eap(),
            new LcpOption.AuthenticationProtocol(0xC227 + 2, Bytes.fromHex("0102")),
            LcpOption.QualityProtocol.linkQualityReport(1000),
            new LcpOption.QualityProtocol(0x1234, Bytes.EMPTY),
            new LcpOption.MagicNumber(0xFFFFFFFFL),
            new LcpOption.ProtocolFieldCompression(),
            new LcpOption.AddressAndControlFieldCompression(),
            LcpOption.Callback.of(CallbackOperation.E164_NUMBER, Bytes.of("5551234".getBytes())),
            new LcpOption.MaximumReceiveReconstructedUnit(1614),
            new LcpOption.ShortSequenceNumberHeaderFormat(),
            LcpOption.EndpointDiscriminator.of(EndpointClass.INTERNET_PROTOCOL_ADDRESS, Bytes.fromHex("c0a80001")),
            new LcpOption.LinkDiscriminator(0xBEEF),
            new LcpOption.Unknown(9, Bytes.fromHex("02")),
            new LcpOption.Unknown(200, Bytes.EMPTY));

    private static final int EVERY_OPTION_LENGTH = 4 + 6 + 4 + 5 + 4 + 6 + 8 + 4 + 6 + 2 + 2 + 10 + 4 + 2 + 7 + 4 + 3 + 2;

    private static void assertRoundTrip(CpPacket<LcpOption> packet, int expectedLength) throws DecodeException {
        byte[] wire = Lcp.CODEC.encode(packet);
        assertThat(wire).hasSize(expectedLength);
        assertThat(((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF)).as("Length field").isEqualTo(expectedLength);
        assertThat(wire[0] & 0xFF).as("Code").isEqualTo(packet.code());
        assertThat(Lcp.CODEC.decode(wire, DecodeMode.STRICT)).isEqualTo(packet);
        assertThat(Lcp.CODEC.decode(wire, DecodeMode.LENIENT)).isEqualTo(packet);
    }

    @Test
    void everyOptionRoundTripsInEachConfigurePacket() throws DecodeException {
        assertRoundTrip(new CpPacket.ConfigureRequest<>(1, EVERY_OPTION), 4 + EVERY_OPTION_LENGTH);
        assertRoundTrip(new CpPacket.ConfigureAck<>(2, EVERY_OPTION), 4 + EVERY_OPTION_LENGTH);
        assertRoundTrip(new CpPacket.ConfigureNak<>(3, EVERY_OPTION), 4 + EVERY_OPTION_LENGTH);
        assertRoundTrip(new CpPacket.ConfigureReject<>(255, EVERY_OPTION), 4 + EVERY_OPTION_LENGTH);
        assertRoundTrip(new CpPacket.ConfigureRequest<>(0, List.of()), 4);
    }

    @Test
    void everyOtherLcpCodeRoundTrips() throws DecodeException {
        Bytes data = Bytes.fromHex("deadbeef");
        assertRoundTrip(new CpPacket.TerminateRequest<>(5, data), 8);
        assertRoundTrip(new CpPacket.TerminateAck<>(5, Bytes.EMPTY), 4);
        assertRoundTrip(new CpPacket.CodeReject<>(6, Bytes.fromHex("0e070004")), 8);
        assertRoundTrip(new CpPacket.ProtocolReject<>(7, 0x8057, data), 10);
        assertRoundTrip(new CpPacket.EchoRequest<>(8, 0x12345678L, data), 12);
        assertRoundTrip(new CpPacket.EchoReply<>(8, 0x87654321L, Bytes.EMPTY), 8);
        assertRoundTrip(new CpPacket.DiscardRequest<>(9, 0, data), 12);
        assertRoundTrip(new CpPacket.Identification<>(10, 1, Bytes.of("MSRASV5.20".getBytes())), 18);
        assertRoundTrip(new CpPacket.TimeRemaining<>(11, 2, 0xFFFFFFFFL, Bytes.EMPTY), 12);
    }

    @Test
    void rejectsCcpResetRequestCodeWithCodeRejectReply() {
        byte[] wire = Lcp.CODEC.encode(new CpPacket.ResetRequest<>(1, Bytes.EMPTY));
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.replyCode()).isEqualTo(7))
                .hasMessage("LCP: Code at offset 0: expected one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, found 14");
    }

    @Test
    void encodesOptionsInRfcLayout() {
        byte[] wire = Lcp.CODEC.encode(new CpPacket.ConfigureRequest<>(7, List.of(
                new LcpOption.MaximumReceiveUnit(1500),
                LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP),
                LcpOption.QualityProtocol.linkQualityReport(0x01020304L),
                new LcpOption.LinkDiscriminator(0x0102),
                new LcpOption.EndpointDiscriminator(0, Bytes.EMPTY))));
        assertThat(Hex.of(wire)).isEqualTo("0107001c" + "010405dc" + "0305c22380" + "0408c02501020304" + "17040102" + "130300");
    }

    @Test
    void rejectsShortMaximumReceiveUnitInStrictMode() {
        byte[] wire = Hex.parse("01010007010305");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .isInstanceOf(DecodeException.class)
                .hasMessage("LCP Configure-Request: Maximum-Receive-Unit at offset 6: expected Length 4, found 3");
    }

    @Test
    void rejectsShortMagicNumberAfterAnotherOption() {
        byte[] wire = Hex.parse("0101000c" + "010405dc" + "05040000");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Magic-Number at offset 10: expected Length 6, found 4");
    }

    @Test
    void rejectsProtocolFieldCompressionWithData() {
        byte[] wire = Hex.parse("02030007070300");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Ack: Protocol-Field-Compression at offset 6: expected Length 2, found 3");
    }

    @Test
    void rejectsAuthenticationProtocolWithoutProtocol() {
        byte[] wire = Hex.parse("01010007" + "0303c2");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Authentication-Protocol at offset 6: expected Length 4 or more, found 3");
    }

    @Test
    void rejectsChapWithoutAlgorithm() {
        byte[] wire = Hex.parse("03010008" + "0304c223");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Nak: Authentication-Protocol at offset 6: expected Length 5 for CHAP, found 4");
    }

    @Test
    void rejectsPapWithData() {
        byte[] wire = Hex.parse("01010009" + "0305c02300");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Authentication-Protocol at offset 6: expected Length 4 for PAP, found 5");
    }

    @Test
    void rejectsLqrWithoutReportingPeriod() {
        byte[] wire = Hex.parse("01010008" + "0404c025");
        assertThatThrownBy(() -> Lcp.CODEC.decode(wire, DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Quality-Protocol at offset 6: expected Length 8 for LQR, found 4");
    }

    @Test
    void rejectsCallbackWithoutOperationAndLongLinkDiscriminator() {
        assertThatThrownBy(() -> Lcp.CODEC.decode(Hex.parse("040100060d02"), DecodeMode.STRICT))
                .hasMessage("LCP Configure-Reject: Callback at offset 6: expected Length 3 or more, found 2");
        assertThatThrownBy(() -> Lcp.CODEC.decode(Hex.parse("010100091705000102"), DecodeMode.STRICT))
                .hasMessage("LCP Configure-Request: Link-Discriminator at offset 6: expected Length 4, found 5");
    }

    @Test
    void lenientKeepsMalformedOptionAndDecodesTheRest() throws DecodeException {
        byte[] wire = Hex.parse("0101000d" + "010305" + "0506cafebabe");
        CpPacket<LcpOption> p = Lcp.CODEC.decode(wire, DecodeMode.LENIENT);
        assertThat(((CpPacket.ConfigureRequest<LcpOption>) p).options()).containsExactly(
                new LcpOption.Malformed(1, Bytes.fromHex("05"),
                        "LCP Configure-Request: Maximum-Receive-Unit at offset 6: expected Length 4, found 3"),
                new LcpOption.MagicNumber(0xCAFEBABEL));
        // what was malformed goes back on the wire as it came
        assertThat(Lcp.CODEC.encode(p)).isEqualTo(wire);
    }

    @Test
    void lenientKeepsMalformedChapAlgorithm() throws DecodeException {
        CpPacket<LcpOption> p = Lcp.CODEC.decode(Hex.parse("0301000a" + "0306c2238100"), DecodeMode.LENIENT);
        LcpOption o = ((CpPacket.ConfigureNak<LcpOption>) p).options().getFirst();
        assertThat(o).isEqualTo(new LcpOption.Malformed(3, Bytes.fromHex("c2238100"),
                "LCP Configure-Nak: Authentication-Protocol at offset 6: expected Length 5 for CHAP, found 6"));
        assertThat(o.name()).isEqualTo("Authentication-Protocol");
    }

    @Test
    void keepsUnknownOptionsInStrictModeWithTheirNames() throws DecodeException {
        byte[] wire = Hex.parse("01010012" + "090302" + "0a0304" + "00060000010c" + "c802");
        CpPacket<LcpOption> p = Lcp.CODEC.decode(wire, DecodeMode.STRICT);
        List<LcpOption> options = ((CpPacket.ConfigureRequest<LcpOption>) p).options();
        assertThat(options).containsExactly(
                new LcpOption.Unknown(9, Bytes.fromHex("02")),
                new LcpOption.Unknown(10, Bytes.fromHex("04")),
                new LcpOption.Unknown(0, Bytes.fromHex("0000010c")),
                new LcpOption.Unknown(200, Bytes.EMPTY));
        assertThat(options).extracting(LcpOption::name)
                .containsExactly("FCS-Alternatives", "Self-Describing-Padding", "Vendor-Specific", "Option 200");
        assertThat(Lcp.CODEC.encode(p)).isEqualTo(wire);
    }

    @Test
    void namesEveryKnownByNameType() {
        assertThat(new LcpOption.Unknown(6, Bytes.EMPTY).name()).isEqualTo("Quality-Protocol (deprecated)");
        assertThat(new LcpOption.Unknown(11, Bytes.EMPTY).name()).isEqualTo("Numbered-Mode");
        assertThat(new LcpOption.Unknown(12, Bytes.EMPTY).name()).isEqualTo("Multi-Link-Procedure");
        assertThat(new LcpOption.Unknown(14, Bytes.EMPTY).name()).isEqualTo("Connect-Time");
        assertThat(new LcpOption.Unknown(15, Bytes.EMPTY).name()).isEqualTo("Compound-Frames");
        assertThat(new LcpOption.Unknown(16, Bytes.EMPTY).name()).isEqualTo("Nominal-Data-Encapsulation");
        assertThat(new LcpOption.Unknown(20, Bytes.EMPTY).name()).isEqualTo("Proprietary");
        assertThat(new LcpOption.Unknown(21, Bytes.EMPTY).name()).isEqualTo("DCE-Identifier");
        assertThat(new LcpOption.Unknown(22, Bytes.EMPTY).name()).isEqualTo("Multi-Link-Plus-Procedure");
        assertThat(new LcpOption.Unknown(24, Bytes.EMPTY).name()).isEqualTo("LCP-Authentication-Option");
        assertThat(new LcpOption.Unknown(25, Bytes.EMPTY).name()).isEqualTo("COBS");
        assertThat(new LcpOption.Unknown(26, Bytes.EMPTY).name()).isEqualTo("Prefix-Elision");
        assertThat(new LcpOption.Unknown(27, Bytes.EMPTY).name()).isEqualTo("Multilink-Header-Format");
        assertThat(new LcpOption.Unknown(28, Bytes.EMPTY).name()).isEqualTo("Internationalization");
    }

    @Test
    void namesEveryRecordAfterItsRfc() {
        assertThat(EVERY_OPTION).extracting(LcpOption::name).containsExactly(
                "Maximum-Receive-Unit", "Async-Control-Character-Map", "Authentication-Protocol", "Authentication-Protocol",
                "Authentication-Protocol", "Authentication-Protocol", "Quality-Protocol", "Quality-Protocol", "Magic-Number",
                "Protocol-Field-Compression", "Address-and-Control-Field-Compression", "Callback",
                "Maximum-Receive-Reconstructed-Unit", "Short-Sequence-Number-Header-Format", "Endpoint-Discriminator",
                "Link-Discriminator", "FCS-Alternatives", "Option 200");
        assertThat(EVERY_OPTION).extracting(LcpOption::type)
                .containsExactly(1, 2, 3, 3, 3, 3, 4, 4, 5, 7, 8, 13, 17, 18, 19, 23, 9, 200);
    }

    @Test
    void unknownRefusesATypeThatHasItsOwnRecord() {
        assertThatThrownBy(() -> new LcpOption.Unknown(1, Bytes.fromHex("05dc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LCP option 1 (Maximum-Receive-Unit) has its own record");
    }

    @Test
    void recordsRefuseValuesThatDoNotFitTheirFields() {
        assertThatThrownBy(() -> new LcpOption.MaximumReceiveUnit(0x10000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LcpOption.MagicNumber(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LcpOption.Callback(256, Bytes.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LcpOption.Unknown(99, Bytes.of(new byte[254]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LcpOption.AuthenticationProtocol(0xC223, Bytes.of(new byte[252])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authenticationProtocolExposesChapAlgorithm() {
        assertThat(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MD5).chapAlgorithm()).contains(ChapAlgorithm.MD5);
        assertThat(LcpOption.AuthenticationProtocol.chap(0x06).chapAlgorithm()).isEmpty();
        assertThat(LcpOption.AuthenticationProtocol.chap(0x06).algorithm()).hasValue(6);
        assertThat(LcpOption.AuthenticationProtocol.pap().algorithm()).isEmpty();
        assertThat(LcpOption.AuthenticationProtocol.pap().protocolName()).isEqualTo("PAP");
        assertThat(ChapAlgorithm.describe(0x81)).isEqualTo("MS-CHAP-v2");
        assertThat(ChapAlgorithm.describe(0x06)).isEqualTo("0x06");
    }

    @Test
    void qualityProtocolExposesLqrReportingPeriod() {
        assertThat(LcpOption.QualityProtocol.linkQualityReport(0xFFFFFFFFL).reportingPeriod()).hasValue(0xFFFFFFFFL);
        assertThat(new LcpOption.QualityProtocol(0x1234, Bytes.fromHex("00000001")).reportingPeriod()).isEmpty();
    }

    @Test
    void endpointDiscriminatorChecksAddressLengthAgainstClass() {
        assertThat(new LcpOption.EndpointDiscriminator(2, Bytes.fromHex("0a000001")).addressLengthValid()).isTrue();
        assertThat(new LcpOption.EndpointDiscriminator(2, Bytes.fromHex("0a0000")).addressLengthValid()).isFalse();
        assertThat(new LcpOption.EndpointDiscriminator(4, Bytes.fromHex("0102030405")).addressLengthValid()).isFalse();
        assertThat(new LcpOption.EndpointDiscriminator(4, Bytes.fromHex("0102030405060708")).addressLengthValid()).isTrue();
        assertThat(new LcpOption.EndpointDiscriminator(0, Bytes.EMPTY).addressLengthValid()).isTrue();
        assertThat(new LcpOption.EndpointDiscriminator(9, Bytes.fromHex("01")).addressLengthValid()).isFalse();
        assertThat(EndpointClass.describe(3)).isEqualTo("IEEE 802.1 Globally Assigned MAC Address");
    }

    @Test
    void looksUpOptionTypesByWireValue() {
        assertThat(LcpOptionType.of(17)).contains(LcpOptionType.MAXIMUM_RECEIVE_RECONSTRUCTED_UNIT);
        assertThat(LcpOptionType.of(30)).isEmpty();
        assertThat(LcpOptionType.nameOf(19)).isEqualTo("Endpoint-Discriminator");
        assertThat(LcpOptionType.MAGIC_NUMBER.hasRecord()).isTrue();
        assertThat(LcpOptionType.FCS_ALTERNATIVES.hasRecord()).isFalse();
        assertThat(CallbackOperation.describe(6)).isEqualTo("location determined during CBCP negotiation");
    }
}
