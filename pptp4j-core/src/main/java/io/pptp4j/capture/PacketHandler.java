package io.pptp4j.capture;

/**
 * Receives the packets of a capture one by one. The {@link CapturedPacket} is a view that is reused
 * for the next packet: copy what must outlive the call.
 */
@FunctionalInterface
public interface PacketHandler {
    void packet(CapturedPacket packet);
}
