package io.pptp4j.tools.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.tools.CliTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RRAS = Path.of("../testdata/captures/pptpcrack-windows-rras-session.pcap");
    private static final Path NT = Path.of("../testdata/captures/tcpdump-pptp-nt-moretonbay.pcap");

    /** Windows client's IPv4/GRE packet carrying its MS-CHAPv2 Response (RRAS capture, frame 291). */
    private static final String WINDOWS_CHAP_RESPONSE_IP = "450000634bfe0000802f168ec0a82b27c0a82b683081880b003f736a0000000700000004c2230200"
            + "003d31789223b02a0cc515404bca2c696edcff00000000000000008cd6161253eac63fa53cfc6f74"
            + "692fd73b0768ca63d612f00076706e75736572";

    @Test
    void decodesAControlMessageFromHexAsJson() throws IOException {
        // Windows NT client's SCCRQ header and fields (moretonbay capture, frame 5), padded to 156 bytes
        StringBuilder hex = new StringBuilder("009c00011a2b3c4d0001000001000000000000010000000100000870");
        hex.append("00".repeat(64)).append("4d6963726f736f66742057696e646f7773204e54").append("00".repeat(44));
        CliTestSupport r = CliTestSupport.run("decode", "--json", hex.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("control").asText()).isEqualTo("Start-Control-Connection-Request");
        assertThat(n.get("fields").get("firmware_revision").asInt()).isEqualTo(2160);
        assertThat(n.get("fields").get("vendor_string").asText()).isEqualTo("Microsoft Windows NT");
    }

    @Test
    void decodesAnIpv4GrePacketDownToMsChapV2() throws IOException {
        CliTestSupport r = CliTestSupport.run("decode", "--json", WINDOWS_CHAP_RESPONSE_IP);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode gre = JSON.readTree(r.out()).get("gre");
        assertThat(gre.get("call_id").asInt()).isEqualTo(29546);
        assertThat(gre.get("seq").asLong()).isEqualTo(7);
        assertThat(gre.get("ack").asLong()).isEqualTo(4);
        assertThat(gre.get("ppp_protocol").asInt()).isEqualTo(0xC223);
        assertThat(gre.get("ppp").get("name").asText()).isEqualTo("vpnuser");
        CliTestSupport text = CliTestSupport.run("decode", WINDOWS_CHAP_RESPONSE_IP);
        assertThat(text.out()).contains("GRE call 29546 seq 7 ack 4", "PPP CHAP: Response", "name=vpnuser");
    }

    @Test
    void saysWhatIsWrongWithAMalformedControlMessage() {
        // a SCCRQ whose Magic Cookie is HTTP: the decoder names the field, the offset and both values
        String hex = "009c0001485454500001000001000000" + "00".repeat(140);
        CliTestSupport r = CliTestSupport.run("decode", "--as", "control", hex);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().strip()).isEqualTo("MALFORMED SCCRQ: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450");
    }

    @Test
    void refusesBytesItCannotRecognise() {
        CliTestSupport r = CliTestSupport.run("decode", "0102");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("pptp4j decode: cannot tell what these 2 bytes are").contains("--as");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void refusesNonHexWithAUsageError() {
        CliTestSupport r = CliTestSupport.run("decode", "xyz1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("pptp4j decode: HEX is not hexadecimal");
    }

    @Test
    void decodesAsyncHdlcFramesAsOnAPty() {
        // 7E, LCP Configure-Request id 1 with MRU 1400 (FF 03 C0 21 01 01 00 08 01 04 05 78), FCS, 7E; ACCM all escaped
        byte[] frame = io.pptp4j.wire.Hex.parse("ff03c02101010008 01040578");
        byte[] hdlc = io.pptp4j.hdlc.AsyncHdlcEncoder.encode(frame, 0xFFFFFFFFL);
        CliTestSupport r = CliTestSupport.run("decode", io.pptp4j.wire.Hex.of(hdlc));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PPP LCP: Configure-Request", "maximum_receive_unit=1400");
    }

    @Test
    void pcapJsonHasOneObjectPerItemWithFrameNumbers() throws IOException {
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", NT.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().strip().split("\n")) lines.add(JSON.readTree(l));
        assertThat(lines).hasSize(6);
        // retransmitted segments (frames 9 and 14) are dropped: each message appears once, at its first frame
        assertThat(lines.stream().map(n -> n.get("frame").asInt()).toList()).containsExactly(5, 8, 10, 13, 15, 16);
        assertThat(lines.get(0).get("control").asText()).isEqualTo("Start-Control-Connection-Request");
        assertThat(lines.get(1).get("fields").get("vendor_string").asText()).isEqualTo("MoretonBay");
        assertThat(lines.get(4).get("control").asText()).isEqualTo("Set-Link-Info");
        JsonNode gre = lines.get(5).get("gre");
        assertThat(gre.get("call_id").asInt()).isZero();
        assertThat(gre.get("seq").asLong()).isZero();
        assertThat(gre.has("ack")).isFalse();
        assertThat(gre.get("ppp_protocol").asInt()).isEqualTo(0xC021);
        assertThat(r.err()).contains("23 packets, 5 PPTP control messages, 1 GRE packets, 0 malformed");
    }

    @Test
    void pcapTextShowsEveryRrasSessionLayer() {
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", RRAS.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Call-Disconnect-Notify", "Stop-Control-Connection-Request", "PPP CBCP",
                "PPP IPV6CP", "Protocol-Reject", "Identification", "name=vpnuser", "coherency_count=504");
        assertThat(r.out().lines().count()).isEqualTo(13 + 933);
    }

    @Test
    void aTruncatedCaptureGivesWhatItHasThenSaysWhereItWasCut(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(NT);
        Path cut = dir.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 10));
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", cut.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out().lines().count()).isEqualTo(6);
        assertThat(r.err()).contains("cut.pcap").contains("cut short");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aMissingFileIsOneLineAndExitOne(@TempDir Path dir) {
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", dir.resolve("nope.pcap").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).endsWith("nope.pcap: no such file");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void aFileThatIsNotACaptureSaysSo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("page.html");
        Files.writeString(f, "HTTP/1.1 200 OK\r\n\r\n<html>");
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", f.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("not a pcap or pcapng file: first bytes 48 54 54 50");
    }
}
