package io.pptp4j.scan;

import io.pptp4j.control.ControlMessage.StartControlConnectionReply;
import io.pptp4j.wire.Bytes;
import java.util.List;

/**
 * Everything a scan learnt about one target. {@code rttMillis} is the time from sending the
 * Start-Control-Connection-Request to holding the whole reply (or the first octets of a service that is
 * not PPTP; for a closed port, the time to the reset); null when there is no such time. {@code reply}
 * is there for {@link ScanStatus#PPTP}; {@code firstBytes} for {@link ScanStatus#NOT_PPTP} (possibly
 * empty) and for malformed PPTP; {@code error} says what happened when the status alone does not.
 */
public record ScanResult(Target target, ScanStatus status, Double rttMillis, StartControlConnectionReply reply,
                         Bytes firstBytes, String error, Fingerprint fingerprint, List<Finding> findings) {
    public ScanResult {
        if (target == null || status == null) throw new IllegalArgumentException("a result needs a target and a status");
        findings = List.copyOf(findings);
    }

    public static ScanResult of(Target target, ScanStatus status, Double rttMillis, String error) {
        return new ScanResult(target, status, rttMillis, null, null, error, null, List.of());
    }

    /** The worst severity among the findings, or null when there are none. */
    public Severity worstSeverity() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo).orElse(null);
    }
}
