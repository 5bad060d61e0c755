package io.pptp4j.ppp.fsm.lcp;

import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.LcpOption;
import java.util.Optional;

/** The authentication protocols an LCP Authentication-Protocol option (RFC 1661 6.2) can name. */
public enum AuthProtocol {
    /** RFC 1334. */
    PAP(LcpOption.AuthenticationProtocol.pap()),
    /** RFC 1994, algorithm 5. */
    CHAP_MD5(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MD5)),
    /** RFC 2433, CHAP algorithm 0x80. */
    MSCHAP_V1(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP)),
    /** RFC 2759, CHAP algorithm 0x81. */
    MSCHAP_V2(LcpOption.AuthenticationProtocol.chap(ChapAlgorithm.MS_CHAP_V2)),
    /** RFC 2284. */
    EAP(LcpOption.AuthenticationProtocol.eap());

    private final LcpOption.AuthenticationProtocol option;

    AuthProtocol(LcpOption.AuthenticationProtocol option) { this.option = option; }

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
