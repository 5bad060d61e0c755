package io.pptp4j.ppp.fsm.ipcp;

import io.pptp4j.ppp.fsm.Judgement;
import io.pptp4j.ppp.fsm.NegotiationPolicy;
import io.pptp4j.ppp.ipcp.Ipcp;
import io.pptp4j.ppp.ipcp.IpcpOption;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * IPCP option negotiation (RFC 1332 section 3, RFC 1877).
 *
 * <p>As a server we request our own IP-Address, assign the peer one from the pool (a Configure-Request
 * with 0.0.0.0 or another address is Nak'd with it), Nak the peer's DNS and NBNS requests with the
 * configured servers or Reject them when none is configured, and Reject IP-Compression-Protocol (we do not
 * do Van Jacobson compression) and the deprecated IP-Addresses option. As a client we request 0.0.0.0 and
 * DNS 0.0.0.0 and take the values the server Naks back; we acknowledge the server's own address.
 */
public final class IpcpPolicy implements NegotiationPolicy<IpcpOption> {
    private final IpcpConfig config;
    private boolean requestAddress;
    private Inet4Address ourAddress;
    private final Inet4Address[] servers = new Inet4Address[4]; // what we request: DNS1, NBNS1, DNS2, NBNS2 (types 129-132)
    private Inet4Address assigned;
    private String failure;
    private List<IpcpOption> ourAcked;
    private List<IpcpOption> peerAcked;

    public IpcpPolicy(IpcpConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        startNegotiation();
    }

    @Override
    public void startNegotiation() {
        requestAddress = true;
        ourAddress = config.localAddress().orElse(Ipcp.UNSPECIFIED);
        servers[0] = config.requestDns() ? Ipcp.UNSPECIFIED : null;
        servers[1] = config.requestNbns() ? Ipcp.UNSPECIFIED : null;
        servers[2] = config.requestDns() ? Ipcp.UNSPECIFIED : null;
        servers[3] = config.requestNbns() ? Ipcp.UNSPECIFIED : null;
        failure = null;
        ourAcked = null;
        peerAcked = null;
    }

    @Override
    public List<IpcpOption> requestOptions() {
        List<IpcpOption> list = new ArrayList<>();
        if (requestAddress) list.add(new IpcpOption.IpAddress(ourAddress));
        for (int i = 0; i < 4; i++) {
            if (servers[i] != null) list.add(serverOption(i, servers[i]));
        }
        return list;
    }

    private static IpcpOption serverOption(int index, Inet4Address a) {
        return switch (index) {
            case 0 -> new IpcpOption.PrimaryDnsServerAddress(a);
            case 1 -> new IpcpOption.PrimaryNbnsServerAddress(a);
            case 2 -> new IpcpOption.SecondaryDnsServerAddress(a);
            default -> new IpcpOption.SecondaryNbnsServerAddress(a);
        };
    }

    /** 0-3 for the four RFC 1877 options, -1 otherwise. */
    private static int serverIndex(IpcpOption o) {
        return switch (o) {
            case IpcpOption.PrimaryDnsServerAddress p -> 0;
            case IpcpOption.PrimaryNbnsServerAddress p -> 1;
            case IpcpOption.SecondaryDnsServerAddress p -> 2;
            case IpcpOption.SecondaryNbnsServerAddress p -> 3;
            default -> -1;
        };
    }

    /** The server we give the peer for an RFC 1877 option: DNS or NBNS, primary or secondary. */
    private Optional<Inet4Address> configuredServer(int index) {
        List<Inet4Address> list = index % 2 == 0 ? config.dnsServers() : config.nbnsServers();
        int position = index / 2;
        return position < list.size() ? Optional.of(list.get(position)) : Optional.empty();
    }

    @Override
    public void onConfigureNak(List<IpcpOption> options) {
        for (IpcpOption o : options) {
            if (o instanceof IpcpOption.IpAddress a) {
                // a server keeps its configured address; a client takes what it is given
                if (config.localAddress().isEmpty() && !a.isUnspecified()) ourAddress = a.address();
            } else if (o instanceof IpcpOption.SingleAddress s && serverIndex(o) >= 0 && servers[serverIndex(o)] != null) {
                servers[serverIndex(o)] = s.address();
            }
        }
    }

    @Override
    public void onConfigureReject(List<IpcpOption> options) {
        for (IpcpOption o : options) {
            if (o instanceof IpcpOption.IpAddress) {
                requestAddress = false;
                if (config.localAddress().isEmpty()) failure = "peer rejects IP-Address: it will not assign us one";
            } else if (serverIndex(o) >= 0) {
                servers[serverIndex(o)] = null;
            }
        }
    }

    @Override
    public Judgement<IpcpOption> judge(List<IpcpOption> peerOptions) {
        Judgement.Builder<IpcpOption> b = Judgement.builder();
        boolean sawAddress = false;
        for (IpcpOption o : peerOptions) {
            switch (o) {
                case IpcpOption.IpAddress a -> {
                    sawAddress = true;
                    if (config.pool().isPresent()) {
                        Optional<Inet4Address> mine = assignedAddress();
                        if (mine.isEmpty()) b.reject(o);
                        else if (mine.get().equals(a.address())) b.ack(o);
                        else b.nak(o, new IpcpOption.IpAddress(mine.get()));
                    } else if (a.isUnspecified()) {
                        b.reject(o); // we have no address to give
                    } else {
                        b.ack(o);
                    }
                }
                case IpcpOption.PrimaryDnsServerAddress s -> judgeServer(b, o, s.address());
                case IpcpOption.PrimaryNbnsServerAddress s -> judgeServer(b, o, s.address());
                case IpcpOption.SecondaryDnsServerAddress s -> judgeServer(b, o, s.address());
                case IpcpOption.SecondaryNbnsServerAddress s -> judgeServer(b, o, s.address());
                case IpcpOption.IpAddresses a -> b.reject(o);
                case IpcpOption.IpCompressionProtocol c -> b.reject(o);
                case IpcpOption.Unknown u -> b.reject(o);
                case IpcpOption.Malformed m -> b.reject(o);
            }
        }
        if (!sawAddress && config.pool().isPresent()) {
            // RFC 1661 5.3: prompt the peer to take the address we assign
            assignedAddress().ifPresent(a -> b.append(new IpcpOption.IpAddress(a)));
        }
        return b.build(peerOptions);
    }

    private void judgeServer(Judgement.Builder<IpcpOption> b, IpcpOption o, Inet4Address asked) {
        int index = serverIndex(o);
        Optional<Inet4Address> ours = configuredServer(index);
        if (ours.isEmpty()) b.reject(o);
        else if (ours.get().equals(asked)) b.ack(o);
        else b.nak(o, serverOption(index, ours.get()));
    }

    /** The address assigned to the peer, taken from the pool the first time it is needed. */
    public Optional<Inet4Address> assignedAddress() {
        if (assigned == null && config.pool().isPresent()) {
            assigned = config.pool().get().allocate().orElse(null);
            if (assigned == null) failure = "address pool exhausted";
        }
        return Optional.ofNullable(assigned);
    }

    /** Gives the peer's address back to the pool (when the session ends). */
    public void release() {
        if (assigned != null) {
            config.pool().ifPresent(p -> p.release(assigned));
            assigned = null;
        }
    }

    @Override
    public void onAckSent(List<IpcpOption> peerOptions) { peerAcked = List.copyOf(peerOptions); }

    @Override
    public void onAckReceived(List<IpcpOption> ourOptions) { ourAcked = List.copyOf(ourOptions); }

    @Override
    public Optional<String> failure() { return Optional.ofNullable(failure); }

    /** The addresses both sides acknowledged, once both Configure-Acks have passed and both ends have an address. */
    public Optional<IpcpNegotiated> negotiated() {
        if (ourAcked == null || peerAcked == null) {
            return Optional.empty();
        }
        Inet4Address local = null;
        Inet4Address[] got = new Inet4Address[4];
        for (IpcpOption o : ourAcked) {
            if (o instanceof IpcpOption.IpAddress a) local = a.address();
            else if (o instanceof IpcpOption.SingleAddress s && serverIndex(o) >= 0) got[serverIndex(o)] = s.address();
        }
        Inet4Address peer = assigned;
        for (IpcpOption o : peerAcked) {
            if (o instanceof IpcpOption.IpAddress a) peer = a.address();
        }
        if (local == null || peer == null) {
            return Optional.empty();
        }
        List<Inet4Address> dns = new ArrayList<>();
        List<Inet4Address> nbns = new ArrayList<>();
        if (config.pool().isPresent()) {
            dns.addAll(config.dnsServers());
            nbns.addAll(config.nbnsServers());
        } else {
            for (int i : new int[] {0, 2}) if (got[i] != null && !got[i].equals(Ipcp.UNSPECIFIED)) dns.add(got[i]);
            for (int i : new int[] {1, 3}) if (got[i] != null && !got[i].equals(Ipcp.UNSPECIFIED)) nbns.add(got[i]);
        }
        return Optional.of(new IpcpNegotiated(local, peer, dns, nbns));
    }
}
