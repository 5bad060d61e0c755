package io.pptp4j.ppp.lcp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.wire.Layer;

/** The Link Control Protocol (RFC 1661 section 5, RFC 1570): its packet codec with codes 1-13 and its options. */
public final class Lcp {
    public static final CpCodec<LcpOption> CODEC =
            new CpCodec<>(Layer.LCP, PppProtocol.LCP, CpCodec.lcpCodes(), LcpOptionCodec.INSTANCE);

    private Lcp() {}
}
