package io.pptp4j.gre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.ByteWriter;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import io.pptp4j.wire.Layer;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GreCodecTest {

    // chapcrack-pptplinux-pptpd-session.pcap frame 19: pptpd's LCP Configure-Request, acking pptp-linux's seq 1
    private static final String PPTPD_LCP_WITH_ACK = "3081880b001d00000000000000000001"
            + "ff03c021010100190206000000000305c223810506c29f1d2d07020802";
    // chapcrack-pptplinux-pptpd-session.pcap frame 18: pptp-linux's first LCP Configure-Request, no ack
    private static final String PPTP_LINUX_LCP = "3001880b0018780000000001"
            + "ff03c021010100140206000000000506cdc7e2da07020802";
    // chapcrack-pptplinux-pptpd-session.pcap frame 35: pptp-linux acknowledges 8, nothing to send
    private static final String PPTP_LINUX_ACK_ONLY = "2081880b0000780000000008";
    // pptpcrack-windows-rras-session.pcap frame 3: Windows RRAS acknowledges 901
    private static final String WINDOWS_RRAS_ACK_ONLY = "2081880b0000fcb000000385";
    // pptpcrack-windows-rras-session.pcap frame 282: Windows RRAS's LCP Configure-Request with ack
    private static final String WINDOWS_RRAS_LCP_WITH_ACK = "3081880b001e9d490000000300000002"
            + "ff03c0210102001a010405780305c22381050670ed20e6070208020d0306";
    // pptpcrack-windows-rras-session.pcap frame 315: the Windows client's first MPPE packet (PFC: protocol fd)
    private static final String WINDOWS_CLIENT_MPPE_WITH_ACK = "3081880b002d736a000000110000000f"
            + "fd90000e55bc7331b4cb89d6f49a82be2c59345b08192f4a7447d9c2d1a27088607ca1618f7a5fd741127f787c";
    // tcpdump-pptp-nt-moretonbay.pcap frame 16: Windows NT's LCP Configure-Request, call 0, seq 0
    private static final String WINDOWS_NT_LCP = "3001880b0030000000000000"
            + "ff03c0210100002c0506021952cf070208020d03061104064e13170129f76a90"
            + "77f1472c835247f271d656070000000c";
    // zeek-gre-pptp-dns.pcap frame 1: a DNS query in IP in PPP, call 6016, seq and ack
    private static final String ZEEK_DNS_WITH_ACK = "3081880b0067178000068fb100083a76"
            + "ff03002145000063000040003c115667ac102c03080808089f400035004f2d23"
            + "a62c01000001000000000000357871742d6465746563742d6d6f6465322d3937"
            + "3731326538382d313637612d343562392d393365652d39313331343065373636"
            + "373800001c0001";

    private static GrePacket strict(String hex) throws DecodeException {
        return GreCodec.decode(Hex.parse(hex), DecodeMode.STRICT);
    }

    private static GrePacket lenient(String hex) throws DecodeException {
        return GreCodec.decode(Hex.parse(hex), DecodeMode.LENIENT);
    }

    private static String strictError(String hex) {
        try {
            GreCodec.decode(Hex.parse(hex), DecodeMode.STRICT);
        } catch (DecodeException e) {
            return e.getMessage();
        }
        throw new AssertionError("decoded " + hex);
    }

    /** Decodes strictly, checks that the bytes come back unchanged and the sizes agree. */
    private static GrePacket goldenRoundTrip(String hex) throws DecodeException {
        byte[] wire = Hex.parse(hex);
        GrePacket p = GreCodec.decode(wire, DecodeMode.STRICT);
        assertThat(GreCodec.encode(p)).isEqualTo(wire);
        assertThat(p.encodedLength()).isEqualTo(wire.length);
        assertThat(p.header().headerLength() + p.header().payloadLength()).isEqualTo(wire.length);
        assertThat(p.truncated()).isFalse();
        assertThat(p.header().conforming()).isTrue();
        return p;
    }

    @Test
    void pptpdDataPacketWithAck() throws DecodeException {
        GrePacket p = goldenRoundTrip(PPTPD_LCP_WITH_ACK);
        GreHeader h = p.header();
        assertThat(h.flagsAndVersion()).isEqualTo(0x3081);
        assertThat(h.protocolType()).isEqualTo(GreHeader.PROTOCOL_PPP);
        assertThat(h.callId()).isZero();
        assertThat(h.payloadLength()).isEqualTo(29);
        assertThat(h.sequenceNumber()).hasValue(0);
        assertThat(h.ackNumber()).hasValue(1);
        assertThat(h.headerLength()).isEqualTo(16);
        assertThat(p.payload()).isEqualTo(Bytes.fromHex("ff03c021010100190206000000000305c223810506c29f1d2d07020802"));
        assertThat(p).isEqualTo(GrePacket.data(0, 0, 1, p.payload()));
    }

    @Test
    void pptpLinuxDataPacketWithoutAck() throws DecodeException {
        GrePacket p = goldenRoundTrip(PPTP_LINUX_LCP);
        // pptp-linux numbers its first packet 1, not 0
        assertThat(p.header().sequenceNumber()).hasValue(1);
        assertThat(p.header().ackPresent()).isFalse();
        assertThat(p.header().ackNumber()).isEmpty();
        assertThat(p.header().callId()).isEqualTo(30720);
        assertThat(p.header().headerLength()).isEqualTo(12);
        assertThat(p.payload().length()).isEqualTo(24);
        assertThat(p).isEqualTo(GrePacket.data(30720, 1, p.payload()));
    }

    @Test
    void pptpLinuxAckOnlyPacket() throws DecodeException {
        GrePacket p = goldenRoundTrip(PPTP_LINUX_ACK_ONLY);
        assertThat(p).isEqualTo(GrePacket.ackOnly(30720, 8));
        assertThat(p.header().isAckOnly()).isTrue();
        assertThat(p.header().sequencePresent()).isFalse();
        assertThat(p.header().headerLength()).isEqualTo(12);
        assertThat(p.payload().isEmpty()).isTrue();
    }

    @Test
    void windowsRrasAckOnlyPacket() throws DecodeException {
        GrePacket p = goldenRoundTrip(WINDOWS_RRAS_ACK_ONLY);
        assertThat(p).isEqualTo(GrePacket.ackOnly(64688, 901));
    }

    @Test
    void windowsRrasDataPacketWithAck() throws DecodeException {
        GrePacket p = goldenRoundTrip(WINDOWS_RRAS_LCP_WITH_ACK);
        assertThat(p.header()).isEqualTo(GreHeader.data(40265, 30, 3, 2));
        assertThat(p.payload().get(2)).isEqualTo(0xC0);
    }

    @Test
    void windowsClientMppePacket() throws DecodeException {
        GrePacket p = goldenRoundTrip(WINDOWS_CLIENT_MPPE_WITH_ACK);
        assertThat(p.header()).isEqualTo(GreHeader.data(29546, 45, 17, 15));
        assertThat(p.payload().get(0)).isEqualTo(0xFD);
    }

    @Test
    void windowsNtLcpConfigureRequest() throws DecodeException {
        GrePacket p = goldenRoundTrip(WINDOWS_NT_LCP);
        assertThat(p.header()).isEqualTo(GreHeader.data(0, 48, 0));
        assertThat(p.payload().slice(0, 4)).isEqualTo(Bytes.fromHex("ff03c021"));
    }

    @Test
    void zeekSampleDataPacketWithAck() throws DecodeException {
        GrePacket p = goldenRoundTrip(ZEEK_DNS_WITH_ACK);
        assertThat(p.header()).isEqualTo(GreHeader.data(6016, 103, 430001, 539254));
    }

    @Test
    void decodesFromNestedReaderWithAbsoluteOffsets() {
        // an IPv4 header of 20 bytes in front: offsets in errors count from the start of the IP packet
        byte[] wire = Hex.parse("00".repeat(20) + "3000880b0000000000000001");
        ByteReader ip = ByteReader.of(wire, Layer.IP, "IP");
        assertThatThrownBy(() -> {
            ip.skip(20, "IP header");
            GreCodec.decode(ip.rest(Layer.GRE, "GRE"), DecodeMode.STRICT);
        }).hasMessage("GRE: Version at offset 21: expected 1, found 0");
    }

    @Test
    void encodesIntoWriterAfterOtherBytes() {
        ByteWriter w = new ByteWriter().u32(0xDEADBEEFL);
        GreCodec.encode(GrePacket.ackOnly(30720, 8), w);
        assertThat(w.toByteArray()).isEqualTo(Hex.parse("deadbeef" + PPTP_LINUX_ACK_ONLY));
    }

    @Test
    void encodesHeaderIntoBuffer() throws DecodeException {
        GrePacket p = strict(WINDOWS_CLIENT_MPPE_WITH_ACK);
        byte[] buf = new byte[4 + p.encodedLength()];
        int n = GreCodec.encodeHeader(p.header(), buf, 4);
        p.payload().copyTo(buf, 4 + n);
        assertThat(n).isEqualTo(16);
        assertThat(Hex.of(buf, 4, buf.length)).isEqualTo(WINDOWS_CLIENT_MPPE_WITH_ACK);
        assertThatThrownBy(() -> GreCodec.encodeHeader(p.header(), new byte[15], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void factoriesBuildRoundTrippingPackets() throws DecodeException {
        Bytes payload = Bytes.fromHex("ff03c02109010008deadbeef");
        for (GrePacket p : new GrePacket[] {
                GrePacket.data(1, 0, payload),
                GrePacket.data(0xFFFF, 0xFFFFFFFFL, 0xFFFFFFFEL, payload),
                GrePacket.data(7, 5, Bytes.EMPTY),
                GrePacket.ackOnly(65535, 0xFFFFFFFFL)}) {
            byte[] wire = GreCodec.encode(p);
            assertThat(wire).hasSize(p.encodedLength());
            assertThat(wire.length - p.header().headerLength()).isEqualTo(p.header().payloadLength());
            ByteReader r = ByteReader.of(wire, Layer.GRE, "GRE");
            assertThat(GreCodec.decode(r, DecodeMode.STRICT)).isEqualTo(p);
            assertThat(r.remaining()).isZero();
        }
    }

    // ---- strict refusals, one per field

    @Test
    void rejectsVersionZero() {
        assertThat(strictError("3080880b0000780000000001"))
                .isEqualTo("GRE: Version at offset 1: expected 1, found 0");
    }

    @Test
    void rejectsPlainGreProtocolType() {
        assertThat(strictError("3001080000007800" + "00000001"))
                .isEqualTo("GRE: Protocol Type at offset 2: expected 0x880B, found 0x0800");
    }

    @Test
    void rejectsPayloadLengthLongerThanBytes() {
        // Payload Length 1400, 20 bytes follow the 12-byte header
        assertThat(strictError("3001880b0578780000000001" + "00".repeat(20)))
                .isEqualTo("GRE: Payload Length at offset 4: expected 20, found 1400");
    }

    @Test
    void rejectsPayloadLengthShorterThanBytes() {
        assertThat(strictError("3001880b0002780000000001" + "c0210000"))
                .isEqualTo("GRE: Payload Length at offset 4: expected 4, found 2");
    }

    @Test
    void rejectsChecksumPresent() {
        assertThat(strictError("b001880b0000780000000001"))
                .isEqualTo("GRE: Checksum Present at offset 0: expected 0, found 1");
    }

    @Test
    void rejectsRoutingPresent() {
        assertThat(strictError("7001880b0000780000000001"))
                .isEqualTo("GRE: Routing Present at offset 0: expected 0, found 1");
    }

    @Test
    void rejectsKeyAbsent() {
        assertThat(strictError("1001880b0000780000000001"))
                .isEqualTo("GRE: Key Present at offset 0: expected 1, found 0");
    }

    @Test
    void rejectsStrictSourceRoute() {
        assertThat(strictError("3801880b0000780000000001"))
                .isEqualTo("GRE: Strict Source Route at offset 0: expected 0, found 1");
    }

    @Test
    void rejectsRecursionControl() {
        assertThat(strictError("3301880b0000780000000001"))
                .isEqualTo("GRE: Recursion Control at offset 0: expected 0, found 3");
    }

    @Test
    void rejectsFlippedReservedFlagBit() {
        // bit 9, the first of the four reserved Flags bits
        assertThat(strictError("3041880b0000780000000001"))
                .isEqualTo("GRE: Flags at offset 1: expected 0, found 8");
        // bit 12, the last
        assertThat(strictError("3009880b0000780000000001"))
                .isEqualTo("GRE: Flags at offset 1: expected 0, found 1");
    }

    @Test
    void rejectsPacketWithNeitherSequenceNorAck() {
        assertThat(strictError("2001880b00007800"))
                .isEqualTo("GRE: Acknowledgment Present at offset 1: expected 1 in a packet without Sequence Number, found 0");
    }

    @Test
    void rejectsAckOnlyPacketWithPayloadLength() {
        assertThat(strictError("2081880b0004780000000008" + "c0210000"))
                .isEqualTo("GRE: Payload Length at offset 4: expected 0 in an acknowledgment-only packet, found 4");
    }

    @Test
    void rejectsAckOnlyPacketWithTrailingBytes() {
        assertThat(strictError(PPTP_LINUX_ACK_ONLY + "0000"))
                .isEqualTo("GRE: Payload at offset 12: expected no more bytes, found 2 more bytes");
    }

    @Test
    void rejectsTruncatedHeader() {
        assertThat(strictError("3081880b001d0000000000000000"))
                .isEqualTo("GRE: Acknowledgment Number at offset 12: expected 4 bytes, found 2 bytes left");
        assertThat(strictError("3081"))
                .isEqualTo("GRE: Protocol Type at offset 2: expected 2 bytes, found 0 bytes left");
    }

    // ---- lenient

    @Test
    void lenientKeepsOddFlagsVersionAndProtocol() throws DecodeException {
        // s=1, Recur=5, Flags=0b1010, Ver=0, Protocol 0x0800: all kept as received
        GrePacket p = lenient("3d50080000027800" + "00000001" + "abcd");
        GreHeader h = p.header();
        assertThat(h.strictSourceRoute()).isTrue();
        assertThat(h.recursionControl()).isEqualTo(5);
        assertThat(h.flags()).isEqualTo(10);
        assertThat(h.version()).isZero();
        assertThat(h.protocolType()).isEqualTo(0x0800);
        assertThat(h.conforming()).isFalse();
        assertThat(p.payload()).isEqualTo(Bytes.fromHex("abcd"));
        assertThat(Hex.of(GreCodec.encode(p))).isEqualTo("3d50080000027800" + "00000001" + "abcd");
    }

    @Test
    void lenientTakesPayloadLengthBytesAndIgnoresTheRest() throws DecodeException {
        byte[] wire = Hex.parse("3001880b0002780000000001" + "c021" + "00000000");
        ByteReader r = ByteReader.of(wire, Layer.GRE, "GRE");
        GrePacket p = GreCodec.decode(r, DecodeMode.LENIENT);
        assertThat(p.payload()).isEqualTo(Bytes.fromHex("c021"));
        assertThat(p.truncated()).isFalse();
        assertThat(r.remaining()).isZero();
    }

    @Test
    void lenientMarksPayloadShorterThanPayloadLengthTruncated() throws DecodeException {
        GrePacket p = lenient("3001880b0578780000000001" + "c0210102");
        assertThat(p.header().payloadLength()).isEqualTo(1400);
        assertThat(p.payload()).isEqualTo(Bytes.fromHex("c0210102"));
        assertThat(p.truncated()).isTrue();
        // encoding keeps the announced length: the same malformed packet comes out
        assertThat(Hex.of(GreCodec.encode(p))).isEqualTo("3001880b0578780000000001c0210102");
    }

    @Test
    void lenientAcceptsPacketWithNeitherSequenceNorAck() throws DecodeException {
        GrePacket p = lenient("2001880b00007800");
        assertThat(p.header().headerLength()).isEqualTo(8);
        assertThat(p.header().sequenceNumber()).isEqualTo(OptionalLong.empty());
        assertThat(p.header().ackNumber()).isEqualTo(OptionalLong.empty());
    }

    @Test
    void lenientStillRejectsChecksumPresentBecauseFieldsMove() {
        assertThatThrownBy(() -> lenient("b001880b0000780000000001"))
                .hasMessage("GRE: Checksum Present at offset 0: expected 0, found 1");
    }

    // ---- record invariants

    @Test
    void rejectsOutOfRangeValuesInRecords() {
        assertThatThrownBy(() -> GreHeader.data(0x10000, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Call ID 65536 is outside 0..65535");
        assertThatThrownBy(() -> GreHeader.data(1, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreHeader.ackOnly(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GrePacket(GreHeader.data(1, 1, 0), Bytes.fromHex("0102")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload of 2 bytes is longer than the Payload Length 1");
    }
}
