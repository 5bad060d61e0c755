package io.pptp4j.ppp.fsm.ccp;

import io.pptp4j.ppp.ccp.CcpOption;
import io.pptp4j.ppp.ccp.SupportedBit;
import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.ppp.fsm.NegotiationPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CCP negotiation of MPPE (RFC 1962, RFC 3078 2.1), the same on both ends of a PPTP call.
 *
 * <p>We request every strength we allow, with H (unless stateful mode is required). When the peer offers several bits (Windows offers
 * H,M,S,L,C; pptp-linux H,S,L; RRAS H,S,C) we Nak with exactly one strength, the strongest allowed one
 * offered, plus H when stateless (RFC 3078 2.1), so that negotiation converges in one Nak. MPPC (C) and the
 * obsolete D bit are never agreed. When no allowed strength is offered the option is Configure-Rejected,
 * and if encryption is required the negotiation fails. A Nak of our request to a single allowed strength
 * is adopted; any other Nak fails the negotiation. Under {@link MppeConfig.Statefulness#STATEFUL_REQUIRED}
 * (a probe's setting) H is never requested nor agreed.
 */
public final class MppePolicy implements NegotiationPolicy<CcpOption> {
    private static final SupportedBit[] BY_STRENGTH = {SupportedBit.S, SupportedBit.M, SupportedBit.L};

    private final MppeConfig config;
    private CcpOption.MicrosoftPpc request;
    private String failure;
    private CcpOption.MicrosoftPpc ourAcked;
    private CcpOption.MicrosoftPpc peerAcked;
    private boolean peerAckedAny;

    public MppePolicy(MppeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        startNegotiation();
    }

    @Override
    public void startNegotiation() {
        CcpOption.MicrosoftPpc m = null;
        for (SupportedBit s : config.allowedStrengths()) {
            m = m == null ? CcpOption.MicrosoftPpc.of(s) : m.with(s);
        }
        request = config.statefulness() == MppeConfig.Statefulness.STATEFUL_REQUIRED ? m : m.with(SupportedBit.H);
        failure = null;
        ourAcked = null;
        peerAcked = null;
        peerAckedAny = false;
    }

    @Override
    public List<CcpOption> requestOptions() { return request == null ? List.of() : List.of(request); }

    @Override
    public void onConfigureNak(List<CcpOption> options) {
        for (CcpOption o : options) {
            if (o instanceof CcpOption.MicrosoftPpc m) {
                if (acceptableChoice(m)) {
                    request = m;
                } else {
                    failure = "peer Naks MPPE to " + m.describe() + ", not one allowed strength of "
                            + letters(config) + switch (config.statefulness()) {
                                case STATELESS_REQUIRED -> " with H";
                                case STATEFUL_ALLOWED -> "";
                                case STATEFUL_REQUIRED -> " without H";
                            };
                }
            }
        }
    }

    /** A single allowed strength, H if required, nothing else. */
    private boolean acceptableChoice(CcpOption.MicrosoftPpc m) {
        long strengths = m.bits().stream().filter(b -> b == SupportedBit.S || b == SupportedBit.M || b == SupportedBit.L).count();
        boolean onlyKnown = (m.supportedBits() & ~(SupportedBit.H.mask() | SupportedBit.S.mask() | SupportedBit.M.mask()
                | SupportedBit.L.mask())) == 0;
        boolean hOk = switch (config.statefulness()) {
            case STATELESS_REQUIRED -> m.stateless();
            case STATEFUL_ALLOWED -> true;
            case STATEFUL_REQUIRED -> !m.stateless();
        };
        return strengths == 1 && onlyKnown && hOk && config.allowedStrengths().contains(m.strongestEncryption().orElseThrow());
    }

    @Override
    public void onConfigureReject(List<CcpOption> options) {
        for (CcpOption o : options) {
            if (o instanceof CcpOption.MicrosoftPpc) {
                request = null;
                if (config.encryptionRequired()) failure = "peer rejects MPPE, which is required";
            }
        }
    }

    @Override
    public Judgement<CcpOption> judge(List<CcpOption> peerOptions) {
        Judgement.Builder<CcpOption> b = Judgement.builder();
        boolean sawMppe = false;
        for (CcpOption o : peerOptions) {
            switch (o) {
                case CcpOption.MicrosoftPpc m -> {
                    sawMppe = true;
                    Optional<CcpOption.MicrosoftPpc> wanted = choose(m);
                    if (wanted.isEmpty()) {
                        b.reject(o);
                        if (config.encryptionRequired()) {
                            failure = "peer offers MPPE " + m.describe() + ", none of the allowed strengths " + letters(config);
                        }
                    } else if (wanted.get().equals(m)) {
                        b.ack(o);
                    } else {
                        b.nak(o, wanted.get());
                    }
                }
                case CcpOption.Unknown u -> b.reject(o);
                case CcpOption.Malformed x -> b.reject(o);
            }
        }
        if (!sawMppe && config.encryptionRequired() && failure == null) {
            failure = "peer does not offer MPPE, which is required";
        }
        return b.build(peerOptions);
    }

    /** RFC 3078 2.1: the strongest allowed strength offered, with H when stateless; empty when none is allowed. */
    private Optional<CcpOption.MicrosoftPpc> choose(CcpOption.MicrosoftPpc offer) {
        for (SupportedBit s : BY_STRENGTH) {
            if (offer.has(s) && config.allowedStrengths().contains(s)) {
                boolean stateless = switch (config.statefulness()) {
                    case STATELESS_REQUIRED -> true;
                    case STATEFUL_ALLOWED -> offer.stateless();
                    case STATEFUL_REQUIRED -> false;
                };
                CcpOption.MicrosoftPpc c = CcpOption.MicrosoftPpc.of(s);
                return Optional.of(stateless ? c.with(SupportedBit.H) : c);
            }
        }
        return Optional.empty();
    }

    private static String letters(MppeConfig config) {
        StringBuilder sb = new StringBuilder();
        for (SupportedBit s : BY_STRENGTH) {
            if (config.allowedStrengths().contains(s)) sb.append(sb.isEmpty() ? "" : ",").append(s.name());
        }
        return sb.toString();
    }

    @Override
    public void onAckSent(List<CcpOption> peerOptions) {
        peerAckedAny = true;
        peerAcked = peerOptions.stream().filter(o -> o instanceof CcpOption.MicrosoftPpc).map(o -> (CcpOption.MicrosoftPpc) o)
                .findFirst().orElse(null);
    }

    @Override
    public void onAckReceived(List<CcpOption> ourOptions) {
        ourAcked = ourOptions.stream().filter(o -> o instanceof CcpOption.MicrosoftPpc).map(o -> (CcpOption.MicrosoftPpc) o)
                .findFirst().orElse(null);
    }

    @Override
    public Optional<String> failure() { return Optional.ofNullable(failure); }

    /**
     * The MPPE both directions agreed, once both Configure-Acks have passed: our acknowledged request,
     * when it names one strength; empty when MPPE was not agreed (or the two directions differ).
     */
    public Optional<MppeNegotiated> negotiated() {
        if (ourAcked == null || !peerAckedAny || !Objects.equals(ourAcked, peerAcked)) {
            return Optional.empty();
        }
        List<SupportedBit> strengths = new ArrayList<>();
        for (SupportedBit s : BY_STRENGTH) {
            if (ourAcked.has(s)) strengths.add(s);
        }
        if (strengths.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new MppeNegotiated(ourAcked.supportedBits(), ourAcked.stateless(), strengths.getFirst()));
    }
}
