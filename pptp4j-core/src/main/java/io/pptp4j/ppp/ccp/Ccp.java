package io.pptp4j.ppp.ccp;

import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.wire.Layer;

/**
 * The Compression Control Protocol (RFC 1962 section 2): its packet codec with codes 1-7, 14 and 15,
 * and its options. PPTP peers use it to negotiate MPPE (RFC 3078).
 */
public final class Ccp {
    public static final CpCodec<CcpOption> CODEC =
            new CpCodec<>(Layer.CCP, PppProtocol.CCP, CpCodec.ccpCodes(), CcpOptionCodec.INSTANCE);

    private Ccp() {}
}
