package io.pptp4j.gre.engine;

import static io.pptp4j.gre.engine.GreCallSimulation.frame;
import static io.pptp4j.gre.engine.GreCallSimulation.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One engine driven packet by packet: golden bytes from real peers, then each rule of RFC 2637 4.2-4.4. */
class GreCallEngineTest {
    private static final int LOCAL = 0x1234;
    private static final int PEER = 0x4321;
    private static final long T0 = 5_000_000_000L;

    private static long ms(long n) { return n * 1_000_000L; }

    private static GreCallConfig config(int localWindow, int peerWindow) {
        return GreCallConfig.of(LOCAL, PEER, localWindow, peerWindow);
    }

    private static GrePacket data(long seq, int id) { return GrePacket.data(LOCAL, seq, frame(id, 20)); }

    private static GrePacket data(long seq, long ack, int id) { return GrePacket.data(LOCAL, seq, ack, frame(id, 20)); }

    private static GrePacket ackOnly(long ack) { return GrePacket.ackOnly(LOCAL, ack); }

    private static List<Integer> deliveredIds(List<GreAction> actions) {
        return actions.stream().filter(a -> a instanceof GreAction.Deliver)
                .map(a -> id(((GreAction.Deliver) a).pppFrame())).toList();
    }

    private static List<GrePacket> transmitted(List<GreAction> actions) {
        return actions.stream().filter(a -> a instanceof GreAction.Transmit)
                .map(a -> ((GreAction.Transmit) a).packet()).toList();
    }

    private static GrePacket onlyTransmit(List<GreAction> actions) {
        assertThat(actions).hasSize(1).first().isInstanceOf(GreAction.Transmit.class);
        return ((GreAction.Transmit) actions.getFirst()).packet();
    }

    private static GrePacket decode(String hex) throws DecodeException {
        return GreCodec.decode(Bytes.fromHex(hex).toArray(), DecodeMode.STRICT);
    }

    /** Receives data packets with the given sequence numbers (payload id = sequence number) and collects what is delivered. */
    private static List<Integer> receive(GreCallEngine engine, long now, long... seqs) {
        List<Integer> out = new java.util.ArrayList<>();
        for (long seq : seqs) {
            out.addAll(deliveredIds(engine.onReceive(data(seq, (int) seq), now)));
        }
        return out;
    }

    @Nested
    class RealPeers {
        // chapcrack-pptplinux-pptpd-session.pcap: pptp-linux client (Call ID 0, Packet Recv Window Size 3,
        // frame 14) and pptpd (Call ID 0x7800, frame 16); GRE payloads of frames 18 to 23 and 35
        static final String PPTP_LINUX_18 = "3001880b0018780000000001ff03c021010100140206000000000506cdc7e2da07020802";
        static final String PPTPD_19 = "3081880b001d00000000000000000001ff03c021010100190206000000000305c223810506c29f1d2d07020802";
        static final String PPTPD_20 = "3001880b0018000000000001ff03c021020100140206000000000506cdc7e2da07020802";
        static final String PPTP_LINUX_21 = "3081880b001d78000000000200000001ff03c021020100190206000000000305c223810506c29f1d2d07020802";
        static final String PPTPD_22 = "3081880b000a00000000000200000002c02109000008c29f1d2d";
        static final String PPTP_LINUX_35 = "2081880b0000780000000008";
        // pptpcrack-windows-rras-session.pcap: Windows client (Call ID 0x9d49) and RRAS (Call ID 0x736a),
        // frames 275 to 278
        static final String WINDOWS_275 = "3001880b0019736a00000000ff03c0210100001501040578050675eb25d5070208020d0306";
        static final String RRAS_276 = "3081880b00389d490000000000000000ff03c02101000034010405780304c227050670ed20e6070208020d03061104064e131701f3198e8764b2429f8d09ef637b516ea700000000";
        static final String RRAS_277 = "3001880b00199d4900000001ff03c0210200001501040578050675eb25d5070208020d0306";
        static final String WINDOWS_278 = "3081880b0023736a0000000100000001ff03c0210400001f1104064e131701f3198e8764b2429f8d09ef637b516ea700000000";

