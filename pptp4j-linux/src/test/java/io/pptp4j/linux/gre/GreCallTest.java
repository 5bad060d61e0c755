package io.pptp4j.linux.gre;

import static io.pptp4j.linux.gre.GreDemultiplexerTest.PEER_A;
import static io.pptp4j.linux.gre.GreDemultiplexerTest.PEER_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.engine.GreAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.gre.engine.SendFailure;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A {@link GreCall} driven by real threads and a real timer, over an in-memory link instead of a socket. */
class GreCallTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    /** The "wire": one thread that hands each encoded packet to the other call, in order. */
    private final ExecutorService wire = Executors.newSingleThreadExecutor();
    private final AtomicInteger closes = new AtomicInteger();

    {
        timer.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        timer.shutdownNow();
        wire.shutdownNow();
        assertThat(timer.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(wire.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void framesCrossTheLinkBothWaysInOrderExactlyOnce() throws Exception {
        List<Bytes> toA = Collections.synchronizedList(new ArrayList<>());
        List<Bytes> toB = Collections.synchronizedList(new ArrayList<>());
        GreCall[] pair = linkedPair(GreCallConfig.of(100, 200, 64, 64).withSendQueueLimit(256), toA::add, toB::add);

        Thread fromB = Thread.ofPlatform().start(() -> sendFrames(pair[1], 'B', 200));
        sendFrames(pair[0], 'A', 200);
        fromB.join(WAIT);

        await(() -> toA.size() == 200 && toB.size() == 200, "200 frames each way");
        assertThat(toB).isEqualTo(frames('A', 200));
        assertThat(toA).isEqualTo(frames('B', 200));
        for (GreCall call : pair) {
            GreCallCounters c = call.counters();
            assertThat(c.sent()).isEqualTo(200);
            assertThat(c.received()).isEqualTo(200);
            assertThat(c.delivered()).isEqualTo(200);
            assertThat(c.lost() + c.duplicates() + c.late() + c.outOfWindow() + c.queuedDrops()).isZero();
        }
    }

    @Test
    void framesSentAndReceivedInPlaceCrossInOrderExactlyOnceMixedWithValues() throws Exception {
        List<Bytes> toA = Collections.synchronizedList(new ArrayList<>());
        List<Bytes> toB = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inPlace = new AtomicInteger();
        GreCallConfig config = GreCallConfig.of(100, 200, 64, 64).withSendQueueLimit(256);
        GreCallConfig swapped = GreCallConfig.of(200, 100, 64, 64).withSendQueueLimit(256);
        GreCall[] pair = new GreCall[2];
        pair[0] = new GreCall(config, PEER_B, toA::add, (buf, off, len) -> {
            inPlace.incrementAndGet();
            toA.add(Bytes.of(buf, off, off + len));
        }, m -> { }, overInPlace(() -> pair[1]), timer, c -> { });
        pair[1] = new GreCall(swapped, PEER_A, toB::add, (buf, off, len) -> {
            inPlace.incrementAndGet();
            toB.add(Bytes.of(buf, off, off + len));
        }, m -> { }, overInPlace(() -> pair[0]), timer, c -> { });

        Thread fromB = Thread.ofPlatform().start(() -> sendFramesInPlace(pair[1], 'B', 300));
        sendFramesInPlace(pair[0], 'A', 300);
        fromB.join(WAIT);

        await(() -> toA.size() == 300 && toB.size() == 300, "300 frames each way");
        assertThat(toB).isEqualTo(frames('A', 300));
        assertThat(toA).isEqualTo(frames('B', 300));
        assertThat(inPlace.get()).as("frames handed up in place").isGreaterThan(300);
        for (GreCall call : pair) {
            GreCallCounters c = call.counters();
            assertThat(c.sent()).isEqualTo(300);
            assertThat(c.delivered()).isEqualTo(300);
            assertThat(c.lost() + c.duplicates() + c.late() + c.outOfWindow() + c.queuedDrops()).isZero();
        }
    }

    /**
     * Every third frame as a value, the others in place behind room for the GRE header, most of them in
     * batches of two; each after waiting for room, as the TUN reader does.
     */
    private static void sendFramesInPlace(GreCall call, char tag, int count) {
        for (int i = 0; i < count; i++) {
            Bytes frame = frame(tag, i);
            try {
                assertThat(call.awaitCapacity(WAIT.toNanos())).isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (i % 3 == 0) {
                assertThat(call.send(frame)).isTrue();
            } else if (i % 3 == 1 && i + 1 < count) {
                // this one and the next as a batch of two
                Bytes next = frame(tag, ++i);
                byte[][] bufs = {new byte[GreHeader.MAX_HEADER_LENGTH + frame.length()], new byte[GreHeader.MAX_HEADER_LENGTH + next.length()]};
                frame.copyTo(bufs[0], GreHeader.MAX_HEADER_LENGTH);
                next.copyTo(bufs[1], GreHeader.MAX_HEADER_LENGTH);
                int[] offs = {GreHeader.MAX_HEADER_LENGTH, GreHeader.MAX_HEADER_LENGTH};
                assertThat(call.sendInPlace(bufs, offs, new int[] {frame.length(), next.length()}, 2)).isTrue();
            } else {
                byte[] buf = new byte[GreHeader.MAX_HEADER_LENGTH + frame.length()];
                frame.copyTo(buf, GreHeader.MAX_HEADER_LENGTH);
                assertThat(call.sendInPlace(buf, GreHeader.MAX_HEADER_LENGTH, frame.length())).isTrue();
            }
        }
    }

    /** As the transport: encoded packets go to the receiver in place where it takes them, else decoded. */
    private GrePacketSender overInPlace(Supplier<GreCall> receiver) {
        return new GrePacketSender() {
            @Override
            public SendFailure send(GrePacket packet, java.net.Inet4Address peer) {
                byte[] bytes = GreCodec.encode(packet);
                return sendEncoded(bytes, 0, bytes.length, peer);
            }

            @Override
            public SendFailure sendEncoded(byte[] buf, int off, int len, java.net.Inet4Address peer) {
                byte[] bytes = java.util.Arrays.copyOfRange(buf, off, off + len);
                wire.execute(() -> {
                    try {
                        int headerLength = GreCodec.steadyStateHeaderLength(bytes, 0, bytes.length);
                        if (headerLength < 0 || !receiver.get().receiveInPlace(bytes, 0, bytes.length, headerLength)) {
                            receiver.get().receive(GreCodec.decode(bytes, DecodeMode.STRICT));
                        }
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                return null;
            }
        };
    }

    @Test
    void silentSideAcknowledgesWithAckOnlyPackets() throws Exception {
        List<Bytes> toB = Collections.synchronizedList(new ArrayList<>());
        GreCall[] pair = linkedPair(GreCallConfig.of(100, 200, 64, 64), f -> { }, toB::add);

        sendFrames(pair[0], 'A', 10);

        // fewer than half the window unacknowledged: B waits the ack delay, then sends one ack-only packet
        await(() -> pair[0].counters().inFlight() == 0, "all of A's frames acknowledged");
        GreCallCounters a = pair[0].counters();
        GreCallCounters b = pair[1].counters();
        assertThat(toB).hasSize(10);
        assertThat(b.sent()).isZero();
        assertThat(b.ackOnlySent()).isPositive();
        assertThat(a.ackOnlyReceived()).isEqualTo(b.ackOnlySent());
        assertThat(a.ackTimeouts()).isZero();
    }

    @Test
    void timerDeliversAHeldPacketAfterTheReorderTimeout() throws Exception {
        List<Bytes> delivered = Collections.synchronizedList(new ArrayList<>());
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64).withReorderTimeout(Duration.ofMillis(20)),
                delivered::add, p -> null, m -> { });

        call.receive(GrePacket.data(100, 0, frame('x', 0)));
        call.receive(GrePacket.data(100, 2, frame('x', 2)));
        assertThat(delivered).containsExactly(frame('x', 0));

        // nobody calls the call again: only its timer can write off 1 and hand up 2
        await(() -> delivered.size() == 2, "the held frame after the reorder timeout");
        assertThat(delivered).containsExactly(frame('x', 0), frame('x', 2));
        assertThat(call.counters().lost()).isEqualTo(1);
    }

    @Test
    void timerRunsTheAcknowledgmentTimeout() throws Exception {
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64)
                        .withAckTimeouts(Duration.ofMillis(20), Duration.ofMillis(40)),
                f -> { }, p -> null, m -> { });

        call.send(frame('x', 0));

        // RFC 2637 4.2.2: no acknowledgment within the time-out halves the window, 32 (half of 64) to 16;
        // the packet is written off and nothing else is in flight, so the timer is not armed again
        await(() -> call.counters().ackTimeouts() >= 1, "an acknowledgment time-out");
        assertThat(call.counters().ackTimeouts()).isEqualTo(1);
        assertThat(call.counters().sendWindow()).isEqualTo(16);
        assertThat(call.counters().inFlight()).isZero();
    }

    @Test
    void awaitCapacityWaitsUntilAFrameWouldGoAtOnceAndWakesOnTheTimeOuts() throws Exception {
        // the peer's window 2 gives a send window of 1: one frame in flight shuts it
        GreCall call = call(GreCallConfig.of(100, 200, 64, 2).withSendQueueLimit(1)
                        .withAckTimeouts(Duration.ofMillis(300), Duration.ofMillis(600)),
                f -> { }, p -> null, m -> { });
        assertThat(call.awaitCapacity(0)).isTrue();
        assertThat(call.room()).isEqualTo(1);
        call.send(frame('x', 0));
        assertThat(call.room()).isZero();
        assertThat(call.awaitCapacity(Duration.ofMillis(20).toNanos())).as("window shut").isFalse();
        call.send(frame('x', 1));
        assertThat(call.counters().queued()).as("a sender that cannot wait still queues").isEqualTo(1);
        // no acknowledgment comes: the first time-out writes the packet in flight off and the queued one
        // goes, shutting the window again; the second writes that one off: the waiter wakes, without polling
        long t0 = System.nanoTime();
        assertThat(call.awaitCapacity(WAIT.toNanos())).isTrue();
        assertThat(System.nanoTime() - t0).isLessThan(WAIT.toNanos());
        assertThat(call.counters().ackTimeouts()).isEqualTo(2);
        assertThat(call.counters().queuedDrops()).isZero();
        call.close();
        assertThat(call.awaitCapacity(WAIT.toNanos())).as("closed: no capacity, no wait").isFalse();
        assertThat(call.room()).isZero();
    }

    @Test
    void messageTooLongReachesTheMtuListenerOnTheSendingThread() {
        List<GreAction.MtuProblem> problems = new ArrayList<>();
        AtomicReference<Thread> listenerThread = new AtomicReference<>();
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> { }, p -> SendFailure.MESSAGE_TOO_LONG,
                m -> {
                    problems.add(m);
                    listenerThread.set(Thread.currentThread());
                });

        assertThat(call.send(Bytes.of(new byte[1500]))).isTrue();

        // a first packet carries no acknowledgment: 12 octets of header
        assertThat(problems).containsExactly(new GreAction.MtuProblem(1512, 1500));
        assertThat(listenerThread.get()).isSameAs(Thread.currentThread());
        assertThat(call.counters().sendFailures()).isEqualTo(1);
    }

    @Test
    void noBufferSpaceIsCountedAndTheCallGoesOn() {
        List<SendFailure> results = new ArrayList<>(List.of(SendFailure.NO_BUFFER_SPACE));
        List<GrePacket> sent = new ArrayList<>();
        List<GreAction.MtuProblem> problems = new ArrayList<>();
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> { }, p -> {
            sent.add(p);
            return results.isEmpty() ? null : results.removeFirst();
        }, problems::add);

        call.send(frame('x', 0));
        call.send(frame('x', 1));

        assertThat(sent).extracting(p -> p.header().sequenceNumber().getAsLong()).containsExactly(0L, 1L);
        assertThat(call.counters().sendFailures()).isEqualTo(1);
        assertThat(call.counters().sent()).isEqualTo(2);
        assertThat(problems).isEmpty();
    }

    @Test
    void consumerExceptionIsCountedAndLaterFramesStillArrive() {
        List<Bytes> delivered = new ArrayList<>();
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> {
            if (f.equals(frame('x', 1))) {
                throw new IllegalStateException("PPP above is unhappy");
            }
            delivered.add(f);
        }, p -> null, m -> { });

        for (int i = 0; i < 3; i++) {
            call.receive(GrePacket.data(100, i, frame('x', i)));
        }

        assertThat(delivered).containsExactly(frame('x', 0), frame('x', 2));
        assertThat(call.consumerFailures()).isEqualTo(1);
        assertThat(call.counters().delivered()).isEqualTo(3);
    }

    @Test
    void consumerMayCloseTheCall() {
        List<Bytes> delivered = new ArrayList<>();
        AtomicReference<GreCall> self = new AtomicReference<>();
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> {
            delivered.add(f);
            self.get().close(); // an LCP Terminate-Ack ends the call from inside the delivery
        }, p -> null, m -> { });
        self.set(call);

        call.receive(GrePacket.data(100, 0, frame('x', 0)));
        call.receive(GrePacket.data(100, 1, frame('x', 1)));

        assertThat(delivered).containsExactly(frame('x', 0));
        assertThat(call.isOpen()).isFalse();
        assertThat(closes).hasValue(1);
    }

    @Test
    void closeStopsSendsReceivesAndTheTimer() {
        List<GrePacket> sent = new ArrayList<>();
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> { }, p -> {
            sent.add(p);
            return null;
        }, m -> { });
        call.send(frame('x', 0));
        assertThat(timer.getQueue()).as("the acknowledgment time-out is armed").hasSize(1);

        call.close();
        call.close();

        assertThat(timer.getQueue()).isEmpty();
        assertThat(closes).hasValue(1);
        assertThat(call.send(frame('x', 1))).isFalse();
        call.receive(GrePacket.data(100, 0, frame('y', 0)));
        assertThat(sent).hasSize(1);
        assertThat(call.counters().received()).isZero();
        assertThat(call.toString()).isEqualTo("GreCall[Call ID 100 <- 192.0.2.1 Call ID 200, closed]");
    }

    @Test
    void refusesAFrameLongerThanThePayloadLengthField() {
        GreCall call = call(GreCallConfig.of(100, 200, 64, 64), f -> { }, p -> null, m -> { });

        assertThatThrownBy(() -> call.send(Bytes.of(new byte[65536])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PPP frame of 65536 octets does not fit the 16-bit Payload Length");
    }

    // ---------------------------------------------------------------- helpers

    /** A call towards {@link GreDemultiplexerTest#PEER_A} whose packets go to {@code sender}. */
    private GreCall call(GreCallConfig config, Consumer<Bytes> frames, Function<GrePacket, SendFailure> sender,
            Consumer<GreAction.MtuProblem> mtu) {
        return new GreCall(config, PEER_A, frames, mtu, (packet, peer) -> sender.apply(packet), timer,
                c -> closes.incrementAndGet());
    }

    /** A (local {@code config.localCallId()}) and B (the Call IDs swapped), joined through {@link #wire}. */
    private GreCall[] linkedPair(GreCallConfig config, Consumer<Bytes> toA,
            Consumer<Bytes> toB) {
        GreCall[] pair = new GreCall[2];
        GreCallConfig swapped = GreCallConfig.of(config.peerCallId(), config.localCallId(),
                config.peerReceiveWindow(), config.localReceiveWindow()).withSendQueueLimit(config.sendQueueLimit());
        pair[0] = new GreCall(config, PEER_B, toA, m -> { }, over(() -> pair[1]), timer, c -> { });
        pair[1] = new GreCall(swapped, PEER_A, toB, m -> { }, over(() -> pair[0]), timer, c -> { });
        return pair;
    }

    /** Encodes, and decodes on the wire thread for the receiving call, as the transport would. */
    private GrePacketSender over(Supplier<GreCall> receiver) {
        return (packet, peer) -> {
            byte[] bytes = GreCodec.encode(packet);
            wire.execute(() -> {
                try {
                    receiver.get().receive(GreCodec.decode(bytes, DecodeMode.STRICT));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            return null;
        };
    }

    private static void sendFrames(GreCall call, char tag, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(call.send(frame(tag, i))).isTrue();
        }
    }

    static List<Bytes> frames(char tag, int count) {
        List<Bytes> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            all.add(frame(tag, i));
        }
        return all;
    }

    /** An IPv4 frame behind PPP protocol 0x0021 whose bytes say who sent it and its number. */
    static Bytes frame(char tag, int n) {
        byte[] b = new byte[24];
        b[0] = 0x00;
        b[1] = 0x21;
        b[2] = (byte) tag;
        b[3] = (byte) (n >>> 24);
        b[4] = (byte) (n >>> 16);
        b[5] = (byte) (n >>> 8);
        b[6] = (byte) n;
        return Bytes.of(b);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(5);
        }
    }
}
