package io.pptp4j.ppp.fsm;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy's answer to the peer's Configure-Request (RFC 1661 5.2-5.4): Ack it whole, Nak the options
 * whose values are unacceptable with values we would accept, or Reject the options we do not negotiate.
 * Reject takes precedence: while any option is rejected, no Nak is sent.
 */
public sealed interface Judgement<O> {

    /** RCR+: every option acceptable, acknowledged unchanged and in order. */
    record Ack<O>(List<O> options) implements Judgement<O> {
        public Ack { options = List.copyOf(options); }
    }

    /**
     * RCR-, Configure-Nak: {@code options} are the values we want (in request order, then any we append
     * to prompt the peer); {@code nakedOriginals} are the options of the request they replace, which
     * become a Configure-Reject when Max-Failure runs out (RFC 1661 4.6).
     */
    record Nak<O>(List<O> options, List<O> nakedOriginals) implements Judgement<O> {
        public Nak {
            options = List.copyOf(options);
            nakedOriginals = List.copyOf(nakedOriginals);
            if (options.isEmpty()) throw new IllegalArgumentException("a Configure-Nak needs options");
        }
    }

    /** RCR-, Configure-Reject: the unacceptable options exactly as received, in request order. */
    record Reject<O>(List<O> options) implements Judgement<O> {
        public Reject {
            options = List.copyOf(options);
            if (options.isEmpty()) throw new IllegalArgumentException("a Configure-Reject needs options");
        }
    }

    static <O> Builder<O> builder() { return new Builder<>(); }

    /** Collects a verdict per option in request order and gives the whole answer with Reject first. */
    final class Builder<O> {
        private final List<O> acked = new ArrayList<>();
        private final List<O> naked = new ArrayList<>();
        private final List<O> nakedOriginals = new ArrayList<>();
        private final List<O> rejected = new ArrayList<>();

        private Builder() {}

        public Builder<O> ack(O option) { acked.add(option); return this; }

        public Builder<O> nak(O original, O wanted) { nakedOriginals.add(original); naked.add(wanted); return this; }

        public Builder<O> reject(O option) { rejected.add(option); return this; }

        /** RFC 1661 5.3: an option the peer did not request, appended to the Nak to prompt it. */
        public Builder<O> append(O wanted) { naked.add(wanted); return this; }

        public boolean hasNak() { return !naked.isEmpty(); }

        public Judgement<O> build(List<O> request) {
            if (!rejected.isEmpty()) return new Reject<>(rejected);
            if (!naked.isEmpty()) return new Nak<>(naked, nakedOriginals);
            return new Ack<>(request);
        }
    }
}
