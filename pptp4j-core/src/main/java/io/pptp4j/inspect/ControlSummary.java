package io.pptp4j.inspect;

/**
 * A TCP 1723 control connection as captured (RFC 2637 2.1, 2.2): both sides' Start-Control-Connection
 * fields, or null fields when the start was not captured.
 *
 * @param clientEndpoint the PNS, {@code 10.1.1.11:1067}
 * @param serverEndpoint the PAC, {@code 10.1.1.10:1723}
 * @param request the client's SCCRQ fields, null if not captured
 * @param reply the server's SCCRP fields, null if not captured
 * @param messages control messages captured on the connection
 * @param echoes Echo-Requests and -Replies among them (RFC 2637 2.5, 2.6)
 */
public record ControlSummary(String clientEndpoint, String serverEndpoint, Peer request, Peer reply, long messages,
                             long echoes, long firstFrame, long lastFrame) {

    /** The fields a Start-Control-Connection-Request or -Reply gives about its sender. */
    public record Peer(long frame, int protocolVersion, int resultCode, long framingCapabilities,
                       long bearerCapabilities, int maximumChannels, int firmwareRevision, String hostName,
                       String vendorString) {}
}
