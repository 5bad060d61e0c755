package io.pptp4j.linux.net;

import static io.pptp4j.linux.testing.TwoHosts.CLIENT_ADDRESS;
import static io.pptp4j.linux.testing.TwoHosts.SERVER_ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.gre.GreCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Raw GRE sockets in two network namespaces joined by a veth pair (root only, see RootRequired). */
class RawIpSocketTest {
    private static final int GRE = 47;
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(5);
    /** LCP Configure-Request with Magic-Number, behind address and control, as a PPTP peer sends it. */
    private static final Bytes LCP_CONFIGURE_REQUEST = Bytes.fromHex("ff03c0210101000a050612345678");

    @Test
    void greFromClientReachesServerAndBack() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            GrePacket request = GrePacket.data(0x4001, 0, LCP_CONFIGURE_REQUEST);
            assertThat(send(client, request, SERVER_ADDRESS)).isEqualTo(SendResult.SENT);
            assertThat(receiveGre(server, CLIENT_ADDRESS, SERVER_ADDRESS)).isEqualTo(request);

            GrePacket ack = GrePacket.ackOnly(0x8002, 0);
            assertThat(send(server, ack, CLIENT_ADDRESS)).isEqualTo(SendResult.SENT);
            assertThat(receiveGre(client, SERVER_ADDRESS, CLIENT_ADDRESS)).isEqualTo(ack);
        }
    }

    @Test
    void receiveBatchTakesSeveralDatagramsInOneCallWithTheirSourcesAndPayloads() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            int count = RawIpSocket.BATCH_SIZE + 4;
            for (int i = 0; i < count; i++) {
                // one large datagram among them, to show each slot holds a whole one
                Bytes payload = i == 3 ? Bytes.of(new byte[60_000]) : LCP_CONFIGURE_REQUEST;
                assertThat(send(client, GrePacket.data(0x4001, i, payload), SERVER_ADDRESS)).isEqualTo(SendResult.SENT);
            }
            byte[] buf = new byte[RawIpSocket.MAX_DATAGRAM_LENGTH];
            int[] source = new int[1];
            int seen = 0;
            for (int calls = 0; seen < count && calls < count; calls++) {
                int n = server.receiveBatch(RECEIVE_TIMEOUT.toNanos());
                assertThat(n).isBetween(1, RawIpSocket.BATCH_SIZE);
                for (int i = 0; i < n; i++, seen++) {
                    int length = server.batchPayload(i, buf, 0, buf.length, source);
                    GrePacket packet = GreCodec.decode(Arrays.copyOf(buf, length), DecodeMode.STRICT);
                    assertThat(packet.header().sequenceNumber()).hasValue(seen);
                    assertThat(packet.payload().length()).isEqualTo(seen == 3 ? 60_000 : LCP_CONFIGURE_REQUEST.length());
                    assertThat(server.sourceAddress(source[0])).isEqualTo(CLIENT_ADDRESS);
                }
            }
            assertThat(seen).isEqualTo(count);
            assertThat(server.receiveBatch(Duration.ofMillis(50).toNanos())).as("nothing more").isZero();
            assertThatThrownBy(() -> server.batchPayload(0, buf, 0, buf.length, source)).isInstanceOf(IndexOutOfBoundsException.class);
            // a datagram taken, then the socket closed (a consumer may close it): the batch's memory is gone,
            // and reading it says so instead of touching freed memory
            send(client, GrePacket.data(0x4001, 99, LCP_CONFIGURE_REQUEST), SERVER_ADDRESS);
            assertThat(server.receiveBatch(RECEIVE_TIMEOUT.toNanos())).isEqualTo(1);
            server.close();
            assertThatThrownBy(() -> server.batchPayload(0, buf, 0, buf.length, source))
                    .isInstanceOf(SocketClosedException.class)
                    .hasMessage("batchPayload: raw IPv4 socket (protocol 47) is closed");
        }
    }

    @Test
    void sendBatchSendsSeveralDatagramsInOrderInOneCall() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            int count = RawIpSocket.BATCH_SIZE;
            byte[][] bufs = new byte[count][];
            int[] offs = new int[count];
            int[] lens = new int[count];
            for (int i = 0; i < count; i++) {
                byte[] packet = GreCodec.encode(GrePacket.data(0x4001, i, i == 5 ? Bytes.of(new byte[1_800]) : LCP_CONFIGURE_REQUEST));
                bufs[i] = new byte[packet.length + 7]; // each at an offset of its own within its array
                offs[i] = i % 7;
                lens[i] = packet.length;
                System.arraycopy(packet, 0, bufs[i], offs[i], packet.length);
            }
            assertThat(client.sendBatch(bufs, offs, lens, count, SERVER_ADDRESS)).isEqualTo(count);
            for (int i = 0; i < count; i++) {
                GrePacket received = receiveGre(server, CLIENT_ADDRESS, SERVER_ADDRESS);
                assertThat(received.header().sequenceNumber()).hasValue(i);
                assertThat(received.payload().length()).isEqualTo(i == 5 ? 1_800 : LCP_CONFIGURE_REQUEST.length());
            }
            assertThatThrownBy(() -> client.sendBatch(bufs, offs, lens, count + 1, SERVER_ADDRESS))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void packetToAnAddressWithoutHostIsNotReceivedByTheServer() throws Exception {
        Inet4Address nobody = TwoHosts.address(192, 0, 2, 3);
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            GrePacket astray = GrePacket.data(0x0101, 1, Bytes.fromHex("ff03c0210901000a"));
            GrePacket marker = GrePacket.data(0x0202, 2, LCP_CONFIGURE_REQUEST);
            send(client, astray, nobody);
            send(client, marker, SERVER_ADDRESS);
            // the server's first GRE datagram is the marker, and none is left after it
            assertThat(receiveGre(server, CLIENT_ADDRESS, SERVER_ADDRESS)).isEqualTo(marker);
            assertThat(server.receive(new byte[2048], 0, 2048, Duration.ZERO)).isEmpty();

            GrePacket reply = GrePacket.ackOnly(0x0303, 2);
            send(server, reply, CLIENT_ADDRESS);
            // the client's raw socket does not see its own outgoing datagrams, only the reply
            assertThat(receiveGre(client, SERVER_ADDRESS, CLIENT_ADDRESS)).isEqualTo(reply);
        }
    }

    @Test
    void boundSocketReceivesOnlyDatagramsToItsAddress() throws Exception {
        Inet4Address second = TwoHosts.address(192, 0, 2, 22);
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.server().addAddress(hosts.serverInterface(), second, TwoHosts.PREFIX_LENGTH);
            try (RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                    RawIpSocket bound = hosts.inServer(() -> RawIpSocket.open(GRE));
                    RawIpSocket unbound = hosts.inServer(() -> RawIpSocket.open(GRE))) {
                bound.bind(SERVER_ADDRESS);
                GrePacket toSecond = GrePacket.data(1, 10, LCP_CONFIGURE_REQUEST);
                GrePacket toFirst = GrePacket.data(1, 11, LCP_CONFIGURE_REQUEST);
                send(client, toSecond, second);
                send(client, toFirst, SERVER_ADDRESS);

                assertThat(receiveGre(unbound, CLIENT_ADDRESS, second)).isEqualTo(toSecond);
                assertThat(receiveGre(unbound, CLIENT_ADDRESS, SERVER_ADDRESS)).isEqualTo(toFirst);
                assertThat(receiveGre(bound, CLIENT_ADDRESS, SERVER_ADDRESS)).isEqualTo(toFirst);
                assertThat(bound.receive(new byte[2048], 0, 2048, Duration.ZERO)).isEmpty();
            }
        }
    }

    @Test
    void boundSocketSendsFromItsAddress() throws Exception {
        Inet4Address second = TwoHosts.address(192, 0, 2, 11);
        try (TwoHosts hosts = TwoHosts.create()) {
            hosts.client().addAddress(hosts.clientInterface(), second, TwoHosts.PREFIX_LENGTH);
            try (RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                    RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
                client.bind(second);
                GrePacket packet = GrePacket.ackOnly(7, 70);
                send(client, packet, SERVER_ADDRESS);
                assertThat(receiveGre(server, second, SERVER_ADDRESS)).isEqualTo(packet);
            }
        }
    }

    @Test
    void copiesWhatFitsAndReportsTheFullPayloadLength() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            byte[] payload = pattern(100);
            client.sendTo(payload, 0, payload.length, SERVER_ADDRESS);
            byte[] buf = new byte[60];
            ReceivedDatagram d = server.receive(buf, 10, 40, RECEIVE_TIMEOUT).orElseThrow();
            assertThat(d.length()).isEqualTo(40);
            assertThat(d.payloadLength()).isEqualTo(100);
            assertThat(d.truncated()).isTrue();
            assertThat(Arrays.copyOfRange(buf, 10, 50)).isEqualTo(Arrays.copyOf(payload, 40));
            assertThat(Arrays.copyOf(buf, 10)).containsOnly(0);
        }
    }

    @Test
    void sendsFromTheMiddleOfABuffer() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            byte[] wire = GreCodec.encode(GrePacket.data(9, 99, LCP_CONFIGURE_REQUEST));
            byte[] framed = new byte[wire.length + 7];
            System.arraycopy(wire, 0, framed, 3, wire.length);
            client.sendTo(framed, 3, wire.length, SERVER_ADDRESS);
            byte[] buf = new byte[2048];
            ReceivedDatagram d = server.receive(buf, 0, buf.length, RECEIVE_TIMEOUT).orElseThrow();
            assertThat(Arrays.copyOf(buf, d.length())).isEqualTo(wire);
        }
    }

    @Test
    void fragmentedDatagramArrivesWhole() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            client.setPathMtuDiscovery(PathMtuDiscovery.DONT);
            byte[] payload = pattern(4000); // veth MTU 1500: three fragments
            assertThat(client.sendTo(payload, 0, payload.length, SERVER_ADDRESS)).isEqualTo(SendResult.SENT);
            byte[] buf = new byte[RawIpSocket.MAX_DATAGRAM_LENGTH];
            ReceivedDatagram d = server.receive(buf, 0, buf.length, RECEIVE_TIMEOUT).orElseThrow();
            assertThat(d.length()).isEqualTo(4000);
            assertThat(Arrays.copyOf(buf, 4000)).isEqualTo(payload);
        }
    }

    @Test
    void reportsDatagramOverTheMtuWithDontFragmentAsMessageTooLong() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            client.setPathMtuDiscovery(PathMtuDiscovery.DO);
            assertThat(client.pathMtuDiscovery()).isEqualTo(PathMtuDiscovery.DO);
            byte[] big = pattern(1481); // 1501 with the IPv4 header
            assertThat(client.sendTo(big, 0, big.length, SERVER_ADDRESS)).isEqualTo(SendResult.MESSAGE_TOO_LONG);
            byte[] fits = pattern(1480);
            assertThat(client.sendTo(fits, 0, fits.length, SERVER_ADDRESS)).isEqualTo(SendResult.SENT);
            byte[] buf = new byte[2048];
            assertThat(server.receive(buf, 0, buf.length, RECEIVE_TIMEOUT).orElseThrow().length()).isEqualTo(1480);
        }
    }

    @Test
    void reportsAFullDeviceQueueAsNoBufferSpace() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            String dev = hosts.clientInterface();
            // a queue that holds nothing, and a neighbour entry so that no ARP request is needed
            hosts.client().exec("tc", "qdisc", "add", "dev", dev, "root", "pfifo", "limit", "0");
            hosts.client().ip("neigh", "replace", SERVER_ADDRESS.getHostAddress(), "lladdr", "02:00:00:00:00:02",
                    "dev", dev, "nud", "permanent");
            try (RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE))) {
                byte[] wire = GreCodec.encode(GrePacket.ackOnly(1, 1));
                // raw_sendmsg hides ENOBUFS unless IP_RECVERR is set
                assertThat(client.sendTo(wire, 0, wire.length, SERVER_ADDRESS)).isEqualTo(SendResult.SENT);
                client.setIntOption(Libc.IPPROTO_IP, Libc.IP_RECVERR, 1);
                assertThat(client.sendTo(wire, 0, wire.length, SERVER_ADDRESS)).isEqualTo(SendResult.NO_BUFFER_SPACE);
                assertThat(client.sendTo(wire, 0, wire.length, SERVER_ADDRESS)).isEqualTo(SendResult.NO_BUFFER_SPACE);
            }
        }
    }

    @Test
    void icmpProtocolUnreachableReachesReceiveOnceWithRecvErr() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE))) {
            client.setIntOption(Libc.IPPROTO_IP, Libc.IP_RECVERR, 1);
            // no GRE socket on the server yet: its kernel answers ICMP Protocol Unreachable
            send(client, GrePacket.ackOnly(5, 5), SERVER_ADDRESS);
            byte[] buf = new byte[2048];
            assertThatThrownBy(() -> client.receive(buf, 0, buf.length, RECEIVE_TIMEOUT))
                    .isInstanceOfSatisfying(NativeException.class, e -> assertThat(e.is(Errno.ENOPROTOOPT)).isTrue())
                    .hasMessage("recvfrom: Protocol not available (ENOPROTOOPT, errno 92)");
            // reported once; the error queue entry does not keep the socket ready
            assertThat(client.receive(buf, 0, buf.length, Duration.ofMillis(100))).isEmpty();
            try (RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
                GrePacket reply = GrePacket.ackOnly(6, 6);
                send(server, reply, CLIENT_ADDRESS);
                assertThat(receiveGre(client, SERVER_ADDRESS, CLIENT_ADDRESS)).isEqualTo(reply);
            }
        }
    }

    @Test
    void icmpErrorsStayUnheardWithoutRecvErr() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE))) {
            send(client, GrePacket.ackOnly(5, 5), SERVER_ADDRESS);
            try (RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
                GrePacket reply = GrePacket.ackOnly(6, 6);
                send(server, reply, CLIENT_ADDRESS);
                assertThat(receiveGre(client, SERVER_ADDRESS, CLIENT_ADDRESS)).isEqualTo(reply);
            }
        }
    }

    @Test
    void receiveReturnsEmptyWhenNothingArrives() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE))) {
            byte[] buf = new byte[64];
            assertThat(server.receive(buf, 0, buf.length, Duration.ZERO)).isEmpty();
            assertThat(server.receive(buf, 0, buf.length, Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            RawIpSocket server = hosts.inServer(() -> RawIpSocket.open(GRE));
            FutureTask<Optional<ReceivedDatagram>> receiver =
                    new FutureTask<>(() -> server.receive(new byte[2048], 0, 2048, Duration.ofSeconds(60)));
            Thread thread = Thread.ofPlatform().name("receiver").start(receiver);
            // wait (bounded) until the receiver is in the poll downcall, so that close has to wake it
            for (int i = 0; i < 1000 && !inPoll(thread) && !receiver.isDone(); i++) {
                Thread.sleep(10);
            }
            assertThat(inPoll(thread)).isTrue();
            server.close();
            assertThatThrownBy(() -> receiver.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(SocketClosedException.class)
                    .hasMessage("receive: raw IPv4 socket (protocol 47) is closed");
            thread.join(Duration.ofSeconds(10));
            assertThat(thread.isAlive()).isFalse();
            assertThat(server.isOpen()).isFalse();
        }
    }

    @Test
    void refusesSendAndReceiveAfterClose() throws Exception {
        try (TwoHosts hosts = TwoHosts.create()) {
            RawIpSocket client = hosts.inClient(() -> RawIpSocket.open(GRE));
            client.close();
            client.close(); // idempotent
            byte[] buf = new byte[16];
            assertThatThrownBy(() -> client.sendTo(buf, 0, buf.length, SERVER_ADDRESS))
                    .isInstanceOf(SocketClosedException.class)
                    .hasMessage("sendTo: raw IPv4 socket (protocol 47) is closed");
            assertThatThrownBy(() -> client.receive(buf, 0, buf.length, Duration.ZERO))
                    .isInstanceOf(SocketClosedException.class)
                    .hasMessage("receive: raw IPv4 socket (protocol 47) is closed");
            assertThatThrownBy(() -> client.bind(CLIENT_ADDRESS))
                    .isInstanceOf(SocketClosedException.class)
                    .hasMessage("bind(192.0.2.1): raw IPv4 socket (protocol 47) is closed");
        }
    }

    @Test
    void setsAndReadsBufferSizes() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket s = hosts.inClient(() -> RawIpSocket.open(GRE))) {
            s.setReceiveBufferSize(65536);
            s.setSendBufferSize(32768);
            // socket(7): the kernel doubles the value for its bookkeeping
            assertThat(s.receiveBufferSize()).isEqualTo(131072);
            assertThat(s.sendBufferSize()).isEqualTo(65536);
            assertThat(s.protocol()).isEqualTo(GRE);
            assertThat(s.fd()).isNotNegative();
        }
    }

    @Test
    void rejectsBadArgumentsBeforeAnyCall() throws Exception {
        try (TwoHosts hosts = TwoHosts.create();
                RawIpSocket s = hosts.inClient(() -> RawIpSocket.open(GRE))) {
            byte[] buf = new byte[70000];
            assertThatThrownBy(() -> s.sendTo(buf, 0, 65536, SERVER_ADDRESS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a payload of 65536 bytes does not fit in an IPv4 datagram");
            assertThatThrownBy(() -> s.sendTo(buf, 69990, 20, SERVER_ADDRESS))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> s.receive(buf, 0, 10, Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("negative timeout PT-0.001S");
        }
    }

    private static boolean inPoll(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return stack.length > 0 && Arrays.stream(stack).limit(3)
                .anyMatch(e -> e.getClassName().equals(Libc.class.getName()) && e.getMethodName().equals("poll"));
    }

    private static SendResult send(RawIpSocket socket, GrePacket packet, Inet4Address destination) throws Exception {
        byte[] wire = GreCodec.encode(packet);
        return socket.sendTo(wire, 0, wire.length, destination);
    }

    private static GrePacket receiveGre(RawIpSocket socket, Inet4Address source, Inet4Address destination)
            throws Exception {
        byte[] buf = new byte[2048];
        ReceivedDatagram d = socket.receive(buf, 0, buf.length, RECEIVE_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no datagram within " + RECEIVE_TIMEOUT));
        assertThat(d.source()).isEqualTo(source);
        assertThat(d.destination()).isEqualTo(destination);
        assertThat(d.truncated()).isFalse();
        return GreCodec.decode(Arrays.copyOf(buf, d.length()), DecodeMode.STRICT);
    }

    private static byte[] pattern(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }
}
