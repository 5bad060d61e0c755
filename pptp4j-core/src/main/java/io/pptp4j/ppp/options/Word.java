package io.pptp4j.ppp.options;

import java.util.Objects;

/**
 * One word of a pppd-format file after quoting and escapes are removed.
 *
 * @param text the word's value
 * @param position where the word started (its opening quote, if quoted)
 * @param startsLine true if a newline (not an escaped one) came before this word, or it is the first word
 * @param quoted true if the word was written in quotes
 */
public record Word(String text, Position position, boolean startsLine, boolean quoted) {
    public Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /**
     * True if the word is the {@code *} wildcard: pppd's ISWILD tests the written word, so a quoted
     * {@code "*"} is a wildcard too.
     */
    public boolean isWildcard() {
        return text.equals("*");
    }
}
