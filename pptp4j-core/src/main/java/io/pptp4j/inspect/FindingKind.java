package io.pptp4j.inspect;

/** What a {@link Finding} is about, with the severity it carries unless the evidence says otherwise. */
public enum FindingKind {
    /** RFC 1334 2.2.1: PAP sends the password itself. */
    PAP_CLEARTEXT_PASSWORD(Severity.CRITICAL, "PAP password in clear"),
    /** RFC 1994: MD5 of identifier, secret and challenge; a dictionary attack needs only the capture. */
    CHAP_MD5_OFFLINE_ATTACK(Severity.HIGH, "CHAP-MD5 handshake open to an offline attack"),
    /** RFC 2433: the NT response (and the LM response, when sent) is DES of a known challenge under the NT hash. */
    MS_CHAP_V1_OFFLINE_ATTACK(Severity.HIGH, "MS-CHAP handshake open to an offline attack"),
    /**
     * RFC 2759: the NT-Response is three DES encryptions of the challenge hash; the third key has only 16
     * unknown bits, the other two 56 each, whatever the password: the NT hash is recoverable and with it
     * every MPPE key.
     */
    MS_CHAP_V2_OFFLINE_ATTACK(Severity.HIGH, "MS-CHAP-V2 handshake open to an offline attack"),
    /** Network-layer packets in PPP without MPPE: the traffic is readable as captured. */
    PPP_DATA_WITHOUT_MPPE(Severity.HIGH, "PPP data without MPPE"),
    /** RFC 3078 2: 40- or 56-bit session keys. */
    WEAK_MPPE_KEY(Severity.MEDIUM, "40- or 56-bit MPPE"),
    /** RFC 3078 7.2: one RC4 stream over many packets, rekeyed every 256. */
    STATEFUL_MPPE(Severity.LOW, "stateful MPPE"),
    /** LCP: the authenticator first asked for a stronger protocol and settled on a weaker one. */
    AUTH_DOWNGRADE(Severity.MEDIUM, "authentication downgrade in LCP"),
    /** A password given to the inspector matched a handshake: the keys and the traffic are recovered. */
    PASSWORD_RECOVERED(Severity.CRITICAL, "password verified against the handshake");

    private final Severity severity;
    private final String title;

    FindingKind(Severity severity, String title) {
        this.severity = severity;
        this.title = title;
    }

    public Severity severity() { return severity; }

    public String title() { return title; }

    /** Lower case with dashes, for JSON: {@code pap-cleartext-password}. */
    public String id() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
}
