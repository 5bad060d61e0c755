package io.pptp4j.ppp.ipv6cp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.wire.Layer;

/** The IPv6 Control Protocol (RFC 5072 section 3): its packet codec with codes 1-7 and its options. */
public final class Ipv6cp {
    public static final CpCodec<Ipv6cpOption> CODEC =
            new CpCodec<>(Layer.IPV6CP, PppProtocol.IPV6CP, CpCodec.ncpCodes(), Ipv6cpOptionCodec.INSTANCE);

    private Ipv6cp() {}
}
