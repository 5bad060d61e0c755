package io.pptp4j.linux.pptp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.engine.CallPolicy;
import io.pptp4j.control.engine.HostIdentity;
import io.pptp4j.linux.testing.RootRequired;
import io.pptp4j.linux.testing.TwoHosts;
import io.pptp4j.wire.DecodeMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link PptpClient#connect} keeps of a server that says no: the Start-Control-Connection-Reply
 * and the refusing Outgoing-Call-Reply travel in the {@link PptpClient.PptpException}. Server and client
 * in two network namespaces; the data plane opens no GRE (no call is connected).
 */
class PptpClientRefusalTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress SERVER = new InetSocketAddress(TwoHosts.SERVER_ADDRESS, 1723);

    private TwoHosts hosts;
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @BeforeEach
    void hosts() throws IOException {
        RootRequired.check();
        hosts = TwoHosts.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (AutoCloseable c : closing) c.close();
        } finally {
            if (hosts != null) hosts.close();
        }
    }

    @Test
    void aRefusedCallCarriesTheServersStartReplyAndTheOutgoingCallReplysCodes() throws Exception {
        // a server that takes no calls: every Outgoing-Call-Request is over its limit of 0
        PptpServer server = hosts.inServer(() -> PptpServer.start(PptpServer.Config.of(SERVER, "gw")
                        .withIdentity(new HostIdentity("gw", "ExampleVendor", HostIdentity.ANY_FRAMING, HostIdentity.ANY_BEARER, 0, 42))
                        .withPolicy(CallPolicy.server().withMaxCalls(0)),
                new PptpServerLoopbackTest.RecordingDataPlane(), CallHandler.discard(), e -> { }));
        closing.add(server);

        PptpClient.PptpException e = hosts.inClient(() -> catchThrowableOfType(PptpClient.PptpException.class,
                () -> PptpClient.connect(SERVER, PptpClient.Options.defaults(), new PptpServerLoopbackTest.RecordingDataPlane(),
                        WAIT, f -> { })));

        assertThat(e).hasMessage("the server refused the call: Outgoing-Call-Reply Result Code 2 (General Error), "
                + "Error Code 4 (No-Resource), Cause Code 0");
        assertThat(e.reply()).hasValueSatisfying(r -> {
            assertThat(r.resultCode()).isEqualTo(1);
            assertThat(r.vendorString()).isEqualTo("ExampleVendor");
            assertThat(r.firmwareRevision()).isEqualTo(42);
        });
        assertThat(e.callReply()).hasValueSatisfying(r -> {
            assertThat(r.resultCode()).isEqualTo(2);
            assertThat(r.errorCode()).isEqualTo(4);
            assertThat(r.causeCode()).isZero();
            assertThat(r.peerCallId()).isEqualTo(PptpClient.Options.defaults().callId());
        });
    }

    @Test
    void aRefusedControlConnectionCarriesTheRefusingStartReply() throws Exception {
        ControlMessage.StartControlConnectionReply refusal = new ControlMessage.StartControlConnectionReply(
                0x0100, 4, 0, 1, 1, 1, 7, "gw", "Refuser");
        // a server that reads the request and answers Result Code 4, Not authorized
        ServerSocket listener = hosts.inServer(() -> new ServerSocket(SERVER.getPort(), 1, SERVER.getAddress()));
        closing.add(listener);
        Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                InputStream in = s.getInputStream();
                byte[] request = in.readNBytes(156);
                ControlMessageCodec.decode(request, DecodeMode.STRICT);
                s.getOutputStream().write(ControlMessageCodec.encode(refusal));
                s.getOutputStream().flush();
                in.read(); // until the client closes
            } catch (IOException | io.pptp4j.wire.DecodeException ignored) {
                // the test's assertions say what went wrong
            }
        });

        PptpClient.PptpException e = hosts.inClient(() -> catchThrowableOfType(PptpClient.PptpException.class,
                () -> PptpClient.connect(SERVER, PptpClient.Options.defaults(), new PptpServerLoopbackTest.RecordingDataPlane(),
                        WAIT, f -> { })));

        assertThat(e).hasMessage("the server refused the control connection: Start-Control-Connection-Reply Result Code "
                + "4 (Requester is not authorized to establish a command channel), Error Code 0 (None)");
        assertThat(e.reply()).contains(refusal);
        assertThat(e.callReply()).isEmpty();
    }
}
