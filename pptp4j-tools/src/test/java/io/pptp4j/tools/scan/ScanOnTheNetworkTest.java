package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.linux.peers.EchoPppProgram;
import io.pptp4j.linux.peers.PptpdConfig;
import io.pptp4j.linux.peers.PptpdPeer;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.NetworkFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pptp4j scan} on a real network (two namespaces on a veth): against {@code pptp4j server},
 * against pptpd, against an HTTP server on port 1723, a closed port and an address nobody holds.
 */
class ScanOnTheNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = TwoHosts.SERVER_ADDRESS.getHostAddress();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();

    /** Runs a scan in the client namespace with {@code -o jsonl}; returns the objects by "ip:port". */
    private Map<String, JsonNode> scan(String... args) throws Exception {
        String[] all = new String[args.length + 4];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-o";
        all[args.length + 2] = "jsonl";
        all[args.length + 3] = "--no-progress";
        CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, all);
        assertThat(r.exitCode()).as(r.output()).isZero();
        Map<String, JsonNode> byTarget = new HashMap<>();
        for (String line : r.output().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode n = JSON.readTree(line);
            byTarget.put(n.get("ip").asText() + ":" + n.get("port").asInt(), n);
        }
        assertThat(r.output()).contains("scanned " + byTarget.size() + " target").doesNotContain("Exception");
        return byTarget;
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "engine {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"epoll", "nio"})
    void reportsEveryFieldOfOurServerAClosedPortAndAnAddressNobodyHolds(String engine) throws Exception {
        CliProcess server = net.startServer(WAIT, "--vendor", "ExampleVendor", "--hostname", "vpn-gw-7", "--firmware", "4242");
        Map<String, JsonNode> r = scan(SERVER, "192.0.2.9", "-p", "1723,1724", "--timeout", "1500", "--engine", engine);
        assertThat(r).hasSize(4);
        JsonNode p = r.get(SERVER + ":1723");
        assertThat(p.get("status").asText()).isEqualTo("pptp");
        assertThat(p.get("rtt_ms").asDouble()).isPositive().isLessThan(1500);
        assertThat(p.get("protocol_version").asInt()).isEqualTo(0x0100);
        assertThat(p.get("result_code").asInt()).isEqualTo(1);
        assertThat(p.get("error_code").asInt()).isZero();
        assertThat(p.get("framing").asInt()).isEqualTo(3);
        assertThat(p.get("bearer").asInt()).isEqualTo(3);
        assertThat(p.get("max_channels").asInt()).isEqualTo(1);
        assertThat(p.get("firmware_revision").asInt()).isEqualTo(4242);
        assertThat(p.get("hostname").asText()).isEqualTo("vpn-gw-7");
        assertThat(p.get("vendor").asText()).isEqualTo("ExampleVendor");
        assertThat(p.get("fingerprint").isNull()).isTrue();
        assertThat(p.get("findings").get(0).get("id").asText()).isEqualTo("PPTP-EXPOSED");
        assertThat(r.get(SERVER + ":1724").get("status").asText()).isEqualTo("closed");
        assertThat(r.get("192.0.2.9:1723").get("status").asText()).isEqualTo("filtered");
        assertThat(r.get("192.0.2.9:1724").get("status").asText()).isEqualTo("filtered");
        // the polite close: our Stop-Control-Connection-Request reached the server and it closed cleanly
        server.awaitOutput("stopped: PEER_REQUEST", Duration.ofSeconds(5));
        assertThat(server.output()).contains("established: host \"pptp4j-scan\" vendor \"pptp4j\"");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"--engine=epoll", "--pipeline", "--engine=nio"})
    void pptpdIsFingerprintedAsPoptop(String option) throws Exception {
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (PptpdPeer pptpd = PptpdPeer.start(net.hosts().server(), dir.resolve("pptpd"),
                PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()))) {
            JsonNode p = scan(SERVER, option).get(SERVER + ":1723");
            assertThat(p.get("status").asText()).isEqualTo("pptp");
            assertThat(p.get("vendor").asText()).isEqualTo("linux");
            assertThat(p.get("hostname").asText()).isEqualTo("local");
            assertThat(p.get("firmware_revision").asInt()).isEqualTo(1);
            assertThat(p.get("result_code").asInt()).isEqualTo(1);
            assertThat(p.get("fingerprint").get("product").asText()).isEqualTo("PoPToP pptpd");
            assertThat(p.get("fingerprint").get("os").asText()).isEqualTo("Linux");
            assertThat(p.get("fingerprint").get("confidence").asText()).isEqualTo("high");
            assertThat(pptpd.awaitControlConnections(1, WAIT)).containsExactly("192.0.2.1");
            // pptpctrl saw the control connection through to its end, not a broken one
            pptpd.syslog().await(m -> m.text().contains("CTRL: Client 192.0.2.1 control connection finished"), WAIT,
                    "the end of the control connection");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "engine {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"epoll", "nio"})
    void anHttpServerOnPort1723IsNotPptpWithTheFirstBytesItSent(String engine) throws Exception {
        byte[] answer = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // bound inside the namespace: a ServerSocket makes its socket when it binds
        try (ServerSocket http = net.hosts().inServer(() -> new ServerSocket(1723, 50, TwoHosts.SERVER_ADDRESS))) {
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < 10; i++) {
                    try (Socket s = http.accept()) {
                        s.setSoTimeout(3000);
                        InputStream in = s.getInputStream();
                        in.read(new byte[512]); // an HTTP server answers garbage with 400
                        OutputStream out = s.getOutputStream();
                        out.write(answer);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            JsonNode p = scan(SERVER, "--engine", engine).get(SERVER + ":1723");
            assertThat(p.get("status").asText()).isEqualTo("not-pptp");
            assertThat(p.get("first_bytes").asText()).isEqualTo(io.pptp4j.wire.Hex.of(answer));
            assertThat(p.get("error").asText()).isEqualTo("no PPTP Magic Cookie at offset 4");
            assertThat(p.get("vendor").isNull()).isTrue();
            assertThat(p.get("findings")).isEmpty();
            http.close();
            t.join(5000);
        }
    }

    @Test
    void everyTargetIsReportedOnceWhicheverLoopTookIt() throws Exception {
        // with two or more cores the epoll engine runs a loop per core, sharing the targets and --concurrency 7
        net.startServer(WAIT);
        Map<String, JsonNode> r = scan("192.0.2.64/27", SERVER, "-p", "1723,1724", "--timeout", "400", "--concurrency", "7",
                "--engine", "epoll");
        assertThat(r).hasSize(2 + 32 * 2); // scan() checks the summary's count: a duplicate would be seen there
        assertThat(r.get(SERVER + ":1723").get("status").asText()).isEqualTo("pptp");
        assertThat(r.get(SERVER + ":1724").get("status").asText()).isEqualTo("closed");
        assertThat(r.values().stream().filter(n -> !n.get("ip").asText().equals(SERVER)).map(n -> n.get("status").asText()))
                .hasSize(64).containsOnly("filtered");
    }

    @Test
    void ctrlCPrintsWhatWasFoundSoFar() throws Exception {
        net.startServer(WAIT);
        // the server first, then a slow walk through a /16 of nobody
        try (CliProcess scan = CliProcess.start(net.hosts().client(), "scan", SERVER, "198.51.100.0/24", "203.0.113.0/24",
                "--rate", "20", "--timeout", "3000", "-o", "jsonl", "--no-progress")) {
            scan.awaitOutput("\"status\":\"pptp\"", WAIT);
            new ProcessBuilder("kill", "-INT", Long.toString(scan.process().pid())).start().waitFor();
            assertThat(scan.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(scan.output()).containsPattern("interrupted after \\d+ targets in [0-9.]+ s \\(\\d+/s\\): 1 pptp")
                    .doesNotContain("Exception");
        }
    }
}
