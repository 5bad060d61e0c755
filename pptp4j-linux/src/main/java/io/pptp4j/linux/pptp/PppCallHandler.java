package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.wire.Bytes;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs PPP on each call (RFC 1661: LCP, authentication, CCP/MPPE, IPCP) with a {@link PppSession} per
 * call. IP datagrams from the peer go to {@code datagrams}; until a TUN device is attached (the tunnel
 * issue) a server passes a sink that counts or drops them.
 */
public final class PppCallHandler implements CallHandler {
    private final Function<ControlAction.CallConnected, SessionConfig> configs;
    private final ScheduledExecutorService timers;
    private final BiConsumer<ControlAction.CallConnected, SessionAction> events;
    private final Consumer<Bytes> datagrams;

    public PppCallHandler(Function<ControlAction.CallConnected, SessionConfig> configs, ScheduledExecutorService timers,
                          BiConsumer<ControlAction.CallConnected, SessionAction> events, Consumer<Bytes> datagrams) {
        this.configs = configs;
        this.timers = timers;
        this.events = events;
        this.datagrams = datagrams;
    }

    @Override
    public CallSession open(ControlAction.CallConnected call, Consumer<Bytes> send, Runnable hangUp) {
        PppLink link = new PppLink(new PppSession(configs.apply(call)), send, datagrams,
                action -> events.accept(call, action), timers);
        // PPP over: clear the call so the peer hears it at once. Asynchronously, so that the PPP lock (held
        // while the session terminates) is never held while waiting for the control connection's lock.
        link.terminated().thenRunAsync(hangUp);
        link.start();
        return new CallSession() {
            @Override
            public void frame(Bytes pppFrame) { link.onFrame(pppFrame); }

            @Override
            public void close() {
                link.lowerDown();
                link.close();
            }
        };
    }
}
