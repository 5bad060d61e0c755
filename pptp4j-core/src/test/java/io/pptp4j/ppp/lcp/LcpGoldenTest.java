package io.pptp4j.ppp.lcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LCP packets from real PPTP peers, taken from the GRE payloads of the captures in testdata/captures
 * (PPP frame from the first octet after the GRE header). Each decodes strictly and encodes back to the
 * same octets.
 */
class LcpGoldenTest {

    private static CpPacket<LcpOption> decodeFrame(String hex, boolean addressControl) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(hex));
        assertThat(frame.protocol()).isEqualTo(PppProtocol.LCP.value());
        assertThat(frame.addressControlPresent()).isEqualTo(addressControl);
        CpPacket<LcpOption> packet = Lcp.CODEC.decode(frame.information().toArray(), DecodeMode.STRICT);
        assertThat(Lcp.CODEC.decode(frame.information().toArray(), DecodeMode.LENIENT)).isEqualTo(packet);
        return packet;
    }

    /** Re-encodes the packet in the frame it came in and compares with the first {@code length} octets of the frame. */
    private static void assertReencodes(CpPacket<LcpOption> packet, String hex, int frameLength) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(Hex.parse(hex));
        byte[] again = PppFrameCodec.encode(new PppFrame(frame.addressControlPresent(), frame.protocolCompressed(),
                frame.protocol(), Bytes.of(Lcp.CODEC.encode(packet))));
        assertThat(Hex.of(again)).isEqualTo(Hex.of(Hex.parse(hex), 0, frameLength));
    }

    // tcpdump-pptp-nt-moretonbay.pcap frame 16 (GRE call 0, seq 0), Windows NT client to MoretonBay
    private static final String WINDOWS_NT_CONFIGURE_REQUEST = "ff03c0210100002c0506021952cf070208020d03061104064e"
            + "13170129f76a9077f1472c835247f271d656070000000c";

    @Test
    void windowsNtConfigureRequestOffersMultilinkAndCallback() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_NT_CONFIGURE_REQUEST, true);
        assertThat(p).isInstanceOf(CpPacket.ConfigureRequest.class);
        assertThat(p.identifier()).isZero();
        assertThat(((CpPacket.ConfigureRequest<LcpOption>) p).options()).containsExactly(
                new LcpOption.MagicNumber(0x021952CFL),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression(),
                new LcpOption.Callback(6, Bytes.EMPTY),
                new LcpOption.MaximumReceiveReconstructedUnit(1614),
                new LcpOption.EndpointDiscriminator(1, Bytes.fromHex("29f76a9077f1472c835247f271d656070000000c")));
        assertReencodes(p, WINDOWS_NT_CONFIGURE_REQUEST, 48);
    }

    @Test
    void windowsNtOptionsCarryTheirRfcNamesAndMeanings() throws DecodeException {
        var options = ((CpPacket.ConfigureRequest<LcpOption>) decodeFrame(WINDOWS_NT_CONFIGURE_REQUEST, true)).options();
        assertThat(options).extracting(LcpOption::name).containsExactly("Magic-Number", "Protocol-Field-Compression",
                "Address-and-Control-Field-Compression", "Callback", "Maximum-Receive-Reconstructed-Unit",
                "Endpoint-Discriminator");
        var callback = (LcpOption.Callback) options.get(3);
        assertThat(callback.callbackOperation()).contains(CallbackOperation.CBCP);
        var endpoint = (LcpOption.EndpointDiscriminator) options.get(5);
        assertThat(endpoint.knownClass()).contains(EndpointClass.LOCALLY_ASSIGNED_ADDRESS);
        assertThat(endpoint.addressLengthValid()).isTrue();
    }

    // pptpcrack-windows-rras-session.pcap frame 275 (GRE call 29546, seq 0), Windows client to RRAS
    private static final String WINDOWS_CLIENT_CONFIGURE_REQUEST = "ff03c0210100001501040578050675eb25d5070208020d0306";

    @Test
    void windowsClientConfigureRequest() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_CLIENT_CONFIGURE_REQUEST, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(0, List.of(
                new LcpOption.MaximumReceiveUnit(1400),
                new LcpOption.MagicNumber(0x75EB25D5L),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression(),
                new LcpOption.Callback(6, Bytes.EMPTY))));
        assertReencodes(p, WINDOWS_CLIENT_CONFIGURE_REQUEST, 25);
    }

    // pptpcrack-windows-rras-session.pcap frame 276 (GRE call 40265, seq 0), RRAS to the Windows client
    private static final String WINDOWS_RRAS_CONFIGURE_REQUEST_EAP = "ff03c02101000034010405780304c227050670ed20e6"
            + "070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000";

    @Test
    void windowsRrasOffersEapFirst() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_RRAS_CONFIGURE_REQUEST_EAP, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(0, List.of(
                new LcpOption.MaximumReceiveUnit(1400),
                LcpOption.AuthenticationProtocol.eap(),
                new LcpOption.MagicNumber(0x70ED20E6L),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression(),
                new LcpOption.Callback(6, Bytes.EMPTY),
                new LcpOption.MaximumReceiveReconstructedUnit(1614),
                new LcpOption.EndpointDiscriminator(1, Bytes.fromHex("f3198e8764b2429f8d09ef637b516ea700000000")))));
        var auth = (LcpOption.AuthenticationProtocol) ((CpPacket.ConfigureRequest<LcpOption>) p).options().get(1);
        assertThat(auth.protocolName()).isEqualTo("EAP");
        assertThat(auth.chapAlgorithm()).isEmpty();
        assertReencodes(p, WINDOWS_RRAS_CONFIGURE_REQUEST_EAP, 56);
    }

    // pptpcrack-windows-rras-session.pcap frame 278 (GRE call 29546, seq 1), Windows client to RRAS
    private static final String WINDOWS_CLIENT_CONFIGURE_REJECT = "ff03c0210400001f1104064e131701f3198e8764b2429f8d"
            + "09ef637b516ea700000000";

    @Test
    void windowsClientRejectsMultilinkOptionsOfRras() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_CLIENT_CONFIGURE_REJECT, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureReject<>(0, List.of(
                new LcpOption.MaximumReceiveReconstructedUnit(1614),
                new LcpOption.EndpointDiscriminator(1, Bytes.fromHex("f3198e8764b2429f8d09ef637b516ea700000000")))));
        assertReencodes(p, WINDOWS_CLIENT_CONFIGURE_REJECT, 35);
    }

    // pptpcrack-windows-rras-session.pcap frame 281 (GRE call 29546, seq 2), Windows client to RRAS
    private static final String WINDOWS_CLIENT_CONFIGURE_NAK = "ff03c021030100090305c22381";

    @Test
    void windowsClientNaksEapWithMsChapV2() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_CLIENT_CONFIGURE_NAK, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureNak<>(1, List.of(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2))));
        var auth = (LcpOption.AuthenticationProtocol) ((CpPacket.ConfigureNak<LcpOption>) p).options().getFirst();
        assertThat(auth.protocol()).isEqualTo(0xC223);
        assertThat(auth.chapAlgorithm()).contains(ChapAlgorithm.MS_CHAP_V2);
        assertThat(auth.algorithm()).hasValue(0x81);
        assertReencodes(p, WINDOWS_CLIENT_CONFIGURE_NAK, 13);
    }

    // pptpcrack-windows-rras-session.pcap frames 282 (GRE call 40265, seq 3; RRAS) and 283 (call 29546, seq 3;
    // the Windows client acknowledging it)
    private static final String WINDOWS_RRAS_CONFIGURE_REQUEST_MSCHAPV2 = "ff03c0210102001a010405780305c22381050670ed20e6"
            + "070208020d0306";
    private static final String WINDOWS_CLIENT_CONFIGURE_ACK = "ff03c0210202001a010405780305c22381050670ed20e6"
            + "070208020d0306";

    @Test
    void windowsRrasRequestsMsChapV2AfterTheNakAndTheClientAcks() throws DecodeException {
        List<LcpOption> expected = List.of(
                new LcpOption.MaximumReceiveUnit(1400),
                LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2),
                new LcpOption.MagicNumber(0x70ED20E6L),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression(),
                new LcpOption.Callback(6, Bytes.EMPTY));
        CpPacket<LcpOption> request = decodeFrame(WINDOWS_RRAS_CONFIGURE_REQUEST_MSCHAPV2, true);
        CpPacket<LcpOption> ack = decodeFrame(WINDOWS_CLIENT_CONFIGURE_ACK, true);
        assertThat(request).isEqualTo(new CpPacket.ConfigureRequest<>(2, expected));
        assertThat(ack).isEqualTo(new CpPacket.ConfigureAck<>(2, expected));
        assertReencodes(request, WINDOWS_RRAS_CONFIGURE_REQUEST_MSCHAPV2, 30);
        assertReencodes(ack, WINDOWS_CLIENT_CONFIGURE_ACK, 30);
    }

    // pptpcrack-windows-rras-session.pcap frames 284 and 285 (GRE call 29546, seq 4 and 5): the Windows client
    // sends Identification without Address and Control once ACFC is agreed
    private static final String WINDOWS_CLIENT_IDENTIFICATION_VERSION = "c0210c01001275eb25d54d5352415356352e3230";
    private static final String WINDOWS_CLIENT_IDENTIFICATION_HOST = "c0210c02001f75eb25d54d535241532d302d57494e2d32"
            + "5252425553374e394745";

    @Test
    void windowsClientIdentification() throws DecodeException {
        CpPacket<LcpOption> version = decodeFrame(WINDOWS_CLIENT_IDENTIFICATION_VERSION, false);
        CpPacket<LcpOption> host = decodeFrame(WINDOWS_CLIENT_IDENTIFICATION_HOST, false);
        assertThat(version).isEqualTo(new CpPacket.Identification<>(1, 0x75EB25D5L, Bytes.of("MSRASV5.20".getBytes())));
        assertThat(((CpPacket.Identification<LcpOption>) host).message().latin1()).isEqualTo("MSRAS-0-WIN-2RRBUS7N9GE");
        assertReencodes(version, WINDOWS_CLIENT_IDENTIFICATION_VERSION, 20);
        assertReencodes(host, WINDOWS_CLIENT_IDENTIFICATION_HOST, 33);
    }

    // pptpcrack-windows-rras-session.pcap frame 301 (GRE call 40265, seq 10): RRAS rejects IPV6CP
    private static final String WINDOWS_RRAS_PROTOCOL_REJECT = "c0210806001480570104000e010afcd3335cf10e5c31";

    @Test
    void windowsRrasProtocolRejectsIpv6cp() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(WINDOWS_RRAS_PROTOCOL_REJECT, false);
        assertThat(p).isEqualTo(new CpPacket.ProtocolReject<>(6, PppProtocol.IPV6CP.value(),
                Bytes.fromHex("0104000e010afcd3335cf10e5c31")));
        assertReencodes(p, WINDOWS_RRAS_PROTOCOL_REJECT, 22);
    }

    // chapcrack-pptplinux-pptpd-session.pcap frame 18 (GRE call 30720, seq 1), pptp-linux to pptpd
    private static final String PPTP_LINUX_CONFIGURE_REQUEST = "ff03c021010100140206000000000506cdc7e2da07020802";

    @Test
    void pptpLinuxConfigureRequest() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(PPTP_LINUX_CONFIGURE_REQUEST, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(1, List.of(
                new LcpOption.AsyncControlCharacterMap(0),
                new LcpOption.MagicNumber(0xCDC7E2DAL),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression())));
        assertReencodes(p, PPTP_LINUX_CONFIGURE_REQUEST, 24);
    }

    // chapcrack-pptplinux-pptpd-session.pcap frame 19 (GRE call 0, seq 0), pptpd to pptp-linux
    private static final String PPTPD_CONFIGURE_REQUEST = "ff03c021010100190206000000000305c223810506c29f1d2d07020802";

    @Test
    void pptpdConfigureRequestAsksForMsChapV2() throws DecodeException {
        CpPacket<LcpOption> p = decodeFrame(PPTPD_CONFIGURE_REQUEST, true);
        assertThat(p).isEqualTo(new CpPacket.ConfigureRequest<>(1, List.of(
                new LcpOption.AsyncControlCharacterMap(0),
                LcpOption.AuthenticationProtocol.chap(0x81),
                new LcpOption.MagicNumber(0xC29F1D2DL),
                new LcpOption.ProtocolFieldCompression(),
                new LcpOption.AddressAndControlFieldCompression())));
        assertReencodes(p, PPTPD_CONFIGURE_REQUEST, 29);
    }

    // chapcrack-pptplinux-pptpd-session.pcap frames 22 (pptpd, GRE call 0, seq 2) and 23 (pptp-linux, call 30720, seq 3)
    private static final String PPTPD_ECHO_REQUEST = "c02109000008c29f1d2d";
    private static final String PPTP_LINUX_ECHO_REPLY = "c0210a000008cdc7e2da";

    @Test
    void pptpdEchoRequestAndPptpLinuxEchoReply() throws DecodeException {
        CpPacket<LcpOption> request = decodeFrame(PPTPD_ECHO_REQUEST, false);
        CpPacket<LcpOption> reply = decodeFrame(PPTP_LINUX_ECHO_REPLY, false);
        assertThat(request).isEqualTo(new CpPacket.EchoRequest<>(0, 0xC29F1D2DL, Bytes.EMPTY));
        assertThat(reply).isEqualTo(new CpPacket.EchoReply<>(0, 0xCDC7E2DAL, Bytes.EMPTY));
        assertReencodes(request, PPTPD_ECHO_REQUEST, 10);
        assertReencodes(reply, PPTP_LINUX_ECHO_REPLY, 10);
    }

    // chapcrack-pptplinux-pptpd-session.pcap frames 178 (pptp-linux, GRE call 30720, seq 47) and 181 (pptpd, call 0, seq 43)
    private static final String PPTP_LINUX_TERMINATE_REQUEST = "ff03c021050200114d5050452064697361626c6564";
    private static final String PPTPD_TERMINATE_ACK = "ff03c02106020004";

    @Test
    void pptpLinuxTerminatesWithReasonText() throws DecodeException {
        CpPacket<LcpOption> request = decodeFrame(PPTP_LINUX_TERMINATE_REQUEST, true);
        CpPacket<LcpOption> ack = decodeFrame(PPTPD_TERMINATE_ACK, true);
        assertThat(request).isEqualTo(new CpPacket.TerminateRequest<>(2, Bytes.of("MPPE disabled".getBytes())));
        assertThat(ack).isEqualTo(new CpPacket.TerminateAck<>(2, Bytes.EMPTY));
        assertReencodes(request, PPTP_LINUX_TERMINATE_REQUEST, 21);
        assertReencodes(ack, PPTPD_TERMINATE_ACK, 8);
    }
}
