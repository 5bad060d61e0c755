package io.pptp4j.ppp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptp4j.wire.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Server and client through a link that drops, duplicates and reorders frames (seeded, bounded). */
class PppSessionLossyLinkProperties {

    @Property(tries = 25)
    void bothReachNetworkUpAndDatagramsArriveUncorrupted(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        SessionLink link = new SessionLink(new PppSession(PppSessionTest.server()), new PppSession(PppSessionTest.client("wonderland")),
                seed, 0.15, 0.1, 300_000_000L);
        link.openBoth();
        assertThat(link.runUntilBothUp(300 * PppSessionTest.SECOND))
                .as("seed %d: server %s client %s", seed, link.server.phase(), link.client.phase()).isTrue();
        assertThat(link.client.result().orElseThrow().mppeBits()).isEqualTo(128);
        // late duplicates of Configure-Requests renegotiate IPCP or CCP (RFC 1661 4.3, RCR+ in Opened): let them settle
        assertThat(link.runUntilQuiet(link.now + 120 * PppSessionTest.SECOND)).as("seed %d settles", seed).isTrue();
        assertThat(link.server.encrypting() && link.client.encrypting()).as("seed %d: MPPE runs on both", seed).isTrue();
        assertThat(link.server.phase()).isEqualTo(Phase.NETWORK);
        assertThat(link.client.phase()).isEqualTo(Phase.NETWORK);

        Set<Bytes> fromClient = new HashSet<>();
        Set<Bytes> fromServer = new HashSet<>();
        int serverMark = link.serverActions.size();
        int clientMark = link.clientActions.size();
        for (int i = 0; i < 40; i++) {
            fromClient.add(PppSessionTest.datagram(i));
            fromServer.add(PppSessionTest.datagram(1000 + i));
            link.sendFromClient(PppSessionTest.datagram(i));
            link.sendFromServer(PppSessionTest.datagram(1000 + i));
            link.runUntilQuiet(link.now + 100_000_000L);
        }
        link.runUntilQuiet(link.now + 30 * PppSessionTest.SECOND);
        List<Bytes> atServer = new ArrayList<>(PppSessionTest.delivered(link.serverActions.subList(serverMark, link.serverActions.size())));
        List<Bytes> atClient = new ArrayList<>(PppSessionTest.delivered(link.clientActions.subList(clientMark, link.clientActions.size())));
        assertThat(atServer).as("seed %d", seed).isNotEmpty().allMatch(fromClient::contains).doesNotHaveDuplicates();
        assertThat(atClient).as("seed %d", seed).isNotEmpty().allMatch(fromServer::contains).doesNotHaveDuplicates();
    }
}
