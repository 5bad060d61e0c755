package io.pptp4j.linux.stdio;

import io.pptp4j.hdlc.AsyncHdlc;
import io.pptp4j.hdlc.AsyncHdlcDecoder;
import io.pptp4j.hdlc.AsyncHdlcEncoder;
import io.pptp4j.hdlc.HdlcEvent;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * PPP frames over a byte stream in async HDLC-like framing (RFC 1662 sections 4 and 7): what pptpd's
 * pptpctrl and pptp-linux ({@code --nolaunchpppd}) exchange with pppd on a pty or on standard input and
 * output. A reader thread decodes the input into frames (FCS checked and stripped) for the consumer; {@link
 * #send} encodes a frame with the transmit ACCM and writes it with its flags in one write.
 *
 * <p>The ACCMs start at 0xFFFFFFFF (RFC 1662 7.1: every control character escaped) and follow what LCP
 * negotiates, through {@link #transmitAccm(long)} and {@link #receiveAccm(long)}.
 */
public final class HdlcStreamLink implements AutoCloseable {
    private final InputStream in;
    private final OutputStream out;
    private final AsyncHdlcDecoder decoder;
    private final Object writeLock = new Object();
    private final AtomicLong badFrames = new AtomicLong();
    private final Thread reader;
    private volatile long txAccm = AsyncHdlc.DEFAULT_ACCM;
    private byte[] encodeBuffer = new byte[AsyncHdlcEncoder.maxEncodedLength(1600)];
    private volatile boolean closed;

    /**
     * @param frames receives each good frame, in order, on the reader thread
     * @param ended called once when the input ends or fails (the peer closed the pty or pipe)
     */
    public HdlcStreamLink(InputStream in, OutputStream out, Consumer<Bytes> frames, Runnable ended) {
        this.in = in;
        this.out = out;
        this.decoder = new AsyncHdlcDecoder();
        this.reader = Thread.ofPlatform().name("hdlc-reader").daemon().unstarted(() -> readLoop(frames, ended));
    }

    public HdlcStreamLink start() {
        reader.start();
        return this;
    }

    private void readLoop(Consumer<Bytes> frames, Runnable ended) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while (!closed && (n = in.read(buf)) >= 0) {
                decoder.feed(buf, 0, n, event -> {
                    switch (event) {
                        case HdlcEvent.Frame f -> frames.accept(f.frame());
                        case HdlcEvent.TooShort t -> { } // RFC 1662 4.3: silently discarded
                        default -> badFrames.incrementAndGet();
                    }
                });
            }
        } catch (IOException e) {
            // the other side is gone: same as end of input
        } finally {
            ended.run();
        }
    }

    /** Encodes and writes one PPP frame (address/control, protocol, information; no FCS). */
    public void send(Bytes frame) throws IOException {
        synchronized (writeLock) {
            if (encodeBuffer.length < AsyncHdlcEncoder.maxEncodedLength(frame.length())) {
                encodeBuffer = new byte[AsyncHdlcEncoder.maxEncodedLength(frame.length())];
            }
            byte[] raw = frame.toArray();
            int n = AsyncHdlcEncoder.encode(raw, 0, raw.length, txAccm, true, encodeBuffer, 0);
            out.write(encodeBuffer, 0, n);
            out.flush();
        }
    }

    /** The ACCM the peer asked us to use (its LCP Async-Control-Character-Map). */
    public void transmitAccm(long accm) { this.txAccm = accm; }

    /** The ACCM we asked for: unescaped control characters in it are dropped on receipt (RFC 1662 7.1). */
    public void receiveAccm(long accm) { decoder.receiveAccm(accm); }

    /** Frames dropped for a bad FCS, an abort sequence or excess length. */
    public long badFrames() { return badFrames.get(); }

    @Override
    public void close() throws IOException {
        closed = true;
        try {
            in.close();
        } finally {
            out.close();
        }
    }
}
