package io.pptp4j.linux.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.linux.gre.GreDemultiplexer.Route;
import io.pptp4j.wire.Bytes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Routing by Call ID and peer address, without sockets. */
class GreDemultiplexerTest {
    static final Inet4Address PEER_A = address(192, 0, 2, 1);
    static final Inet4Address PEER_B = address(198, 51, 100, 7);
    static final Inet4Address STRANGER = address(203, 0, 113, 9);
    /** IPCP Configure-Request behind the PPP protocol field, as a peer sends it inside GRE. */
    static final Bytes FRAME = Bytes.fromHex("80210101000a0306c0000201");

    private final GreDemultiplexer<String> demux = new GreDemultiplexer<>();

    @Test
    void routesAPacketToTheCallRegisteredForItsCallIdAndPeer() {
        demux.register(100, PEER_A, "call-100");
        GrePacket packet = GrePacket.data(100, 0, FRAME);

        Route<String> route = route(packet, PEER_A);

        assertThat(route).isEqualTo(new Route.ToCall<>("call-100", packet));
        assertThat(counters()).containsExactly(1L, 1L, 0L, 0L, 0L);
    }

    @Test
    void keepsCallsWithDifferentCallIdsApart() {
        demux.register(100, PEER_A, "A");
        demux.register(101, PEER_A, "B");

        assertThat(route(GrePacket.data(100, 5, FRAME), PEER_A)).isInstanceOfSatisfying(Route.ToCall.class,
                r -> assertThat(r.call()).isEqualTo("A"));
        assertThat(route(GrePacket.ackOnly(101, 7), PEER_A)).isInstanceOfSatisfying(Route.ToCall.class,
                r -> assertThat(r.call()).isEqualTo("B"));
    }

    @Test
    void sameCallIdFromTwoPeersReachesEachPeersCall() {
        demux.register(7, PEER_A, "from A");
        demux.register(7, PEER_B, "from B");

        assertThat(((Route.ToCall<String>) route(GrePacket.ackOnly(7, 1), PEER_B)).call()).isEqualTo("from B");
        assertThat(((Route.ToCall<String>) route(GrePacket.ackOnly(7, 1), PEER_A)).call()).isEqualTo("from A");
        assertThat(demux.size()).isEqualTo(2);
    }

    @Test
    void dropsAndCountsAnUnknownCallId() {
        demux.register(100, PEER_A, "call-100");

        assertThat(route(GrePacket.data(4711, 0, FRAME), PEER_A)).isEqualTo(new Route.UnknownCall<>(4711, PEER_A));
        assertThat(counters()).containsExactly(1L, 0L, 0L, 1L, 0L);
    }

    @Test
    void dropsAndCountsARegisteredCallIdFromAnotherPeer() {
        demux.register(100, PEER_A, "call-100");

        assertThat(route(GrePacket.data(100, 0, FRAME), STRANGER)).isEqualTo(new Route.WrongPeer<>(100, STRANGER));
        assertThat(counters()).containsExactly(1L, 0L, 0L, 0L, 1L);
    }

    @Test
    void dropsVersionZeroGreWithTheStrictDecodeError() {
        demux.register(100, PEER_A, "call-100");
        GreHeader plainGre = new GreHeader(false, 0, 0, 0, GreHeader.PROTOCOL_PPP, FRAME.length(), 100,
                OptionalLong.of(0), OptionalLong.empty());

        Route<String> route = route(new GrePacket(plainGre, FRAME), PEER_A);

        assertThat(route).isInstanceOfSatisfying(Route.Malformed.class, m -> assertThat(m.reason())
                .hasMessage("GRE: Version at offset 1: expected 1, found 0"));
        assertThat(counters()).containsExactly(1L, 0L, 1L, 0L, 0L);
    }

