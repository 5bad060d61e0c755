package io.pptp4j.ppp.session;

import io.pptp4j.ppp.PppFrame;
import io.pptp4j.ppp.PppFrameCodec;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.auth.ChapCodec;
import io.pptp4j.ppp.auth.ChapPacket;
import io.pptp4j.ppp.auth.PapCodec;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.ppp.auth.engine.AuthOutcome;
import io.pptp4j.ppp.auth.engine.AuthStep;
import io.pptp4j.ppp.auth.engine.ChapAuthenticator;
import io.pptp4j.ppp.auth.engine.ChapPeer;
import io.pptp4j.ppp.auth.engine.PapAuthenticator;
import io.pptp4j.ppp.auth.engine.PapPeer;
import io.pptp4j.ppp.secrets.Secret;
import io.pptp4j.ppp.ccp.Ccp;
import io.pptp4j.ppp.ccp.CcpOption;
import io.pptp4j.ppp.cp.CpCodec;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.fsm.AutomatonAction;
import io.pptp4j.ppp.fsm.ControlProtocolAutomaton;
import io.pptp4j.ppp.fsm.CpState;
import io.pptp4j.ppp.fsm.ccp.MppeConfig;
import io.pptp4j.ppp.fsm.ccp.MppeNegotiated;
import io.pptp4j.ppp.fsm.ccp.MppePolicy;
import io.pptp4j.ppp.fsm.ipcp.IpcpNegotiated;
import io.pptp4j.ppp.fsm.ipcp.IpcpPolicy;
import io.pptp4j.ppp.fsm.lcp.AuthProtocol;
import io.pptp4j.ppp.fsm.lcp.LcpKeepalive;
import io.pptp4j.ppp.fsm.lcp.LcpNegotiated;
import io.pptp4j.ppp.fsm.lcp.LcpPolicy;
import io.pptp4j.ppp.ipcp.Ipcp;
import io.pptp4j.ppp.ipcp.IpcpOption;
import io.pptp4j.ppp.lcp.ChapAlgorithm;
import io.pptp4j.ppp.lcp.Lcp;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.ppp.mppe.MppeCipher;
import io.pptp4j.ppp.mppe.MppeCodec;
import io.pptp4j.ppp.mppe.MppeDecryptResult;
import io.pptp4j.ppp.mppe.MppePacket;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeException;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One PPP link (RFC 1661) from either end, transport-free: whole PPP frames, datagrams from above, clock
 * ticks and administrative events go in; frames to send, datagrams to deliver and phase changes come out
 * as {@link SessionAction}s. The phases follow RFC 1661 3.2 ({@link Phase}):
 *
 * <ul>
 * <li>Establish: the LCP automaton; non-LCP frames are discarded (RFC 1661 3.4).</li>
 * <li>Authenticate: the protocol LCP agreed; the authenticator (server) or peer (client) engine of
 *     {@code auth.engine}; NCP frames are discarded until it succeeds (RFC 1661 3.5). A failure terminates
 *     the link with the engine's reason (for MS-CHAP the server's {@code E=} message).</li>
 * <li>Network: CCP (when MPPE is configured and the authentication gave MS-CHAP keys) and IPCP. With MPPE
 *     required, no datagram moves in either direction until CCP is Opened and the ciphers exist (RFC 3078
 *     4); MPPE required after an authentication without keys terminates the link.</li>
 * <li>Terminate: LCP Terminate-Request/Ack, then Dead and {@link SessionAction.Terminated}.</li>
 * </ul>
 *
 * <p>IPv4 datagrams go as protocol 0x0021, or once MPPE runs as 0x00FD whose plaintext is the PPP Protocol
 * field and the datagram (RFC 3078 3). Frames of protocols we do not run (IPV6CP, CBCP...) are answered
 * with LCP Protocol-Reject while LCP is Opened (RFC 1661 5.7). LCP frames always carry Address/Control and
 * a two-octet Protocol (RFC 1661 6.5, 6.6); other frames are compressed as LCP negotiated.
 *
 * <p>Not thread-safe: one owner drives it. Each event returns the actions it caused, in order.
 */
public final class PppSession {
    private static final int PROTOCOL_IPV4 = PppProtocol.IPV4.value();
    private static final int PROTOCOL_MPPE = PppProtocol.COMPRESSED_DATAGRAM.value();

    private final SessionConfig config;
    private final LcpPolicy lcpPolicy;
    private final ControlProtocolAutomaton<LcpOption> lcp;
    private final LcpKeepalive keepalive;
    private final long restartNanos;

    private Phase phase = Phase.DEAD;
    private boolean finished;
    private String terminateReason;
    private LcpNegotiated lcpNegotiated;

    private ChapAuthenticator chapAuthenticator;
    private PapAuthenticator papAuthenticator;
    private ChapPeer chapPeer;
    private PapPeer papPeer;
    private int chapResponsesSent;
    private long datagramsTooLarge;
    private AuthOutcome.Success authenticatorSuccess;
    private AuthOutcome.Success peerSuccess;
    private long authDeadline;
    private boolean authTimerSet;

    private IpcpPolicy ipcpPolicy;
    private ControlProtocolAutomaton<IpcpOption> ipcp;
    private IpcpNegotiated ipcpNegotiated;
    private MppePolicy mppePolicy;
    private ControlProtocolAutomaton<CcpOption> ccp;
    private boolean ccpGaveUp;
    private MppeNegotiated mppeNegotiated;
    private MppeCipher sendCipher;
    private MppeCipher receiveCipher;
    private SessionResult result;

    private int protocolRejectIdentifier;
    private int resetRequestIdentifier;
    private List<SessionAction> out = new ArrayList<>();

