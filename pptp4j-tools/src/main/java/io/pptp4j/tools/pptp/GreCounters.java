package io.pptp4j.tools.pptp;

import io.pptp4j.gre.engine.GreCallCounters;

/** One line for a call's GRE counters, as the server logs them and the client prints them at its end. */
final class GreCounters {
    private GreCounters() {}

    static String describe(GreCallCounters g) {
        return "sent " + g.sent() + " (" + g.ackOnlySent() + " acknowledgment-only), received " + g.received()
                + ", delivered " + g.delivered() + ", lost " + g.lost() + ", reordered " + g.reordered()
                + ", duplicates " + g.duplicates() + ", out of window " + g.outOfWindow() + ", queue drops " + g.queuedDrops()
                + ", ack time-outs " + g.ackTimeouts() + ", send failures " + g.sendFailures() + ", send window " + g.sendWindow();
    }
}
