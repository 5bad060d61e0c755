package io.pptp4j.ppp.options;

import java.util.Objects;

/**
 * Where a word came from: a file (or other source) name, a 1-based line and a 1-based column. For a
 * command-line argument list the source is {@code argv}, the line is 1 and the column is the 1-based
 * argument number.
 */
public record Position(String source, int line, int column) {
    public Position {
        Objects.requireNonNull(source, "source");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column count from 1: " + line + ":" + column);
        }
    }

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
