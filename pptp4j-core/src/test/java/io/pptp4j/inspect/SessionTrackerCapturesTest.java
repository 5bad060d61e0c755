package io.pptp4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every capture of testdata/captures against the facts in its README (shared/captures/README.md): sessions,
 * users, authentication outcomes, MPPE settings and frame counts.
 */
class SessionTrackerCapturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"tcpdump-pptp-nt-moretonbay.pcap", "zeek-gre-pptp-dns.pcap", "chapcrack-mschapv2-only.pcap",
            "chapcrack-pptplinux-pptpd-session.pcap", "pptpcrack-windows-rras-session.pcap"})
    void fastPathForMppeFramesGivesTheSameReport(String capture) throws Exception {
        assertThat(Captures.inspect(capture)).isEqualTo(Captures.inspectWithoutFastPath(capture));
    }

    @Test
    void windowsNtToMoretonBayIsOneCallWithItsControlConnectionAndOneLcpRequest() throws Exception {
        InspectReport r = Captures.inspect("tcpdump-pptp-nt-moretonbay.pcap");
        assertThat(r.sessions()).hasSize(1);
        PptpSession s = r.sessions().getFirst();
        assertThat(s.control().request().vendorString()).isEqualTo("Microsoft Windows NT");
        assertThat(s.control().request().firmwareRevision()).isEqualTo(2160);
        assertThat(s.control().reply().vendorString()).isEqualTo("MoretonBay");
        assertThat(s.control().reply().hostName()).isEqualTo("local");
        // tcpdump's capture has many segments twice; each control message counts once
        assertThat(s.control().messages()).isEqualTo(5);
        assertThat(s.client()).isEqualTo("10.1.1.11");
        assertThat(s.server()).isEqualTo("10.1.1.10");
        assertThat(s.beginningCaptured()).isTrue();
        assertThat(s.setLinkInfos()).isEqualTo(1);
        assertThat(s.clientToServer().packets()).isEqualTo(1);
        assertThat(s.serverToClient().packets()).isZero();
        assertThat(s.clientLcpOptions()).containsExactly("Magic 0x021952CF", "PFC", "ACFC", "Callback 6", "MRRU 1614",
                "Endpoint-Discriminator class 1");
        assertThat(s.auth()).isEqualTo(AuthKind.NONE);
        assertThat(s.authOutcome()).isEqualTo(AuthOutcome.NOT_SEEN);
        assertThat(s.mppe().negotiated()).isFalse();
        assertThat(r.findings()).isEmpty();
        assertThat(r.malformed()).isZero();
    }

    @Test
    void zeekDnsOverUnencryptedPppIsASessionWithoutControlAndAFinding() throws Exception {
        InspectReport r = Captures.inspect("zeek-gre-pptp-dns.pcap");
        assertThat(r.sessions()).hasSize(1);
        PptpSession s = r.sessions().getFirst();
        assertThat(s.control()).isNull();
        assertThat(s.beginningCaptured()).isFalse();
        assertThat(s.greFrames()).isEqualTo(2);
        assertThat(s.clientToServer().greCallId()).isEqualTo(6016);
        assertThat(s.clientToServer().clearDatagrams() + s.serverToClient().clearDatagrams()).isEqualTo(2);
        assertThat(s.mppeFrames()).isZero();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.PPP_DATA_WITHOUT_MPPE);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.frames()).containsExactly(1L);
        });
    }

    @Test
    void chapcrackLoneHandshakeIsMoxieWithMsChapV2Success() throws Exception {
        InspectReport r = Captures.inspect("chapcrack-mschapv2-only.pcap");
        assertThat(r.sessions()).hasSize(1);
        PptpSession s = r.sessions().getFirst();
        assertThat(s.greFrames()).isEqualTo(3);
        assertThat(s.server()).as("the Challenge's sender authenticates").isEqualTo("198.252.153.26");
        assertThat(s.client()).isEqualTo("192.168.43.114");
        assertThat(s.auth()).isEqualTo(AuthKind.MS_CHAP_V2);
        assertThat(s.user()).isEqualTo("moxie");
        assertThat(s.authOutcome()).isEqualTo(AuthOutcome.SUCCESS);
        ChapHandshake h = s.handshakes().getFirst();
        assertThat(h.authenticatorName()).isEqualTo("pptpd");
        assertThat(h.authenticatorChallenge()).isEqualTo(Bytes.fromHex("258d4fc024f111512d0b61f9c375aee1"));
        assertThat(h.peerChallenge()).isEqualTo(Bytes.fromHex("abfe01e6c759850155b4d8d6258cdb67"));
        assertThat(h.ntResponse()).isEqualTo(Bytes.fromHex("1c93abce815400686baeca315f348469256420598a73ad49"));
        assertThat(h.authenticatorResponse()).isEqualTo(Bytes.fromHex("54644F81E5F18C0EE9E26776495D6BC7ADDFB767"));
        assertThat(h.frames()).containsExactly(1L, 2L, 3L);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.MS_CHAP_V2_OFFLINE_ATTACK);
            assertThat(f.frames()).containsExactly(1L, 2L, 3L);
        });
    }

    @Test
    void pptpLinuxToPptpdSessionHasMoxieMppe128StatelessAnd66MppeFrames() throws Exception {
        InspectReport r = Captures.inspect("chapcrack-pptplinux-pptpd-session.pcap");
        assertThat(r.sessions()).hasSize(1);
        PptpSession s = r.sessions().getFirst();
        assertThat(s.control().request().vendorString()).isEqualTo("cananian");
        assertThat(s.control().reply().vendorString()).isEqualTo("linux");
        assertThat(s.client()).isEqualTo("192.168.1.102");
        assertThat(s.server()).isEqualTo("198.252.153.26");
        assertThat(s.clientCallId()).isZero();
        assertThat(s.serverCallId()).isEqualTo(30720);
        assertThat(s.auth()).isEqualTo(AuthKind.MS_CHAP_V2);
        assertThat(s.user()).isEqualTo("moxie");
        assertThat(s.authOutcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(s.mppe()).isEqualTo(new MppeSettings(true, 128, true, "H,S", "H,S,L", 29));
        assertThat(s.mppeFrames()).isEqualTo(66);
        assertThat(s.clientToServer().mppeFrames()).isEqualTo(35);
        assertThat(s.serverToClient().mppeFrames()).isEqualTo(31);
        assertThat(s.clientAddress()).isEqualTo("172.27.200.10");
        assertThat(s.serverAddress()).isEqualTo("172.27.200.1");
        assertThat(s.ending()).first().isEqualTo("LCP Terminate-Request from client (frame 178)");
        assertThat(s.ending()).last().isEqualTo("Call-Clear-Request from client (frame 184)");
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.MS_CHAP_V2_OFFLINE_ATTACK);
        assertThat(r.malformed()).isZero();
    }

    @Test
    void windowsRrasCaptureHasTheTailOfAnEarlierSessionAndAFullOne() throws Exception {
        InspectReport r = Captures.inspect("pptpcrack-windows-rras-session.pcap");
        assertThat(r.sessions()).hasSize(2);

        PptpSession tail = r.sessions().get(0);
        assertThat(tail.beginningCaptured()).isFalse();
        assertThat(tail.control()).as("joined with its control connection by Call ID").isNotNull();
        assertThat(tail.control().request()).isNull();
        assertThat(tail.client()).isEqualTo("192.168.43.39");
        assertThat(tail.serverCallId()).isEqualTo(15159);
        assertThat(tail.clientCallId()).isEqualTo(64688);
        assertThat(tail.mppeFrames()).isEqualTo(8);
        assertThat(tail.ending()).containsExactly(
                "LCP Terminate-Request from client (frame 101)",
                "LCP Terminate-Ack from server (frame 104)",
                "Call-Clear-Request from client (frame 112)",
                "Call-Disconnect-Notify from server, result 0 (frame 113)",
                "Stop-Control-Connection-Request from client, reason 1 (frame 126)",
                "Stop-Control-Connection-Reply from server (frame 127)");
        assertThat(tail.auth()).isEqualTo(AuthKind.NONE);

        PptpSession s = r.sessions().get(1);
        assertThat(s.beginningCaptured()).isTrue();
        assertThat(s.control().request().vendorString()).isEqualTo("Microsoft");
        assertThat(s.control().reply().vendorString()).isEqualTo("Microsoft");
        assertThat(s.clientCallId()).isEqualTo(40265);
        assertThat(s.serverCallId()).isEqualTo(29546);
        assertThat(s.setLinkInfos()).isEqualTo(3);
        assertThat(s.user()).isEqualTo("vpnuser");
        assertThat(s.auth()).isEqualTo(AuthKind.MS_CHAP_V2);
        assertThat(s.authOffers()).containsExactly("EAP", "MS-CHAP-V2");
        assertThat(s.authOutcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(s.handshakes().getFirst().authenticatorName()).isEqualTo("WIN-9BAGS70V5IP");
        assertThat(s.handshakes().getFirst().desChallenge()).isEqualTo(Bytes.fromHex("e8dcbab9624c0064"));
        assertThat(s.clientIdentification()).isEqualTo("MSRASV5.20");
        assertThat(s.mppe().negotiated()).isTrue();
        assertThat(s.mppe().bits()).isEqualTo(128);
        assertThat(s.mppe().stateless()).isTrue();
        assertThat(s.mppeFrames()).isEqualTo(689);
        assertThat(s.clientToServer().mppeFrames()).isEqualTo(505);
        assertThat(s.clientToServer().firstCoherency()).isZero();
        assertThat(s.clientToServer().lastCoherency()).isEqualTo(504);
        assertThat(s.serverToClient().mppeFrames()).isEqualTo(184);
        assertThat(s.serverToClient().lastCoherency()).isEqualTo(183);
        assertThat(s.decryptedFrames()).as("no password given").isZero();

        List<FindingKind> kinds = r.findings().stream().filter(f -> f.sessionId() == 2).map(Finding::kind).toList();
        assertThat(kinds).containsExactly(FindingKind.MS_CHAP_V2_OFFLINE_ATTACK, FindingKind.AUTH_DOWNGRADE);
        Finding downgrade = r.findings().stream().filter(f -> f.kind() == FindingKind.AUTH_DOWNGRADE).findFirst().orElseThrow();
        assertThat(downgrade.frames()).containsExactly(276L, 283L);
        assertThat(downgrade.detail()).isEqualTo("the server asked for EAP and settled on MS-CHAP-V2 after the client refused it");
    }

    @Test
    void windowsRrasSessionDecryptsAll689FramesWithItsPassword() throws Exception {
        int[] inner = new int[2];
        DecryptedSink sink = (session, frame, time, protocol, packet) -> {
            if (protocol == 0x0021 && (packet[0] >> 4) == 4) {
                inner[0]++;
            } else {
                inner[1]++;
            }
        };
        PasswordSource passwords = (user, authenticator) -> user.equals("vpnuser") ? List.of("wrong", "vpnuser123") : List.of();
        InspectReport r = Captures.inspect("pptpcrack-windows-rras-session.pcap",
                new SessionTracker.Options(false, passwords, sink));
        PptpSession s = r.sessions().get(1);
        assertThat(s.decryptedFrames()).isEqualTo(689);
        assertThat(s.clientToServer().decrypted()).isEqualTo(505);
        assertThat(s.serverToClient().decrypted()).isEqualTo(184);
        assertThat(inner).containsExactly(689, 0);
        Finding recovered = r.findings().stream().filter(f -> f.kind() == FindingKind.PASSWORD_RECOVERED).findFirst().orElseThrow();
        assertThat(recovered.detail()).isEqualTo("password [redacted] of user \"vpnuser\" reproduces the captured response; "
                + "689 of 689 MPPE frames decrypted");
        assertThat(recovered.frames()).containsExactly(290L, 291L, 292L);
    }

    @Test
    void aWrongPasswordDecryptsNothing() throws Exception {
        InspectReport r = Captures.inspect("pptpcrack-windows-rras-session.pcap",
                new SessionTracker.Options(false, (u, a) -> List.of("vpnuser124"), (s, f, t, p, b) -> { }));
        assertThat(r.decryptedFrames()).isZero();
        assertThat(r.findings()).extracting(Finding::kind).doesNotContain(FindingKind.PASSWORD_RECOVERED);
    }

    @Test
    void chapcrackPasswordVerifiesAgainstTheLoneHandshake() throws Exception {
        InspectReport r = Captures.inspect("chapcrack-mschapv2-only.pcap",
                new SessionTracker.Options(true, (u, a) -> List.of("bPCFyF2uL1p5Lg5yrKmqmY"), null));
        assertThat(r.findings()).extracting(Finding::kind).contains(FindingKind.PASSWORD_RECOVERED);
        assertThat(r.findings()).filteredOn(f -> f.kind() == FindingKind.PASSWORD_RECOVERED).singleElement()
                .extracting(Finding::detail).asString().startsWith("password \"bPCFyF2uL1p5Lg5yrKmqmY\" of user \"moxie\"");
    }

    @Test
    void endedSessionsAreTakenOnceForALiveLog() throws Exception {
        SessionTracker tracker = new SessionTracker();
        InspectDecoder decoder = new InspectDecoder(tracker);
        java.nio.ByteBuffer file = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(
                Captures.path("pptpcrack-windows-rras-session.pcap")));
        io.pptp4j.capture.CaptureDecoder capture = new io.pptp4j.capture.CaptureDecoder();
        capture.decode(file, decoder);
        decoder.finish();
        // the earlier session ended with Call-Disconnect-Notify and Stop-Control-Connection-Reply; the full one is open
        InspectReport ended = tracker.takeEnded();
        assertThat(ended.sessions()).extracting(PptpSession::id).containsExactly(1);
        assertThat(ended.sessions().getFirst().mppeFrames()).isEqualTo(8);
        assertThat(tracker.takeEnded().sessions()).isEmpty();
        assertThat(tracker.finish().sessions()).extracting(PptpSession::id).containsExactly(1, 2);
    }
}
