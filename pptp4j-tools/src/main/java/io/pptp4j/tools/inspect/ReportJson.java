package io.pptp4j.tools.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pptp4j.inspect.ChapHandshake;
import io.pptp4j.inspect.ControlSummary;
import io.pptp4j.inspect.DirectionStats;
import io.pptp4j.inspect.Finding;
import io.pptp4j.inspect.PapLogin;
import io.pptp4j.inspect.PptpSession;
import java.time.Instant;

/** The JSON forms of sessions and findings, shared by {@code --json} and {@code --log}. */
final class ReportJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {}

    static ObjectNode session(String file, PptpSession s, boolean showSecrets) {
        ObjectNode o = F.objectNode();
        o.put("file", file);
        o.put("session", s.id());
        o.put("client", s.client());
        o.put("server", s.server());
        o.put("start", time(s.startNanos()));
        o.put("end", time(s.endNanos()));
        o.put("duration_s", s.durationNanos() / 1e9);
        o.put("first_frame", s.firstFrame());
        o.put("last_frame", s.lastFrame());
        o.put("beginning_captured", s.beginningCaptured());
        if (s.control() != null) {
            ControlSummary c = s.control();
            ObjectNode co = o.putObject("control");
            co.put("client", c.clientEndpoint());
            co.put("server", c.serverEndpoint());
            co.put("messages", c.messages());
            co.put("echo_messages", c.echoes());
            if (c.request() != null) {
                co.set("sccrq", peer(c.request()));
            }
            if (c.reply() != null) {
                co.set("sccrp", peer(c.reply()));
            }
        } else {
            o.putNull("control");
        }
        putId(o, "client_call_id", s.clientCallId());
        putId(o, "server_call_id", s.serverCallId());
        o.put("set_link_info", s.setLinkInfos());
        if (s.callResult() != null) {
            o.put("call_result", s.callResult());
        }
        o.set("client_to_server", direction(s.clientToServer()));
        o.set("server_to_client", direction(s.serverToClient()));
        ObjectNode lcp = o.putObject("lcp");
        lcp.set("client", strings(s.clientLcpOptions()));
        lcp.set("server", strings(s.serverLcpOptions()));
        if (s.clientIdentification() != null) {
            lcp.put("client_identification", s.clientIdentification());
        }
        if (s.serverIdentification() != null) {
            lcp.put("server_identification", s.serverIdentification());
        }
        ObjectNode auth = o.putObject("auth");
        auth.put("protocol", s.auth().displayName());
        auth.set("offered", strings(s.authOffers()));
        if (s.user() != null) {
            auth.put("user", s.user());
        } else {
            auth.putNull("user");
        }
        auth.put("outcome", s.authOutcome().label());
        ArrayNode hs = auth.putArray("handshakes");
        for (ChapHandshake h : s.handshakes()) {
            hs.add(handshake(h));
        }
        ArrayNode paps = auth.putArray("pap");
        for (PapLogin p : s.papLogins()) {
            ObjectNode po = paps.addObject();
            po.put("user", p.user());
            po.put("password", showSecrets ? p.password().latin1() : "[redacted]");
            po.put("outcome", p.outcome().label());
            po.put("frame", p.requestFrame());
        }
        ObjectNode mppe = o.putObject("mppe");
        mppe.put("negotiated", s.mppe().negotiated());
        mppe.put("bits", s.mppe().bits());
        mppe.put("stateless", s.mppe().stateless());
        mppe.put("supported_bits", s.mppe().supportedBits());
        mppe.put("first_offer", s.mppe().firstOffer());
        mppe.put("frames", s.mppeFrames());
        mppe.put("decrypted", s.decryptedFrames());
        ObjectNode ipcp = o.putObject("ipcp");
        ipcp.put("client_address", s.clientAddress());
        ipcp.put("server_address", s.serverAddress());
        ipcp.set("dns", strings(s.dns()));
        o.set("ending", strings(s.ending()));
        o.put("ended_by", s.endedBy());
        return o;
    }

    static ObjectNode handshake(ChapHandshake h) {
        ObjectNode o = F.objectNode();
        o.put("kind", h.kind().displayName());
        o.put("user", h.user());
        o.put("authenticator_name", h.authenticatorName());
        o.put("authenticator_challenge", h.authenticatorChallenge().hex());
        if (!h.peerChallenge().isEmpty()) {
            o.put("peer_challenge", h.peerChallenge().hex());
        }
        o.put("nt_response", h.ntResponse().hex());
        if (h.msChap()) {
            o.put("challenge_hash", h.desChallenge().hex());
        }
        o.put("outcome", h.outcome().label());
        ArrayNode frames = o.putArray("frames");
        h.frames().forEach(frames::add);
        return o;
    }

    static ObjectNode finding(String file, Finding f) {
        ObjectNode o = F.objectNode();
        o.put("file", file);
        o.put("session", f.sessionId());
        o.put("severity", f.severity().label());
        o.put("kind", f.kind().id());
        o.put("title", f.kind().title());
        o.put("detail", f.detail());
        ArrayNode frames = o.putArray("frames");
        f.frames().forEach(frames::add);
        return o;
    }

    private static ObjectNode peer(ControlSummary.Peer p) {
        ObjectNode o = F.objectNode();
        o.put("frame", p.frame());
        o.put("protocol_version", (p.protocolVersion() >> 8) + "." + (p.protocolVersion() & 0xFF));
        if (p.resultCode() >= 0) {
            o.put("result_code", p.resultCode());
        }
        o.put("framing_capabilities", p.framingCapabilities());
        o.put("bearer_capabilities", p.bearerCapabilities());
        o.put("maximum_channels", p.maximumChannels());
        o.put("firmware_revision", p.firmwareRevision());
        o.put("host_name", p.hostName());
        o.put("vendor", p.vendorString());
        return o;
    }

    private static ObjectNode direction(DirectionStats d) {
        ObjectNode o = F.objectNode();
        putId(o, "gre_call_id", d.greCallId());
        o.put("packets", d.packets());
        o.put("bytes", d.bytes());
        o.put("mppe_frames", d.mppeFrames());
        if (d.mppeFrames() > 0) {
            o.put("first_coherency_count", d.firstCoherency());
            o.put("last_coherency_count", d.lastCoherency());
        }
        o.put("clear_datagrams", d.clearDatagrams());
        o.put("malformed", d.malformed());
        o.put("decrypted", d.decrypted());
        return o;
    }

    private static void putId(ObjectNode o, String field, int id) {
        if (id < 0) {
            o.putNull(field);
        } else {
            o.put(field, id);
        }
    }

    private static ArrayNode strings(java.util.List<String> l) {
        ArrayNode a = F.arrayNode();
        l.forEach(a::add);
        return a;
    }

    static String time(long nanos) {
        return nanos == 0 ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
