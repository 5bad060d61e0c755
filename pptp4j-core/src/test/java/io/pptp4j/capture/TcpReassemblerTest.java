package io.pptp4j.capture;

import io.pptp4j.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.pptp4j.capture.TcpSegments.text;
import static org.assertj.core.api.Assertions.assertThat;

class TcpReassemblerTest {
    private static final int PSH = Dissection.TCP_PSH;
    private static final int FIN = Dissection.TCP_FIN;
    private static final int RST = Dissection.TCP_RST;

    private static StreamRecorder reassemble(String capture, TcpReassembler reassembler) {
        StreamRecorder recorder = new StreamRecorder();
        Dissection d = new Dissection();
        for (Captures.Frame f : Captures.decode(capture)) {
            PacketDissector.dissect(f.number(), f.timestampNanos(), f.linkType(), f.data(), 0, f.data().length,
                    f.originalLength(), d);
            reassembler.segment(d, recorder);
        }
        reassembler.finish(recorder);
        return recorder;
    }

    @Test
    void putsTheWindowsNtControlConnectionBackInOrderWithoutItsDuplicates() {
        // tcpdump-pptp-nt-moretonbay.pcap: frames 3, 9, 14 and 20 are captured twice
        TcpReassembler reassembler = new TcpReassembler();
        StreamRecorder r = reassemble(Captures.NT_MORETONBAY, reassembler);

        assertThat(r.connections).hasSize(1);
        TcpConnection c = r.connections.getFirst();
        assertThat(c.key().toString()).isEqualTo("10.1.1.11:3025 <-> 10.1.1.10:1723");
        assertThat(c.clientToServer().toString()).isEqualTo("10.1.1.11:3025 -> 10.1.1.10:1723");
        assertThat(c.clientToServer().synSeen()).isTrue();
        byte[] client = r.bytesOf(c.clientToServer());
        byte[] server = r.bytesOf(c.serverToClient());
        // SCCRQ (156 bytes), OCRQ (168), SLI (24): the Length fields where each message starts
        assertThat(client).hasSize(156 + 168 + 24);
        assertThat(Hex.of(client, 0, 8)).isEqualTo("009c00011a2b3c4d");
        ByteBuffer b = ByteBuffer.wrap(client);
        assertThat(List.of(b.getShort(0), b.getShort(156), b.getShort(324))).containsExactly((short) 156, (short) 168, (short) 24);
        assertThat(server).hasSize(156 + 32);
        assertThat(r.events).containsExactly(
                "opened 1 10.1.1.11:3025 <-> 10.1.1.10:1723 @1",
                "1 c>s data 156 @5",
                "1 s>c data 156 @8",
                "1 c>s data 168 @10",
                "1 s>c data 32 @13",
                "1 c>s data 24 @15",
                "1 s>c end @19",
                "1 c>s end @21",
                "closed 1 FIN @21");
        assertThat(reassembler.duplicateSegments()).isEqualTo(4); // 9 and 14 (data again), 22 and 23 (after the close)
        assertThat(reassembler.gaps()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcpdump-pptp-nt-moretonbay", "chapcrack-pptplinux-pptpd-session", "pptpcrack-windows-rras-session"})
    void givesEveryConnectionTheBytesItsSegmentsCover(String name) throws Exception {
        // tshark/coverage.py: a byte map of each side's segments, the first capture of each byte winning
        List<String> expected = new ArrayList<>();
        for (String line : Captures.resourceLines("tshark/" + name + ".coverage.tsv")) {
            String[] f = line.split("\t");
            expected.add(side(f[0], f[1], f[2]) + " | " + side(f[3], f[4], f[5]));
        }

        assertThat(normalized(streams(name))).containsExactlyInAnyOrderElementsOf(normalized(expected));
    }

    /**
     * tshark's Follow TCP Stream agrees wherever the capture has no hole. Where it has, tshark starts a
     * side at a data-less segment's sequence number and then shows nothing after the hole, or writes a
     * "[1 bytes missing in capture file]" marker into the raw bytes, or follows retransmissions sent
     * after a RST: those connections are left out here (givesEveryConnectionTheBytesItsSegmentsCover
     * checks them).
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcpdump-pptp-nt-moretonbay", "chapcrack-pptplinux-pptpd-session", "pptpcrack-windows-rras-session"})
    void givesTheSameStreamsAsTsharkFollowWhereTheCaptureHasNoHoles(String name) throws Exception {
        // tshark/follow-all.py: every TCP stream tshark follows, with each side's byte count and SHA-256
        List<String> holes = List.of(":51259 ", ":51388 ", ":51416 ", ":51443 ", ":51480 ", ":51481 ", ":51494 ",
                ":51566 ", ":62468 ");
        List<String> expected = new ArrayList<>();
        for (String line : Captures.resourceLines("tshark/" + name + ".streams.tsv")) {
            String[] f = line.split("\t");
            if (!f[2].equals("0") || !f[5].equals("0")) {
                expected.add(side(f[1], f[2], f[3]) + " | " + side(f[4], f[5], f[6]));
            }
        }
        List<String> actual = streams(name);
        expected = expected.stream().filter(c -> holes.stream().noneMatch(c::contains)).toList();
        actual = actual.stream().filter(c -> holes.stream().noneMatch(c::contains)).toList();

        assertThat(normalized(actual)).containsExactlyInAnyOrderElementsOf(normalized(expected)).hasSizeGreaterThan(0);
    }

    /** Each connection with data as {@code endpoint bytes sha256 | endpoint bytes sha256}, client first. */
    private static List<String> streams(String name) throws Exception {
        StreamRecorder r = reassemble(name + ".pcap", new TcpReassembler());
        List<String> actual = new ArrayList<>();
        for (TcpConnection c : r.connections) {
            byte[] client = r.bytesOf(c.clientToServer());
            byte[] server = r.bytesOf(c.serverToClient());
            if (client.length + server.length > 0) {
                actual.add(side(c.key().clientEndpoint(), Integer.toString(client.length), sha256(client))
                        + " | " + side(c.key().serverEndpoint(), Integer.toString(server.length), sha256(server)));
            }
        }
        return actual;
    }

    @Test
    void givesThePptpLinuxControlConnectionAsTsharkFollowsIt() {
        // tshark -r chapcrack-pptplinux-pptpd-session.pcap -q -z follow,tcp,raw,0
        String[] expected = Captures.resourceLines("tshark/chapcrack-pptplinux-pptpd-session.stream0.tsv").getFirst().split("\t");
        StreamRecorder r = reassemble(Captures.PPTPLINUX_PPTPD, new TcpReassembler());
        TcpConnection c = r.connections.stream().filter(x -> x.key().serverPort() == 1723).findFirst().orElseThrow();

        assertThat(c.key().clientEndpoint()).isEqualTo(expected[0]);
        assertThat(c.key().serverEndpoint()).isEqualTo(expected[1]);
        assertThat(HexFormat.of().formatHex(r.bytesOf(c.clientToServer()))).isEqualTo(expected[2]);
        assertThat(HexFormat.of().formatHex(r.bytesOf(c.serverToClient()))).isEqualTo(expected[3]);
    }

    private static String side(String endpoint, String length, String sha) { return endpoint + " " + length + " " + sha; }

    /** Each connection's two sides in a fixed order, for tshark does not say which is the client. */
    private static List<String> normalized(List<String> connections) {
        return connections.stream().map(s -> {
            String[] sides = s.split(" \\| ");
            return sides[0].compareTo(sides[1]) <= 0 ? sides[0] + " | " + sides[1] : sides[1] + " | " + sides[0];
        }).toList();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    // ---------------------------------------------------------------- synthetic

    @Test
    void holdsOutOfOrderSegmentsUntilTheHoleFills() {
        TcpSegments t = new TcpSegments()
                .syn(true, 1000)
                .send(true, 1011, PSH, text(" world"))
                .send(true, 1017, PSH, text("!"))
                .send(true, 1001, PSH, text("hello"))
                .send(true, 1006, PSH, text(", the"));

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("hello, the world!");
        assertThat(t.recorder.events).containsExactly(
                "opened 1 192.0.2.1:40000 <-> 192.0.2.2:1723 @1",
                "1 c>s data 5 @4",
                "1 c>s data 5 @5",
                "1 c>s data 6 @2",
                "1 c>s data 1 @3");
        assertThat(t.reassembler.outOfOrderSegments()).isEqualTo(2);
    }

    @Test
    void trimsOverlappingSegments() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0)
                .send(true, 1, PSH, text("abcdef"))
                .send(true, 4, PSH, text("defghi"))     // overlaps 3 bytes already delivered
                .send(true, 12, PSH, text("lmnop"))     // ahead
                .send(true, 9, PSH, text("ijklm"))      // fills the hole, overlaps both sides
                .send(true, 2, PSH, text("bcdefghijklmnopq"));

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghijklmnopq");
        assertThat(t.recorder.events).containsExactly(
                "opened 1 192.0.2.1:40000 <-> 192.0.2.2:1723 @1",
                "1 c>s data 6 @2",
                "1 c>s data 3 @3",
                "1 c>s data 4 @5",
                "1 c>s data 3 @4",
                "1 c>s data 1 @6");
    }

    @Test
    void dropsRetransmissions() {
        TcpSegments t = new TcpSegments()
                .syn(true, 500).syn(true, 500)
                .send(true, 501, PSH, text("one"))
                .send(true, 501, PSH, text("one"))
                .send(true, 504, PSH, text("two"))
                .send(true, 501, PSH, text("onetwo"));

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("onetwo");
        assertThat(t.reassembler.duplicateSegments()).isEqualTo(2);
        assertThat(t.recorder.connections).hasSize(1);
    }

    @Test
    void wrapsSequenceNumbersAround2To32() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0xFFFF_FFFAL)
                .send(true, 0xFFFF_FFFBL, PSH, text("abcd"))
                .send(true, 0x0000_0001L, PSH, text("ghij"))      // after the wrap, before its turn
                .send(true, 0xFFFF_FFFFL, PSH, text("efgh"))      // crosses 2^32, overlaps "g"
                .send(true, 0xFFFF_FFFDL, PSH, text("cd"));       // old

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdefghij");
        assertThat(t.reassembler.duplicateSegments()).isEqualTo(1);
    }

    @Test
    void givesUpOnAHoleWhenItsBufferIsFull() {
        TcpSegments t = new TcpSegments(new TcpReassembler(10, 8, TcpReassembler.DEFAULT_SERVICE_PORT))
                .syn(true, 0)
                .send(true, 1, PSH, text("aaaa"))
                .send(true, 9, PSH, text("cccc"))     // 4 missing bytes before it; 4 buffered
                .send(true, 13, PSH, text("dddd"))    // 8 buffered
                .send(true, 17, PSH, text("eeee"))    // 12 > 8: the hole is given up on
                .send(true, 5, PSH, text("bbbb"));    // too late

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("aaaaccccddddeeee");
        assertThat(t.recorder.events).containsSubsequence("1 c>s data 4 @2", "1 c>s gap 4 @5", "1 c>s data 4 @3",
                "1 c>s data 4 @4", "1 c>s data 4 @5");
        assertThat(t.connection().clientToServer().gapBytes()).isEqualTo(4);
        assertThat(t.reassembler.duplicateSegments()).isEqualTo(1);
    }

    @Test
    void reportsTheHoleLeftWhenBothSidesFinish() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0).syn(false, 9000)
                .send(true, 1, PSH, text("abc"))
                .send(true, 10, PSH | FIN, text("jkl"))  // 6 bytes never captured
                .send(false, 9001, FIN, new byte[0]);

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcjkl");
        assertThat(t.recorder.events).containsExactly(
                "opened 1 192.0.2.1:40000 <-> 192.0.2.2:1723 @1",
                "1 c>s data 3 @3",
                "2 end".isEmpty() ? "" : "1 s>c end @5",
                "1 c>s gap 6 @5",
                "1 c>s data 3 @4",
                "closed 1 FIN @5");
        assertThat(t.connection().closeReason()).isEqualTo(TcpCloseReason.FIN);
    }

    @Test
    void closesOnResetAndDropsWhatFollows() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0)
                .send(true, 1, PSH, text("abc"))
                .send(false, 77, RST, new byte[0])
                .send(true, 4, PSH, text("def"));

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(t.recorder.events).endsWith("closed 1 RST @3");
        assertThat(t.recorder.connections).hasSize(1);
        assertThat(t.reassembler.duplicateSegments()).isEqualTo(1);
    }

    @Test
    void startsFromTheFirstSegmentWhenTheHandshakeWasNotCaptured() {
        TcpSegments t = new TcpSegments();
        t.send(false, 123_456, PSH, text("server first"))   // from port 1723: the sender is the server
                .send(true, 777, PSH, text("client"))
                .send(false, 123_456 + 12, PSH, text("!"));

        TcpConnection c = t.connection();
        assertThat(c.key().serverPort()).isEqualTo(1723);
        assertThat(c.clientToServer().synSeen()).isFalse();
        assertThat(new String(t.serverBytes(), StandardCharsets.US_ASCII)).isEqualTo("server first!");
        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("client");
    }

    @Test
    void takesTheLowerPortForTheServerWhenNeitherIsAServicePort() {
        TcpSegments t = new TcpSegments();
        t.clientPort = 50000;
        t.serverPort = 8080;
        t.send(false, 1, PSH, text("x"));

        assertThat(t.connection().key().serverPort()).isEqualTo(8080);
        assertThat(t.connection().key().clientPort()).isEqualTo(50000);
    }

    @Test
    void ignoresBareAcksOfConnectionsItDoesNotFollow() {
        TcpSegments t = new TcpSegments().send(true, 5, 0, new byte[0]).send(true, 5, FIN, new byte[0]);

        assertThat(t.recorder.connections).isEmpty();
        assertThat(t.reassembler.connections()).isZero();
    }

    @Test
    void reportsBytesTheSnapLengthCutAsAGap() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0)
                .send(true, 1, PSH, text("0123456789"), 20 + 20 + 4)
                .send(true, 11, PSH, text("abc"));

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123abc");
        assertThat(t.recorder.events).containsSubsequence("1 c>s data 4 @2", "1 c>s gap 6 @2", "1 c>s data 3 @3");
    }

    @Test
    void evictsTheConnectionIdleLongest() {
        TcpSegments t = new TcpSegments(new TcpReassembler(2, 1024, TcpReassembler.DEFAULT_SERVICE_PORT));
        t.clientPort = 1;
        t.syn(true, 0).send(true, 1, PSH, text("a"));
        t.clientPort = 2;
        t.syn(true, 0).send(true, 1, PSH, text("b"));
        t.clientPort = 1;
        t.send(true, 2, PSH, text("c"));                 // connection 1 is the more recent now
        t.clientPort = 3;
        t.syn(true, 0);                                  // a third: connection 2 goes

        assertThat(t.recorder.events).containsSubsequence("closed 2 EVICTED @6", "opened 3 192.0.2.1:3 <-> 192.0.2.2:1723 @6");
        assertThat(t.reassembler.connections()).isEqualTo(2);
        assertThat(t.reassembler.evictions()).isEqualTo(1);
        t.finish();
        assertThat(t.recorder.events).containsSubsequence("closed 1 END_OF_CAPTURE @6", "closed 3 END_OF_CAPTURE @6");
    }

    @Test
    void startsAnotherConnectionOnANewSynForTheSamePorts() {
        TcpSegments t = new TcpSegments()
                .syn(true, 100).send(true, 101, PSH, text("first"))
                .syn(true, 5000).send(true, 5001, PSH, text("second"));

        assertThat(t.recorder.connections).hasSize(2);
        assertThat(t.recorder.events).contains("closed 1 REUSED @3");
        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("second");
    }

    @Test
    void deliversWhatWaitsBehindAHoleAtTheEndOfTheCapture() {
        TcpSegments t = new TcpSegments()
                .syn(true, 0)
                .send(true, 1, PSH, text("ab"))
                .send(true, 6, PSH, text("fg"))
                .finish();

        assertThat(new String(t.clientBytes(), StandardCharsets.US_ASCII)).isEqualTo("abfg");
        assertThat(t.recorder.events).containsSubsequence("1 c>s gap 3 @3", "1 c>s data 2 @3", "closed 1 END_OF_CAPTURE @3");
    }

    @Test
    void keepsWhatTheConsumerAttachesToAStream() {
        TcpSegments t = new TcpSegments().syn(true, 0).send(true, 1, PSH, text("x"));
        TcpStream s = t.connection().clientToServer();
        s.attach("framer");

        assertThat(s.<String>attachment()).isEqualTo("framer");
        assertThat(s.reverse().<String>attachment()).isNull();
        assertThat(s.id()).isEqualTo(2);
        assertThat(s.reverse().id()).isEqualTo(3);
        assertThat(s.reverse().reverse()).isSameAs(s);
    }

    @Test
    void followsIpv6Connections() {
        TcpReassembler reassembler = new TcpReassembler();
        StreamRecorder r = new StreamRecorder();
        Dissection d = new Dissection();
        byte[] p1 = Packets.ipv6("2001:db8::1", "2001:db8::2", 6, Packets.tcp(4000, 1723, 10, 0, Dissection.TCP_SYN, new byte[0]));
        byte[] p2 = Packets.ipv6("2001:db8::1", "2001:db8::2", 6, Packets.tcp(4000, 1723, 11, 0, PSH, text("v6")));
        reassembler.segment(PacketDissector.dissect(1, 0, 229, p1, 0, p1.length, p1.length, d), r);
        reassembler.segment(PacketDissector.dissect(2, 0, 229, p2, 0, p2.length, p2.length, d), r);

        TcpConnection c = r.connections.getFirst();
        assertThat(c.key().toString()).isEqualTo("[2001:db8::1]:4000 <-> [2001:db8::2]:1723");
        assertThat(r.bytesOf(c.clientToServer())).isEqualTo(text("v6"));
    }
}
