package io.pptp4j.inspect;

/** Receives the inner packets {@link SessionTracker} recovered, in capture order. */
@FunctionalInterface
public interface DecryptedSink {
    /**
     * @param protocol the inner PPP protocol (0x0021 IPv4, 0x0057 IPv6, ...)
     * @param packet the inner packet after the protocol field; owned by the callee
     */
    void packet(int sessionId, long frame, long timestampNanos, int protocol, byte[] packet);
}
