package io.pptp4j.control.engine;

import io.pptp4j.wire.FieldChecks;
import java.util.BitSet;
import java.util.OptionalInt;

/**
 * A thread-safe {@link CallIdAllocator} over a range of Call IDs. It hands them out round-robin rather
 * than lowest-first, so that a released ID is reused as late as possible and late GRE packets of an
 * ended call do not land in a new one.
 */
public final class CallIdPool implements CallIdAllocator {
    private final int first;
    private final int size;
    private final BitSet used;
    private int next;
    private int inUse;

    /** The IDs {@code first..last}, both in 0..65535. */
    public CallIdPool(int first, int last) {
        FieldChecks.u16(first, "first Call ID");
        FieldChecks.u16(last, "last Call ID");
        if (last < first) {
            throw new IllegalArgumentException("last Call ID " + last + " is below the first " + first);
        }
        this.first = first;
        this.size = last - first + 1;
        this.used = new BitSet(size);
    }

    @Override
    public synchronized OptionalInt allocate() {
        if (inUse == size) {
            return OptionalInt.empty();
        }
        int i = used.nextClearBit(next);
        if (i >= size) {
            i = used.nextClearBit(0);
        }
        used.set(i);
        inUse++;
        next = (i + 1) % size;
        return OptionalInt.of(first + i);
    }

    /** Releasing an ID outside the range or not in use does nothing. */
    @Override
    public synchronized void release(int callId) {
        int i = callId - first;
        if (i >= 0 && i < size && used.get(i)) {
            used.clear(i);
            inUse--;
        }
    }

    /** How many IDs are allocated now. */
    public synchronized int inUse() { return inUse; }
}
