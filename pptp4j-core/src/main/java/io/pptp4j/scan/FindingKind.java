package io.pptp4j.scan;

/** The findings a scan can report: a stable id, a severity, a title and what to do. */
public enum FindingKind {
    PPTP_EXPOSED("PPTP-EXPOSED", Severity.HIGH, "PPTP server reachable",
            "PPTP's authentication (MS-CHAP v2) falls to one DES key search and MPPE adds no integrity: migrate to "
                    + "WireGuard or IPsec (IKEv2); until then allow TCP 1723 and GRE only from known addresses and set a "
                    + "retirement date."),
    END_OF_LIFE("PPTP-END-OF-LIFE", Severity.HIGH, "Product past its end of support",
            "The product no longer receives security fixes: replace or upgrade it, and retire PPTP with it."),
    DEFACED_HOST_NAME("PPTP-DEFACED-HOST-NAME", Severity.CRITICAL, "Host name set by an intruder",
            "The device announces a host name an intruder set: treat it as compromised; take it off line, reset it "
                    + "to factory settings, update its firmware, change every credential, and review what it routes."),
    HONEYPOT_SIGN("PPTP-HONEYPOT-SIGN", Severity.INFO, "Looks like a honeypot",
            "Weigh this host's answers with care: it may be a decoy that records who scans it."),
    ODD_RESULT("PPTP-ODD-RESULT", Severity.LOW, "Start-Control-Connection-Reply did not succeed",
            "Check why the server refused the control connection (RFC 2637 2.2 Result Code); a refusal does not "
                    + "make the service less exposed: close the port if it is not used."),
    ODD_VERSION("PPTP-ODD-VERSION", Severity.LOW, "Unexpected Protocol Version",
            "RFC 2637 defines version 1.0 (0x0100) only: identify the implementation before trusting it."),
    NO_AUTHENTICATION("PPTP-NO-AUTHENTICATION", Severity.CRITICAL, "No authentication asked for",
            "The server's LCP asks for no authentication: anyone reaching it gets a link. Require authentication at "
                    + "once, then retire PPTP for WireGuard or IPsec (IKEv2)."),
    WEAK_AUTHENTICATION("PPTP-WEAK-AUTHENTICATION", Severity.HIGH, "Weak authentication accepted",
            "PAP sends the password in clear, CHAP-MD5 needs it stored in clear and gives no MPPE keys, MS-CHAP v1 "
                    + "falls to a dictionary and its LM response worse: refuse them (pppd: refuse-pap, refuse-chap, "
                    + "refuse-mschap), then retire PPTP."),
    GRE_BLOCKED("PPTP-GRE-BLOCKED", Severity.LOW, "GRE does not come back",
            "The control connection and the call work but no GRE comes back: clients connect, then hang. Allow IP "
                    + "protocol 47 both ways (and the NAT's PPTP helper), or, better, close TCP 1723 and retire PPTP."),
    NO_ECHO_REPLY("PPTP-NO-ECHO-REPLY", Severity.LOW, "Echo-Request not answered",
            "RFC 2637 2.5: an Echo-Request must be answered; a server that does not will drop idle clients or keep "
                    + "dead connections: identify and update the implementation."),
    MPPE_NOT_OFFERED("PPTP-MPPE-NOT-OFFERED", Severity.CRITICAL, "No encryption",
            "The server brings up sessions without MPPE and agreed it in none of our tries: every datagram, and with "
                    + "it every password typed inside the tunnel, crosses the network in clear. Require MPPE-128 at once "
                    + "(pppd: require-mppe-128; RRAS: maximum-strength encryption only), then " + Retire.TEXT),
    MPPE_NOT_REQUIRED("PPTP-MPPE-NOT-REQUIRED", Severity.HIGH, "Encryption not required",
            "The server brings up a session in clear when the client offers no MPPE. CCP carries no integrity (RFC 3078 "
                    + "9): an attacker on the path can strip it and get the session in clear, and a misconfigured client "
                    + "goes unnoticed. Require it (pppd: require-mppe-128; RRAS: require encryption), then " + Retire.TEXT),
    MPPE_40_ALLOWED("PPTP-MPPE-40-ALLOWED", Severity.HIGH, "40-bit MPPE allowed",
            "40-bit RC4 keys fall to an exhaustive search on one machine, and an attacker on the path can force them "
                    + "by editing the unprotected CCP Supported Bits (RFC 3078 9). Refuse them (pppd: nomppe-40, or "
                    + "require-mppe-128 alone; RRAS: strongest encryption only), then " + Retire.TEXT),
    MPPE_56_ALLOWED("PPTP-MPPE-56-ALLOWED", Severity.MEDIUM, "56-bit MPPE allowed",
            "56-bit keys are within reach of a DES-class search, and an attacker on the path can force them by editing "
                    + "the unprotected CCP Supported Bits (RFC 3078 9). Refuse them (pppd: nomppe-56, or require-mppe-128 "
                    + "alone; RRAS: strongest encryption only), then " + Retire.TEXT),
    MPPE_STATEFUL_ALLOWED("PPTP-MPPE-STATEFUL-ALLOWED", Severity.MEDIUM, "Stateful MPPE allowed",
            "In stateful mode the RC4 key changes only every 256 packets, and its resynchronisation after a loss can "
                    + "encrypt two packets with the same key (RFC 3078 9: not to be used on lossy links such as tunnels "
                    + "over the Internet); CCP Reset-Requests are unauthenticated. Require stateless mode (pppd: "
                    + "nomppe-stateful, the default), then " + Retire.TEXT),
    NONCONFORMANT("PPTP-NONCONFORMANT", Severity.LOW, "Reply breaks RFC 2637",
            "The reply decodes only when errors are overlooked: identify the implementation; non-conforming stacks "
                    + "are often old or embedded ones that are no longer maintained.");

    /** What every MPPE remediation ends with: the fixes only narrow a broken design. */
    private static final class Retire {
        static final String TEXT = "retire PPTP: MS-CHAP v2 falls to one DES key search and yields the MPPE keys, and MPPE "
                + "has no integrity; migrate to WireGuard or IPsec (IKEv2).";
    }

    private final String id;
    private final Severity severity;
    private final String title;
    private final String remediation;

    FindingKind(String id, Severity severity, String title, String remediation) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.remediation = remediation;
    }

    public String id() { return id; }

    public Severity severity() { return severity; }

    public String title() { return title; }

    public String remediation() { return remediation; }

    public Finding with(String evidence) { return new Finding(this, severity, evidence); }

    public Finding with(Severity severity, String evidence) { return new Finding(this, severity, evidence); }
}
