package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.CallIdAllocator;
import io.pptp4j.control.engine.CallPolicy;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlConnectionConfig;
import io.pptp4j.control.engine.ControlConnectionEngine;
import io.pptp4j.control.engine.ControlRole;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.control.engine.HostIdentity;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A PPTP server (the PNS side of RFC 2637, answering Outgoing-Call-Requests from clients): accepts
 * control connections on TCP 1723, runs one {@link ControlConnectionEngine} per connection, and opens the
 * GRE session of each connected call through the {@link DataPlane}. Call IDs come from one allocator
 * shared by all connections, so GRE is demultiplexed by (peer address, our Call ID) and several clients
 * behind one NAT work.
 *
 * <p>Robustness: the accept loop only accepts and hands off; each connection lives on its own virtual
 * thread; a peer that says nothing is dropped by the engine's start timer; a peer over the connection
 * limit is closed at once; a malformed peer is stopped by its own engine. No peer can stall another.
 */
public final class PptpServer implements AutoCloseable {

    /**
     * @param listen address and port to listen on
     * @param identity what we announce in SCCRP (host name, vendor, firmware)
     * @param maxConnections control connections at once; more are closed on accept
     * @param timers the control connection timers
     * @param policy calls per connection, windows
     */
    public record Config(InetSocketAddress listen, HostIdentity identity, int maxConnections, ControlTimers timers,
                         CallPolicy policy) {
        public Config {
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(identity, "identity");
            if (maxConnections < 1) throw new IllegalArgumentException("maxConnections " + maxConnections + " < 1");
        }

        public static Config of(InetSocketAddress listen, String hostName) {
            CallPolicy policy = CallPolicy.server();
            return new Config(listen, HostIdentity.pptp4j(hostName, policy.maxCalls()), 1024, ControlTimers.DEFAULT, policy);
        }

        public Config withIdentity(HostIdentity v) { return new Config(listen, v, maxConnections, timers, policy); }

        public Config withMaxConnections(int v) { return new Config(listen, identity, v, timers, policy); }

        public Config withTimers(ControlTimers v) { return new Config(listen, identity, maxConnections, v, policy); }

        public Config withPolicy(CallPolicy v) { return new Config(listen, identity, maxConnections, timers, v); }
    }

    private final Config config;
    private final DataPlane dataPlane;
    private final CallHandler callHandler;
    private final Consumer<ServerEvent> events;
    private final ServerSocket serverSocket;
    private final ScheduledExecutorService timers;
    private final CallIdAllocator callIds = CallIdAllocator.range(1, 0xFFFF);
    private final Map<ControlChannel, Long> channels = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptThread;
    private volatile boolean closing;

    private PptpServer(Config config, DataPlane dataPlane, CallHandler callHandler, Consumer<ServerEvent> events)
            throws IOException {
        this.config = config;
        this.dataPlane = dataPlane;
        this.callHandler = callHandler;
        this.events = events;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(config.listen(), 256);
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pptp-timers").daemon().factory());
        this.acceptThread = Thread.ofPlatform().name("pptp-accept").daemon().unstarted(this::acceptLoop);
    }

    /** Binds, then accepts on a thread of its own; returns at once. */
    public static PptpServer start(Config config, DataPlane dataPlane, CallHandler callHandler,
                                   Consumer<ServerEvent> events) throws IOException {
        PptpServer s = new PptpServer(config, dataPlane, callHandler, events);
        s.acceptThread.start();
        events.accept(new ServerEvent.Listening((InetSocketAddress) s.serverSocket.getLocalSocketAddress()));
        return s;
    }

    public InetSocketAddress localAddress() { return (InetSocketAddress) serverSocket.getLocalSocketAddress(); }

    /** Control connections open now. */
    public int connections() { return connections.get(); }

