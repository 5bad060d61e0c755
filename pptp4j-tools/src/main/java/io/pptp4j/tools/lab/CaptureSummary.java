package io.pptp4j.tools.lab;

import io.pptp4j.analysis.PptpItem;
import io.pptp4j.control.ControlMessage;
import io.pptp4j.ppp.PppMessage;
import io.pptp4j.ppp.auth.ChapPacket;
import io.pptp4j.ppp.auth.PapPacket;
import io.pptp4j.ppp.ccp.CcpOption;
import io.pptp4j.ppp.cp.CpPacket;
import io.pptp4j.ppp.ipcp.IpcpOption;
import io.pptp4j.ppp.lcp.LcpOption;
import io.pptp4j.ppp.mppe.MppePacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Collects, from the items of one capture, what the lab prints about it: a few lines per layer. */
final class CaptureSummary implements Consumer<PptpItem> {
    private final Map<String, Integer> control = new LinkedHashMap<>();
    private final Map<String, Integer> ppp = new LinkedHashMap<>();
    private final Set<String> peers = new LinkedHashSet<>();
    private final Set<String> calls = new LinkedHashSet<>();
    private final Set<String> auth = new LinkedHashSet<>();
    private final Set<String> lcpAuthOffers = new LinkedHashSet<>();
    private final Set<String> mppe = new LinkedHashSet<>();
    private final Set<String> ipcp = new LinkedHashSet<>();
    private int encrypted;
    private int clear;
    private int malformed;

    @Override
    public void accept(PptpItem item) {
        switch (item) {
            case PptpItem.Control c -> control(c);
            case PptpItem.Gre g -> {
                if (g.malformed()) malformed++;
                if (g.ppp() != null) ppp(g.ppp());
            }
            case PptpItem.Malformed m -> malformed++;
            case PptpItem.Gap gap -> malformed++;
        }
    }

    private void control(PptpItem.Control c) {
        control.merge(c.message().abbreviation(), 1, Integer::sum);
        switch (c.message()) {
            case ControlMessage.StartControlConnectionRequest m ->
                    peers.add("client " + c.source() + " vendor \"" + m.vendorString() + "\" firmware " + m.firmwareRevision()
                            + (m.hostName().isEmpty() ? "" : " host \"" + m.hostName() + "\""));
            case ControlMessage.StartControlConnectionReply m ->
                    peers.add("server " + c.source() + " vendor \"" + m.vendorString() + "\" firmware " + m.firmwareRevision()
                            + (m.hostName().isEmpty() ? "" : " host \"" + m.hostName() + "\""));
            case ControlMessage.OutgoingCallReply m ->
                    calls.add("call " + m.peerCallId() + " (client) <-> " + m.callId() + " (server), result " + m.resultCode()
                            + ", server window " + m.packetRecvWindowSize());
            default -> { }
        }
    }

    private void ppp(PppMessage m) {
        ppp.merge(m.protocolName(), 1, Integer::sum);
        switch (m.content()) {
            case MppePacket p -> encrypted++;
            case PppMessage.Datagram d -> clear++;
            case ChapPacket.Response r -> auth.add("CHAP user \"" + r.name().latin1() + "\"");
            case ChapPacket.Success s -> auth.add("CHAP Success");
            case ChapPacket.Failure f -> auth.add("CHAP Failure \"" + f.message().latin1() + "\"");
            case PapPacket.AuthenticateRequest r -> auth.add("PAP user \"" + r.peerId().latin1() + "\" (password in clear)");
            case CpPacket.ConfigureRequest<?> req -> options(m, req.options(), "offers");
            case CpPacket.ConfigureAck<?> ack -> options(m, ack.options(), "agreed");
            case CpPacket.ConfigureNak<?> nak -> options(m, nak.options(), "nak");
            default -> { }
        }
    }

    private void options(PppMessage m, List<?> options, String verb) {
        for (Object o : options) {
            switch (o) {
                case LcpOption.AuthenticationProtocol a when verb.equals("offers") || verb.equals("nak") ->
                        lcpAuthOffers.add(a.chapAlgorithm().map(Enum::name).orElse(a.protocolName()));
                case CcpOption.MicrosoftPpc p -> mppe.add(verb + " " + p.bitLetters());
                case IpcpOption.IpAddress a when verb.equals("agreed") && !a.isUnspecified() ->
                        ipcp.add(a.address().getHostAddress());
                default -> { }
            }
        }
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("  %-9s %s", "control", control.isEmpty() ? "none captured" : counts(control)));
        peers.forEach(p -> out.add(String.format("  %-9s %s", "peer", p)));
        calls.forEach(c -> out.add(String.format("  %-9s %s", "call", c)));
        out.add(String.format("  %-9s %s", "ppp", ppp.isEmpty() ? "none" : counts(ppp)));
        if (!lcpAuthOffers.isEmpty()) out.add(String.format("  %-9s LCP asks for %s", "auth", String.join(", then ", lcpAuthOffers)));
        if (!auth.isEmpty()) out.add(String.format("  %-9s %s", "auth", String.join("; ", auth)));
        if (!mppe.isEmpty()) out.add(String.format("  %-9s CCP MPPE/MPPC bits: %s", "ccp", String.join("; ", mppe)));
        if (!ipcp.isEmpty()) out.add(String.format("  %-9s IPCP addresses agreed: %s", "ipcp", String.join(", ", ipcp)));
        out.add(String.format("  %-9s %d MPPE-encrypted frames, %d IP datagrams in clear%s", "data", encrypted, clear,
                clear > 0 ? "  <- PPP data without MPPE: anyone on the path reads it" : ""));
        if (malformed > 0) out.add(String.format("  %-9s %d items did not decode", "malformed", malformed));
        return out;
    }

    private static String counts(Map<String, Integer> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" x").append(v));
        return sb.toString();
    }
}
