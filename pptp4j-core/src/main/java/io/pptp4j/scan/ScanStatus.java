package io.pptp4j.scan;

/** What a target turned out to be; {@link #label()} is the stable name in every output. */
public enum ScanStatus {
    /** Answered our Start-Control-Connection-Request with PPTP. */
    PPTP("pptp"),
    /** Accepted the connection and sent something else, or nothing. */
    NOT_PPTP("not-pptp"),
    /** Refused the connection (TCP reset). */
    CLOSED("closed"),
    /** No answer to the connection attempt in time, or an ICMP unreachable. */
    FILTERED("filtered"),
    /** Something else went wrong: an unresolvable name, a reset mid-reply, PPTP that does not decode. */
    ERROR("error");

    private final String label;

    ScanStatus(String label) { this.label = label; }

    public String label() { return label; }
}
