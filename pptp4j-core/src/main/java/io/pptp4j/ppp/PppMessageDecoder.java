package io.pptp4j.ppp;

import io.pptp4j.ppp.auth.ChapCodec;
import io.pptp4j.ppp.auth.EapCodec;
import io.pptp4j.ppp.auth.PapCodec;
import io.pptp4j.ppp.cbcp.CbcpCodec;
import io.pptp4j.ppp.ccp.Ccp;
import io.pptp4j.ppp.ipcp.Ipcp;
import io.pptp4j.ppp.ipv6cp.Ipv6cp;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.mppe.MppeCodec;
import io.pptp4j.wire.ByteReader;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Layer;

/**
 * Decodes a whole PPP frame (RFC 1661 section 2) and dispatches its Information field by Protocol to
 * the codec of that protocol. In {@link DecodeMode#LENIENT} mode nothing throws past the frame header:
 * an Information field that does not decode becomes a {@link PppMessage.Malformed} holding the reason.
 */
public final class PppMessageDecoder {
    private PppMessageDecoder() {}

    /** Decodes a frame from the rest of {@code r} (a GRE payload, an HDLC frame without FCS). */
    public static PppMessage decode(ByteReader r, DecodeMode mode) throws DecodeException {
        PppFrame frame = PppFrameCodec.decode(r.context("PPP"), mode);
        int infoOffset = r.offset() - frame.information().length();
        ByteReader info = ByteReader.of(frame.information().toArray(), Layer.PPP, frame.protocolName());
        try {
            return new PppMessage(frame, decodeInformation(frame.protocol(), info, mode));
        } catch (DecodeException e) {
            DecodeException shifted = e.shifted(infoOffset);
            if (mode.strict()) {
                throw shifted;
            }
            return new PppMessage(frame, new PppMessage.Malformed(frame.protocol(), frame.information(), shifted));
        }
    }

    public static PppMessage decode(byte[] frame, DecodeMode mode) throws DecodeException {
        return decode(ByteReader.of(frame, Layer.PPP, "PPP"), mode);
    }

    /** The decoded Information field of a frame with protocol {@code protocol}. */
    public static Object decodeInformation(int protocol, ByteReader info, DecodeMode mode) throws DecodeException {
        PppProtocol known = PppProtocol.of(protocol).orElse(null);
        if (known == null) {
            return new PppMessage.Opaque(protocol, info.remainingByteString());
        }
        return switch (known) {
            case LCP -> Lcp.CODEC.decode(info, mode);
            case IPCP -> Ipcp.CODEC.decode(info, mode);
            case IPV6CP -> Ipv6cp.CODEC.decode(info, mode);
            case CCP -> Ccp.CODEC.decode(info, mode);
            case PAP -> PapCodec.decode(info, mode);
            case CHAP -> ChapCodec.decode(info, mode);
            case EAP -> EapCodec.decode(info, mode);
            case CBCP -> CbcpCodec.decode(info, mode);
            case COMPRESSED_DATAGRAM -> MppeCodec.decode(info, mode);
            case IPV4, IPV6 -> new PppMessage.Datagram(protocol, info.remainingByteString());
            default -> new PppMessage.Opaque(protocol, info.remainingByteString());
        };
    }
}
