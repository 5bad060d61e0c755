package io.pptp4j.capture;

/** A TCP connection that {@link TcpReassembler} follows: its key and its two {@link TcpStream}s. */
public final class TcpConnection {
    private final long id;
    private final FlowKey key;
    private final long firstFrame;
    private final TcpStream clientToServer;
    private final TcpStream serverToClient;
    TcpCloseReason closeReason;

    // the reassembler's table: the key's raw fields, hash chain and idle order
    final int hash;
    final byte[] clientAddress;
    final byte[] serverAddress;
    TcpConnection nextInBucket;
    TcpConnection idlePrevious;
    TcpConnection idleNext;

    TcpConnection(long id, FlowKey key, long firstFrame, int hash) {
        this.id = id;
        this.key = key;
        this.firstFrame = firstFrame;
        this.hash = hash;
        this.clientAddress = key.clientAddress().toArray();
        this.serverAddress = key.serverAddress().toArray();
        this.clientToServer = new TcpStream(this, TcpDirection.CLIENT_TO_SERVER);
        this.serverToClient = new TcpStream(this, TcpDirection.SERVER_TO_CLIENT);
    }

    /** 1 for the first connection a reassembler saw, then 2, 3, ... */
    public long id() { return id; }

    public FlowKey key() { return key; }

    /** The frame that opened the connection in the reassembler's eyes. */
    public long firstFrame() { return firstFrame; }

    public TcpStream clientToServer() { return clientToServer; }

    public TcpStream serverToClient() { return serverToClient; }

    public TcpStream stream(TcpDirection direction) {
        return direction == TcpDirection.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    public boolean closed() { return closeReason != null; }

    /** Why the connection was closed; null while open. */
    public TcpCloseReason closeReason() { return closeReason; }

    @Override
    public String toString() { return "TCP connection " + id + " " + key; }
}
