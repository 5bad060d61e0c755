package io.pptp4j.ppp.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.ppp.options.Ipv4;
import io.pptp4j.ppp.options.PppConfigException;
import io.pptp4j.ppp.options.Position;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsParserTest {
    private static Inet4Address ip(String text) {
        return Ipv4.parse(text).orElseThrow();
    }

    private static Secret secretOf(SecretsTable table, String client, String server) {
        return table.find(client, server).orElseThrow().secret();
    }

    @Test
    void parsesPptpdStyleChapSecrets() {
        SecretsTable table = SecretsParser.parse("chap-secrets", """
                # Secrets for authentication using CHAP
                # client        server  secret                  IP addresses
                alice           pptpd   "my secret"             *
                bob             pptpd   b\\"o\\\\b              192.168.1.10
                """);
        assertThat(table.entries()).hasSize(2);
        SecretEntry alice = table.entries().get(0);
        assertThat(alice.client()).isEqualTo("alice");
        assertThat(alice.server()).isEqualTo("pptpd");
        assertThat(alice.secret()).isEqualTo(Secret.of("my secret"));
        assertThat(alice.position()).isEqualTo(new Position("chap-secrets", 3, 1));
        assertThat(alice.addresses().permits(ip("10.1.2.3"), 0)).isTrue();
        assertThat(secretOf(table, "bob", "pptpd")).isEqualTo(Secret.of("b\"o\\b"));
    }

    @Test
    void singleQuotesAndContinuation() {
        SecretsTable table = SecretsParser.parse("f", "carol 'my server' 'p#ss word' \\\n  10.0.0.1\n");
        SecretEntry carol = table.entries().getFirst();
        assertThat(carol.server()).isEqualTo("my server");
        assertThat(carol.secret()).isEqualTo(Secret.of("p#ss word"));
        assertThat(carol.addresses().permits(ip("10.0.0.1"), 0)).isTrue();
    }

    @Test
    void addressListRules() {
        SecretsTable table = SecretsParser.parse("f", """
                none1 s x
                none2 s x - 10.0.0.1
                some s x !10.0.0.7 10.0.0.0/24 192.0.2.1
                unit s x 10.1.0.0/16+
                """);
        assertThat(table.find("none1", "s").orElseThrow().addresses().allowsNone()).isTrue();
        assertThat(table.find("none2", "s").orElseThrow().addresses().permits(ip("10.0.0.1"), 0)).isFalse();
        AddressList some = table.find("some", "s").orElseThrow().addresses();
        assertThat(some.permits(ip("10.0.0.7"), 0)).isFalse();
        assertThat(some.permits(ip("10.0.0.8"), 0)).isTrue();
        assertThat(some.permits(ip("10.0.1.8"), 0)).isFalse();
        assertThat(some.permits(ip("192.0.2.1"), 0)).isTrue();
        AddressList unit = table.find("unit", "s").orElseThrow().addresses();
        assertThat(unit.permits(ip("10.1.0.4"), 3)).isTrue();
        assertThat(unit.permits(ip("10.1.0.3"), 3)).isFalse();
    }

    @Test
    void indirectSecretThroughResolver() {
        Map<String, String> files = Map.of("/etc/ppp/alice.pw", "\"from file\" trailing words\n");
        SecretsTable table = SecretsParser.parse("f", "alice * @/etc/ppp/alice.pw *\nbob * @literal\n", files::get);
        assertThat(secretOf(table, "alice", "pptpd")).isEqualTo(Secret.of("from file"));
        assertThat(secretOf(table, "bob", "pptpd")).isEqualTo(Secret.of("@literal"));
    }

    @Test
    void rejectsIndirectSecretErrors() {
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice * @/x/pw"))
                .hasMessage("chap-secrets:1:9: /x/pw: indirect secrets are not allowed here");
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice * @/x/pw", p -> "  # nothing\n"))
                .hasMessage("chap-secrets:1:9: no secret in indirect secret file /x/pw");
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice * @/x/pw", p -> {
            throw new IOException(p + ": no such file");
        })).hasMessage("chap-secrets:1:9: /x/pw: no such file");
    }

    @Test
    void rejectsUnterminatedQuoteWithoutShowingTheSecret() {
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice pptpd \"hunter2 *\n"))
                .isInstanceOf(PppConfigException.class)
                .hasMessage("chap-secrets:1:13: unterminated quote");
    }

    @Test
    void rejectsShortLines() {
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "a b c\nalice pptpd\n"))
                .hasMessage("chap-secrets:2:1: missing secret");
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "  alice\n"))
                .hasMessage("chap-secrets:1:3: missing server");
    }

    @Test
    void rejectsBadAddresses() {
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice pptpd pw host.example"))
                .hasMessage("chap-secrets:1:16: bad address host.example"
                        + " (expected *, -, a.b.c.d, a.b.c.d/n or a.b.c.d/n+, optionally after !)");
        assertThatThrownBy(() -> SecretsParser.parse("chap-secrets", "alice pptpd pw 10.0.0.0/33"))
                .hasMessage("chap-secrets:1:16: bad prefix length in address 10.0.0.0/33 (expected /0 to /32)");
    }
}
