package io.pptp4j.hdlc;

import io.pptp4j.wire.Bytes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Takes apart a stream of asynchronous HDLC-like frames (RFC 1662 sections 3.1, 4 and 7.1, appendix
 * C.2) that arrives in chunks of any size, such as what pppd writes to a pty. See {@link AsyncHdlc} for
 * the frame layout.
 *
 * <p>For each octet, in order: an octet below 0x20 whose bit is set in the receiving ACCM is removed
 * (RFC 1662 4.2: it may have been inserted by data communications equipment, e.g. XON/XOFF), wherever
 * it falls, even between a Control Escape and the octet it escapes; a Flag Sequence ends a frame; a
 * Control Escape is removed and the next octet exclusive-or'd with 0x20, unless that octet is a Flag
 * Sequence, which aborts the frame. Every state survives from one chunk to the next.
 *
 * <p>At a Flag Sequence the octets since the previous one become one {@link HdlcEvent}: nothing for
 * consecutive flags (RFC 1662 3.1: an empty frame is silently discarded), {@link HdlcEvent.TooShort}
 * below four octets, {@link HdlcEvent.TooLong} beyond {@code maxFrameLength} plus the FCS (the octets
 * past the buffer are counted, not kept), {@link HdlcEvent.BadFcs} or {@link HdlcEvent.Frame}. Octets
 * before the first flag form a frame like any other, so a stream that starts without a flag loses
 * nothing.
 *
 * <p>One buffer, allocated once; only a delivered event allocates. Not thread-safe.
 */
public final class AsyncHdlcDecoder {
    private final byte[] buffer;
    private long receiveAccm;
    /** Octets of the current frame, counting those that did not fit in the buffer. */
    private int length;
    private boolean escaped;

    /** A decoder with the default ACCM (0xFFFFFFFF) and largest frame (MRU 1500 plus header). */
    public AsyncHdlcDecoder() {
        this(AsyncHdlc.DEFAULT_MAX_FRAME_LENGTH, AsyncHdlc.DEFAULT_ACCM);
    }

    /**
     * @param maxFrameLength the largest frame, without FCS, to keep
     * @param receiveAccm the receiving Async-Control-Character-Map (RFC 1662 7.1)
     */
    public AsyncHdlcDecoder(int maxFrameLength, long receiveAccm) {
        if (maxFrameLength < AsyncHdlc.MIN_FRAME_WITH_FCS - Fcs16.LENGTH) {
            throw new IllegalArgumentException("maximum frame length " + maxFrameLength + " is below 2");
        }
        AsyncHdlc.checkAccm(receiveAccm);
        this.buffer = new byte[maxFrameLength + Fcs16.LENGTH];
        this.receiveAccm = receiveAccm;
    }

    public long receiveAccm() { return receiveAccm; }

    /** Changes the receiving ACCM, e.g. once LCP has negotiated one; applies from the next octet fed. */
    public void receiveAccm(long accm) {
        AsyncHdlc.checkAccm(accm);
        this.receiveAccm = accm;
    }

    public int maxFrameLength() { return buffer.length - Fcs16.LENGTH; }

    /** Drops a partly received frame, as after the stream was interrupted. */
    public void reset() {
        length = 0;
        escaped = false;
    }

    /** Whether octets of an unfinished frame are held (or counted) since the last flag. */
    public boolean inFrame() { return length > 0 || escaped; }

    /** Feeds {@code b[off, off+len)}; each frame or discarded frame it completes goes to {@code sink}, in order. */
    public void feed(byte[] b, int off, int len, Consumer<? super HdlcEvent> sink) {
        Objects.checkFromIndexSize(off, len, b.length);
        for (int i = off, end = off + len; i < end; i++) {
            int c = b[i] & 0xFF;
            if (AsyncHdlc.isMapped(c, receiveAccm)) {
                continue;
            }
            if (c == AsyncHdlc.FLAG) {
                endFrame(sink);
            } else if (escaped) {
                escaped = false;
                append(c ^ AsyncHdlc.ESCAPE_XOR);
            } else if (c == AsyncHdlc.ESCAPE) {
                escaped = true;
            } else {
                append(c);
            }
        }
    }

    public void feed(byte[] b, Consumer<? super HdlcEvent> sink) {
        feed(b, 0, b.length, sink);
    }

    private void append(int c) {
        if (length < buffer.length) {
            buffer[length] = (byte) c;
        }
        if (length < Integer.MAX_VALUE) {
            length++;
        }
    }

    private void endFrame(Consumer<? super HdlcEvent> sink) {
        int n = length;
        boolean abort = escaped;
        length = 0;
        escaped = false;
        if (abort) {
            sink.accept(new HdlcEvent.Aborted(n));
        } else if (n == 0) {
            return;
        } else if (n > buffer.length) {
            sink.accept(new HdlcEvent.TooLong(n));
        } else if (n < AsyncHdlc.MIN_FRAME_WITH_FCS) {
            sink.accept(new HdlcEvent.TooShort(n));
        } else if (Fcs16.isGood(buffer, 0, n)) {
            sink.accept(new HdlcEvent.Frame(Bytes.of(buffer, 0, n - Fcs16.LENGTH)));
        } else {
            sink.accept(new HdlcEvent.BadFcs(Bytes.of(buffer, 0, n)));
        }
    }
}
