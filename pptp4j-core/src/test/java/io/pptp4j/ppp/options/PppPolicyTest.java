package io.pptp4j.ppp.options;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PppPolicyTest {
    private static PppPolicy policy(String text) {
        return PppPolicy.from(PppOptionsParser.parseFile("f", text));
    }

    @Test
    void secureDefaultsWhenNoOptionIsGiven() {
        PppPolicy policy = PppPolicy.secureDefault();
        assertThat(policy.authMethods()).containsExactly(AuthProtocol.MS_CHAP_V2);
        assertThat(policy.requirePeerAuthentication()).isTrue();
        assertThat(policy.mppeRequired()).isTrue();
        assertThat(policy.mppeStrengths()).containsExactly(MppeStrength.BITS_128);
        assertThat(policy.mppeStatefulAllowed()).isFalse();
        assertThat(policy.mru()).isEqualTo(1500);
        assertThat(policy.mtu()).isEqualTo(1500);
        assertThat(policy.lcpEchoInterval()).isZero();
        assertThat(policy.dnsServers()).isEmpty();
        assertThat(policy.name()).isEmpty();
        assertThat(policy.stripDomain()).isFalse();
        assertThat(policy.warnings()).isEmpty();
    }

    @Test
    void debianPptpdOptionsGiveMschapV2AndMppe128() {
        PppPolicy policy = policy(PppOptionsParserTest.DEBIAN_PPTPD_OPTIONS);
        assertThat(policy.authMethods()).containsExactly(AuthProtocol.MS_CHAP_V2);
        assertThat(policy.mppeRequired()).isTrue();
        assertThat(policy.mppeStrengths()).containsExactly(MppeStrength.BITS_128);
        assertThat(policy.name()).contains("pptpd");
    }

    @Test
    void oldMppeCommaFormRequiresMppe128() {
        PppPolicy policy = policy("mppe required,no40,no56,stateless");
        assertThat(policy.mppeRequired()).isTrue();
        assertThat(policy.mppeStrengths()).containsExactly(MppeStrength.BITS_128);
        assertThat(policy.mppeStatefulAllowed()).isFalse();
    }

    @Test
    void oldMppeFormWithoutRequiredOffersMppe() {
        PppPolicy policy = policy("mppe no40,stateful");
        assertThat(policy.mppeRequired()).isFalse();
        assertThat(policy.mppeStrengths()).containsExactlyInAnyOrder(MppeStrength.BITS_56, MppeStrength.BITS_128);
        assertThat(policy.mppeStatefulAllowed()).isTrue();
    }

    @Test
    void rejectsUnknownOldMppeItem() {
        assertThatThrownBy(() -> policy("lock\nmppe required,no64"))
                .hasMessage("f:2:1: unknown mppe item \"no64\" (expected required, no40, no56, no128, stateless or stateful)");
    }

    @Test
    void requireMppeAllowsFortyAndOneTwentyEight() {
        assertThat(policy("require-mppe").mppeStrengths())
                .containsExactlyInAnyOrder(MppeStrength.BITS_40, MppeStrength.BITS_128);
        assertThat(policy("require-mppe nomppe-40").mppeStrengths()).containsExactly(MppeStrength.BITS_128);
    }

    @Test
    void explicitRequirePapWinsOverSecureDefaultAndDropsDefaultMppe() {
        PppPolicy policy = policy("require-pap");
        assertThat(policy.authMethods()).containsExactly(AuthProtocol.PAP);
        assertThat(policy.mppeRequired()).isFalse();
        assertThat(policy.warnings()).containsExactly(
                "MPPE not required: its keys come from MS-CHAP or MS-CHAPv2, and only PAP is allowed");
    }

    @Test
    void requiredMethodsAreOrderedByPreference() {
        assertThat(policy("require-pap require-chap require-mschap-v2 require-mschap require-eap").authMethods())
                .containsExactly(AuthProtocol.MS_CHAP_V2, AuthProtocol.MS_CHAP, AuthProtocol.EAP, AuthProtocol.CHAP_MD5,
                        AuthProtocol.PAP);
    }

    @Test
    void rejectsExplicitMppeWithoutMschap() {
        assertThatThrownBy(() -> policy("require-pap\nrequire-mppe-128"))
                .hasMessage("f:2:1: MPPE needs MS-CHAP or MS-CHAPv2 authentication, but only PAP is allowed");
    }

    @Test
    void rejectsRefusingTheOnlyMethod() {
        assertThatThrownBy(() -> policy("lock\nrefuse-mschap-v2"))
                .isInstanceOf(PppConfigException.class)
                .hasMessage("f:2:1: no authentication method left");
    }

    @Test
    void refuseWinsWhateverTheOrder() {
        assertThat(policy("refuse-mschap require-mschap require-mschap-v2").authMethods())
                .containsExactly(AuthProtocol.MS_CHAP_V2);
    }

    @Test
    void noauthAllowsAnEmptyMethodList() {
        PppPolicy policy = policy("noauth refuse-mschap-v2");
        assertThat(policy.requirePeerAuthentication()).isFalse();
        assertThat(policy.authMethods()).isEmpty();
        assertThat(policy.mppeRequired()).isFalse();
    }

    @Test
    void rejectsRefusingEveryMppeKeyLength() {
        assertThatThrownBy(() -> policy("require-mppe-128 nomppe-128"))
                .hasMessage("f:1:1: no MPPE key length left");
        assertThatThrownBy(() -> policy("nomppe-128")).hasMessage("f:1:1: no MPPE key length left");
    }

    @Test
    void nomppeTurnsMppeOff() {
        PppPolicy policy = policy("nomppe");
        assertThat(policy.mppeRequired()).isFalse();
        assertThat(policy.mppeStrengths()).isEmpty();
    }

    @Test
    void mppeStatefulLaterOptionWins() {
        assertThat(policy("mppe-stateful").mppeStatefulAllowed()).isTrue();
        assertThat(policy("mppe-stateful nomppe-stateful").mppeStatefulAllowed()).isFalse();
    }

    @Test
    void numbersDnsWinsNamesAndStripDomain() {
        PppPolicy policy = policy("""
                mtu 1400 mru 1450 lcp-echo-interval 30 lcp-echo-failure 4
                ms-dns 192.0.2.53 ms-dns 192.0.2.54 ms-dns 192.0.2.55 ms-wins 192.0.2.137
                name srv remotename peer strip-domain
                """);
        assertThat(policy.mtu()).isEqualTo(1400);
        assertThat(policy.mru()).isEqualTo(1450);
        assertThat(policy.lcpEchoInterval()).isEqualTo(30);
        assertThat(policy.lcpEchoFailure()).isEqualTo(4);
        assertThat(policy.dnsServers()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.53", "192.0.2.54");
        assertThat(policy.winsServers()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.137");
        assertThat(policy.warnings()).containsExactly("f:2:37: more than two ms-dns options; 192.0.2.55 ignored");
        assertThat(policy.name()).contains("srv");
        assertThat(policy.remoteName()).contains("peer");
        assertThat(policy.stripDomain()).isTrue();
    }

    @Test
    void rejectsBadNumbersAndAddresses() {
        assertThatThrownBy(() -> policy("mru 64")).hasMessage("f:1:1: mru needs a number 128..16384, found \"64\"");
        assertThatThrownBy(() -> policy("lcp-echo-interval x"))
                .hasMessage("f:1:1: lcp-echo-interval needs a number 0 or more, found \"x\"");
        assertThatThrownBy(() -> policy("ms-dns dns.example"))
                .hasMessage("f:1:1: ms-dns needs an IPv4 address, found \"dns.example\"");
    }

    @Test
    void allowsReportsMethods() {
        assertThat(PppPolicy.secureDefault().allows(AuthProtocol.MS_CHAP_V2)).isTrue();
        assertThat(PppPolicy.secureDefault().allows(AuthProtocol.PAP)).isFalse();
        assertThat(Set.copyOf(PppOptionsParser.knownOptions())).contains("mppe", "strip-domain", "lock");
    }
}