    private void acceptLoop() {
        while (!closing) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (closing) return;
                continue;
            }
            InetSocketAddress peer = (InetSocketAddress) s.getRemoteSocketAddress();
            if (connections.incrementAndGet() > config.maxConnections()) {
                connections.decrementAndGet();
                events.accept(new ServerEvent.ConnectionRefused(peer, "limit of " + config.maxConnections() + " connections reached"));
                closeQuietly(s);
                continue;
            }
            // the accept loop only accepts: everything else happens on the connection's own thread
            Thread.ofVirtual().name("pptp-open-" + peer).start(() -> {
                try {
                    open(s, peer);
                } catch (IOException | RuntimeException e) {
                    connections.decrementAndGet();
                    events.accept(new ServerEvent.ConnectionRefused(peer, String.valueOf(e.getMessage())));
                    closeQuietly(s);
                }
            });
        }
    }

    private void open(Socket s, InetSocketAddress peer) throws IOException {
        long opened = System.nanoTime();
        if (s.getLocalAddress() instanceof Inet4Address local) {
            try {
                dataPlane.prepare(local);
            } catch (IOException e) {
                events.accept(new ServerEvent.CallFailed(peer, 0, "GRE: " + e.getMessage()));
            }
        }
        ControlConnectionConfig cc = new ControlConnectionConfig(ControlRole.RECEIVER, config.identity(), config.timers(),
                config.policy(), callIds);
        ControlConnectionEngine engine = new ControlConnectionEngine(cc);
        Calls calls = new Calls(s, peer);
        ControlChannel channel = new ControlChannel(s, engine, timers, calls);
        calls.channel = channel;
        channels.put(channel, opened);
        events.accept(new ServerEvent.ConnectionOpened(peer, connections.get()));
        channel.closed().whenComplete((v, e) -> {
            calls.closeAll();
            channels.remove(channel);
            connections.decrementAndGet();
            events.accept(new ServerEvent.ConnectionClosed(peer, Duration.ofNanos(System.nanoTime() - opened)));
        });
        channel.start();
    }

    /** The calls of one control connection: opens and closes their GRE sessions. */
    private final class Calls implements Consumer<ControlAction> {
        private final Socket socket;
        private final InetSocketAddress peer;
        private final Map<Integer, DataPlane.Call> open = new ConcurrentHashMap<>();
        private final Map<Integer, CallHandler.CallSession> sessions = new ConcurrentHashMap<>();
        ControlChannel channel;

        Calls(Socket socket, InetSocketAddress peer) {
            this.socket = socket;
            this.peer = peer;
        }

        @Override
        public void accept(ControlAction action) {
            events.accept(new ServerEvent.Control(peer, action));
            switch (action) {
                case ControlAction.CallConnected c -> connect(c);
                case ControlAction.CallCleared c -> {
                    CallHandler.CallSession session = sessions.remove(c.callId());
                    if (session != null) session.close();
                    DataPlane.Call call = open.remove(c.callId());
                    if (call != null) close(c.callId(), call);
                }
                default -> { }
            }
        }

        private void connect(ControlAction.CallConnected c) {
            if (!(socket.getLocalAddress() instanceof Inet4Address local) || !(peer.getAddress() instanceof Inet4Address remote)) {
                events.accept(new ServerEvent.CallFailed(peer, c.callId(), "GRE over IPv6 is not supported"));
                channel.apply(now -> channel.engine().clearCall(c.callId(), now));
                return;
            }
            try {
                CallHandler.CallSession[] inbound = new CallHandler.CallSession[1];
                DataPlane.Call call = dataPlane.open(local, remote, c, new io.pptp4j.linux.ppp.PacketSink() {
                    @Override
                    public void send(Bytes frame) {
                        CallHandler.CallSession in = inbound[0];
                        if (in != null) in.frame(frame);
                    }

                    @Override
                    public void sendInPlace(byte[] buf, int off, int len) {
                        CallHandler.CallSession in = inbound[0];
                        if (in != null) in.frameInPlace(buf, off, len);
                    }
                });
                inbound[0] = callHandler.open(c, call, () -> channel.apply(now -> channel.engine().clearCall(c.callId(), now)));
                sessions.put(c.callId(), inbound[0]);
                open.put(c.callId(), call);
            } catch (IOException | RuntimeException e) {
                events.accept(new ServerEvent.CallFailed(peer, c.callId(), String.valueOf(e.getMessage())));
                channel.apply(now -> channel.engine().clearCall(c.callId(), now));
            }
        }

        void closeAll() {
            sessions.values().forEach(CallHandler.CallSession::close);
            sessions.clear();
            open.forEach(this::close);
            open.clear();
        }

        private void close(int callId, DataPlane.Call call) {
            call.close();
            events.accept(new ServerEvent.CallData(peer, callId, call.counters()));
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops accepting, stops every control connection politely (Stop-Local-Shutdown), closes the data plane. */
    @Override
    public void close() {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (ControlChannel ch : channels.keySet()) {
            ch.apply(now -> ch.engine().stop(io.pptp4j.control.StopControlConnectionReason.STOP_LOCAL_SHUTDOWN, now));
        }
        for (ControlChannel ch : channels.keySet()) {
            try {
                ch.closed().get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                ch.close();
            }
        }
        timers.shutdownNow();
        dataPlane.close();
        try {
            acceptThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
