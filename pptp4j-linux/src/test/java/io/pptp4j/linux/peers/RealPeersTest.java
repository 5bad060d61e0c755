package io.pptp4j.linux.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessage.OutgoingCallReply;
import io.pptp4j.control.ControlMessage.OutgoingCallRequest;
import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.control.ControlMessage.StartControlConnectionRequest;
import io.pptp4j.hdlc.AsyncHdlcDecoder;
import io.pptp4j.hdlc.HdlcEvent;
import io.pptp4j.linux.peers.EchoPppProgram.Invocation;
import io.pptp4j.linux.peers.PptpLinuxPeer.CallIds;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.wire.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PPTP peers against each other, each in a network namespace: pptpd with the echoing ppp
 * program, pptp-linux driven from the test, nmap's pptp-version, through a NAT with the kernel's
 * PPTP conntrack helper. These prove the harness that pptp4j's own server and client will meet.
 */
class RealPeersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** An LCP Configure-Request (Identifier 1, Magic-Number 0xCAFEBABE), address and control field included. */
    private static final Bytes CLIENT_LCP = Bytes.fromHex("ff03c021" + "0101000a" + "0506cafebabe");

    @TempDir
    Path dir;

    @Test
    void pptpLinuxReachesPptpd() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (TwoHosts hosts = TwoHosts.create();
             GreCapture capture = GreCapture.start(hosts.server(), hosts.serverInterface(), dir, "server-side");
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()));
             PptpLinuxPeer pptp = PptpLinuxPeer.start(hosts.client(), dir.resolve("pptp"),
                     PptpLinuxOptions.of(TwoHosts.SERVER_ADDRESS))) {
            CallIds ids = pptp.awaitCallEstablished(WAIT);
            assertThat(pptpd.awaitControlConnections(1, WAIT)).containsExactly("192.0.2.1");
            pptpd.syslog().await(m -> m.text().contains("CTRL: Starting call (launching pppd, opening GRE)"), WAIT,
                    "pptpctrl starting the call");
            assertThat(pptpd.pidFromFile()).hasValue(pptpd.pid());
            assertThat(pptpd.syslog().messages()).as("debug in pptpd.conf").anyMatch(m -> m.severity() == 7);
            pptp.syslog().await(m -> m.text().endsWith("Client connection established."), WAIT, "the control connection");

            Invocation call = ppp.awaitReady(1, WAIT).getFirst();
            assertThat(call.arguments()).containsExactly(ppp.script().toString(), "local", "file",
                    pptpd.directory().resolve("pptpd-options").toString(), "115200", "203.0.113.250:203.0.113.240",
                    "ipparam", "192.0.2.1", "remotenumber", "192.0.2.1");

            // server to client: the ppp program's greeting, through pptpctrl, GRE and pptp
            assertThat(pptp.receivePppFrame(WAIT)).contains(EchoPppProgram.LCP_GREETING);
            // client to server and back: the ppp program echoes what pptpctrl hands it
            pptp.sendPppFrame(CLIENT_LCP);
            assertThat(pptp.receivePppFrame(WAIT)).contains(CLIENT_LCP);
            assertThat(pptp.discarded()).isEmpty();
            assertThat(frames(ppp.awaitReceived(call.pid(), 1, WAIT).received())).containsExactly(CLIENT_LCP);

            List<PptpItem> items = capture.awaitItems(
                    i -> greCarrying(i, "192.0.2.1", CLIENT_LCP).isPresent() && greCarrying(i, "192.0.2.2", CLIENT_LCP).isPresent(),
                    WAIT, "the client's LCP frame on its way in and back");
            List<ControlMessage> control = control(items);
            assertThat(control).extracting(m -> m.getClass().getSimpleName()).startsWith(
                    "StartControlConnectionRequest", "StartControlConnectionReply",
                    "OutgoingCallRequest", "OutgoingCallReply");
            StartControlConnectionReply sccrp = (StartControlConnectionReply) control.get(1);
            assertThat(sccrp.resultCode()).isEqualTo(1);
            OutgoingCallRequest ocrq = (OutgoingCallRequest) control.get(2);
            OutgoingCallReply ocrp = (OutgoingCallReply) control.get(3);
            assertThat(ocrq.callId()).isEqualTo(ids.callId());
            assertThat(ocrp.resultCode()).isEqualTo(1);
            assertThat(ocrp.callId()).isEqualTo(ids.peerCallId());
            assertThat(ocrp.peerCallId()).isEqualTo(ids.callId());

            // GRE carries the peer's Call ID (RFC 2637 4.1)
            PptpItem.Gre in = greCarrying(items, "192.0.2.1", CLIENT_LCP).orElseThrow();
            PptpItem.Gre back = greCarrying(items, "192.0.2.2", CLIENT_LCP).orElseThrow();
            PptpItem.Gre greeting = greCarrying(items, "192.0.2.2", EchoPppProgram.LCP_GREETING).orElseThrow();
            assertThat(in.packet().header().callId()).isEqualTo(ocrp.callId());
            assertThat(back.packet().header().callId()).isEqualTo(ocrq.callId());
            assertThat(greeting.packet().header().callId()).isEqualTo(ocrq.callId());
            // pptpd numbers its first packet 0, pptp-linux its first 1; pptpd acks the packet it echoes
            assertThat(greeting.packet().header().sequenceNumber()).hasValue(0);
            assertThat(in.packet().header().sequenceNumber()).hasValue(1);
            assertThat(back.packet().header().sequenceNumber()).hasValue(1);
            assertThat(back.packet().header().ackNumber()).hasValue(1);
        }
    }

    @Test
    void nmapReadsPptpdBanner() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (TwoHosts hosts = TwoHosts.create();
             GreCapture capture = GreCapture.start(hosts.server(), hosts.serverInterface(), dir, "server-side");
             PptpdPeer pptpd = PptpdPeer.start(hosts.server(), dir.resolve("pptpd"),
                     PptpdConfig.of(TwoHosts.SERVER_ADDRESS, ppp.script()))) {
            NmapPeer.PptpVersion version = NmapPeer.scan(hosts.client(), TwoHosts.SERVER_ADDRESS, Duration.ofSeconds(20));

            // what pptpd 1.4.0 announces: vendor "linux", firmware revision 1 (not its version), host "local"
            assertThat(version.portState()).isEqualTo("open");
            assertThat(version.serviceName()).contains("pptp");
            assertThat(version.vendor()).contains("linux");
            assertThat(version.firmware()).hasValue(1);
            assertThat(version.hostname()).contains("local");

            List<PptpItem> items = capture.awaitItems(i -> control(i).size() >= 2, WAIT, "nmap's SCCRQ and pptpd's SCCRP");
            StartControlConnectionRequest sccrq = (StartControlConnectionRequest) control(items).get(0);
            StartControlConnectionReply sccrp = (StartControlConnectionReply) control(items).get(1);
            assertThat(sccrq.vendorString()).isEqualTo("nmap");
            assertThat(version.vendor()).contains(sccrp.vendorString());
            assertThat(version.firmware()).hasValue(sccrp.firmwareRevision());
            assertThat(version.hostname()).contains(sccrp.hostName());
            assertThat(pptpd.awaitControlConnections(1, WAIT)).containsExactly("192.0.2.1");
        }
    }

    @Test
    void kernelHasPptpConntrackHelper() throws Exception {
        try (NatTopology nat = NatTopology.create()) {
            assertThat(nat.pptpHelperProblem())
                    .as("this kernel has no PPTP conntrack helper (nf_conntrack_pptp), so NAT tests cannot run")
                    .isEmpty();
            assertThat(nat.ruleset()).contains("ct helper pptp", "type \"pptp\" protocol tcp",
                    "tcp dport 1723 ct helper set \"pptp\"", "masquerade");
        }
    }

    @Test
    void twoClientsBehindNatReachPptpd() throws Exception {
        RootRequired.check();
        EchoPppProgram ppp = EchoPppProgram.write(dir.resolve("ppp"));
        try (NatTopology nat = NatTopology.create()) {
            Assumptions.assumeTrue(nat.pptpHelper(), () -> "no PPTP conntrack helper: " + nat.pptpHelperProblem().orElseThrow()
                    + " (kernelHasPptpConntrackHelper fails for it)");
            try (GreCapture capture = GreCapture.start(nat.server(), nat.serverInterface(), dir, "server-side");
                 PptpdPeer pptpd = PptpdPeer.start(nat.server(), dir.resolve("pptpd"),
                         PptpdConfig.of(NatTopology.SERVER_ADDRESS, ppp.script()));
                 PptpLinuxPeer first = PptpLinuxPeer.start(nat.client(1), dir.resolve("pptp1"),
                         PptpLinuxOptions.of(NatTopology.SERVER_ADDRESS));
                 PptpLinuxPeer second = PptpLinuxPeer.start(nat.client(2), dir.resolve("pptp2"),
                         PptpLinuxOptions.of(NatTopology.SERVER_ADDRESS))) {
                CallIds firstIds = first.awaitCallEstablished(WAIT);
                CallIds secondIds = second.awaitCallEstablished(WAIT);
                // both come from the router's outside address
                assertThat(pptpd.awaitControlConnections(2, WAIT)).containsExactly("203.0.113.1", "203.0.113.1");
                assertThat(ppp.awaitReady(2, WAIT)).hasSize(2);

                // each client gets the greeting of its own call and the echo of its own frame, not the other's
                Bytes firstLcp = Bytes.fromHex("ff03c021" + "0101000a" + "050611111111");
                Bytes secondLcp = Bytes.fromHex("ff03c021" + "0101000a" + "050622222222");
                assertThat(first.receivePppFrame(WAIT)).contains(EchoPppProgram.LCP_GREETING);
                assertThat(second.receivePppFrame(WAIT)).contains(EchoPppProgram.LCP_GREETING);
                first.sendPppFrame(firstLcp);
                second.sendPppFrame(secondLcp);
                assertThat(first.receivePppFrame(WAIT)).contains(firstLcp);
                assertThat(second.receivePppFrame(WAIT)).contains(secondLcp);
                assertThat(first.receivePppFrame(Duration.ofMillis(300))).isEmpty();
                assertThat(second.receivePppFrame(Duration.ofMillis(300))).isEmpty();

                // the helper tracks both control connections and keys the GRE of each call by its Call IDs
                List<String> conntrack = nat.conntrack();
                String table = String.join("\n", conntrack);
                assertThat(conntrack.stream().filter(l -> l.contains(" tcp ") && l.contains("dport=1723")))
                        .as("router's conntrack:\n%s", table).hasSize(2);
                GreEntry firstGre = greEntry(conntrack, NatTopology.clientAddress(1).getHostAddress()).orElseThrow(
                        () -> new AssertionError("no GRE entry of client 1 in the router's conntrack:\n" + table));
                GreEntry secondGre = greEntry(conntrack, NatTopology.clientAddress(2).getHostAddress()).orElseThrow(
                        () -> new AssertionError("no GRE entry of client 2 in the router's conntrack:\n" + table));
                assertThat(List.of(firstGre.clientKey(), firstGre.serverKey()))
                        .as(table).containsExactly(firstIds.callId(), firstIds.peerCallId());
                assertThat(List.of(secondGre.clientKey(), secondGre.serverKey()))
                        .as(table).containsExactly(secondIds.callId(), secondIds.peerCallId());

                // on the server's side: two calls from 203.0.113.1 with distinct Call IDs
                List<PptpItem> items = capture.awaitItems(i -> greCarrying(i, "203.0.113.1", firstLcp).isPresent()
                        && greCarrying(i, "203.0.113.1", secondLcp).isPresent(), WAIT, "both clients' frames");
                List<OutgoingCallRequest> requests = new ArrayList<>();
                List<OutgoingCallReply> replies = new ArrayList<>();
                for (ControlMessage m : control(items)) {
                    if (m instanceof OutgoingCallRequest r) {
                        requests.add(r);
                    } else if (m instanceof OutgoingCallReply r) {
                        replies.add(r);
                    }
                }
                // nf_nat_pptp gives each client's Call ID a new value on the outside, as the reply tuples say
                assertThat(requests).extracting(OutgoingCallRequest::callId)
                        .containsExactlyInAnyOrder(firstGre.outsideClientKey(), secondGre.outsideClientKey())
                        .doesNotHaveDuplicates();
                assertThat(replies).hasSize(2).allMatch(r -> r.resultCode() == 1);
                assertThat(List.of(firstIds.peerCallId(), secondIds.peerCallId()))
                        .containsExactlyInAnyOrderElementsOf(replies.stream().map(OutgoingCallReply::callId).toList());
            }
        }
    }

    /**
     * A GRE entry of /proc/net/nf_conntrack seen from the client's side: the keys of the client's
     * tuple (its own Call ID, then the server's, which it puts in its GRE) and the key the server
     * puts in its GRE for that call (the client's Call ID as the NAT rewrote it). Which tuple is the
     * original depends on who sent GRE first (pptpd, with its ppp program's greeting).
     */
    record GreEntry(int clientKey, int serverKey, int outsideClientKey) {}

    private static final Pattern GRE_TUPLE =
            Pattern.compile("src=(\\S+) dst=(\\S+) srckey=0x(\\p{XDigit}+) dstkey=0x(\\p{XDigit}+)");

    static Optional<GreEntry> greEntry(List<String> conntrack, String client) {
        for (String line : conntrack) {
            if (!line.contains(" gre ")) {
                continue;
            }
            Matcher m = GRE_TUPLE.matcher(line);
            List<String[]> tuples = new ArrayList<>();
            while (m.find()) {
                tuples.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
            }
            if (tuples.size() != 2) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                String[] fromClient = tuples.get(i);
                String[] toClient = tuples.get(1 - i);
                if (fromClient[0].equals(client)) {
                    return Optional.of(new GreEntry(Integer.parseInt(fromClient[2], 16), Integer.parseInt(fromClient[3], 16),
                            Integer.parseInt(toClient[3], 16)));
                }
            }
        }
        return Optional.empty();
    }

    /** The control messages in capture order. */
    static List<ControlMessage> control(List<PptpItem> items) {
        return items.stream().filter(i -> i instanceof PptpItem.Control).map(i -> ((PptpItem.Control) i).message()).toList();
    }

    /** The first GRE packet from {@code source} whose payload is {@code pppFrame}. */
    static Optional<PptpItem.Gre> greCarrying(List<PptpItem> items, String source, Bytes pppFrame) {
        Predicate<PptpItem> match = i -> i instanceof PptpItem.Gre g && g.source().equals(source)
                && g.packet().payload().equals(pppFrame);
        return items.stream().filter(match).map(i -> (PptpItem.Gre) i).findFirst();
    }

    /** The good frames in HDLC-framed {@code bytes}. */
    static List<Bytes> frames(Bytes bytes) {
        List<Bytes> frames = new ArrayList<>();
        new AsyncHdlcDecoder().feed(bytes.toArray(), e -> {
            if (e instanceof HdlcEvent.Frame f) {
                frames.add(f.frame());
            }
        });
        return frames;
    }
}
