package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
                new AuthProbe.Posture("ms-chap-v2", List.of("ms-chap-v2"), List.of("pap", "chap-md5", "ms-chap", "eap"), List.of())));
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("ip", "port", "status", "rtt_ms", "protocol_version", "result_code", "error_code", "framing",
                "bearer", "max_channels", "firmware_revision", "hostname", "vendor", "fingerprint", "findings");
        assertThat(names).endsWith("echo", "call", "gre", "auth");
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
                "the control connection was not established"), null, null));
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
}
