package io.pptp4j.ppp.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PppWordWriterProperties {
    @Property
    void quotedWordRoundTrips(@ForAll String value) {
        List<Word> words = PppWordReader.words("f", "alice pptpd " + PppWordWriter.quote(value) + " *\n");
        assertThat(words).extracting(Word::text).containsExactly("alice", "pptpd", value, "*");
    }
}
