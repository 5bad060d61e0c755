package io.pptp4j.control.engine;

/** One timer of a context: a deadline in {@code System.nanoTime()} terms, armed or not. */
final class ControlTimer {
    private long deadline;
    private boolean armed;

    void arm(long nowNanos, long lengthNanos) {
        deadline = nowNanos + lengthNanos;
        armed = true;
    }

    void disarm() { armed = false; }

    boolean armed() { return armed; }

    /** Armed and due; compared as {@code System.nanoTime()} values are, by the sign of the difference. */
    boolean expired(long nowNanos) { return armed && nowNanos - deadline >= 0; }

    long deadline() { return deadline; }

    /** The earlier of two deadlines, {@link ControlConnectionEngine#NO_DEADLINE} standing for none. */
    static long earlier(long a, long b) {
        if (a == ControlConnectionEngine.NO_DEADLINE) {
            return b;
        }
        if (b == ControlConnectionEngine.NO_DEADLINE) {
            return a;
        }
        return a - b <= 0 ? a : b;
    }
}
