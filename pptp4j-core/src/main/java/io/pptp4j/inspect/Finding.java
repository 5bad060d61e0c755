package io.pptp4j.inspect;

import java.util.List;
import java.util.Objects;

/**
 * One thing a capture gives away, with its proof.
 *
 * @param sessionId the {@link PptpSession#id()} it concerns
 * @param frames the frame numbers that show it, ascending
 * @param detail one sentence for a report (secrets redacted unless asked for)
 */
public record Finding(FindingKind kind, Severity severity, int sessionId, List<Long> frames, String detail) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(detail, "detail");
        frames = List.copyOf(frames);
    }
}
