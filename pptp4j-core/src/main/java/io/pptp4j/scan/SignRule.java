package io.pptp4j.scan;

/** A sign of something about a host (a honeypot, a defaced device) and why it suggests it. */
public record SignRule(String id, Conditions when, String reason) {
    public SignRule {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a sign needs an id");
        if (when == null) throw new IllegalArgumentException(id + ": no conditions");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException(id + ": no reason");
    }
}
