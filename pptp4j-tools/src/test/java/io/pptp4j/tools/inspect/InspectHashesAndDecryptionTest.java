package io.pptp4j.tools.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.tools.CliTestSupport;
import io.pptp4j.tools.testing.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --hashes} lines carry the captured NT-Response and the RFC 2759 8.2 ChallengeHash, computed here
 * from its definition (SHA-1 of PeerChallenge, AuthenticatorChallenge and UserName, first 8 octets), and
 * {@code --decrypt-out} writes a pcap that tshark reads as IPv4. Known answers: shared/captures/README.md.
 */
class InspectHashesAndDecryptionTest {
    private static final String RRAS = "../testdata/captures/pptpcrack-windows-rras-session.pcap";
    private static final String MOXIE = "../testdata/captures/chapcrack-mschapv2-only.pcap";
    private static final String RRAS_AUTH_CHALLENGE = "05b2f10bdc3d6c92b6cd160adee148b4";
    private static final String RRAS_PEER_CHALLENGE = "789223b02a0cc515404bca2c696edcff";
    private static final String RRAS_NT_RESPONSE = "8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0";
    private static final String MOXIE_AUTH_CHALLENGE = "258d4fc024f111512d0b61f9c375aee1";
    private static final String MOXIE_PEER_CHALLENGE = "abfe01e6c759850155b4d8d6258cdb67";
    private static final String MOXIE_NT_RESPONSE = "1c93abce815400686baeca315f348469256420598a73ad49";

    @TempDir
    Path tmp;

    /** RFC 2759 8.2 ChallengeHash, written out again here rather than calling the code under test. */
    private static String challengeHash(String peerChallenge, String authChallenge, String user) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        sha.update(HexFormat.of().parseHex(peerChallenge));
        sha.update(HexFormat.of().parseHex(authChallenge));
        sha.update(user.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }

    @Test
    void hashcatLinesAreNetNtlmV1WithTheChallengeHash() throws Exception {
        String rrasHash = challengeHash(RRAS_PEER_CHALLENGE, RRAS_AUTH_CHALLENGE, "vpnuser");
        assertThat(rrasHash).as("the README's known answer").isEqualTo("e8dcbab9624c0064");
        String moxieHash = challengeHash(MOXIE_PEER_CHALLENGE, MOXIE_AUTH_CHALLENGE, "moxie");
        CliTestSupport r = CliTestSupport.run("inspect", "--hashes", "hashcat", MOXIE, RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // user::domain:LM-response:NT-response:challenge, domain and LM empty
        assertThat(r.out().lines()).containsExactly(
                "moxie::::" + MOXIE_NT_RESPONSE + ":" + moxieHash,
                "vpnuser::::" + RRAS_NT_RESPONSE + ":" + rrasHash);
        assertThat(r.err().strip()).isEqualTo("pptp4j inspect: 2 hashcat lines");
    }

    @Test
    void johnLinesAreMsChapV2AndNetNtlm() throws Exception {
        String rrasHash = challengeHash(RRAS_PEER_CHALLENGE, RRAS_AUTH_CHALLENGE, "vpnuser");
        CliTestSupport r = CliTestSupport.run("inspect", "--hashes", "john", RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(
                "vpnuser:$MSCHAPv2$" + RRAS_AUTH_CHALLENGE + "$" + RRAS_NT_RESPONSE + "$" + RRAS_PEER_CHALLENGE + "$vpnuser",
                "vpnuser:$NETNTLM$" + rrasHash + "$" + RRAS_NT_RESPONSE);
    }

    @Test
    void hashesAndJsonTogetherIsAUsageError() {
        CliTestSupport r = CliTestSupport.run("inspect", "--hashes", "john", "--json", RRAS);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("pptp4j inspect: --hashes and --json both want standard output; choose one");
    }

    @Test
    void decryptedRrasSessionOpensInTsharkAsIpv4() throws Exception {
        ExternalTool.require("tshark");
        Path passwords = tmp.resolve("passwords.txt");
        Files.writeString(passwords, "not-it\nvpnuser123\n");
        Path out = tmp.resolve("inner.pcap");
        CliTestSupport r = CliTestSupport.run("inspect", "--password-file", passwords.toString(), "--decrypt-out",
                out.toString(), RRAS);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("689 MPPE frames, 689 decrypted",
                "decrypted: 689 inner IP packets written to " + out);
        String frames = ExternalTool.run(60, "tshark", "-r", out.toString(), "-T", "fields", "-e", "frame.protocols",
                "-e", "ip.src");
        assertThat(frames.lines()).hasSize(689);
        assertThat(frames.lines()).allSatisfy(l -> assertThat(l).startsWith("raw:ip"));
        // the client's address from IPCP appears as a source
        assertThat(frames).contains("192.168.43.111");
    }
}
