package io.pptp4j.ppp.auth;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.Layer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Helpers for the MS-CHAP value and message sub-formats. */
final class MsChapValues {
    /** The Value of a CHAP Challenge or Response starts after Code, Identifier, Length and Value-Size. */
    static final int VALUE_OFFSET = 5;

    static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private MsChapValues() {}

    /** A reader over {@code value} whose offsets count from the CHAP packet's start. */
    static ByteReader valueReader(Bytes value) throws DecodeException {
        byte[] buf = new byte[VALUE_OFFSET + value.length()];
        value.copyTo(buf, VALUE_OFFSET);
        ByteReader r = ByteReader.of(buf, Layer.CHAP, "CHAP");
        r.skip(VALUE_OFFSET, "Header");
        return r;
    }

    static Bytes latin1Bytes(String s) {
        checkLatin1(s, "text");
        return Bytes.of(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String checkLatin1(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                throw new IllegalArgumentException(what + " has a character beyond one octet at " + i);
            }
        }
        return s;
    }

    static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static int tokenEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ') {
            i++;
        }
        return i;
    }

    static boolean isHex(String s, boolean upperOnly) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (!upperOnly && c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value as found, for error messages: quoted, cut after 48 characters, with its length. */
    static String found(String value) {
        String shown = value.length() > 48 ? value.substring(0, 48) + "..." : value;
        return "\"" + shown + "\" (" + value.length() + " character" + (value.length() == 1 ? "" : "s") + ")";
    }
}
