package io.pptp4j.wire;

/** The protocol layers that pptp4j decodes, used to say where an error was found. */
public enum Layer {
    CAPTURE("capture"),
    LINK("link"),
    IP("IP"),
    TCP("TCP"),
    PPTP("PPTP"),
    GRE("GRE"),
    HDLC("HDLC"),
    PPP("PPP"),
    LCP("LCP"),
    PAP("PAP"),
    CHAP("CHAP"),
    EAP("EAP"),
    IPCP("IPCP"),
    IPV6CP("IPV6CP"),
    CCP("CCP"),
    MPPE("MPPE"),
    CBCP("CBCP");

    private final String displayName;

    Layer(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }
}
