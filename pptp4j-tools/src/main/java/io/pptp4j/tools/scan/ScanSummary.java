package io.pptp4j.tools.scan;

import io.pptp4j.scan.Finding;
import io.pptp4j.scan.ScanResult;
import io.pptp4j.scan.ScanStatus;
import io.pptp4j.scan.Severity;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts by status and finding severity, updated from many threads, and the closing line. */
public final class ScanSummary {
    private final AtomicLongArray byStatus = new AtomicLongArray(ScanStatus.values().length);
    private final AtomicLongArray bySeverity = new AtomicLongArray(Severity.values().length);

    public void add(ScanResult r) {
        byStatus.incrementAndGet(r.status().ordinal());
        for (Finding f : r.findings()) bySeverity.incrementAndGet(f.severity().ordinal());
    }

    public long total() {
        long t = 0;
        for (int i = 0; i < byStatus.length(); i++) t += byStatus.get(i);
        return t;
    }

    public long count(ScanStatus s) { return byStatus.get(s.ordinal()); }

    public Map<Severity, Long> findings() {
        Map<Severity, Long> m = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) if (bySeverity.get(s.ordinal()) > 0) m.put(s, bySeverity.get(s.ordinal()));
        return m;
    }

    /** {@code 1024 targets in 0.8 s (1280/s): 1 pptp, 0 not-pptp, 1023 closed, ...; findings: 1 high}. */
    public String line(double seconds, boolean interrupted) {
        long total = total();
        StringBuilder sb = new StringBuilder(interrupted ? "interrupted after " : "scanned ");
        sb.append(total).append(total == 1 ? " target" : " targets").append(String.format(" in %.1f s", seconds));
        if (seconds > 0) sb.append(String.format(" (%.0f/s)", total / seconds));
        sb.append(':');
        for (ScanStatus s : ScanStatus.values()) {
            sb.append(s == ScanStatus.PPTP ? " " : ", ").append(count(s)).append(' ').append(s.label());
        }
        Map<Severity, Long> f = findings();
        if (!f.isEmpty()) {
            sb.append("; findings:");
            String sep = " ";
            for (Map.Entry<Severity, Long> e : f.entrySet()) {
                sb.append(sep).append(e.getValue()).append(' ').append(e.getKey().label());
                sep = ", ";
            }
        }
        return sb.toString();
    }
}
