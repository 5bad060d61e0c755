package io.pptp4j.scan;

import java.util.Locale;

/** How bad a finding is, worst first; {@link #sarifLevel()} maps it onto SARIF 2.1.0's levels (3.27.10). */
public enum Severity {
    CRITICAL("error"), HIGH("error"), MEDIUM("warning"), LOW("note"), INFO("note");

    private final String sarifLevel;

    Severity(String sarifLevel) { this.sarifLevel = sarifLevel; }

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public String sarifLevel() { return sarifLevel; }

    /** The usual CVSS-band score for the severity, for dashboards that sort on {@code security-severity}. */
    public String securitySeverity() {
        return switch (this) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }
}
