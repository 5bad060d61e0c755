package io.pptp4j.capture;

/**
 * One direction of a {@link TcpConnection}: a stable identity for the bytes going one way, to which a
 * consumer can attach its own state (a PPTP control-message framer, say) instead of looking it up.
 */
public final class TcpStream {
    private final TcpConnection connection;
    private final TcpDirection direction;

    boolean started;
    boolean synSeen;
    boolean finSeen;
    boolean finished;
    int initialSequence;
    int nextSequence;
    int finSequence;
    Segment pending;
    int pendingBytes;
    long deliveredBytes;
    long gapBytes;
    private Object attachment;

    TcpStream(TcpConnection connection, TcpDirection direction) {
        this.connection = connection;
        this.direction = direction;
    }

    public TcpConnection connection() { return connection; }

    public TcpDirection direction() { return direction; }

    public boolean clientToServer() { return direction == TcpDirection.CLIENT_TO_SERVER; }

    public FlowKey key() { return connection.key(); }

    /** Unique within a reassembler: twice the connection's id, plus 1 for server to client. */
    public long id() { return connection.id() * 2 + (clientToServer() ? 0 : 1); }

    /** The stream going the other way. */
    public TcpStream reverse() { return connection.stream(direction.reverse()); }

    /** Whether this direction saw the SYN, so that its bytes are known from the first one. */
    public boolean synSeen() { return synSeen; }

    /** Whether the FIN was reached or the connection closed: no more bytes will come. */
    public boolean finished() { return finished; }

    /** Bytes handed to {@link StreamSink#data} so far. */
    public long deliveredBytes() { return deliveredBytes; }

    /** Bytes reported missing through {@link StreamSink#gap} so far. */
    public long gapBytes() { return gapBytes; }

    /** Out-of-order bytes waiting for the hole before them to fill. */
    public int bufferedBytes() { return pendingBytes; }

    /** What the consumer attached, or null. */
    @SuppressWarnings("unchecked")
    public <T> T attachment() { return (T) attachment; }

    public void attach(Object attachment) { this.attachment = attachment; }

    /** Sender and receiver, e.g. {@code 10.1.1.11:3025 -> 10.1.1.10:1723}. */
    @Override
    public String toString() {
        FlowKey k = connection.key();
        return clientToServer() ? k.clientEndpoint() + " -> " + k.serverEndpoint() : k.serverEndpoint() + " -> " + k.clientEndpoint();
    }

    /** An out-of-order segment: its sequence number, captured bytes and length on the wire. */
    static final class Segment {
        final int sequence;
        final byte[] data;
        final int wireLength;
        final long frameNumber;
        Segment next;

        Segment(int sequence, byte[] data, int wireLength, long frameNumber) {
            this.sequence = sequence;
            this.data = data;
            this.wireLength = wireLength;
            this.frameNumber = frameNumber;
        }
    }
}
