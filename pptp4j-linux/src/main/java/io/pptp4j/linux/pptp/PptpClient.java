package io.pptp4j.linux.pptp;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.GeneralErrorCode;
import io.pptp4j.control.OutgoingCallResult;
import io.pptp4j.control.StartControlConnectionResult;
import io.pptp4j.control.StopControlConnectionReason;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlConnectionConfig;
import io.pptp4j.control.engine.ControlConnectionEngine;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.control.engine.OutgoingCallParameters;
import io.pptp4j.control.engine.StopCause;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PPTP client: connects to a server's TCP 1723, starts the control connection, places one outgoing
 * call (RFC 2637 2.7, 2.8) and opens its GRE session through the {@link DataPlane}. {@link #connect}
 * returns once the call is connected, or throws a {@link PptpException} that says what the server said
 * (or did not say).
 */
public final class PptpClient implements AutoCloseable {

    /** What the client announces and asks for. */
    public record Options(String hostName, int callId, int callSerialNumber, int windowSize, ControlTimers timers) {
        public static Options defaults() { return new Options("pptp4j", 1, 1, 64, ControlTimers.DEFAULT); }

        public Options withTimers(ControlTimers t) { return new Options(hostName, callId, callSerialNumber, windowSize, t); }
    }

    /**
     * Why a connection attempt failed, with what the server said if it said anything: its
     * Start-Control-Connection-Reply when one came (also one that refused the connection), and the
     * Outgoing-Call-Reply that refused the call, with its Result, Error and Cause Codes (RFC 2637 2.8).
     */
    public static final class PptpException extends IOException {
        private final transient Optional<ControlMessage.StartControlConnectionReply> reply;
        private final transient Optional<ControlMessage.OutgoingCallReply> callReply;

        PptpException(String message, Optional<ControlMessage.StartControlConnectionReply> reply) {
            this(message, reply, Optional.empty());
        }

        PptpException(String message, Optional<ControlMessage.StartControlConnectionReply> reply,
                      Optional<ControlMessage.OutgoingCallReply> callReply) {
            super(message, null);
            this.reply = reply;
            this.callReply = callReply;
        }

        /** The server's Start-Control-Connection-Reply, if one came. */
        public Optional<ControlMessage.StartControlConnectionReply> reply() { return reply; }

        /** The server's Outgoing-Call-Reply refusing the call, if that is how the call failed. */
        public Optional<ControlMessage.OutgoingCallReply> callReply() { return callReply; }
    }

    private final ControlChannel channel;
    private final ScheduledExecutorService timers;
    private final ControlAction.Established established;
    private final ControlAction.CallConnected call;
    private final DataPlane.Call data;
    private final List<ControlAction> log;
    private final CompletableFuture<ControlAction.CallCleared> cleared;

    private PptpClient(ControlChannel channel, ScheduledExecutorService timers, ControlAction.Established established,
                       ControlAction.CallConnected call, DataPlane.Call data, List<ControlAction> log,
                       CompletableFuture<ControlAction.CallCleared> cleared) {
        this.cleared = cleared;
        this.channel = channel;
        this.timers = timers;
        this.established = established;
        this.call = call;
        this.data = data;
        this.log = log;
    }

    /**
     * Connects, starts the control connection and places a call, within {@code timeout}.
     *
     * @param frames receives the PPP frames the server sends over GRE
     */
    public static PptpClient connect(InetSocketAddress server, Options options, DataPlane dataPlane, Duration timeout,
                                     io.pptp4j.linux.ppp.PacketSink frames) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) Math.max(1, timeout.toMillis()));
        } catch (IOException e) {
            closeQuietly(socket);
            throw new PptpException("cannot connect to " + server + ": " + e.getMessage(), Optional.empty());
        }
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pptp-client-timers").daemon().factory());
        CompletableFuture<ControlAction.Established> established = new CompletableFuture<>();
        CompletableFuture<ControlAction.CallConnected> connected = new CompletableFuture<>();
        CompletableFuture<ControlAction.CallCleared> cleared = new CompletableFuture<>();
        List<ControlAction> log = Collections.synchronizedList(new ArrayList<>());
        ControlConnectionConfig cc = ControlConnectionConfig.client(options.hostName()).withTimers(options.timers());
        ControlConnectionEngine engine = new ControlConnectionEngine(cc);
        // the listener runs under the channel's lock, where the engine may be read
        ControlChannel channel = new ControlChannel(socket, engine, timers, action -> {
            log.add(action);
            switch (action) {
                case ControlAction.Established e -> established.complete(e);
                case ControlAction.CallConnected c -> connected.complete(c);
                case ControlAction.CallCleared c -> {
                    cleared.complete(c);
                    Optional<ControlMessage.OutgoingCallReply> refusal = c.message()
                            .filter(m -> m instanceof ControlMessage.OutgoingCallReply)
                            .map(m -> (ControlMessage.OutgoingCallReply) m);
                    connected.completeExceptionally(new PptpException(refusal.isPresent()
                            ? "the server refused the call: " + refusal(refusal.get())
                            : "the call was cleared: " + c.cause() + " (" + c.detail() + ")",
                            startReply(engine), refusal));
                }
                case ControlAction.Stopped s -> {
                    Optional<ControlMessage.StartControlConnectionReply> sccrp = startReply(engine);
                    String why = s.cause() == StopCause.START_REFUSED && sccrp.isPresent()
                            ? "the server refused the control connection: " + startRefusal(sccrp.get())
                            : "the control connection ended: " + s.cause() + " (" + s.detail() + ")";
                    PptpException ex = new PptpException(why, sccrp);
                    established.completeExceptionally(ex);
                    connected.completeExceptionally(ex);
                }
                default -> { }
            }
        });
        channel.closed().whenComplete((v, e) -> {
            boolean started = established.isDone() && !established.isCompletedExceptionally();
            PptpException ex = new PptpException("the server closed the connection", started
                    ? Optional.of((ControlMessage.StartControlConnectionReply) established.join().peerStart())
                    : Optional.empty());
            established.completeExceptionally(ex);
            connected.completeExceptionally(ex);
        });
        try {
            // the GRE socket exists before the call does: a server's first GRE packet must not meet ICMP
            // Protocol Unreachable (some peers drop the call on it)
            if (socket.getLocalAddress() instanceof Inet4Address local) {
                dataPlane.prepare(local);
            }
            channel.start();
            ControlAction.Established est = await(established, deadline, "Start-Control-Connection-Reply");
            if (socket.getLocalAddress() instanceof Inet4Address local && server.getAddress() instanceof Inet4Address remote) {
                dataPlane.expect(local, remote, options.callId());
            }
            channel.apply(now -> channel.engine().placeOutgoingCall(
                    OutgoingCallParameters.of(options.callId(), options.callSerialNumber())
                            .withPacketRecvWindowSize(options.windowSize()), now));
            ControlAction.CallConnected call;
            try {
                call = await(connected, deadline, "Outgoing-Call-Reply");
            } catch (PptpException e) {
                throw e.reply().isPresent() ? e : new PptpException(e.getMessage(),
                        Optional.of((ControlMessage.StartControlConnectionReply) est.peerStart()), e.callReply());
            }
            if (!(socket.getLocalAddress() instanceof Inet4Address local) || !(server.getAddress() instanceof Inet4Address remote)) {
                throw new PptpException("GRE over IPv6 is not supported",
                        Optional.of((ControlMessage.StartControlConnectionReply) est.peerStart()));
            }
            DataPlane.Call data = dataPlane.open(local, remote, call, frames);
            return new PptpClient(channel, timers, est, call, data, log, cleared);
        } catch (IOException | RuntimeException e) {
            channel.close();
            timers.shutdownNow();
            throw e;
        }
    }

    private static <T> T await(CompletableFuture<T> f, long deadline, String what) throws PptpException {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PptpException("no " + what + " in time", Optional.empty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PptpException p) throw p;
            throw new PptpException(String.valueOf(e.getCause()), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PptpException("interrupted waiting for " + what, Optional.empty());
        }
    }

    /** The peer's Start-Control-Connection-Reply as the engine received it, accepted or not. */
    private static Optional<ControlMessage.StartControlConnectionReply> startReply(ControlConnectionEngine engine) {
        return engine.peerStart()
                .filter(m -> m instanceof ControlMessage.StartControlConnectionReply)
                .map(m -> (ControlMessage.StartControlConnectionReply) m);
    }

    /** {@code Result Code 2 (General Error), Error Code 4 (No-Resource), Cause Code 0}: RFC 2637 2.8's names. */
    static String refusal(ControlMessage.OutgoingCallReply m) {
        return "Outgoing-Call-Reply Result Code " + OutgoingCallResult.describe(m.resultCode())
                + ", Error Code " + GeneralErrorCode.describe(m.errorCode()) + ", Cause Code " + m.causeCode();
    }

    /** {@code Result Code 2 (General error), Error Code 0 (None)}: RFC 2637 2.2's names. */
    static String startRefusal(ControlMessage.StartControlConnectionReply m) {
        return "Start-Control-Connection-Reply Result Code " + StartControlConnectionResult.describe(m.resultCode())
                + ", Error Code " + GeneralErrorCode.describe(m.errorCode());
    }

    /** The server's Start-Control-Connection-Reply, every field. */
    public ControlMessage.StartControlConnectionReply reply() {
        return (ControlMessage.StartControlConnectionReply) established.peerStart();
    }

    public ControlAction.Established established() { return established; }

    /** The connected call: both Call IDs, the server's window and delay, its Outgoing-Call-Reply. */
    public ControlAction.CallConnected call() { return call; }

    public void send(Bytes pppFrame) { data.send(pppFrame); }

    /** The call's GRE session as a sink with flow control (see {@link io.pptp4j.linux.ppp.PacketSink}). */
    public io.pptp4j.linux.ppp.PacketSink frames() { return data; }

    /** Completes when the call is cleared, by either side. */
    public CompletableFuture<ControlAction.CallCleared> callCleared() { return cleared; }

    public GreCallCounters counters() { return data.counters(); }

    /** What the control connection reported, in order (for logs and tests). */
    public List<ControlAction> events() { return List.copyOf(log); }

    public InetSocketAddress localAddress() { return (InetSocketAddress) channel.socket().getLocalSocketAddress(); }

    /** Clears the call (Call-Clear-Request), stops the control connection, and waits for the close (bounded). */
    @Override
    public void close() {
        data.close();
        channel.apply(now -> channel.engine().clearCall(call.callId(), now));
        channel.apply(now -> channel.engine().stop(StopControlConnectionReason.NONE, now));
        try {
            channel.closed().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            channel.close();
        }
        timers.shutdownNow();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
