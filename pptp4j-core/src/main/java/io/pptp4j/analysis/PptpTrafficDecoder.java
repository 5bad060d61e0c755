package io.pptp4j.analysis;

import io.pptp4j.capture.CapturedPacket;
import io.pptp4j.capture.Dissection;
import io.pptp4j.capture.FlowKey;
import io.pptp4j.capture.PacketDissector;
import io.pptp4j.capture.PacketHandler;
import io.pptp4j.capture.StreamSink;
import io.pptp4j.capture.TcpConnection;
import io.pptp4j.capture.TcpReassembler;
import io.pptp4j.capture.TcpStream;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlStreamFramer;
import io.pptp4j.control.FramerResult;
import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.ppp.PppMessageDecoder;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;
import java.util.function.Consumer;

/**
 * Finds PPTP in captured packets, leniently: each TCP stream with port 1723 on either side is put in
 * order (retransmissions dropped, {@link TcpReassembler}) and cut into control messages
 * ({@link ControlStreamFramer}); each enhanced GRE packet (IP protocol 47, version 1, RFC 2637 4.1) is
 * decoded with its PPP frame. GRE of other versions (plain RFC 2784 tunnels) is not PPTP and is only
 * counted. Nothing here throws on bad input: it becomes a {@link PptpItem.Malformed} or a
 * {@link PptpItem.Gre} that says its PPP did not decode.
 */
public final class PptpTrafficDecoder implements PacketHandler {
    private final Consumer<PptpItem> sink;
    private final Dissection dissection = new Dissection();
    private final TcpReassembler reassembler = new TcpReassembler();
    private final StreamSink streams = new Streams();
    private long packets;
    private long otherGre;
    private long currentTimestamp;

    public PptpTrafficDecoder(Consumer<PptpItem> sink) { this.sink = sink; }

    @Override
    public void packet(CapturedPacket packet) {
        packets++;
        Dissection d = PacketDissector.dissect(packet, dissection);
        currentTimestamp = d.timestampNanos();
        if (d.isGre()) {
            gre(d);
        } else if (d.isTcp() && (d.srcPort() == ControlMessageCodec.TCP_PORT || d.dstPort() == ControlMessageCodec.TCP_PORT)) {
            reassembler.segment(d, streams);
        }
    }

    /** Call at the end of the capture: flushes what the reassembler still holds. */
    public void finish() { reassembler.finish(streams); }

    public long packets() { return packets; }

    /** GRE packets that are not PPTP's enhanced GRE (version other than 1). */
    public long otherGre() { return otherGre; }

    private void gre(Dissection d) {
        byte[] b = d.buffer();
        int off = d.payloadOffset();
        int len = d.payloadLength();
        if (len >= 2 && (b[off + 1] & 0x07) != GreHeader.VERSION_ENHANCED) {
            otherGre++;
            return;
        }
        String src = d.srcAddressString();
        String dst = d.dstAddressString();
        GrePacket p;
        ByteReader r = ByteReader.of(b, off, off + len, Layer.GRE, "GRE");
        try {
            p = GreCodec.decode(r, DecodeMode.LENIENT);
        } catch (DecodeException e) {
            sink.accept(new PptpItem.Malformed(d.frameNumber(), d.timestampNanos(), src, dst, e.getMessage()));
            return;
        }
        PppMessage ppp = null;
        DecodeException error = null;
        if (!p.payload().isEmpty()) {
            try {
                ppp = PppMessageDecoder.decode(p.payload().toArray(), DecodeMode.LENIENT);
            } catch (DecodeException e) {
                error = e.shifted(p.header().headerLength());
            }
        }
        sink.accept(new PptpItem.Gre(d.frameNumber(), d.timestampNanos(), src, dst, p, ppp, error));
    }

    private final class Streams implements StreamSink {
        @Override
        public void data(TcpStream stream, byte[] b, int offset, int length, long frame) {
            ControlStreamFramer framer = stream.attachment();
            if (framer == null) {
                framer = new ControlStreamFramer(DecodeMode.LENIENT);
                stream.attach(framer);
            }
            int done = 0;
            while (done < length) {
                // offer no more than the framer holds, draining it between offers
                int chunk = Math.min(length - done, Math.max(1, ControlStreamFramer.DEFAULT_MAX_BUFFERED - framer.buffered()));
                framer.offer(b, offset + done, chunk);
                done += chunk;
                drain(stream, framer, frame);
            }
        }

        private void drain(TcpStream stream, ControlStreamFramer framer, long frame) {
            String src = source(stream);
            String dst = destination(stream);
            while (true) {
                FramerResult r;
                try {
                    r = framer.next();
                } catch (DecodeException e) {
                    // lenient framers do not throw; be safe and drop what is buffered
                    sink.accept(new PptpItem.Malformed(frame, currentTimestamp, src, dst, e.getMessage()));
                    stream.attach(new ControlStreamFramer(DecodeMode.LENIENT));
                    return;
                }
                switch (r) {
                    case FramerResult.Complete c -> sink.accept(new PptpItem.Control(frame, currentTimestamp, src, dst, c.message()));
                    case FramerResult.Malformed m -> sink.accept(new PptpItem.Malformed(frame, currentTimestamp, src, dst,
                            m.error().getMessage() + " (" + m.bytes().length() + " bytes skipped)"));
                    case FramerResult.NeedMore n -> { return; }
                }
            }
        }

        @Override
        public void gap(TcpStream stream, long missingBytes, long frame) {
            // a hole: the message in progress is lost, start afresh after it
            stream.attach(new ControlStreamFramer(DecodeMode.LENIENT));
            sink.accept(new PptpItem.Gap(frame, currentTimestamp, source(stream), destination(stream), missingBytes));
        }

        @Override
        public void closed(TcpConnection connection, io.pptp4j.capture.TcpCloseReason reason, long frame) {}
    }

    private static String source(TcpStream s) {
        FlowKey k = s.key();
        return s.clientToServer() ? k.clientEndpoint() : k.serverEndpoint();
    }

    private static String destination(TcpStream s) {
        FlowKey k = s.key();
        return s.clientToServer() ? k.serverEndpoint() : k.clientEndpoint();
    }
}
