package io.pptp4j.inspect;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.LcpOption;

/**
 * The authentication protocol of a session, ranked by what an eavesdropper can do with it: PAP gives the
 * password, the CHAP family an offline attack, EAP depends on its method.
 */
public enum AuthKind {
    NONE("none", 0),
    PAP("PAP", 1),
    CHAP_MD5("CHAP-MD5", 2),
    MS_CHAP_V1("MS-CHAP", 3),
    MS_CHAP_V2("MS-CHAP-V2", 4),
    EAP("EAP", 5),
    OTHER("other", 0);

    private final String displayName;
    private final int strength;

    AuthKind(String displayName, int strength) {
        this.displayName = displayName;
        this.strength = strength;
    }

    public String displayName() { return displayName; }

    /** Larger is harder on an eavesdropper; used to see a downgrade. */
    public int strength() { return strength; }

    /** The kind an LCP Authentication-Protocol option asks for (RFC 1661 6.2, RFC 1994 3). */
    public static AuthKind of(LcpOption.AuthenticationProtocol option) {
        if (option.protocol() == PppProtocol.PAP.value()) {
            return PAP;
        }
        if (option.protocol() == PppProtocol.EAP.value()) {
            return EAP;
        }
        if (option.isChap()) {
            return option.chapAlgorithm().map(a -> switch (a) {
                case MD5 -> CHAP_MD5;
                case MS_CHAP -> MS_CHAP_V1;
                case MS_CHAP_V2 -> MS_CHAP_V2;
            }).orElse(OTHER);
        }
        return OTHER;
    }

    /** The CHAP algorithm octet of this kind, or -1. */
    public int chapAlgorithm() {
        return switch (this) {
            case CHAP_MD5 -> ChapAlgorithm.MD5.value();
            case MS_CHAP_V1 -> ChapAlgorithm.MS_CHAP.value();
            case MS_CHAP_V2 -> ChapAlgorithm.MS_CHAP_V2.value();
            default -> -1;
        };
    }
}
