package io.pptp4j.inspect;

import java.util.List;

/**
 * Everything {@link SessionTracker} found.
 *
 * @param malformed items that did not decode (PPTP, GRE or PPP), counted, never fatal
 * @param gaps holes in TCP 1723 streams
 */
public record InspectReport(List<PptpSession> sessions, List<Finding> findings, long controlMessages, long greFrames,
                            long malformed, long gaps, List<String> malformedSamples) {
    public InspectReport {
        sessions = List.copyOf(sessions);
        findings = List.copyOf(findings);
        malformedSamples = List.copyOf(malformedSamples);
    }

    public List<ChapHandshake> handshakes() {
        return sessions.stream().flatMap(s -> s.handshakes().stream()).toList();
    }

    public long decryptedFrames() { return sessions.stream().mapToLong(PptpSession::decryptedFrames).sum(); }
}
