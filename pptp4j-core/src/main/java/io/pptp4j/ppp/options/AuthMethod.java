package io.pptp4j.ppp.options;

import java.util.Comparator;

/** PPP authentication protocols pptp4j can require of a peer; see {@link PppPolicy} for their order. */
public enum AuthMethod {
    /** RFC 1334 PAP: the password in clear. */
    PAP("pap", 4),
    /** RFC 1994 CHAP with MD5. */
    CHAP_MD5("chap", 3),
    /** RFC 2433 MS-CHAP. */
    MSCHAP_V1("mschap", 1),
    /** RFC 2759 MS-CHAPv2. */
    MSCHAP_V2("mschap-v2", 0),
    /** RFC 3748 EAP (as pppd: MD5-Challenge or SRP-SHA1). */
    EAP("eap", 2);

    /** Most preferred first: the MS-CHAPs (the only ones that give MPPE keys), EAP, CHAP, PAP. */
    public static final Comparator<AuthMethod> PREFERENCE = Comparator.comparingInt(m -> m.rank);

    private final String optionSuffix;
    private final int rank;

    AuthMethod(String optionSuffix, int rank) {
        this.optionSuffix = optionSuffix;
        this.rank = rank;
    }

    /** The suffix of pppd's {@code require-*} and {@code refuse-*} options for this method. */
    public String optionSuffix() {
        return optionSuffix;
    }

    /** True for the methods MPPE can take its keys from (RFC 3079 section 2). */
    public boolean givesMppeKeys() {
        return this == MSCHAP_V1 || this == MSCHAP_V2;
    }
}
