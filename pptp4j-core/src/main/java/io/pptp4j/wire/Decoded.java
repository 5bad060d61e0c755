package io.pptp4j.wire;

import java.util.Arrays;

/**
 * The outcome of a lenient decode (STYLE.md point 8): the value, or the bytes that did not decode with
 * the reason. Strict decoders throw {@link DecodeException} instead.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T value) implements Decoded<T> {}

    record Malformed<T>(byte[] bytes, DecodeException error) implements Decoded<T> {
        public Malformed {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() { return bytes.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Malformed<?> m && Arrays.equals(bytes, m.bytes) && error.getMessage().equals(m.error.getMessage());
        }

        @Override
        public int hashCode() { return Arrays.hashCode(bytes) * 31 + error.getMessage().hashCode(); }

        @Override
        public String toString() { return "Malformed[" + error.getMessage() + "]"; }
    }
}
