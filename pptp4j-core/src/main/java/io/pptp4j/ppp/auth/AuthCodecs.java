package io.pptp4j.ppp.auth;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.Layer;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What PAP, CHAP and EAP share: the Code / Identifier / Length header of RFC 1334 2.2, RFC 1994 4 and
 * RFC 2284 2.2, with "octets outside the range of the Length field" treated as padding.
 */
final class AuthCodecs {
    private AuthCodecs() {}

    /** The header as read, and a reader over exactly the Data that the Length field covers. */
    record Header(int code, int identifier, int length, int codeOffset, int lengthOffset, ByteReader body) {}

    /**
     * Reads Code, Identifier and Length from the rest of {@code r} (which it consumes, padding and all).
     * A Length below 4 or beyond the bytes there is an error in either mode.
     */
    static Header readHeader(ByteReader r, Layer layer, IntFunction<String> contextOf) throws DecodeException {
        ByteReader p = r.rest(layer, layer.displayName());
        int codeOffset = p.offset();
        int code = p.u8("Code");
        int identifier = p.u8("Identifier");
        int lengthOffset = p.offset();
        int length = p.u16("Length");
        String context = contextOf.apply(code);
        p.context(context);
        int available = p.remaining() + 4;
        if (length < 4 || length > available) {
            throw p.errorAt(lengthOffset, "Length", "4 to " + available, Integer.toString(length));
        }
        ByteReader body = p.slice(length - 4, "Data", layer, context);
        return new Header(code, identifier, length, codeOffset, lengthOffset, body);
    }

    /** The strict decoder's refusal of a code the protocol does not define. */
    static DecodeException unknownCode(Layer layer, Header h, String allowed) {
        return new DecodeException(layer, layer.displayName(), "Code", h.codeOffset(), "one of " + allowed,
                Integer.toString(h.code()));
    }

    /**
     * A one-octet length field followed by that many octets (PAP Peer-ID, Password, Message; CHAP Value):
     * a length beyond the data names the length field and its offset.
     */
    static Bytes counted(ByteReader b, String lengthField, String field) throws DecodeException {
        int offset = b.offset();
        int n = b.u8(lengthField);
        if (n > b.remaining()) {
            throw b.errorAt(offset, lengthField, "at most " + b.remaining(), Integer.toString(n));
        }
        return b.byteString(n, field);
    }

    /** Writes a placeholder header; {@link #finish} fills in the Length. */
    static int start(ByteWriter w, int code, int identifier) {
        int start = w.size();
        w.u8(code).u8(identifier).u16(0);
        return start;
    }

    static void finish(ByteWriter w, int start, String what) {
        int length = w.size() - start;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException(what + " of " + length + " bytes does not fit the Length field");
        }
        w.setU16(start + 2, length);
    }

    static void checkIdentifier(int identifier) {
        if (identifier < 0 || identifier > 255) {
            throw new IllegalArgumentException("Identifier " + identifier + " is not one octet");
        }
    }

    static void checkCode(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("Code " + code + " is not one octet");
        }
    }

    static Bytes checkLength(Bytes b, int min, int max, String field) {
        Objects.requireNonNull(b, field);
        if (b.length() < min || b.length() > max) {
            throw new IllegalArgumentException(field + " is " + b.length() + " bytes; it must be "
                    + (min == max ? Integer.toString(min) : min + " to " + max));
        }
        return b;
    }

    static Bytes checkExact(Bytes b, int size, String field) { return checkLength(b, size, size, field); }

    static boolean allZero(Bytes b) {
        for (int i = 0; i < b.length(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
