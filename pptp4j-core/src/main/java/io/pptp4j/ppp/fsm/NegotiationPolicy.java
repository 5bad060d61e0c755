package io.pptp4j.ppp.fsm;

import java.util.List;
import java.util.Optional;

/**
 * What a control protocol wants, consulted by {@link ControlProtocolAutomaton}: the options of our
 * Configure-Request and how they change after the peer's Configure-Nak or Configure-Reject, how the
 * peer's Configure-Request is judged, and the values both sides acknowledged. Policies are mutable and
 * belong to one automaton.
 */
public interface NegotiationPolicy<O> {

    /** A fresh negotiation begins (from Starting, Closed or Stopped): our request goes back to what we want first. */
    void startNegotiation();

    /** The options of our next Configure-Request. */
    List<O> requestOptions();

    /** A valid Configure-Nak of our last request (RFC 1661 5.3): adopt what is acceptable. */
    void onConfigureNak(List<O> options);

    /** A valid Configure-Reject of our last request (RFC 1661 5.4): stop asking for these. */
    void onConfigureReject(List<O> options);

    /** Judges the peer's Configure-Request. */
    Judgement<O> judge(List<O> peerOptions);

    /** We acknowledged the peer's request with these options. */
    void onAckSent(List<O> peerOptions);

    /** The peer acknowledged our request with these options. */
    void onAckReceived(List<O> ourOptions);

    /**
     * Set when negotiation cannot succeed (no acceptable authentication protocol, no allowed MPPE
     * strength, a looped-back link): the automaton then closes the layer with this reason.
     */
    Optional<String> failure();

    /** Our Magic-Number for Echo-Reply (LCP, RFC 1661 5.8); 0 when none was negotiated. */
    default long magicNumber() { return 0; }
}
