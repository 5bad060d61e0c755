package io.pptp4j.tools.scan;

import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.control.ControlMessageType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * A minimal, fast PPTP responder for the scan benchmark (bench/scan-vs-nmap.sh), not a server: one
 * thread, one selector; it answers each Start-Control-Connection-Request with a fixed successful reply
 * and each Stop-Control-Connection-Request with a reply, then closes. Anything else closes the
 * connection. Usage: {@code java -cp ... io.pptp4j.tools.scan.BenchResponder [ADDRESS [PORT]]}.
 */
public final class BenchResponder {
    private static final byte[] SCCRP = ControlMessageCodec.encode(new ControlMessage.StartControlConnectionReply(
            ControlMessageCodec.PROTOCOL_VERSION, 1, 0, 1, 1, 1, 4242, "bench-responder", "pptp4j-bench"));
    private static final byte[] STOPCCRP = ControlMessageCodec.encode(new ControlMessage.StopControlConnectionReply(1, 0));
    private static final int SCCRQ = ControlMessageType.START_CONTROL_CONNECTION_REQUEST.value();
    private static final int STOPCCRQ = ControlMessageType.STOP_CONTROL_CONNECTION_REQUEST.value();

    private BenchResponder() {}

    public static void main(String[] args) throws IOException {
        String address = args.length > 0 ? args[0] : "0.0.0.0";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : ControlMessageCodec.TCP_PORT;
        try (Selector selector = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(address, port), 4096);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            System.out.println("bench responder listening on " + server.getLocalAddress());
            System.out.flush();
            ByteBuffer sccrp = ByteBuffer.wrap(SCCRP);
            ByteBuffer stopccrp = ByteBuffer.wrap(STOPCCRP);
            while (true) {
                selector.select();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (!key.isValid()) continue;
                    if (key.isAcceptable()) {
                        SocketChannel c;
                        while ((c = server.accept()) != null) {
                            c.configureBlocking(false);
                            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(256));
                        }
                    } else if (key.isReadable()) {
                        serve((SocketChannel) key.channel(), (ByteBuffer) key.attachment(), key, sccrp, stopccrp);
                    }
                }
            }
        }
    }

    /** Reads what is there; answers every whole message in the buffer. Replies are small: one write suffices. */
    private static void serve(SocketChannel c, ByteBuffer in, SelectionKey key, ByteBuffer sccrp, ByteBuffer stopccrp) {
        try {
            if (c.read(in) < 0) {
                close(c, key);
                return;
            }
            in.flip();
            while (in.remaining() >= ControlMessageCodec.HEADER_LENGTH) {
                int length = in.getShort(in.position()) & 0xFFFF;
                int type = in.getShort(in.position() + 8) & 0xFFFF;
                if (length < ControlMessageCodec.HEADER_LENGTH || length > in.capacity()) {
                    close(c, key);
                    return;
                }
                if (in.remaining() < length) break;
                in.position(in.position() + length);
                if (type == SCCRQ) {
                    c.write(sccrp.duplicate());
                } else if (type == STOPCCRQ) {
                    c.write(stopccrp.duplicate());
                    close(c, key);
                    return;
                } else {
                    close(c, key);
                    return;
                }
            }
            in.compact();
        } catch (IOException e) {
            close(c, key);
        }
    }

    private static void close(SocketChannel c, SelectionKey key) {
        key.cancel();
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
