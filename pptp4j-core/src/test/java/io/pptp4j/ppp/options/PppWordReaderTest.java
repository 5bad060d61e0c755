package io.pptp4j.ppp.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PppWordReaderTest {
    private static List<String> texts(String text) {
        return PppWordReader.words("f", text).stream().map(Word::text).toList();
    }

    @Test
    void splitsOnWhiteSpaceAndDropsComments() {
        assertThat(texts("lock  novj\t# a comment\n\n  mtu 1400 #x\n")).containsExactly("lock", "novj", "mtu", "1400");
    }

    @Test
    void hashInsideUnquotedWordStartsComment() {
        assertThat(texts("abc#def ghi\nnext")).containsExactly("abc", "next");
    }

    @Test
    void quotedWordsKeepSpacesAndHash() {
        assertThat(texts("\"my secret\" 'single # quoted'")).containsExactly("my secret", "single # quoted");
    }

    @Test
    void closingQuoteEndsTheWordAndMidWordQuoteIsOrdinary() {
        assertThat(texts("\"a\"b c\"d")).containsExactly("a", "b", "c\"d");
    }

    @Test
    void backslashEscapes() {
        assertThat(texts("\\\"x \\\\ a\\ b \"q\\\"q\" \\n\\t\\s \\101\\x41 \\q")).containsExactly(
                "\"x", "\\", "a b", "q\"q", "\n\t ", "AA", "q");
    }

    @Test
    void backslashNewlineContinuesTheWordAndTheLine() {
        List<Word> words = PppWordReader.words("f", "alice serv\\\ner \\\nsecret\nbob");
        assertThat(words).extracting(Word::text).containsExactly("alice", "server", "secret", "bob");
        assertThat(words).extracting(Word::startsLine).containsExactly(true, false, false, true);
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        List<Word> words = PppWordReader.words("f", "a\n  \"b c\"");
        assertThat(words.get(1).position()).isEqualTo(new Position("f", 2, 3));
        assertThat(words.get(1).quoted()).isTrue();
    }

    @Test
    void rejectsUnterminatedQuoteAtEndOfLine() {
        assertThatThrownBy(() -> PppWordReader.words("chap-secrets", "a b c\nalice pptpd \"open\n"))
                .isInstanceOf(PppConfigException.class)
                .hasMessage("chap-secrets:2:13: unterminated quote");
    }

    @Test
    void rejectsUnterminatedQuoteAtEndOfFile() {
        assertThatThrownBy(() -> PppWordReader.words("f", "'abc"))
                .hasMessage("f:1:1: unterminated quote");
    }

    @Test
    void rejectsBackslashAtEndOfFile() {
        assertThatThrownBy(() -> PppWordReader.words("f", "abc\\"))
                .hasMessage("f:1:4: backslash at end of file");
    }
}
