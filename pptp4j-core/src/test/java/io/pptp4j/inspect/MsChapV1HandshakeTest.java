package io.pptp4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessageDecoder;
import io.pptp4j.ppp.mschap.MsChapV1;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An MS-CHAP (v1) exchange built here from the RFC 2433 test vector (password "MyPw", challenge
 * 102DB5DF085D3041, NT response 4E9D3C8F9CFD385D5BF4D3246791956CA4C351AB409A3D61, RFC 2433 B.2), as no
 * capture of testdata/captures has one.
 */
class MsChapV1HandshakeTest {
    private static final String CHALLENGE = "102db5df085d3041";
    private static final String NT_RESPONSE = "4e9d3c8f9cfd385d5bf4d3246791956ca4c351ab409a3d61";

    private long frame;

    private void ppp(SessionTracker t, boolean fromClient, String hex) throws Exception {
        byte[] b = Hex.parse(hex);
        frame++;
        t.accept(new PptpItem.Gre(frame, frame, fromClient ? "192.0.2.1" : "192.0.2.2", fromClient ? "192.0.2.2" : "192.0.2.1",
                GrePacket.data(fromClient ? 1 : 2, frame, Bytes.of(b)), PppMessageDecoder.decode(b, DecodeMode.LENIENT), null));
    }

    private InspectReport exchange(PasswordSource passwords) throws Exception {
        SessionTracker t = new SessionTracker(new SessionTracker.Options(false, passwords, null));
        ppp(t, false, "ff03c021 01010009 0305c22380");                      // LCP Configure-Request Auth MS-CHAP
        ppp(t, true, "ff03c021 02010009 0305c22380");                       // Configure-Ack
        ppp(t, false, "ff03c223 01070010 08" + CHALLENGE + "737276");        // Challenge, Name "srv"
        ppp(t, true, "ff03c223 0207003a 31" + "00".repeat(24) + NT_RESPONSE + "01" + "55736572"); // Response "User"
        ppp(t, false, "ff03c223 03070004");                                 // Success
        return t.finish();
    }

    @Test
    void rfc2433VectorIsTheCapturedNtResponse() {
        assertThat(MsChapV1.ntChallengeResponse(Bytes.fromHex(CHALLENGE), "MyPw".toCharArray()).hex())
                .isEqualTo(NT_RESPONSE);
    }

    @Test
    void msChapV1HandshakeIsFoundWithItsHashLinesAndFinding() throws Exception {
        InspectReport r = exchange(PasswordSource.NONE);
        ChapHandshake h = r.handshakes().getFirst();
        assertThat(h.kind()).isEqualTo(AuthKind.MS_CHAP_V1);
        assertThat(h.user()).isEqualTo("User");
        assertThat(h.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(h.lmResponse().isEmpty()).as("an all-zero LM response is not sent").isTrue();
        assertThat(h.frames()).containsExactly(3L, 4L, 5L);
        assertThat(HashLines.lines(h, HashLines.Format.HASHCAT)).containsExactly("User::::" + NT_RESPONSE + ":" + CHALLENGE);
        assertThat(HashLines.lines(h, HashLines.Format.JOHN)).containsExactly("User:$NETNTLM$" + CHALLENGE + "$" + NT_RESPONSE);
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.MS_CHAP_V1_OFFLINE_ATTACK);
    }

    @Test
    void rightPasswordIsVerifiedAgainstMsChapV1() throws Exception {
        InspectReport r = exchange((user, authenticator) -> user.equals("User") && authenticator.equals("srv")
                ? List.of("mypw", "MyPw") : List.of());
        assertThat(r.findings()).extracting(Finding::kind).contains(FindingKind.PASSWORD_RECOVERED);
    }
}
