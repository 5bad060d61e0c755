package io.pptp4j.tools.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptp4j.tools.CliTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pptp4j inspect} on the captures of testdata/captures (provenance in its README.md). */
class InspectCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "../testdata/captures/";
    private static final String RRAS = DIR + "pptpcrack-windows-rras-session.pcap";
    private static final String MOXIE = DIR + "chapcrack-mschapv2-only.pcap";
    private static final String SESSION = DIR + "chapcrack-pptplinux-pptpd-session.pcap";
    private static final String ZEEK = DIR + "zeek-gre-pptp-dns.pcap";
    private static final String NT = DIR + "tcpdump-pptp-nt-moretonbay.pcap";

    @TempDir
    Path tmp;

    @Test
    void summarySaysWhoLoggedInHowAndWhatLeaks() {
        CliTestSupport r = CliTestSupport.run("inspect", RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                RRAS + ": 4587 packets, 13 PPTP control messages, 933 GRE frames, 0 malformed, 0 TCP gaps, 2 sessions",
                "session 1  192.168.43.39 -> 192.168.43.104",
                "(beginning not captured)",
                "  MPPE      negotiation not captured, 8 MPPE frames",
                "session 2  192.168.43.39 -> 192.168.43.104  2019-06-15T14:37:21.138171Z, 59.3 s, frames 272-4580",
                "  auth      MS-CHAP-V2 (server asked for EAP, then MS-CHAP-V2), user \"vpnuser\": success",
                "  MPPE      MPPE-128 stateless (H,S), first offer H,S, 689 MPPE frames",
                "  IPCP      client 192.168.43.111, server 192.168.43.108, DNS 192.168.43.110",
                "  HIGH     session 2  MS-CHAP-V2 handshake open to an offline attack",
                "  MEDIUM   session 2  authentication downgrade in LCP");
    }

    @Test
    void jsonIsOneDocumentWithEverySessionOfEveryFile() throws Exception {
        CliTestSupport r = CliTestSupport.run("inspect", "--json", NT, ZEEK, MOXIE, SESSION, RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("files")).hasSize(5);
        JsonNode sessions = doc.get("sessions");
        assertThat(sessions).hasSize(6);
        assertThat(sessions.get(0).get("control").get("sccrq").get("vendor").asText()).isEqualTo("Microsoft Windows NT");
        assertThat(sessions.get(0).get("control").get("sccrp").get("vendor").asText()).isEqualTo("MoretonBay");
        assertThat(sessions.get(1).get("client_to_server").get("clear_datagrams").asInt()).isEqualTo(1);
        assertThat(sessions.get(2).get("auth").get("user").asText()).isEqualTo("moxie");
        JsonNode pptpd = sessions.get(3);
        assertThat(pptpd.get("control").get("sccrp").get("vendor").asText()).isEqualTo("linux");
        assertThat(pptpd.get("mppe").get("frames").asInt()).isEqualTo(66);
        assertThat(pptpd.get("mppe").get("bits").asInt()).isEqualTo(128);
        assertThat(pptpd.get("mppe").get("stateless").asBoolean()).isTrue();
        JsonNode rras = sessions.get(5);
        assertThat(rras.get("auth").get("outcome").asText()).isEqualTo("success");
        assertThat(rras.get("auth").get("handshakes").get(0).get("challenge_hash").asText()).isEqualTo("e8dcbab9624c0064");
        assertThat(rras.get("client_to_server").get("mppe_frames").asInt()).isEqualTo(505);
        assertThat(rras.get("server_to_client").get("mppe_frames").asInt()).isEqualTo(184);
        assertThat(doc.get("findings").findValuesAsText("kind")).contains("ppp-data-without-mppe",
                "ms-chap-v2-offline-attack", "auth-downgrade");
    }

    @Test
    void logHasOneJsonLinePerSessionWithItsFindings() throws Exception {
        Path log = tmp.resolve("sessions.jsonl");
        CliTestSupport r = CliTestSupport.run("inspect", "--log", log.toString(), MOXIE, RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        JsonNode last = JSON.readTree(lines.get(2));
        assertThat(last.get("file").asText()).isEqualTo(RRAS);
        assertThat(last.get("auth").get("user").asText()).isEqualTo("vpnuser");
        assertThat(last.get("findings").findValuesAsText("kind")).containsExactly("ms-chap-v2-offline-attack", "auth-downgrade");
    }

    @Test
    void missingAndWrongFilesGiveOneLineAndExitOne() throws Exception {
        CliTestSupport missing = CliTestSupport.run("inspect", tmp.resolve("nope.pcap").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("pptp4j inspect: " + tmp.resolve("nope.pcap") + ": no such file");
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "# not a capture\n");
        CliTestSupport bad = CliTestSupport.run("inspect", text.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("pptp4j inspect: " + text + ": not a pcap or pcapng file: first bytes 23 20 6e 6f");
    }

    @Test
    void aTruncatedFileIsReportedUpToTheCutThenExitsOne() throws Exception {
        byte[] all = Files.readAllBytes(Path.of(RRAS));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(all, 3000));
        CliTestSupport r = CliTestSupport.run("inspect", cut.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(cut + ": 8 packets, 0 PPTP control messages, 4 GRE frames");
        assertThat(r.err()).contains("Packet Record of frame 9 at offset 1850", "(the file is cut short)");
    }

    @Test
    void garbageInsideAGrePacketIsCountedNotFatal() throws Exception {
        // the zeek capture with the PPP protocol of frame 1 changed to LCP (c021) and the inner IPv4 Total
        // Length, now read as the LCP Length, set to 65535: longer than the packet
        byte[] all = Files.readAllBytes(Path.of(ZEEK));
        int at = indexOf(all, new byte[] {(byte) 0xff, 0x03, 0x00, 0x21});
        all[at + 2] = (byte) 0xc0;
        all[at + 6] = (byte) 0xff;
        all[at + 7] = (byte) 0xff;
        Path bent = tmp.resolve("bent.pcap");
        Files.write(bent, all);
        CliTestSupport r = CliTestSupport.run("inspect", bent.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 GRE frames, 1 malformed", "  malformed frame 1: ");
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i <= b.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void decryptOutWithoutAPasswordIsAUsageError() {
        CliTestSupport r = CliTestSupport.run("inspect", "--decrypt-out", tmp.resolve("x.pcap").toString(), RRAS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("pptp4j inspect: --decrypt-out needs a password");
    }

    @Test
    void passwordFromChapSecretsVerifiesAndDecrypts() throws Exception {
        Path secrets = tmp.resolve("chap-secrets");
        Files.writeString(secrets, "# client server secret addresses\nvpnuser * vpnuser123 *\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        CliTestSupport r = CliTestSupport.run("inspect", "--json", "--secrets", secrets.toString(), RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("sessions").get(1).get("mppe").get("decrypted").asInt()).isEqualTo(689);
        assertThat(doc.get("findings").get(0).get("kind").asText()).isEqualTo("password-recovered");
        assertThat(r.out()).doesNotContain("vpnuser123");
    }

    @Test
    void passwordFromTheEnvironmentVerifiesTheHandshake() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.pptp4j.tools.Main", "inspect", "--show-secrets", MOXIE)
                .redirectErrorStream(true);
        pb.environment().put("PPTP4J_PASSWORD", "bPCFyF2uL1p5Lg5yrKmqmY");
        Process q = pb.start();
        String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).as(out).isZero();
        assertThat(out).contains("password verified against the handshake: password \"bPCFyF2uL1p5Lg5yrKmqmY\" of user \"moxie\"");
    }

    @Test
    void wordlistFindsBothPasswordsAndReportsItsRate() throws Exception {
        Path words = tmp.resolve("words.txt");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            b.append("guess").append(i).append('\n');
        }
        b.append("vpnuser123\nbPCFyF2uL1p5Lg5yrKmqmY\n");
        Files.writeString(words, b);
        CliTestSupport r = CliTestSupport.run("inspect", "--wordlist", words.toString(), "--threads", "2", "--show-secrets", MOXIE, RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("wordlist: 5002 candidates in [0-9.]+ s on 2 threads: [0-9]+ candidates/s");
        assertThat(r.out()).contains("  session 1 user \"moxie\": password \"bPCFyF2uL1p5Lg5yrKmqmY\"",
                "  session 2 user \"vpnuser\": password \"vpnuser123\"",
                "689 of 689 MPPE frames decrypted");
        CliTestSupport miss = CliTestSupport.run("inspect", "--wordlist", words.toString(), DIR + "chapcrack-pptplinux-pptpd-session.pcap");
        assertThat(miss.out()).contains("  session 1 user \"moxie\": not in the list");
    }

    @Test
    void neitherFilesNorAnInterfaceIsAUsageError() {
        CliTestSupport r = CliTestSupport.run("inspect");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("pptp4j inspect: give capture FILEs or --interface IF (one of them)");
        CliTestSupport d = CliTestSupport.run("inspect", "--duration", "5", RRAS);
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).startsWith("pptp4j inspect: --duration is a number of seconds (1 or more) for --interface");
    }

    @Test
    void anUnknownInterfaceIsOneClearLine() {
        CliTestSupport r = CliTestSupport.run("inspect", "--interface", "nosuch9", "--duration", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("pptp4j inspect: cannot capture on nosuch9: interface nosuch9: ")
                .doesNotContain("Exception");
    }

    @Test
    void pcapngCopyGivesTheSameSessionsAsThePcap() throws Exception {
        // testdata/captures/derived: the same capture written by editcap as pcapng
        JsonNode pcap = JSON.readTree(CliTestSupport.run("inspect", "--json", SESSION).out()).get("sessions");
        JsonNode pcapng = JSON.readTree(CliTestSupport.run("inspect", "--json",
                DIR + "derived/chapcrack-pptplinux-pptpd-session.pcapng").out()).get("sessions");
        for (JsonNode s : pcap) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("file");
        }
        for (JsonNode s : pcapng) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) s).remove("file");
        }
        assertThat(pcapng).isEqualTo(pcap);
        assertThat(pcapng.get(0).get("mppe").get("frames").asInt()).isEqualTo(66);
    }
}
