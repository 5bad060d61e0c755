package io.pptp4j.capture;

/**
 * Receives what {@link TcpReassembler} makes of the TCP segments it is given: for each direction of
 * each connection, its bytes in order and once, the holes it could not fill, and the end.
 */
public interface StreamSink {

    /**
     * The next {@code length} bytes of {@code stream}, from {@code b[offset]}, delivered by the segment
     * in frame {@code frameNumber}. The array is only valid during the call.
     */
    void data(TcpStream stream, byte[] b, int offset, int length, long frameNumber);

    /**
     * {@code missingBytes} bytes of {@code stream} were never captured (lost, cut by the snap length, or
     * still missing when the reorder buffer filled or the connection ended); the next {@link #data}
     * continues after them.
     */
    default void gap(TcpStream stream, long missingBytes, long frameNumber) {}

    /** A connection was seen for the first time. */
    default void opened(TcpConnection connection, long frameNumber) {}

    /** {@code stream} reached its FIN with all bytes before it delivered. */
    default void end(TcpStream stream, long frameNumber) {}

    /** The reassembler stopped following {@code connection}; nothing more comes for its streams. */
    default void closed(TcpConnection connection, TcpCloseReason reason, long frameNumber) {}
}
