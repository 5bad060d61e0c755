package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.scan.MppePosture;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.tools.CliTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonHasTheScanFieldsThenEchoCallAndGre() throws Exception {
        ScanResult r = ResultWriterTest.pptpd();
        CallProbe.Outcome call = new CallProbe.Outcome(new CallProbe.Call("connected", 5, 64, 0, 100_000_000L, 1, 0, 0, null),
                new CallProbe.Gre("blocked", 6, 0, 0, null, "sent 6 LCP Configure-Requests over GRE (our call ID 1, the server's 5) "
                        + "in 3000 ms; no GRE came back"));
        JsonNode n = JSON.readTree(ProbeCommand.json(r, new ControlProbe.Echo("answered", 1, 0, 0.4, null), call,
                new AuthProbe.Posture("ms-chap-v2", List.of("ms-chap-v2"), List.of("pap", "chap-md5", "ms-chap", "eap"), List.of()), MppePosture.notTried("no --user")));
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("ip", "port", "status", "rtt_ms", "protocol_version", "result_code", "error_code", "framing",
                "bearer", "max_channels", "firmware_revision", "hostname", "vendor", "fingerprint", "findings");
        assertThat(names).endsWith("echo", "call", "gre", "auth", "mppe");
        assertThat(n.get("mppe").get("status").asText()).isEqualTo("not-tried");
        assertThat(n.get("mppe").get("required").isNull()).isTrue();
        assertThat(n.get("auth").get("requested").asText()).isEqualTo("ms-chap-v2");
        assertThat(n.get("auth").get("refused")).hasSize(4);
        assertThat(n.get("echo").get("status").asText()).isEqualTo("answered");
        assertThat(n.get("call").get("peer_call_id").asInt()).isEqualTo(5);
        assertThat(n.get("call").get("ocrp").get("result_code").asInt()).isEqualTo(1);
        assertThat(n.get("gre").get("status").asText()).isEqualTo("blocked");
        assertThat(n.get("gre").get("first_reply_ms").isNull()).isTrue();
    }

    @Test
    void withoutACallGreIsNotTried() throws Exception {
        JsonNode n = JSON.readTree(ProbeCommand.json(ResultWriterTest.http(), new ControlProbe.Echo("not-tried", null, null, null,
                "the control connection was not established"), null, null, MppePosture.notTried("no --user")));
        assertThat(n.get("auth").get("status").asText()).isEqualTo("not-tried");
        assertThat(n.get("call").get("status").asText()).isEqualTo("not-tried");
        assertThat(n.get("gre").get("status").asText()).isEqualTo("not-tried");
        assertThat(n.get("echo").get("detail").asText()).isEqualTo("the control connection was not established");
    }

    @Test
    void refusesABlock() {
        CliTestSupport r = CliTestSupport.run("probe", "192.0.2.0/24");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("pptp4j probe: HOST 192.0.2.0/24: probe takes one server; scan takes blocks");
    }

    @Test
    void refusesAnUnknownFormat() {
        CliTestSupport r = CliTestSupport.run("probe", "192.0.2.1", "-o", "xml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("pptp4j probe: -o xml: must be table, json or sarif");
    }

    private static io.pptp4j.scan.MppeTryResult accepted(io.pptp4j.scan.MppeTry t, io.pptp4j.ppp.fsm.ccp.MppeNegotiated agreed) {
        return new io.pptp4j.scan.MppeTryResult(t, io.pptp4j.scan.MppeTryResult.Outcome.ACCEPTED, agreed, null);
    }

    private static io.pptp4j.scan.MppeTryResult refused(io.pptp4j.scan.MppeTry t) {
        return new io.pptp4j.scan.MppeTryResult(t, io.pptp4j.scan.MppeTryResult.Outcome.REFUSED, null,
                "peer terminated the link: encryption refused");
    }

    /** 128 stateless and 40-bit accepted, stateful and no encryption refused. */
    private static MppePosture fortyBitServer() {
        return MppePosture.of("alice", List.of(
                accepted(io.pptp4j.scan.MppeTry.BASELINE, new io.pptp4j.ppp.fsm.ccp.MppeNegotiated(0x01000040L, true,
                        io.pptp4j.ppp.ccp.SupportedBit.S)),
                accepted(io.pptp4j.scan.MppeTry.MPPE_40, new io.pptp4j.ppp.fsm.ccp.MppeNegotiated(0x01000020L, true,
                        io.pptp4j.ppp.ccp.SupportedBit.L)),
                refused(io.pptp4j.scan.MppeTry.MPPE_56), refused(io.pptp4j.scan.MppeTry.STATEFUL), refused(io.pptp4j.scan.MppeTry.NONE)));
    }

    @Test
    void jsonMppeHasThePostureThenEachTry() throws Exception {
        JsonNode m = JSON.readTree(ProbeCommand.json(ResultWriterTest.pptpd(), new ControlProbe.Echo("answered", 1, 0, 0.4, null), null,
                null, fortyBitServer())).get("mppe");
        List<String> names = new ArrayList<>();
        m.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("status", "user", "offered", "required", "strengths_allowed", "stateful_allowed", "tries");
        assertThat(m.get("status").asText()).isEqualTo("probed");
        assertThat(m.get("offered").asBoolean()).isTrue();
        assertThat(m.get("required").asBoolean()).isTrue();
        assertThat(m.get("strengths_allowed").toString()).isEqualTo("[128,40]");
        assertThat(m.get("stateful_allowed").asBoolean()).isFalse();
        assertThat(m.get("tries").findValuesAsText("name")).containsExactly("mppe-128-stateless", "mppe-40", "mppe-56", "mppe-stateful", "none");
        assertThat(m.get("tries").findValuesAsText("outcome")).containsExactly("accepted", "accepted", "refused", "refused", "refused");
        assertThat(m.get("tries").get(1).get("agreed").asText()).isEqualTo("40-bit stateless");
        assertThat(m.get("tries").get(2).get("agreed").isNull()).isTrue();
        assertThat(m.get("tries").get(2).get("detail").asText()).isEqualTo("peer terminated the link: encryption refused");
    }

    @Test
    void tableShowsTheMppeConclusionsAndEachTry() {
        assertThat(ProbeCommand.mppeLines(fortyBitServer())).containsExactly(
                "  mppe: as alice: offered, required; key lengths allowed: 128-bit, 40-bit; stateful mode refused",
                "    mppe-128-stateless  accepted    agreed 128-bit stateless",
                "    mppe-40             accepted    agreed 40-bit stateless",
                "    mppe-56             refused     peer terminated the link: encryption refused",
                "    mppe-stateful       refused     peer terminated the link: encryption refused",
                "    none                refused     peer terminated the link: encryption refused");
    }

    @Test
    void tableSaysInOneLineWhyTheMppePostureWasNotProbed() {
        MppePosture p = MppePosture.of("alice", List.of(io.pptp4j.scan.MppeTryResult.of(io.pptp4j.scan.MppeTry.BASELINE, null, false,
                "authentication failed: E=648 R=0 V=3")));
        assertThat(ProbeCommand.mppeLines(p)).containsExactly(
                "  mppe: not probed: authentication as alice failed (E=648 ERROR_PASSWD_EXPIRED): the password has expired");
    }

    @Test
    void mppeFindingsGoToSarifWithTheirRules() throws Exception {
        ScanResult base = ResultWriterTest.pptpd();
        List<io.pptp4j.scan.Finding> findings = new ArrayList<>(base.findings());
        findings.addAll(fortyBitServer().findings());
        ScanResult r = new ScanResult(base.target(), base.status(), base.rttMillis(), base.reply(), base.firstBytes(), base.error(),
                base.fingerprint(), findings);
        java.io.StringWriter s = new java.io.StringWriter();
        ResultWriter w = ResultWriter.of(ResultWriter.Format.SARIF, new java.io.PrintWriter(s), "0");
        w.write(r);
        w.end();
        JsonNode run = JSON.readTree(s.toString()).get("runs").get(0);
        JsonNode result = run.get("results").get(1);
        assertThat(result.get("ruleId").asText()).isEqualTo("PPTP-MPPE-40-ALLOWED");
        assertThat(result.get("level").asText()).isEqualTo("error");
        JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
        assertThat(rule.get("id").asText()).isEqualTo("PPTP-MPPE-40-ALLOWED");
        assertThat(rule.get("help").get("text").asText()).contains("nomppe-40", "WireGuard or IPsec");
    }

    @Test
    void refusesAPasswordFileWithoutAUser() {
        CliTestSupport r = CliTestSupport.run("probe", "192.0.2.1", "--password-file", "/nonexistent");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("pptp4j probe: --password-file needs --user");
    }
}
