package io.pptp4j.ppp.auth.engine;

import io.pptp4j.ppp.lcp.ChapAlgorithm;

/** The authentication protocols the engines speak. */
public enum AuthProtocol {
    /** RFC 1334 section 2. */
    PAP("PAP"),
    /** RFC 1994, algorithm 5. */
    CHAP_MD5("CHAP-MD5"),
    /** RFC 2433, algorithm 0x80. */
    MS_CHAP("MS-CHAP"),
    /** RFC 2759, algorithm 0x81. */
    MS_CHAP_V2("MS-CHAP-V2");

    private final String displayName;

    AuthProtocol(String displayName) { this.displayName = displayName; }

    public String displayName() { return displayName; }

    public static AuthProtocol of(ChapAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> CHAP_MD5;
            case MS_CHAP -> MS_CHAP;
            case MS_CHAP_V2 -> MS_CHAP_V2;
        };
    }
}
