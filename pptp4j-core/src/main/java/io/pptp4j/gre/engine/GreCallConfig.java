package io.pptp4j.gre.engine;

import io.pptp4j.gre.GreSequence;
import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link GreCallEngine} needs to know about its call: the two Call IDs and the two Packet Recv
 * Window Sizes exchanged in Outgoing-Call-Request/Reply or Incoming-Call-Request/Reply (RFC 2637 2.7 to
 * 2.10), and the engine's own timers and bounds.
 *
 * @param localCallId our Call ID: the Call ID field of every GRE packet the peer sends us
 * @param peerCallId the peer's Call ID: what we put in the Call ID field of every GRE packet we send
 * @param localReceiveWindow the Packet Recv Window Size we advertised: how many unacknowledged packets
 *     the peer may have in flight towards us (RFC 2637 4.2); a data packet further ahead is out of window
 * @param peerReceiveWindow the Packet Recv Window Size the peer advertised: the most unacknowledged
 *     packets we ever have in flight (RFC 2637 4.2.1, 4.2.3)
 * @param ackDelay how long a received packet waits for a data packet to carry its acknowledgment before
 *     an acknowledgment-only packet goes out (RFC 2637 4.2: acknowledgments "can also be sent separately")
 * @param reorderTimeout how long a packet may wait in the reorder buffer for the missing ones before it
 *     (RFC 2637 4.3: out-of-sequence packets "may be reordered by the receiver")
 * @param reorderBufferSize how far ahead of the next expected sequence number a packet may be held; a
 *     packet further ahead writes off the oldest gaps. 1 turns reordering off: a gap is written off as
 *     soon as a later packet arrives, as the Linux kernel does
 * @param sendQueueLimit how many frames may wait for the send window to open; a frame offered to a full
 *     queue is dropped (RFC 2637 4.2.4: the transmitter no longer accepts packets when its buffer fills)
 * @param initialRoundTrip the first RTT estimate of the adaptive acknowledgment time-out (RFC 2637 4.4:
 *     "Initially, it is set to PPD", the peer's Packet Processing Delay)
 * @param minAckTimeout MinTimeOut of RFC 2637 4.4.1
 * @param maxAckTimeout MaxTimeOut of RFC 2637 4.4
 * @param firstSequenceNumber the Sequence Number of our first data packet: 0 (RFC 2637 4.1: "set to zero
 *     at session startup"); another value is a test hook, e.g. near 2^32 to test the wrap
 */
public record GreCallConfig(
        int localCallId,
        int peerCallId,
        int localReceiveWindow,
        int peerReceiveWindow,
        Duration ackDelay,
        Duration reorderTimeout,
        int reorderBufferSize,
        int sendQueueLimit,
        Duration initialRoundTrip,
        Duration minAckTimeout,
        Duration maxAckTimeout,
        long firstSequenceNumber) {

    /**
     * Long enough to coalesce a burst into one acknowledgment, short against the peer's acknowledgment
     * time-out (RFC 2637 4.4), which halves its window when it expires.
     */
    public static final Duration DEFAULT_ACK_DELAY = Duration.ofMillis(50);
    /**
     * Links reorder small packets ahead of large ones by a few milliseconds; a lost packet, far more
     * common, stalls everything behind it for the whole timeout (pptp-linux and poptop hold about half a
     * second). 100 ms covers the first without delaying TCP's duplicate acknowledgments and fast
     * retransmit too much for the second.
     */
    public static final Duration DEFAULT_REORDER_TIMEOUT = Duration.ofMillis(100);
    public static final int DEFAULT_REORDER_BUFFER_SIZE = 64;
    public static final int MAX_REORDER_BUFFER_SIZE = 4096;
    public static final int DEFAULT_SEND_QUEUE_LIMIT = 64;
    public static final Duration DEFAULT_MIN_ACK_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_MAX_ACK_TIMEOUT = Duration.ofSeconds(4);
    /** Call IDs and Packet Recv Window Sizes are 16-bit fields (RFC 2637 2.7). */
    static final int MAX_U16 = 0xFFFF;

    public GreCallConfig {
        checkRange("Call ID (local)", localCallId, 0, MAX_U16);
        checkRange("Call ID (peer)", peerCallId, 0, MAX_U16);
        checkRange("Packet Recv Window Size (local)", localReceiveWindow, 1, MAX_U16);
        checkRange("Packet Recv Window Size (peer)", peerReceiveWindow, 1, MAX_U16);
        checkNotNegative("ack delay", ackDelay);
        checkNotNegative("reorder timeout", reorderTimeout);
        checkRange("reorder buffer size", reorderBufferSize, 1, MAX_REORDER_BUFFER_SIZE);
        checkRange("send queue limit", sendQueueLimit, 0, MAX_U16);
        checkNotNegative("initial round trip", initialRoundTrip);
        checkNotNegative("minimum acknowledgment time-out", minAckTimeout);
        checkNotNegative("maximum acknowledgment time-out", maxAckTimeout);
        if (minAckTimeout.isZero()) {
            throw new IllegalArgumentException("minimum acknowledgment time-out must be more than 0");
        }
        if (maxAckTimeout.compareTo(minAckTimeout) < 0) {
            throw new IllegalArgumentException("maximum acknowledgment time-out " + maxAckTimeout
                    + " is less than the minimum " + minAckTimeout);
        }
        if (firstSequenceNumber < 0 || firstSequenceNumber > GreSequence.MASK) {
            throw new IllegalArgumentException(
                    "first sequence number " + firstSequenceNumber + " is outside 0..4294967295");
        }
        // hours would overflow the nanosecond arithmetic of the engine long before they made sense
        for (Duration d : new Duration[] {ackDelay, reorderTimeout, initialRoundTrip, maxAckTimeout}) {
            if (d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("duration " + d + " is longer than a day");
            }
        }
    }

    /** A call with the defaults for everything but the Call IDs and the windows from the call setup. */
    public static GreCallConfig of(int localCallId, int peerCallId, int localReceiveWindow, int peerReceiveWindow) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow,
                DEFAULT_ACK_DELAY, DEFAULT_REORDER_TIMEOUT, DEFAULT_REORDER_BUFFER_SIZE, DEFAULT_SEND_QUEUE_LIMIT,
                Duration.ZERO, DEFAULT_MIN_ACK_TIMEOUT, DEFAULT_MAX_ACK_TIMEOUT, 0);
    }

    public GreCallConfig withAckDelay(Duration value) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, value,
                reorderTimeout, reorderBufferSize, sendQueueLimit, initialRoundTrip, minAckTimeout, maxAckTimeout,
                firstSequenceNumber);
    }

    public GreCallConfig withReorderTimeout(Duration value) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                value, reorderBufferSize, sendQueueLimit, initialRoundTrip, minAckTimeout, maxAckTimeout,
                firstSequenceNumber);
    }

    public GreCallConfig withReorderBufferSize(int value) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                reorderTimeout, value, sendQueueLimit, initialRoundTrip, minAckTimeout, maxAckTimeout,
                firstSequenceNumber);
    }

    public GreCallConfig withSendQueueLimit(int value) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                reorderTimeout, reorderBufferSize, value, initialRoundTrip, minAckTimeout, maxAckTimeout,
                firstSequenceNumber);
    }

    /** Seeds the round-trip estimate from the peer's Packet Processing Delay, in tenths of a second (RFC 2637 4.4). */
    public GreCallConfig withPeerPacketProcessingDelay(int tenthsOfSecond) {
        checkRange("Packet Processing Delay", tenthsOfSecond, 0, MAX_U16);
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                reorderTimeout, reorderBufferSize, sendQueueLimit, Duration.ofMillis(100L * tenthsOfSecond),
                minAckTimeout, maxAckTimeout, firstSequenceNumber);
    }

    public GreCallConfig withAckTimeouts(Duration min, Duration max) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                reorderTimeout, reorderBufferSize, sendQueueLimit, initialRoundTrip, min, max, firstSequenceNumber);
    }

    /** Test hook: RFC 2637 4.1 starts at 0. */
    public GreCallConfig withFirstSequenceNumber(long value) {
        return new GreCallConfig(localCallId, peerCallId, localReceiveWindow, peerReceiveWindow, ackDelay,
                reorderTimeout, reorderBufferSize, sendQueueLimit, initialRoundTrip, minAckTimeout, maxAckTimeout,
                value);
    }

    private static void checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " is outside " + min + ".." + max);
        }
    }

    private static void checkNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " " + value + " is negative");
        }
    }
}
