package io.pptp4j.tools.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.NetworkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pptp4j inspect --interface} in the server's namespace watches a whole session between
 * {@code pptp4j connect} and {@code pptp4j server} on the veth, logs it when it ends, and stops on Ctrl-C
 * (SIGINT) with its report.
 */
class InspectLiveCaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();

    @Test
    void watchesASessionBetweenOurServerAndClientAndStopsOnCtrlC() throws Exception {
        Path secrets = net.privateFile("chap-secrets", "alice * \"s3cret pass\" *\n");
        Path password = net.privateFile("password", "s3cret pass\n");
        Path log = dir.resolve("sessions.jsonl");
        TwoHosts hosts = net.hosts();
        CliProcess server = net.start(hosts.server(), "server", "--listen",
                TwoHosts.SERVER_ADDRESS.getHostAddress(), "--secrets", secrets.toString(), "--local-ip",
                "198.51.100.1", "--remote-ip", "198.51.100.10-20", "--dns", "198.51.100.53");
        CliProcess inspect = net.start(hosts.server(), "inspect", "--interface", hosts.serverInterface(),
                "--duration", "120", "--log", log.toString(), "--password-file", password.toString());
        server.awaitOutput("listening on", WAIT);
        inspect.awaitOutput("capturing on " + hosts.serverInterface(), WAIT);
        // a session that carries IP: the client's TUN interface, three pings through the tunnel
        try (CliProcess client = CliProcess.start(hosts.client(), "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                "--user", "alice", "--password-file", password.toString(), "--tun", "vpn0", "--hold", "4")) {
            client.awaitOutput("tunnel +vpn0", WAIT);
            var ping = hosts.client().execUnchecked(WAIT, List.of("ping", "-n", "-c", "3", "-i", "0.2", "-W", "5", "198.51.100.1"));
            assertThat(ping.exitCode()).as(ping.stdout() + client.output()).isZero();
            assertThat(client.process().waitFor(30, TimeUnit.SECONDS)).as(client.output()).isTrue();
            assertThat(client.process().exitValue()).as(client.output()).isZero();
        }
        server.awaitOutput("closed after", WAIT);
        // the connection log has the session as soon as it ends, before the capture stops
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((!Files.exists(log) || Files.readAllLines(log).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readAllLines(log)).as(inspect.output()).hasSize(1);
        // Ctrl-C
        new ProcessBuilder("kill", "-INT", Long.toString(inspect.process().pid())).start().waitFor(5, TimeUnit.SECONDS);
        assertThat(inspect.process().waitFor(20, TimeUnit.SECONDS)).as(inspect.output()).isTrue();
        String out = inspect.output();
        assertThat(out).contains("interface " + hosts.serverInterface() + ": ", "1 session")
                .doesNotContain("Exception");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as(out).hasSize(1);
        JsonNode s = JSON.readTree(lines.getFirst());
        assertThat(s.get("client").asText()).isEqualTo("192.0.2.1");
        assertThat(s.get("server").asText()).isEqualTo("192.0.2.2");
        assertThat(s.get("beginning_captured").asBoolean()).isTrue();
        assertThat(s.get("control").get("sccrq")).isNotNull();
        assertThat(s.get("control").get("sccrp").get("result_code").asInt()).isEqualTo(1);
        assertThat(s.get("client_to_server").get("packets").asInt()).isPositive();
        assertThat(s.get("server_to_client").get("packets").asInt()).isPositive();
        assertThat(s.get("auth").get("protocol").asText()).isEqualTo("MS-CHAP-V2");
        assertThat(s.get("auth").get("user").asText()).isEqualTo("alice");
        assertThat(s.get("auth").get("outcome").asText()).isEqualTo("success");
        assertThat(s.get("mppe").get("bits").asInt()).isEqualTo(128);
        assertThat(s.get("mppe").get("stateless").asBoolean()).isTrue();
        // the pings crossed as MPPE frames, each way, and every one decrypts with the password
        assertThat(s.get("mppe").get("frames").asInt()).as(lines.getFirst()).isGreaterThanOrEqualTo(6);
        assertThat(s.get("mppe").get("decrypted").asInt()).isEqualTo(s.get("mppe").get("frames").asInt());
        assertThat(s.get("ipcp").get("client_address").asText()).isEqualTo("198.51.100.10");
        assertThat(s.get("ending").toString()).contains("LCP Terminate-Request");
        assertThat(s.get("findings").findValuesAsText("kind")).contains("ms-chap-v2-offline-attack", "password-recovered");
    }
}