    @Test
    void dropsGarbageWithTheStrictDecodeError() {
        byte[] garbage = Bytes.fromHex("deadbeef").toArray();

        Route<String> route = demux.route(garbage, garbage.length, PEER_A);

        assertThat(route).isInstanceOfSatisfying(Route.Malformed.class, m -> assertThat(m.reason())
                .hasMessage("GRE: Checksum Present at offset 0: expected 0, found 1"));
        assertThat(demux.malformed()).isEqualTo(1);
    }

    @Test
    void decodesOnlyTheGivenLengthOfAReusedBuffer() {
        demux.register(100, PEER_A, "call-100");
        GrePacket packet = GrePacket.data(100, 3, 2, FRAME);
        byte[] buf = new byte[2048];
        Arrays.fill(buf, (byte) 0x5A); // what an earlier, longer datagram left behind
        byte[] wire = GreCodec.encode(packet);
        System.arraycopy(wire, 0, buf, 0, wire.length);

        assertThat(demux.route(buf, wire.length, PEER_A)).isEqualTo(new Route.ToCall<>("call-100", packet));
    }

    @Test
    void payloadLengthBeyondTheDatagramIsMalformed() {
        byte[] wire = GreCodec.encode(GrePacket.data(100, 3, FRAME));

        Route<String> route = demux.route(wire, wire.length - 1, PEER_A);

        assertThat(route).isInstanceOfSatisfying(Route.Malformed.class, m -> assertThat(m.reason())
                .hasMessage("GRE: Payload Length at offset 4: expected 11, found 12"));
    }

    @Test
    void refusesASecondCallForTheSameCallIdAndPeer() {
        demux.register(100, PEER_A, "first");

        assertThatThrownBy(() -> demux.register(100, PEER_A, "second"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Call ID 100 from 192.0.2.1 is already registered");
        assertThat(demux.lookup(100, PEER_A)).contains("first");
    }

    @Test
    void unregisterRemovesOnlyTheSameCall() {
        demux.register(100, PEER_A, "old");
        assertThat(demux.unregister(100, PEER_A, "old")).isTrue();
        demux.register(100, PEER_A, new String("new"));

        // the old call closing late must not remove its successor
        assertThat(demux.unregister(100, PEER_A, "old")).isFalse();
        assertThat(demux.lookup(100, PEER_A)).contains("new");
        assertThat(demux.unregister(100, PEER_B, "new")).isFalse();
    }

    @Test
    void packetsForAnUnregisteredCallAreUnknown() {
        demux.register(100, PEER_A, "A");
        demux.register(100, PEER_B, "B");
        demux.unregister(100, PEER_A, "A");

        assertThat(route(GrePacket.ackOnly(100, 1), PEER_A)).isEqualTo(new Route.WrongPeer<>(100, PEER_A));
        demux.unregister(100, PEER_B, "B");
        assertThat(route(GrePacket.ackOnly(100, 1), PEER_A)).isEqualTo(new Route.UnknownCall<>(100, PEER_A));
        assertThat(demux.size()).isZero();
        assertThat(demux.calls()).isEmpty();
    }

    @Test
    void listsTheCallsInCallIdOrder() {
        demux.register(65535, PEER_A, "last");
        demux.register(0, PEER_A, "first");
        demux.register(300, PEER_B, "middle");

        assertThat(demux.calls()).containsExactly("first", "middle", "last");
    }

    @Test
    void rejectsCallIdsOutsideSixteenBits() {
        assertThatThrownBy(() -> demux.register(65536, PEER_A, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Call ID 65536 is outside 0..65535");
        assertThatThrownBy(() -> demux.lookup(-1, PEER_A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Call ID -1 is outside 0..65535");
    }

    private Route<String> route(GrePacket packet, Inet4Address source) {
        byte[] wire = GreCodec.encode(packet);
        return demux.route(wire, wire.length, source);
    }

    /** received, routed, malformed, unknownCall, wrongPeer. */
    private Long[] counters() {
        return new Long[] {demux.received(), demux.routed(), demux.malformed(), demux.unknownCall(), demux.wrongPeer()};
    }

    static Inet4Address address(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
