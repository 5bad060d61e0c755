package io.pptp4j.ppp.fsm.lcp;

import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.ppp.fsm.NegotiationPolicy;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.wire.Hex;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * LCP option negotiation (RFC 1661 section 6, RFC 1570, RFC 1990) for PPTP.
 *
 * <p>We request MRU, ACCM 0 (optional), the Authentication-Protocol when we authenticate the peer,
 * Magic-Number, PFC and ACFC. From the peer we accept MRU down to a minimum (Nak'd up to it), any ACCM,
 * PFC and ACFC, a Magic-Number unlike ours, and an Authentication-Protocol from our list (Nak'd toward the
 * first of the list otherwise). We Configure-Reject what we do not do: Quality-Protocol, Callback (13),
 * MRRU (17), Short-Sequence-Number-Header-Format (18), Endpoint-Discriminator (19), Link-Discriminator (23)
 * and any option we do not know, as Windows clients and RRAS offer several of them.
 */
public final class LcpPolicy implements NegotiationPolicy<LcpOption> {
    private final LcpConfig config;
    private final RandomGenerator random;

    private int mru;
    private boolean requestMru;
    private Long accm;
    private AuthProtocol auth;
    private final Set<AuthProtocol> triedAuth = EnumSet.noneOf(AuthProtocol.class);
    private long magic;
    private boolean requestPfc;
    private boolean requestAcfc;
    private long lastNakMagic;
    private int magicCollisions;
    private String failure;
    private List<LcpOption> ourAcked;
    private List<LcpOption> peerAcked;

    public LcpPolicy(LcpConfig config, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        startNegotiation();
    }

    public LcpConfig config() { return config; }

    @Override
    public void startNegotiation() {
        mru = config.mru();
        requestMru = true;
        accm = config.requestAccm() ? 0L : null;
        triedAuth.clear();
        auth = config.authenticatePeer() ? config.authProtocols().getFirst() : null;
        if (auth != null) triedAuth.add(auth);
        magic = newMagic(0);
        requestPfc = config.requestPfc();
        requestAcfc = config.requestAcfc();
        magicCollisions = 0;
        failure = null;
        ourAcked = null;
        peerAcked = null;
    }

    @Override
    public List<LcpOption> requestOptions() {
        List<LcpOption> list = new ArrayList<>();
        if (requestMru) list.add(new LcpOption.MaximumReceiveUnit(mru));
        if (accm != null) list.add(new LcpOption.AsyncControlCharacterMap(accm));
        if (auth != null) list.add(auth.option());
        if (magic != 0) list.add(new LcpOption.MagicNumber(magic));
        if (requestPfc) list.add(new LcpOption.ProtocolFieldCompression());
        if (requestAcfc) list.add(new LcpOption.AddressAndControlFieldCompression());
        return list;
    }

    @Override
    public void onConfigureNak(List<LcpOption> options) {
        for (LcpOption o : options) {
            switch (o) {
                case LcpOption.MaximumReceiveUnit m -> {
                    if (m.maximumReceiveUnit() >= config.minimumMru() && m.maximumReceiveUnit() <= config.mru()) {
                        mru = m.maximumReceiveUnit();
                    }
                }
                case LcpOption.AsyncControlCharacterMap a -> accm = (accm == null ? 0 : accm) | a.accm();
                case LcpOption.AuthenticationProtocol a -> {
                    if (auth != null) nextAuth(AuthProtocol.of(a));
                }
                case LcpOption.MagicNumber m -> {
                    // RFC 1661 6.4: our Nak'd magic coming back suggests a loop; choose a new one either way
                    if (m.magicNumber() == lastNakMagic && lastNakMagic != 0) {
                        countCollision();
                    }
                    if (magic != 0) magic = newMagic(m.magicNumber());
                }
                default -> { }
            }
        }
    }

    private void nextAuth(Optional<AuthProtocol> suggested) {
        if (suggested.isPresent() && config.authProtocols().contains(suggested.get()) && !triedAuth.contains(suggested.get())) {
            auth = suggested.get();
        } else {
            auth = config.authProtocols().stream().filter(p -> !triedAuth.contains(p)).findFirst().orElse(null);
        }
        if (auth == null) {
            failure = "peer refuses authentication by every allowed protocol " + config.authProtocols();
        } else {
            triedAuth.add(auth);
        }
    }

    @Override
    public void onConfigureReject(List<LcpOption> options) {
        for (LcpOption o : options) {
            switch (o) {
                case LcpOption.MaximumReceiveUnit m -> requestMru = false;
                case LcpOption.AsyncControlCharacterMap a -> accm = null;
                case LcpOption.AuthenticationProtocol a -> {
                    auth = null;
                    if (config.authenticatePeer()) failure = "peer rejects authentication";
                }
                case LcpOption.MagicNumber m -> magic = 0;
                case LcpOption.ProtocolFieldCompression p -> requestPfc = false;
                case LcpOption.AddressAndControlFieldCompression a -> requestAcfc = false;
                default -> { }
            }
        }
    }

    @Override
    public Judgement<LcpOption> judge(List<LcpOption> peerOptions) {
        Judgement.Builder<LcpOption> b = Judgement.builder();
        for (LcpOption o : peerOptions) {
            switch (o) {
                case LcpOption.MaximumReceiveUnit m -> {
                    if (m.maximumReceiveUnit() < config.minimumMru()) b.nak(o, new LcpOption.MaximumReceiveUnit(config.minimumMru()));
                    else b.ack(o);
                }
                case LcpOption.AsyncControlCharacterMap a -> b.ack(o);
                case LcpOption.AuthenticationProtocol a -> {
                    Optional<AuthProtocol> p = AuthProtocol.of(a);
                    if (p.isPresent() && config.authProtocols().contains(p.get())) b.ack(o);
                    else if (config.authProtocols().isEmpty()) b.reject(o);
                    // RFC 1661 6.2: Nak with the protocol we prefer rather than Reject
                    else b.nak(o, config.authProtocols().getFirst().option());
                }
                case LcpOption.MagicNumber m -> {
                    if (m.magicNumber() == 0 || (magic != 0 && m.magicNumber() == magic)) {
                        if (m.magicNumber() != 0) countCollision();
                        lastNakMagic = newMagic(magic);
                        b.nak(o, new LcpOption.MagicNumber(lastNakMagic));
                    } else {
                        b.ack(o);
                    }
                }
                case LcpOption.ProtocolFieldCompression p -> b.ack(o);
                case LcpOption.AddressAndControlFieldCompression a -> b.ack(o);
                case LcpOption.QualityProtocol q -> b.reject(o);
                case LcpOption.Callback c -> b.reject(o);
                case LcpOption.MaximumReceiveReconstructedUnit m -> b.reject(o);
                case LcpOption.ShortSequenceNumberHeaderFormat s -> b.reject(o);
                case LcpOption.EndpointDiscriminator e -> b.reject(o);
                case LcpOption.LinkDiscriminator l -> b.reject(o);
                case LcpOption.Unknown u -> b.reject(o);
                case LcpOption.Malformed m -> b.reject(o);
            }
        }
        return b.build(peerOptions);
    }

    private void countCollision() {
        magicCollisions++;
        if (magicCollisions >= config.maxMagicCollisions()) {
            failure = "link looped back: Magic-Number " + Hex.u32(magic) + " came back " + magicCollisions + " times";
        }
    }

    private long newMagic(long unlike) {
        long m;
        do {
            m = random.nextLong() & 0xFFFFFFFFL;
        } while (m == 0 || m == unlike);
        return m;
    }

    @Override
    public void onAckSent(List<LcpOption> peerOptions) { peerAcked = List.copyOf(peerOptions); }

    @Override
    public void onAckReceived(List<LcpOption> ourOptions) { ourAcked = List.copyOf(ourOptions); }

    @Override
    public Optional<String> failure() { return Optional.ofNullable(failure); }

    /** Our current Magic-Number, 0 when the peer rejected it. */
    @Override
    public long magicNumber() { return magic; }

    /** How many times the peer's Magic-Number equalled ours, or our Nak'd one came back. */
    public int magicCollisions() { return magicCollisions; }

    /** The values both sides acknowledged, once both Configure-Acks have passed. */
    public Optional<LcpNegotiated> negotiated() {
        if (ourAcked == null || peerAcked == null) {
            return Optional.empty();
        }
        int ourMru = 1500;
        int peerMru = 1500;
        long ourMagic = 0;
        long peerMagic = 0;
        long peerAccm = 0xFFFFFFFFL;
        Optional<AuthProtocol> peerAuthenticates = Optional.empty();
        Optional<AuthProtocol> weAuthenticate = Optional.empty();
        boolean pfc = false;
        boolean acfc = false;
        for (LcpOption o : ourAcked) {
            switch (o) {
                case LcpOption.MaximumReceiveUnit m -> ourMru = m.maximumReceiveUnit();
                case LcpOption.AuthenticationProtocol a -> peerAuthenticates = AuthProtocol.of(a);
                case LcpOption.MagicNumber m -> ourMagic = m.magicNumber();
                default -> { }
            }
        }
        for (LcpOption o : peerAcked) {
            switch (o) {
                case LcpOption.MaximumReceiveUnit m -> peerMru = m.maximumReceiveUnit();
                case LcpOption.AsyncControlCharacterMap a -> peerAccm = a.accm();
                case LcpOption.AuthenticationProtocol a -> weAuthenticate = AuthProtocol.of(a);
                case LcpOption.MagicNumber m -> peerMagic = m.magicNumber();
                case LcpOption.ProtocolFieldCompression p -> pfc = true;
                case LcpOption.AddressAndControlFieldCompression a -> acfc = true;
                default -> { }
            }
        }
        return Optional.of(new LcpNegotiated(ourMru, peerMru, peerAuthenticates, weAuthenticate, ourMagic, peerMagic,
                peerAccm, pfc, acfc));
    }
}
