package io.pptp4j.ppp.fsm;

/** The events of the RFC 1661 automaton (section 4.3), with the RFC's abbreviations. */
public enum CpEvent {
    /** Lower layer is Up. */
    UP("Up"),
    /** Lower layer is Down. */
    DOWN("Down"),
    /** Administrative Open. */
    OPEN("Open"),
    /** Administrative Close. */
    CLOSE("Close"),
    /** Timeout with counter &gt; 0. */
    TO_PLUS("TO+"),
    /** Timeout with counter expired. */
    TO_MINUS("TO-"),
    /** Receive-Configure-Request, good. */
    RCR_PLUS("RCR+"),
    /** Receive-Configure-Request, bad (answered with Nak or Reject). */
    RCR_MINUS("RCR-"),
    /** Receive-Configure-Ack. */
    RCA("RCA"),
    /** Receive-Configure-Nak or Configure-Reject. */
    RCN("RCN"),
    /** Receive-Terminate-Request. */
    RTR("RTR"),
    /** Receive-Terminate-Ack. */
    RTA("RTA"),
    /** Receive-Unknown-Code. */
    RUC("RUC"),
    /** Receive-Code-Reject or Protocol-Reject, permitted. */
    RXJ_PLUS("RXJ+"),
    /** Receive-Code-Reject or Protocol-Reject, catastrophic. */
    RXJ_MINUS("RXJ-"),
    /** Receive-Echo-Request, Echo-Reply or Discard-Request. */
    RXR("RXR");

    private final String abbreviation;

    CpEvent(String abbreviation) { this.abbreviation = abbreviation; }

    /** The RFC's abbreviation, {@code RCR+}. */
    public String abbreviation() { return abbreviation; }
}
