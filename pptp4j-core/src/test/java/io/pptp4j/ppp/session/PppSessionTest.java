package io.pptp4j.ppp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.auth.engine.SecretLookup;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.ipcp.RangeAddressPool;
import io.pptp4j.ppp.fsm.lcp.LcpConfig;
import io.pptp4j.ppp.ipcp.Ipcp;
import io.pptp4j.wire.Bytes;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PppSessionTest {
    static final long SECOND = 1_000_000_000L;
    static final SecretLookup SECRETS = (client, server) ->
            client.equals("alice") ? Optional.of(Secret.of("wonderland")) : Optional.empty();

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static SessionConfig server() {
        IpcpConfig ipcp = IpcpConfig.server(Ipcp.ipv4("192.168.77.1"),
                new RangeAddressPool(Ipcp.ipv4("192.168.77.10"), Ipcp.ipv4("192.168.77.20")),
                List.of(Ipcp.ipv4("9.9.9.9"), Ipcp.ipv4("1.1.1.1")), List.of());
        return SessionConfig.server("pptp4j", SECRETS, ipcp, seeded(1), new Random(2));
    }

    static SessionConfig client(String password) {
        return SessionConfig.client("alice", password.toCharArray(), seeded(3), new Random(4));
    }

    static Bytes datagram(int n) {
        byte[] b = new byte[20 + n % 50];
        b[0] = 0x45;
        for (int i = 1; i < b.length; i++) b[i] = (byte) (n * 31 + i);
        return Bytes.of(b);
    }

    static SessionLink up(SessionConfig server, SessionConfig client) {
        SessionLink link = SessionLink.clean(new PppSession(server), new PppSession(client));
        link.openBoth();
        assertThat(link.runUntilBothUp(60 * SECOND)).as("both up; server %s client %s", link.serverActions, link.clientActions).isTrue();
        return link;
    }

    static String terminated(List<SessionAction> actions) {
        return actions.stream().filter(a -> a instanceof SessionAction.Terminated).map(a -> ((SessionAction.Terminated) a).reason())
                .findFirst().orElseThrow(() -> new AssertionError("not terminated: " + actions));
    }

    static List<Bytes> delivered(List<SessionAction> actions) {
        return actions.stream().filter(a -> a instanceof SessionAction.DeliverDatagram).map(a -> ((SessionAction.DeliverDatagram) a).ipPacket())
                .toList();
    }

    @Test
    void msChapV2WithStatelessMppe128BringsBothSidesUpWithMatchingResults() {
        SessionLink link = up(server(), client("wonderland"));
        SessionResult s = link.server.result().orElseThrow();
        SessionResult c = link.client.result().orElseThrow();
        assertThat(c.authProtocol()).contains(AuthProtocol.MS_CHAP_V2);
        assertThat(s.authProtocol()).contains(AuthProtocol.MS_CHAP_V2);
        assertThat(s.peerName()).isEqualTo("alice");
        assertThat(c.mppeBits()).isEqualTo(128);
        assertThat(c.mppeStateless()).isTrue();
        assertThat(s.mppe()).isEqualTo(c.mppe());
        assertThat(c.mppe().orElseThrow().strength()).isEqualTo(SupportedBit.S);
        assertThat(c.localAddress()).isEqualTo(Ipcp.ipv4("192.168.77.10"));
        assertThat(c.remoteAddress()).isEqualTo(Ipcp.ipv4("192.168.77.1"));
        assertThat(s.localAddress()).isEqualTo(c.remoteAddress());
        assertThat(s.remoteAddress()).isEqualTo(c.localAddress());
        assertThat(c.dnsServers()).containsExactly(Ipcp.ipv4("9.9.9.9"), Ipcp.ipv4("1.1.1.1"));
        assertThat(c.peerMru()).isEqualTo(1400);
        assertThat(s.peerMru()).isEqualTo(1400);
        assertThat(link.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(link.client.phase()).isEqualTo(Phase.NETWORK);
    }

    @Test
    void phasesFollowRfc1661FromDeadToNetwork() {
        SessionLink link = up(server(), client("wonderland"));
        assertThat(link.of(link.clientActions, SessionAction.PhaseChanged.class)).containsExactly(
                new SessionAction.PhaseChanged(Phase.DEAD, Phase.ESTABLISH),
                new SessionAction.PhaseChanged(Phase.ESTABLISH, Phase.AUTHENTICATE),
                new SessionAction.PhaseChanged(Phase.AUTHENTICATE, Phase.NETWORK));
        assertThat(link.of(link.serverActions, SessionAction.Authenticated.class)).singleElement()
                .satisfies(a -> assertThat(a.outcome().peerName()).isEqualTo("alice"));
    }

    @Test
    void datagramsCrossEncryptedBothWaysAndNoClearIpFrameFollowsNetworkUp() {
        SessionLink link = up(server(), client("wonderland"));
        int wireMark = link.wire.size();
        int serverMark = link.serverActions.size();
        int clientMark = link.clientActions.size();
        for (int i = 0; i < 20; i++) {
            link.sendFromClient(datagram(i));
            link.sendFromServer(datagram(100 + i));
        }
        link.runUntilQuiet(link.now + 10 * SECOND);
        List<Bytes> atServer = delivered(link.serverActions.subList(serverMark, link.serverActions.size()));
        List<Bytes> atClient = delivered(link.clientActions.subList(clientMark, link.clientActions.size()));
        assertThat(atServer).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).mapToObj(PppSessionTest::datagram).toList());
        assertThat(atClient).containsExactlyElementsOf(java.util.stream.IntStream.range(100, 120).mapToObj(PppSessionTest::datagram).toList());
        List<Integer> protocols = link.wire.subList(wireMark, link.wire.size()).stream().map(SessionLink.WireFrame::protocol).toList();
        assertThat(protocols).hasSize(40).containsOnly(PppProtocol.COMPRESSED_DATAGRAM.value());
        // the plaintext does not appear on the wire
        assertThat(link.wire.subList(wireMark, link.wire.size()).stream().map(f -> f.bytes().hex()))
                .noneMatch(h -> h.contains(datagram(3).hex().substring(4, 30)));
    }

    @Test
    void lcpFramesStayUncompressedWhileOthersUseAcfcAndPfc() {
        SessionLink link = up(server(), client("wonderland"));
        link.sendFromClient(datagram(1));
        for (SessionLink.WireFrame f : link.wire) {
            if (f.protocol() == PppProtocol.LCP.value()) {
                assertThat(f.bytes().hex()).startsWith("ff03c021");
            }
        }
        SessionLink.WireFrame last = link.wire.getLast();
        assertThat(last.frame().addressControlPresent()).isFalse();
        assertThat(last.frame().protocolCompressed()).isTrue();
        assertThat(last.bytes().get(0)).isEqualTo(0xFD);
    }

    @Test
    void wrongPasswordTerminatesBothWithTheServersFailureMessage() {
        SessionLink link = SessionLink.clean(new PppSession(server()), new PppSession(client("looking-glass")));
        link.openBoth();
        link.runUntilQuiet(60 * SECOND);
        assertThat(terminated(link.clientActions)).startsWith("authentication failed: Failure E=691 R=0 ")
                .endsWith(" V=3 M=Authentication failed");
        assertThat(terminated(link.serverActions)).isEqualTo("authentication failed: wrong response from alice");
        assertThat(link.server.phase()).isEqualTo(Phase.DEAD);
        assertThat(link.client.phase()).isEqualTo(Phase.DEAD);
        assertThat(link.of(link.clientActions, SessionAction.NetworkUp.class)).isEmpty();
    }

    @Test
    void clientAllowingOnlyPapAgainstSecureDefaultServerFindsNoCommonAuthentication() {
        SessionConfig papOnly = client("wonderland").withLcp(LcpConfig.pptpClient().withAuthProtocols(
                List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionLink link = SessionLink.clean(new PppSession(server()), new PppSession(papOnly));
        link.openBoth();
        link.runUntilQuiet(120 * SECOND);
        assertThat(terminated(link.serverActions))
                .isEqualTo("no common authentication: peer refuses authentication by every allowed protocol [MS_CHAP_V2]");
        assertThat(terminated(link.clientActions))
                .isEqualTo("peer terminated the link: peer refuses authentication by every allowed protocol [MS_CHAP_V2]");
        assertThat(link.of(link.clientActions, SessionAction.PhaseChanged.class))
                .doesNotContain(new SessionAction.PhaseChanged(Phase.ESTABLISH, Phase.AUTHENTICATE));
    }

    @Test
    void clientWithoutMppeAgainstServerRequiringItIsRefusedEncryption() {
        SessionLink link = SessionLink.clean(new PppSession(server()),
                new PppSession(client("wonderland").withMppe(Optional.empty())));
        link.openBoth();
        link.runUntilQuiet(120 * SECOND);
        assertThat(terminated(link.serverActions)).isEqualTo("encryption refused: CCP: peer rejected protocol 0x80FD");
        assertThat(terminated(link.clientActions))
                .isEqualTo("peer terminated the link: encryption refused: CCP: peer rejected protocol 0x80FD");
        assertThat(link.of(link.serverActions, SessionAction.NetworkUp.class)).isEmpty();
    }

    @Test
    void requiredMppeAfterPapTerminatesForLackOfKeys() {
        SessionConfig papServer = server().withAllowPap(true)
                .withLcp(LcpConfig.pptpServer().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionConfig papClient = client("wonderland")
                .withLcp(LcpConfig.pptpClient().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionLink link = SessionLink.clean(new PppSession(papServer), new PppSession(papClient));
        link.openBoth();
        link.runUntilQuiet(120 * SECOND);
        assertThat(terminated(link.serverActions)).isEqualTo("encryption refused: MPPE needs MS-CHAP keys");
    }

    @Test
    void papServerWithoutPapPermissionRefusesIt() {
        SessionConfig papServer = server()
                .withLcp(LcpConfig.pptpServer().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionConfig papClient = client("wonderland")
                .withLcp(LcpConfig.pptpClient().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionLink link = SessionLink.clean(new PppSession(papServer), new PppSession(papClient));
        link.openBoth();
        link.runUntilQuiet(120 * SECOND);
        assertThat(terminated(link.serverActions)).startsWith("no common authentication: PAP");
    }

    @Test
    void papWithoutMppeWhenAllowedCarriesDatagramsInClear() {
        SessionConfig papServer = server().withAllowPap(true).withMppe(Optional.empty())
                .withLcp(LcpConfig.pptpServer().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionConfig papClient = client("wonderland").withMppe(Optional.of(new MppeConfig(
                        java.util.Set.of(SupportedBit.S), MppeConfig.Statefulness.STATELESS_REQUIRED, false)))
                .withLcp(LcpConfig.pptpClient().withAuthProtocols(List.of(io.pptp4j.ppp.fsm.lcp.AuthProtocol.PAP)));
        SessionLink link = up(papServer, papClient);
        assertThat(link.client.result().orElseThrow().authProtocol()).contains(AuthProtocol.PAP);
        assertThat(link.client.result().orElseThrow().mppeBits()).isZero();
        assertThat(link.server.result().orElseThrow().peerName()).isEqualTo("alice");
        int wireMark = link.wire.size();
        int serverMark = link.serverActions.size();
        link.sendFromClient(datagram(7));
        link.runUntilQuiet(link.now + 10 * SECOND);
        assertThat(delivered(link.serverActions.subList(serverMark, link.serverActions.size()))).containsExactly(datagram(7));
        assertThat(link.wire.subList(wireMark, link.wire.size())).extracting(SessionLink.WireFrame::protocol)
                .containsExactly(PppProtocol.IPV4.value());
    }

    @Test
    void unknownProtocolIsAnsweredWithLcpProtocolReject() {
        SessionLink link = up(server(), client("wonderland"));
        // IPV6CP Configure-Request, Interface-Identifier option, as Windows sends it
        Bytes ipv6cp = Bytes.fromHex("ff038057010100 0e 010a0102030405060708".replace(" ", ""));
        List<SessionAction> actions = link.server.onFrame(ipv6cp, link.now);
        List<SessionAction.SendFrame> sent = link.of(actions, SessionAction.SendFrame.class);
        assertThat(sent).hasSize(1);
        String hex = sent.getFirst().pppFrame().hex();
        // FF 03 C0 21, code 8 (Protocol-Reject), id, length 0x0014, rejected protocol 8057, the IPV6CP packet
        assertThat(hex).startsWith("ff03c02108");
        assertThat(hex.substring(12)).isEqualTo("0014" + "8057" + "0101000e010a0102030405060708");
    }

    @Test
    void echoRequestIsAnswered() {
        SessionLink link = up(server(), client("wonderland"));
        Bytes echo = Bytes.fromHex("ff03c021090700080000000" + "0");
        List<SessionAction> actions = link.server.onFrame(echo, link.now);
        List<SessionAction.SendFrame> sent = link.of(actions, SessionAction.SendFrame.class);
        assertThat(sent).singleElement().satisfies(f -> assertThat(f.pppFrame().hex()).startsWith("ff03c0210a070008"));
    }

    @Test
    void closeTerminatesBothSidesThroughTerminatePhase() {
        SessionLink link = up(server(), client("wonderland"));
        link.handle(link.client.close("user request", link.now), false);
        link.runUntilQuiet(link.now + 60 * SECOND);
        assertThat(terminated(link.clientActions)).isEqualTo("user request");
        assertThat(terminated(link.serverActions)).isEqualTo("peer terminated the link: user request");
        assertThat(link.of(link.clientActions, SessionAction.PhaseChanged.class)).contains(
                new SessionAction.PhaseChanged(Phase.NETWORK, Phase.TERMINATE),
                new SessionAction.PhaseChanged(Phase.TERMINATE, Phase.DEAD));
        assertThat(link.server.phase()).isEqualTo(Phase.DEAD);
    }

    @Test
    void datagramsBeforeNetworkUpAreDropped() {
        PppSession s = new PppSession(server());
        s.open(0);
        assertThat(s.sendDatagram(datagram(1), 0)).noneMatch(a -> a instanceof SessionAction.SendFrame);
    }

    @Test
    void ccpResetRequestIsAnsweredWithResetAck() {
        SessionLink link = up(server(), client("wonderland"));
        // CCP Reset-Request, Identifier 5, no data; ACFC in force so no FF 03
        List<SessionAction> actions = link.server.onFrame(Bytes.fromHex("80fd0e050004"), link.now);
        assertThat(link.of(actions, SessionAction.SendFrame.class)).singleElement()
                .satisfies(f -> assertThat(f.pppFrame().hex()).isEqualTo("80fd0f050004"));
    }

    @Test
    void clearDatagramIsDroppedWhileMppeRuns() {
        SessionLink link = up(server(), client("wonderland"));
        List<SessionAction> actions = link.server.onFrame(Bytes.fromHex("21" + datagram(1).hex()), link.now);
        assertThat(delivered(actions)).isEmpty();
        assertThat(actions).anyMatch(a -> a instanceof SessionAction.Log l && l.message().contains("clear datagram dropped"));
    }

    @Test
    void silentPeerIsDeclaredDeadByLcpKeepalive() {
        SessionLink link = up(server().withKeepalive(java.time.Duration.ofSeconds(10), 3), client("wonderland"));
        long t = link.now;
        List<SessionAction> all = new java.util.ArrayList<>();
        for (int i = 0; i < 100 && link.server.phase() != Phase.DEAD; i++) {
            t = link.server.nextDeadlineNanos().orElseThrow();
            all.addAll(link.server.onTick(t));
        }
        assertThat(terminated(all)).isEqualTo("peer dead: no LCP Echo-Reply to 3 Echo-Requests");
        long echoes = link.of(all, SessionAction.SendFrame.class).stream().filter(f -> f.pppFrame().hex().startsWith("ff03c02109")).count();
        assertThat(echoes).isEqualTo(3);
    }

    @Test
    void answeringPeerStaysAliveUnderKeepalive() {
        SessionLink link = up(server().withKeepalive(java.time.Duration.ofSeconds(10), 3), client("wonderland"));
        link.runUntilQuiet(link.now + 300 * SECOND);
        assertThat(link.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(link.of(link.serverActions, SessionAction.Terminated.class)).isEmpty();
        assertThat(link.wire).filteredOn(f -> f.bytes().hex().startsWith("ff03c0210a")).hasSizeGreaterThan(20);
    }

    static SessionConfig withAuth(SessionConfig c, io.pptp4j.ppp.fsm.lcp.AuthProtocol p) {
        return c.withLcp((c.role() == Role.SERVER ? LcpConfig.pptpServer() : LcpConfig.pptpClient()).withAuthProtocols(List.of(p)));
    }

    static SessionConfig withStrength(SessionConfig c, SupportedBit strength) {
        return c.withMppe(Optional.of(new MppeConfig(java.util.Set.of(strength), MppeConfig.Statefulness.STATELESS_REQUIRED, true)));
    }

    static void assertDatagramsCross(SessionLink link) {
        int serverMark = link.serverActions.size();
        int clientMark = link.clientActions.size();
        link.sendFromClient(datagram(5));
        link.sendFromServer(datagram(6));
        link.runUntilQuiet(link.now + 10 * SECOND);
        assertThat(delivered(link.serverActions.subList(serverMark, link.serverActions.size()))).containsExactly(datagram(5));
        assertThat(delivered(link.clientActions.subList(clientMark, link.clientActions.size()))).containsExactly(datagram(6));
    }

    @Test
    void msChapV2WithMppe40CutsTheKeysAndCarriesDatagrams() {
        SessionLink link = up(withStrength(server(), SupportedBit.L), withStrength(client("wonderland"), SupportedBit.L));
        assertThat(link.client.result().orElseThrow().mppeBits()).isEqualTo(40);
        assertThat(link.server.result().orElseThrow().mppeBits()).isEqualTo(40);
        assertDatagramsCross(link);
    }

    @Test
    void msChapV1WithMppe128CarriesDatagrams() {
        io.pptp4j.ppp.fsm.lcp.AuthProtocol v1 = io.pptp4j.ppp.fsm.lcp.AuthProtocol.MS_CHAP;
        SessionLink link = up(withAuth(server(), v1), withAuth(client("wonderland"), v1));
        assertThat(link.client.result().orElseThrow().authProtocol()).contains(AuthProtocol.MS_CHAP);
        assertThat(link.client.result().orElseThrow().mppeBits()).isEqualTo(128);
        assertDatagramsCross(link);
    }

    @Test
    void msChapV1WithMppe56TakesKeysFromTheLmHash() {
        io.pptp4j.ppp.fsm.lcp.AuthProtocol v1 = io.pptp4j.ppp.fsm.lcp.AuthProtocol.MS_CHAP;
        SessionLink link = up(withStrength(withAuth(server(), v1), SupportedBit.M),
                withStrength(withAuth(client("wonderland"), v1), SupportedBit.M));
        assertThat(link.server.result().orElseThrow().mppeBits()).isEqualTo(56);
        assertDatagramsCross(link);
    }

    @Test
    void chapMd5WithoutMppeCarriesDatagramsInClear() {
        io.pptp4j.ppp.fsm.lcp.AuthProtocol md5 = io.pptp4j.ppp.fsm.lcp.AuthProtocol.CHAP_MD5;
        SessionLink link = up(withAuth(server(), md5).withMppe(Optional.empty()), withAuth(client("wonderland"), md5).withMppe(Optional.empty()));
        assertThat(link.server.result().orElseThrow().authProtocol()).contains(AuthProtocol.CHAP_MD5);
        assertThat(link.server.result().orElseThrow().mppe()).isEmpty();
        assertDatagramsCross(link);
    }

    @Test
    void acceptsUncompressedFrameWhenPfcAndAcfcAreNegotiated() throws Exception {
        SessionLink link = up(server(), client("wonderland"));
        Bytes compressed = link.of(link.client.sendDatagram(datagram(9), link.now), SessionAction.SendFrame.class).getFirst().pppFrame();
        io.pptp4j.ppp.PppFrame f = io.pptp4j.ppp.PppFrameCodec.decode(compressed.toArray());
        Bytes full = Bytes.of(io.pptp4j.ppp.PppFrameCodec.encode(io.pptp4j.ppp.PppFrame.of(f.protocol(), f.information())));
        assertThat(full.hex()).startsWith("ff0300fd");
        assertThat(delivered(link.server.onFrame(full, link.now))).containsExactly(datagram(9));
    }

    @Test
    void ncpFrameDuringEstablishIsDiscarded() {
        PppSession s = new PppSession(server());
        s.open(0);
        // IPCP Configure-Request with IP-Address 0.0.0.0
        List<SessionAction> actions = s.onFrame(Bytes.fromHex("ff0380210101000a030600000000"), 1);
        assertThat(actions).noneMatch(a -> a instanceof SessionAction.SendFrame);
        assertThat(actions).containsExactly(new SessionAction.Log("discarded IPCP frame in phase ESTABLISH"));
    }
}
