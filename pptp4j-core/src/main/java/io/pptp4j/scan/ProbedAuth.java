package io.pptp4j.scan;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.LcpOption.AuthenticationProtocol;
import java.util.Optional;

/** The authentication protocols {@code probe} asks a server about, as LCP's Authentication-Protocol option (RFC 1661 6.2). */
public enum ProbedAuth {
    PAP("pap", AuthenticationProtocol.pap()),
    CHAP_MD5("chap-md5", AuthenticationProtocol.chap(ChapAlgorithm.MD5)),
    MS_CHAP("ms-chap", AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP)),
    MS_CHAP_V2("ms-chap-v2", AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2)),
    EAP("eap", AuthenticationProtocol.eap());

    private final String label;
    private final AuthenticationProtocol option;

    ProbedAuth(String label, AuthenticationProtocol option) {
        this.label = label;
        this.option = option;
    }

    /** {@code pap}, {@code chap-md5}, {@code ms-chap}, {@code ms-chap-v2}, {@code eap}: the names in reports. */
    public String label() { return label; }

    public AuthenticationProtocol option() { return option; }

    /** The protocol an option names; CHAP is told apart by its Algorithm octet. */
    public static Optional<ProbedAuth> of(AuthenticationProtocol o) {
        for (ProbedAuth a : values()) {
            if (a.option.protocol() == o.protocol()
                    && (o.protocol() != PppProtocol.CHAP.value() || a.option.data().equals(o.data()))) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The label, or the option's protocol and data in hex for one outside this list. */
    public static String describe(AuthenticationProtocol o) {
        return of(o).map(ProbedAuth::label).orElseGet(() -> o.protocolName() + (o.data().length() > 0 ? " " + o.data().hex() : ""));
    }
}
