package io.pptp4j.capture;

/** Why {@link TcpReassembler} stopped following a connection. */
public enum TcpCloseReason {
    /** Both sides sent FIN. */
    FIN,
    /** A side sent RST. */
    RST,
    /** The connection table was full and this one had been idle longest. */
    EVICTED,
    /** A new SYN on the same addresses and ports started another connection. */
    REUSED,
    /** The capture ended with the connection open. */
    END_OF_CAPTURE
}
