package io.pptp4j.ppp.mppe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.analysis.PptpTrafficDecoder;
import io.pptp4j.capture.CaptureDecoder;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.wire.Bytes;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decrypts every MPPE frame of the full session in testdata/captures/pptpcrack-windows-rras-session.pcap
 * (rerange/pptpcrack, data/test.pcap): Windows client "vpnuser" / "vpnuser123" to Windows RRAS,
 * MS-CHAP-V2, MPPE 128-bit stateless. Client to server is GRE call 29546 (505 frames), server to client
 * call 40265 (184 frames); frames 1-127 end an earlier session (calls 15159, 64688) and are skipped.
 */
class WindowsRrasSessionDecryptionTest {
    static final int CLIENT_TO_SERVER_CALL = 29546;
    static final int SERVER_TO_CLIENT_CALL = 40265;

    static Path capture() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata/captures"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("testdata/captures above the working directory").isNotNull();
        return dir.resolve("testdata/captures/pptpcrack-windows-rras-session.pcap");
    }

    @Test
    void decryptsAllMppeFramesOfTheSession() throws Exception {
        List<PptpItem.Gre> mppe = new ArrayList<>();
        PptpTrafficDecoder decoder = new PptpTrafficDecoder(item -> {
            if (item instanceof PptpItem.Gre g && g.ppp() != null && g.ppp().content() instanceof MppePacket) {
                mppe.add(g);
            }
        });
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(capture()));
        CaptureDecoder capture = new CaptureDecoder();
        capture.decode(file, decoder);
        capture.finish(file);
        decoder.finish();

        Bytes ntResponse = Bytes.fromHex("8cd6161253eac63fa53cfc6f74692fd73b0768ca63d612f0");
        Bytes hashHash = MsChapV2.hashNtPasswordHash(MsChapV2.ntPasswordHash("vpnuser123".toCharArray()));
        MppeSessionKeys server = MppeSessionKeys.fromMsChapV2(hashHash, ntResponse, true, 128);
        MppeSessionKeys client = MppeSessionKeys.fromMsChapV2(hashHash, ntResponse, false, 128);
        assertThat(server.receiveKey()).isEqualTo(client.sendKey());
        MppeCipher fromClient = MppeCipher.of(server.receiveKey(), 128, true);
        MppeCipher fromServer = MppeCipher.of(client.receiveKey(), 128, true);

        int[] counts = new int[2];
        int skipped = 0;
        int ipv4WithoutOptions = 0;
        for (PptpItem.Gre g : mppe) {
            int call = g.packet().header().callId();
            MppeCipher cipher;
            int direction;
            if (call == CLIENT_TO_SERVER_CALL) {
                cipher = fromClient;
                direction = 0;
            } else if (call == SERVER_TO_CLIENT_CALL) {
                cipher = fromServer;
                direction = 1;
            } else {
                assertThat(g.frame()).as("other calls only in the earlier session").isLessThanOrEqualTo(127);
                skipped++;
                continue;
            }
            MppePacket packet = (MppePacket) g.ppp().content();
            assertThat(packet.header().coherencyCount()).as("frame %d", g.frame()).isEqualTo(counts[direction]);
            MppeDecryptResult r = cipher.decrypt(packet);
            assertThat(r).as("frame %d", g.frame()).isInstanceOf(MppeDecryptResult.Plain.class);
            Bytes plain = ((MppeDecryptResult.Plain) r).packet();
            assertThat(plain.get(0)).as("frame %d", g.frame()).isEqualTo(0x00);
            assertThat(plain.get(1)).as("frame %d", g.frame()).isEqualTo(0x21);
            // IPv4, version 4; frame 315's header has options (46...)
            assertThat(plain.get(2) >> 4).as("frame %d", g.frame()).isEqualTo(4);
            if (plain.get(2) == 0x45) {
                ipv4WithoutOptions++;
            }
            counts[direction]++;
        }
        assertThat(counts).containsExactly(505, 184);
        assertThat(skipped).isEqualTo(8);
        assertThat(ipv4WithoutOptions).isGreaterThan(600);
    }
}
