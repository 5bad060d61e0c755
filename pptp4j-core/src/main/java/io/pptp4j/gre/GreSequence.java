package io.pptp4j.gre;

/**
 * Arithmetic on the unsigned 32-bit Sequence and Acknowledgment Numbers of PPTP GRE (RFC 2637 4.1),
 * which wrap from 0xFFFFFFFF to 0 in a long session. Comparison is serial-number arithmetic as in
 * RFC 1982 with SERIAL_BITS = 32: {@code a} is after {@code b} when going forward from {@code b} to
 * {@code a} takes fewer than 2^31 steps. For two numbers exactly 2^31 apart RFC 1982 leaves the order
 * undefined; here neither is after the other.
 *
 * <p>All arguments are numbers in 0..0xFFFFFFFF held in a {@code long}, as the codec gives them.
 */
public final class GreSequence {
    public static final long MODULUS = 1L << 32;
    public static final long MASK = MODULUS - 1;

    private GreSequence() {}

    /** The number after {@code n}: {@code n + 1} modulo 2^32. */
    public static long next(long n) { return add(n, 1); }

    /** {@code n + delta} modulo 2^32; {@code delta} may be negative. */
    public static long add(long n, long delta) {
        check(n);
        return (n + delta) & MASK;
    }

    /**
     * The signed number of steps from {@code from} to {@code to}, in -2^31..2^31-1: positive when
     * {@code to} is after {@code from}, e.g. {@code distance(0xFFFFFFFF, 1) == 2} and
     * {@code distance(1, 0xFFFFFFFF) == -2}.
     */
    public static long distance(long from, long to) {
        check(from);
        check(to);
        return (int) (to - from);
    }

    /** Whether {@code a} comes after {@code b} (RFC 1982 3.2 "s1 &gt; s2"). */
    public static boolean isAfter(long a, long b) {
        // 2^31 apart: distance is -2^31 both ways, so neither is after the other
        return distance(b, a) > 0;
    }

    /** Whether {@code a} comes before {@code b}. */
    public static boolean isBefore(long a, long b) { return isAfter(b, a); }

    /** Whether {@code a} is {@code b} or comes after it. */
    public static boolean isAfterOrEqual(long a, long b) { return a == b || isAfter(a, b); }

    /** The later of two numbers in serial order ({@code a} when they are 2^31 apart). */
    public static long max(long a, long b) { return isAfter(b, a) ? b : a; }

    private static void check(long n) {
        if (n < 0 || n > MASK) {
            throw new IllegalArgumentException("sequence number " + n + " is outside 0..0xFFFFFFFF");
        }
    }
}
