package io.pptp4j.tools.pptp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.engine.ControlAction;
import io.pptp4j.control.engine.ControlTimers;
import io.pptp4j.linux.pptp.GreDataPlane;
import io.pptp4j.linux.pptp.PptpClient;
import io.pptp4j.tools.UserException;
import io.pptp4j.tools.render.TreeRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pptp4j connect}: the client through control connection and call set-up. */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to a PPTP server: start the control connection, place an outgoing call, open its GRE session "
                + "(raw socket: needs root or CAP_NET_RAW), and report what the server said: every SCCRP field, the call "
                + "result, the server's call ID and window.",
                "Exit code 0 only when the call is connected; otherwise a clear reason and 1."})
public final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "HOST", description = "the server")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "1723", description = "TCP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10", description = "for connection and call set-up (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0",
            description = "keep the call up this long before clearing it (default: ${DEFAULT-VALUE})")
    int hold;

    @Option(names = "--hostname", paramLabel = "H", defaultValue = "pptp4j", description = "Host Name in our SCCRQ (default: ${DEFAULT-VALUE})")
    String hostName;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (port < 1 || port > 65535) throw new UserException("--port " + port + ": must be 1 to 65535", 2);
        InetSocketAddress server = HostPort.parse(host, port);
        if (server.getPort() != port && host.indexOf(':') < 0) server = new InetSocketAddress(server.getAddress(), port);
        AtomicLong framesIn = new AtomicLong();
        PptpClient.Options options = new PptpClient.Options(hostName, 1, 1, 64, ControlTimers.DEFAULT);
        PptpClient client;
        try {
            client = PptpClient.connect(server, options, new GreDataPlane(), Duration.ofSeconds(timeout), f -> framesIn.incrementAndGet());
        } catch (PptpClient.PptpException e) {
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("server", server.toString());
                o.put("connected", false);
                o.put("error", e.getMessage());
                out.println(new ObjectMapper().writeValueAsString(o));
            }
            throw new UserException(server + ": " + e.getMessage());
        }
        try {
            ControlMessage.StartControlConnectionReply r = client.reply();
            ControlAction.CallConnected c = client.call();
            if (json) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.put("server", server.toString());
                o.put("connected", true);
                o.set("sccrp", TreeRenderer.toTree(r));
                ObjectNode call = o.putObject("call");
                call.put("call_id", c.callId());
                call.put("peer_call_id", c.peerCallId());
                call.put("peer_window", c.peerPacketRecvWindowSize());
                call.put("peer_processing_delay", c.peerPacketProcessingDelay());
                call.put("connect_speed", c.connectSpeed());
                call.set("ocrp", TreeRenderer.toTree(c.peerMessage()));
                out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                out.printf("connected to %s%n", server);
                out.printf("  SCCRP   version %d.%d, result %d, error %d, host \"%s\", vendor \"%s\", firmware %d, "
                                + "framing 0x%X, bearer 0x%X, max channels %d%n",
                        r.protocolVersion() >> 8, r.protocolVersion() & 0xFF, r.resultCode(), r.errorCode(), r.hostName(),
                        r.vendorString(), r.firmwareRevision(), r.framingCapabilities(), r.bearerCapabilities(), r.maximumChannels());
                out.printf("  call    connected: our call ID %d, server call ID %d, server window %d, delay %d, speed %d%n",
                        c.callId(), c.peerCallId(), c.peerPacketRecvWindowSize(), c.peerPacketProcessingDelay(), c.connectSpeed());
            }
            out.flush();
            if (hold > 0) {
                Thread.sleep(Duration.ofSeconds(hold));
            }
        } finally {
            client.close();
        }
        return 0;
    }
}