    public PppSession(SessionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.lcpPolicy = new LcpPolicy(config.lcp(), config.random());
        this.lcp = new ControlProtocolAutomaton<>(Lcp.CODEC, lcpPolicy, config.automaton(), 1 + config.random().nextInt(255));
        this.keepalive = config.keepaliveInterval().map(i -> new LcpKeepalive(i, config.keepaliveMaxFailures())).orElse(null);
        this.restartNanos = config.automaton().restartInterval().toNanos();
        this.protocolRejectIdentifier = config.random().nextInt(256);
    }

    public SessionConfig config() { return config; }

    public Phase phase() { return phase; }

    /** What was agreed, once {@link SessionAction.NetworkUp} was emitted. */
    public Optional<SessionResult> result() { return Optional.ofNullable(result); }

    /** Why the link went down, once it did (or is going). */
    public Optional<String> terminateReason() { return Optional.ofNullable(terminateReason); }

    /** Whether datagrams are encrypted now. */
    public boolean encrypting() { return sendCipher != null; }

    // ---- events ------------------------------------------------------------------------------------

    /** Administrative Open with the lower layer up (a GRE tunnel or pty is there): Dead to Establish. */
    public List<SessionAction> open(long nowNanos) {
        begin();
        if (finished || phase != Phase.DEAD) {
            log("open ignored in phase " + phase + (finished ? " (session finished)" : ""));
            return end();
        }
        setPhase(PhaseEvent.UP);
        lcpActions(lcp.open(nowNanos), nowNanos);
        if (lcp.state() == CpState.STARTING) {
            lcpActions(lcp.up(nowNanos), nowNanos);
        }
        return end();
    }

    /** Administrative Close: LCP Terminate-Request with {@code reason}, then Dead. */
    public List<SessionAction> close(String reason, long nowNanos) {
        Objects.requireNonNull(reason, "reason");
        begin();
        if (finished || phase == Phase.DEAD) {
            log("close ignored: link already dead");
            return end();
        }
        terminate(reason, nowNanos);
        return end();
    }

    /** The lower layer went away (GRE or control connection lost): straight to Dead. */
    public List<SessionAction> lowerDown(long nowNanos) {
        begin();
        if (finished) {
            return end();
        }
        if (terminateReason == null) {
            terminateReason = "lower layer down";
        }
        lcpActions(lcp.down(nowNanos), nowNanos);
        finish("lower layer down");
        return end();
    }

    /** A whole PPP frame from the peer; Address/Control and a compressed Protocol field are accepted. */
    public List<SessionAction> onFrame(Bytes pppFrame, long nowNanos) {
        begin();
        if (finished || phase == Phase.DEAD) {
            log("frame dropped: link dead");
            return end();
        }
        PppFrame frame;
        try {
            frame = PppFrameCodec.decode(pppFrame.toArray());
        } catch (DecodeException e) {
            log("frame dropped: " + e.getMessage());
            return end();
        }
        int protocol = frame.protocol();
        Bytes info = frame.information();
        if (protocol == PppProtocol.LCP.value()) {
            onLcp(info, nowNanos);
        } else if (lcp.state() != CpState.OPENED || phase == Phase.ESTABLISH || phase == Phase.TERMINATE) {
            // RFC 1661 3.4: non-LCP packets are silently discarded until LCP is Opened
            log("discarded " + frame.protocolName() + " frame in phase " + phase);
        } else {
            onProtocol(protocol, frame.protocolName(), info, nowNanos);
        }
        return end();
    }

    /** Datagrams {@link #sendDatagram} dropped because the peer's MRU does not allow them. */
    public long datagramsTooLarge() { return datagramsTooLarge; }

    /** An IPv4 datagram from the tunnel above, to send to the peer (encrypted when MPPE runs). */
    public List<SessionAction> sendDatagram(Bytes ipPacket, long nowNanos) {
        begin();
        if (result == null || phase != Phase.NETWORK) {
            log("datagram dropped: network not up (phase " + phase + ")");
        } else if (ipPacket.length() > result.interfaceMtu()) {
            // RFC 1661 6.1: never more than the peer's MRU in the Information field
            datagramsTooLarge++;
            log("datagram of " + ipPacket.length() + " octets dropped: the peer's MRU " + result.peerMru()
                    + " allows " + result.interfaceMtu());
        } else if (sendCipher != null) {
            byte[] plain = new byte[2 + ipPacket.length()];
            plain[1] = (byte) PROTOCOL_IPV4;
            ipPacket.copyTo(plain, 2);
            MppePacket packet = sendCipher.encrypt(Bytes.wrap(plain));
            sendFrame(PROTOCOL_MPPE, MppeCodec.encode(packet));
        } else if (encryptionRequired()) {
            log("datagram dropped: MPPE is required and not running");
        } else {
            sendFrame(PROTOCOL_IPV4, ipPacket.toArray());
        }
        return end();
    }

    // ---- the data path's steady state, in place -------------------------------------------------------

    /**
     * Octets {@link #sendDatagramInPlace} needs free before a datagram: Address and Control (2), Protocol
     * (2), the MPPE header (2) and the encrypted inner Protocol field (2).
     */
    public static final int SEND_HEADROOM = 8;
    /** From the in-place methods: the packet is not for the in-place path; nothing changed. */
    public static final int NOT_IN_PLACE = -1;
    /** From {@link #receiveInPlace}: the frame was taken and dropped; its actions wait in {@link #takeActions()}. */
    public static final int CONSUMED = -2;

