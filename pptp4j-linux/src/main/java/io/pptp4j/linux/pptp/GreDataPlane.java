package io.pptp4j.linux.pptp;

import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.linux.gre.GreCall;
import io.pptp4j.linux.gre.GreTransport;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The production {@link DataPlane}: one {@link GreTransport} (raw IPv4 socket for protocol 47) per local
 * address, opened on first use, and one {@link GreCall} per connected call.
 *
 * <p>A raw socket belongs to the network namespace of the thread that opens it, and control
 * connections run on virtual threads whose carriers may live anywhere. So transports are opened on a
 * platform thread of this data plane, started by the constructor: they live in the namespace of the
 * thread that built the data plane.
 */
public final class GreDataPlane implements DataPlane {
    /**
     * Receive buffer asked for each GRE socket (the kernel caps it at net.core.rmem_max). When a raw
     * socket's buffer overflows, Linux answers the sender with ICMP Protocol Unreachable, which some peers
     * take as the end of the tunnel: a burst must be buffered, not refused.
     */
    static final int RECEIVE_BUFFER = 4 << 20;

    private final Map<Inet4Address, GreTransport> transports = new ConcurrentHashMap<>();
    private final int localWindow;
    private final java.util.concurrent.ThreadPoolExecutor opener;

    public GreDataPlane() { this(64); }

    /** @param localWindow our Packet Recv. Window Size, as announced in OCRQ/OCRP */
    public GreDataPlane(int localWindow) {
        this.localWindow = localWindow;
        this.opener = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), Thread.ofPlatform().name("gre-open").daemon().factory());
        opener.prestartAllCoreThreads(); // created now, by this thread: same namespace
    }

    private GreTransport transport(Inet4Address local) throws IOException {
        GreTransport t = transports.get(local);
        if (t != null) {
            return t;
        }
        try {
            return opener.submit(() -> transports.computeIfAbsent(local, address -> {
                try {
                    GreTransport opened = GreTransport.open(address);
                    try {
                        opened.setReceiveBufferSize(RECEIVE_BUFFER);
                    } catch (IOException e) {
                        // the default buffer still works; a burst may be refused
                    }
                    return opened;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            String msg = String.valueOf(cause.getMessage());
            throw new IOException("GRE socket on " + local.getHostAddress() + ": " + msg
                    + (msg.contains("EPERM") ? " (raw sockets need root or CAP_NET_RAW)" : ""), cause);
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IOException("GRE socket on " + local.getHostAddress() + ": not opened in time", e);
        }
    }

    @Override
    public void prepare(Inet4Address local) throws IOException { transport(local); }

    @Override
    public void expect(Inet4Address local, Inet4Address peer, int localCallId) throws IOException {
        transport(local).expectCall(localCallId, peer);
    }

    @Override
    public Call open(Inet4Address local, Inet4Address peer, ControlAction.CallConnected call,
                     io.pptp4j.linux.ppp.PacketSink deliver) throws IOException {
        GreTransport transport = transport(local);
        GreCallConfig config = GreCallConfig.of(call.callId(), call.peerCallId(), localWindow,
                        Math.max(1, call.peerPacketRecvWindowSize()))
                .withPeerPacketProcessingDelay(call.peerPacketProcessingDelay());
        GreCall greCall = transport.openCall(config, peer, deliver::send, deliver::sendInPlace, problem -> { });
        return new Call() {
            @Override
            public void send(Bytes pppFrame) { greCall.send(pppFrame); }

            @Override
            public void sendInPlace(byte[] buf, int off, int len) { greCall.sendInPlace(buf, off, len); }

            @Override
            public void sendInPlace(byte[][] bufs, int[] offs, int[] lens, int count) {
                greCall.sendInPlace(bufs, offs, lens, count);
            }

            @Override
            public int room() { return greCall.room(); }

            @Override
            public boolean awaitCapacity(long timeoutNanos) throws InterruptedException {
                return greCall.awaitCapacity(timeoutNanos);
            }

            @Override
            public GreCallCounters counters() { return greCall.counters(); }

            @Override
            public void close() { greCall.close(); }
        };
    }

    @Override
    public void close() {
        transports.values().forEach(GreTransport::close);
        transports.clear();
        opener.shutdownNow();
    }
}
