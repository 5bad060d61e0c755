package io.pptp4j.ppp.options;

import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PppOptionsParserTest {
    /** Non-comment content of /etc/ppp/pptpd-options from Debian's pptpd package. */
    static final String DEBIAN_PPTPD_OPTIONS = """
            name pptpd
            refuse-pap
            refuse-chap
            refuse-mschap
            require-mschap-v2
            require-mppe-128
            proxyarp
            nodefaultroute
            lock
            nobsdcomp
            novj
            novjccomp
            nologfd
            """;

    /** The argument list pptpd's pptpctrl starts pppd with. */
    static final List<String> PPTPCTRL_ARGS = List.of("local", "file", "/etc/ppp/pptpd-options", "115200",
            "192.168.0.1:192.168.1.1", "ipparam", "192.0.2.1", "remotenumber", "192.0.2.1");

    @Test
    void debianPptpdOptions() {
        PppOptions options = PppOptionsParser.parseFile("pptpd-options", DEBIAN_PPTPD_OPTIONS);
        assertThat(options.name()).contains("pptpd");
        assertThat(options.has("require-mschap-v2")).isTrue();
        assertThat(options.unknown()).isEmpty();
        assertThat(options.warnings()).containsExactly(
                "pptpd-options:7:1: proxyarp has no effect in pptp4j",
                "pptpd-options:8:1: nodefaultroute has no effect in pptp4j",
                "pptpd-options:9:1: lock has no effect in pptp4j",
                "pptpd-options:10:1: nobsdcomp has no effect in pptp4j",
                "pptpd-options:11:1: novj has no effect in pptp4j",
                "pptpd-options:12:1: novjccomp has no effect in pptp4j",
                "pptpd-options:13:1: nologfd has no effect in pptp4j");
    }

    @Test
    void pptpctrlArgumentsWithoutFollowingFile() {
        PppOptions options = PppOptionsParser.parseArguments(PPTPCTRL_ARGS, PppOptionsParser.IncludeResolver.NONE);
        assertThat(options.local()).isTrue();
        assertThat(options.files()).containsExactly("/etc/ppp/pptpd-options");
        assertThat(options.speed()).isEqualTo(OptionalInt.of(115200));
        assertThat(options.addresses()).contains(
                new PppOption.AddressPair("192.168.0.1", "192.168.1.1", new Position("argv", 1, 5)));
        assertThat(options.ipparam()).contains("192.0.2.1");
        assertThat(options.remoteNumber()).contains("192.0.2.1");
        assertThat(options.name()).isEmpty();
        assertThat(options.warnings()).isEmpty();
    }

    @Test
    void pptpctrlArgumentsFollowTheOptionsFileInPlace() {
        Map<String, String> files = Map.of("/etc/ppp/pptpd-options", DEBIAN_PPTPD_OPTIONS);
        PppOptions options = PppOptionsParser.parseArguments(PPTPCTRL_ARGS, files::get);
        assertThat(options.name()).contains("pptpd");
        assertThat(options.options().get(2)).isInstanceOf(PppOption.Valued.class);
        assertThat(((PppOption.Valued) options.options().get(2)).position())
                .isEqualTo(new Position("/etc/ppp/pptpd-options", 1, 1));
        assertThat(options.options().getLast()).isInstanceOf(PppOption.Valued.class);
        PppPolicy policy = PppPolicy.from(options);
        assertThat(policy.authMethods()).containsExactly(AuthProtocol.MS_CHAP_V2);
        assertThat(policy.mppeStrengths()).containsExactly(MppeStrength.BITS_128);
    }

    @Test
    void addressPairSidesMayBeEmpty() {
        PppOptions options = PppOptionsParser.parseFile("f", ":10.0.0.2");
        assertThat(options.addresses().orElseThrow().local()).isEmpty();
        assertThat(options.addresses().orElseThrow().remote()).isEqualTo("10.0.0.2");
    }

    @Test
    void quotedValues() {
        PppOptions options = PppOptionsParser.parseFile("f", "name \"my server\" remotename my\\ peer");
        assertThat(options.name()).contains("my server");
        assertThat(options.remoteName()).contains("my peer");
    }

    @Test
    void keepsUnknownOptionsWithTheirPosition() {
        PppOptions options = PppOptionsParser.parseFile("f", "lock\n  frobnicate\n");
        assertThat(options.unknown()).containsExactly(new PppOption.Unknown("frobnicate", new Position("f", 2, 3)));
        assertThat(options.warnings()).contains("f:2:3: unknown option frobnicate (ignored)");
    }

    @Test
    void acceptsOptionsThatDoNotMatterWithValues() {
        PppOptions options = PppOptionsParser.parseFile("f",
                "debug dump logfile /var/log/ppp.log lcp-echo-interval 30 lcp-echo-failure 4 plugin radius.so");
        assertThat(options.unknown()).isEmpty();
        assertThat(options.values("logfile")).containsExactly("/var/log/ppp.log");
        assertThat(options.plugins()).containsExactly("radius.so");
    }

    @Test
    void rejectsMissingValueAtEnd() {
        assertThatThrownBy(() -> PppOptionsParser.parseFile("pptpd-options", "lock\nfile"))
                .isInstanceOf(PppConfigException.class)
                .hasMessage("pptpd-options:2:1: missing value for file");
        assertThatThrownBy(() -> PppOptionsParser.parseArguments(List.of("local", "ipparam"),
                PppOptionsParser.IncludeResolver.NONE))
                .hasMessage("argv:1:2: missing value for ipparam");
    }

    @Test
    void rejectsBadAddressInPair() {
        assertThatThrownBy(() -> PppOptionsParser.parseFile("f", "10.0.0.300:10.0.0.2"))
                .hasMessage("f:1:1: bad IPv4 address 10.0.0.300 in 10.0.0.300:10.0.0.2");
    }

    @Test
    void rejectsUnreadableIncludedFile() {
        assertThatThrownBy(() -> PppOptionsParser.parseFile("f", "file /nope", name -> {
            throw new IOException(name + ": no such file");
        })).hasMessage("f:1:1: cannot read options file /nope: /nope: no such file");
    }

    @Test
    void rejectsIncludeLoop() {
        assertThatThrownBy(() -> PppOptionsParser.parseFile("a", "file a", name -> "file a"))
                .hasMessage("a:1:1: options files nested more than 8 deep (file a)");
    }

    @Test
    void errorsInIncludedFileNameThatFile() {
        assertThatThrownBy(() -> PppOptionsParser.parseFile("a", "file b", name -> "lock \"x"))
                .hasMessage("b:1:6: unterminated quote");
    }
}
