package io.pptp4j.tools.scan;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.linux.ppp.PppLink;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.ppp.session.Phase;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.scan.MppePosture;
import io.pptp4j.scan.MppeTry;
import io.pptp4j.scan.MppeTryResult;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The encryption posture with credentials: one fresh call per {@link MppeTry}, each a full PPP session
 * (LCP, MS-CHAP v2, then CCP and IPCP in the network phase) that either comes up or is refused, and is
 * then closed (LCP Terminate-Request, call cleared). After a baseline that does not get past
 * authentication, nothing else is tried.
 */
final class MppeProbe {
    private final int timeoutMillis;
    private final int pppWaitMillis;
    private final String hostName;

    MppeProbe(int timeoutMillis, int pppWaitMillis, String hostName) {
        this.timeoutMillis = timeoutMillis;
        this.pppWaitMillis = pppWaitMillis;
        this.hostName = hostName;
    }

    MppePosture probe(InetSocketAddress server, String user, char[] password) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("probe-ppp-timers").daemon().factory());
        try {
            List<MppeTryResult> results = new ArrayList<>();
            MppeTryResult baseline = attempt(server, MppeTry.BASELINE, user, password, timers);
            results.add(baseline);
            if (MppePosture.worthGoingOn(baseline)) {
                for (MppeTry t : MppeTry.values()) {
                    if (t != MppeTry.BASELINE) results.add(attempt(server, t, user, password, timers));
                }
            }
            return MppePosture.of(user, results);
        } finally {
            timers.shutdownNow();
        }
    }

    /** One try; a server may refuse a new control connection while it tears down our last one (pptpd does): up to three more. */
    private MppeTryResult attempt(InetSocketAddress server, MppeTry t, String user, char[] password, ScheduledExecutorService timers) {
        for (int i = 0; ; i++) {
            try {
                return once(server, t, user, password, timers);
            } catch (PptpClient.PptpException e) {
                if (i == 3) return MppeTryResult.error(t, "no call: " + e.getMessage());
                try {
                    Thread.sleep(1000L * (i + 1));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return MppeTryResult.error(t, "interrupted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return MppeTryResult.error(t, "interrupted");
            } catch (Exception e) {
                return MppeTryResult.error(t, String.valueOf(e.getMessage()));
            }
        }
    }

    private MppeTryResult once(InetSocketAddress server, MppeTry t, String user, char[] password, ScheduledExecutorService timers)
            throws Exception {
        AtomicReference<PppLink> ppp = new AtomicReference<>();
        AtomicBoolean networkPhase = new AtomicBoolean();
        try (GreDataPlane plane = new GreDataPlane();
             PptpClient client = PptpClient.connect(server, new PptpClient.Options(hostName, 1, 1, 64, ControlTimers.DEFAULT), plane,
                     Duration.ofMillis(timeoutMillis), f -> {
                         PppLink link = ppp.get();
                         if (link != null) link.onFrame(f);
                     })) {
            SessionConfig config = SessionConfig.client(user, password, new SecureRandom(), RandomGenerator.getDefault())
                    .withMppe(t.config());
            PppLink link = new PppLink(new PppSession(config), client::send, datagram -> { }, a -> {
                if (a instanceof SessionAction.PhaseChanged(Phase from, Phase to) && to == Phase.NETWORK) networkPhase.set(true);
            }, timers);
            ppp.set(link);
            try {
                link.start();
                try {
                    CompletableFuture.anyOf(link.networkUp(), link.terminated(), client.callCleared()).get(pppWaitMillis, TimeUnit.MILLISECONDS);
                } catch (ExecutionException ended) {
                    // networkUp fails when the session ends: its reason is in terminated
                } catch (TimeoutException late) {
                    return MppeTryResult.of(t, null, networkPhase.get(), "the session did not come up in " + pppWaitMillis
                            + " ms (phase " + link.session().phase() + ")");
                }
                if (link.networkUp().isDone() && !link.networkUp().isCompletedExceptionally()) {
                    SessionResult up = link.networkUp().getNow(null);
                    return MppeTryResult.of(t, up, true, null);
                }
                return MppeTryResult.of(t, null, networkPhase.get(), reason(link, client));
            } finally {
                link.close();
            }
        }
    }

    /** Why the session ended: its own reason, or the call's clearing (which can overtake the peer's Terminate-Request). */
    private static String reason(PppLink link, PptpClient client) throws InterruptedException {
        try {
            return link.terminated().get(1, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException notYet) {
            ControlAction.CallCleared cleared = client.callCleared().getNow(null);
            return link.session().terminateReason().orElse("the server cleared the call during PPP (phase " + link.session().phase() + ")"
                    + (cleared != null ? ": " + cleared.cause() + " (" + cleared.detail() + ")" : ""));
        }
    }
}
