package io.pptp4j.ppp.fsm.lcp;

import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.LcpOption;
import java.util.Comparator;
import java.util.Optional;

/**
 * The authentication protocols an LCP Authentication-Protocol option (RFC 1661 6.2) can name, with the
 * suffix of pppd's {@code require-*} / {@code refuse-*} options and pptp4j's order of preference.
 */
public enum AuthProtocol {
    /** RFC 1334. */
    PAP(LcpOption.AuthenticationProtocol.pap(), "pap", "PAP", 4),
    /** RFC 1994, algorithm 5. */
    CHAP_MD5(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MD5), "chap", "CHAP-MD5", 3),
    /** RFC 2433, CHAP algorithm 0x80. */
    MS_CHAP(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP), "mschap", "MS-CHAP", 1),
    /** RFC 2759, CHAP algorithm 0x81. */
    MS_CHAP_V2(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2), "mschap-v2", "MS-CHAP-V2", 0),
    /** RFC 2284. */
    EAP(LcpOption.AuthenticationProtocol.eap(), "eap", "EAP", 2);

    /** Most preferred first: the MS-CHAPs (the only ones that give MPPE keys), EAP, CHAP, PAP. */
    public static final Comparator<AuthProtocol> PREFERENCE = Comparator.comparingInt(p -> p.rank);

    private final LcpOption.AuthenticationProtocol option;
    private final String optionSuffix;
    private final String displayName;
    private final int rank;

    AuthProtocol(LcpOption.AuthenticationProtocol option, String optionSuffix, String displayName, int rank) {
        this.option = option;
        this.optionSuffix = optionSuffix;
        this.displayName = displayName;
        this.rank = rank;
    }

    /** The name people write: {@code MS-CHAP-V2}. */
    public String displayName() { return displayName; }

    /** The CHAP variant for a CHAP algorithm. */
    public static AuthProtocol of(ChapAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5 -> CHAP_MD5;
            case MS_CHAP -> MS_CHAP;
            case MS_CHAP_V2 -> MS_CHAP_V2;
        };
    }

    /** The suffix of pppd's {@code require-*} and {@code refuse-*} options for this protocol. */
    public String optionSuffix() { return optionSuffix; }

    /** True for the protocols MPPE can take its keys from (RFC 3079 section 2). */
    public boolean givesMppeKeys() { return this == MS_CHAP || this == MS_CHAP_V2; }

    /** The option that asks for this protocol. */
    public LcpOption.AuthenticationProtocol option() { return option; }

    /** The protocol an option names, when it is one of these with the exact Data. */
    public static Optional<AuthProtocol> of(LcpOption.AuthenticationProtocol option) {
        for (AuthProtocol p : values()) {
            if (p.option.equals(option)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
