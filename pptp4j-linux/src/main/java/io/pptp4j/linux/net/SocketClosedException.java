package io.pptp4j.linux.net;

import java.nio.channels.ClosedChannelException;

/** An operation on a {@link RawIpSocket} that is closed, or was closed while the operation waited. */
public final class SocketClosedException extends ClosedChannelException {
    private final String message;

    public SocketClosedException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() { return message; }
}
