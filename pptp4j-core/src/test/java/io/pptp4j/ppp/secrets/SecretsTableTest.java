package io.pptp4j.ppp.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTableTest {
    private static final SecretsTable TABLE = SecretsParser.parse("chap-secrets", """
            *      *      any-any
            *      pptpd  any-pptpd
            alice  *      alice-any
            alice  pptpd  alice-pptpd
            alice  pptpd  alice-pptpd-second
            bob    *      bob-any
            carol  pptpd  carol-pptpd
            EXAMPLE\\\\dave pptpd dave-with-domain
            erin   pptpd  erin-pptpd
            """);

    private static String secret(SecretsTable table, String client, String server) {
        return table.find(client, server).map(e -> new String(e.secret().chars())).orElse(null);
    }

    @Test
    void exactClientAndServerBeatWildcardsAndFirstOfEqualsWins() {
        assertThat(secret(TABLE, "alice", "pptpd")).isEqualTo("alice-pptpd");
    }

    @Test
    void exactClientWithWildServerBeatsWildClientWithExactServer() {
        assertThat(secret(TABLE, "bob", "pptpd")).isEqualTo("bob-any");
        assertThat(secret(TABLE, "alice", "other")).isEqualTo("alice-any");
    }

    @Test
    void wildClientWithExactServerBeatsBothWild() {
        assertThat(secret(TABLE, "zoe", "pptpd")).isEqualTo("any-pptpd");
        assertThat(secret(TABLE, "zoe", "other")).isEqualTo("any-any");
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(secret(TABLE, "Carol", "pptpd")).isEqualTo("any-pptpd");
        SecretsTable noWild = SecretsParser.parse("f", "carol pptpd x");
        assertThat(noWild.find("Carol", "pptpd")).isEmpty();
        assertThat(noWild.find("carol", "PPTPD")).isEmpty();
    }

    @Test
    void literalDomainMatchingComparesTheWholeName() {
        SecretsTable noWild = SecretsParser.parse("f", "erin pptpd x\nEXAMPLE\\\\dave pptpd y");
        assertThat(noWild.find("EXAMPLE\\erin", "pptpd")).isEmpty();
        assertThat(secret(noWild, "EXAMPLE\\dave", "pptpd")).isEqualTo("y");
    }

    @Test
    void stripDomainMatchesThePartAfterTheBackslash() {
        SecretsTable strip = TABLE.withDomainMatching(DomainMatching.STRIP_DOMAIN);
        assertThat(secret(strip, "EXAMPLE\\erin", "pptpd")).isEqualTo("any-pptpd"); // wildcard found first
        SecretsTable noWild = SecretsParser.parse("f", "erin pptpd x\nEXAMPLE\\\\dave pptpd y")
                .withDomainMatching(DomainMatching.STRIP_DOMAIN);
        assertThat(secret(noWild, "EXAMPLE\\erin", "pptpd")).isEqualTo("x");
        assertThat(secret(noWild, "EXAMPLE\\dave", "pptpd")).isEqualTo("y");
        assertThat(noWild.find("OTHER\\dave", "pptpd")).isEmpty();
    }

    @Test
    void entriesNeverShowTheirSecret() {
        assertThat(TABLE.toString()).doesNotContain("alice-pptpd").contains("Secret[redacted]");
    }
}
