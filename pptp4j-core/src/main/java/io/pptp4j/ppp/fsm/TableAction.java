package io.pptp4j.ppp.fsm;

/** The actions of the RFC 1661 automaton (section 4.4), as they appear in the transition table. */
public enum TableAction {
    /** This-Layer-Up: entering Opened. */
    TLU("tlu"),
    /** This-Layer-Down: leaving Opened. */
    TLD("tld"),
    /** This-Layer-Started: entering Starting, the lower layer is needed. */
    TLS("tls"),
    /** This-Layer-Finished: the lower layer is no longer needed. */
    TLF("tlf"),
    /** Initialize-Restart-Count to Max-Configure or Max-Terminate. */
    IRC("irc"),
    /** Zero-Restart-Count. */
    ZRC("zrc"),
    /** Send-Configure-Request. */
    SCR("scr"),
    /** Send-Configure-Ack. */
    SCA("sca"),
    /** Send-Configure-Nak (or Configure-Reject). */
    SCN("scn"),
    /** Send-Terminate-Request. */
    STR("str"),
    /** Send-Terminate-Ack. */
    STA("sta"),
    /** Send-Code-Reject. */
    SCJ("scj"),
    /** Send-Echo-Reply. */
    SER("ser");

    private final String abbreviation;

    TableAction(String abbreviation) { this.abbreviation = abbreviation; }

    public String abbreviation() { return abbreviation; }
}
