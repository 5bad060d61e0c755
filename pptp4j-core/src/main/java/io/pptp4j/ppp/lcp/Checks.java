package io.pptp4j.ppp.lcp;

import io.pptp4j.wire.Bytes;
import java.util.Objects;

/** Range checks for the compact constructors of {@link LcpOption}. */
final class Checks {
    private Checks() {}

    static void u8(int v, String field) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(field + " " + v + " is not one octet");
        }
    }

    static void u16(int v, String field) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + v + " is not 16 bits");
        }
    }

    static void u32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " " + v + " is not 32 bits");
        }
    }

    /** Option data that must fit an option whose Length (one octet) also counts Type, Length and fixed fields. */
    static void data(Bytes data, int max, String field) {
        Objects.requireNonNull(data, field);
        if (data.length() > max) {
            throw new IllegalArgumentException(field + " of " + data.length() + " octets exceeds " + max);
        }
    }
}
