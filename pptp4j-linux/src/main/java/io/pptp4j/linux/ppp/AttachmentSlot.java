package io.pptp4j.linux.ppp;

import io.pptp4j.wire.Bytes;

/**
 * A session's {@link NetworkAttachment.Endpoint}, which comes only after the network phase is up:
 * datagrams before it are dropped, and it is closed at most once, also when the session ended before
 * it came.
 */
public final class AttachmentSlot implements PacketSink {
    private NetworkAttachment.Endpoint endpoint;
    private boolean closed;

    /** The endpoint, once attached and until closed. */
    public synchronized java.util.Optional<NetworkAttachment.Endpoint> endpoint() { return java.util.Optional.ofNullable(endpoint); }

    public void deliver(Bytes ipPacket) {
        NetworkAttachment.Endpoint e;
        synchronized (this) {
            e = endpoint;
        }
        if (e != null) e.deliver(ipPacket);
    }

    /** Delivers, as {@link #deliver}. */
    @Override
    public void send(Bytes ipPacket) { deliver(ipPacket); }

    /** Delivers in place (a TUN device writes it from where it lies). */
    @Override
    public void sendInPlace(byte[] buf, int off, int len) {
        NetworkAttachment.Endpoint e;
        synchronized (this) {
            e = endpoint;
        }
        if (e != null) e.deliverInPlace(buf, off, len);
    }

    public void set(NetworkAttachment.Endpoint e) {
        boolean late;
        synchronized (this) {
            late = closed;
            if (!late) endpoint = e;
        }
        if (late) e.close();
    }

    public void close() {
        NetworkAttachment.Endpoint e;
        synchronized (this) {
            if (closed) return;
            closed = true;
            e = endpoint;
            endpoint = null;
        }
        if (e != null) e.close();
    }
}