    /**
     * {@link #sendDatagram} for the steady state, allocating nothing: the IPv4 datagram at
     * {@code buf[off, off + len)}, with {@link #SEND_HEADROOM} octets free before it, becomes a PPP frame
     * in place (encrypted when MPPE runs) ending where the datagram ends. Returns where the frame starts,
     * or {@link #NOT_IN_PLACE} when the datagram must go through {@link #sendDatagram} (network not up,
     * too large, MPPE required and not running), which then says what became of it.
     */
    public int sendDatagramInPlace(byte[] buf, int off, int len) {
        if (off < SEND_HEADROOM || result == null || phase != Phase.NETWORK || finished || len > result.interfaceMtu()) {
            return NOT_IN_PLACE;
        }
        int p;
        int protocol;
        if (sendCipher != null) {
            // RFC 3078 3: the inner Protocol field, then the whole encrypted behind the MPPE header
            buf[off - 2] = 0;
            buf[off - 1] = (byte) PROTOCOL_IPV4;
            int header = sendCipher.encryptInPlace(buf, off - 2, len + 2);
            buf[off - 4] = (byte) (header >>> 8);
            buf[off - 3] = (byte) header;
            p = off - 4;
            protocol = PROTOCOL_MPPE;
        } else if (encryptionRequired()) {
            return NOT_IN_PLACE;
        } else {
            p = off;
            protocol = PROTOCOL_IPV4;
        }
        // as sendFrame: RFC 1661 6.5, 6.6 as negotiated
        if (lcpNegotiated.sendPfc()) {
            buf[--p] = (byte) protocol;
        } else {
            buf[--p] = (byte) protocol;
            buf[--p] = 0;
        }
        if (!lcpNegotiated.sendAcfc()) {
            buf[--p] = PppFrameCodec.CONTROL_UI;
            buf[--p] = (byte) PppFrameCodec.ADDRESS_ALL_STATIONS;
        }
        return p;
    }

