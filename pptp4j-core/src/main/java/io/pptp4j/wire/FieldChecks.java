package io.pptp4j.wire;

/**
 * Range checks for the compact constructors of wire records: a value that does not fit its field is a
 * programming error of the caller, reported as {@link IllegalArgumentException} naming the field.
 */
public final class FieldChecks {
    private FieldChecks() {}

    public static void u8(int v, String field) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(field + " " + v + " is not one octet");
        }
    }

    public static void u16(int v, String field) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + v + " is not 16 bits");
        }
    }

    public static void u32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " " + v + " is not 32 bits");
        }
    }

    /** Text for a NUL-padded field of {@code size} octets: ISO-8859-1, no NUL (it would end the text). */
    public static void text(String s, int size, String field) {
        if (s == null) {
            throw new IllegalArgumentException(field + " is null");
        }
        if (s.length() > size) {
            throw new IllegalArgumentException(field + " is " + s.length() + " octets, the field holds " + size);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(field + " has " + (c == 0 ? "a NUL" : "a non-ISO-8859-1 character")
                        + " at index " + i);
            }
        }
    }

    /** Octets that must fit in at most {@code max} bytes. */
    public static void maxLength(Bytes data, int max, String field) {
        if (data == null) {
            throw new IllegalArgumentException(field + " is null");
        }
        if (data.length() > max) {
            throw new IllegalArgumentException(field + " of " + data.length() + " octets exceeds " + max);
        }
    }
}
