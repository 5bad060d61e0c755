package io.pptp4j.capture;

import io.pptp4j.wire.Bytes;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Puts the TCP segments of a capture back into byte streams, one per direction of each connection
 * (RFC 9293 3.4: sequence numbers count octets, modulo 2^32; SYN and FIN each take one).
 *
 * <ul>
 * <li>A direction's bytes start after its SYN's sequence number when the SYN was captured, else at
 *   the first segment seen (the capture began mid-connection).</li>
 * <li>Bytes already delivered are dropped: whole retransmitted segments, and the overlapping front of
 *   a segment that starts before the next expected byte.</li>
 * <li>Segments ahead of a hole wait, copied, until it fills. When a direction holds more than its
 *   buffer bound, or when the connection ends (both FINs, a RST, eviction, end of capture), the hole
 *   is reported through {@link StreamSink#gap} and delivery goes on after it.</li>
 * <li>Bytes the snap length cut off are a gap at once.</li>
 * <li>Connections are found in a hash table without allocating per segment; at most
 *   {@code maxConnections} are followed, and the one idle longest is evicted for a new one. A closed
 *   connection stays in the table (its late retransmissions are dropped) until a new SYN reuses its
 *   ports or it is evicted.</li>
 * </ul>
 *
 * <p>When the handshake was not captured, the server is the side whose port is a service port
 * ({@code servicePort}, by default below 1024 or 1723, PPTP), else the side with the lower port.
 *
 * <p>Not thread-safe; one reassembler per capture being read.
 */
public final class TcpReassembler {
    public static final int DEFAULT_MAX_CONNECTIONS = 65_536;
    public static final int DEFAULT_MAX_BUFFERED_BYTES = 1 << 20;
    public static final IntPredicate DEFAULT_SERVICE_PORT = port -> port < 1024 || port == 1723;

    private final int maxConnections;
    private final int maxBufferedBytes;
    private final IntPredicate servicePort;

    private TcpConnection[] table = new TcpConnection[64];
    private int size;
    /** Least recently active first. */
    private TcpConnection idleHead;
    private TcpConnection idleTail;
    private long nextId = 1;
    private long lastFrame;

    private long segments;
    private long duplicateSegments;
    private long outOfOrderSegments;
    private long gaps;
    private long evictions;

    public TcpReassembler() { this(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_BUFFERED_BYTES, DEFAULT_SERVICE_PORT); }

    /**
     * @param maxConnections   connections followed at once, closed ones included
     * @param maxBufferedBytes out-of-order bytes held per direction before a hole is given up on
     * @param servicePort      which ports are servers', to tell client from server without a SYN
     */
    public TcpReassembler(int maxConnections, int maxBufferedBytes, IntPredicate servicePort) {
        if (maxConnections < 1 || maxBufferedBytes < 0) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + ", maxBufferedBytes " + maxBufferedBytes);
        }
        this.maxConnections = maxConnections;
        this.maxBufferedBytes = maxBufferedBytes;
        this.servicePort = servicePort;
    }

    /** Takes one dissected packet; anything but a {@link DissectionStatus#COMPLETE} TCP segment is ignored. */
    public void segment(Dissection d, StreamSink sink) {
        if (!d.isTcp()) {
            return;
        }
        segments++;
        long frame = d.frameNumber();
        lastFrame = frame;
        int flags = d.tcpFlags();
        boolean syn = (flags & Dissection.TCP_SYN) != 0;
        boolean ack = (flags & Dissection.TCP_ACK) != 0;
        int seq = (int) d.tcpSequence();
        int hash = hash(d);

        TcpConnection c = find(d, hash);
        boolean fromClient = c != null && fromClient(c, d);
        if (c != null) {
            TcpStream client = c.clientToServer();
            boolean newConnection = syn && !ack && fromClient && client.started
                    && !(client.synSeen && client.initialSequence == seq);
            if (newConnection) {
                if (!c.closed()) {
                    close(c, TcpCloseReason.REUSED, frame, sink);
                }
                remove(c);
                c = null;
            } else if (c.closed()) {
                duplicateSegments++;
                touch(c);
                return;
            }
        }
        if (c == null) {
            if (!syn && d.payloadWireLength() == 0) {
                return; // a bare ACK, FIN or RST of a connection not followed: nothing to reassemble
            }
            if ((flags & Dissection.TCP_RST) != 0) {
                return;
            }
            c = open(d, hash, senderIsClient(d, syn, ack), frame, sink);
            fromClient = fromClient(c, d);
        } else {
            touch(c);
        }
        TcpStream s = fromClient ? c.clientToServer() : c.serverToClient();
        if ((flags & Dissection.TCP_RST) != 0) {
            close(c, TcpCloseReason.RST, frame, sink); // data on a RST is diagnostic text (RFC 9293 3.5.3), not stream data
            return;
        }
        int dataSequence = seq;
        if (syn) {
            if (!s.started) {
                s.started = true;
                s.synSeen = true;
                s.initialSequence = seq;
                s.nextSequence = seq + 1;
            }
            dataSequence = seq + 1;
        }
        if (!s.started) {
            s.started = true;
            s.nextSequence = dataSequence;
        }
        int wireLength = d.payloadWireLength();
        if (wireLength > 0) {
            accept(s, dataSequence, d.buffer(), d.payloadOffset(), d.payloadLength(), wireLength, frame, sink);
        }
        if ((flags & Dissection.TCP_FIN) != 0 && !s.finSeen) {
            s.finSeen = true;
            s.finSequence = dataSequence + wireLength;
        }
        if (s.finSeen && !s.finished && s.pending == null && s.nextSequence == s.finSequence) {
            s.finished = true;
            sink.end(s, frame);
        }
        if (c.clientToServer().finSeen && c.serverToClient().finSeen) {
            close(c, TcpCloseReason.FIN, frame, sink);
        }
    }

    /** Closes every connection still open ({@link TcpCloseReason#END_OF_CAPTURE}), delivering what waits behind holes. */
    public void finish(StreamSink sink) {
        for (TcpConnection c = idleHead; c != null; ) {
            TcpConnection next = c.idleNext;
            if (!c.closed()) {
                close(c, TcpCloseReason.END_OF_CAPTURE, lastFrame, sink);
            }
            c = next;
        }
        Arrays.fill(table, null);
        idleHead = idleTail = null;
        size = 0;
    }

    /** Connections in the table, closed ones included. */
    public int connections() { return size; }

    public long segments() { return segments; }

    /** Segments that brought nothing new: retransmissions, and segments for connections already closed. */
    public long duplicateSegments() { return duplicateSegments; }

    public long outOfOrderSegments() { return outOfOrderSegments; }

    public long gaps() { return gaps; }

    public long evictions() { return evictions; }

    // ---------------------------------------------------------------- per direction

    private void accept(TcpStream s, int seq, byte[] b, int offset, int capturedLength, int wireLength, long frame,
                        StreamSink sink) {
        if (s.finished) {
            duplicateSegments++;
            return;
        }
        int relative = seq - s.nextSequence;
        if (relative <= 0) {
            if (relative + wireLength <= 0) {
                duplicateSegments++;
                return;
            }
            deliver(s, b, offset, capturedLength, wireLength, -relative, frame, sink);
            drain(s, sink);
        } else {
            outOfOrderSegments++;
            hold(s, seq, b, offset, capturedLength, wireLength, frame);
            while (s.pendingBytes > maxBufferedBytes) {
                skipToPending(s, frame, sink);
            }
        }
    }

    /** Delivers bytes {@code [skip, wireLength)} of a segment whose first {@code capturedLength} bytes are at {@code b[offset]}. */
    private void deliver(TcpStream s, byte[] b, int offset, int capturedLength, int wireLength, int skip, long frame,
                         StreamSink sink) {
        if (skip < capturedLength) {
            s.deliveredBytes += capturedLength - skip;
            sink.data(s, b, offset + skip, capturedLength - skip, frame);
        }
        if (capturedLength < wireLength) {
            gap(s, wireLength - Math.max(skip, capturedLength), frame, sink);
        }
        s.nextSequence += wireLength - skip;
    }

    /** Delivers the waiting segments that the next expected byte has reached. */
    private void drain(TcpStream s, StreamSink sink) {
        TcpStream.Segment p;
        while ((p = s.pending) != null && p.sequence - s.nextSequence <= 0) {
            s.pending = p.next;
            s.pendingBytes -= p.data.length;
            int skip = s.nextSequence - p.sequence;
            if (p.wireLength - skip <= 0) {
                duplicateSegments++;
            } else {
                deliver(s, p.data, 0, p.data.length, p.wireLength, skip, p.frameNumber, sink);
            }
        }
    }

    /** Keeps a copy of a segment that came before its turn, in sequence order. */
    private void hold(TcpStream s, int seq, byte[] b, int offset, int capturedLength, int wireLength, long frame) {
        int relative = seq - s.nextSequence;
        TcpStream.Segment previous = null;
        TcpStream.Segment p = s.pending;
        while (p != null && p.sequence - s.nextSequence < relative) {
            previous = p;
            p = p.next;
        }
        if (p != null && p.sequence == seq && p.wireLength >= wireLength && p.data.length >= capturedLength) {
            duplicateSegments++;
            return;
        }
        TcpStream.Segment segment = new TcpStream.Segment(seq, Arrays.copyOfRange(b, offset, offset + capturedLength),
                wireLength, frame);
        segment.next = p;
        if (previous == null) {
            s.pending = segment;
        } else {
            previous.next = segment;
        }
        s.pendingBytes += capturedLength;
    }

    /** Gives up on the hole before the first waiting segment. */
    private void skipToPending(TcpStream s, long frame, StreamSink sink) {
        int missing = s.pending.sequence - s.nextSequence;
        gap(s, Integer.toUnsignedLong(missing), frame, sink);
        s.nextSequence = s.pending.sequence;
        drain(s, sink);
    }

    private void flush(TcpStream s, long frame, StreamSink sink) {
        while (s.pending != null) {
            skipToPending(s, frame, sink);
        }
        if (s.finSeen && s.finSequence - s.nextSequence > 0) {
            gap(s, s.finSequence - s.nextSequence, frame, sink);
            s.nextSequence = s.finSequence;
        }
        s.finished = true;
    }

    private void gap(TcpStream s, long missing, long frame, StreamSink sink) {
        gaps++;
        s.gapBytes += missing;
        sink.gap(s, missing, frame);
    }

    // ---------------------------------------------------------------- connections

    private void close(TcpConnection c, TcpCloseReason reason, long frame, StreamSink sink) {
        flush(c.clientToServer(), frame, sink);
        flush(c.serverToClient(), frame, sink);
        c.closeReason = reason;
        sink.closed(c, reason, frame);
    }

    private boolean senderIsClient(Dissection d, boolean syn, boolean ack) {
        if (syn) {
            return !ack;
        }
        boolean srcService = servicePort.test(d.srcPort());
        boolean dstService = servicePort.test(d.dstPort());
        if (srcService != dstService) {
            return dstService;
        }
        return d.srcPort() >= d.dstPort();
    }

    private TcpConnection open(Dissection d, int hash, boolean senderIsClient, long frame, StreamSink sink) {
        if (size >= maxConnections) {
            TcpConnection oldest = idleHead;
            if (!oldest.closed()) {
                evictions++;
                close(oldest, TcpCloseReason.EVICTED, frame, sink);
            }
            remove(oldest);
        }
        int length = d.addressLength();
        Bytes src = Bytes.of(d.srcAddressBytes(), 0, length);
        Bytes dst = Bytes.of(d.dstAddressBytes(), 0, length);
        FlowKey key = senderIsClient
                ? new FlowKey(d.ipVersion(), src, d.srcPort(), dst, d.dstPort())
                : new FlowKey(d.ipVersion(), dst, d.dstPort(), src, d.srcPort());
        TcpConnection c = new TcpConnection(nextId++, key, frame, hash);
        if (size + 1 > table.length * 3 / 4) {
            grow();
        }
        int index = mix(hash) & (table.length - 1);
        c.nextInBucket = table[index];
        table[index] = c;
        size++;
        c.idlePrevious = idleTail;
        if (idleTail == null) {
            idleHead = c;
        } else {
            idleTail.idleNext = c;
        }
        idleTail = c;
        sink.opened(c, frame);
        return c;
    }

    private void remove(TcpConnection c) {
        int index = mix(c.hash) & (table.length - 1);
        TcpConnection previous = null;
        for (TcpConnection e = table[index]; e != null; previous = e, e = e.nextInBucket) {
            if (e == c) {
                if (previous == null) {
                    table[index] = e.nextInBucket;
                } else {
                    previous.nextInBucket = e.nextInBucket;
                }
                break;
            }
        }
        unlinkIdle(c);
        size--;
    }

    private void touch(TcpConnection c) {
        if (c == idleTail) {
            return;
        }
        unlinkIdle(c);
        c.idlePrevious = idleTail;
        idleTail.idleNext = c;
        idleTail = c;
    }

    private void unlinkIdle(TcpConnection c) {
        if (c.idlePrevious == null) {
            idleHead = c.idleNext;
        } else {
            c.idlePrevious.idleNext = c.idleNext;
        }
        if (c.idleNext == null) {
            idleTail = c.idlePrevious;
        } else {
            c.idleNext.idlePrevious = c.idlePrevious;
        }
        c.idlePrevious = c.idleNext = null;
    }

    private void grow() {
        TcpConnection[] old = table;
        table = new TcpConnection[old.length * 2];
        for (TcpConnection head : old) {
            for (TcpConnection e = head; e != null; ) {
                TcpConnection next = e.nextInBucket;
                int index = mix(e.hash) & (table.length - 1);
                e.nextInBucket = table[index];
                table[index] = e;
                e = next;
            }
        }
    }

    private TcpConnection find(Dissection d, int hash) {
        int length = d.addressLength();
        for (TcpConnection c = table[mix(hash) & (table.length - 1)]; c != null; c = c.nextInBucket) {
            if (c.hash != hash || c.key().ipVersion() != d.ipVersion()) {
                continue;
            }
            if (sameEndpoints(c, d, length, true) || sameEndpoints(c, d, length, false)) {
                return c;
            }
        }
        return null;
    }

    private static boolean fromClient(TcpConnection c, Dissection d) {
        return sameEndpoints(c, d, d.addressLength(), true);
    }

    private static boolean sameEndpoints(TcpConnection c, Dissection d, int length, boolean senderIsClient) {
        FlowKey k = c.key();
        byte[] sender = senderIsClient ? c.clientAddress : c.serverAddress;
        byte[] receiver = senderIsClient ? c.serverAddress : c.clientAddress;
        int senderPort = senderIsClient ? k.clientPort() : k.serverPort();
        int receiverPort = senderIsClient ? k.serverPort() : k.clientPort();
        return d.srcPort() == senderPort && d.dstPort() == receiverPort
                && Arrays.equals(sender, 0, length, d.srcAddressBytes(), 0, length)
                && Arrays.equals(receiver, 0, length, d.dstAddressBytes(), 0, length);
    }

    /** The same for both directions of a connection. */
    private static int hash(Dissection d) {
        int length = d.addressLength();
        return endpointHash(d.srcAddressBytes(), length, d.srcPort()) + endpointHash(d.dstAddressBytes(), length, d.dstPort());
    }

    private static int endpointHash(byte[] address, int length, int port) {
        int h = port;
        for (int i = 0; i < length; i++) {
            h = 31 * h + address[i];
        }
        return h * 0x9E3779B9;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
