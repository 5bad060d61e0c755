package io.pptp4j.tools.pptp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.NetworkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole PPP sessions between {@code pptp4j connect --user} and {@code pptp4j server --secrets}, each in
 * its own network namespace: control connection, call, LCP, MS-CHAP v2, CCP with MPPE-128 stateless,
 * IPCP, over real GRE.
 */
class PppSessionsOnTheNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();

    private CliProcess server(Path secrets, String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--secrets", secrets.toString(),
                "--local-ip", "198.51.100.1", "--remote-ip", "198.51.100.10-20", "--dns", "198.51.100.53"));
        args.addAll(java.util.List.of(extra));
        return net.startServer(WAIT, args.toArray(String[]::new));
    }

    @Test
    void msChapV2WithMppe128ReachesTheNetworkPhase() throws Exception {
        Path secrets = net.privateFile("chap-secrets", "# client server secret addresses\nalice * \"s3cret pass\" *\n");
        Path password = net.privateFile("password", "s3cret pass\n");
        CliProcess server = server(secrets);
        CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                "--user", "alice", "--password-file", password.toString(), "--json");
        assertThat(r.exitCode()).as(r.output() + "\nserver:\n" + server.output()).isZero();
        JsonNode out = JSON.readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertThat(out.get("auth").asText()).isEqualTo("MS-CHAPv2");
        assertThat(out.get("mppe").get("bits").asInt()).isEqualTo(128);
        assertThat(out.get("mppe").get("stateless").asBoolean()).isTrue();
        assertThat(out.get("local_ip").asText()).isEqualTo("198.51.100.10");
        assertThat(out.get("remote_ip").asText()).isEqualTo("198.51.100.1");
        assertThat(out.get("dns").get(0).asText()).isEqualTo("198.51.100.53");
        assertThat(out.get("mru").asInt()).isEqualTo(1400);
        server.awaitOutput("authenticated alice with MS_CHAP_V2", WAIT);
        server.awaitOutput("network up: peer 198\\.51\\.100\\.10, MPPE 128-bit stateless", WAIT);
    }

    @Test
    void stripDomainLetsAWindowsStyleNameMatchItsPlainSecret() throws Exception {
        Path secrets = net.privateFile("chap-secrets", "bob * builder *\n");
        Path password = net.privateFile("password", "builder\n");
        CliProcess server = server(secrets, "--strip-domain", "--no-tun");
        CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                "--user", "CORP\\bob", "--password-file", password.toString(), "--json");
        assertThat(r.exitCode()).as(r.output() + "\nserver:\n" + server.output()).isZero();
        // the peer name keeps its domain; the secret found is bob's
        server.awaitOutput("authenticated CORP\\\\bob with MS_CHAP_V2", WAIT);
    }

    @Test
    void aCapturedSessionDissectsCleanlyInTsharkAndDecodeAgrees() throws Exception {
        io.pptp4j.tools.testing.ExternalTool.require("tshark");
        Path secrets = net.privateFile("chap-secrets", "alice * \"s3cret pass\" *\n");
        Path password = net.privateFile("password", "s3cret pass\n");
        Path pcap;
        CliProcess server = server(secrets);
        try (io.pptp4j.linux.peers.GreCapture capture = io.pptp4j.linux.peers.GreCapture.start(net.hosts().server(),
                net.hosts().serverInterface(), dir, "session")) {
            CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                    "--user", "alice", "--password-file", password.toString(), "--hold", "1");
            assertThat(r.exitCode()).as(r.output()).isZero();
            server.awaitOutput("closed after", WAIT);
            capture.stop();
            pcap = capture.file();
        }
        String problems = io.pptp4j.tools.testing.ExternalTool.run(60, "tshark", "-r", pcap.toString(), "-Y",
                // malformed anywhere fails; expert warnings count except TCP's own analysis of the kernel's
                // segments (retransmissions, D-SACK on the veth), which is not about our bytes
                "_ws.malformed || (_ws.expert.severity >= 0x00600000 && !tcp.analysis.flags && !tcp.options.sack.dsack)",
                "-T", "fields", "-e", "frame.number",
                "-e", "_ws.col.Protocol", "-e", "_ws.expert.message");
        assertThat(problems.strip()).as("tshark's malformed packets and expert warnings").isEmpty();
        String negotiation = io.pptp4j.tools.testing.ExternalTool.run(60, "tshark", "-r", pcap.toString(), "-Y",
                "lcp.opt.auth_protocol || chap.code || ccp.opt.supported_bits || ipcp.opt.ip_address", "-T", "fields",
                "-e", "_ws.col.Info");
        assertThat(negotiation).contains("Challenge", "Response", "Success");
        String auth = io.pptp4j.tools.testing.ExternalTool.run(60, "tshark", "-r", pcap.toString(), "-Y",
                "chap.code == 2", "-T", "fields", "-e", "chap.name");
        assertThat(auth.strip()).isEqualTo("alice");
        assertThat(io.pptp4j.tools.decode.CaptureCountsMatchTsharkTest.ourCounts(pcap))
                .isEqualTo(io.pptp4j.tools.decode.CaptureCountsMatchTsharkTest.tsharkCounts(pcap))
                .containsKeys("gre ppp 0xc021", "gre ppp 0xc223", "gre ppp 0x80fd", "gre ppp 0x8021");
    }

    /** A client with pppd options {@code clientOptions} against a server with {@code serverOptions} (or the default). */
    private CliProcess.Result session(String serverOptions, String clientOptions) throws Exception {
        Path secrets = net.privateFile("chap-secrets", "alice * \"s3cret pass\" *\n");
        Path password = net.privateFile("password", "s3cret pass\n");
        Path client = net.privateFile("client-options", clientOptions);
        // the server is closed before the next session in the same test starts its own
        try (CliProcess server = serverOptions == null ? server(secrets)
                : server(secrets, "--options", net.privateFile("server-options", serverOptions).toString())) {
            return CliProcess.run(net.hosts().client(), WAIT, "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                    "--user", "alice", "--password-file", password.toString(), "--options", client.toString(), "--json");
        }
    }

    private static JsonNode outcome(CliProcess.Result r) throws Exception {
        assertThat(r.exitCode()).as(r.output()).isZero();
        return JSON.readTree(r.output().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "default server refuses a client that allows only: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"require-pap", "require-chap", "require-mschap", "nomppe"})
    void theDefaultPolicyRefusesWeakClients(String clientOption) throws Exception {
        CliProcess.Result r = session(null, clientOption + "\n");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("pptp4j connect:").doesNotContain("\"connected\":true,\"sccrp\"", "Exception");
        assertThat(r.output()).as("the reason").containsAnyOf("no common authentication", "encryption refused");
    }

    @Test
    void aServerThatAllowsItRunsMsChapV1AndMschapV2With40BitMppe() throws Exception {
        JsonNode v1 = outcome(session("require-mschap\nrequire-mschap-v2\nrequire-mppe\n", "require-mschap\n"));
        assertThat(v1.get("auth").asText()).isEqualTo("MS-CHAPv1");
        assertThat(v1.get("mppe").get("bits").asInt()).isEqualTo(128);
        JsonNode forty = outcome(session("require-mschap-v2\nrequire-mppe\n", "require-mppe-40\n"));
        assertThat(forty.get("auth").asText()).isEqualTo("MS-CHAPv2");
        assertThat(forty.get("mppe").get("bits").asInt()).isEqualTo(40);
    }

    @Test
    void aServerThatAllowsItRunsPapAndChapMd5InClear() throws Exception {
        JsonNode pap = outcome(session("require-pap\nrequire-chap\nnomppe\n", "require-pap\nnomppe\n"));
        assertThat(pap.get("auth").asText()).isEqualTo("PAP");
        assertThat(pap.get("mppe").get("bits").asInt()).isZero();
        JsonNode chap = outcome(session("require-pap\nrequire-chap\nnomppe\n", "require-chap\nnomppe\n"));
        assertThat(chap.get("auth").asText()).isEqualTo("CHAP-MD5");
        assertThat(chap.get("mppe").get("bits").asInt()).isZero();
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersFailureMessage() throws Exception {
        Path secrets = net.privateFile("chap-secrets", "alice * right-password *\n");
        Path password = net.privateFile("password", "wrong-password\n");
        CliProcess server = server(secrets);
        CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, "connect", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                "--user", "alice", "--password-file", password.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("authentication failed", "E=691").doesNotContain("Exception", "wrong-password");
        server.awaitOutput("ppp terminated: authentication failed", WAIT);
    }

    @Test
    void aSecretsFileReadableByOthersIsRefused() throws Exception {
        Path secrets = dir.resolve("open-secrets");
        Files.writeString(secrets, "alice * pw *\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        CliProcess.Result r = CliProcess.run(net.hosts().server(), WAIT, "server", "--listen", TwoHosts.SERVER_ADDRESS.getHostAddress(),
                "--secrets", secrets.toString(), "--local-ip", "198.51.100.1", "--remote-ip", "198.51.100.10-20");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.output()).contains("readable by others (mode 0644); chmod 600 it");
    }
}
