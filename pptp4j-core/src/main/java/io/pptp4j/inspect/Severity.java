package io.pptp4j.inspect;

/** How bad a {@link Finding} is, least first. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** Lower case, as the JSON output writes it. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
