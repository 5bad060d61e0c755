package io.pptp4j.tools.lab;

import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.fsm.ipcp.IpcpConfig;
import io.pptp4j.ppp.fsm.ipcp.RangeAddressPool;
import io.pptp4j.ppp.options.Ipv4;
import io.pptp4j.ppp.session.PppSession;
import io.pptp4j.ppp.session.SessionAction;
import io.pptp4j.ppp.session.SessionConfig;
import io.pptp4j.ppp.session.SessionResult;
import io.pptp4j.wire.Bytes;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The lab without privileges: our PPP server and client engines pumped against each other in memory
 * (the engines take events and return actions, so no socket is needed): LCP, MS-CHAP v2, CCP with
 * MPPE-128 and IPCP, then one IP datagram encrypted one way and decrypted the other.
 */
final class InMemoryLab {
    private static final int MAX_STEPS = 10_000;
    private final PrintWriter out;

    InMemoryLab(PrintWriter out) { this.out = out; }

    int run() {
        SessionConfig serverConfig = SessionConfig.server("pptp4j-lab",
                (client, server) -> client.equals("lab") ? Optional.of(Secret.of("correct horse battery")) : Optional.empty(),
                IpcpConfig.server(Ipv4.parse("198.51.100.1").orElseThrow(),
                        new RangeAddressPool(Ipv4.parse("198.51.100.10").orElseThrow(), Ipv4.parse("198.51.100.19").orElseThrow()),
                        List.of(Ipv4.parse("198.51.100.53").orElseThrow()), List.of()),
                new SecureRandom(), RandomGenerator.getDefault());
        SessionConfig clientConfig = SessionConfig.client("lab", "correct horse battery".toCharArray(), new SecureRandom(),
                RandomGenerator.getDefault());
        PppSession server = new PppSession(serverConfig);
        PppSession client = new PppSession(clientConfig);
        Deque<Bytes> toServer = new ArrayDeque<>();
        Deque<Bytes> toClient = new ArrayDeque<>();
        List<SessionAction> serverActions = new ArrayList<>();
        List<SessionAction> clientActions = new ArrayList<>();
        long now = 0;
        route(server.open(now), toClient, serverActions);
        route(client.open(now), toServer, clientActions);
        int frames = 0;
        for (int i = 0; i < MAX_STEPS && (!toServer.isEmpty() || !toClient.isEmpty())
                && (server.result().isEmpty() || client.result().isEmpty()); i++) {
            now += 1_000_000;
            if (!toServer.isEmpty()) {
                frames++;
                route(server.onFrame(toServer.poll(), now), toClient, serverActions);
            }
            if (!toClient.isEmpty()) {
                frames++;
                route(client.onFrame(toClient.poll(), now), toServer, clientActions);
            }
        }
        if (server.result().isEmpty() || client.result().isEmpty()) {
            out.println("  (the in-memory session did not reach the network phase: " + server.phase() + "/" + client.phase() + ")");
            return 1;
        }
        SessionResult c = client.result().get();
        step("ppp", "server and client engines pumped in memory: " + frames + " PPP frames to the network phase");
        step("auth", c.authProtocol().map(Enum::name).orElse("none") + " as \"lab\", the server proved it knows the password (S=)");
        step("ccp", "MPPE " + c.mppeBits() + "-bit " + (c.mppeStateless() ? "stateless" : "stateful"));
        step("ipcp", "client " + c.localAddress().getHostAddress() + ", server " + c.remoteAddress().getHostAddress()
                + ", DNS " + c.dnsServers().stream().map(a -> a.getHostAddress()).toList() + ", MTU " + c.interfaceMtu());
        Bytes datagram = Bytes.fromHex("4500001c0000400040010000c6336" + "40ac6336401" + "0800f7ff00000000");
        List<SessionAction> sent = client.sendDatagram(datagram, now);
        Bytes frame = sent.stream().filter(a -> a instanceof SessionAction.SendFrame).map(a -> ((SessionAction.SendFrame) a).pppFrame())
                .findFirst().orElseThrow();
        List<SessionAction> received = server.onFrame(frame, now);
        boolean same = received.stream().anyMatch(a -> a instanceof SessionAction.DeliverDatagram d && d.ipPacket().equals(datagram));
        step("data", "an ICMP echo of " + datagram.length() + " octets crossed as PPP protocol 0x00FD: "
                + frame.slice(0, Math.min(frame.length(), 12)).hex() + "... and came out " + (same ? "intact" : "DIFFERENT"));
        return same ? 0 : 1;
    }

    private static void route(List<SessionAction> actions, Deque<Bytes> to, List<SessionAction> log) {
        for (SessionAction a : actions) {
            log.add(a);
            if (a instanceof SessionAction.SendFrame f) {
                to.add(f.pppFrame());
            }
        }
    }

    private void step(String layer, String text) {
        out.printf("  %-8s %s%n", layer, text);
        out.flush();
    }
}
