package io.pptp4j.capture;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test support: a {@link StreamSink} that keeps every stream's bytes and a log of what happened. */
final class StreamRecorder implements StreamSink {
    final Map<TcpStream, ByteArrayOutputStream> bytes = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    final List<TcpConnection> connections = new ArrayList<>();

    @Override
    public void data(TcpStream stream, byte[] b, int offset, int length, long frameNumber) {
        bytes.computeIfAbsent(stream, s -> new ByteArrayOutputStream()).write(b, offset, length);
        events.add(name(stream) + " data " + length + " @" + frameNumber);
    }

    @Override
    public void gap(TcpStream stream, long missingBytes, long frameNumber) {
        events.add(name(stream) + " gap " + missingBytes + " @" + frameNumber);
    }

    @Override
    public void opened(TcpConnection connection, long frameNumber) {
        connections.add(connection);
        events.add("opened " + connection.id() + " " + connection.key() + " @" + frameNumber);
    }

    @Override
    public void end(TcpStream stream, long frameNumber) {
        events.add(name(stream) + " end @" + frameNumber);
    }

    @Override
    public void closed(TcpConnection connection, TcpCloseReason reason, long frameNumber) {
        events.add("closed " + connection.id() + " " + reason + " @" + frameNumber);
    }

    byte[] bytesOf(TcpStream stream) {
        ByteArrayOutputStream out = bytes.get(stream);
        return out == null ? new byte[0] : out.toByteArray();
    }

    private static String name(TcpStream s) {
        return s.connection().id() + (s.clientToServer() ? " c>s" : " s>c");
    }
}
