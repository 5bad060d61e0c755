package io.pptp4j.inspect;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.control.ControlMessageCodec;
import io.pptp4j.gre.GrePacket;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.ppp.PppProtocol;
import io.pptp4j.ppp.auth.ChapPacket;
import io.pptp4j.ppp.auth.EapPacket;
import io.pptp4j.ppp.auth.MsChapV1Response;
import io.pptp4j.ppp.auth.MsChapV2Response;
import io.pptp4j.ppp.auth.MsChapV2Success;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.ppp.ccp.CcpOption;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.ipcp.IpcpOption;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.ppp.mppe.MppeCipher;
import io.pptp4j.ppp.mppe.MppeDecryptResult;
import io.pptp4j.ppp.mppe.MppePacket;
import io.pptp4j.ppp.mschap.MppeSessionKeys;
import io.pptp4j.ppp.mschap.MsChapV1;
import io.pptp4j.ppp.mschap.MsChapV2;
import io.pptp4j.wire.Bytes;
import io.pptp4j.wire.DecodeMode;
import io.pptp4j.wire.Hex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns {@link PptpItem}s into {@link PptpSession}s and {@link Finding}s. Feed every item in capture order
 * ({@link #accept}), then call {@link #finish()}.
 *
 * <p>Joining (RFC 2637 2.7-2.16, 4.1): a call's GRE packets to a peer carry the Call ID that peer chose.
 * So a control message from side X that names X's own Call ID c (Outgoing-Call-Request from the PNS,
 * Outgoing-Call-Reply from the PAC, Call-Clear-Request, Call-Disconnect-Notify) says GRE toward X carries c;
 * one that names the Peer's Call ID p (Set-Link-Info, WAN-Error-Notify) says GRE from X carries p. Each GRE
 * flow (source, destination, Call ID) is routed to the call the control connection last named it for. GRE
 * of a call whose set-up was not captured makes a call of its own, joined with the reverse flow between the
 * same two addresses, and adopted by a control connection when one of its messages names its Call ID.
 *
 * <p>With a {@link PasswordSource}, an MS-CHAP handshake whose response a candidate password reproduces
 * yields the MPPE keys (RFC 3079), and the call's MPPE frames are decrypted as they come
 * ({@link DecryptedSink}). Not thread-safe.
 */
public final class SessionTracker implements Consumer<PptpItem> {

    /**
     * @param showSecrets whether findings quote a PAP password (else {@code [redacted]})
     * @param passwords candidates for verifying handshakes and deriving MPPE keys
     * @param sink receives decrypted inner packets, or null
     */
    public record Options(boolean showSecrets, PasswordSource passwords, DecryptedSink sink) {
        public static final Options DEFAULT = new Options(false, PasswordSource.NONE, null);
    }

    private static final int MAX_MALFORMED_SAMPLES = 20;
    private static final int MAX_ENDING_EVENTS = 12;

    /** Keeps an event of how a connection or call ended, up to {@value #MAX_ENDING_EVENTS} of them. */
    private static void endingEvent(List<String> ending, String event) {
        if (ending.size() < MAX_ENDING_EVENTS) {
            ending.add(event);
        }
    }

    private final Options options;
    private final Map<String, Conn> connections = new HashMap<>();
    private final Map<GreKey, Call> routes = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Conn> connList = new ArrayList<>();
    private long controlMessages;
    private int nextId = 1;
    private long greFrames;
    private long malformed;
    private long gaps;
    private final List<String> malformedSamples = new ArrayList<>();

    public SessionTracker() { this(Options.DEFAULT); }

    public SessionTracker(Options options) { this.options = options; }

    @Override
    public void accept(PptpItem item) {
        switch (item) {
            case PptpItem.Control c -> control(c);
            case PptpItem.Gre g -> gre(g);
            case PptpItem.Malformed m -> malformed("frame " + m.frame() + ": " + m.reason());
            case PptpItem.Gap g -> gaps++;
        }
    }

    /** Items that did not decode so far. */
    public long malformed() { return malformed; }

    // ---------------------------------------------------------------- control connection

    private void control(PptpItem.Control c) {
        controlMessages++;
        String port = ":" + ControlMessageCodec.TCP_PORT;
        boolean fromClient = !c.source().endsWith(port) || c.destination().endsWith(port);
        String client = fromClient ? c.source() : c.destination();
        String server = fromClient ? c.destination() : c.source();
        Conn conn = connections.get(client + " " + server);
        if (conn == null) {
            conn = new Conn(client, server, c.frame(), c.timestampNanos());
            connections.put(client + " " + server, conn);
            connList.add(conn);
        }
        conn.messages++;
        conn.lastFrame = c.frame();
        String sender = fromClient ? conn.clientAddress : conn.serverAddress;
        String receiver = fromClient ? conn.serverAddress : conn.clientAddress;
        String who = fromClient ? "client" : "server";
        switch (c.message()) {
            case ControlMessage.StartControlConnectionRequest m -> conn.request = new ControlSummary.Peer(c.frame(),
                    m.protocolVersion(), -1, m.framingCapabilities(), m.bearerCapabilities(), m.maximumChannels(),
                    m.firmwareRevision(), m.hostName(), m.vendorString());
            case ControlMessage.StartControlConnectionReply m -> conn.reply = new ControlSummary.Peer(c.frame(),
                    m.protocolVersion(), m.resultCode(), m.framingCapabilities(), m.bearerCapabilities(),
                    m.maximumChannels(), m.firmwareRevision(), m.hostName(), m.vendorString());
            case ControlMessage.OutgoingCallRequest m -> {
                Call call = newCall(c.frame(), c.timestampNanos(), conn);
                call.beginningCaptured = true;
                setOwnId(call, sender, receiver, m.callId());
            }
            case ControlMessage.OutgoingCallReply m -> {
                Call call = routes.get(new GreKey(sender, receiver, m.peerCallId()));
                if (call == null || call.conn != conn) {
                    call = newCall(c.frame(), c.timestampNanos(), conn);
                    setPeerId(call, sender, receiver, m.peerCallId());
                }
                setOwnId(call, sender, receiver, m.callId());
                call.callResult = "Outgoing-Call-Reply result " + m.resultCode() + " (frame " + c.frame() + ")";
                call.touch(c.frame(), c.timestampNanos());
            }
            case ControlMessage.IncomingCallRequest m -> {
                Call call = newCall(c.frame(), c.timestampNanos(), conn);
                call.beginningCaptured = true;
                setOwnId(call, sender, receiver, m.callId());
            }
            case ControlMessage.IncomingCallReply m -> {
                Call call = callNamed(conn, c, new GreKey(sender, receiver, m.peerCallId()));
                setOwnId(call, sender, receiver, m.callId());
                call.callResult = "Incoming-Call-Reply result " + m.resultCode() + " (frame " + c.frame() + ")";
            }
            case ControlMessage.IncomingCallConnected m -> callNamed(conn, c, new GreKey(sender, receiver, m.peerCallId()));
            case ControlMessage.SetLinkInfo m -> callNamed(conn, c, new GreKey(sender, receiver, m.peerCallId())).setLinkInfos++;
            case ControlMessage.WanErrorNotify m -> callNamed(conn, c, new GreKey(sender, receiver, m.peerCallId()));
            case ControlMessage.CallClearRequest m -> callNamed(conn, c, new GreKey(receiver, sender, m.callId()))
                    .end("Call-Clear-Request from " + who + " (frame " + c.frame() + ")");
            case ControlMessage.CallDisconnectNotify m -> callNamed(conn, c, new GreKey(receiver, sender, m.callId()))
                    .disconnect("Call-Disconnect-Notify from " + who + ", result " + m.resultCode()
                            + (m.callStatistics().isBlank() ? "" : " \"" + m.callStatistics().strip() + "\"")
                            + " (frame " + c.frame() + ")");
            case ControlMessage.StopControlConnectionRequest m -> conn.end(
                    "Stop-Control-Connection-Request from " + who + ", reason " + m.reason() + " (frame " + c.frame() + ")");
            case ControlMessage.StopControlConnectionReply m -> conn.stop(
                    "Stop-Control-Connection-Reply from " + who + " (frame " + c.frame() + ")");
            case ControlMessage.EchoRequest m -> conn.echoes++;
            case ControlMessage.EchoReply m -> conn.echoes++;
            case ControlMessage.Unknown m -> { }
        }
    }

    /** Message from {@code sender} names its own Call ID: GRE toward the sender carries it. */
    private void setOwnId(Call call, String sender, String receiver, int callId) {
        route(new GreKey(receiver, sender, callId), call);
        call.side(sender).ownCallId = callId;
    }

    /** Message from {@code sender} names the peer's Call ID: GRE from the sender carries it. */
    private void setPeerId(Call call, String sender, String receiver, int callId) {
        route(new GreKey(sender, receiver, callId), call);
        call.side(receiver).ownCallId = callId;
    }

    private void route(GreKey key, Call call) {
        routes.put(key, call);
        call.side(key.source).address = key.source;
        call.side(key.destination).address = key.destination;
    }

    /** The call a control message names by the GRE flow {@code key}; made or adopted when needed. */
    private Call callNamed(Conn conn, PptpItem.Control c, GreKey key) {
        Call call = routes.get(key);
        if (call == null || (call.conn != null && call.conn != conn)) {
            call = newCall(c.frame(), c.timestampNanos(), conn);
            route(key, call);
            call.side(key.destination).ownCallId = key.callId;
        } else if (call.conn == null) {
            call.conn = conn;
            conn.calls.add(call);
        }
        call.side(key.destination).ownCallId = key.callId;
        call.touch(c.frame(), c.timestampNanos());
        return call;
    }

    private Call newCall(long frame, long time, Conn conn) {
        Call call = new Call(frame, time);
        call.id = nextId++;
        call.conn = conn;
        if (conn != null) {
            conn.calls.add(call);
        }
        calls.add(call);
        return call;
    }

    // ---------------------------------------------------------------- GRE

    private void gre(PptpItem.Gre g) {
        greFrames++;
        GrePacket p = g.packet();
        GreKey key = new GreKey(g.source(), g.destination(), p.header().callId());
        Call call = routes.get(key);
        if (call == null) {
            call = orphanFor(key);
            route(key, call);
        }
        call.touch(g.frame(), g.timestampNanos());
        Side from = call.side(g.source());
        Side to = call.side(g.destination());
        from.greCallId = key.callId;
        from.packets++;
        from.bytes += p.header().headerLength() + p.payload().length();
        if (from.firstFrame == 0) {
            from.firstFrame = g.frame();
        }
        if (g.malformed()) {
            from.malformed++;
            malformed(g.pppError() != null ? "frame " + g.frame() + ": " + g.pppError().getMessage()
                    : "frame " + g.frame() + ": " + ((PppMessage.Malformed) g.ppp().content()).reason());
            return;
        }
        if (g.ppp() != null) {
            ppp(call, from, to, g, g.ppp());
        }
    }

    /**
     * The fast path of {@link InspectDecoder}: an MPPE frame of a flow already routed to a call that has no
     * keys to decrypt with, counted without records. Returns false when the frame needs the full path.
     */
    boolean mppeFrame(long frame, long time, String source, String destination, int callId, int greBytes,
                      int coherencyCount) {
        Call call = routes.get(new GreKey(source, destination, callId));
        if (call == null || call.keys != null) {
            return false;
        }
        Side from = countGre(call, frame, time, source, callId, greBytes);
        if (from.mppeFrames == 0) {
            from.firstCoherency = coherencyCount;
        }
        from.lastCoherency = coherencyCount;
        from.mppeFrames++;
        return true;
    }

    /** The fast path for a GRE acknowledgment-only packet of a flow already routed to a call. */
    boolean greAckOnly(long frame, long time, String source, String destination, int callId, int greBytes) {
        Call call = routes.get(new GreKey(source, destination, callId));
        if (call == null) {
            return false;
        }
        countGre(call, frame, time, source, callId, greBytes);
        return true;
    }

    /** One GRE packet of a known call counted on the side that sent it; that side returned. */
    private Side countGre(Call call, long frame, long time, String source, int callId, int greBytes) {
        greFrames++;
        call.touch(frame, time);
        Side from = call.side(source);
        from.greCallId = callId;
        from.packets++;
        from.bytes += greBytes;
        if (from.firstFrame == 0) {
            from.firstFrame = frame;
        }
        return from;
    }

    /** A call for GRE whose control was not captured: the reverse flow's call if it has room, else a new one. */
    private Call orphanFor(GreKey key) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            Call c = calls.get(i);
            Side src = c.sides.get(key.source);
            Side dst = c.sides.get(key.destination);
            if (src != null && dst != null && c.sides.size() == 2 && src.greCallId < 0
                    && (c.conn == null || src.ownCallIdUnknownFor(dst)) && !c.ended()) {
                return c;
            }
        }
        return newCall(0, 0, null);
    }

    private void malformed(String reason) {
        malformed++;
        if (malformedSamples.size() < MAX_MALFORMED_SAMPLES) {
            malformedSamples.add(reason);
        }
    }

    // ---------------------------------------------------------------- PPP

    @SuppressWarnings("unchecked")
    private void ppp(Call call, Side from, Side to, PptpItem.Gre g, PppMessage m) {
        long frame = g.frame();
        int protocol = m.protocol();
        Object content = m.content();
        if (protocol == PppProtocol.LCP.value() && content instanceof CpPacket<?> cp) {
            lcp(call, from, to, frame, (CpPacket<LcpOption>) cp);
        } else if (protocol == PppProtocol.CCP.value() && content instanceof CpPacket<?> cp) {
            ccp(call, from, to, frame, (CpPacket<CcpOption>) cp);
        } else if (protocol == PppProtocol.IPCP.value() && content instanceof CpPacket<?> cp) {
            ipcp(to, (CpPacket<IpcpOption>) cp);
        } else {
            switch (content) {
                case PapPacket pap -> pap(call, from, to, frame, pap);
                case ChapPacket chap -> chap(call, from, to, frame, chap);
                case EapPacket eap -> eap(call, from, to, frame, eap);
                case MppePacket mppe -> mppe(call, from, g, mppe);
                case PppMessage.Datagram d -> {
                    from.clearDatagrams++;
                    if (from.firstClearFrame == 0) {
                        from.firstClearFrame = frame;
                    }
                    if (options.sink() != null) {
                        options.sink().packet(call.id, frame, g.timestampNanos(), d.protocol(), d.packet().toArray());
                    }
                }
                default -> { }
            }
        }
    }

    private void lcp(Call call, Side from, Side to, long frame, CpPacket<LcpOption> p) {
        switch (p) {
            case CpPacket.ConfigureRequest<LcpOption> r -> {
                from.lcpRequested = r.options();
                for (LcpOption o : r.options()) {
                    if (o instanceof LcpOption.AuthenticationProtocol a) {
                        AuthKind k = AuthKind.of(a);
                        if (from.authOffers.isEmpty() || from.authOffers.getLast().kind != k) {
                            from.authOffers.add(new Offer(k, frame));
                        }
                    }
                }
            }
            case CpPacket.ConfigureAck<LcpOption> a -> {
                to.lcpAcked = a.options();
                for (LcpOption o : a.options()) {
                    if (o instanceof LcpOption.AuthenticationProtocol ap) {
                        call.auth = AuthKind.of(ap);
                        call.authenticator = to;
                        call.authAckFrame = frame;
                    }
                }
            }
            case CpPacket.TerminateRequest<LcpOption> t -> call.end("LCP Terminate-Request from " + roleTag(from) + " (frame " + frame + ")");
            case CpPacket.TerminateAck<LcpOption> t -> call.end("LCP Terminate-Ack from " + roleTag(from) + " (frame " + frame + ")");
            case CpPacket.Identification<LcpOption> i -> {
                if (from.identification == null) {
                    from.identification = i.message().latin1();
                }
            }
            default -> { }
        }
    }

    /** Roles are settled at the end; inside events the side is named by its address. */
    private static String roleTag(Side s) { return "\u0000" + s.address + "\u0000"; }

    private void ccp(Call call, Side from, Side to, long frame, CpPacket<CcpOption> p) {
        switch (p) {
            case CpPacket.ConfigureRequest<CcpOption> r -> {
                for (CcpOption o : r.options()) {
                    if (o instanceof CcpOption.MicrosoftPpc ppc && call.mppeFirstOffer == null) {
                        call.mppeFirstOffer = ppc;
                    }
                }
            }
            case CpPacket.ConfigureAck<CcpOption> a -> {
                for (CcpOption o : a.options()) {
                    if (o instanceof CcpOption.MicrosoftPpc ppc && ppc.encrypts()) {
                        to.mppeAcked = ppc;
                        if (call.mppeAckFrame == 0) {
                            call.mppeAckFrame = frame;
                        }
                    }
                }
            }
            default -> { }
        }
    }

    private static void ipcp(Side to, CpPacket<IpcpOption> p) {
        if (p instanceof CpPacket.ConfigureAck<IpcpOption> a) {
            for (IpcpOption o : a.options()) {
                switch (o) {
                    case IpcpOption.IpAddress ip -> to.ipAddress = ip.address().getHostAddress();
                    case IpcpOption.PrimaryDnsServerAddress d -> to.dns.add(d.address().getHostAddress());
                    case IpcpOption.SecondaryDnsServerAddress d -> to.dns.add(d.address().getHostAddress());
                    default -> { }
                }
            }
        }
    }

    private void pap(Call call, Side from, Side to, long frame, PapPacket p) {
        switch (p) {
            case PapPacket.AuthenticateRequest r -> {
                call.authenticator = to;
                if (call.auth == null) {
                    call.auth = AuthKind.PAP;
                }
                call.pap.add(new PapState(r.peerId(), r.password(), frame));
            }
            case PapPacket.AuthenticateAck a -> {
                if (!call.pap.isEmpty()) {
                    call.pap.getLast().result(AuthOutcome.SUCCESS, frame);
                }
            }
            case PapPacket.AuthenticateNak n -> {
                if (!call.pap.isEmpty()) {
                    call.pap.getLast().result(AuthOutcome.FAILURE, frame);
                }
            }
            case PapPacket.Unknown u -> { }
        }
    }

    private void chap(Call call, Side from, Side to, long frame, ChapPacket p) {
        switch (p) {
            case ChapPacket.Challenge c -> {
                call.authenticator = from;
                ChapState s = new ChapState();
                s.authenticatorName = c.name().latin1();
                s.challenge = c.value();
                s.identifier = c.identifier();
                s.challengeFrame = frame;
                call.chap.add(s);
            }
            case ChapPacket.Response r -> {
                ChapState s = call.chap.isEmpty() ? null : call.chap.getLast();
                if (s == null || s.responseFrame != 0) {
                    s = new ChapState();
                    s.identifier = r.identifier();
                    s.challenge = Bytes.EMPTY;
                    s.authenticatorName = "";
                    call.chap.add(s);
                }
                if (call.authenticator == null) {
                    call.authenticator = to;
                }
                s.userName = r.name();
                s.response = r.value();
                s.responseFrame = frame;
            }
            case ChapPacket.Success ok -> chapResult(call, frame, AuthOutcome.SUCCESS, ok.message());
            case ChapPacket.Failure f -> chapResult(call, frame, AuthOutcome.FAILURE, f.message());
            default -> { }
        }
    }

    private void chapResult(Call call, long frame, AuthOutcome outcome, Bytes message) {
        if (call.chap.isEmpty()) {
            ChapState s = new ChapState();
            s.challenge = Bytes.EMPTY;
            s.authenticatorName = "";
            call.chap.add(s);
        }
        ChapState s = call.chap.getLast();
        s.outcome = outcome;
        s.resultFrame = frame;
        if (outcome == AuthOutcome.SUCCESS) {
            try {
                s.authenticatorResponse = MsChapV2Success.parse(message, DecodeMode.LENIENT).authenticatorResponse();
            } catch (Exception e) {
                // not MS-CHAP-V2: CHAP-MD5 and MS-CHAP carry free text
            }
        }
        ChapHandshake h = handshake(call, s);
        if (h != null && outcome == AuthOutcome.SUCCESS) {
            tryPasswords(call, h);
        }
    }

    private void eap(Call call, Side from, Side to, long frame, EapPacket p) {
        if (call.auth == null) {
            call.auth = AuthKind.EAP;
        }
        switch (p) {
            case EapPacket.Request r -> call.authenticator = from;
            case EapPacket.Response r -> {
                // RFC 3748 5.1: the Identity Response carries the user name in clear
                if (r.type() == 1 && call.eapIdentity == null) {
                    call.eapIdentity = r.typeData().latin1();
                }
            }
            case EapPacket.Success s -> call.eapOutcome = AuthOutcome.SUCCESS;
            case EapPacket.Failure f -> call.eapOutcome = AuthOutcome.FAILURE;
            case EapPacket.Unknown u -> { }
        }
    }

    private void mppe(Call call, Side from, PptpItem.Gre g, MppePacket p) {
        int count = p.header().coherencyCount();
        if (from.mppeFrames == 0) {
            from.firstCoherency = count;
        }
        from.lastCoherency = count;
        from.mppeFrames++;
        if (call.keys == null) {
            return;
        }
        if (from.cipher == null) {
            int bits = call.mppeBits();
            if (bits == 0) {
                bits = 128;
            }
            boolean stateless = call.mppeStateless();
            boolean fromAuthenticator = from == call.authenticator;
            try {
                MppeSessionKeys k = call.v1Password != null && bits != 128
                        ? MppeSessionKeys.fromMsChapV1(call.v1Password, call.v1Challenge, bits)
                        : call.keys.bits() == bits ? call.keys : call.keys.withBits(bits);
                // keys are the authenticator's: it sends with sendKey and receives with receiveKey
                from.cipher = MppeCipher.of(fromAuthenticator ? k.sendKey() : k.receiveKey(), bits, stateless);
            } catch (IllegalArgumentException e) {
                // RFC 3079 2.1: 40/56-bit MS-CHAP keys need an LM hash this password does not have
                call.keys = null;
                return;
            }
        }
        if (from.cipher.decrypt(p) instanceof MppeDecryptResult.Plain plain) {
            from.decrypted++;
            if (options.sink() != null) {
                byte[] b = plain.packet().toArray();
                int protocol;
                int offset;
                if ((b[0] & 1) == 1) {
                    // RFC 1661 6.5: a compressed one-octet protocol field
                    protocol = b[0] & 0xFF;
                    offset = 1;
                } else {
                    protocol = b.length >= 2 ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : -1;
                    offset = 2;
                }
                if (protocol >= 0 && offset <= b.length) {
                    options.sink().packet(call.id, g.frame(), g.timestampNanos(), protocol,
                            java.util.Arrays.copyOfRange(b, offset, b.length));
                }
            }
        }
    }

    // ---------------------------------------------------------------- passwords

    private void tryPasswords(Call call, ChapHandshake h) {
        if (call.keys != null) {
            return;
        }
        for (String password : options.passwords().passwords(h.user(), h.authenticatorName())) {
            if (h.kind() == AuthKind.CHAP_MD5) {
                // RFC 1994 4.1: MD5(Identifier || secret || Challenge); no MPPE keys come from it
                if (chapMd5(h, password)) {
                    call.verifiedUser = h.user();
                    call.verifiedPassword = password;
                    call.verifiedFrames = h.frames();
                    return;
                }
                continue;
            }
            char[] pw = password.toCharArray();
            Bytes hash = MsChapV2.ntPasswordHash(pw);
            boolean ok = h.kind() == AuthKind.MS_CHAP_V2
                    ? MsChapV2.checkNtResponse(h.authenticatorChallenge(), h.peerChallenge(), h.userName(), hash, h.ntResponse())
                    : MsChapV1.checkNtChallengeResponse(h.authenticatorChallenge(), hash, h.ntResponse());
            if (!ok) {
                continue;
            }
            call.verifiedUser = h.user();
            call.verifiedPassword = password;
            call.verifiedFrames = h.frames();
            Bytes hashHash = MsChapV2.hashNtPasswordHash(hash);
            if (h.kind() == AuthKind.MS_CHAP_V2) {
                call.keys = MppeSessionKeys.fromMsChapV2(hashHash, h.ntResponse(), true, 128);
            } else {
                // RFC 3079 2.4: 128-bit keys from the NT hash; 40/56 need the LM hash, from the password
                call.keys = MppeSessionKeys.fromMsChapV1Nt(hashHash, h.authenticatorChallenge());
                call.v1Password = pw.clone();
                call.v1Challenge = h.authenticatorChallenge();
            }
            java.util.Arrays.fill(pw, '\0');
            return;
        }
    }

    private static boolean chapMd5(ChapHandshake h, String password) {
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update((byte) h.identifier());
            md5.update(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md5.update(h.authenticatorChallenge().toArray());
            return java.security.MessageDigest.isEqual(md5.digest(), h.ntResponse().toArray());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    // ---------------------------------------------------------------- the end

    /** The sessions and findings of everything accepted so far. The tracker can go on accepting after. */
    public InspectReport finish() {
        // control connections that never named a call are sessions too (a probe, a refused call)
        for (Conn conn : connList) {
            if (conn.calls.isEmpty()) {
                Call c = newCall(conn.firstFrame, conn.firstTime, conn);
                c.side(conn.clientAddress);
                c.side(conn.serverAddress);
            }
        }
        return report(calls);
    }

    /**
     * For a live capture's connection log: the sessions that ended since the last call (Call-Disconnect-Notify
     * or Stop-Control-Connection-Reply seen), each once, with their findings. Session numbers are those
     * {@link #finish()} gives.
     */
    public InspectReport takeEnded() {
        List<Call> ended = new ArrayList<>();
        for (Call c : calls) {
            if (!c.reported && (c.disconnected || (c.conn != null && c.conn.stopped))) {
                c.reported = true;
                ended.add(c);
            }
        }
        return report(ended);
    }

    private InspectReport report(List<Call> which) {
        List<Call> ordered = new ArrayList<>(which);
        ordered.removeIf(c -> c.firstFrame == 0);
        // numbered in order of creation, which is the order of their first frames
        ordered.sort(Comparator.comparingInt(c -> c.id));
        List<PptpSession> sessions = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Call c : ordered) {
            PptpSession s = session(c);
            sessions.add(s);
            findings.addAll(findings(c, s));
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity()).reversed()
                .thenComparingInt(Finding::sessionId));
        return new InspectReport(sessions, findings, controlMessages, greFrames, malformed, gaps, malformedSamples);
    }

    private PptpSession session(Call c) {
        // who is the client: the PNS of the control connection, else the authenticated peer, else the first sender
        String client;
        String server;
        if (c.conn != null) {
            client = c.conn.clientAddress;
            server = c.conn.serverAddress;
        } else {
            List<String> addresses = new ArrayList<>(c.sides.keySet());
            if (c.authenticator != null) {
                server = c.authenticator.address;
                client = addresses.stream().filter(a -> !a.equals(server)).findFirst().orElse("?");
            } else {
                client = addresses.isEmpty() ? "?" : addresses.getFirst();
                server = addresses.size() > 1 ? addresses.get(1) : "?";
            }
        }
        Side cs = c.side(client);
        Side ss = c.side(server);
        ControlSummary control = c.conn == null ? null : new ControlSummary(c.conn.client, c.conn.server,
                c.conn.request, c.conn.reply, c.conn.messages, c.conn.echoes, c.conn.firstFrame, c.conn.lastFrame);
        List<ChapHandshake> handshakes = new ArrayList<>();
        for (ChapState st : c.chap) {
            ChapHandshake h = handshake(c, st);
            if (h != null) {
                handshakes.add(h);
            }
        }
        List<PapLogin> paps = c.pap.stream().map(p -> new PapLogin(c.id, p.peerId, p.password, p.outcome,
                p.frame, p.resultFrame)).toList();
        AuthKind auth = c.auth != null ? c.auth : !handshakes.isEmpty() ? handshakes.getLast().kind()
                : !paps.isEmpty() ? AuthKind.PAP : AuthKind.NONE;
        String user = null;
        AuthOutcome outcome = AuthOutcome.NOT_SEEN;
        if (!handshakes.isEmpty()) {
            ChapHandshake h = handshakes.getLast();
            user = h.user();
            outcome = h.outcome();
        } else if (!paps.isEmpty()) {
            user = paps.getLast().user();
            outcome = paps.getLast().outcome();
        } else if (c.eapIdentity != null || c.eapOutcome != null) {
            user = c.eapIdentity;
            outcome = c.eapOutcome != null ? c.eapOutcome : AuthOutcome.NO_ANSWER;
        }
        Side authenticator = c.authenticator != null ? c.authenticator : ss;
        List<String> offers = authenticator.authOffers.stream().map(o -> o.kind.displayName()).toList();
        List<String> ending = new ArrayList<>();
        for (String e : c.ending) {
            ending.add(e.replace("\u0000" + client + "\u0000", "client").replace("\u0000" + server + "\u0000", "server"));
        }
        if (c.conn != null) {
            ending.addAll(c.conn.ending);
        }
        List<String> dns = new ArrayList<>(cs.dns);
        // GRE to a peer carries that peer's Call ID (RFC 2637 4.1): what the control connection did not say, GRE does
        int clientCallId = cs.ownCallId >= 0 ? cs.ownCallId : ss.greCallId;
        int serverCallId = ss.ownCallId >= 0 ? ss.ownCallId : cs.greCallId;
        return new PptpSession(c.id, control, c.beginningCaptured, client, server, clientCallId, serverCallId,
                c.firstFrame, c.lastFrame, c.firstTime, c.lastTime, cs.stats(), ss.stats(),
                describe(cs.lcpAcked != null ? cs.lcpAcked : cs.lcpRequested),
                describe(ss.lcpAcked != null ? ss.lcpAcked : ss.lcpRequested), cs.identification, ss.identification,
                auth, offers, user, outcome, handshakes, paps, c.mppeSettings(), cs.ipAddress, ss.ipAddress, dns,
                c.setLinkInfos, c.callResult, ending);
    }

    private ChapHandshake handshake(Call c, ChapState s) {
        if (s.response == null) {
            return null;
        }
        Bytes challenge = s.challenge;
        Bytes response = s.response;
        AuthKind kind = c.auth != null && c.auth.chapAlgorithm() >= 0 ? c.auth
                : response.length() == MsChapV2Response.SIZE && challenge.length() == MsChapV2.CHALLENGE_SIZE ? AuthKind.MS_CHAP_V2
                : response.length() == MsChapV1Response.SIZE ? AuthKind.MS_CHAP_V1 : AuthKind.CHAP_MD5;
        Bytes peerChallenge = Bytes.EMPTY;
        Bytes nt = response;
        Bytes lm = Bytes.EMPTY;
        try {
            ChapPacket.Response r = new ChapPacket.Response(s.identifier, response, s.userName);
            if (kind == AuthKind.MS_CHAP_V2) {
                MsChapV2Response v = MsChapV2Response.parse(r, DecodeMode.LENIENT);
                peerChallenge = v.peerChallenge();
                nt = v.ntResponse();
                if (challenge.length() != MsChapV2.CHALLENGE_SIZE) {
                    return null;
                }
            } else if (kind == AuthKind.MS_CHAP_V1) {
                MsChapV1Response v = MsChapV1Response.parse(r, DecodeMode.LENIENT);
                nt = v.ntResponse();
                boolean lmUsed = false;
                for (int i = 0; i < v.lmResponse().length(); i++) {
                    lmUsed |= v.lmResponse().get(i) != 0;
                }
                lm = lmUsed ? v.lmResponse() : Bytes.EMPTY;
                if (challenge.length() != MsChapV1.CHALLENGE_SIZE) {
                    return null;
                }
            }
        } catch (Exception e) {
            return null;
        }
        return new ChapHandshake(c.id, kind, s.authenticatorName, s.userName, challenge, peerChallenge, nt, lm,
                s.identifier, s.outcome, s.authenticatorResponse, s.challengeFrame, s.responseFrame, s.resultFrame);
    }

    private List<Finding> findings(Call c, PptpSession s) {
        List<Finding> out = new ArrayList<>();
        for (PapLogin p : s.papLogins()) {
            String pw = options.showSecrets() ? "\"" + p.password().latin1() + "\"" : "[redacted]";
            out.add(new Finding(FindingKind.PAP_CLEARTEXT_PASSWORD, FindingKind.PAP_CLEARTEXT_PASSWORD.severity(), s.id(),
                    frames(p.requestFrame(), p.resultFrame()), "user \"" + p.user() + "\" sent password " + pw
                    + " in clear with PAP (" + p.outcome().label() + ")"));
        }
        for (ChapHandshake h : s.handshakes()) {
            FindingKind k = switch (h.kind()) {
                case MS_CHAP_V2 -> FindingKind.MS_CHAP_V2_OFFLINE_ATTACK;
                case MS_CHAP_V1 -> FindingKind.MS_CHAP_V1_OFFLINE_ATTACK;
                default -> FindingKind.CHAP_MD5_OFFLINE_ATTACK;
            };
            String why = switch (h.kind()) {
                case MS_CHAP_V2 -> "the NT-Response is DES of the challenge hash " + h.desChallenge().hex()
                        + " under the NT password hash: a dictionary attack, or 2^56 DES keys whatever the password, "
                        + "gives the hash and every MPPE key";
                case MS_CHAP_V1 -> "the NT response is DES of the challenge under the NT password hash"
                        + (h.lmResponse().isEmpty() ? "" : "; the LM response is sent as well (upper case, 7-character halves)");
                default -> "the response is MD5 of the identifier, the secret and the challenge: a dictionary attack needs only this capture";
            };
            out.add(new Finding(k, k.severity(), s.id(), h.frames(), "user \"" + h.user() + "\" authenticated with "
                    + h.kind().displayName() + " (" + h.outcome().label() + "); " + why));
        }
        long clear = s.clientToServer().clearDatagrams() + s.serverToClient().clearDatagrams();
        if (clear > 0) {
            long first = Math.min(nz(c.side(s.client()).firstClearFrame), nz(c.side(s.server()).firstClearFrame));
            out.add(new Finding(FindingKind.PPP_DATA_WITHOUT_MPPE, FindingKind.PPP_DATA_WITHOUT_MPPE.severity(), s.id(),
                    List.of(first), clear + " network-layer packet" + (clear == 1 ? "" : "s")
                    + " carried in PPP without MPPE, readable as captured (first in frame " + first + ")"));
        }
        MppeSettings m = s.mppe();
        if (m.negotiated() && m.bits() < 128) {
            out.add(new Finding(FindingKind.WEAK_MPPE_KEY, m.bits() == 40 ? Severity.HIGH : Severity.MEDIUM, s.id(),
                    List.of(m.ackFrame()), "MPPE with " + m.bits() + "-bit session keys (" + m.supportedBits() + ")"));
        }
        if (m.negotiated() && !m.stateless()) {
            out.add(new Finding(FindingKind.STATEFUL_MPPE, FindingKind.STATEFUL_MPPE.severity(), s.id(),
                    List.of(m.ackFrame()), "stateful MPPE: one RC4 key stream over 256 packets (" + m.supportedBits() + ")"));
        }
        Side authenticator = c.authenticator;
        if (authenticator != null && !authenticator.authOffers.isEmpty()) {
            Offer first = authenticator.authOffers.getFirst();
            Offer strongest = first;
            for (Offer o : authenticator.authOffers) {
                if (o.kind.strength() > strongest.kind.strength()) {
                    strongest = o;
                }
            }
            AuthKind agreed = c.auth != null ? c.auth : authenticator.authOffers.getLast().kind;
            if (agreed.strength() < strongest.kind.strength()) {
                List<Long> evidence = new ArrayList<>(List.of(strongest.frame));
                if (c.authAckFrame > 0) {
                    evidence.add(c.authAckFrame);
                }
                out.add(new Finding(FindingKind.AUTH_DOWNGRADE, FindingKind.AUTH_DOWNGRADE.severity(), s.id(), evidence,
                        "the server asked for " + strongest.kind.displayName() + " and settled on "
                                + agreed.displayName() + " after the client refused it"));
            }
        }
        if (c.verifiedPassword != null) {
            String pw = options.showSecrets() ? "\"" + c.verifiedPassword + "\"" : "[redacted]";
            out.add(new Finding(FindingKind.PASSWORD_RECOVERED, FindingKind.PASSWORD_RECOVERED.severity(), s.id(),
                    c.verifiedFrames, "password " + pw + " of user \"" + c.verifiedUser + "\" reproduces the captured response; "
                    + s.decryptedFrames() + " of " + s.mppeFrames() + " MPPE frames decrypted"));
        }
        return out;
    }

    private static long nz(long frame) { return frame == 0 ? Long.MAX_VALUE : frame; }

    private static List<Long> frames(long... f) {
        List<Long> l = new ArrayList<>();
        for (long x : f) {
            if (x > 0) {
                l.add(x);
            }
        }
        return l;
    }

    /** LCP options as short text, e.g. {@code MRU 1400}, {@code Auth MS-CHAP-V2}, {@code Magic 0x1a2b3c4d}. */
    static List<String> describe(List<LcpOption> options) {
        if (options == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (LcpOption o : options) {
            out.add(switch (o) {
                case LcpOption.MaximumReceiveUnit m -> "MRU " + m.maximumReceiveUnit();
                case LcpOption.AsyncControlCharacterMap a -> "ACCM " + Hex.u32(a.accm());
                case LcpOption.AuthenticationProtocol a -> "Auth " + AuthKind.of(a).displayName()
                        + (AuthKind.of(a) == AuthKind.OTHER ? " " + Hex.u16(a.protocol()) : "");
                case LcpOption.MagicNumber m -> "Magic " + Hex.u32(m.magicNumber());
                case LcpOption.ProtocolFieldCompression p -> "PFC";
                case LcpOption.AddressAndControlFieldCompression a -> "ACFC";
                case LcpOption.Callback cb -> "Callback " + cb.operation();
                case LcpOption.MaximumReceiveReconstructedUnit m -> "MRRU " + m.maximumReceiveReconstructedUnit();
                case LcpOption.EndpointDiscriminator e -> "Endpoint-Discriminator class " + e.endpointClass();
                default -> o.name();
            });
        }
        return out;
    }

    // ---------------------------------------------------------------- state

    private record GreKey(String source, String destination, int callId) {}

    private record Offer(AuthKind kind, long frame) {}

    private static final class Conn {
        final String client;
        final String server;
        final String clientAddress;
        final String serverAddress;
        final long firstFrame;
        long lastFrame;
        long messages;
        long echoes;
        ControlSummary.Peer request;
        ControlSummary.Peer reply;
        final List<Call> calls = new ArrayList<>();
        final List<String> ending = new ArrayList<>();
        long firstTime;
        boolean stopped;

        Conn(String client, String server, long frame, long time) {
            this.firstTime = time;
            this.client = client;
            this.server = server;
            this.clientAddress = address(client);
            this.serverAddress = address(server);
            this.firstFrame = frame;
            this.lastFrame = frame;
        }

        void end(String event) { endingEvent(ending, event); }

        void stop(String event) {
            stopped = true;
            end(event);
        }
    }

    /** {@code 10.1.1.1:1723} -> {@code 10.1.1.1}; {@code [2001:db8::1]:1723} -> {@code 2001:db8::1}. */
    static String address(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String a = colon < 0 ? endpoint : endpoint.substring(0, colon);
        return a.startsWith("[") && a.endsWith("]") ? a.substring(1, a.length() - 1) : a;
    }

    private static final class Call {
        int id;
        Conn conn;
        boolean disconnected;
        boolean reported;
        long firstFrame;
        long lastFrame;
        long firstTime;
        long lastTime;
        boolean beginningCaptured;
        final Map<String, Side> sides = new LinkedHashMap<>(4);
        int setLinkInfos;
        String callResult;
        final List<String> ending = new ArrayList<>();
        AuthKind auth;
        Side authenticator;
        long authAckFrame;
        final List<ChapState> chap = new ArrayList<>(2);
        final List<PapState> pap = new ArrayList<>(1);
        String eapIdentity;
        AuthOutcome eapOutcome;
        CcpOption.MicrosoftPpc mppeFirstOffer;
        long mppeAckFrame;
        MppeSessionKeys keys;
        char[] v1Password;
        Bytes v1Challenge;
        String verifiedUser;
        String verifiedPassword;
        List<Long> verifiedFrames = List.of();

        Call(long frame, long time) {
            firstFrame = frame;
            lastFrame = frame;
            firstTime = time;
            lastTime = time;
        }

        Side side(String address) {
            return sides.computeIfAbsent(address, Side::new);
        }

        void touch(long frame, long time) {
            if (firstFrame == 0) {
                firstFrame = frame;
                firstTime = time;
            }
            lastFrame = Math.max(lastFrame, frame);
            lastTime = Math.max(lastTime, time);
        }

        boolean ended() {
            for (String e : ending) {
                if (e.startsWith("Call-Clear") || e.startsWith("Call-Disconnect")) {
                    return true;
                }
            }
            return false;
        }

        void end(String event) { endingEvent(ending, event); }

        void disconnect(String event) {
            disconnected = true;
            end(event);
        }

        CcpOption.MicrosoftPpc agreedMppe() {
            for (Side s : sides.values()) {
                if (s.mppeAcked != null) {
                    return s.mppeAcked;
                }
            }
            return null;
        }

        int mppeBits() {
            CcpOption.MicrosoftPpc p = agreedMppe();
            return p == null ? 0 : p.mppe128() ? 128 : p.mppe56() ? 56 : p.mppe40() ? 40 : 0;
        }

        boolean mppeStateless() {
            CcpOption.MicrosoftPpc p = agreedMppe();
            return p == null || p.stateless();
        }

        MppeSettings mppeSettings() {
            CcpOption.MicrosoftPpc p = agreedMppe();
            String first = mppeFirstOffer == null ? "" : mppeFirstOffer.bitLetters();
            if (p == null) {
                return new MppeSettings(false, 0, false, "", first, 0);
            }
            return new MppeSettings(true, mppeBits(), p.stateless(), p.bitLetters(), first, mppeAckFrame);
        }
    }

    private static final class Side {
        String address;
        int greCallId = -1;
        int ownCallId = -1;
        long packets;
        long bytes;
        long firstFrame;
        long mppeFrames;
        int firstCoherency = -1;
        int lastCoherency = -1;
        long clearDatagrams;
        long firstClearFrame;
        long malformed;
        long decrypted;
        List<LcpOption> lcpRequested;
        List<LcpOption> lcpAcked;
        final List<Offer> authOffers = new ArrayList<>(2);
        String identification;
        CcpOption.MicrosoftPpc mppeAcked;
        String ipAddress;
        final List<String> dns = new ArrayList<>(2);
        MppeCipher cipher;

        Side(String address) { this.address = address; }

        /** Whether the control connection left the Call ID of GRE from here to {@code to} unknown. */
        boolean ownCallIdUnknownFor(Side to) { return to.ownCallId < 0; }

        DirectionStats stats() {
            return new DirectionStats(address, greCallId, packets, bytes, mppeFrames, firstCoherency, lastCoherency,
                    clearDatagrams, malformed, decrypted);
        }
    }

    private static final class ChapState {
        String authenticatorName;
        Bytes challenge;
        int identifier;
        long challengeFrame;
        Bytes userName = Bytes.EMPTY;
        Bytes response;
        long responseFrame;
        AuthOutcome outcome = AuthOutcome.NO_ANSWER;
        long resultFrame;
        Bytes authenticatorResponse = Bytes.EMPTY;
    }

    private static final class PapState {
        final Bytes peerId;
        final Bytes password;
        final long frame;
        AuthOutcome outcome = AuthOutcome.NO_ANSWER;
        long resultFrame;

        PapState(Bytes peerId, Bytes password, long frame) {
            this.peerId = peerId;
            this.password = password;
            this.frame = frame;
        }

        void result(AuthOutcome o, long frame) {
            outcome = o;
            resultFrame = frame;
        }
    }
}
