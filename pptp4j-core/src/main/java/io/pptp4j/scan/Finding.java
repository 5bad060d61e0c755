package io.pptp4j.scan;

/** One finding on one host: its kind, its severity here (a kind's default may be lowered) and the evidence. */
public record Finding(FindingKind kind, Severity severity, String evidence) {
    public Finding {
        if (kind == null || severity == null || evidence == null) throw new IllegalArgumentException("incomplete finding");
    }

    public String id() { return kind.id(); }

    public String title() { return kind.title(); }

    public String remediation() { return kind.remediation(); }
}