        private static String encoded(GrePacket p) { return Bytes.of(GreCodec.encode(p)).hex(); }

        private static Bytes payload(String hex) throws DecodeException { return decode(hex).payload(); }

        @Test
        void acceptsPptpLinuxFirstSequenceNumberOneAndAnswersAsPptpdDid() throws DecodeException {
            // we stand where pptpd stood: our Call ID 0x7800, the client's 0, its window 3
            GreCallEngine engine = new GreCallEngine(GreCallConfig.of(0x7800, 0, 64, 3));
            assertThat(engine.onReceive(decode(PPTP_LINUX_18), T0))
                    .containsExactly(new GreAction.Deliver(payload(PPTP_LINUX_18)));
            assertThat(encoded(onlyTransmit(engine.onSend(payload(PPTPD_19), T0)))).isEqualTo(PPTPD_19);
            // nothing new to acknowledge: no A bit, as pptpd
            assertThat(encoded(onlyTransmit(engine.onSend(payload(PPTPD_20), T0)))).isEqualTo(PPTPD_20);
            assertThat(engine.counters().inFlight()).isEqualTo(2);
            assertThat(engine.onReceive(decode(PPTP_LINUX_21), T0))
                    .containsExactly(new GreAction.Deliver(payload(PPTP_LINUX_21)));
            assertThat(engine.counters().inFlight()).isZero();
            assertThat(encoded(onlyTransmit(engine.onSend(payload(PPTPD_22), T0)))).isEqualTo(PPTPD_22);
            assertThat(engine.counters().lost()).isZero();
        }

        @Test
        void coalescedAckOnlyMatchesPptpLinux() throws DecodeException {
            // we stand where pptp-linux stood (first sequence number 1 is its quirk, set by the test hook);
            // pptpd's packets 0..8 arrive within the ack delay, one 12-octet ack-only packet answers them all
            GreCallEngine engine = new GreCallEngine(GreCallConfig.of(0, 0x7800, 64, 3).withFirstSequenceNumber(1));
            for (long seq = 0; seq <= 8; seq++) {
                assertThat(transmitted(engine.onReceive(GrePacket.data(0, seq, frame((int) seq, 12)), T0))).isEmpty();
            }
            assertThat(engine.nextDeadlineNanos()).isEqualTo(T0 + ms(50));
            assertThat(encoded(onlyTransmit(engine.onTick(T0 + ms(50))))).isEqualTo(PPTP_LINUX_35);
        }

        @Test
        void acceptsWindowsFirstSequenceNumberZeroAndAnswersAsWindowsDid() throws DecodeException {
            GreCallEngine engine = new GreCallEngine(GreCallConfig.of(0x9d49, 0x736a, 64, 64));
            assertThat(encoded(onlyTransmit(engine.onSend(payload(WINDOWS_275), T0)))).isEqualTo(WINDOWS_275);
            assertThat(engine.onReceive(decode(RRAS_276), T0)).containsExactly(new GreAction.Deliver(payload(RRAS_276)));
            assertThat(engine.counters().inFlight()).isZero();
            assertThat(engine.onReceive(decode(RRAS_277), T0)).containsExactly(new GreAction.Deliver(payload(RRAS_277)));
            assertThat(encoded(onlyTransmit(engine.onSend(payload(WINDOWS_278), T0)))).isEqualTo(WINDOWS_278);
        }
    }

    @Nested
    class Sending {
        @Test
        void firstDataPacketHasSequenceNumberZeroAndNoAck() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            GrePacket p = onlyTransmit(engine.onSend(frame(7, 30), T0));
            assertThat(p.header()).isEqualTo(GreHeader.data(PEER, 30, 0));
            assertThat(p.payload()).isEqualTo(frame(7, 30));
            assertThat(engine.counters().sent()).isEqualTo(1);
        }

