package io.pptp4j.ppp.auth.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an engine did with one event: the packets to send, in order, and the outcome if the
 * authentication ended with this event.
 *
 * @param <P> {@link io.pptp4j.ppp.auth.PapPacket} or {@link io.pptp4j.ppp.auth.ChapPacket}
 */
public record AuthStep<P>(List<P> send, Optional<AuthOutcome> outcome) {
    public AuthStep {
        send = List.copyOf(send);
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Nothing to send, nothing decided (an ignored packet). */
    public static <P> AuthStep<P> none() { return new AuthStep<>(List.of(), Optional.empty()); }

    public static <P> AuthStep<P> send(P packet) { return new AuthStep<>(List.of(packet), Optional.empty()); }

    public static <P> AuthStep<P> done(P packet, AuthOutcome outcome) {
        return new AuthStep<>(List.of(packet), Optional.of(outcome));
    }

    public static <P> AuthStep<P> done(AuthOutcome outcome) { return new AuthStep<>(List.of(), Optional.of(outcome)); }
}
