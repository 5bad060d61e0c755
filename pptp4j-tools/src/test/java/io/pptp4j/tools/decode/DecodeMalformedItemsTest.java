package io.pptp4j.tools.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.tools.CliTestSupport;
import io.pptp4j.tools.testing.SyntheticCapture;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code decode --pcap} on a capture with malformed items among good ones: a control message with a bad
 * Magic Cookie, a GRE packet cut inside its header, one whose payload is cut short, and an LCP packet
 * whose Length overruns it. Each is printed as malformed where it is, everything after it is decoded,
 * and the run exits 0 (malformed input is what the command is for).
 */
class DecodeMalformedItemsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_COOKIE =
            "ECHORQ: Magic Cookie at offset 4: expected 0x1A2B3C4D, found 0x48545450 (16 bytes skipped)";
    private static final String CUT_HEADER = "GRE: Sequence Number at offset 8: expected 4 bytes, found 2 bytes left";
    private static final String BAD_LCP_LENGTH = "LCP: Length at offset 6: expected 4 to 8, found 32";
    private static final String CUT_LCP = "LCP: Length at offset 6: expected 4 to 6, found 12";

    /**
     * Frames: 4 SCCRQ, 6 the bad cookie (an Echo-Request with "HTTP" for its cookie), 8 SCCRP, 10 OCRQ,
     * 12 OCRP, 14 a good LCP Configure-Request, 15 GRE cut in its header, 16 GRE with its payload cut,
     * 17 LCP Length 32 in an 8-octet packet, 18 a good LCP Configure-Ack (the other frames are TCP
     * without payload).
     */
    private static Path capture(Path dir) throws IOException {
        SyntheticCapture cap = new SyntheticCapture();
        cap.control(true, ControlMessageCodec.encode(new ControlMessage.StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "pns", "pptp4j")));
        byte[] badCookie = ControlMessageCodec.encode(new ControlMessage.EchoRequest(7));
        System.arraycopy("HTTP".getBytes(), 0, badCookie, 4, 4);
        cap.control(false, badCookie);
        cap.control(false, ControlMessageCodec.encode(new ControlMessage.StartControlConnectionReply(0x0100, 1, 0, 1, 1, 1, 1, "pac", "pptp4j")));
        cap.control(true, ControlMessageCodec.encode(new ControlMessage.OutgoingCallRequest(1, 1, 300, 100_000_000, 3, 3, 64, 0, 0, "", "")));
        cap.control(false, ControlMessageCodec.encode(new ControlMessage.OutgoingCallReply(0x80, 1, 1, 0, 0, 100_000_000, 64, 0, 0)));
        cap.gre(true, GreCodec.encode(GrePacket.data(0x80, 0, Bytes.fromHex("ff03c0210101000a050611223344"))));
        byte[] cutHeader = GreCodec.encode(GrePacket.data(0x80, 1, Bytes.fromHex("ff03c02101020004")));
        cap.gre(true, Arrays.copyOf(cutHeader, 10));
        byte[] cutPayload = GreCodec.encode(GrePacket.data(0x80, 2, Bytes.fromHex("ff03c0210903000c1122334455667788")));
        cap.gre(true, Arrays.copyOf(cutPayload, cutPayload.length - 6));
        cap.gre(false, GreCodec.encode(GrePacket.data(1, 0, Bytes.fromHex("ff03c0210101002005061122"))));
        cap.gre(false, GreCodec.encode(GrePacket.data(1, 1, Bytes.fromHex("ff03c0210201000a05061a2b3c4d"))));
        return cap.write(dir.resolve("malformed.pcap"));
    }

    @Test
    void textPrintsEachMalformedItemWhereItIsAndDecodesWhatFollows(@TempDir Path dir) throws IOException {
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", capture(dir).toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<Integer, String> byFrame = new LinkedHashMap<>();
        r.out().lines().forEach(l -> byFrame.put(Integer.parseInt(l.strip().split("\\s+")[0]), l));
        assertThat(byFrame.keySet()).containsExactly(4, 6, 8, 10, 12, 14, 15, 16, 17, 18);
        assertThat(byFrame.get(6)).endsWith("  MALFORMED " + BAD_COOKIE);
        assertThat(byFrame.get(8)).contains("SCCRP Start-Control-Connection-Reply", "host_name=pac");
        assertThat(byFrame.get(10)).contains("OCRQ Outgoing-Call-Request", "call_id=1");
        assertThat(byFrame.get(12)).contains("OCRP Outgoing-Call-Reply", "call_id=128");
        assertThat(byFrame.get(14)).contains("GRE call 128 seq 0  PPP LCP: Configure-Request", "magic_number=287454020");
        assertThat(byFrame.get(15)).endsWith("  MALFORMED " + CUT_HEADER);
        assertThat(byFrame.get(16)).contains("GRE call 128 seq 2 (truncated)  PPP LCP: Malformed LCP",
                "reason=\"" + CUT_LCP + "\"");
        assertThat(byFrame.get(17)).contains("GRE call 1 seq 0  PPP LCP: Malformed LCP", "reason=\"" + BAD_LCP_LENGTH + "\"");
        assertThat(byFrame.get(18)).contains("GRE call 1 seq 1  PPP LCP: Configure-Ack", "magic_number=439041101");
        assertThat(r.err()).contains("21 packets, 4 PPTP control messages, 4 GRE packets, 4 malformed, 0 stream gaps");
    }

    @Test
    void jsonMarksEachMalformedItemAndDecodesWhatFollows(@TempDir Path dir) throws IOException {
        CliTestSupport r = CliTestSupport.run("decode", "--pcap", capture(dir).toString(), "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        Map<Integer, JsonNode> byFrame = new LinkedHashMap<>();
        for (String l : r.out().strip().split("\n")) {
            JsonNode n = JSON.readTree(l);
            byFrame.put(n.get("frame").asInt(), n);
        }
        assertThat(byFrame.keySet()).containsExactly(4, 6, 8, 10, 12, 14, 15, 16, 17, 18);
        List<Integer> malformedAtTop = byFrame.entrySet().stream().filter(e -> e.getValue().has("malformed"))
                .map(Map.Entry::getKey).toList();
        assertThat(malformedAtTop).containsExactly(6, 15);
        assertThat(byFrame.get(6).get("malformed").asText()).isEqualTo(BAD_COOKIE);
        assertThat(byFrame.get(6).get("src").asText()).isEqualTo("198.51.100.20:1723");
        assertThat(byFrame.get(15).get("malformed").asText()).isEqualTo(CUT_HEADER);
        assertThat(byFrame.get(8).get("control").asText()).isEqualTo("Start-Control-Connection-Reply");
        assertThat(byFrame.get(10).get("control").asText()).isEqualTo("Outgoing-Call-Request");
        assertThat(byFrame.get(12).get("fields").get("call_id").asInt()).isEqualTo(0x80);
        JsonNode cut = byFrame.get(16).get("gre");
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("ppp").get("name").asText()).isEqualTo("Malformed LCP");
        assertThat(cut.get("ppp").get("reason").asText()).isEqualTo(CUT_LCP);
        JsonNode badLcp = byFrame.get(17).get("gre");
        assertThat(badLcp.get("ppp_protocol").asInt()).isEqualTo(0xC021);
        assertThat(badLcp.get("ppp").get("name").asText()).isEqualTo("Malformed LCP");
        assertThat(badLcp.get("ppp").get("reason").asText()).isEqualTo(BAD_LCP_LENGTH);
        assertThat(badLcp.get("ppp").get("information").asText()).isEqualTo("0101002005061122");
        JsonNode after = byFrame.get(18).get("gre");
        assertThat(after.get("ppp").get("name").asText()).isEqualTo("Configure-Ack");
        assertThat(after.get("ppp").get("options").get(0).get("magic_number").asLong()).isEqualTo(0x1A2B3C4DL);
        assertThat(byFrame.get(14).get("gre").get("ppp").get("name").asText()).isEqualTo("Configure-Request");
    }
}
