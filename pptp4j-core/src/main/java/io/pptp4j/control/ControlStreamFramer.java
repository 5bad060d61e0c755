package io.pptp4j.control;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.Objects;

/**
 * Cuts the TCP byte stream of a control connection (port 1723) into messages (RFC 2637 1.4): a TCP
 * segment may carry several messages, or part of one. Feed it with {@link #offer} and take messages
 * with {@link #next()} until it answers {@link FramerResult.NeedMore}.
 *
 * <p>The header is checked as soon as its 12 octets are there, so a bad Magic Cookie or a Length that
 * does not fit the Control Message Type is refused at once, not after waiting for up to 65535 octets.
 * Offsets in errors count from the start of the message in question; {@link #consumed()} says where
 * that is in the stream.
 *
 * <p>Strict mode throws the {@link DecodeException} and leaves the stream where it is: RFC 2637 1.4 says
 * loss of synchronization "must result in immediate closing" of the connection, and the Magic Cookie
 * "should not be used as a means for resynchronizing". Lenient mode (analysis of captures) reports
 * {@link FramerResult.Malformed} and goes on: when the bad header's Length is plausible (at least 12)
 * and that many octets are there, they are skipped; otherwise everything buffered is.
 */
public final class ControlStreamFramer {
    /** Room for the longest message a lenient framer may wait for (Length 65535) and a full segment more. */
    public static final int DEFAULT_MAX_BUFFERED = 0x20000;

    private final DecodeMode mode;
    private final int maxBuffered;
    private byte[] buf = new byte[512];
    private int head;
    private int tail;
    private long consumed;

    public ControlStreamFramer(DecodeMode mode) { this(mode, DEFAULT_MAX_BUFFERED); }

    /**
     * @param maxBuffered the most octets held at once; at least the longest message this mode accepts
     *                    (220 octets strict, 65535 lenient)
     */
    public ControlStreamFramer(DecodeMode mode, int maxBuffered) {
        int least = mode.strict() ? ControlMessageType.INCOMING_CALL_REQUEST.length() : 0xFFFF;
        if (maxBuffered < least) {
            throw new IllegalArgumentException("maxBuffered " + maxBuffered + " is less than " + least);
        }
        this.mode = mode;
        this.maxBuffered = maxBuffered;
    }

    public DecodeMode mode() { return mode; }

    /** Octets offered and not yet taken by {@link #next()}. */
    public int buffered() { return tail - head; }

    /** Octets of the stream taken so far: the stream offset of the next message. */
    public long consumed() { return consumed; }

    /**
     * Appends a copy of {@code b[off, off + len)}.
     *
     * @throws IllegalStateException if that would hold more than the bound given at construction: take
     *                               messages with {@link #next()} until it needs more before offering again
     */
    public void offer(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len > maxBuffered - buffered()) {
            throw new IllegalStateException("offering " + len + " bytes to " + buffered()
                    + " buffered would exceed the bound of " + maxBuffered);
        }
        if (len > buf.length - tail) {
            int n = buffered();
            byte[] target = n + len > buf.length ? new byte[Math.min(maxBuffered, Math.max(buf.length * 2, n + len))] : buf;
            System.arraycopy(buf, head, target, 0, n);
            buf = target;
            head = 0;
            tail = n;
        }
        System.arraycopy(b, off, buf, tail, len);
        tail += len;
    }

    public void offer(byte[] b) { offer(b, 0, b.length); }

    /** The next message, a need for more octets, or (lenient) octets skipped as malformed. */
    public FramerResult next() throws DecodeException {
        int n = buffered();
        if (n < ControlMessageCodec.HEADER_LENGTH) {
            return new FramerResult.NeedMore(ControlMessageCodec.HEADER_LENGTH - n);
        }
        int length;
        try {
            length = ControlMessageCodec.readHeader(reader(ControlMessageCodec.HEADER_LENGTH), mode).length();
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            int claimed = ((buf[head] & 0xFF) << 8) | (buf[head + 1] & 0xFF);
            return malformed(claimed >= ControlMessageCodec.HEADER_LENGTH && claimed <= n ? claimed : n, e);
        }
        if (n < length) {
            return new FramerResult.NeedMore(length - n);
        }
        try {
            ControlMessage m = ControlMessageCodec.decode(reader(length), mode);
            take(length);
            return new FramerResult.Complete(m, length);
        } catch (DecodeException e) {
            if (mode.strict()) {
                throw e;
            }
            return malformed(length, e);
        }
    }

    private ByteReader reader(int length) {
        return ByteReader.of(buf, head, head + length, Layer.PPTP, Layer.PPTP.displayName());
    }

    private FramerResult malformed(int length, DecodeException e) {
        Bytes bytes = Bytes.of(buf, head, head + length);
        take(length);
        return new FramerResult.Malformed(bytes, e);
    }

    private void take(int length) {
        head += length;
        consumed += length;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }
}
