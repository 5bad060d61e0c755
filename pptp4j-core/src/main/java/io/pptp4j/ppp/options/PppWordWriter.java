package io.pptp4j.ppp.options;

/**
 * Writes a value as one double-quoted word that {@link PppWordReader} reads back unchanged: backslash
 * and double quote are escaped, newline and carriage return become {@code \n} and {@code \r}, other
 * control characters below 0x20 and DEL become three-digit octal escapes.
 */
public final class PppWordWriter {
    private PppWordWriter() {
    }

    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                                .append((char) ('0' + (c & 7)));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