        @Test
        void sequenceNumbersWrapAtTwoToThe32() {
            GreCallEngine engine = new GreCallEngine(config(16, 16).withFirstSequenceNumber(0xFFFFFFFEL));
            List<Long> seqs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                seqs.add(onlyTransmit(engine.onSend(frame(i, 8), T0)).header().sequenceNumber().getAsLong());
            }
            assertThat(seqs).containsExactly(0xFFFFFFFEL, 0xFFFFFFFFL, 0L, 1L);
            assertThat(engine.counters().inFlight()).isEqualTo(4);
            engine.onReceive(ackOnly(0), T0 + ms(1)); // acknowledges FFFFFFFE, FFFFFFFF and 0
            assertThat(engine.counters().inFlight()).isEqualTo(1);
        }

        @Test
        void startsWithHalfThePeerWindowRoundedUpAndQueuesTheRest() {
            GreCallEngine engine = new GreCallEngine(config(16, 5));
            int transmitted = 0;
            for (int i = 0; i < 6; i++) {
                transmitted += transmitted(engine.onSend(frame(i, 8), T0)).size();
            }
            assertThat(transmitted).isEqualTo(3);
            GreCallCounters c = engine.counters();
            assertThat(c.sendWindow()).isEqualTo(3);
            assertThat(c.inFlight()).isEqualTo(3);
            assertThat(c.queued()).isEqualTo(3);
            assertThat(engine.sendState()).isEqualTo(GreCallEngine.SendState.WINDOW_FULL);
        }

        @Test
        void anAckReleasesQueuedFramesInOrder() {
            GreCallEngine engine = new GreCallEngine(config(16, 4)); // send window 2
            for (int i = 0; i < 5; i++) {
                engine.onSend(frame(i, 8), T0);
            }
            List<GrePacket> released = transmitted(engine.onReceive(ackOnly(0), T0 + ms(10)));
            assertThat(released).extracting(p -> id(p.payload())).containsExactly(2);
            assertThat(released.getFirst().header().sequenceNumber()).hasValue(2);
        }

        @Test
        void opensTheWindowByOneForEachWindowAcknowledged() {
            GreCallEngine engine = new GreCallEngine(config(16, 4)); // RFC 4.2.1: starts at 2
            engine.onSend(frame(0, 8), T0);
            engine.onSend(frame(1, 8), T0);
            engine.onReceive(ackOnly(1), T0 + ms(10));
            assertThat(engine.counters().sendWindow()).isEqualTo(3);
            for (int i = 2; i < 5; i++) {
                engine.onSend(frame(i, 8), T0 + ms(20));
            }
            engine.onReceive(ackOnly(4), T0 + ms(30));
            assertThat(engine.counters().sendWindow()).isEqualTo(4);
            for (int i = 5; i < 9; i++) {
                engine.onSend(frame(i, 8), T0 + ms(40));
            }
            engine.onReceive(ackOnly(8), T0 + ms(50));
            assertThat(engine.counters().sendWindow()).as("never above the peer's window").isEqualTo(4);
        }

        @Test
        void fullQueueDropsTheNewestFrameAndCountsIt() {
            GreCallEngine engine = new GreCallEngine(config(16, 2).withSendQueueLimit(2)); // window 1
            assertThat(transmitted(engine.onSend(frame(0, 8), T0))).hasSize(1);
            assertThat(engine.onSend(frame(1, 8), T0)).isEmpty();
            assertThat(engine.onSend(frame(2, 8), T0)).isEmpty();
            assertThat(engine.onSend(frame(3, 8), T0)).isEmpty();
            assertThat(engine.counters().queuedDrops()).isEqualTo(1);
            List<Integer> released = new java.util.ArrayList<>();
            for (long ack = 0; ack < 3; ack++) {
                transmitted(engine.onReceive(ackOnly(ack), T0 + ms(1 + ack))).forEach(p -> released.add(id(p.payload())));
            }
            assertThat(released).containsExactly(1, 2);
        }

        @Test
        void ackTimeoutHalvesTheWindowWritesOffWhatIsInFlightAndSendsOn() {
            GreCallEngine engine = new GreCallEngine(config(16, 8)
                    .withAckTimeouts(Duration.ofMillis(200), Duration.ofSeconds(2))); // window 4
            for (int i = 0; i < 6; i++) {
                engine.onSend(frame(i, 8), T0);
            }
            assertThat(engine.nextDeadlineNanos()).isEqualTo(T0 + ms(200));
            assertThat(engine.onTick(T0 + ms(199))).isEmpty();
            List<GrePacket> resumed = transmitted(engine.onTick(T0 + ms(200)));
            assertThat(resumed).extracting(p -> id(p.payload())).containsExactly(4, 5);
            GreCallCounters c = engine.counters();
            assertThat(c.ackTimeouts()).isEqualTo(1);
            assertThat(c.sendWindow()).isEqualTo(2);
            assertThat(c.inFlight()).isEqualTo(2);
            assertThat(c.sent()).isEqualTo(6);
            // RTT was 0 (PPD 0): it becomes MinTimeOut, then doubles at each time-out (RFC 2637 4.4.2)
            assertThat(engine.ackTimeoutNanos()).isEqualTo(ms(200));
            engine.onTick(T0 + ms(400));
            assertThat(engine.ackTimeoutNanos()).isEqualTo(ms(400));
            assertThat(engine.counters().sendWindow()).isEqualTo(1);
        }

        @Test
        void roundTripSamplesAdaptTheAckTimeout() {
            GreCallEngine engine = new GreCallEngine(config(16, 8).withPeerPacketProcessingDelay(5)
                    .withAckTimeouts(Duration.ofMillis(10), Duration.ofSeconds(5)));
            assertThat(engine.ackTimeoutNanos()).as("RTT seeded from PPD 0.5 s").isEqualTo(ms(500));
            engine.onSend(frame(0, 8), T0);
            engine.onReceive(ackOnly(0), T0 + ms(100));
            // DIFF = 100 - 500 = -400; DEV = 0 + (400 - 0)/4 = 100; RTT = 500 - 400/8 = 450; ATO = 450 + 4*100
            assertThat(engine.ackTimeoutNanos()).isEqualTo(ms(850));
        }

        @Test
        void ignoresAckForNumbersNeverSent() {
            GreCallEngine engine = new GreCallEngine(config(16, 8));
            engine.onSend(frame(0, 8), T0);
            engine.onReceive(ackOnly(5), T0 + ms(1));
            assertThat(engine.counters().inFlight()).isEqualTo(1);
            engine.onReceive(ackOnly(0xFFFFFFFFL), T0 + ms(1)); // before our first: says nothing
            assertThat(engine.counters().inFlight()).isEqualTo(1);
        }

        @Test
        void rejectsFrameLongerThanPayloadLengthAllows() {
            GreCallEngine engine = new GreCallEngine(config(16, 8));
            assertThatThrownBy(() -> engine.onSend(Bytes.of(new byte[65536]), T0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("PPP frame of 65536 octets does not fit the 16-bit Payload Length");
        }

        @Test
        void messageTooLongIsReportedAndTheCallGoesOn() {
            GreCallEngine engine = new GreCallEngine(config(16, 8));
            GrePacket p = onlyTransmit(engine.onSend(frame(0, 1500), T0));
            assertThat(engine.onSendFailed(p, SendFailure.MESSAGE_TOO_LONG, T0))
                    .containsExactly(new GreAction.MtuProblem(1512, 1500));
            assertThat(engine.onSendFailed(p, SendFailure.NO_BUFFER_SPACE, T0)).isEmpty();
            assertThat(engine.counters().sendFailures()).isEqualTo(2);
            assertThat(onlyTransmit(engine.onSend(frame(1, 100), T0)).header().sequenceNumber()).hasValue(1);
        }

        @Test
        void failedAckOnlyIsSentAgainAfterTheAckDelay() {
            GreCallEngine engine = new GreCallEngine(config(16, 8));
            engine.onReceive(data(0, 0), T0);
            GrePacket ack = onlyTransmit(engine.onTick(T0 + ms(50)));
            assertThat(engine.onSendFailed(ack, SendFailure.NO_BUFFER_SPACE, T0 + ms(50))).isEmpty();
            assertThat(onlyTransmit(engine.onTick(T0 + ms(100)))).isEqualTo(GrePacket.ackOnly(PEER, 0));
            assertThat(engine.counters().ackOnlySent()).isEqualTo(2);
        }
    }

    @Nested
    class Acknowledging {
        @Test
        void ackOnlyGoesAfterTheAckDelayWhenWeHaveNothingToSend() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(engine.onReceive(data(0, 0), T0)).hasSize(1); // the delivery only
            assertThat(engine.nextDeadlineNanos()).isEqualTo(T0 + ms(50));
            assertThat(engine.onTick(T0 + ms(49))).isEmpty();
            GrePacket ack = onlyTransmit(engine.onTick(T0 + ms(50)));
            assertThat(ack).isEqualTo(GrePacket.ackOnly(PEER, 0));
            assertThat(GreCodec.encode(ack)).hasSize(12);
            assertThat(engine.nextDeadlineNanos()).isEqualTo(GreCallEngine.NO_DEADLINE);
            assertThat(engine.counters().ackOnlySent()).isEqualTo(1);
            assertThat(engine.counters().acksSent()).isEqualTo(1);
        }

        @Test
        void oneAckOnlyCoversEverythingReceivedWithinTheDelay() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            receive(engine, T0, 0);
            receive(engine, T0 + ms(20), 1);
            receive(engine, T0 + ms(40), 2);
            assertThat(onlyTransmit(engine.onTick(T0 + ms(50)))).isEqualTo(GrePacket.ackOnly(PEER, 2));
            assertThat(engine.onTick(T0 + ms(200))).isEmpty();
        }

        @Test
        void ackRidesOnTheNextDataPacketInsteadOfGoingAlone() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            receive(engine, T0, 0, 1);
            GrePacket p = onlyTransmit(engine.onSend(frame(9, 10), T0 + ms(10)));
            assertThat(p.header().ackNumber()).hasValue(1);
            assertThat(engine.nextDeadlineNanos()).as("only the acknowledgment time-out for our packet")
                    .isEqualTo(T0 + ms(10) + engine.ackTimeoutNanos());
            assertThat(engine.onTick(T0 + ms(60))).isEmpty();
            assertThat(engine.counters().ackOnlySent()).isZero();
            assertThat(engine.counters().acksSent()).isEqualTo(1);
        }

        @Test
        void acksAtOnceWhenHalfTheReceiveWindowIsUnacknowledged() {
            GreCallEngine engine = new GreCallEngine(config(8, 16));
            for (long seq = 0; seq < 3; seq++) {
                assertThat(transmitted(engine.onReceive(data(seq, (int) seq), T0))).isEmpty();
            }
            assertThat(transmitted(engine.onReceive(data(3, 3), T0))).containsExactly(GrePacket.ackOnly(PEER, 3));
        }

        @Test
        void acknowledgesTheHighestReceivedEvenAcrossAGap() {
            // RFC 2637 4.3: "The PAC acknowledges packet 4 ... This acknowledgment grants window credit beyond packet 4"
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            receive(engine, T0, 0, 1, 2, 4);
            assertThat(onlyTransmit(engine.onTick(T0 + ms(50)))).isEqualTo(GrePacket.ackOnly(PEER, 4));
        }

        @Test
        void timersCompareAcrossTheNanoTimeWrap() {
            long start = Long.MAX_VALUE - ms(20);
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            receive(engine, start, 0);
            assertThat(engine.onTick(start + ms(49))).isEmpty(); // past Long.MAX_VALUE, now negative
            assertThat(onlyTransmit(engine.onTick(start + ms(50)))).isEqualTo(GrePacket.ackOnly(PEER, 0));
        }
    }

    @Nested
    class Receiving {
        @Test
        void syncsToThePeersFirstSequenceNumber() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(engine.receiveState()).isEqualTo(GreCallEngine.ReceiveState.AWAITING_FIRST);
            assertThat(receive(engine, T0, 1, 2, 3)).containsExactly(1, 2, 3);
            assertThat(engine.receiveState()).isEqualTo(GreCallEngine.ReceiveState.IN_SEQUENCE);
        }

        @Test
        void holdsAGapThenDeliversInOrderWhenItFills() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(receive(engine, T0, 0, 2, 3)).containsExactly(0);
            assertThat(engine.receiveState()).isEqualTo(GreCallEngine.ReceiveState.HOLDING_GAP);
            assertThat(engine.counters().held()).isEqualTo(2);
            assertThat(receive(engine, T0 + ms(5), 1)).containsExactly(1, 2, 3);
            GreCallCounters c = engine.counters();
            assertThat(c.reordered()).isEqualTo(1);
            assertThat(c.lost()).isZero();
            assertThat(c.held()).isZero();
        }

        @Test
        void writesTheGapOffAfterTheReorderTimeout() {
            GreCallEngine engine = new GreCallEngine(config(16, 16).withAckDelay(Duration.ofSeconds(1)));
            receive(engine, T0, 0, 2);
            receive(engine, T0 + ms(40), 4);
            assertThat(engine.nextDeadlineNanos()).isEqualTo(T0 + ms(100));
            assertThat(deliveredIds(engine.onTick(T0 + ms(99)))).isEmpty();
            // 2 waited the timeout: 1 is written off; 4 has not, so 3 may still come
            assertThat(deliveredIds(engine.onTick(T0 + ms(100)))).containsExactly(2);
            assertThat(engine.nextDeadlineNanos()).isEqualTo(T0 + ms(140));
            assertThat(receive(engine, T0 + ms(120), 3)).containsExactly(3, 4);
            assertThat(engine.counters().lost()).isEqualTo(1);
            assertThat(receive(engine, T0 + ms(130), 1)).isEmpty();
            assertThat(engine.counters().late()).isEqualTo(1);
            assertThat(engine.counters().duplicates()).isZero();
        }

        @Test
        void aPacketBeyondTheReorderBufferWritesOffTheOldestGaps() {
            GreCallEngine engine = new GreCallEngine(config(64, 16).withReorderBufferSize(4));
            assertThat(receive(engine, T0, 0, 2, 3)).containsExactly(0);
            assertThat(receive(engine, T0, 5)).as("5 is 4 ahead of 1: 1 goes, 4 may still come").containsExactly(2, 3);
            assertThat(engine.counters().lost()).isEqualTo(1);
            assertThat(receive(engine, T0, 6, 7)).isEmpty();
            assertThat(receive(engine, T0, 8)).containsExactly(5, 6, 7, 8);
            assertThat(engine.counters().lost()).isEqualTo(2);
            assertThat(engine.counters().held()).isZero();
        }

        @Test
        void reorderBufferOfOneDeliversAtOnceAndWritesGapsOff() {
            GreCallEngine engine = new GreCallEngine(config(64, 16).withReorderBufferSize(1));
            assertThat(receive(engine, T0, 0, 3, 1, 4)).containsExactly(0, 3, 4);
            assertThat(engine.counters().lost()).isEqualTo(2);
            assertThat(engine.counters().late()).isEqualTo(1);
        }

        @Test
        void countsADuplicateOnce() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(receive(engine, T0, 0, 1, 1, 2)).containsExactly(0, 1, 2);
            assertThat(engine.counters().duplicates()).isEqualTo(1);
            assertThat(engine.counters().received()).isEqualTo(4);
            assertThat(engine.counters().delivered()).isEqualTo(3);
        }

        @Test
        void countsADuplicateOfAHeldPacket() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(receive(engine, T0, 0, 2, 2, 1)).containsExactly(0, 1, 2);
            assertThat(engine.counters().duplicates()).isEqualTo(1);
            assertThat(engine.counters().reordered()).isEqualTo(1);
        }

        @Test
        void dropsAndCountsAPacketBeyondTheReceiveWindow() {
            GreCallEngine engine = new GreCallEngine(config(4, 16));
            assertThat(receive(engine, T0, 0, 1)).containsExactly(0, 1);
            assertThat(receive(engine, T0, 6)).isEmpty(); // 1 + 4 < 6
            assertThat(engine.counters().outOfWindow()).isEqualTo(1);
            assertThat(engine.counters().held()).isZero();
            assertThat(receive(engine, T0, 5, 2, 3, 4)).containsExactly(2, 3, 4, 5);
            assertThat(engine.counters().lost()).isZero();
        }

        @Test
        void followsAPeerThatJumpedAheadOnceTwoNumbersInARowAreOutOfWindow() {
            GreCallEngine engine = new GreCallEngine(config(4, 16));
            receive(engine, T0, 0, 2);
            assertThat(receive(engine, T0, 1000)).isEmpty();
            assertThat(receive(engine, T0, 1001, 1002)).containsExactly(2, 1001, 1002);
            GreCallCounters c = engine.counters();
            assertThat(c.outOfWindow()).isEqualTo(1);
            assertThat(c.delivered()).isEqualTo(4); // 0, 2, 1001, 1002
            assertThat(c.lost()).isEqualTo(1 + 998); // 1, then 3..1000
            assertThat(c.delivered() + c.lost()).isEqualTo(1003);
        }

        @Test
        void deliversInOrderAcrossTheSequenceWrap() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(receive(engine, T0, 0xFFFFFFFEL, 0, 0xFFFFFFFFL, 1))
                    .containsExactly(0xFFFFFFFE, 0xFFFFFFFF, 0, 1);
            assertThat(engine.counters().lost()).isZero();
        }

        @Test
        void dropsAndCountsAnotherCallsPacket() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            assertThat(engine.onReceive(GrePacket.data(LOCAL + 1, 0, frame(0, 8)), T0)).isEmpty();
            assertThat(engine.counters().wrongCallId()).isEqualTo(1);
            assertThat(engine.counters().received()).isZero();
            assertThat(engine.receiveState()).isEqualTo(GreCallEngine.ReceiveState.AWAITING_FIRST);
        }

        @Test
        void dropsAndCountsMalformedPackets() {
            GreCallEngine engine = new GreCallEngine(config(16, 16));
            GreHeader wrongVersion = new GreHeader(false, 0, 0, 0, GreHeader.PROTOCOL_PPP, 8, LOCAL,
                    OptionalLong.of(0), OptionalLong.empty());
            GreHeader truncated = GreHeader.data(LOCAL, 9, 0);
            assertThat(engine.onReceive(new GrePacket(wrongVersion, frame(0, 8)), T0)).isEmpty();
            assertThat(engine.onReceive(new GrePacket(truncated, frame(0, 8)), T0)).isEmpty();
            assertThat(engine.counters().malformed()).isEqualTo(2);
            assertThat(engine.receiveState()).isEqualTo(GreCallEngine.ReceiveState.AWAITING_FIRST);
        }
    }

    @Nested
    class Configuration {
        @Test
        void rejectsCallIdOutside16Bits() {
            assertThatThrownBy(() -> GreCallConfig.of(65536, 1, 8, 8))
                    .hasMessage("Call ID (local) 65536 is outside 0..65535");
        }

        @Test
        void rejectsZeroReceiveWindow() {
            assertThatThrownBy(() -> GreCallConfig.of(1, 2, 8, 0))
                    .hasMessage("Packet Recv Window Size (peer) 0 is outside 1..65535");
        }

        @Test
        void rejectsMaxAckTimeoutBelowMin() {
            assertThatThrownBy(() -> GreCallConfig.of(1, 2, 8, 8)
                    .withAckTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                    .hasMessage("maximum acknowledgment time-out PT1S is less than the minimum PT2S");
        }

        @Test
        void rejectsFirstSequenceNumberOutside32Bits() {
            assertThatThrownBy(() -> GreCallConfig.of(1, 2, 8, 8).withFirstSequenceNumber(1L << 32))
                    .hasMessage("first sequence number 4294967296 is outside 0..4294967295");
        }
    }
}
