package io.pptp4j.tools.inspect;

import io.pptp4j.inspect.ChapHandshake;
import io.pptp4j.inspect.ControlSummary;
import io.pptp4j.inspect.DirectionStats;
import io.pptp4j.inspect.Finding;
import io.pptp4j.inspect.PapLogin;
import io.pptp4j.inspect.PptpSession;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The readable summary: a block per session, then the findings, most severe first. */
final class ReportText {
    private ReportText() {}

    static void session(PrintWriter out, PptpSession s, boolean showSecrets) {
        out.printf(Locale.ROOT, "session %d  %s -> %s  %s, %.1f s, frames %d-%d%s%n", s.id(), s.client(), s.server(),
                s.startNanos() == 0 ? "?" : ReportJson.time(s.startNanos()), s.durationNanos() / 1e9, s.firstFrame(),
                s.lastFrame(), s.beginningCaptured() ? "" : " (beginning not captured)");
        ControlSummary c = s.control();
        if (c == null) {
            out.println("  control   not captured (GRE only)");
        } else {
            out.printf("  control   %s -> %s, %d messages%s%n", c.clientEndpoint(), c.serverEndpoint(), c.messages(),
                    c.echoes() > 0 ? " (" + c.echoes() + " echo)" : "");
            if (c.request() != null) {
                out.printf("            client: vendor \"%s\", host \"%s\", firmware %d (SCCRQ frame %d)%n",
                        c.request().vendorString(), c.request().hostName(), c.request().firmwareRevision(), c.request().frame());
            }
            if (c.reply() != null) {
                out.printf("            server: vendor \"%s\", host \"%s\", firmware %d, result %d (SCCRP frame %d)%n",
                        c.reply().vendorString(), c.reply().hostName(), c.reply().firmwareRevision(),
                        c.reply().resultCode(), c.reply().frame());
            }
        }
        List<String> call = new ArrayList<>();
        call.add("client call ID " + id(s.clientCallId()));
        call.add("server call ID " + id(s.serverCallId()));
        if (s.setLinkInfos() > 0) {
            call.add(s.setLinkInfos() + " Set-Link-Info");
        }
        if (s.callResult() != null) {
            call.add(s.callResult());
        }
        out.println("  call      " + String.join(", ", call));
        out.println("  traffic   client->server " + direction(s.clientToServer()));
        out.println("            server->client " + direction(s.serverToClient()));
        if (!s.clientLcpOptions().isEmpty() || !s.serverLcpOptions().isEmpty()) {
            out.println("  LCP       client: " + String.join(", ", s.clientLcpOptions())
                    + (s.clientIdentification() != null ? " (\"" + s.clientIdentification() + "\")" : ""));
            out.println("            server: " + String.join(", ", s.serverLcpOptions())
                    + (s.serverIdentification() != null ? " (\"" + s.serverIdentification() + "\")" : ""));
        }
        StringBuilder auth = new StringBuilder(s.auth().displayName());
        if (s.authOffers().size() > 1) {
            auth.append(" (server asked for ").append(String.join(", then ", s.authOffers())).append(')');
        }
        if (s.user() != null) {
            auth.append(", user \"").append(s.user()).append('"');
        }
        auth.append(": ").append(s.authOutcome().label());
        out.println("  auth      " + auth);
        for (ChapHandshake h : s.handshakes()) {
            out.printf("            %s challenge %s%s, NT-Response %s (frames %s)%n", h.kind().displayName(),
                    h.authenticatorChallenge().hex(), h.peerChallenge().isEmpty() ? "" : " peer " + h.peerChallenge().hex(),
                    h.ntResponse().hex(), frames(h.frames()));
        }
        for (PapLogin p : s.papLogins()) {
            out.printf("            PAP user \"%s\" password %s (frame %d)%n", p.user(),
                    showSecrets ? "\"" + p.password().latin1() + "\"" : "[redacted]", p.requestFrame());
        }
        out.println("  MPPE      " + (!s.mppe().negotiated() && s.mppeFrames() > 0 ? "negotiation not captured" : s.mppe().describe())
                + (s.mppe().firstOffer().isEmpty() ? "" : ", first offer " + s.mppe().firstOffer())
                + ", " + s.mppeFrames() + " MPPE frames" + (s.decryptedFrames() > 0 ? ", " + s.decryptedFrames() + " decrypted" : ""));
        if (s.clientAddress() != null || s.serverAddress() != null || !s.dns().isEmpty()) {
            out.println("  IPCP      client " + orDash(s.clientAddress()) + ", server " + orDash(s.serverAddress())
                    + (s.dns().isEmpty() ? "" : ", DNS " + String.join(" ", s.dns().stream().distinct().toList())));
        }
        if (s.ending().isEmpty()) {
            out.println("  ended     still open at the end of the capture");
        } else {
            out.println("  ended     " + String.join("; ", s.ending()));
        }
    }

    static void finding(PrintWriter out, Finding f) {
        out.printf("  %-8s session %d  %s: %s [frames %s]%n", f.severity().name(), f.sessionId(), f.kind().title(),
                f.detail(), frames(f.frames()));
    }

    private static String direction(DirectionStats d) {
        StringBuilder b = new StringBuilder();
        b.append(d.packets()).append(" GRE packets, ").append(d.bytes()).append(" bytes");
        if (d.greCallId() >= 0) {
            b.append(", call ID ").append(d.greCallId());
        }
        if (d.mppeFrames() > 0) {
            b.append(", ").append(d.mppeFrames()).append(" MPPE (counts ").append(d.firstCoherency()).append("..")
                    .append(d.lastCoherency()).append(')');
        }
        if (d.clearDatagrams() > 0) {
            b.append(", ").append(d.clearDatagrams()).append(" in clear");
        }
        if (d.malformed() > 0) {
            b.append(", ").append(d.malformed()).append(" malformed");
        }
        return b.toString();
    }

    private static String id(int id) { return id < 0 ? "?" : Integer.toString(id); }

    private static String orDash(String s) { return s == null ? "-" : s; }

    static String frames(List<Long> frames) {
        return String.join(", ", frames.stream().map(String::valueOf).toList());
    }
}
