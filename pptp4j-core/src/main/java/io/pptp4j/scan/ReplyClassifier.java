package io.pptp4j.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.util.Arrays;

/**
 * Says what the octets a service sent in answer to our Start-Control-Connection-Request are, as soon as
 * that can be told: a reply (RFC 2637 2.2) decoded strictly, or leniently with the strict error kept as
 * a nonconformance; a PPTP message of another kind; PPTP that does not decode; or not PPTP at all (the
 * Magic Cookie, RFC 2637 1.4, is not there), with the first octets as evidence.
 */
public final class ReplyClassifier {
    /** The most octets kept as evidence from a service that is not PPTP. */
    public static final int EVIDENCE_BYTES = 64;
    /** The longest message waited for: a lenient peer may send a Length over the type's. */
    public static final int MAX_MESSAGE = 1024;

    private static final byte[] COOKIE = {0x1A, 0x2B, 0x3C, 0x4D};

    private ReplyClassifier() {}

    /** What {@link #classify} found. */
    public sealed interface Outcome {}

    /** Not enough octets yet to tell. */
    public record NeedMore() implements Outcome {}

    /** A Start-Control-Connection-Reply; {@code nonconformance} is the strict decoder's complaint, or null. */
    public record Reply(StartControlConnectionReply reply, String nonconformance) implements Outcome {}

    /** A well-formed PPTP message that is not a Start-Control-Connection-Reply. */
    public record OtherMessage(ControlMessage message) implements Outcome {}

    /** The Magic Cookie is there but the message does not decode even leniently (or is cut short). */
    public record MalformedPptp(Bytes firstBytes, String reason) implements Outcome {}

    /** Not PPTP: the first octets and why. */
    public record NotPptp(Bytes firstBytes, String reason) implements Outcome {}

    /**
     * Classifies {@code buf[0, length)}; {@code ended} when the peer closed (or went silent: the caller's
     * timeout), so that nothing more will come.
     */
    public static Outcome classify(byte[] buf, int length, boolean ended) {
        Bytes evidence = Bytes.of(buf, 0, Math.min(length, EVIDENCE_BYTES));
        int known = Math.min(length, 8);
        for (int i = 4; i < known; i++) {
            if (buf[i] != COOKIE[i - 4]) {
                return new NotPptp(evidence, "no PPTP Magic Cookie at offset 4");
            }
        }
        if (length < ControlMessageCodec.HEADER_LENGTH) {
            if (!ended) return new NeedMore();
            return length == 0
                    ? new NotPptp(evidence, "sent nothing")
                    : length < 8 ? new NotPptp(evidence, "sent " + length + " byte" + (length == 1 ? "" : "s") + ", no PPTP header")
                    : new MalformedPptp(evidence, "closed after " + length + " bytes, inside the 12-byte header");
        }
        int messageLength = ((buf[0] & 0xFF) << 8) | (buf[1] & 0xFF);
        int wanted = Math.clamp(messageLength, ControlMessageCodec.HEADER_LENGTH, MAX_MESSAGE);
        if (length < wanted) {
            if (!ended) return new NeedMore();
            return new MalformedPptp(evidence, "closed after " + length + " of the " + messageLength + " bytes its Length announces");
        }
        byte[] message = Arrays.copyOf(buf, wanted);
        try {
            return outcome(ControlMessageCodec.decode(message, DecodeMode.STRICT), null);
        } catch (DecodeException strict) {
            try {
                return outcome(ControlMessageCodec.decode(message, DecodeMode.LENIENT), strict.getMessage());
            } catch (DecodeException lenient) {
                return new MalformedPptp(evidence, lenient.getMessage());
            }
        }
    }

    /**
     * {@link #classify} for a scan, which meets the same reply octets on host after host: octets equal, to
     * the last one, to those of the last complete classification give that outcome again (the outcomes are
     * immutable and {@code classify} depends on nothing else), without decoding them anew. Every octet is
     * still compared. Not thread-safe: one per scanning thread.
     */
    public static final class Memo {
        private final byte[] last = new byte[MAX_MESSAGE];
        private int lastLength = -1;
        private boolean lastEnded;
        private Outcome lastOutcome;

        public Outcome classify(byte[] buf, int length, boolean ended) {
            if (length == lastLength && ended == lastEnded && Arrays.equals(buf, 0, length, last, 0, length)) {
                return lastOutcome;
            }
            Outcome o = ReplyClassifier.classify(buf, length, ended);
            if (!(o instanceof NeedMore) && length <= last.length) {
                System.arraycopy(buf, 0, last, 0, length);
                lastLength = length;
                lastEnded = ended;
                lastOutcome = o;
            }
            return o;
        }
    }

    private static Outcome outcome(ControlMessage m, String nonconformance) {
        if (m instanceof StartControlConnectionReply r) {
            return new Reply(r, nonconformance);
        }
        return new OtherMessage(m);
    }

}
