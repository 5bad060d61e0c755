package io.pptp4j.capture;

/** Test support: makes TCP segments between a client and a server, dissects them and feeds a reassembler. */
final class TcpSegments {
    final TcpReassembler reassembler;
    final StreamRecorder recorder = new StreamRecorder();
    private final Dissection d = new Dissection();
    private long frame;
    String client = "192.0.2.1";
    String server = "192.0.2.2";
    int clientPort = 40000;
    int serverPort = 1723;

    TcpSegments(TcpReassembler reassembler) { this.reassembler = reassembler; }

    TcpSegments() { this(new TcpReassembler()); }

    /** A segment from the client (true) or the server, with {@code data} at {@code seq}. */
    TcpSegments send(boolean fromClient, long seq, int flags, byte[] data) {
        return send(fromClient, seq, flags, data, Integer.MAX_VALUE);
    }

    /** The same with the capture cut after {@code snapLength} bytes of packet. */
    TcpSegments send(boolean fromClient, long seq, int flags, byte[] data, int snapLength) {
        byte[] tcp = Packets.tcp(fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, seq, 0,
                flags | Dissection.TCP_ACK, data);
        byte[] packet = Packets.ipv4(fromClient ? client : server, fromClient ? server : client, 6, tcp);
        PacketDissector.dissect(++frame, 0, 101, packet, 0, Math.min(snapLength, packet.length), packet.length, d);
        reassembler.segment(d, recorder);
        return this;
    }

    TcpSegments syn(boolean fromClient, long seq) {
        byte[] tcp = Packets.tcp(fromClient ? clientPort : serverPort, fromClient ? serverPort : clientPort, seq, 0,
                Dissection.TCP_SYN | (fromClient ? 0 : Dissection.TCP_ACK), new byte[0]);
        byte[] packet = Packets.ipv4(fromClient ? client : server, fromClient ? server : client, 6, tcp);
        PacketDissector.dissect(++frame, 0, 101, packet, 0, packet.length, packet.length, d);
        reassembler.segment(d, recorder);
        return this;
    }

    TcpSegments finish() {
        reassembler.finish(recorder);
        return this;
    }

    TcpConnection connection() { return recorder.connections.getLast(); }

    byte[] clientBytes() { return recorder.bytesOf(connection().clientToServer()); }

    byte[] serverBytes() { return recorder.bytesOf(connection().serverToClient()); }

    static byte[] text(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
