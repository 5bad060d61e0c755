package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.scan.ReplyClassifier;
import io.pptp4j.scan.ScanAssessor;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Target;
import io.pptp4j.scan.TargetSpec;
import io.pptp4j.wire.Bytes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ScanAssessor ASSESSOR = new ScanAssessor(FingerprintFile.bundled(), LocalDate.of(2026, 11, 24));
    private static final Target TARGET = Target.of(TargetSpec.literal("192.0.2.2"), 1723);

    static ScanResult pptpd() {
        return ASSESSOR.assess(TARGET, new ReplyClassifier.Reply(
                new StartControlConnectionReply(0x0100, 1, 0, 0, 0, 1, 1, "local", "linux"), null), 0.25);
    }

    static ScanResult rras2008() {
        return ASSESSOR.assess(Target.of(TargetSpec.literal("2001:db8::7"), 1723), new ReplyClassifier.Reply(
                new StartControlConnectionReply(0x0100, 1, 0, 1, 1, 0, 6002, "", "Microsoft"), null), 3.5);
    }

    static ScanResult http() {
        return ASSESSOR.assess(Target.of(TargetSpec.literal("192.0.2.3"), 1723),
                new ReplyClassifier.NotPptp(Bytes.of("HTTP/1.0 400, \"bad\"".getBytes()), "no PPTP Magic Cookie at offset 4"), 1.0);
    }

    private static String write(ResultWriter.Format format, ScanResult... results) {
        StringWriter s = new StringWriter();
        ResultWriter w = ResultWriter.of(format, new PrintWriter(s), "9.9");
        w.begin();
        for (ScanResult r : results) w.write(r);
        w.end();
        return s.toString();
    }

    @Test
    void jsonlHasExactlyTheStableNamesForEveryStatus() throws Exception {
        List<String> names = List.of("ip", "port", "status", "rtt_ms", "protocol_version", "result_code", "error_code", "framing",
                "bearer", "max_channels", "firmware_revision", "hostname", "vendor", "fingerprint", "findings");
        String out = write(ResultWriter.Format.JSONL, pptpd(), ScanResult.of(TARGET, ScanStatus.CLOSED, 0.1, null));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.split("\n")) lines.add(JSON.readTree(l));
        assertThat(lines).hasSize(2);
        List<String> first = new ArrayList<>();
        lines.get(0).fieldNames().forEachRemaining(first::add);
        assertThat(first).containsExactlyElementsOf(names);
        List<String> second = new ArrayList<>();
        lines.get(1).fieldNames().forEachRemaining(second::add);
        assertThat(second).containsExactlyElementsOf(names);
        JsonNode p = lines.get(0);
        assertThat(p.get("ip").asText()).isEqualTo("192.0.2.2");
        assertThat(p.get("status").asText()).isEqualTo("pptp");
        assertThat(p.get("rtt_ms").asDouble()).isEqualTo(0.25);
        assertThat(p.get("protocol_version").asInt()).isEqualTo(256);
        assertThat(p.get("vendor").asText()).isEqualTo("linux");
        assertThat(p.get("hostname").asText()).isEqualTo("local");
        assertThat(p.get("firmware_revision").asInt()).isEqualTo(1);
        assertThat(p.get("max_channels").asInt()).isEqualTo(1);
        assertThat(p.get("fingerprint").get("product").asText()).isEqualTo("PoPToP pptpd");
        assertThat(p.get("fingerprint").get("os").asText()).isEqualTo("Linux");
        assertThat(p.get("fingerprint").get("confidence").asText()).isEqualTo("high");
        assertThat(p.get("findings").get(0).get("id").asText()).isEqualTo("PPTP-EXPOSED");
        assertThat(p.get("findings").get(0).get("remediation").asText()).contains("WireGuard or IPsec");
        assertThat(lines.get(1).get("status").asText()).isEqualTo("closed");
        assertThat(lines.get(1).get("vendor").isNull()).isTrue();
    }

    @Test
    void jsonlAddsFirstBytesForAServiceThatIsNotPptp() throws Exception {
        JsonNode n = JSON.readTree(write(ResultWriter.Format.JSONL, http()));
        assertThat(n.get("status").asText()).isEqualTo("not-pptp");
        assertThat(n.get("first_bytes").asText()).isEqualTo(Bytes.of("HTTP/1.0 400, \"bad\"".getBytes()).hex());
        assertThat(n.get("error").asText()).isEqualTo("no PPTP Magic Cookie at offset 4");
    }

    @Test
    void csvQuotesCellsWithCommasAndQuotes() {
        String[] rows = write(ResultWriter.Format.CSV, pptpd(), http()).split("\r\n");
        assertThat(rows[0]).isEqualTo(String.join(",", CsvResultWriter.COLUMNS));
        assertThat(rows[1]).isEqualTo("192.0.2.2,1723,pptp,0.25,256,1,0,0,0,1,1,local,linux,PoPToP pptpd,Linux,high,PPTP-EXPOSED,,");
        assertThat(rows[2]).startsWith("192.0.2.3,1723,not-pptp,1.0,,,,,,,,,,,,,,");
        assertThat(CsvResultWriter.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }

    @Test
    void sarifIsOneLogWithRulesAndAResultPerFinding() throws Exception {
        JsonNode log = JSON.readTree(write(ResultWriter.Format.SARIF, pptpd(), rras2008(), http()));
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).isEqualTo(SarifResultWriter.SCHEMA);
        JsonNode run = log.get("runs").get(0);
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("pptp4j");
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(3); // exposed twice, end of life once; nothing for the HTTP server
        for (JsonNode r : results) {
            assertThat(rules.get(r.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(r.get("ruleId").asText());
        }
        JsonNode eol = results.get(2);
        assertThat(eol.get("ruleId").asText()).isEqualTo("PPTP-END-OF-LIFE");
        assertThat(eol.get("level").asText()).isEqualTo("error");
        assertThat(eol.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("pptp://[2001:db8:0:0:0:0:0:7]:1723");
        assertThat(eol.get("message").get("text").asText()).isEqualTo("Product past its end of support: Microsoft RRAS "
                + "(Windows Server 2008 / Vista), support ended 2020-01-14; identified by vendor \"Microsoft\", firmware revision 6002");
    }

    @Test
    void tableShowsHostsFieldsAndFindingsAndLeavesClosedPortsToTheSummary() {
        String t = write(ResultWriter.Format.TABLE, pptpd(), ScanResult.of(TARGET, ScanStatus.CLOSED, 0.1, null), http());
        assertThat(t.lines().toList()).hasSize(5);
        assertThat(t).contains("192.0.2.2", "pptp", "\"linux\"", "\"local\"", "PoPToP pptpd / Linux (high)",
                "framing 0x00000000 (none)", "HIGH     PPTP-EXPOSED:",
                "not-pptp", "no PPTP Magic Cookie at offset 4: \"HTTP/1.0 400, \"bad\"\"");
    }

    @Test
    void jsonlLinesAreTheSameWhenTheReplyRepeats() {
        ScanResult named = new ScanResult(new Target(TargetSpec.literal("192.0.2.4"), 1723, "vpn.example.com", null), ScanStatus.PPTP,
                0.5, pptpd().reply(), null, null, pptpd().fingerprint(), pptpd().findings());
        ScanResult v6 = new ScanResult(Target.of(TargetSpec.literal("2001:db8::1"), 10000), ScanStatus.PPTP, 1234567.125,
                pptpd().reply(), null, null, pptpd().fingerprint(), pptpd().findings());
        ScanResult tiny = new ScanResult(TARGET, ScanStatus.PPTP, 0.001, pptpd().reply(), null, null, pptpd().fingerprint(),
                pptpd().findings());
        ScanResult[] results = {pptpd(), pptpd(), http(), ScanResult.of(TARGET, ScanStatus.CLOSED, 0.1, null), pptpd(), rras2008(),
            named, ScanResult.of(TARGET, ScanStatus.FILTERED, null, "host unreachable"), rras2008(), v6, tiny,
            ScanResult.of(TARGET, ScanStatus.CLOSED, null, null), ScanResult.of(TARGET, ScanStatus.CLOSED, 12345678.0, null)};
        assertThat(results[1].findings()).isSameAs(results[0].findings());
        List<String> expected = new ArrayList<>();
        for (ScanResult r : results) expected.add(ResultWriter.jsonLine(r));
        assertThat(write(ResultWriter.Format.JSONL, results).lines().toList()).isEqualTo(expected);
    }
}
