package io.pptp4j.ppp.session;

import static io.pptp4j.ppp.session.PppSessionTest.SECOND;
import static io.pptp4j.ppp.session.PppSessionTest.client;
import static io.pptp4j.ppp.session.PppSessionTest.datagram;
import static io.pptp4j.ppp.session.PppSessionTest.delivered;
import static io.pptp4j.ppp.session.PppSessionTest.server;
import static io.pptp4j.ppp.session.PppSessionTest.up;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.lcp.LcpConfig;
import io.pptp4j.wire.Bytes;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The data path's in-place methods of {@link PppSession} ({@code sendDatagramInPlace},
 * {@code receiveInPlace}) against the event methods. Two twin links made from the same seeds negotiate
 * the same keys, so a frame made in place on one must equal, octet for octet, the frame the event method
 * makes on the other; and frames made either way must be read either way.
 */
class PppSessionInPlaceTest {
    private static final int HEADROOM = PppSession.SEND_HEADROOM + 4;

    static Stream<Arguments> configurations() {
        UnaryOperator<SessionConfig> same = c -> c;
        return Stream.of(
                Arguments.of("MPPE-128 stateless, PFC and ACFC", same),
                Arguments.of("MPPE-40 stateless", mppe(Set.of(SupportedBit.L), MppeConfig.Statefulness.STATELESS_REQUIRED)),
                Arguments.of("MPPE-128 stateful", mppe(Set.of(SupportedBit.S), MppeConfig.Statefulness.STATEFUL_REQUIRED)),
                Arguments.of("MPPE-128 without PFC and ACFC", (UnaryOperator<SessionConfig>) c -> c.withLcp(uncompressed(c))),
                Arguments.of("no MPPE", (UnaryOperator<SessionConfig>) c -> c.withMppe(Optional.empty())));
    }

    private static UnaryOperator<SessionConfig> mppe(Set<SupportedBit> bits, MppeConfig.Statefulness statefulness) {
        return c -> c.withMppe(Optional.of(new MppeConfig(bits, statefulness, true)));
    }

    private static LcpConfig uncompressed(SessionConfig c) {
        LcpConfig l = c.role() == Role.SERVER ? LcpConfig.pptpServer() : LcpConfig.pptpClient();
        return new LcpConfig(l.mru(), l.minimumMru(), l.requestAccm(), l.authProtocols(), l.authenticatePeer(),
                false, false, l.maxMagicCollisions());
    }

