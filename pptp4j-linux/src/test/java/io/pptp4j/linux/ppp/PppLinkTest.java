package io.pptp4j.linux.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.ipcp.RangeAddressPool;
import io.pptp4j.ppp.options.Ipv4;
import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.wire.Bytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PppLink}s joined in memory by a "wire" thread, MS-CHAP v2 and MPPE-128 between them: the
 * data path's in-place methods (single datagrams and batches, as the TUN reader gives them) carry
 * datagrams in order, encrypted, and read in place on the other side.
 */
class PppLinkTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService wire = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        timers.shutdownNow();
        wire.shutdownNow();
        assertThat(timers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Frames to {@code link}: copied (the sender's buffer is its own again on return) and read in place. */
    private final class Wire implements PacketSink {
        final PppLink[] to = new PppLink[1];
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        final List<Bytes> frames = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void send(Bytes frame) {
            frames.add(frame);
            wire.execute(() -> to[0].onFrame(frame));
        }

        @Override
        public void sendInPlace(byte[] buf, int off, int len) {
            byte[] copy = Arrays.copyOfRange(buf, off, off + len);
            frames.add(Bytes.of(copy));
            wire.execute(() -> to[0].onFrameInPlace(copy, 0, len));
        }

        @Override
        public void sendInPlace(byte[][] bufs, int[] offs, int[] lens, int count) {
            batches.add(count);
            PacketSink.super.sendInPlace(bufs, offs, lens, count);
        }
    }

    @Test
    void datagramsSentInPlaceSingleAndInBatchesArriveInOrderEncrypted() throws Exception {
        Wire toServer = new Wire();
        Wire toClient = new Wire();
        List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
        PppLink server = new PppLink(new PppSession(SessionConfig.server("lab",
                (client, srv) -> client.equals("lab") ? Optional.of(Secret.of("battery staple")) : Optional.empty(),
                IpcpConfig.server(Ipv4.parse("198.51.100.1").orElseThrow(),
                        new RangeAddressPool(Ipv4.parse("198.51.100.10").orElseThrow(), Ipv4.parse("198.51.100.19").orElseThrow()),
                        List.of(), List.of()),
                new SecureRandom(), RandomGenerator.getDefault())),
                toClient::send, new PacketSink() {
                    @Override
                    public void send(Bytes ip) { atServer.add(ip); }

                    @Override
                    public void sendInPlace(byte[] buf, int off, int len) { atServer.add(Bytes.of(buf, off, off + len)); }
                }, a -> { }, timers);
        PppLink client = new PppLink(new PppSession(SessionConfig.client("lab", "battery staple".toCharArray(),
                new SecureRandom(), RandomGenerator.getDefault())), toServer::send, ip -> { }, a -> { }, timers);
        toServer.to[0] = server;
        toClient.to[0] = client;
        server.start();
        client.start();
        assertThat(client.networkUp().get(20, TimeUnit.SECONDS).mppe()).isPresent();
        server.networkUp().get(20, TimeUnit.SECONDS);
        int controlFrames = toServer.frames.size();

        PacketSink datagrams = client.datagrams(toServer);
        List<Bytes> sent = new ArrayList<>();
        byte[][] bufs = new byte[PppLink.BATCH_LIMIT][PppLink.SEND_HEADROOM + 200];
        int[] offs = new int[PppLink.BATCH_LIMIT];
        int[] lens = new int[PppLink.BATCH_LIMIT];
        for (int round = 0; round < 20; round++) {
            int count = 1 + round % PppLink.BATCH_LIMIT;
            for (int i = 0; i < count; i++) {
                Bytes d = datagram(sent.size());
                sent.add(d);
                d.copyTo(bufs[i], PppLink.SEND_HEADROOM);
                offs[i] = PppLink.SEND_HEADROOM;
                lens[i] = d.length();
            }
            if (count == 1) {
                datagrams.sendInPlace(bufs[0], offs[0], lens[0]);
            } else {
                datagrams.sendInPlace(bufs, offs, lens, count);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (atServer.size() < sent.size() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        assertThat(atServer).isEqualTo(sent);
        assertThat(toServer.batches).as("batches handed to the link below").contains(2, PppLink.BATCH_LIMIT);
        List<Bytes> dataFrames = toServer.frames.subList(controlFrames, toServer.frames.size());
        assertThat(dataFrames).hasSize(sent.size())
                .allSatisfy(f -> assertThat(f.hex()).as("MPPE, protocol 0x00FD compressed").startsWith("fd"));
        assertThat(dataFrames.get(0).hex()).doesNotContain(datagram(0).slice(4, 20).hex());
        client.close();
        server.close();
    }

    private static Bytes datagram(int n) {
        byte[] b = new byte[20 + n % 150];
        b[0] = 0x45;
        for (int i = 1; i < b.length; i++) b[i] = (byte) (n * 7 + i);
        return Bytes.of(b);
    }
}
