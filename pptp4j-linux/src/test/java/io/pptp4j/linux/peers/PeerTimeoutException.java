package io.pptp4j.linux.peers;

import java.io.IOException;

/** A peer did not reach the state a test waited for in time, or died first; the message says what it logged. */
public final class PeerTimeoutException extends IOException {
    public PeerTimeoutException(String message) {
        super(message);
    }
}