    /**
     * {@link #onFrame} for the steady state, allocating nothing: the PPP frame at {@code buf[off, off + len)}.
     * Returns the offset of the IPv4 datagram it carried, decrypted in place and ending where the frame
     * ends, to deliver; {@link #CONSUMED} when it was taken and dropped (late, out of MPPE sync...: the
     * log and any CCP Reset-Request wait in {@link #takeActions()}); {@link #NOT_IN_PLACE} when it is
     * anything else (LCP, IPCP, CCP, a frame before the network is up): give it to {@link #onFrame}.
     */
    public int receiveInPlace(byte[] buf, int off, int len) {
        if (result == null || phase != Phase.NETWORK || finished || lcp.state() != CpState.OPENED) {
            return NOT_IN_PLACE;
        }
        int end = off + len;
        int p = off;
        if (end - p >= 2 && (buf[p] & 0xFF) == PppFrameCodec.ADDRESS_ALL_STATIONS
                && buf[p + 1] == PppFrameCodec.CONTROL_UI) {
            p += 2;
        }
        int protocol;
        if (end - p >= 1 && (buf[p] & 1) == 1) {
            protocol = buf[p++] & 0xFF;
        } else if (end - p >= 2) {
            protocol = (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
            p += 2;
        } else {
            return NOT_IN_PLACE;
        }
        if (protocol == PROTOCOL_IPV4) {
            return receiveCipher == null && !encryptionRequired() ? p : NOT_IN_PLACE;
        }
        if (protocol != PROTOCOL_MPPE || receiveCipher == null || end - p < 2 || (buf[p] & 0x10) == 0) {
            return NOT_IN_PLACE; // bit D clear: strict decoding names it in onFrame
        }
        int header = (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
        p += 2;
        switch (receiveCipher.decryptInPlace(header, buf, p, end - p)) {
            case PLAIN -> {
                // RFC 3078 3: the inner Protocol field may be compressed (RFC 1661 6.5)
                int headerLength = end - p >= 1 && (buf[p] & 1) == 1 ? 1 : 2;
                if (end - p < headerLength) {
                    log("MPPE packet dropped: " + (end == p ? "empty plaintext" : "truncated Protocol field"));
                    return CONSUMED;
                }
                int inner = headerLength == 1 ? buf[p] & 0xFF : (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
                if (inner != PROTOCOL_IPV4) {
                    log("decrypted " + PppProtocol.nameOf(inner) + " packet dropped");
                    return CONSUMED;
                }
                return p + headerLength;
            }
            case NEEDS_RESET -> {
                requestReset(receiveCipher.problem());
                return CONSUMED;
            }
            case DROPPED -> {
                log("MPPE packet dropped: " + receiveCipher.problem());
                return CONSUMED;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** The actions an in-place call left ({@link #CONSUMED}): a new list the caller owns. */
    public List<SessionAction> takeActions() { return end(); }

    /** Timers: LCP/IPCP/CCP restart timers, authentication retransmission, keepalive. */
    public List<SessionAction> onTick(long nowNanos) {
        begin();
        if (finished) {
            return end();
        }
        lcpActions(lcp.onTick(nowNanos), nowNanos);
        if (ipcp != null && !finished) {
            ipcpActions(ipcp.onTick(nowNanos), nowNanos);
        }
        if (ccp != null && !finished) {
            ccpActions(ccp.onTick(nowNanos), nowNanos);
        }
        if (authTimerSet && nowNanos - authDeadline >= 0 && !finished) {
            authTimeout(nowNanos);
        }
        if (keepalive != null && lcp.state() == CpState.OPENED && !finished) {
            long magic = lcpPolicy.magicNumber();
            Optional<CpPacket.EchoRequest<LcpOption>> echo = keepalive.onTick(nowNanos, magic);
            echo.ifPresent(e -> sendLcp(e));
            if (keepalive.isDead()) {
                terminate("peer dead: no LCP Echo-Reply to " + keepalive.unanswered() + " Echo-Requests", nowNanos);
            }
        }
        return end();
    }

    /** When {@link #onTick} next has work; empty when no timer runs. */
    public OptionalLong nextDeadlineNanos() {
        if (finished) {
            return OptionalLong.empty();
        }
        long next = Long.MAX_VALUE;
        boolean any = false;
        for (OptionalLong d : new OptionalLong[] {lcp.nextDeadlineNanos(),
                ipcp == null ? OptionalLong.empty() : ipcp.nextDeadlineNanos(),
                ccp == null ? OptionalLong.empty() : ccp.nextDeadlineNanos()}) {
            if (d.isPresent()) {
                next = any ? Math.min(next, d.getAsLong()) : d.getAsLong();
                any = true;
            }
        }
        if (authTimerSet) {
            next = any ? Math.min(next, authDeadline) : authDeadline;
            any = true;
        }
        if (keepalive != null && lcp.state() == CpState.OPENED && keepalive.nextDeadlineNanos().isPresent() && !keepalive.isDead()) {
            long k = keepalive.nextDeadlineNanos().get();
            next = any ? Math.min(next, k) : k;
            any = true;
        }
        return any ? OptionalLong.of(next) : OptionalLong.empty();
    }

    // ---- LCP ---------------------------------------------------------------------------------------

    private void onLcp(Bytes info, long now) {
        CpPacket<LcpOption> packet;
        try {
            packet = Lcp.CODEC.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            if (e.replyCode() == CpCodec.UNKNOWN_CODE_REPLY) {
                lcpActions(lcp.onUnknownCode(info, now), now);
            } else {
                log("LCP packet dropped: " + e.getMessage());
            }
            return;
        }
        if (packet instanceof CpPacket.TerminateRequest<LcpOption> t && terminateReason == null) {
            String data = t.data().latin1().strip();
            terminateReason = "peer terminated the link" + (data.isEmpty() ? "" : ": " + data);
        }
        lcpActions(lcp.onPacket(packet, now), now);
    }

    private void lcpActions(List<AutomatonAction<LcpOption>> actions, long now) {
        for (AutomatonAction<LcpOption> action : actions) {
            switch (action) {
                case AutomatonAction.Send<LcpOption> s -> sendLcp(s.packet());
                case AutomatonAction.ThisLayerUp<LcpOption> u -> lcpUp(now);
                case AutomatonAction.ThisLayerDown<LcpOption> d -> lcpDown(now);
                case AutomatonAction.ThisLayerStarted<LcpOption> s -> log("LCP: this layer started");
                case AutomatonAction.ThisLayerFinished<LcpOption> f -> finish(f.reason());
                case AutomatonAction.Deliver<LcpOption> d -> lcpDeliver(d.packet(), now);
                case AutomatonAction.Log<LcpOption> l -> log(l.message());
            }
        }
        Optional<String> failure = lcpPolicy.failure();
        if (failure.isPresent() && terminateReason == null) {
            String f = failure.get();
            terminateReason = f.contains("authentication") ? "no common authentication: " + f : "LCP negotiation failed: " + f;
        }
        if (!finished && (lcp.state() == CpState.CLOSING || lcp.state() == CpState.STOPPING)) {
            setPhase(PhaseEvent.CLOSING);
        }
    }

    private void lcpUp(long now) {
        lcpNegotiated = lcpPolicy.negotiated().orElseThrow(() -> new IllegalStateException("LCP Opened without both Acks"));
        log("LCP opened: " + lcpNegotiated);
        if (keepalive != null) {
            keepalive.start(now);
        }
        setPhase(PhaseEvent.LCP_OPENED);
        startAuthentication(now);
    }

    private void lcpDown(long now) {
        if (keepalive != null) {
            keepalive.stop();
        }
        if (ipcp != null) {
            ipcpActions(ipcp.down(now), now);
        }
        if (ccp != null) {
            ccpActions(ccp.down(now), now);
        }
        lcpNegotiated = null;
        sendCipher = null;
        receiveCipher = null;
        ipcpNegotiated = null;
        result = null;
        if (terminateReason == null && !finished && (phase == Phase.AUTHENTICATE || phase == Phase.NETWORK)) {
            // RFC 1661 3.2: a Configure-Request in Opened renegotiates from Establish
            setPhase(PhaseEvent.RENEGOTIATE);
            chapAuthenticator = null;
            papAuthenticator = null;
            chapPeer = null;
            papPeer = null;
            authenticatorSuccess = null;
            peerSuccess = null;
            authTimerSet = false;
            ipcp = null;
            ccp = null;
            ccpGaveUp = false;
            if (ipcpPolicy != null) {
                ipcpPolicy.release();
            }
        }
    }

    private void lcpDeliver(CpPacket<LcpOption> packet, long now) {
        switch (packet) {
            case CpPacket.EchoReply<LcpOption> reply -> {
                if (keepalive != null) {
                    keepalive.onEchoReply(reply, lcpPolicy.magicNumber());
                }
            }
            case CpPacket.ProtocolReject<LcpOption> reject -> {
                int p = reject.rejectedProtocol();
                if (p == PppProtocol.CCP.value() && ccp != null) {
                    ccpActions(ccp.onPacket(new CpPacket.ProtocolReject<>(reject.identifier(), p, reject.rejectedInformation()), now), now);
                } else if (p == PppProtocol.IPCP.value() && ipcp != null) {
                    ipcpActions(ipcp.onPacket(new CpPacket.ProtocolReject<>(reject.identifier(), p, reject.rejectedInformation()), now), now);
                } else {
                    log("peer rejected protocol " + Hex.u16(p));
                }
            }
            default -> log("LCP " + packet.name() + " ignored");
        }
    }

    // ---- authentication ----------------------------------------------------------------------------

    private void startAuthentication(long now) {
        Optional<AuthProtocol> weCheck = lcpNegotiated.peerAuthenticates();
        Optional<AuthProtocol> theyCheck = lcpNegotiated.weAuthenticate();
        if (weCheck.isPresent()) {
            if (config.secrets().isEmpty()) {
                terminate("no secrets to authenticate the peer with " + weCheck.get(), now);
                return;
            }
            switch (weCheck.get()) {
                case PAP -> {
                    if (!config.allowPap()) {
                        terminate("no common authentication: PAP (password in clear) is not allowed", now);
                        return;
                    }
                    papAuthenticator = new PapAuthenticator(config.secrets().get(), config.localName());
                }
                case CHAP_MD5, MS_CHAP, MS_CHAP_V2 -> {
                    chapAuthenticator = new ChapAuthenticator(algorithm(weCheck.get()), config.localName(), config.secrets().get(),
                            config.secureRandom(), 1, config.automaton().maxConfigure());
                    chapStep(chapAuthenticator.start(), true, now);
                }
                case EAP -> {
                    terminate("no common authentication: EAP is not supported", now);
                    return;
                }
            }
        }
        if (finished || terminateReason != null) {
            return;
        }
        if (theyCheck.isPresent()) {
            if (config.userName().isEmpty()) {
                terminate("no user name to authenticate with " + theyCheck.get(), now);
                return;
            }
            char[] password = config.password();
            try {
                switch (theyCheck.get()) {
                    case PAP -> {
                        papPeer = new PapPeer(config.userName().get(), password, config.automaton().maxConfigure(),
                                config.random().nextInt(256));
                        papStep(papPeer.start(), false, now);
                    }
                    case CHAP_MD5, MS_CHAP, MS_CHAP_V2 -> chapPeer = new ChapPeer(algorithm(theyCheck.get()),
                            config.userName().get(), password, config.secureRandom(), config.retryPrompt());
                    case EAP -> terminate("no common authentication: EAP is not supported", now);
                }
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }
        maybeEnterNetwork(now);
    }

    private static ChapAlgorithm algorithm(AuthProtocol p) {
        return switch (p) {
            case CHAP_MD5 -> ChapAlgorithm.MD5;
            case MS_CHAP -> ChapAlgorithm.MS_CHAP;
            case MS_CHAP_V2 -> ChapAlgorithm.MS_CHAP_V2;
            case PAP, EAP -> throw new IllegalArgumentException(p + " is not CHAP");
        };
    }

    private void onChap(Bytes info, long now) {
        ChapPacket packet;
        try {
            packet = ChapCodec.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            log("CHAP packet dropped: " + e.getMessage());
            return;
        }
        if (chapAuthenticator != null && packet instanceof ChapPacket.Response) {
            chapStep(chapAuthenticator.receive(packet), true, now);
        } else if (chapPeer != null && !(packet instanceof ChapPacket.Response)) {
            chapStep(chapPeer.receive(packet), false, now);
        } else {
            log("CHAP " + packet.getClass().getSimpleName() + " ignored");
        }
    }

    private void onPap(Bytes info, long now) {
        PapPacket packet;
        try {
            packet = PapCodec.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            log("PAP packet dropped: " + e.getMessage());
            return;
        }
        if (papAuthenticator != null && packet instanceof PapPacket.AuthenticateRequest) {
            papStep(papAuthenticator.receive(packet), true, now);
        } else if (papPeer != null && !(packet instanceof PapPacket.AuthenticateRequest)) {
            papStep(papPeer.receive(packet), false, now);
        } else {
            log("PAP " + packet.getClass().getSimpleName() + " ignored");
        }
    }

    private void chapStep(AuthStep<ChapPacket> step, boolean authenticator, long now) {
        if (!authenticator && !step.send().isEmpty()) {
            chapResponsesSent++;
        }
        authStep(step, ChapCodec::encode, PppProtocol.CHAP.value(), authenticator, now);
    }

    private void papStep(AuthStep<PapPacket> step, boolean authenticator, long now) {
        authStep(step, PapCodec::encode, PppProtocol.PAP.value(), authenticator, now);
    }

    private <P> void authStep(AuthStep<P> step, Function<P, byte[]> encoder, int protocol, boolean authenticator, long now) {
        for (P p : step.send()) {
            sendFrame(protocol, encoder.apply(p));
        }
        if (!step.send().isEmpty()) {
            authDeadline = now + restartNanos;
        }
        authTimerSet = authPending();
        if (step.outcome().isEmpty()) {
            return;
        }
        switch (step.outcome().get()) {
            case AuthOutcome.Success s -> {
                out.add(new SessionAction.Authenticated(s));
                if (authenticator) authenticatorSuccess = s;
                else peerSuccess = s;
                maybeEnterNetwork(now);
            }
            case AuthOutcome.Failure f -> terminate("authentication failed: " + f.reason(), now);
        }
    }

    /** Whether an engine waits for an answer that a retransmission may bring. */
    private boolean authPending() {
        return (chapAuthenticator != null && chapAuthenticator.state() == ChapAuthenticator.State.CHALLENGED)
                || (papPeer != null && papPeer.state() == PapPeer.State.REQUESTING)
                || (chapPeer != null && chapPeer.state() == ChapPeer.State.RESPONDED);
    }

    private void authTimeout(long now) {
        authTimerSet = false;
        if (chapAuthenticator != null && chapAuthenticator.state() == ChapAuthenticator.State.CHALLENGED) {
            chapStep(chapAuthenticator.timeout(), true, now);
        }
        if (papPeer != null && papPeer.state() == PapPeer.State.REQUESTING && !finished) {
            papStep(papPeer.timeout(), false, now);
        }
        if (chapPeer != null && chapPeer.state() == ChapPeer.State.RESPONDED && !finished) {
            // our Response or the Success was lost: the Responses again (RFC 1994 4.2: a repeated Response gets the same answer)
            if (chapResponsesSent >= config.automaton().maxConfigure()) {
                terminate("authentication failed: no CHAP Success or Failure after " + chapResponsesSent + " Responses", now);
                return;
            }
            chapStep(chapPeer.timeout(), false, now);
        }
        if (authPending() && !authTimerSet && !finished) {
            authDeadline = now + restartNanos;
            authTimerSet = true;
        }
    }

    // ---- network -----------------------------------------------------------------------------------

    private void maybeEnterNetwork(long now) {
        if (phase != Phase.AUTHENTICATE || terminateReason != null || finished) {
            return;
        }
        boolean authenticatorDone = chapAuthenticator == null && papAuthenticator == null || authenticatorSuccess != null;
        boolean peerDone = chapPeer == null && papPeer == null || peerSuccess != null;
        if (!authenticatorDone || !peerDone) {
            return;
        }
        setPhase(PhaseEvent.AUTHENTICATED);
        Optional<MppeSessionKeys> keys = mppeKeys();
        if (encryptionRequired() && keys.isEmpty()) {
            terminate("encryption refused: MPPE needs MS-CHAP keys", now);
            return;
        }
        if (config.mppe().isPresent() && keys.isPresent()) {
            mppePolicy = new MppePolicy(config.mppe().get());
            ccp = new ControlProtocolAutomaton<>(Ccp.CODEC, mppePolicy, config.automaton(), 1 + config.random().nextInt(255));
            ccpActions(ccp.open(now), now);
            if (ccp.state() == CpState.STARTING) {
                ccpActions(ccp.up(now), now);
            }
        }
        if (finished || terminateReason != null) {
            return;
        }
        ipcpPolicy = new IpcpPolicy(config.ipcp());
        ipcp = new ControlProtocolAutomaton<>(Ipcp.CODEC, ipcpPolicy, config.automaton(), 1 + config.random().nextInt(255));
        ipcpActions(ipcp.open(now), now);
        if (ipcp.state() == CpState.STARTING) {
            ipcpActions(ipcp.up(now), now);
        }
    }

    private Optional<MppeSessionKeys> mppeKeys() {
        if (authenticatorSuccess != null && authenticatorSuccess.mppeKeys().isPresent()) {
            return authenticatorSuccess.mppeKeys();
        }
        return peerSuccess == null ? Optional.empty() : peerSuccess.mppeKeys();
    }

    private boolean encryptionRequired() { return config.mppe().map(MppeConfig::encryptionRequired).orElse(false); }

    private void onProtocol(int protocol, String name, Bytes info, long now) {
        PppProtocol known = PppProtocol.of(protocol).orElse(null);
        if (known == PppProtocol.CHAP && (chapAuthenticator != null || chapPeer != null)) {
            onChap(info, now);
        } else if (known == PppProtocol.PAP && (papAuthenticator != null || papPeer != null)) {
            onPap(info, now);
        } else if (known == PppProtocol.IPCP || known == PppProtocol.CCP && config.mppe().isPresent()
                || protocol == PROTOCOL_IPV4 || protocol == PROTOCOL_MPPE) {
            if (phase != Phase.NETWORK) {
                // RFC 1661 3.5: NCP packets before authentication completes are discarded
                log("discarded " + name + " frame in phase " + phase);
            } else if (known == PppProtocol.IPCP) {
                onIpcp(info, now);
            } else if (known == PppProtocol.CCP) {
                if (ccp != null) onCcp(info, now);
                else protocolReject(protocol, info);
            } else if (protocol == PROTOCOL_IPV4) {
                onClearDatagram(info);
            } else {
                onEncryptedDatagram(info);
            }
        } else {
            protocolReject(protocol, info);
        }
    }

    private void protocolReject(int protocol, Bytes info) {
        log("Protocol-Reject of " + PppProtocol.nameOf(protocol) + " (" + Hex.u16(protocol) + ")");
        protocolRejectIdentifier = (protocolRejectIdentifier + 1) & 0xFF;
        int peerMru = lcpNegotiated == null ? 1500 : lcpNegotiated.peerMru();
        sendLcp(LcpKeepalive.protocolReject(protocolRejectIdentifier, protocol, info, peerMru));
    }

    private void onIpcp(Bytes info, long now) {
        CpPacket<IpcpOption> packet;
        try {
            packet = Ipcp.CODEC.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            if (e.replyCode() == CpCodec.UNKNOWN_CODE_REPLY) {
                ipcpActions(ipcp.onUnknownCode(info, now), now);
            } else {
                log("IPCP packet dropped: " + e.getMessage());
            }
            return;
        }
        ipcpActions(ipcp.onPacket(packet, now), now);
    }

    private void ipcpActions(List<AutomatonAction<IpcpOption>> actions, long now) {
        for (AutomatonAction<IpcpOption> action : actions) {
            switch (action) {
                case AutomatonAction.Send<IpcpOption> s -> sendFrame(PppProtocol.IPCP.value(), Ipcp.CODEC.encode(s.packet()));
                case AutomatonAction.ThisLayerUp<IpcpOption> u -> {
                    ipcpNegotiated = ipcpPolicy.negotiated().orElse(null);
                    if (ipcpNegotiated == null) {
                        terminate("IPCP negotiation failed: no addresses agreed", now);
                    } else {
                        log("IPCP opened: " + ipcpNegotiated);
                        maybeNetworkUp();
                    }
                }
                case AutomatonAction.ThisLayerDown<IpcpOption> d -> ipcpNegotiated = null;
                case AutomatonAction.ThisLayerStarted<IpcpOption> s -> { }
                case AutomatonAction.ThisLayerFinished<IpcpOption> f -> {
                    if (phase == Phase.NETWORK) terminate("IPCP failed: " + f.reason(), now);
                }
                case AutomatonAction.Deliver<IpcpOption> d -> log("IPCP " + d.packet().name() + " ignored");
                case AutomatonAction.Log<IpcpOption> l -> log(l.message());
            }
        }
        if (ipcpPolicy.failure().isPresent() && phase == Phase.NETWORK) {
            terminate("IPCP negotiation failed: " + ipcpPolicy.failure().get(), now);
        }
    }

    private void onCcp(Bytes info, long now) {
        CpPacket<CcpOption> packet;
        try {
            packet = Ccp.CODEC.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            if (e.replyCode() == CpCodec.UNKNOWN_CODE_REPLY) {
                ccpActions(ccp.onUnknownCode(info, now), now);
            } else {
                log("CCP packet dropped: " + e.getMessage());
            }
            return;
        }
        ccpActions(ccp.onPacket(packet, now), now);
    }

    private void ccpActions(List<AutomatonAction<CcpOption>> actions, long now) {
        for (AutomatonAction<CcpOption> action : actions) {
            switch (action) {
                case AutomatonAction.Send<CcpOption> s -> sendFrame(PppProtocol.CCP.value(), Ccp.CODEC.encode(s.packet()));
                case AutomatonAction.ThisLayerUp<CcpOption> u -> ccpUp(now);
                case AutomatonAction.ThisLayerDown<CcpOption> d -> {
                    sendCipher = null;
                    receiveCipher = null;
                }
                case AutomatonAction.ThisLayerStarted<CcpOption> s -> { }
                case AutomatonAction.ThisLayerFinished<CcpOption> f -> {
                    ccpGaveUp = true;
                    if (phase == Phase.NETWORK && encryptionRequired()) {
                        terminate("encryption refused: " + (mppePolicy.failure().orElse("CCP: " + f.reason())), now);
                    } else {
                        maybeNetworkUp();
                    }
                }
                case AutomatonAction.Deliver<CcpOption> d -> ccpDeliver(d.packet());
                case AutomatonAction.Log<CcpOption> l -> log(l.message());
            }
        }
        if (mppePolicy.failure().isPresent() && encryptionRequired() && phase == Phase.NETWORK) {
            terminate("encryption refused: " + mppePolicy.failure().get(), now);
        }
    }

    private void ccpUp(long now) {
        Optional<MppeNegotiated> agreed = mppePolicy.negotiated();
        Optional<MppeSessionKeys> keys = mppeKeys();
        if (agreed.isEmpty() || keys.isEmpty()) {
            if (encryptionRequired()) {
                terminate("encryption refused: MPPE not agreed in both directions", now);
            }
            return;
        }
        mppeNegotiated = agreed.get();
        MppeSessionKeys cut = startKeys(keys.get(), mppeNegotiated.keyBits());
        sendCipher = MppeCipher.of(cut.sendKey(), cut.bits(), mppeNegotiated.stateless());
        receiveCipher = MppeCipher.of(cut.receiveKey(), cut.bits(), mppeNegotiated.stateless());
        log("MPPE " + mppeNegotiated.keyBits() + "-bit " + (mppeNegotiated.stateless() ? "stateless" : "stateful") + " running");
        maybeNetworkUp();
    }

    /**
     * The start keys at the negotiated strength: MS-CHAP-V2's are cut from the 128-bit ones (RFC 3079 3.4);
     * MS-CHAP's 40- and 56-bit keys come from the LM password hash instead (RFC 3079 2.1, 2.2).
     */
    private MppeSessionKeys startKeys(MppeSessionKeys keys, int bits) {
        AuthOutcome.Success auth = authenticatorSuccess != null && authenticatorSuccess.mppeKeys().isPresent()
                ? authenticatorSuccess : peerSuccess;
        if (bits == keys.bits() || auth.protocol() != io.pptp4j.ppp.fsm.lcp.AuthProtocol.MS_CHAP) {
            return keys.withBits(bits);
        }
        char[] password = auth == authenticatorSuccess
                ? config.secrets().flatMap(l -> l.find(auth.peerName(), config.localName())).map(Secret::chars).orElse(null)
                : config.password();
        if (password == null) {
            throw new IllegalStateException("the secret of " + auth.peerName() + " is gone");
        }
        try {
            // the challenge only matters for 128 bits (RFC 3079 2.3)
            return MppeSessionKeys.fromMsChapV1(password, Bytes.EMPTY, bits);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private void ccpDeliver(CpPacket<CcpOption> packet) {
        switch (packet) {
            case CpPacket.ResetRequest<CcpOption> r -> {
                // RFC 3078 8.2: restart the send key stream and answer
                if (sendCipher != null) {
                    sendCipher.resetRequested();
                }
                sendFrame(PppProtocol.CCP.value(), Ccp.CODEC.encode(new CpPacket.ResetAck<>(r.identifier(), Bytes.EMPTY)));
            }
            case CpPacket.ResetAck<CcpOption> a -> log("CCP Reset-Ack " + a.identifier());
            default -> log("CCP " + packet.name() + " ignored");
        }
    }

    private void maybeNetworkUp() {
        if (result != null || phase != Phase.NETWORK || ipcpNegotiated == null || terminateReason != null) {
            return;
        }
        boolean mppeSettled = ccp == null || sendCipher != null || ccpGaveUp;
        if (!mppeSettled || encryptionRequired() && sendCipher == null) {
            return;
        }
        AuthOutcome.Success auth = authenticatorSuccess != null ? authenticatorSuccess : peerSuccess;
        result = new SessionResult(Optional.ofNullable(auth).map(AuthOutcome.Success::protocol),
                auth == null ? "" : auth.peerName(), sendCipher == null ? Optional.empty() : Optional.of(mppeNegotiated),
                ipcpNegotiated.localAddress(), ipcpNegotiated.peerAddress(), ipcpNegotiated.dnsServers(),
                lcpNegotiated.ourMru(), lcpNegotiated.peerMru());
        out.add(new SessionAction.NetworkUp(result));
    }

    private void onClearDatagram(Bytes info) {
        if (result == null) {
            log("datagram dropped: network not up");
        } else if (receiveCipher != null || encryptionRequired()) {
            // RFC 3078 4: once MPPE is negotiated, unencrypted datagrams are discarded
            log("clear datagram dropped: MPPE is " + (receiveCipher != null ? "running" : "required"));
        } else {
            out.add(new SessionAction.DeliverDatagram(info));
        }
    }

    private void onEncryptedDatagram(Bytes info) {
        if (receiveCipher == null) {
            log("MPPE datagram dropped: MPPE not running");
            return;
        }
        MppePacket packet;
        try {
            packet = MppeCodec.decode(info.toArray(), DecodeMode.STRICT);
        } catch (DecodeException e) {
            log("MPPE packet dropped: " + e.getMessage());
            return;
        }
        switch (receiveCipher.decrypt(packet)) {
            case MppeDecryptResult.Plain p -> {
                Bytes plain = p.packet();
                if (plain.length() < 1) {
                    log("MPPE packet dropped: empty plaintext");
                    return;
                }
                // RFC 3078 3: the inner Protocol field may be compressed (RFC 1661 6.5)
                int headerLength = (plain.get(0) & 1) == 1 ? 1 : 2;
                if (plain.length() < headerLength) {
                    log("MPPE packet dropped: truncated Protocol field");
                    return;
                }
                int inner = headerLength == 1 ? plain.get(0) : (plain.get(0) << 8) | plain.get(1);
                if (inner == PROTOCOL_IPV4 && result != null) {
                    out.add(new SessionAction.DeliverDatagram(plain.slice(headerLength, plain.length())));
                } else {
                    log("decrypted " + PppProtocol.nameOf(inner) + " packet dropped");
                }
            }
            case MppeDecryptResult.NeedsReset r -> requestReset(r.reason());
            case MppeDecryptResult.Dropped d -> log("MPPE packet dropped: " + d.reason());
        }
    }

    private void requestReset(String reason) {
        log("MPPE lost sync (" + reason + "): CCP Reset-Request");
        resetRequestIdentifier = (resetRequestIdentifier + 1) & 0xFF;
        sendFrame(PppProtocol.CCP.value(), Ccp.CODEC.encode(new CpPacket.ResetRequest<>(resetRequestIdentifier, Bytes.EMPTY)));
    }

    // ---- plumbing ----------------------------------------------------------------------------------

    private void terminate(String reason, long now) {
        if (terminateReason == null) {
            terminateReason = reason;
        }
        log("terminating: " + reason);
        if (finished) {
            return;
        }
        switch (lcp.state()) {
            case CLOSING, CLOSED, INITIAL -> { }
            default -> lcpActions(lcp.close(now, reason), now);
        }
        if (!finished && lcp.state() == CpState.CLOSING) {
            setPhase(PhaseEvent.CLOSING);
        }
    }

    /** tlf or lower layer down: Dead, for good. */
    private void finish(String reason) {
        if (finished) {
            return;
        }
        finished = true;
        authTimerSet = false;
        if (keepalive != null) {
            keepalive.stop();
        }
        if (ipcpPolicy != null) {
            ipcpPolicy.release();
        }
        sendCipher = null;
        receiveCipher = null;
        setPhase(PhaseEvent.DOWN);
        out.add(new SessionAction.Terminated(terminateReason != null ? terminateReason : reason));
    }

    private void sendLcp(CpPacket<LcpOption> packet) {
        sendFrame(PppProtocol.LCP.value(), Lcp.CODEC.encode(packet));
    }

    private void sendFrame(int protocol, byte[] information) {
        // RFC 1661 6.5, 6.6: LCP packets are always sent with Address/Control and a two-octet Protocol
        boolean lcpFrame = protocol == PppProtocol.LCP.value();
        boolean acfc = !lcpFrame && lcpNegotiated != null && lcpNegotiated.sendAcfc();
        boolean pfc = !lcpFrame && lcpNegotiated != null && lcpNegotiated.sendPfc() && protocol <= 0xFF;
        // information and the encoded frame are fresh arrays from the codecs: wrapped, not copied
        PppFrame frame = new PppFrame(!acfc, pfc, protocol, Bytes.wrap(information));
        out.add(new SessionAction.SendFrame(Bytes.wrap(PppFrameCodec.encode(frame))));
    }

    private void setPhase(PhaseEvent event) {
        Phase to = Phase.next(phase, event);
        if (phase != to) {
            out.add(new SessionAction.PhaseChanged(phase, to));
            phase = to;
        }
    }

    private void log(String message) { out.add(new SessionAction.Log(message)); }

    private void begin() { out = new ArrayList<>(); }

    private List<SessionAction> end() {
        List<SessionAction> done = List.copyOf(out);
        out = new ArrayList<>();
        return done;
    }

    @Override
    public String toString() {
        return "PppSession[" + config.role() + ", " + phase + ", " + lcp + "]";
    }
}
