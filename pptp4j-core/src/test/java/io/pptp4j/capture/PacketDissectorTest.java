package io.pptp4j.capture;

import io.pptp4j.wire.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pptp4j.capture.Packets.concat;
import static io.pptp4j.capture.Packets.dissect;
import static io.pptp4j.capture.Packets.ethernet;
import static io.pptp4j.capture.Packets.ipv4;
import static io.pptp4j.capture.Packets.ipv6;
import static io.pptp4j.capture.Packets.tcp;
import static io.pptp4j.capture.Packets.udp;
import static org.assertj.core.api.Assertions.assertThat;

class PacketDissectorTest {

    /**
     * Every frame of every capture, against what tshark makes of it (tshark/expected-dissections.py
     * wrote the expected lines: innermost addresses, protocol, ports, payload length).
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "chapcrack-mschapv2-only", "chapcrack-pptplinux-pptpd-session", "pptpcrack-windows-rras-session",
        "tcpdump-pptp-nt-moretonbay", "zeek-gre-pptp-dns"})
    void dissectsEveryFrameAsTsharkDoes(String name) {
        List<String> expected = Captures.resourceLines(
                "tshark/" + name + (name.startsWith("pptpcrack") ? ".tsv.gz" : ".tsv"));
        List<String> actual = new ArrayList<>();
        Dissection d = new Dissection();
        for (Captures.Frame f : Captures.decode(name + ".pcap")) {
            PacketDissector.dissect(f.number(), f.timestampNanos(), f.linkType(), f.data(), 0, f.data().length,
                    f.originalLength(), d);
            actual.add(line(d));
        }

        assertThat(actual).containsExactlyElementsOf(expected);
    }

    private static String line(Dissection d) {
        String n = Long.toString(d.frameNumber());
        return switch (d.status()) {
            case NOT_IP -> n + "\tNOT_IP";
            case COMPLETE, FRAGMENT -> String.join("\t", n, d.status().name(), Integer.toString(d.ipVersion()),
                    d.srcAddressString(), d.dstAddressString(), Integer.toString(d.ipProtocol()),
                    d.srcPort() < 0 ? "-" : Integer.toString(d.srcPort()), d.dstPort() < 0 ? "-" : Integer.toString(d.dstPort()),
                    Integer.toString(d.payloadLength()));
            default -> n + "\t" + d;
        };
    }

    @Test
    void findsTheInnermostIpv4AndItsGreThroughVlanAndIpv6() {
        // zeek-gre-pptp-dns.pcap frame 1: Ethernet / 802.1Q VLAN 100 / IPv6 / IPv4 / GRE v1 / PPP / IPv4 / UDP / DNS
        Captures.Frame f = Captures.decode(Captures.ZEEK_GRE).getFirst();
        Dissection d = dissect(f.linkType(), f.data());

        assertThat(d.status()).isEqualTo(DissectionStatus.COMPLETE);
        assertThat(d.vlanCount()).isEqualTo(1);
        assertThat(d.vlanId()).isEqualTo(100);
        assertThat(d.etherType()).isEqualTo(0x86DD);
        assertThat(d.ipHeaderCount()).isEqualTo(2);
        assertThat(d.ipVersion()).isEqualTo(4);
        assertThat(d.ipOffset()).isEqualTo(14 + 4 + 40);
        assertThat(d.srcAddressString()).isEqualTo("16.0.0.200");
        assertThat(d.dstAddressString()).isEqualTo("192.52.166.154");
        assertThat(d.srcIpv4()).isEqualTo(0x100000C8);
        assertThat(d.isGre()).isTrue();
        assertThat(d.payloadOffset()).isEqualTo(14 + 4 + 40 + 20);
        assertThat(d.payloadLength()).isEqualTo(119);
        // GRE v1 with key, sequence and acknowledgment, protocol PPP, payload length 103, call ID 6016
        assertThat(Hex.of(d.buffer(), d.payloadOffset(), d.payloadOffset() + 16)).isEqualTo("3081880b0067178000068fb100083a76");
    }

    @Test
    void readsTheTcpHeaderOfAWindowsNtSccrq() {
        // tcpdump-pptp-nt-moretonbay.pcap frame 5: 10.1.1.11.3025 > 10.1.1.10.1723 [P.] seq 3648253420 ack 2339250120, SCCRQ
        Captures.Frame f = Captures.decode(Captures.NT_MORETONBAY).get(4);
        Dissection d = dissect(f.linkType(), f.data());

        assertThat(d.isTcp()).isTrue();
        assertThat(d.tcpSequence()).isEqualTo(3648253420L);
        assertThat(d.tcpAcknowledgment()).isEqualTo(2339250120L);
        assertThat(d.tcpFlags()).isEqualTo(Dissection.TCP_PSH | Dissection.TCP_ACK);
        assertThat(d.tcpWindow()).isEqualTo(17520);
        assertThat(d.payloadLength()).isEqualTo(156);
        assertThat(d.payloadWireLength()).isEqualTo(156);
        assertThat(Hex.of(d.copyPayload(), 0, 8)).isEqualTo("009c00011a2b3c4d");
        assertThat(d.srcAddress().getHostAddress()).isEqualTo("10.1.1.11");
    }

    @Test
    void trimsEthernetPaddingToTheIpTotalLength() {
        // tcpdump-pptp-nt-moretonbay.pcap frame 23: a 60-byte frame around a 40-byte IPv4 ACK
        Captures.Frame f = Captures.decode(Captures.NT_MORETONBAY).get(22);
        Dissection d = dissect(f.linkType(), f.data());

        assertThat(f.data()).hasSize(60);
        assertThat(d.payloadLength()).isZero();
        assertThat(d.ipPayloadLength()).isEqualTo(20);

        byte[] padded = ethernet(0x0800, concat(ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, new byte[] {9})), new byte[20]));
        Dissection u = dissect(1, padded);
        assertThat(u.payloadLength()).isEqualTo(1);
        assertThat(u.buffer()[u.payloadOffset()]).isEqualTo((byte) 9);
    }

    @Test
    void stepsOverAnyNumberOfVlanTags() {
        byte[] ip = ipv4("192.0.2.1", "192.0.2.2", 47, new byte[] {0x30, 0x01, (byte) 0x88, 0x0B});
        byte[] packet = Packets.ethernetTagged(0x0800, ip, Packets.vlanTag(0x88A8, 0x2007), Packets.vlanTag(0x8100, 0x0064),
                Packets.vlanTag(0x8100, 0x0065));

        Dissection d = dissect(1, packet);

        assertThat(d.vlanCount()).isEqualTo(3);
        assertThat(d.vlanId()).isEqualTo(7);
        assertThat(d.isGre()).isTrue();
        assertThat(d.payloadOffset()).isEqualTo(14 + 12 + 20);
        assertThat(d.payloadLength()).isEqualTo(4);
    }

    @Test
    void readsLinuxCookedCaptures() {
        byte[] ip = ipv4("198.51.100.1", "198.51.100.2", 6, tcp(40000, 1723, 1, 0, Dissection.TCP_SYN, new byte[0]));
        byte[] v1 = concat(Hex.parse("0000 0001 0006 020000000001 0000"), Packets.u16(0x0800), ip);
        byte[] v2 = concat(Packets.u16(0x0800), Hex.parse("0000 00000002 0001 00 06 020000000001 0000"), ip);

        for (Dissection d : List.of(dissect(113, v1), dissect(276, v2))) {
            assertThat(d.isTcp()).isTrue();
            assertThat(d.srcAddressString()).isEqualTo("198.51.100.1");
            assertThat(d.dstPort()).isEqualTo(1723);
            assertThat(d.tcpFlag(Dissection.TCP_SYN)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 14, 101, 228})
    void readsRawIpv4(int linkType) {
        Dissection d = dissect(linkType, ipv4("203.0.113.9", "203.0.113.10", 17, udp(53, 5353, new byte[7])));

        assertThat(d.isUdp()).isTrue();
        assertThat(d.srcPort()).isEqualTo(53);
        assertThat(d.dstPort()).isEqualTo(5353);
        assertThat(d.payloadOffset()).isEqualTo(28);
        assertThat(d.payloadLength()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 14, 101, 229})
    void readsRawIpv6(int linkType) {
        Dissection d = dissect(linkType, ipv6("2001:db8::1", "2001:db8::2", 6, tcp(1, 1723, 5, 0, Dissection.TCP_ACK, new byte[3])));

        assertThat(d.isTcp()).isTrue();
        assertThat(d.srcAddressString()).isEqualTo("2001:db8::1");
        assertThat(d.payloadLength()).isEqualTo(3);
    }

    @Test
    void readsBsdLoopbackInEitherByteOrder() {
        byte[] ip = ipv4("127.0.0.1", "127.0.0.1", 47, new byte[8]);
        byte[] ip6 = ipv6("::1", "::1", 47, new byte[8]);

        assertThat(dissect(0, concat(Hex.parse("02000000"), ip)).isGre()).isTrue();
        assertThat(dissect(0, concat(Hex.parse("00000002"), ip)).isGre()).isTrue();
        assertThat(dissect(0, concat(Hex.parse("1e000000"), ip6)).ipVersion()).isEqualTo(6);
        assertThat(dissect(108, concat(Hex.parse("00000018"), ip6)).isGre()).isTrue();
        assertThat(dissect(0, concat(Hex.parse("07000000"), ip)).status()).isEqualTo(DissectionStatus.NOT_IP);
    }

    @Test
    void stepsOverIpv6ExtensionHeaders() {
        byte[] payload = tcp(3025, 1723, 1, 1, Dissection.TCP_ACK, new byte[] {1, 2});
        byte[] routing = Packets.ipv6Options(60, 0); // read as Routing: next header and length are what counts
        byte[] extensions = concat(Packets.ipv6Options(43, 1), routing, Packets.ipv6Options(6, 0), payload);

        Dissection d = dissect(229, ipv6("2001:db8::a", "2001:db8::b", 0, extensions));

        assertThat(d.isTcp()).isTrue();
        assertThat(d.payloadOffset()).isEqualTo(40 + 16 + 8 + 8 + 20);
        assertThat(d.payloadLength()).isEqualTo(2);
    }

    @Test
    void marksFragmentsAfterTheFirst() {
        byte[] first = ipv4("192.0.2.1", "192.0.2.2", 17, 0, true, 5, udp(1000, 2000, new byte[100]).clone());
        byte[] later = ipv4("192.0.2.1", "192.0.2.2", 17, 1480, false, 5, new byte[50]);
        byte[] later6 = ipv6("2001:db8::1", "2001:db8::2", 44, concat(Packets.ipv6Fragment(17, 1232, false, 77), new byte[30]));

        Dissection d = dissect(101, first);
        assertThat(d.status()).isEqualTo(DissectionStatus.COMPLETE);
        assertThat(d.fragment()).isTrue();
        assertThat(d.moreFragments()).isTrue();
        assertThat(d.srcPort()).isEqualTo(1000);

        Dissection l = dissect(101, later);
        assertThat(l.status()).isEqualTo(DissectionStatus.FRAGMENT);
        assertThat(l.fragmentOffset()).isEqualTo(1480);
        assertThat(l.ipProtocol()).isEqualTo(17);
        assertThat(l.srcPort()).isEqualTo(-1);
        assertThat(l.payloadLength()).isEqualTo(50);
        assertThat(l.isUdp()).isFalse();

        Dissection l6 = dissect(229, later6);
        assertThat(l6.status()).isEqualTo(DissectionStatus.FRAGMENT);
        assertThat(l6.fragmentOffset()).isEqualTo(1232);
        assertThat(l6.ipIdentification()).isEqualTo(77);
        assertThat(l6.payloadLength()).isEqualTo(30);
    }

    @Test
    void followsIpv6InIpv4ToTheInnermostAddresses() {
        byte[] inner = ipv6("2001:db8::1", "2001:db8::2", 47, new byte[] {0x30, 0x01, (byte) 0x88, 0x0B, 0, 0, 0, 1});
        Dissection d = dissect(1, ethernet(0x0800, ipv4("192.0.2.1", "192.0.2.2", 41, inner)));

        assertThat(d.ipHeaderCount()).isEqualTo(2);
        assertThat(d.ipVersion()).isEqualTo(6);
        assertThat(d.srcAddressString()).isEqualTo("2001:db8::1");
        assertThat(d.isGre()).isTrue();
        assertThat(d.payloadLength()).isEqualTo(8);
    }

    @Test
    void refusesIpNestedTooDeep() {
        byte[] packet = ipv4("10.0.0.1", "10.0.0.2", 47, new byte[4]);
        for (int i = 0; i < PacketDissector.MAX_IP_HEADERS; i++) {
            packet = ipv4("10.0.0.1", "10.0.0.2", 4, packet);
        }

        Dissection d = dissect(101, packet);

        assertThat(d.status()).isEqualTo(DissectionStatus.MALFORMED);
        assertThat(d.problem()).isEqualTo("IP: nested IP headers at offset 160: expected at most 8, found more");
    }

    @Test
    void saysWhereTheSnapLengthCutAHeader() {
        byte[] packet = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, 0x10, new byte[10])));
        Dissection d = PacketDissector.dissect(7, 0, 1, packet, 0, 14 + 20 + 12, packet.length, new Dissection());

        assertThat(d.status()).isEqualTo(DissectionStatus.TRUNCATED);
        assertThat(d.problem()).isEqualTo("TCP: header at offset 34: expected 20 bytes, found 12 captured");
        assertThat(d.srcAddressString()).isEqualTo("10.0.0.1");
        assertThat(d.isTcp()).isFalse();
    }

    @Test
    void keepsTheWireLengthOfAPayloadTheSnapLengthCut() {
        byte[] packet = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, 0x10, new byte[100])));
        Dissection d = PacketDissector.dissect(7, 0, 1, packet, 0, 64, packet.length, new Dissection());

        assertThat(d.isTcp()).isTrue();
        assertThat(d.payloadLength()).isEqualTo(10);
        assertThat(d.payloadWireLength()).isEqualTo(100);
        assertThat(d.payloadTruncated()).isTrue();
    }

    @Test
    void saysWhatIsMalformed() {
        byte[] shortHeader = ipv4("10.0.0.1", "10.0.0.2", 6, new byte[20]);
        shortHeader[0] = 0x44;
        byte[] badOffset = ipv4("10.0.0.1", "10.0.0.2", 6, tcp(1, 2, 3, 4, 0x10, 4, new byte[4]));
        byte[] badUdp = ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, new byte[4]));
        badUdp[20 + 5] = 40;

        assertThat(dissect(1, ethernet(0x0800, shortHeader)).problem())
                .isEqualTo("IPv4: Header Length at offset 14: expected at least 20, found 16");
        assertThat(dissect(101, badOffset).problem()).isEqualTo("TCP: Data Offset at offset 32: expected at least 20 bytes, found 16");
        assertThat(dissect(101, badUdp).problem()).isEqualTo("UDP: Length at offset 24: expected 8 to 12, found 40");
        assertThat(dissect(101, new byte[] {0x20, 0, 0, 0}).problem()).isEqualTo("IP: Version at offset 0: expected 4 or 6, found 2");
        assertThat(dissect(101, badUdp).status()).isEqualTo(DissectionStatus.MALFORMED);
    }

    @Test
    void saysWhatItDoesNotDissect() {
        assertThat(dissect(147, new byte[20]).status()).isEqualTo(DissectionStatus.UNSUPPORTED_LINK_TYPE);
        Dissection arp = dissect(1, ethernet(0x0806, new byte[28]));
        assertThat(arp.status()).isEqualTo(DissectionStatus.NOT_IP);
        assertThat(arp.etherType()).isEqualTo(0x0806);
        assertThat(arp.ipVersion()).isZero();
    }

    @Test
    void dissectsPacketsInsideALargerBuffer() {
        byte[] packet = ethernet(0x0800, ipv4("10.0.0.1", "10.0.0.2", 17, udp(1, 2, new byte[] {5, 6})));
        byte[] buffer = concat(new byte[1000], packet, new byte[50]);

        Dissection d = PacketDissector.dissect(new CapturedPacket().set(9, 0, 1, buffer, 1000, packet.length, packet.length),
                new Dissection());

        assertThat(d.frameNumber()).isEqualTo(9);
        assertThat(d.payloadOffset()).isEqualTo(1000 + 42);
        assertThat(d.payloadLength()).isEqualTo(2);
    }

    @Test
    void formatsIpv6AddressesAsRfc5952Says() {
        assertThat(IpAddresses.format(Packets.addr("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddresses.format(Packets.addr("2001:0:0:1:0:0:0:1"))).isEqualTo("2001:0:0:1::1");
        assertThat(IpAddresses.format(Packets.addr("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddresses.format(new byte[16])).isEqualTo("::");
        assertThat(IpAddresses.format(Packets.addr("::1"))).isEqualTo("::1");
        assertThat(IpAddresses.format(Packets.addr("fe80::"))).isEqualTo("fe80::");
        assertThat(IpAddresses.formatIpv4(0xC0A80101)).isEqualTo("192.168.1.1");
    }

    @Test
    void allocatesNothingPerPacket() throws Exception {
        byte[] file = Captures.bytes(Captures.WINDOWS_RRAS);
        Dissection d = new Dissection();
        long[] sink = new long[1];
        PacketHandler handler = p -> {
            PacketDissector.dissect(p, d);
            sink[0] += d.payloadLength() + d.srcPort();
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            new CaptureDecoder().decode(ByteBuffer.wrap(file), handler);
        }
        CaptureDecoder decoder = new CaptureDecoder();
        ByteBuffer window = ByteBuffer.wrap(file);

        long before = threads.getCurrentThreadAllocatedBytes();
        long packets = decoder.decode(window, handler);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(packets).isEqualTo(4587);
        // the decoder's first NEED_MORE names the record it waits for; nothing grows with the packets
        assertThat(allocated).as("bytes allocated for %d packets", packets).isLessThan(4096);
        assertThat(sink[0]).isNotZero();
        assertThat(Arrays.asList(d.status())).doesNotContainNull();
    }
}
