package io.pptp4j.tools.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.tools.testing.CliProcess;
import io.pptp4j.tools.testing.ExternalTool;
import io.pptp4j.tools.testing.NetworkFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pptp4j probe} on a real network: against {@code pptp4j server} (its calls echo PPP frames),
 * with GRE let through and with an nftables rule on the server dropping it.
 */
class ProbeOnTheNetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = TwoHosts.SERVER_ADDRESS.getHostAddress();
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    @RegisterExtension
    final NetworkFixture net = new NetworkFixture();
    private CliProcess server;

    @BeforeEach
    void server() throws Exception {
        server = net.startServer(WAIT, "--vendor", "linux", "--hostname", "local", "--calls", "echo");
    }

    private JsonNode probeWithAuth(String... extra) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("probe", SERVER, "-o", "json"));
        args.addAll(extra.length > 0 ? java.util.List.of(extra) : java.util.List.of("--gre-wait", "2000"));
        CliProcess.Result r = CliProcess.run(net.hosts().client(), Duration.ofSeconds(180), args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String out = r.output();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    private void restartServer(String... extra) throws Exception {
        server.close();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--vendor", "linux", "--hostname", "local"));
        args.addAll(java.util.List.of(extra));
        server = net.startServer(WAIT, args.toArray(String[]::new));
    }

    @Test
    void theDefaultPolicyAsksForMsChapV2AndRefusesTheRest() throws Exception {
        restartServer("--secrets", net.privateFile("chap-secrets", "alice * pw *\n").toString(), "--local-ip", "198.51.100.1",
                "--remote-ip", "198.51.100.10-20");
        JsonNode auth = probeWithAuth().get("auth");
        assertThat(auth.get("requested").asText()).as(auth.toString()).isEqualTo("ms-chap-v2");
        assertThat(auth.get("accepted").toString()).isEqualTo("[\"ms-chap-v2\"]");
        assertThat(auth.get("refused").toString()).isEqualTo("[\"pap\",\"chap-md5\",\"ms-chap\",\"eap\"]");
    }

    @Test
    void aPolicyAllowingPapAndChapIsAWeakness() throws Exception {
        restartServer("--secrets", net.privateFile("chap-secrets", "alice * pw *\n").toString(), "--local-ip", "198.51.100.1",
                "--remote-ip", "198.51.100.10-20", "--options", net.privateFile("options", "require-pap\nrequire-chap\nnomppe\n").toString());
        JsonNode p = probeWithAuth();
        JsonNode auth = p.get("auth");
        assertThat(auth.get("accepted").toString()).as(auth.toString() + "\nserver:\n" + server.output()).contains("\"pap\"", "\"chap-md5\"");
        assertThat(p.get("findings").findValuesAsText("id")).contains("PPTP-WEAK-AUTHENTICATION");
    }

    @Test
    void pptpdRunningPptp4jPppdPassesGreAndAsksForMsChapV2() throws Exception {
        server.close();
        server = null;
        Path secrets = net.privateFile("pptpd-secrets", "alice * pw *\n");
        // pptpd's `ppp` names a program; ours is `pptp4j pppd`, started from this JVM's classpath
        Path wrapper = CliProcess.pppdScript(dir, "--secrets", secrets.toString());
        try (io.pptp4j.linux.peers.PptpdPeer pptpd = io.pptp4j.linux.peers.PptpdPeer.start(net.hosts().server(), dir.resolve("pptpd"),
                io.pptp4j.linux.peers.PptpdConfig.of(TwoHosts.SERVER_ADDRESS, wrapper))) {
            // pptpd starts a pppd per call, here a JVM: give it time to speak
            JsonNode p = probeWithAuth("--gre-wait", "10000", "--auth-wait", "10000");
            assertThat(p.get("fingerprint").get("product").asText()).isEqualTo("PoPToP pptpd");
            assertThat(p.get("echo").get("status").asText()).isEqualTo("answered");
            assertThat(p.get("call").get("status").asText()).isEqualTo("connected");
            assertThat(p.get("gre").get("status").asText()).as(p.get("gre").toString()).isEqualTo("passes");
            assertThat(p.get("auth").get("requested").asText()).as(p.get("auth").toString()).isEqualTo("ms-chap-v2");
            assertThat(p.get("auth").get("refused").toString()).contains("\"pap\"");
        }
    }

    private JsonNode probeMppe(String password, int exitCode) throws Exception {
        CliProcess.Result r = CliProcess.run(net.hosts().client(), Duration.ofSeconds(180), "probe", SERVER, "-o", "json", "--no-auth",
                "--gre-wait", "1000", "--user", "alice", "--password-file", net.privateFile("password", password + "\n").toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(exitCode);
        String out = r.output();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    private void mppeServer(String options) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--secrets",
                net.privateFile("chap-secrets", "alice * pw *\n").toString(), "--local-ip", "198.51.100.1", "--remote-ip", "198.51.100.10-20",
                "--no-tun"));
        if (options != null) args.addAll(java.util.List.of("--options", net.privateFile("options", options).toString()));
        restartServer(args.toArray(String[]::new));
    }

    @Test
    void theDefaultPolicyAcceptsOnlyStateless128AndRequiresMppe() throws Exception {
        mppeServer(null);
        JsonNode p = probeMppe("pw", 0);
        JsonNode m = p.get("mppe");
        assertThat(m.get("status").asText()).as(m.toString()).isEqualTo("probed");
        assertThat(m.get("offered").asBoolean()).isTrue();
        assertThat(m.get("required").asBoolean()).as(m.toString()).isTrue();
        assertThat(m.get("strengths_allowed").toString()).isEqualTo("[128]");
        assertThat(m.get("stateful_allowed").asBoolean()).isFalse();
        assertThat(m.get("tries").findValuesAsText("outcome")).as(m.toString())
                .containsExactly("accepted", "refused", "refused", "refused", "refused");
        assertThat(m.get("tries").get(0).get("agreed").asText()).isEqualTo("128-bit stateless");
        assertThat(p.get("findings").findValuesAsText("id")).noneMatch(id -> id.startsWith("PPTP-MPPE-"));
    }

    @Test
    void aPolicyAllowingWeakKeysStatefulModeAndNoEncryptionShowsEachWeakness() throws Exception {
        // pppd's old form: offers 40, 56 and 128 bits, stateful allowed, MPPE not required
        mppeServer("mppe stateful\n");
        JsonNode p = probeMppe("pw", 0);
        JsonNode m = p.get("mppe");
        assertThat(m.get("required").asBoolean()).as(m.toString()).isFalse();
        assertThat(m.get("offered").asBoolean()).isTrue();
        assertThat(m.get("strengths_allowed").toString()).isEqualTo("[128,56,40]");
        assertThat(m.get("stateful_allowed").asBoolean()).isTrue();
        assertThat(m.get("tries").findValuesAsText("agreed")).containsExactly("128-bit stateless", "40-bit stateless",
                "56-bit stateless", "128-bit stateful", "none");
        assertThat(p.get("findings").findValuesAsText("id")).contains("PPTP-MPPE-NOT-REQUIRED", "PPTP-MPPE-40-ALLOWED",
                "PPTP-MPPE-56-ALLOWED", "PPTP-MPPE-STATEFUL-ALLOWED");
    }

    @Test
    void aWrongPasswordStopsAfterTheBaselineWithOneClearLine() throws Exception {
        mppeServer(null);
        JsonNode m = probeMppe("not-the-password", 1).get("mppe");
        assertThat(m.get("status").asText()).as(m.toString()).isEqualTo("auth-failed");
        assertThat(m.get("detail").asText()).isEqualTo("authentication as alice failed (E=691 ERROR_AUTHENTICATION_FAILURE, "
                + "\"Authentication failed\"): check the user name and password");
        assertThat(m.get("tries")).hasSize(1);
        CliProcess.Result table = CliProcess.run(net.hosts().client(), Duration.ofSeconds(60), "probe", SERVER, "--no-auth", "--gre-wait", "500",
                "--user", "alice", "--password-file", net.folder().resolve("password").toString());
        assertThat(table.exitCode()).isEqualTo(1);
        assertThat(table.output().lines().filter(l -> l.contains("mppe:")).toList()).as(table.output()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("  mppe: not probed: authentication as alice failed ("));
    }

    @Test
    void pptpdRunningPptp4jPppdWithStatefulModeAllowedShowsOnlyThat() throws Exception {
        server.close();
        server = null;
        Path secrets = net.privateFile("pptpd-secrets", "alice * pw *\n");
        Path wrapper = CliProcess.pppdScript(dir, "--secrets", secrets.toString(), "--no-tun");
        io.pptp4j.linux.peers.PptpdConfig base = io.pptp4j.linux.peers.PptpdConfig.of(TwoHosts.SERVER_ADDRESS, wrapper);
        io.pptp4j.linux.peers.PptpdConfig config = new io.pptp4j.linux.peers.PptpdConfig(base.listenAddress(), base.pppProgram(),
                java.util.List.of("require-mschap-v2", "require-mppe-128", "mppe-stateful"), base.stimeoutSeconds(), base.noIpParam(),
                base.debug(), base.localIp(), base.remoteIp());
        try (io.pptp4j.linux.peers.PptpdPeer pptpd = io.pptp4j.linux.peers.PptpdPeer.start(net.hosts().server(), dir.resolve("pptpd"), config)) {
            // pptpd starts a pppd per call, here a JVM: give each session time
            CliProcess.Result r = CliProcess.run(net.hosts().client(), Duration.ofSeconds(300), "probe", SERVER, "-o", "json", "--no-auth",
                    "--gre-wait", "10000", "--ppp-wait", "30000", "--user", "alice", "--password-file",
                    net.privateFile("password", "pw\n").toString());
            String out = r.output();
            assertThat(r.exitCode()).as(out).isZero();
            JsonNode p = JSON.readTree(out.substring(out.indexOf('{')));
            JsonNode m = p.get("mppe");
            assertThat(m.get("tries").findValuesAsText("outcome")).as(m.toString())
                    .containsExactly("accepted", "refused", "refused", "accepted", "refused");
            assertThat(m.get("required").asBoolean()).isTrue();
            assertThat(m.get("strengths_allowed").toString()).isEqualTo("[128]");
            assertThat(m.get("stateful_allowed").asBoolean()).isTrue();
            assertThat(p.get("findings").findValuesAsText("id").stream().filter(id -> id.startsWith("PPTP-MPPE-")).toList())
                    .containsExactly("PPTP-MPPE-STATEFUL-ALLOWED");
        }
    }

    private JsonNode probe() throws Exception {
        CliProcess.Result r = CliProcess.run(net.hosts().client(), WAIT, "probe", SERVER, "-o", "json", "--gre-wait", "3000", "--no-auth");
        assertThat(r.exitCode()).as(r.output()).isZero();
        String out = r.output();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    @Test
    void greComesBackThroughAnOpenPath() throws Exception {
        JsonNode p = probe();
        assertThat(p.get("status").asText()).isEqualTo("pptp");
        assertThat(p.get("vendor").asText()).isEqualTo("linux");
        assertThat(p.get("fingerprint").get("product").asText()).isEqualTo("PoPToP pptpd");
        assertThat(p.get("echo").get("status").asText()).isEqualTo("answered");
        assertThat(p.get("echo").get("result_code").asInt()).isEqualTo(1);
        assertThat(p.get("call").get("status").asText()).isEqualTo("connected");
        assertThat(p.get("call").get("peer_call_id").asInt()).isPositive();
        assertThat(p.get("call").get("peer_window").asInt()).isEqualTo(64);
        assertThat(p.get("call").get("ocrp").get("result_code").asInt()).isEqualTo(1);
        JsonNode gre = p.get("gre");
        assertThat(gre.get("status").asText()).as(gre.toString()).isEqualTo("passes");
        assertThat(gre.get("frames_received").asInt()).isPositive();
        assertThat(gre.get("tried").asText()).contains("came back");
        assertThat(p.get("findings").findValuesAsText("id")).contains("PPTP-EXPOSED").doesNotContain("PPTP-GRE-BLOCKED");
    }

    @Test
    void greDroppedByNftablesIsReportedBlockedWithWhatWasTried() throws Exception {
        ExternalTool.require("nft");
        Path rules = dir.resolve("drop-gre.nft");
        Files.writeString(rules, "table ip p4jprobe {\n  chain input {\n    type filter hook input priority 0;\n"
                + "    ip protocol gre drop\n  }\n}\n");
        net.hosts().server().exec("nft", "-f", rules.toString()); // throws if nft refuses the rules
        JsonNode p = probe();
        assertThat(p.get("call").get("status").asText()).isEqualTo("connected");
        JsonNode gre = p.get("gre");
        assertThat(gre.get("status").asText()).as(gre.toString()).isEqualTo("blocked");
        assertThat(gre.get("frames_sent").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(gre.get("frames_received").asInt()).isZero();
        assertThat(gre.get("tried").asText()).matches("sent \\d+ LCP Configure-Requests over GRE \\(our call ID 1, the server's \\d+\\) "
                + "in \\d+ ms; no GRE came back");
        assertThat(p.get("findings").findValuesAsText("id")).contains("PPTP-EXPOSED", "PPTP-GRE-BLOCKED");
    }
}
