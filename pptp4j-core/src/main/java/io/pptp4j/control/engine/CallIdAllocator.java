package io.pptp4j.control.engine;

import java.util.OptionalInt;

/**
 * Hands out the Call IDs we assign (RFC 2637 3.2.2). A server shares one allocator between all its
 * control connections, so that its Call IDs are unique across them: its GRE demultiplexer keys calls by
 * (peer address, our Call ID), and a peer may run several connections. Implementations used that way
 * must be thread-safe. The engine releases every ID it allocated exactly once, when the call ends or the
 * connection closes.
 */
public interface CallIdAllocator {

    /** A free Call ID, now in use; empty when none is left. */
    OptionalInt allocate();

    /** Gives back an ID {@link #allocate()} returned. */
    void release(int callId);

    /** A thread-safe pool of the IDs {@code first..last}, handed out round-robin. */
    static CallIdPool range(int first, int last) { return new CallIdPool(first, last); }
}
