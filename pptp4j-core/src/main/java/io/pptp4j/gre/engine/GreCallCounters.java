package io.pptp4j.gre.engine;

/**
 * A snapshot of one call's data-plane counters ({@link GreCallEngine#counters()}). Data packets are those
 * with a Sequence Number (S=1); acknowledgment-only packets are counted apart.
 *
 * <p>They add up. Every data packet received is delivered, held, or dropped once:
 * {@code received == delivered + held + duplicates + late + outOfWindow}. Every sequence number the
 * receiver has moved past was delivered or written off, so once the peer's last packet has arrived
 * and nothing is held, the peer's {@code sent == delivered + lost} (less any packets lost before the
 * first one that arrived: the receiver starts counting there). On the sending side every frame
 * offered was sent, dropped or is queued: {@code offered == sent + queuedDrops + queued}.
 *
 * @param sent data packets handed to the adapter for sending
 * @param received data packets for this call (with a Sequence Number), in any order
 * @param delivered PPP frames delivered upward, in sequence
 * @param lost sequence numbers written off: skipped when the reorder timer expired, the reorder buffer
 *     overflowed, or the peer jumped ahead
 * @param reordered data packets accepted after a packet with a higher sequence number (RFC 2637 4.3)
 * @param duplicates data packets whose sequence number was already received (RFC 2637 4.3: "silently
 *     discard duplicate GRE packets")
 * @param late data packets that came after their sequence number had been written off as lost, or too
 *     far behind to tell
 * @param outOfWindow data packets further ahead of the highest received than our receive window allows
 *     (RFC 2637 4.2.4: "excess packets are thrown away")
 * @param acksSent packets sent with an Acknowledgment Number, piggybacked or alone
 * @param ackOnlySent acknowledgment-only packets sent (12 octets, S=0)
 * @param ackOnlyReceived acknowledgment-only packets received
 * @param queuedDrops frames dropped because the send window and the send queue were full
 * @param ackTimeouts acknowledgment time-outs (RFC 2637 4.4): each halved the send window
 * @param wrongCallId packets with another call's Call ID, dropped
 * @param malformed packets whose header RFC 2637 4.1 does not allow, or truncated, dropped
 * @param sendFailures sends the adapter reported as failed
 * @param inFlight now: data packets sent and neither acknowledged nor written off by a time-out
 * @param sendWindow now: the send window (RFC 2637 4.2.1 to 4.2.3), at most the peer's receive window
 * @param queued now: frames waiting in the send queue
 * @param held now: packets waiting in the reorder buffer
 */
public record GreCallCounters(
        long sent,
        long received,
        long delivered,
        long lost,
        long reordered,
        long duplicates,
        long late,
        long outOfWindow,
        long acksSent,
        long ackOnlySent,
        long ackOnlyReceived,
        long queuedDrops,
        long ackTimeouts,
        long wrongCallId,
        long malformed,
        long sendFailures,
        int inFlight,
        int sendWindow,
        int queued,
        int held) {}
