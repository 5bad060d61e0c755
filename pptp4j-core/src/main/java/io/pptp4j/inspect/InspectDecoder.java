package io.pptp4j.inspect;

import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.capture.CapturedPacket;
import io.pptp4j.capture.Dissection;
import io.pptp4j.capture.IpAddresses;
import io.pptp4j.capture.PacketDissector;
import io.pptp4j.capture.PacketHandler;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.ppp.PppProtocol;

/**
 * Feeds captured packets to a {@link SessionTracker}: everything through {@link PptpTrafficDecoder},
 * except the bulk of a session, MPPE data frames of a call the tracker already knows and need not decrypt,
 * and GRE acknowledgments of such calls, which are counted straight from their bytes without building
 * records. The result is the same; only the
 * time differs.
 *
 * <p>The fast path takes only a conforming PPTP GRE header (RFC 2637 4.1: C, R, s clear, K and S set,
 * Recur and Flags 0, Version 1, Protocol Type 0x880B) with its whole payload captured, and a PPP frame of
 * protocol 0x00FD (address and control optional, protocol field compressed or not, RFC 1661 6.5) with at
 * least the two octets of the MPPE header (RFC 3078 3.1).
 */
public final class InspectDecoder implements PacketHandler {
    private static final int MPPE = PppProtocol.COMPRESSED_DATAGRAM.value();

    private final SessionTracker tracker;
    private final PptpTrafficDecoder full;
    private final Dissection dissection = new Dissection();
    private long packets;
    private long fast;
    private static final int MAX_NAMES = 4096;
    private final java.util.HashMap<Integer, String> names = new java.util.HashMap<>();

    public InspectDecoder(SessionTracker tracker) {
        this.tracker = tracker;
        this.full = new PptpTrafficDecoder(tracker);
    }

    @Override
    public void packet(CapturedPacket packet) {
        packets++;
        Dissection d = PacketDissector.dissect(packet, dissection);
        if (d.isGre() && fastPath(d)) {
            fast++;
            return;
        }
        if (d.isGre() || d.isTcp()) {
            full.packet(packet);
        }
    }

    /** Call at the end of the capture. */
    public void finish() { full.finish(); }

    public long packets() { return packets; }

    /** MPPE frames and acknowledgments counted on the fast path. */
    public long fastFrames() { return fast; }

    private boolean fastPath(Dissection d) {
        byte[] b = d.buffer();
        int off = d.payloadOffset();
        int len = d.payloadLength();
        if (len < 8 || d.ipVersion() != 4) {
            return false;
        }
        int flags = ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
        if ((((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF)) != GreHeader.PROTOCOL_PPP) {
            return false;
        }
        int payloadLength = ((b[off + 4] & 0xFF) << 8) | (b[off + 5] & 0xFF);
        int callId = ((b[off + 6] & 0xFF) << 8) | (b[off + 7] & 0xFF);
        if (flags == 0x2081) {
            // K, A, version 1, no sequence number: an acknowledgment only (RFC 2637 4.1)
            return payloadLength == 0 && len >= 12
                    && tracker.greAckOnly(d.frameNumber(), d.timestampNanos(), source(d), destination(d), callId, 12);
        }
        // C R K S s Recur(3) | A Flags(4) Ver(3): K and S set, A either, the rest zero, version 1
        if ((flags & ~0x0080) != 0x3001) {
            return false;
        }
        int headerLength = (flags & 0x0080) != 0 ? 16 : 12;
        if (len < headerLength + payloadLength || payloadLength < 3) {
            return false;
        }
        int p = off + headerLength;
        int end = p + payloadLength;
        if ((b[p] & 0xFF) == 0xFF && b[p + 1] == 0x03) {
            p += 2;
        }
        int protocol;
        if (p < end && (b[p] & 1) == 1) {
            protocol = b[p] & 0xFF;
            p += 1;
        } else if (p + 1 < end) {
            protocol = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
            p += 2;
        } else {
            return false;
        }
        if (protocol != MPPE || end - p < 2) {
            return false;
        }
        int coherencyCount = ((b[p] & 0x0F) << 8) | (b[p + 1] & 0xFF);
        return tracker.mppeFrame(d.frameNumber(), d.timestampNanos(), source(d), destination(d),
                callId, headerLength + payloadLength, coherencyCount);
    }

    private String source(Dissection d) { return name(d.srcIpv4()); }

    private String destination(Dissection d) { return name(d.dstIpv4()); }

    /** The dotted quad of an IPv4 address, made once per address (the text is what the tracker keys on). */
    private String name(int address) {
        String s = names.get(address);
        if (s == null) {
            if (names.size() >= MAX_NAMES) {
                names.clear();
            }
            s = IpAddresses.formatIpv4(address);
            names.put(address, s);
        }
        return s;
    }
}
