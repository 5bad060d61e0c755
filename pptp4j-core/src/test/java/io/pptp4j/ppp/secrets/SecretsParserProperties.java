package io.pptp4j.ppp.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.options.PppWordWriter;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class SecretsParserProperties {
    @Property
    void quotedSecretRoundTrips(@ForAll String secret, @ForAll @AlphaChars @StringLength(min = 1, max = 12) String client) {
        // pppd reads any secret starting with "@/" (quoted or not) as a file name: no literal can say it
        Assume.that(!secret.startsWith("@/"));
        String line = PppWordWriter.quote(client) + " * " + PppWordWriter.quote(secret) + " *\n";
        SecretsTable table = SecretsParser.parse("chap-secrets", "# header\n" + line + "other * x\n");
        assertThat(table.find(client, "pptpd").orElseThrow().secret()).isEqualTo(Secret.of(secret));
    }
}
