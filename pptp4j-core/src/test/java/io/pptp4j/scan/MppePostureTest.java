package io.pptp4j.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.ccp.MppeNegotiated;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.scan.MppeTryResult.Outcome;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MppePostureTest {
    private static final MppeNegotiated S_STATELESS = new MppeNegotiated(0x01000040L, true, SupportedBit.S);
    private static final MppeNegotiated S_STATEFUL = new MppeNegotiated(0x00000040L, false, SupportedBit.S);
    private static final MppeNegotiated L_STATELESS = new MppeNegotiated(0x01000020L, true, SupportedBit.L);
    private static final MppeNegotiated M_STATELESS = new MppeNegotiated(0x01000080L, true, SupportedBit.M);

    private static MppeTryResult accepted(MppeTry t, MppeNegotiated agreed) { return new MppeTryResult(t, Outcome.ACCEPTED, agreed, null); }

    private static MppeTryResult refused(MppeTry t) {
        return new MppeTryResult(t, Outcome.REFUSED, null, "peer terminated the link: encryption refused");
    }

    private static List<String> ids(MppePosture p) { return p.findings().stream().map(Finding::id).toList(); }

    @Test
    void theSecureDefaultShowsNoWeakness() {
        MppePosture p = MppePosture.of("alice", List.of(accepted(MppeTry.BASELINE, S_STATELESS), refused(MppeTry.MPPE_40),
                refused(MppeTry.MPPE_56), refused(MppeTry.STATEFUL), refused(MppeTry.NONE)));
        assertThat(p.status()).isEqualTo("probed");
        assertThat(p.offered()).isTrue();
        assertThat(p.required()).isTrue();
        assertThat(p.strengthsAllowed()).containsExactly(128);
        assertThat(p.statefulAllowed()).isFalse();
        assertThat(p.findings()).isEmpty();
    }

    @Test
    void aPermissiveServerShowsEveryWeakness() {
        MppePosture p = MppePosture.of("alice", List.of(accepted(MppeTry.BASELINE, S_STATELESS), accepted(MppeTry.MPPE_40, L_STATELESS),
                accepted(MppeTry.MPPE_56, M_STATELESS), accepted(MppeTry.STATEFUL, S_STATEFUL), accepted(MppeTry.NONE, null)));
        assertThat(p.offered()).isTrue();
        assertThat(p.required()).isFalse();
        assertThat(p.strengthsAllowed()).containsExactly(128, 56, 40);
        assertThat(p.statefulAllowed()).isTrue();
        assertThat(ids(p)).containsExactly("PPTP-MPPE-NOT-REQUIRED", "PPTP-MPPE-40-ALLOWED", "PPTP-MPPE-56-ALLOWED",
                "PPTP-MPPE-STATEFUL-ALLOWED");
        Finding forty = p.findings().get(1);
        assertThat(forty.severity()).isEqualTo(Severity.HIGH);
        assertThat(forty.evidence()).isEqualTo("as alice, offering MPPE-40 stateless only (H,L): the session came up with 40-bit "
                + "stateless MPPE");
        assertThat(forty.remediation()).contains("nomppe-40", "WireGuard or IPsec");
        assertThat(p.findings().get(0).evidence()).isEqualTo("as alice, offering no encryption (CCP Protocol-Rejected): the session "
                + "came up in clear (it agrees MPPE when offered)");
    }

    @Test
    void aServerWithoutMppeIsCritical() {
        MppePosture p = MppePosture.of("bob", List.of(refused(MppeTry.BASELINE), refused(MppeTry.MPPE_40), refused(MppeTry.MPPE_56),
                refused(MppeTry.STATEFUL), accepted(MppeTry.NONE, null)));
        assertThat(p.offered()).isFalse();
        assertThat(p.required()).isFalse();
        assertThat(p.strengthsAllowed()).isEmpty();
        assertThat(p.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("PPTP-MPPE-NOT-OFFERED");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void aFortyBitOnlyServerRefusesTheBaselineAndIsStillProbed() {
        MppePosture p = MppePosture.of("alice", List.of(refused(MppeTry.BASELINE), accepted(MppeTry.MPPE_40, L_STATELESS),
                refused(MppeTry.MPPE_56), refused(MppeTry.STATEFUL), refused(MppeTry.NONE)));
        assertThat(MppePosture.worthGoingOn(p.tries().getFirst())).isTrue();
        assertThat(p.strengthsAllowed()).containsExactly(40);
        assertThat(ids(p)).containsExactly("PPTP-MPPE-40-ALLOWED");
    }

    @Test
    void aWrongPasswordStopsAfterTheBaselineWithOneClearLine() {
        MppeTryResult b = MppeTryResult.of(MppeTry.BASELINE, null, false,
                "authentication failed: Failure E=691 R=0 C=CF4F67F48B749612B9448B71D7E89AFB V=3 M=Authentication failed");
        assertThat(b.outcome()).isEqualTo(Outcome.AUTH_FAILED);
        assertThat(MppePosture.worthGoingOn(b)).isFalse();
        MppePosture p = MppePosture.of("alice", List.of(b));
        assertThat(p.status()).isEqualTo("auth-failed");
        assertThat(p.detail()).isEqualTo("authentication as alice failed (E=691 ERROR_AUTHENTICATION_FAILURE, \"Authentication failed\"): "
                + "check the user name and password");
        assertThat(p.offered()).isNull();
        assertThat(p.required()).isNull();
        assertThat(p.statefulAllowed()).isNull();
        assertThat(p.findings()).isEmpty();
    }

    @Test
    void aTryThatErredLeavesItsConclusionUnknown() {
        MppePosture p = MppePosture.of("alice", List.of(accepted(MppeTry.BASELINE, S_STATELESS), refused(MppeTry.MPPE_40),
                refused(MppeTry.MPPE_56), MppeTryResult.error(MppeTry.STATEFUL, "call refused"), MppeTryResult.error(MppeTry.NONE, "timeout")));
        assertThat(p.statefulAllowed()).isNull();
        assertThat(p.required()).isNull();
        assertThat(p.offered()).isTrue();
        assertThat(p.findings()).isEmpty();
    }

    @Test
    void aSessionEndedAfterAuthenticationIsARefusal() throws Exception {
        assertThat(MppeTryResult.of(MppeTry.MPPE_40, null, true, "encryption refused: peer rejects MPPE, which is required"))
                .isEqualTo(new MppeTryResult(MppeTry.MPPE_40, Outcome.REFUSED, null, "encryption refused: peer rejects MPPE, which is required"));
        assertThat(MppeTryResult.of(MppeTry.NONE, null, false, "no common authentication: EAP is not supported").outcome())
                .isEqualTo(Outcome.ERROR);
        SessionResult up = new SessionResult(Optional.of(AuthProtocol.MS_CHAP_V2), "alice", Optional.of(L_STATELESS),
                (Inet4Address) InetAddress.getByName("198.51.100.10"), (Inet4Address) InetAddress.getByName("198.51.100.1"),
                List.of(), 1500, 1500);
        MppeTryResult r = MppeTryResult.of(MppeTry.MPPE_40, up, true, null);
        assertThat(r.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(r.agreedText()).isEqualTo("40-bit stateless");
    }

    @Test
    void theBaselineComesFirst() {
        assertThatThrownBy(() -> MppePosture.of("alice", List.of(refused(MppeTry.NONE))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the baseline comes first");
    }

    @Test
    void eachTryOffersOneThing() {
        assertThat(MppeTry.BASELINE.config().orElseThrow().allowedStrengths()).containsExactly(SupportedBit.S);
        assertThat(MppeTry.MPPE_40.config().orElseThrow().allowedStrengths()).containsExactly(SupportedBit.L);
        assertThat(MppeTry.MPPE_56.config().orElseThrow().allowedStrengths()).containsExactly(SupportedBit.M);
        assertThat(MppeTry.STATEFUL.config().orElseThrow().statefulness())
                .isEqualTo(io.pptp4j.ppp.fsm.ccp.MppeConfig.Statefulness.STATEFUL_REQUIRED);
        assertThat(MppeTry.NONE.config()).isEmpty();
    }

    @Test
    void aFailureWithoutAnMsChapCodeIsQuotedAsItCame() {
        MppePosture p = MppePosture.of("alice", List.of(MppeTryResult.of(MppeTry.BASELINE, null, false,
                "authentication failed: no CHAP Success or Failure after 10 Responses")));
        assertThat(p.detail()).isEqualTo("authentication as alice failed (no CHAP Success or Failure after 10 Responses): "
                + "check the user name and password");
        MppePosture other = MppePosture.of("alice", List.of(MppeTryResult.error(MppeTry.BASELINE, "no call: refused")));
        assertThat(other.status()).isEqualTo("error");
        assertThat(other.detail()).isEqualTo("the baseline session failed: no call: refused");
    }
}
