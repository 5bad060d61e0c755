package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.NetworkFixture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pptp4j connect} against {@code pptp4j server} in two network namespaces, for what a user sees
 * when the server says no (RFC 2637 2.8: Outgoing-Call-Reply with a Result Code other than Connected)
 * and when the server listens on a port other than 1723.
 */
class ConnectOutcomesOnTheNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = TwoHosts.SERVER_ADDRESS.getHostAddress();
    private static final Duration START = Duration.ofSeconds(20);
    private static final String REFUSAL = "the server refused the call: Outgoing-Call-Reply Result Code 2 (General Error), "
            + "Error Code 4 (No-Resource), Cause Code 0";

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();
    private CliProcess server;

    private void startServer(String listen, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--vendor", "ExampleVendor", "--hostname", "gw", "--firmware", "7"));
        args.addAll(List.of(extra));
        server = net.startServerOn(listen, START, args.toArray(String[]::new));
    }

    private static JsonNode jsonLine(String output) throws IOException {
        return JSON.readTree(output.lines().filter(l -> l.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line in:\n" + output)));
    }

    @Test
    void aRefusedCallShowsTheServersStartReplyAndTheCallsCodesInJsonAndExitsOne() throws Exception {
        // --max-calls 0: the server takes the control connection and refuses every call for want of resources
        startServer(SERVER, "--max-calls", "0");

        CliProcess.Result r = CliProcess.run(net.hosts().client(), START, "connect", SERVER, "--json");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        JsonNode out = jsonLine(r.output());
        assertThat(out.get("connected").asBoolean()).isFalse();
        assertThat(out.get("error").asText()).isEqualTo(REFUSAL);
        JsonNode sccrp = out.get("sccrp");
        assertThat(sccrp.get("result_code").asInt()).isEqualTo(1);
        assertThat(sccrp.get("vendor_string").asText()).isEqualTo("ExampleVendor");
        assertThat(sccrp.get("host_name").asText()).isEqualTo("gw");
        assertThat(sccrp.get("firmware_revision").asInt()).isEqualTo(7);
        assertThat(sccrp.get("maximum_channels").asInt()).isZero();
        JsonNode call = out.get("call");
        assertThat(call.get("connected").asBoolean()).isFalse();
        assertThat(call.get("call_id").asInt()).isEqualTo(1);
        assertThat(call.get("result_code").asInt()).isEqualTo(2);
        assertThat(call.get("result").asText()).isEqualTo("General Error");
        assertThat(call.get("error_code").asInt()).isEqualTo(4);
        assertThat(call.get("error").asText()).isEqualTo("No-Resource");
        assertThat(call.get("cause_code").asInt()).isZero();
        assertThat(call.get("ocrp").get("result_code").asInt()).isEqualTo(2);
        // connect names the server as InetSocketAddress writes it: /192.0.2.2:1723
        List<String> reasons = r.output().lines().filter(l -> l.startsWith("pptp4j connect: ")).toList();
        assertThat(reasons).containsExactly("pptp4j connect: /" + SERVER + ":1723: " + REFUSAL);
        assertThat(r.output()).doesNotContain("Exception", "\tat ");
        server.awaitOutput("Refused Outgoing-Call-Request \\(OCRQ\\) for the peer's Call ID 1: the connection has its limit of 0 calls",
                Duration.ofSeconds(5));
    }

    @Test
    void aRefusedCallInTheTableShowsTheStartReplyAndTheCallsCodes() throws Exception {
        startServer(SERVER, "--max-calls", "0");

        CliProcess.Result r = CliProcess.run(net.hosts().client(), START, "connect", SERVER);

        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("not connected to /" + SERVER + ":1723\n",
                "  SCCRP   version 1.0, result 1, error 0, host \"gw\", vendor \"ExampleVendor\", firmware 7,",
                "  call    refused: Result Code 2 (General Error), Error Code 4 (No-Resource), Cause Code 0\n",
                "pptp4j connect: /" + SERVER + ":1723: " + REFUSAL + "\n");
        assertThat(r.output().lines()).noneMatch(l -> l.startsWith("connected to"));
        assertThat(r.output()).doesNotContain("Exception");
    }

    @Test
    void connectReachesAServerOnANonDefaultPort() throws Exception {
        startServer(SERVER + ":8723");

        CliProcess.Result r = CliProcess.run(net.hosts().client(), START, "connect", SERVER, "--port", "8723", "--json");

        assertThat(r.exitCode()).as(r.output()).isZero();
        JsonNode out = jsonLine(r.output());
        assertThat(out.get("server").asText()).endsWith(":8723");
        assertThat(out.get("connected").asBoolean()).isTrue();
        assertThat(out.get("sccrp").get("vendor_string").asText()).isEqualTo("ExampleVendor");
        assertThat(out.get("call").get("connected").asBoolean()).isTrue();
        assertThat(out.get("call").get("peer_call_id").asInt()).isPositive();
        server.awaitOutput("call connected: our call ID \\d+, peer call ID 1", Duration.ofSeconds(5));
    }
}
