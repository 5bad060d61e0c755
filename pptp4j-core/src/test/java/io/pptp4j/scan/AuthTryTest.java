package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.ppp.lcp.LcpOption.AuthenticationProtocol;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTryTest {
    private static CpPacket<LcpOption> request(int id, LcpOption... options) {
        return new CpPacket.ConfigureRequest<>(id, List.of(options));
    }

    private static final LcpOption MAGIC = new LcpOption.MagicNumber(0x12345678L);

    @Test
    void discoveryReadsTheRequestedProtocol() throws Exception {
        // an LCP Configure-Request as pppd sends it with require-mschap-v2: Auth-Protocol c223 81, a Magic-Number
        CpPacket<LcpOption> req = Lcp.CODEC.decode(Hex.parse("0101000f0305c22381050612345678"), DecodeMode.STRICT);
        AuthTry t = new AuthTry(null);
        assertThat(t.onPacket(req)).isEmpty();
        AuthTry.Verdict v = t.verdict().orElseThrow();
        assertThat(v).isInstanceOfSatisfying(AuthTry.Requested.class,
                r -> assertThat(ProbedAuth.describe(r.protocol())).isEqualTo("ms-chap-v2"));
    }

    @Test
    void aRequestWithoutAuthenticationIsRequestedNone() {
        AuthTry t = new AuthTry(null);
        t.onPacket(request(1, MAGIC));
        assertThat(t.verdict()).contains(new AuthTry.Requested(null));
    }

    @Test
    void naksTowardTheWantedProtocolThenAcceptsWhenTheServerAsksForIt() {
        AuthTry t = new AuthTry(ProbedAuth.PAP);
        List<CpPacket<LcpOption>> answer = t.onPacket(request(7, AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2), MAGIC));
        assertThat(answer).containsExactly(new CpPacket.ConfigureNak<>(7, List.of(AuthenticationProtocol.pap())));
        assertThat(Hex.of(Lcp.CODEC.encode(answer.getFirst()))).isEqualTo("03070008" + "0304c023");
        assertThat(t.verdict()).isEmpty();
        t.onPacket(request(8, AuthenticationProtocol.pap(), MAGIC));
        assertThat(t.verdict()).contains(new AuthTry.Accepted(ProbedAuth.PAP));
    }

    @Test
    void refusesWhenTheServerAsksForTheSameAgain() {
        AuthTry t = new AuthTry(ProbedAuth.MS_CHAP);
        t.onPacket(request(1, AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2)));
        t.onPacket(request(2, AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2)));
        assertThat(t.verdict()).contains(new AuthTry.Refused(ProbedAuth.MS_CHAP, "asked for ms-chap-v2 after our Nak"));
    }

    @Test
    void aRetransmissionOfTheNakkedRequestIsNakkedAgainNotTakenForARefusal() {
        // RFC 1661 5.1: a retransmission keeps its Identifier and options; it crossed our Nak on the wire
        AuthTry t = new AuthTry(ProbedAuth.PAP);
        CpPacket<LcpOption> first = request(4, AuthenticationProtocol.chap(ChapAlgorithm.MD5), MAGIC);
        t.onPacket(first);
        assertThat(t.onPacket(first)).containsExactly(new CpPacket.ConfigureNak<>(4, List.of(AuthenticationProtocol.pap())));
        assertThat(t.verdict()).isEmpty();
        t.onPacket(request(5, AuthenticationProtocol.pap(), MAGIC));
        assertThat(t.verdict()).contains(new AuthTry.Accepted(ProbedAuth.PAP));
    }

    @Test
    void aTerminateRequestIsARefusalAndIsAcknowledged() {
        AuthTry t = new AuthTry(ProbedAuth.EAP);
        t.onPacket(request(1, AuthenticationProtocol.chap(ChapAlgorithm.MD5)));
        assertThat(t.onPacket(new CpPacket.TerminateRequest<>(9, Bytes.EMPTY)))
                .containsExactly(new CpPacket.TerminateAck<>(9, Bytes.EMPTY));
        assertThat(t.verdict()).contains(new AuthTry.Refused(ProbedAuth.EAP, "ended LCP with Terminate-Request"));
    }

    @Test
    void silenceIsNoVerdictAboutTheProtocol() {
        assertThat(new AuthTry(null).timedOut()).isEqualTo(new AuthTry.Silent());
        assertThat(new AuthTry(ProbedAuth.PAP).timedOut()).isEqualTo(new AuthTry.Silent());
        AuthTry t = new AuthTry(ProbedAuth.PAP);
        t.onPacket(request(1, AuthenticationProtocol.eap()));
        assertThat(t.timedOut()).isEqualTo(new AuthTry.Refused(ProbedAuth.PAP, "no new Configure-Request after our Nak"));
    }

    @Test
    void chapIsToldApartByItsAlgorithm() {
        assertThat(ProbedAuth.of(AuthenticationProtocol.chap(ChapAlgorithm.MD5))).contains(ProbedAuth.CHAP_MD5);
        assertThat(ProbedAuth.of(AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP))).contains(ProbedAuth.MS_CHAP);
        assertThat(ProbedAuth.of(AuthenticationProtocol.chap(0x42))).isEmpty();
        assertThat(ProbedAuth.describe(AuthenticationProtocol.chap(0x42))).isEqualTo("CHAP 42");
    }
}