    private static SessionLink link(UnaryOperator<SessionConfig> variant) {
        SessionLink link = up(variant.apply(server()), variant.apply(client("wonderland")));
        link.runUntilQuiet(link.now + 10 * SECOND);
        return link;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void framesMadeInPlaceEqualTheEventPathsAndAreReadEitherWay(String name, UnaryOperator<SessionConfig> variant) {
        SessionLink events = link(variant);
        SessionLink inPlace = link(variant);
        for (int n = 0; n < 300; n++) {
            boolean fromClient = n % 2 == 0;
            PppSession eventSender = fromClient ? events.client : events.server;
            PppSession eventReceiver = fromClient ? events.server : events.client;
            PppSession sender = fromClient ? inPlace.client : inPlace.server;
            PppSession receiver = fromClient ? inPlace.server : inPlace.client;
            Bytes d = datagram(n);
            Bytes eventFrame = sentFrame(eventSender.sendDatagram(d, events.now));

            byte[] buf = new byte[HEADROOM + d.length()];
            d.copyTo(buf, HEADROOM);
            int start = sender.sendDatagramInPlace(buf, HEADROOM, d.length());
            assertThat(start).as("frame %d", n).isBetween(HEADROOM - PppSession.SEND_HEADROOM, HEADROOM);
            assertThat(Bytes.of(buf, start, buf.length)).as("frame %d", n).isEqualTo(eventFrame);

            // the in-place frame read in place, the event frame read by the event method
            int at = receiver.receiveInPlace(buf, start, buf.length - start);
            assertThat(at).as("frame %d", n).isNotNegative();
            assertThat(Bytes.of(buf, at, buf.length)).isEqualTo(d);
            assertThat(delivered(eventReceiver.onFrame(eventFrame, events.now))).containsExactly(d);
        }
        // and the other way round: an event frame read in place
        Bytes d = datagram(7);
        byte[] frame = sentFrame(events.client.sendDatagram(d, events.now)).toArray();
        int at = events.server.receiveInPlace(frame, 0, frame.length);
        assertThat(Bytes.of(frame, at, frame.length)).isEqualTo(d);
    }

    private static Bytes sentFrame(List<SessionAction> actions) {
        List<Bytes> frames = actions.stream().filter(a -> a instanceof SessionAction.SendFrame)
                .map(a -> ((SessionAction.SendFrame) a).pppFrame()).toList();
        assertThat(frames).as("actions %s", actions).hasSize(1);
        return frames.getFirst();
    }

    @Test
    void whatIsNotTheSteadyStateIsLeftToTheEventMethods() {
        PppSession notUp = new PppSession(client("wonderland"));
        byte[] buf = new byte[HEADROOM + 40];
        assertThat(notUp.sendDatagramInPlace(buf, HEADROOM, 40)).isEqualTo(PppSession.NOT_IN_PLACE);
        assertThat(notUp.receiveInPlace(buf, 0, buf.length)).isEqualTo(PppSession.NOT_IN_PLACE);

        SessionLink link = link(c -> c);
        PppSession client = link.client;
        int mtu = client.result().orElseThrow().interfaceMtu();
        byte[] big = new byte[HEADROOM + mtu + 1];
        assertThat(client.sendDatagramInPlace(big, HEADROOM, mtu + 1)).isEqualTo(PppSession.NOT_IN_PLACE);
        assertThat(client.sendDatagramInPlace(big, HEADROOM, mtu)).isNotNegative();
        assertThat(client.sendDatagramInPlace(buf, PppSession.SEND_HEADROOM - 1, 20))
                .as("no room for the headers").isEqualTo(PppSession.NOT_IN_PLACE);
        assertThat(client.datagramsTooLarge()).as("counted only by sendDatagram").isZero();

        byte[] echo = Bytes.fromHex("ff03c021090100080000000000").toArray(); // LCP Echo-Request
        assertThat(client.receiveInPlace(echo, 0, echo.length)).isEqualTo(PppSession.NOT_IN_PLACE);
        byte[] clear = Bytes.fromHex("21450000").toArray(); // IPv4 in clear while MPPE runs
        assertThat(client.receiveInPlace(clear, 0, clear.length)).isEqualTo(PppSession.NOT_IN_PLACE);
        byte[] notEncrypted = Bytes.fromHex("fd8001aabb").toArray(); // bit D clear
        assertThat(client.receiveInPlace(notEncrypted, 0, notEncrypted.length)).isEqualTo(PppSession.NOT_IN_PLACE);
        assertThat(client.takeActions()).isEmpty();
    }

    @Test
    void aRepeatedFrameIsConsumedWithItsReason() {
        SessionLink link = link(c -> c);
        byte[] buf = new byte[HEADROOM + datagram(1).length()];
        datagram(1).copyTo(buf, HEADROOM);
        int start = link.client.sendDatagramInPlace(buf, HEADROOM, datagram(1).length());
        byte[] copy = Arrays.copyOfRange(buf, start, buf.length);
        assertThat(link.server.receiveInPlace(buf, start, buf.length - start)).isNotNegative();
        assertThat(link.server.receiveInPlace(copy, 0, copy.length)).isEqualTo(PppSession.CONSUMED);
        assertThat(link.server.takeActions()).singleElement().isEqualTo(
                new SessionAction.Log("MPPE packet dropped: coherency count 0 is not after 0"));
    }

    @Test
    void statefulModeAsksForAResetAfterALossAndResumesOnTheFlushedFrame() {
        SessionLink link = link(mppe(Set.of(SupportedBit.S), MppeConfig.Statefulness.STATEFUL_REQUIRED));
        byte[][] frames = new byte[3][];
        int[] starts = new int[3];
        for (int i = 0; i < 3; i++) {
            frames[i] = new byte[HEADROOM + datagram(i).length()];
            datagram(i).copyTo(frames[i], HEADROOM);
            starts[i] = link.client.sendDatagramInPlace(frames[i], HEADROOM, datagram(i).length());
        }
        assertThat(link.server.receiveInPlace(frames[0], starts[0], frames[0].length - starts[0])).isNotNegative();
        // frames[1] lost
        assertThat(link.server.receiveInPlace(frames[2], starts[2], frames[2].length - starts[2])).isEqualTo(PppSession.CONSUMED);
        List<SessionAction> actions = link.server.takeActions();
        assertThat(actions).anySatisfy(a -> assertThat(a).isEqualTo(
                new SessionAction.Log("MPPE lost sync (coherency count 2, expected 1): CCP Reset-Request")));
        Bytes resetRequest = sentFrame(actions);
        assertThat(resetRequest.hex()).startsWith("80fd0e"); // CCP Reset-Request (RFC 1962 5.1)

        link.client.onFrame(resetRequest, link.now); // the sender restarts RC4 and flushes its next frame
        byte[] next = new byte[HEADROOM + datagram(3).length()];
        datagram(3).copyTo(next, HEADROOM);
        int start = link.client.sendDatagramInPlace(next, HEADROOM, datagram(3).length());
        int at = link.server.receiveInPlace(next, start, next.length - start);
        assertThat(Bytes.of(next, at, next.length)).isEqualTo(datagram(3));
    }

    /**
     * The steady state allocates nothing: datagrams each way through encryption and decryption in place,
     * counted by the thread's allocation counter (bytes, not time). The JIT's tier changes may allocate a
     * little while they happen (the interpreter alone shows 0 from the second pass), so the least of
     * several passes is what must be about nothing; one allocation per packet would be 20,000 or more.
     */
    @Test
    void theSteadyStateAllocatesNothing() {
        SessionLink link = link(c -> c);
        byte[] buf = new byte[HEADROOM + 1300];
        byte[] datagram = datagram(9).toArray();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long least = Long.MAX_VALUE;
        for (int pass = 0; pass < 6; pass++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            int packets = roundTrips(link, buf, datagram, 10_000);
            least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            assertThat(packets).isEqualTo(20_000);
        }
        assertThat(least).as("bytes allocated by the best pass of 20,000 packets").isLessThan(1024);
    }

    private static int roundTrips(SessionLink link, byte[] buf, byte[] datagram, int count) {
        int delivered = 0;
        for (int i = 0; i < count; i++) {
            for (int direction = 0; direction < 2; direction++) {
                PppSession from = direction == 0 ? link.client : link.server;
                PppSession to = direction == 0 ? link.server : link.client;
                int len = 40 + (i % 1200);
                System.arraycopy(datagram, 0, buf, HEADROOM, Math.min(len, datagram.length));
                int start = from.sendDatagramInPlace(buf, HEADROOM, len);
                if (to.receiveInPlace(buf, start, HEADROOM + len - start) == HEADROOM) {
                    delivered++;
                }
            }
        }
        return delivered;
    }
}
