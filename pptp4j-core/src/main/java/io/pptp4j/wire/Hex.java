package io.pptp4j.wire;

import java.util.HexFormat;

/** Hex helpers for messages and tests; formatting as in the error texts ({@code 0x1A2B3C4D}). */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    public static String of(byte[] b) { return LOWER.formatHex(b); }

    public static String of(byte[] b, int from, int to) { return LOWER.formatHex(b, from, to); }

    /** Parses hex, ignoring white space, colons and a leading 0x. */
    public static byte[] parse(String s) {
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        t = t.replaceAll("[\\s:]", "");
        return LOWER.parseHex(t);
    }

    /** {@code 0x1A2B3C4D}-style upper-case value with {@code digits} hex digits. */
    public static String value(long v, int digits) {
        return "0x" + String.format("%0" + digits + "X", v);
    }

    public static String u8(int v) { return value(v & 0xFF, 2); }

    public static String u16(int v) { return value(v & 0xFFFF, 4); }

    public static String u32(long v) { return value(v & 0xFFFFFFFFL, 8); }
}
