package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.linux.ppp.AttachmentSlot;
import io.pptp4j.linux.ppp.NetworkAttachment;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.wire.Bytes;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Runs PPP on each call (RFC 1661: LCP, authentication, CCP/MPPE, IPCP) with a {@link PppSession} per
 * call; once the network phase is up, the call's IP datagrams go through a {@link NetworkAttachment}
 * (a TUN device per call, or nowhere).
 */
public final class PppCallHandler implements CallHandler {
    private final Function<ControlAction.CallConnected, SessionConfig> configs;
    private final ScheduledExecutorService timers;
    private final BiConsumer<ControlAction.CallConnected, SessionAction> events;
    private final NetworkAttachment network;
    private final BiConsumer<ControlAction.CallConnected, String> log;

    /**
     * @param events every session action of every call (for logs)
     * @param network where each call's datagrams go once its network phase is up
     * @param log hears what happened to the attachment: its description, or why it failed
     */
    public PppCallHandler(Function<ControlAction.CallConnected, SessionConfig> configs, ScheduledExecutorService timers,
                          BiConsumer<ControlAction.CallConnected, SessionAction> events, NetworkAttachment network,
                          BiConsumer<ControlAction.CallConnected, String> log) {
        this.configs = configs;
        this.timers = timers;
        this.events = events;
        this.network = network;
        this.log = log;
    }

    @Override
    public CallSession open(ControlAction.CallConnected call, io.pptp4j.linux.ppp.PacketSink send, Runnable hangUp) {
        AttachmentSlot attachment = new AttachmentSlot();
        PppLink link = new PppLink(new PppSession(configs.apply(call)), send::send, attachment,
                action -> events.accept(call, action), timers);
        link.networkUp().thenAcceptAsync(result -> {
            try {
                attachment.set(network.attach(result, link.datagrams(send)));
            } catch (java.io.IOException | RuntimeException e) {
                log.accept(call, "no interface: " + e.getMessage() + "; clearing the call");
                link.close();
            }
        });
        // PPP over: clear the call so the peer hears it at once. Asynchronously, so that the PPP lock (held
        // while the session terminates) is never held while waiting for the control connection's lock.
        link.terminated().thenRunAsync(() -> {
            attachment.close();
            hangUp.run();
        });
        link.start();
        return new CallSession() {
            @Override
            public void frame(Bytes pppFrame) { link.onFrame(pppFrame); }

            @Override
            public void frameInPlace(byte[] buf, int off, int len) { link.onFrameInPlace(buf, off, len); }

            @Override
            public void close() {
                link.lowerDown();
                link.close();
                attachment.close();
            }
        };
    }
}
