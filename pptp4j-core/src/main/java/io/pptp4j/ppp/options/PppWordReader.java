package io.pptp4j.ppp.options;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a pppd options file or secrets file into words, as pppd's {@code getword()} does
 * (pppd(8), "OPTIONS FILES"; the secrets files use the same rules, "AUTHENTICATION"):
 * <ul>
 * <li>words are separated by white space;</li>
 * <li>{@code #} outside quotes starts a comment up to the end of the line, even in the middle of a word
 *     ({@code abc#x} is the word {@code abc});</li>
 * <li>a word that starts with {@code "} or {@code '} runs to the matching quote and may hold white space
 *     and {@code #}; the closing quote also ends the word ({@code "a"b} is two words). A quote in the
 *     middle of an unquoted word is an ordinary character;</li>
 * <li>a backslash quotes the next character, in or out of quotes. As in C: {@code \a \b \f \n \r \t},
 *     {@code \s} (a space), {@code \ooo} (1 to 3 octal digits), {@code \xHH} (1 or 2 hex digits); any other
 *     character stands for itself ({@code \\}, {@code \"}, {@code \'}, {@code \#}, {@code \ });</li>
 * <li>backslash-newline is a line continuation and is dropped, between words or inside one.</li>
 * </ul>
 * Two deliberate differences from pppd, which warns and carries on: a quote still open at the end of
 * its line is an error ({@code unterminated quote}, at the opening quote; pppd would swallow the
 * following lines into the word), and a backslash at the very end of the text is an error
 * ({@code backslash at end of file}). Pure: text in, words out.
 */
public final class PppWordReader {
    private final String source;
    private final String text;
    private int index;
    private int line = 1;
    private int column = 1;

    private PppWordReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** The words of {@code text}; errors name {@code source} (a file name) with line and column. */
    public static List<Word> words(String source, String text) {
        return new PppWordReader(source, text).readAll();
    }

    private List<Word> readAll() {
        List<Word> words = new ArrayList<>();
        boolean newline = true;
        while (true) {
            // Skip white space, comments and backslash-newline continuations.
            while (index < text.length()) {
                char c = text.charAt(index);
                if (c == '\n') {
                    newline = true;
                    advance();
                } else if (c == '#') {
                    while (index < text.length() && text.charAt(index) != '\n') {
                        advance();
                    }
                } else if (c == '\\' && index + 1 < text.length() && text.charAt(index + 1) == '\n') {
                    advance();
                    advance();
                } else if (Character.isWhitespace(c)) {
                    advance();
                } else {
                    break;
                }
            }
            if (index >= text.length()) {
                return words;
            }
            words.add(readWord(newline));
            newline = false;
        }
    }

    private Word readWord(boolean startsLine) {
        Position start = here();
        char first = text.charAt(index);
        char quote = 0;
        if (first == '"' || first == '\'') {
            quote = first;
            advance();
        }
        StringBuilder word = new StringBuilder();
        while (true) {
            if (index >= text.length()) {
                if (quote != 0) {
                    throw new PppConfigException(start, "unterminated quote");
                }
                break;
            }
            char c = text.charAt(index);
            if (c == '\\') {
                Position escape = here();
                advance();
                if (index >= text.length()) {
                    throw new PppConfigException(escape, "backslash at end of file");
                }
                readEscape(word);
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    advance();
                    break;
                }
                if (c == '\n') {
                    throw new PppConfigException(start, "unterminated quote");
                }
            } else if (Character.isWhitespace(c) || c == '#') {
                break;
            }
            word.append(c);
            advance();
        }
        return new Word(word.toString(), start, startsLine, quote != 0);
    }

    /** Reads the escape sequence after a backslash (already consumed) into {@code word}. */
    private void readEscape(StringBuilder word) {
        char c = text.charAt(index);
        advance();
        switch (c) {
            case '\n' -> { } // continuation
            case 'a' -> word.append('\u0007');
            case 'b' -> word.append('\b');
            case 'f' -> word.append('\f');
            case 'n' -> word.append('\n');
            case 'r' -> word.append('\r');
            case 's' -> word.append(' ');
            case 't' -> word.append('\t');
            case 'x' -> {
                int value = 0;
                int digits = 0;
                while (digits < 2 && index < text.length() && Character.digit(text.charAt(index), 16) >= 0) {
                    value = value * 16 + Character.digit(text.charAt(index), 16);
                    advance();
                    digits++;
                }
                // pppd: "\x" with no hex digit is the letter x
                word.append(digits == 0 ? 'x' : (char) value);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    int digits = 1;
                    while (digits < 3 && index < text.length()
                            && text.charAt(index) >= '0' && text.charAt(index) <= '7') {
                        value = value * 8 + (text.charAt(index) - '0');
                        advance();
                        digits++;
                    }
                    word.append((char) (value & 0xFF));
                } else {
                    word.append(c);
                }
            }
        }
    }

    private Position here() {
        return new Position(source, line, column);
    }

    private void advance() {
        if (text.charAt(index) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        index++;
    }
}
