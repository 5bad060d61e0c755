package io.pptp4j.linux.gre;

/**
 * A snapshot of one {@link GreTransport}'s counters; the per-call ones are in each
 * {@link GreCall#counters()}. They add up on the receive side:
 * {@code received == routed + malformed + unknownCall + wrongPeer}, and on the send side every packet
 * handed to the socket is counted once in {@code sent}, {@code sendNoBufferSpace},
 * {@code sendMessageTooLong} or {@code sendOtherErrors}.
 *
 * @param received datagrams read from the socket
 * @param routed packets handed to a call
 * @param malformed datagrams the strict GRE decode refused (RFC 2637 4.1), dropped
 * @param unknownCall packets for a Call ID no call holds, dropped (or kept for a call announced with
 *     {@link GreTransport#expectCall} and handed to it when it opens)
 * @param wrongPeer packets for a registered Call ID from an address other than the call's peer, dropped
 * @param receiveErrors errors reported by the socket on receive, e.g. an ICMP Protocol Unreachable
 *     for a packet sent earlier (the socket sets IP_RECVERR); the loop goes on
 * @param callFailures exceptions thrown while routing a packet or while its call handled it (a bug,
 *     not a peer's doing), caught so that the loop goes on
 * @param sent packets the kernel took
 * @param sendNoBufferSpace sends refused with ENOBUFS (a full device queue)
 * @param sendMessageTooLong sends refused with EMSGSIZE (over the path MTU with DF)
 * @param sendOtherErrors sends that failed otherwise (another errno, or the socket was closed)
 */
public record GreTransportCounters(
        long received,
        long routed,
        long malformed,
        long unknownCall,
        long wrongPeer,
        long receiveErrors,
        long callFailures,
        long sent,
        long sendNoBufferSpace,
        long sendMessageTooLong,
        long sendOtherErrors) {

    /** All failed sends. */
    public long sendErrors() { return sendNoBufferSpace + sendMessageTooLong + sendOtherErrors; }

    /** All datagrams dropped without reaching a call. */
    public long dropped() { return malformed + unknownCall + wrongPeer; }
}
