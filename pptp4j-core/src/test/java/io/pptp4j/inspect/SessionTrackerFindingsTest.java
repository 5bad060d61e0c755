package io.pptp4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessageDecoder;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings no capture of testdata/captures shows, from PPP frames built here (RFC 1334, RFC 1661, RFC 3078). */
class SessionTrackerFindingsTest {
    private static final String CLIENT = "192.0.2.1";
    private static final String SERVER = "192.0.2.2";

    private SessionTracker tracker = tracker(false);
    private long frame;

    private static SessionTracker tracker(boolean showSecrets) {
        return new SessionTracker(new SessionTracker.Options(showSecrets, PasswordSource.NONE, null));
    }

    private void ppp(boolean fromClient, String hex) throws Exception {
        byte[] b = Hex.parse(hex);
        frame++;
        GrePacket p = GrePacket.data(fromClient ? 7 : 9, frame, Bytes.of(b));
        tracker.accept(new PptpItem.Gre(frame, frame * 1_000_000, fromClient ? CLIENT : SERVER,
                fromClient ? SERVER : CLIENT, p, PppMessageDecoder.decode(b, DecodeMode.LENIENT), null));
    }

    /** The server asks for MS-CHAP-V2 (c223 81), the client Naks with PAP (c023), the server settles on PAP. */
    private void papAfterDowngrade() throws Exception {
        ppp(false, "ff03c021 01010009 0305c22381");         // frame 1: Configure-Request Auth CHAP 0x81
        ppp(true, "ff03c021 03010008 0304c023");            // frame 2: Configure-Nak Auth PAP
        ppp(false, "ff03c021 01020008 0304c023");           // frame 3: Configure-Request Auth PAP
        ppp(true, "ff03c021 02020008 0304c023");            // frame 4: Configure-Ack
        ppp(true, "ff03c023 01010011 05616c696365 06733363723374"); // frame 5: Authenticate-Request alice/s3cr3t
        ppp(false, "ff03c023 02010005 00");                 // frame 6: Authenticate-Ack
    }

    @Test
    void papPasswordIsAFindingWithItsFramesAndRedacted() throws Exception {
        papAfterDowngrade();
        InspectReport r = tracker.finish();
        PptpSession s = r.sessions().getFirst();
        assertThat(s.auth()).isEqualTo(AuthKind.PAP);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.authOutcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(s.server()).isEqualTo(SERVER);
        Finding pap = r.findings().getFirst();
        assertThat(pap.kind()).isEqualTo(FindingKind.PAP_CLEARTEXT_PASSWORD);
        assertThat(pap.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(pap.frames()).containsExactly(5L, 6L);
        assertThat(pap.detail()).isEqualTo("user \"alice\" sent password [redacted] in clear with PAP (success)");
        assertThat(pap.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void papPasswordIsShownWhenAsked() throws Exception {
        tracker = tracker(true);
        papAfterDowngrade();
        Finding pap = tracker.finish().findings().getFirst();
        assertThat(pap.detail()).isEqualTo("user \"alice\" sent password \"s3cr3t\" in clear with PAP (success)");
    }

    @Test
    void settlingOnPapAfterAskingForMsChapV2IsADowngrade() throws Exception {
        papAfterDowngrade();
        Finding d = tracker.finish().findings().stream().filter(f -> f.kind() == FindingKind.AUTH_DOWNGRADE)
                .findFirst().orElseThrow();
        assertThat(d.frames()).containsExactly(1L, 4L);
        assertThat(d.detail()).isEqualTo("the server asked for MS-CHAP-V2 and settled on PAP after the client refused it");
    }

    @Test
    void fortyBitStatefulMppeGivesTwoFindings() throws Exception {
        // CCP (80fd) Configure-Request / Ack with the MPPE option, Supported Bits 0x00000020: L only, no H
        ppp(true, "ff0380fd 0101000a 12060000 0020");
        ppp(false, "ff0380fd 0201000a 12060000 0020");
        InspectReport r = tracker.finish();
        assertThat(r.sessions().getFirst().mppe()).isEqualTo(new MppeSettings(true, 40, false, "L", "L", 2));
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.WEAK_MPPE_KEY, FindingKind.STATEFUL_MPPE);
        assertThat(r.findings().getFirst().severity()).isEqualTo(Severity.HIGH);
        assertThat(r.findings().getFirst().frames()).containsExactly(2L);
    }

    @Test
    void malformedPppIsCountedNotFatal() throws Exception {
        ppp(true, "ff03c021 0101ffff 01");  // LCP Length 65535 in 5 octets
        ppp(true, "ff03c223 0101");         // CHAP cut after the Identifier
        InspectReport r = tracker.finish();
        assertThat(r.malformed()).isEqualTo(2);
        assertThat(r.malformedSamples()).hasSize(2);
        assertThat(r.sessions()).hasSize(1);
        assertThat(r.sessions().getFirst().clientToServer().malformed()).isEqualTo(2);
    }

    @Test
    void chapMd5IsAnOfflineAttackAndAGivenPasswordIsVerified() throws Exception {
        tracker = new SessionTracker(new SessionTracker.Options(false, (u, a) -> List.of("nope", "secret"), null));
        String challenge = "000102030405060708090a0b0c0d0e0f";
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update((byte) 7);
        md5.update("secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        md5.update(Hex.parse(challenge));
        String response = Bytes.of(md5.digest()).hex();
        ppp(false, "ff03c021 01010009 0305c22305");                       // frame 1: Auth CHAP MD5
        ppp(true, "ff03c021 02010009 0305c22305");                        // frame 2: Configure-Ack
        ppp(false, "ff03c223 01070017 10" + challenge + "7376");          // frame 3: Challenge, Name "sv"
        ppp(true, "ff03c223 02070018 10" + response + "626f62");          // frame 4: Response, Name "bob"
        ppp(false, "ff03c223 03070004");                                  // frame 5: Success
        InspectReport r = tracker.finish();
        assertThat(r.sessions().getFirst().auth()).isEqualTo(AuthKind.CHAP_MD5);
        assertThat(r.sessions().getFirst().user()).isEqualTo("bob");
        assertThat(r.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.PASSWORD_RECOVERED, FindingKind.CHAP_MD5_OFFLINE_ATTACK);
        assertThat(r.findings().getFirst().frames()).containsExactly(3L, 4L, 5L);
    }
}
