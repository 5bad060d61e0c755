package io.pptp4j.linux.gre;

import static io.pptp4j.linux.gre.GreCallTest.await;
import static io.pptp4j.linux.gre.GreCallTest.frame;
import static io.pptp4j.linux.gre.GreCallTest.frames;
import static io.pptp4j.linux.testing.TwoHosts.CLIENT_ADDRESS;
import static io.pptp4j.linux.testing.TwoHosts.SERVER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreHeader;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.gre.engine.GreAction;
import io.pptp4j.gre.engine.GreCallConfig;
import io.pptp4j.gre.engine.GreCallCounters;
import io.pptp4j.gre.engine.SendFailure;
import io.pptp4j.linux.net.Errno;
import io.pptp4j.linux.net.NativeException;
import io.pptp4j.linux.net.PathMtuDiscovery;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.wire.Bytes;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * GRE transports in two network namespaces joined by a veth pair (root only: {@link TwoHosts#create}
 * checks): client 192.0.2.1 with calls 100 (peer 200) and 101 (peer 201), server 192.0.2.2 with the
 * mirror images.
 */
class GreTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Client side of the main call: local 100, peer 200; windows large enough for 200 frames queued. */
    private static final GreCallConfig CLIENT_CALL = GreCallConfig.of(100, 200, 64, 64).withSendQueueLimit(256);
    private static final GreCallConfig SERVER_CALL = GreCallConfig.of(200, 100, 64, 64).withSendQueueLimit(256);

    @Test
    void framesFlowBothWaysInOrderExactlyOnce() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atClient = Collections.synchronizedList(new ArrayList<>());
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, atClient::add);
            GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);

            Thread serverSender = Thread.ofPlatform().start(() -> sendFrames(serverCall, 'S', 200));
            sendFrames(clientCall, 'C', 200);
            serverSender.join(WAIT);

            await(() -> atClient.size() >= 200 && atServer.size() >= 200, "200 frames each way");
            await(() -> clientCall.counters().inFlight() == 0 && serverCall.counters().inFlight() == 0,
                    "everything acknowledged");
            assertThat(atServer).isEqualTo(frames('C', 200));
            assertThat(atClient).isEqualTo(frames('S', 200));
            assertCallCounters(clientCall.counters(), serverCall.counters());
            assertCallCounters(serverCall.counters(), clientCall.counters());
            // every GRE packet one side sent (data and acknowledgment-only) reached the other's call
            await(() -> server.counters().routed() == client.counters().sent()
                    && client.counters().routed() == server.counters().sent(), "transport counters to settle");
            GreCallCounters c = clientCall.counters();
            assertThat(client.counters().sent()).isEqualTo(c.sent() + c.ackOnlySent());
            assertThat(server.counters().dropped() + client.counters().dropped()).isZero();
            assertThat(client.counters().sendErrors() + server.counters().sendErrors()).isZero();
        }
    }

    @Test
    void packetsForAnAnnouncedCallThatComeBeforeItOpensAreHandedToIt() throws Exception {
        // the server's first LCP packet can overtake the client's handling of the Outgoing-Call-Reply
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            client.expectCall(CLIENT_CALL.localCallId(), SERVER_ADDRESS);
            GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { });
            serverCall.send(Bytes.fromHex("c021010100040000"));
            serverCall.send(Bytes.fromHex("c021010200040000"));
            await(() -> client.counters().unknownCall() >= 2, "the early packets to reach the client");
            List<Bytes> atClient = Collections.synchronizedList(new ArrayList<>());
            client.openCall(CLIENT_CALL, SERVER_ADDRESS, atClient::add);
            await(() -> atClient.size() == 2, "both early packets delivered when the call opens");
            assertThat(atClient).containsExactly(Bytes.fromHex("c021010100040000"), Bytes.fromHex("c021010200040000"));
            // an unannounced Call ID is still dropped
            GreCall other = server.openCall(GreCallConfig.of(202, 102, 64, 64), CLIENT_ADDRESS, f -> { });
            other.send(Bytes.fromHex("c021010300040000"));
            await(() -> client.counters().unknownCall() >= 3, "the stray packet to reach the client");
            List<Bytes> late = Collections.synchronizedList(new ArrayList<>());
            client.openCall(GreCallConfig.of(102, 202, 64, 64), SERVER_ADDRESS, late::add);
            Thread.sleep(200);
            assertThat(late).isEmpty();
        }
    }

    @Test
    void silentSideSendsAckOnlyPackets() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { });
            GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);

            sendFrames(clientCall, 'C', 200);

            await(() -> atServer.size() >= 200 && clientCall.counters().inFlight() == 0,
                    "200 frames delivered and acknowledged");
            await(() -> clientCall.counters().ackOnlyReceived() == serverCall.counters().ackOnlySent(),
                    "the last acknowledgment-only packet to arrive");
            GreCallCounters s = serverCall.counters();
            GreCallCounters c = clientCall.counters();
            assertThat(atServer).isEqualTo(frames('C', 200));
            assertThat(s.sent()).isZero();
            assertThat(s.ackOnlySent()).isPositive().isEqualTo(s.acksSent());
            assertThat(c.ackOnlyReceived()).isEqualTo(s.ackOnlySent());
            assertThat(c.ackTimeouts()).isZero();
            assertThat(server.counters().sent()).isEqualTo(s.ackOnlySent());
        }
    }

    @Test
    void callsWithDifferentCallIdsAreKeptApart() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServerA = Collections.synchronizedList(new ArrayList<>());
            List<Bytes> atServerB = Collections.synchronizedList(new ArrayList<>());
            List<Bytes> atClientA = Collections.synchronizedList(new ArrayList<>());
            List<Bytes> atClientB = Collections.synchronizedList(new ArrayList<>());
            GreCall clientA = client.openCall(CLIENT_CALL, SERVER_ADDRESS, atClientA::add);
            GreCall clientB = client.openCall(GreCallConfig.of(101, 201, 64, 64), SERVER_ADDRESS, atClientB::add);
            GreCall serverA = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServerA::add);
            GreCall serverB = server.openCall(GreCallConfig.of(201, 101, 64, 64), CLIENT_ADDRESS, atServerB::add);

            for (int i = 0; i < 20; i++) {
                clientA.send(frame('A', i));
                clientB.send(frame('B', i));
                serverA.send(frame('a', i));
                serverB.send(frame('b', i));
            }

            await(() -> atServerA.size() + atServerB.size() + atClientA.size() + atClientB.size() >= 80,
                    "20 frames on each call each way");
            assertThat(atServerA).isEqualTo(frames('A', 20));
            assertThat(atServerB).isEqualTo(frames('B', 20));
            assertThat(atClientA).isEqualTo(frames('a', 20));
            assertThat(atClientB).isEqualTo(frames('b', 20));
            assertThat(server.calls()).containsExactly(serverA, serverB);
            assertThat(server.call(201, CLIENT_ADDRESS)).contains(serverB);
            assertThat(server.counters().dropped()).isZero();
        }
    }

    @Test
    void unknownCallIdIsDroppedAndCounted() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);

            assertThat(client.send(GrePacket.data(4711, 0, frame('?', 0)), SERVER_ADDRESS)).isEmpty();
            assertThat(client.send(GrePacket.data(200, 0, frame('C', 0)), SERVER_ADDRESS)).isEmpty();

            await(() -> atServer.size() == 1, "the packet for call 200");
            assertThat(atServer).containsExactly(frame('C', 0));
            assertThat(server.counters().unknownCall()).isEqualTo(1);
            assertThat(server.counters().received()).isEqualTo(2);
            assertThat(serverCall.counters().received()).isEqualTo(1);
        }
    }

    @Test
    void packetWithTheRightCallIdFromTheWrongAddressIsDropped() throws Exception {
        Inet4Address impostor = TwoHosts.address(192, 0, 2, 11);
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.client().addAddress(hosts.clientInterface(), impostor, TwoHosts.PREFIX_LENGTH);
            try (GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                    GreTransport other = hosts.inClient(() -> GreTransport.open(impostor));
                    GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
                List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
                GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);
                GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { });

                // Call ID 200 and sequence number 0, as the real client's first packet: from 192.0.2.11
                assertThat(other.send(GrePacket.data(200, 0, frame('X', 0)), SERVER_ADDRESS)).isEmpty();
                await(() -> server.counters().wrongPeer() == 1, "the impostor's packet to be dropped");
                clientCall.send(frame('C', 0));

                await(() -> atServer.size() == 1, "the real client's frame");
                assertThat(atServer).containsExactly(frame('C', 0));
                assertThat(serverCall.counters().received()).isEqualTo(1);
                assertThat(server.counters().routed()).isEqualTo(1);
            }
        }
    }

    @Test
    void malformedGreIsCountedAndTheLoopGoesOn() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { });

            Bytes payload = frame('0', 0);
            GreHeader versionZero = new GreHeader(false, 0, 0, 0, GreHeader.PROTOCOL_PPP, payload.length(), 200,
                    OptionalLong.of(0), OptionalLong.empty());
            assertThat(client.send(new GrePacket(versionZero, payload), SERVER_ADDRESS)).isEmpty();
            byte[] garbage = Bytes.fromHex("deadbeef0badf00d").toArray();
            client.socket().sendTo(garbage, 0, garbage.length, SERVER_ADDRESS);
            byte[] empty = new byte[0];
            client.socket().sendTo(empty, 0, 0, SERVER_ADDRESS);
            await(() -> server.counters().malformed() == 3, "three malformed datagrams");

            for (int i = 0; i < 5; i++) {
                clientCall.send(frame('C', i));
            }
            await(() -> atServer.size() == 5, "the valid frames after the malformed ones");
            assertThat(atServer).isEqualTo(frames('C', 5));
            assertThat(server.counters().routed()).isEqualTo(5);
            assertThat(server.counters().callFailures()).isZero();
        }
    }

    @Test
    void floodOfUnknownCallIdsDoesNotStopValidTraffic() throws Exception {
        int flood = 10_000;
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { });

            Bytes junk = frame('J', 0);
            for (int i = 0; i < flood; i++) {
                client.send(GrePacket.data(1000 + i, i, junk), SERVER_ADDRESS);
            }
            // the kernel drops part of a flood on the way (a full socket buffer, answered with ICMP
            // Protocol Unreachable, or the backlog): wait until the arrivals stop
            awaitStable(() -> server.counters().received(), "the flood to be drained");

            for (int i = 0; i < 20; i++) {
                clientCall.send(frame('C', i));
            }
            await(() -> atServer.size() == 20, "the valid frames after the flood");
            assertThat(atServer).isEqualTo(frames('C', 20));
            GreTransportCounters s = server.counters();
            assertThat(client.counters().sent() + client.counters().sendErrors()).isEqualTo(flood + 20);
            assertThat(s.unknownCall()).isPositive().isLessThanOrEqualTo(flood);
            assertThat(s.routed()).isEqualTo(20 + serverCall.counters().ackOnlyReceived());
            assertThat(s.received()).isEqualTo(s.routed() + s.malformed() + s.unknownCall() + s.wrongPeer());
        }
    }

    @Test
    void icmpErrorIsCountedAndTheLoopGoesOn() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS))) {
            List<Bytes> atClient = Collections.synchronizedList(new ArrayList<>());
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, atClient::add);
            // no GRE socket on the server yet: its kernel answers ICMP Protocol Unreachable
            clientCall.send(frame('C', 0));
            await(() -> client.counters().receiveErrors() == 1, "the ICMP error to reach the receive loop");
            assertThat(client.lastReceiveError()).hasValueSatisfying(e -> assertThat(e)
                    .hasMessage("recvmmsg: Protocol not available (ENOPROTOOPT, errno 92)"));

            try (GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
                GreCall serverCall = server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { });
                serverCall.send(frame('S', 0));
                await(() -> atClient.size() == 1, "the server's frame");
                assertThat(atClient).containsExactly(frame('S', 0));
            }
        }
    }

    @Test
    void messageTooLongReachesTheMtuListener() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);
            List<GreAction.MtuProblem> problems = Collections.synchronizedList(new ArrayList<>());
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { }, problems::add);
            client.setPathMtuDiscovery(PathMtuDiscovery.DO);

            // veth MTU 1500: 20 (IPv4) + 12 (GRE) + 1469 is one too many
            clientCall.send(Bytes.of(new byte[1469]));
            clientCall.send(frame('C', 1));

            assertThat(problems).containsExactly(new GreAction.MtuProblem(1481, 1469));
            assertThat(clientCall.counters().sendFailures()).isEqualTo(1);
            assertThat(client.counters().sendMessageTooLong()).isEqualTo(1);
            // the sequence number of the refused packet is spent: the server starts at 1
            await(() -> atServer.size() == 1, "the frame after the refused one");
            assertThat(atServer).containsExactly(frame('C', 1));
        }
    }

    @Test
    void aBatchedFrameTooLongForIpIsReportedAndTheOthersGo() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS));
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            List<Bytes> atServer = Collections.synchronizedList(new ArrayList<>());
            server.openCall(SERVER_CALL, CLIENT_ADDRESS, atServer::add);
            List<GreAction.MtuProblem> problems = Collections.synchronizedList(new ArrayList<>());
            GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { }, problems::add);
            // a batch of three: the middle one with its 12-octet GRE header is 65,536 octets, one more than IPv4 holds
            int head = io.pptp4j.gre.GreHeader.MAX_HEADER_LENGTH;
            Bytes first = frame('C', 1);
            Bytes last = frame('C', 3);
            byte[][] bufs = {new byte[head + first.length()], new byte[head + 65_524], new byte[head + last.length()]};
            first.copyTo(bufs[0], head);
            last.copyTo(bufs[2], head);
            clientCall.sendInPlace(bufs, new int[] {head, head, head}, new int[] {first.length(), 65_524, last.length()}, 3);

            assertThat(problems).containsExactly(new GreAction.MtuProblem(65_536, 65_524));
            assertThat(client.counters().sendMessageTooLong()).isEqualTo(1);
            await(() -> atServer.size() == 2, "the frames before and after the refused one");
            assertThat(atServer).containsExactly(first, last);
        }
    }

    @Test
    void fullDeviceQueueIsReportedToTheCall() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            String dev = hosts.clientInterface();
            // a queue that holds nothing, and a neighbour entry so that no ARP request is needed
            hosts.client().exec("tc", "qdisc", "add", "dev", dev, "root", "pfifo", "limit", "0");
            hosts.client().ip("neigh", "replace", SERVER_ADDRESS.getHostAddress(), "lladdr", "02:00:00:00:00:02",
                    "dev", dev, "nud", "permanent");
            try (GreTransport client = hosts.inClient(() -> GreTransport.open(CLIENT_ADDRESS))) {
                GreCall clientCall = client.openCall(CLIENT_CALL, SERVER_ADDRESS, f -> { });

                assertThat(clientCall.send(frame('C', 0))).isTrue();
                assertThat(clientCall.send(frame('C', 1))).isTrue();

                assertThat(client.counters().sendNoBufferSpace()).isEqualTo(2);
                assertThat(clientCall.counters().sendFailures()).isEqualTo(2);
                assertThat(clientCall.counters().sent()).isEqualTo(2);
                assertThat(client.send(GrePacket.ackOnly(200, 0), SERVER_ADDRESS))
                        .contains(SendFailure.NO_BUFFER_SPACE);
            }
        }
    }

    @Test
    void closeStopsTheThreadsClosesTheSocketAndTheCalls() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS));
            GreCall call = server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { });
            call.send(frame('S', 0)); // arms the call's acknowledgment time-out on the timer thread
            List<Thread> threads = server.threads();
            assertThat(threads).hasSize(2).allMatch(Thread::isAlive);

            server.close();

            // close waits for them; a bounded join more shows it if it did not
            for (Thread t : threads) {
                t.join(WAIT);
            }
            assertThat(threads).noneMatch(Thread::isAlive);
            assertThat(server.socket().isOpen()).isFalse();
            assertThat(server.isOpen()).isFalse();
            assertThat(call.isOpen()).isFalse();
            assertThat(call.send(frame('S', 1))).isFalse();
            assertThat(server.calls()).isEmpty();
            server.close();
            assertThatThrownBy(() -> server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("GRE transport on 192.0.2.2 is closed");
            assertThat(server.send(GrePacket.ackOnly(100, 0), CLIENT_ADDRESS)).contains(SendFailure.OTHER);
        }
    }

    @Test
    void closingACallLetsItsCallIdBeOpenedAgain() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                GreTransport server = hosts.inServer(() -> GreTransport.open(SERVER_ADDRESS))) {
            GreCall first = server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { });
            assertThatThrownBy(() -> server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Call ID 200 from 192.0.2.1 is already registered");

            first.close();
            GreCall second = server.openCall(SERVER_CALL, CLIENT_ADDRESS, f -> { });
            first.close(); // late and again: must not unregister its successor

            assertThat(server.call(200, CLIENT_ADDRESS)).contains(second);
        }
    }

    @Test
    void openFailsForAnAddressNotInTheNamespace() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            assertThatThrownBy(() -> hosts.inServer(() -> GreTransport.open(CLIENT_ADDRESS)))
                    .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.is(Errno.EADDRNOTAVAIL)).isTrue())
                    .hasMessage("bind(192.0.2.1): Cannot assign requested address (EADDRNOTAVAIL, errno 99)");
        }
    }

    /**
     * What the transport relies on: a thread started by a thread that entered a namespace with setns
     * starts in that namespace (clone(2) without CLONE_NEWNET shares the creator's), not in the
     * process's first one, and the transport's threads outlive the thread that opened it.
     */
    @Test
    void threadsStartedInANamespaceRunThere() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            Path here = Path.of("/proc/thread-self/ns/net");
            String outside = Files.readSymbolicLink(here).toString();
            AtomicReference<String> child = new AtomicReference<>();
            String inside = hosts.inServer(() -> {
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        child.set(Files.readSymbolicLink(here).toString());
                    } catch (IOException e) {
                        child.set(e.toString());
                    }
                });
                t.join(WAIT);
                return Files.readSymbolicLink(here).toString();
            });

            assertThat(inside).startsWith("net:[").isNotEqualTo(outside);
            assertThat(child.get()).isEqualTo(inside);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertCallCounters(GreCallCounters sender, GreCallCounters receiver) {
        assertThat(sender.sent()).isEqualTo(200);
        assertThat(receiver.received()).isEqualTo(200);
        assertThat(receiver.delivered()).isEqualTo(200);
        assertThat(receiver.lost() + receiver.duplicates() + receiver.late() + receiver.outOfWindow()).isZero();
        assertThat(sender.queuedDrops() + sender.sendFailures() + sender.ackTimeouts()).isZero();
        assertThat(sender.acksSent()).isPositive();
    }

    private static void sendFrames(GreCall call, char tag, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(call.send(frame(tag, i))).isTrue();
        }
    }

    /** Waits (bounded) until {@code value} has not changed for 200 ms. */
    private static void awaitStable(LongSupplier value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long last = value.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < Duration.ofMillis(200).toNanos()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
            long now = value.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
    }
}
